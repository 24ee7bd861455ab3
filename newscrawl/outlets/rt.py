"""RT (rt.com): the printed summary and date line, without embedded tweets."""

from __future__ import annotations

from newscrawl.outlets.printed import PrintedFieldsExtractor


class RTExtractor(PrintedFieldsExtractor):
    """RT articles, 2016 and 2022 templates. The summary printed under the headline
    (``.article__summary``) is the standfirst; ``published`` is the "Published time" line
    (GMT), the only date the 2016 pages carry; the body is ``.article__text``, read as
    printed; embedded tweets (``.rtcode``) and the "Read more" boxes and lines are not the
    article's text."""

    standfirst_selectors = (".article__summary",)
    date_selectors = (".date_article-header",)
    date_prefixes = ("Published time:",)

    def __init__(self) -> None:
        super().__init__(
            "rt",
            body_selectors=(".article__text",),
            drop_selectors=(
                ".rtcode",
                "blockquote.twitter-tweet",
                ".read-more",
                "//p[starts-with(normalize-space(.), 'READ MORE:')]",
            ),
        )
