"""Apply an article's modelled text to its real page with lxml, keeping the page's era."""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from pathlib import Path

from lxml.html import HtmlElement

from newscrawl.replay import markup
from newscrawl.replay.corpus import load_page
from newscrawl.replay.model import Content, Para


def _set_text(element: HtmlElement, text: str) -> None:
    tail = element.tail
    for child in list(element):
        element.remove(child)
    element.text = text
    element.tail = tail


def _substitute(element: HtmlElement, old: str, new: str) -> bool:
    """Replace ``old`` inside one text node, so links and emphasis survive."""
    for node in element.iter():
        for attr in ("text", "tail"):
            if node is element and attr == "tail":
                continue
            value = getattr(node, attr)
            if value and old in value:
                setattr(node, attr, value.replace(old, new, 1))
                return True
    return False


def _paragraph(para: Para, sources: list[HtmlElement], like: HtmlElement) -> HtmlElement:
    if para.src is None:
        element = copy.deepcopy(like)
        _set_text(element, para.text)
        return element
    element = copy.deepcopy(sources[para.src])
    element.tail = like.tail
    if para.rewritten:
        _set_text(element, para.text)
        return element
    for old, new in para.subs:
        if not _substitute(element, old, new):
            # The old words span inline markup: fall back to plain text.
            _set_text(element, para.text)
            break
    return element


def _rewrite_body(doc: HtmlElement, content: Content) -> None:
    container = markup.body_container(doc)
    slots = markup.body_paragraphs(doc)
    like = copy.deepcopy(slots[0])
    like.tail = slots[-1].tail
    new = [_paragraph(p, slots, like) for p in content.paras]
    # Paragraph n goes where the page had its n-th paragraph, so figures, asides and
    # sub-headings keep their place; extra paragraphs follow the last slot.
    for slot, element in zip(slots, new, strict=False):
        slot.addprevious(element)
    anchor = slots[-1]
    for element in new[len(slots) :]:
        anchor.addnext(element)
        anchor = element
    for slot in slots:
        slot.getparent().remove(slot)
    for note in content.corrections:
        element = copy.deepcopy(like)
        _set_text(element, "")
        em = element.makeelement("em", {})
        em.text = note
        element.append(em)
        container.append(element)


def _rewrite_headline(doc: HtmlElement, old: str, new: str) -> None:
    for h1 in markup.headline_elements(doc):
        _set_text(h1, new)
    for meta in markup.title_metas(doc):
        meta.set("content", (meta.get("content") or "").replace(old, new))
    title = doc.find(".//title")
    if title is not None and title.text:
        title.text = title.text.replace(old, new)
    escaped_old, escaped_new = json.dumps(old)[1:-1], json.dumps(new)[1:-1]
    for script in doc.iter("script"):
        if script.text and (old in script.text or escaped_old in script.text):
            script.text = script.text.replace(old, new).replace(escaped_old, escaped_new)


@lru_cache(maxsize=128)
def render(corpus: Path, ref: str, content: Content) -> str:
    """The page ``ref`` showing ``content``: a real page of its era with the edits in."""
    page = load_page(corpus, ref)
    doc = markup.parse(page.html)
    if content.headline != page.headline:
        _rewrite_headline(doc, page.headline, content.headline)
    _rewrite_body(doc, content)
    return markup.serialize(doc)
