"""Sentence splitting and sentence-level typing of an edited paragraph."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from newscrawl.diffing.align import pair_similar
from newscrawl.diffing.normalise import comparison_form

# A sentence ends at . ! ? (optionally followed by closing quotes or brackets) before
# whitespace and a capital, digit or opening quote. Abbreviations such as "Mr." before a
# name split too; that only makes the typing finer, never wrong about the words.
_BOUNDARY = re.compile(
    r"(?<=[.!?])[\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9\u00c0-\u00de])"
)


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``, stripped, in order."""
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        # Keep closing quotes with the sentence they close.
        end = match.start() + len(match.group().rstrip())
        sentences.append(text[start:end].strip())
        start = match.end()
    sentences.append(text[start:].strip())
    return [s for s in sentences if s]


def sentence_changes(old: str, new: str) -> list[dict[str, str | None]]:
    """Sentences added, deleted and edited between two versions of a paragraph, in
    new-text order: ``{"type": "sentence_added"|"sentence_deleted"|"sentence_edited",
    "old", "new"}``."""
    a, b = split_sentences(old), split_sentences(new)
    keys_a, keys_b = [comparison_form(s) for s in a], [comparison_form(s) for s in b]
    changes: list[dict[str, str | None]] = []
    matcher = SequenceMatcher(None, keys_a, keys_b, False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        # One sentence replaced by one sentence is that sentence edited, however much;
        # the word counts then say whether it was a few words or a rewrite.
        pairs = [(0, 0)] if i2 - i1 == j2 - j1 == 1 else pair_similar(keys_a[i1:i2], keys_b[j1:j2])
        ci, cj = 0, 0
        for pi, pj in [*pairs, (i2 - i1, j2 - j1)]:
            changes += [_change("sentence_deleted", a[i1 + k], None) for k in range(ci, pi)]
            changes += [_change("sentence_added", None, b[j1 + k]) for k in range(cj, pj)]
            if pi < i2 - i1:
                changes.append(_change("sentence_edited", a[i1 + pi], b[j1 + pj]))
            ci, cj = pi + 1, pj + 1
    return changes


def _change(kind: str, old: str | None, new: str | None) -> dict[str, str | None]:
    return {"type": kind, "old": old, "new": new}
