"""Crawl tests: real `scrapy crawl` runs against a local site of saved pages."""
