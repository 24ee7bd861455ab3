"""An article's text as the replay models it: headline, paragraphs with identities, notes.

Scripted edits are pure functions on this model. The server renders the model into the
real page (``edits.render``) and the ground truth diffs models (``truth``), so both
read the same edits without sharing code with the crawler under test.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from newscrawl.replay.corpus import SourcePage


class EditError(ValueError):
    """A scripted edit does not fit the article as it stands at that step."""


@dataclass(frozen=True)
class Para:
    """One body paragraph. ``pid`` stays with it through edits and moves."""

    pid: str
    text: str
    """Whitespace-normalised text as a reader sees it."""
    src: int | None = None
    """Index of the source page paragraph it renders from; None for an added one."""
    subs: tuple[tuple[str, str], ...] = ()
    """Substring replacements applied inside the source paragraph's markup."""
    rewritten: bool = False
    """True when the whole text was replaced (its inline markup is dropped)."""


@dataclass(frozen=True)
class Content:
    """What the article says at one moment."""

    headline: str
    paras: tuple[Para, ...]
    corrections: tuple[str, ...] = ()
    added: int = 0
    """How many paragraphs scripts have added so far (names new pids)."""

    @classmethod
    def of(cls, page: SourcePage) -> Content:
        paras = tuple(Para(f"s{i}", text, src=i) for i, text in enumerate(page.paragraphs))
        return cls(page.headline, paras)

    def key(self) -> tuple[str, str, tuple[str, ...]]:
        """The text alone: equal keys mean the same version. Paragraph boundaries do not
        count (a paragraph split in two with the same words is the same text)."""
        return self.headline, " ".join(p.text for p in self.paras), self.corrections

    def _index(self, at: object, *, insert: bool = False) -> int:
        top = len(self.paras) + (1 if insert else 0)
        if not isinstance(at, int) or isinstance(at, bool) or not -top <= at < top:
            raise EditError(f"paragraph index {at!r} out of range (0..{top - 1})")
        return at % top if at < 0 else at

    def _check_new_text(self, text: object) -> str:
        if not isinstance(text, str) or not " ".join(text.split()):
            raise EditError("text must be a non-empty string")
        text = " ".join(text.split())
        if text in (p.text for p in self.paras):
            raise EditError(f"the article already has a paragraph {text[:40]!r}")
        return text

    def with_headline(self, text: object) -> Content:
        if not isinstance(text, str) or not text.strip():
            raise EditError("headline text must be a non-empty string")
        text = " ".join(text.split())
        if text == self.headline:
            raise EditError("the new headline equals the current one")
        return replace(self, headline=text)

    def add(self, at: object, text: object) -> Content:
        index = self._index(at, insert=True)
        para = Para(f"n{self.added}", self._check_new_text(text))
        paras = (*self.paras[:index], para, *self.paras[index:])
        return replace(self, paras=paras, added=self.added + 1)

    def remove(self, at: object) -> Content:
        index = self._index(at)
        return replace(self, paras=self.paras[:index] + self.paras[index + 1 :])

    def edit(
        self, at: object, text: object = None, old: object = None, new: object = None
    ) -> Content:
        index = self._index(at)
        para = self.paras[index]
        if text is not None:
            para = replace(para, text=self._check_new_text(text), rewritten=True, subs=())
        elif isinstance(old, str) and isinstance(new, str) and old:
            if old not in para.text:
                raise EditError(f"paragraph {index} does not contain {old!r}")
            changed = " ".join(para.text.replace(old, new, 1).split())
            para = replace(para, text=self._check_new_text(changed), subs=(*para.subs, (old, new)))
        else:
            raise EditError("edit needs either text, or old and new")
        return replace(self, paras=(*self.paras[:index], para, *self.paras[index + 1 :]))

    def move(self, src: object, dst: object) -> Content:
        start = self._index(src)
        paras = list(self.paras)
        para = paras.pop(start)
        end = replace(self, paras=tuple(paras))._index(dst, insert=True)
        if end == start:
            raise EditError("a move must change the paragraph's position")
        paras.insert(end, para)
        return replace(self, paras=tuple(paras))

    def split(self, at: object, after: object) -> Content:
        """Split a paragraph in two after the words ``after``; the text stays the same."""
        index = self._index(at)
        para = self.paras[index]
        if (
            not isinstance(after, str)
            or not para.text.startswith(after)
            or not (0 < len(after.rstrip()) < len(para.text.rstrip()))
        ):
            raise EditError(f"paragraph {index} does not start with {after!r} and go on")
        first = replace(para, text=after.strip(), rewritten=True, subs=())
        second = Para(f"n{self.added}", para.text[len(after) :].strip())
        paras = (*self.paras[:index], first, second, *self.paras[index + 1 :])
        return replace(self, paras=paras, added=self.added + 1)

    def merge(self, at: object) -> Content:
        """Join a paragraph and the next into one; the text stays the same."""
        index = self._index(at)
        if index + 1 >= len(self.paras):
            raise EditError(f"paragraph {index} has no next paragraph to merge with")
        first, second = self.paras[index], self.paras[index + 1]
        joined = replace(first, text=f"{first.text} {second.text}", rewritten=True, subs=())
        return replace(self, paras=(*self.paras[:index], joined, *self.paras[index + 2 :]))

    def correct(self, text: object) -> Content:
        if not isinstance(text, str) or not text.strip():
            raise EditError("correction text must be a non-empty string")
        return replace(self, corrections=(*self.corrections, " ".join(text.split())))
