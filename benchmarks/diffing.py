"""Benchmark of the diff engine and the fingerprint on realistic article edits."""

from __future__ import annotations

import json
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from newscrawl.diffing import diff_versions, fingerprint

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
RUNS = 50


def corpus_paragraphs() -> list[str]:
    """Real paragraphs from the corpus sidecars (synthetic text when it is absent)."""
    paragraphs = []
    for sidecar in sorted(CORPUS.glob("pages/*/*.json")):
        data = json.loads(sidecar.read_text("utf-8"))
        paragraphs += [p for p in data.get("paragraphs") or [] if len(p.split()) >= 8]
    if paragraphs:
        return paragraphs
    rng = random.Random(0)
    words = [
        "the",
        "council",
        "said",
        "budget",
        "cut",
        "by",
        "minister",
        "on",
        "Monday",
        "care",
        "homes",
        "and",
    ]
    return [" ".join(rng.choice(words) for _ in range(40)) + "." for _ in range(2000)]


def article(pool: list[str], words: int, rng: random.Random) -> list[str]:
    """Consecutive real paragraphs adding up to about ``words`` words."""
    start = rng.randrange(len(pool))
    body, total = [], 0
    while total < words:
        paragraph = pool[(start + len(body)) % len(pool)]
        body.append(paragraph)
        total += len(paragraph.split())
    return body


def edit(body: list[str], pool: list[str], edits: int, rng: random.Random) -> list[str]:
    """The body after ``edits`` typical newsroom edits."""
    new = list(body)
    for _ in range(edits):
        k = rng.randrange(len(new))
        kind = rng.choice(["word", "number", "sentence", "add", "delete", "move"])
        words = new[k].split()
        if kind == "word":
            words[rng.randrange(len(words))] = rng.choice(["reportedly", "officials", "later"])
            new[k] = " ".join(words)
        elif kind == "number":
            new[k] = " ".join(words[:3] + [str(rng.randrange(2, 999))] + words[3:])
        elif kind == "sentence":
            new[k] = new[k] + " " + rng.choice(pool).split(". ")[0].rstrip(".") + "."
        elif kind == "add":
            new.insert(k, rng.choice(pool))
        elif kind == "delete" and len(new) > 1:
            del new[k]
        elif kind == "move":
            new.insert(rng.randrange(len(new)), new.pop(k))
    return new


def version(title: str, body: list[str]) -> dict:
    return {"title": title, "standfirst": "", "authors": ["A Writer"], "paragraphs": body}


def timed(fn: Callable[[], object]) -> float:
    """CPU milliseconds: steadier than wall time on a shared machine, and the diff is
    pure computation, so the two agree when the machine is idle."""
    start = time.process_time()
    fn()
    return (time.process_time() - start) * 1000


def measure(label: str, words: int, edits: int, pool: list[str]) -> None:
    rng = random.Random(words + edits)
    times, sizes = [], []
    for _ in range(RUNS):
        old = article(pool, words, rng)
        new = edit(old, pool, edits, rng)
        a, b = version("Headline", old), version("Headline, updated", new)
        sizes.append(sum(len(p.split()) for p in old))
        times.append(timed(lambda a=a, b=b: diff_versions(a, b)))
    fp = [timed(lambda a=a: fingerprint(a)) for _ in range(RUNS)]
    print(
        f"{label:<34} {statistics.median(sizes):>7.0f} words {edits:>3} edits  "
        f"diff median {statistics.median(times):6.2f} ms  worst {max(times):6.2f} ms  "
        f"fingerprint median {statistics.median(fp):5.2f} ms"
    )


def main() -> None:
    pool = corpus_paragraphs()
    print(f"diffing: {RUNS} runs each, paragraphs from {len(pool)} real corpus paragraphs (CPU ms)")
    measure("normal article, 1-edit change", 1000, 1, pool)
    measure("normal article, 5-edit change", 1000, 5, pool)
    measure("long live blog, 50-edit change", 20000, 50, pool)
    rng = random.Random(1)
    old = article(pool, 20000, rng)
    rewrite = version("Rewritten", article(pool, 20000, rng))
    t = [timed(lambda: diff_versions(version("Blog", old), rewrite)) for _ in range(5)]
    print(f"{'long live blog, rewritten entirely':<34} diff median {statistics.median(t):.2f} ms")


if __name__ == "__main__":
    main()
