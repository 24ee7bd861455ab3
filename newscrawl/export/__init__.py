"""Export: versions, changes and version pairs as JSON Lines or CSV rows, streamed."""
