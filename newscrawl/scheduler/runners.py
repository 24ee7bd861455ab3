"""Where scheduled crawls run: on a Scrapyd node, or as local ``scrapy crawl`` processes."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Protocol

from scrapy.utils.conf import closest_scrapy_cfg

from newscrawl.scheduler.scrapyd import Scrapyd

# What a runner reports: outlets with a job pending or running (anyone's), and which of
# our jobs have ended with whether the runner saw them succeed (None: it cannot tell).
Observation = tuple[set[str], dict[str, bool | None]]


class Runner(Protocol):
    def start(self, outlet: str) -> str:
        """Start a crawl of ``outlet``; returns its job id (also its run record id)."""

    def observe(self, ours: Mapping[str, str]) -> Observation:
        """Busy outlets, and the ended jobs among ``ours`` (job id -> outlet)."""


class ScrapydRunner:
    """Schedules jobs on Scrapyd. Scrapyd does not report exit statuses, so whether a
    finished job succeeded is read from its run record."""

    def __init__(
        self,
        scrapyd: Scrapyd,
        settings: Mapping[str, str] | None = None,
        args: Mapping[str, str] | None = None,
    ) -> None:
        self.scrapyd = scrapyd
        self.settings = dict(settings or {})
        self.args = dict(args or {})

    def start(self, outlet: str) -> str:
        return self.scrapyd.schedule(outlet, self.settings, self.args)

    def observe(self, ours: Mapping[str, str]) -> Observation:
        jobs = self.scrapyd.listjobs()
        live = jobs["pending"] + jobs["running"]
        busy = {job["spider"] for job in live}
        live_ids = {job["id"] for job in live}
        # Finished, or forgotten by a restarted Scrapyd: over either way.
        return busy, {job: None for job in ours if job not in live_ids}


class LocalRunner:
    """Runs ``python -m scrapy crawl OUTLET`` in ``cwd`` (the project directory)."""

    def __init__(
        self,
        settings: Mapping[str, str] | None = None,
        args: Mapping[str, str] | None = None,
        cwd: Path | None = None,
        log_dir: Path | None = None,
    ) -> None:
        self.settings = dict(settings or {})
        self.args = dict(args or {})
        self.cwd = cwd
        self.log_dir = log_dir
        self.processes: dict[str, tuple[str, subprocess.Popen[bytes]]] = {}

    def command(self, outlet: str, job: str) -> list[str]:
        settings = dict(self.settings)
        if self.log_dir is not None:
            settings.setdefault("LOG_FILE", str(self.log_dir / outlet / f"{job}.log"))
        command = [sys.executable, "-m", "scrapy", "crawl", outlet, "-a", f"_job={job}"]
        for name, value in settings.items():
            command += ["-s", f"{name}={value}"]
        for name, value in self.args.items():
            command += ["-a", f"{name}={value}"]
        return command

    def start(self, outlet: str) -> str:
        job = uuid.uuid4().hex
        if self.log_dir is not None:
            (self.log_dir / outlet).mkdir(parents=True, exist_ok=True)
        env = dict(os.environ)
        if not closest_scrapy_cfg(self.cwd or "."):
            # Outside a project checkout (no scrapy.cfg) the installed settings apply.
            env.setdefault("SCRAPY_SETTINGS_MODULE", "newscrawl.settings")
        process = subprocess.Popen(self.command(outlet, job), cwd=self.cwd, env=env)
        self.processes[job] = (outlet, process)
        return job

    def observe(self, ours: Mapping[str, str]) -> Observation:
        busy: set[str] = set()
        ended: dict[str, bool | None] = {}
        for job, (outlet, process) in list(self.processes.items()):
            code = process.poll()
            if code is None:
                busy.add(outlet)
            else:
                ended[job] = code == 0
                del self.processes[job]
        return busy, {job: ok for job, ok in ended.items() if job in ours}
