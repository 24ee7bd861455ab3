"""Deployment tests: run records, status, scheduling, real Scrapyd nodes."""
