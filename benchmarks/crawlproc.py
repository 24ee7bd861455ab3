"""Run one ``scrapy crawl`` in a child process and measure that process alone.

``ru_maxrss`` of a child counts the parent's memory at fork (Linux keeps the high-water
mark across ``exec``), so the child reports its own ``VmHWM`` from /proc just before it
exits, and its CPU comes from ``os.wait4`` on that one process."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

# A measured child begins with this: at exit, it writes its own peak resident set (kB)
# where the parent asked.
PEAK_HOOK = """
import atexit, os, sys
def _peak():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                with open(os.environ["NEWSCRAWL_BENCH_PEAK"], "w") as out:
                    out.write(line.split()[1])
atexit.register(_peak)
"""
CHILD = (
    PEAK_HOOK
    + """
from scrapy.cmdline import execute
if os.environ.get("NEWSCRAWL_BENCH_CPROFILE"):
    import cProfile
    profile = cProfile.Profile()
    atexit.register(profile.dump_stats, os.environ["NEWSCRAWL_BENCH_CPROFILE"])
    profile.enable()
execute(["scrapy", *sys.argv[1:]])
"""
)


@dataclass
class Measured:
    """One crawl process: exit status, its CPU seconds, its own peak RSS, its stderr."""

    returncode: int
    cpu: float
    peak_kib: int
    stderr: str


def run_crawl(
    args: list[str],
    settings: Mapping[str, str],
    cwd: Path,
    pythonpath: Path | None = None,
    prefix: list[str] | None = None,
    env: Mapping[str, str] | None = None,
) -> Measured:
    """``scrapy crawl ARGS -s NAME=VALUE...`` from ``cwd`` (importing newscrawl from
    ``pythonpath`` when given), measured as above; ``prefix`` wraps the command."""
    command = [*(prefix or []), sys.executable, "-c", CHILD, "crawl", *args]
    for name, value in settings.items():
        command += ["-s", f"{name}={value}"]
    extra = {**(env or {}), "SCRAPY_SETTINGS_MODULE": "newscrawl.settings"}
    if pythonpath is not None:
        extra["PYTHONPATH"] = str(pythonpath)
    return run_measured(command, cwd, extra)


def run_measured(command: list[str], cwd: Path, env: Mapping[str, str]) -> Measured:
    """Run ``command`` (a Python whose code begins with ``PEAK_HOOK``, or no peak is
    reported) with ``env`` added, and measure that process alone."""
    with tempfile.NamedTemporaryFile(suffix=".peak") as peak, tempfile.TemporaryFile() as err:
        child_env = {**os.environ, **env, "NEWSCRAWL_BENCH_PEAK": peak.name}
        process = subprocess.Popen(command, cwd=cwd, env=child_env, stdout=err, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        text = Path(peak.name).read_text().strip()
        err.seek(0)
        return Measured(
            process.returncode,
            usage.ru_utime + usage.ru_stime,
            int(text) if text else 0,
            err.read().decode("utf-8", "replace"),
        )
