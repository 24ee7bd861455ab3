"""Store contract tests, run on SQLite and on a MongoDB wire server."""
