"""Spiders, one per outlet, on the shared NewsSpider base."""
