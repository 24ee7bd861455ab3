"""A small client for the Scrapyd JSON API (schedule, list jobs and spiders), on urllib."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from urllib.error import URLError
from urllib.parse import urlencode, urljoin
from urllib.request import Request, urlopen


class ScrapydError(RuntimeError):
    """Scrapyd could not be reached or answered with an error."""


class Scrapyd:
    """One Scrapyd node (``http://host:6800/``) and one project on it."""

    def __init__(self, url: str, project: str = "newscrawl", timeout: float = 30.0) -> None:
        self.url = url if url.endswith("/") else url + "/"
        self.project = project
        self.timeout = timeout

    def schedule(
        self,
        spider: str,
        settings: Mapping[str, str] | None = None,
        args: Mapping[str, str] | None = None,
        jobid: str | None = None,
    ) -> str:
        """Queue a crawl; returns the job id. ``settings`` become ``-s`` and ``args``
        spider arguments of the job."""
        fields: list[tuple[str, str]] = [("project", self.project), ("spider", spider)]
        fields += [("setting", f"{name}={value}") for name, value in (settings or {}).items()]
        fields += [(name, str(value)) for name, value in (args or {}).items()]
        if jobid:
            fields.append(("jobid", jobid))
        return str(self._call("schedule.json", post=fields)["jobid"])

    def listjobs(self) -> dict[str, list[dict[str, Any]]]:
        """``{"pending": [...], "running": [...], "finished": [...]}`` of the project."""
        answer = self._call("listjobs.json", query={"project": self.project})
        return {state: answer.get(state, []) for state in ("pending", "running", "finished")}

    def listspiders(self) -> list[str]:
        return list(self._call("listspiders.json", query={"project": self.project})["spiders"])

    def daemonstatus(self) -> dict[str, Any]:
        return self._call("daemonstatus.json")

    def _call(
        self,
        endpoint: str,
        query: Mapping[str, str] | None = None,
        post: list[tuple[str, str]] | None = None,
    ) -> dict[str, Any]:
        url = urljoin(self.url, endpoint)
        if query:
            url += "?" + urlencode(query)
        data = urlencode(post).encode() if post is not None else None
        try:
            with urlopen(Request(url, data=data), timeout=self.timeout) as response:
                answer = json.loads(response.read().decode("utf-8"))
        except (URLError, OSError, ValueError) as exc:
            raise ScrapydError(f"Scrapyd at {self.url} did not answer {endpoint}: {exc}") from exc
        if answer.get("status") != "ok":
            message = answer.get("message", answer)
            raise ScrapydError(f"Scrapyd at {self.url} refused {endpoint}: {message}")
        return answer
