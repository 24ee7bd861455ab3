"""Tests of article extraction: each outlet's extractor, shared helpers, ``newscrawl extract``."""
