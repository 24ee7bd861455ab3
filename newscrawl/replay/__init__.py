"""The replay newsroom: real Guardian pages served over simulated time, with scripted edits."""

from __future__ import annotations

from newscrawl.replay.corpus import CorpusError, resolve_corpus
from newscrawl.replay.script import Script, ScriptError, bundled_scripts, from_dict, load_script
from newscrawl.replay.server import ReplayServer, running
from newscrawl.replay.truth import Schedule, ground_truth

__all__ = [
    "CorpusError",
    "ReplayServer",
    "Schedule",
    "Script",
    "ScriptError",
    "bundled_scripts",
    "from_dict",
    "ground_truth",
    "load_script",
    "resolve_corpus",
    "running",
]
