"""Scrapy extensions newscrawl enables in its settings (crawl run records)."""
