"""Start a crawl of each outlet every few minutes, on Scrapyd or as local processes."""
