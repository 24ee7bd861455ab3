"""Scrapy commands newscrawl adds or adjusts (``COMMANDS_MODULE``)."""
