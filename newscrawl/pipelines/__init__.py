"""Item pipelines: keep versions, then write change records."""
