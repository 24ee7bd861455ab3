"""Meta refresh redirects, looked for in the head of the page only.

Scrapy's ``MetaRefreshMiddleware`` reads ``response.text``, which decodes the whole page
and keeps the decoded copy on the response for as long as the response lives: for a
400 KB article that is up to 1.6 MB of text per response, held while the response waits
for the spider and decoded again by the extractor, and it was most of a discovery
crawl's peak memory. w3lib only ever looks at the first 4,096 characters of that text,
so this middleware hands Scrapy's the page's first ``HEAD_BYTES`` bytes instead: the
same redirects are followed, and the page itself is decoded once, by the extractor.
A response without a body (a 304, most often) has no meta tag to look for: it is passed
on as it is, where Scrapy's would still infer its encoding and search its empty text.
"""

from __future__ import annotations

from scrapy import Request
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
from scrapy.http import HtmlResponse, Response

# w3lib reads 4,096 characters; in UTF-8 a character takes at most 4 bytes.
HEAD_BYTES = 4 * 4096


class HeadMetaRefreshMiddleware(MetaRefreshMiddleware):
    """``MetaRefreshMiddleware`` reading only the head of a long page."""

    def process_response(self, request: Request, response: Response) -> Request | Response:
        if not response.body:
            return response
        if not isinstance(response, HtmlResponse) or len(response.body) <= HEAD_BYTES:
            return super().process_response(request, response)
        head = response.replace(body=response.body[:HEAD_BYTES])
        result = super().process_response(request, head)
        return response if result is head else result
