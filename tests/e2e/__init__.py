"""End-to-end tests: crawls of the replay newsroom checked against its ground truth."""
