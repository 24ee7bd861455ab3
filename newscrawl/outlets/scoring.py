"""Scoring extracted text against ground truth: token F1 and paragraph-boundary agreement."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

_TOKEN = re.compile(r"\w+", re.UNICODE)


def tokens(text: str) -> list[str]:
    """Words of ``text``, case-folded; punctuation and whitespace are not tokens."""
    return [t.casefold() for t in _TOKEN.findall(text)]


def token_f1(got: str | Sequence[str], expected: str | Sequence[str]) -> float:
    """F1 of the bags of tokens of ``got`` and ``expected`` (a text or a list of
    paragraphs); 1.0 when both are empty."""
    got_tokens = Counter(tokens(got if isinstance(got, str) else " ".join(got)))
    exp_tokens = Counter(tokens(expected if isinstance(expected, str) else " ".join(expected)))
    if not got_tokens and not exp_tokens:
        return 1.0
    overlap = sum((got_tokens & exp_tokens).values())
    if not overlap:
        return 0.0
    precision = overlap / sum(got_tokens.values())
    recall = overlap / sum(exp_tokens.values())
    return 2 * precision * recall / (precision + recall)


def boundary_mismatches(
    got: Sequence[str], expected: Sequence[str], min_f1: float = 0.9
) -> list[int]:
    """Indices where the paragraph lists disagree: the paragraphs are split in the same
    places when the counts are equal and each pair of paragraphs has token F1 at least
    ``min_f1``. A count difference is reported as the index of the first extra one."""
    bad = [
        i for i, (g, e) in enumerate(zip(got, expected, strict=False)) if token_f1(g, e) < min_f1
    ]
    if len(got) != len(expected):
        bad.append(min(len(got), len(expected)))
    return bad


def same_boundaries(got: Sequence[str], expected: Sequence[str], min_f1: float = 0.9) -> bool:
    """True when ``boundary_mismatches`` finds none."""
    return not boundary_mismatches(got, expected, min_f1)
