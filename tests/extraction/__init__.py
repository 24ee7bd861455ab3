"""Tests of article extraction: the Guardian extractor, shared helpers, ``newscrawl extract``."""
