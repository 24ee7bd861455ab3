"""What newscrawl has learned about an outlet's timing: its check curve, and how far its
signals and page modification times can be believed (for status and the viewer)."""

from __future__ import annotations

from typing import Any

from newscrawl.schedule.curve import Curve
from newscrawl.schedule.learn import outlet_curve
from newscrawl.signals import SOURCES, Trust

MIN_OBSERVED = 5  # unchanged checks with a modified time before judging it
MOVED_SHARE = 0.1  # more moved-without-a-change than this: modification times say little


def modified_verdict(state: dict[str, Any]) -> dict[str, Any]:
    """Whether the outlet's page ``modified`` times move only with the text."""
    moved = int(state.get("modified_moved") or 0)
    steady = int(state.get("modified_steady") or 0)
    if moved + steady < MIN_OBSERVED:
        verdict = "unknown"
    else:
        verdict = "untrustworthy" if moved > MOVED_SHARE * (moved + steady) else "trustworthy"
    return {"verdict": verdict, "moved_without_change": moved, "steady": steady}


def outlet_schedule(store: Any, outlet: str) -> dict[str, Any]:
    """The outlet's learned curve, signal trust and modified-time verdict, as JSON."""
    state = store.outlet_state(outlet)
    curve: Curve = outlet_curve(store, outlet)
    trust = Trust(state)
    return {
        "curve": curve.as_json(),
        "signals": {source: trust.describe(source) for source in SOURCES},
        "modified": modified_verdict(state),
    }


def describe(schedule: dict[str, Any]) -> str:
    """One line for a terminal."""
    curve = schedule["curve"]
    learned = (
        f"learned from {curve['learned_from']} changes"
        if curve["learned_from"]
        else "the evidence default"
    )
    hours = ", ".join(f"{h:g}" for h in curve["hours"])
    signals = "; ".join(f"{s} {v}" for s, v in schedule["signals"].items())
    return (
        f"checks at hours {hours} ({learned}); signals: {signals}; "
        f"modified times {schedule['modified']['verdict']}"
    )
