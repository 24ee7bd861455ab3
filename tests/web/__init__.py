"""Web viewer, feed and JSON API tests."""
