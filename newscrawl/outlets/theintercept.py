"""The Intercept: the printed excerpt as the standfirst, without pull quotes."""

from __future__ import annotations

from newscrawl.outlets.printed import PrintedFieldsExtractor


class TheInterceptExtractor(PrintedFieldsExtractor):
    """The Intercept, firstlook.org (2014) to 2024 templates. The excerpt printed under the
    headline (``.post__excerpt``, ``.Post-excerpt``) is the standfirst (the meta
    description can be another summary); pull quotes repeat the text and photo-grid
    captions and credit lines are not the text: all are dropped."""

    standfirst_selectors = (".post__excerpt", ".Post-excerpt")

    def __init__(self) -> None:
        super().__init__(
            "theintercept",
            drop_selectors=(
                "blockquote.Pullquote",
                "blockquote[data-shortcode-type=pullquote]",
                ".PhotoGrid-description",
                # The photo credit line printed as the last paragraph.
                "//p[starts-with(normalize-space(.), 'Photo:') or "
                "starts-with(normalize-space(.), 'Top photo:')]",
            ),
        )
