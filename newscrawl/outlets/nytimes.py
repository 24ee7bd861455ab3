"""The New York Times: 2012 pages, 2014-2017 ``story-body-text``, 2018 onwards
``section[name=articleBody]``, and interactive features (``g-`` blocks with captions)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newscrawl.outlets import pagetype, printed

# The body of each template, newest first, as one union so the parts stay in page order.
# The 2012 template prints "X contributed reporting" apart, under the story.
BODY = (
    "section[name=articleBody] div.StoryBodyCompanionColumn, p.story-body-text, "
    "p[itemprop=articleBody], div.articleBody div.authorIdentification > p, "
    "div.g-body p.g-p, div.g-block p.g-caption, div.g-block .g-text p"
)
# Pictures, promos of other stories ("storylines", role=complementary), ad slots.
DROP = (
    "figure, figcaption, aside, .caption, .credit, [role=complementary], "
    "[data-testid=photoviewer-wrapper], [data-testid=inline-message], "
    "[id^=NYT_MAIN_CONTENT], [id^=NYT_ABOVE], .bottom-of-article, .story-info"
)
# The NYT's own byline meta ("By A, B and C"), then the printed byline of features (whose
# meta may be empty), 2012 pages, and later ones.
BYLINE = (
    "//meta[@name='byl']/@content | //meta[@name='byl']/@value"
    " | //p[contains(@class,'g-byline')] | //h6[contains(@class,'byline')]"
    " | //*[@itemprop='author' and not(ancestor::*[@itemprop='author'])]"
)


class NYTimesExtractor(printed.SaysWhyNot):
    """The New York Times, every template since 2012: the printed headline (metadata keeps
    an index headline) and the whole byline (metadata of some pages names one author)."""

    version = 1

    def __init__(self) -> None:
        super().__init__("nytimes", [BODY], [DROP])

    def read_printed(self, page: pagetype.ParsedPage, metadata: Mapping[str, Any]) -> Any:
        """The printed headline and byline."""
        return printed.headline(page.doc), printed.byline(page.doc, BYLINE)

    def finish(self, result: dict[str, Any], found: Any) -> dict[str, Any]:
        title, names = found
        result["title"] = title or result["title"]
        printed.set_notes_apart(result)
        meta_names = result["authors"]
        # Metadata spells a name as the byline does, in its own case ("McDonald"), unless
        # it is in capitals too.
        keep = printed.same_names(names, meta_names) and not any(n.isupper() for n in meta_names)
        if names and not keep:
            result["authors"] = names
        return result
