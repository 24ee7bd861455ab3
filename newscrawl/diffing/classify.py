"""Significance labels: trivial, minor or substantive."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from difflib import SequenceMatcher

from newscrawl.diffing.normalise import comparison_form
from newscrawl.diffing.words import WordDiff, is_number, is_word, word_tokens

TRIVIAL, MINOR, SUBSTANTIVE = "trivial", "minor", "substantive"
LEVELS = (TRIVIAL, MINOR, SUBSTANTIVE)

FEW_WORDS = 5
"""At most this many words added and at most this many removed is a minor edit."""

TYPO_CHARS = 3
"""A replaced word differing by at most this many characters, and by at most a quarter
of its length, is a typo fix; words under four letters never are ("has" -> "had")."""

_QUOTED = re.compile(r'"([^"]+)"')

_NUMBER_WORDS = """zero one two three four five six seven eight nine ten eleven twelve
thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty
sixty seventy eighty ninety hundred thousand million billion trillion dozen dozens
hundreds thousands millions billions first third"""
NUMBER_WORDS = frozenset(_NUMBER_WORDS.split())
"""Words that state a quantity: changing one changes a figure, like changing a digit."""


def highest(labels: Iterable[str]) -> str:
    """The most significant of ``labels``; ``trivial`` for none."""
    return max(labels, key=LEVELS.index, default=TRIVIAL)


class _Text:
    """What the rules look at in one text, computed once."""

    def __init__(self, text: str) -> None:
        form = comparison_form(text)
        self.words = [t.lower() for t in word_tokens(form)]
        self.numbers = Counter(w for w in self.words if is_number(w) or w in NUMBER_WORDS)
        self.quotes = Counter(" ".join(q.split()) for q in _QUOTED.findall(form))


def _char_distance(a: str, b: str) -> int:
    matched = sum(m.size for m in SequenceMatcher(None, a, b, False).get_matching_blocks())
    return max(len(a), len(b)) - matched


def _typos_only(diff: WordDiff) -> bool:
    """Every changed word is a near-spelling of the word it replaced."""
    replaced_words = 0
    for old_part, new_part in diff.replaced:
        old_words = [t for t in old_part if is_word(t)]
        new_words = [t for t in new_part if is_word(t)]
        if len(old_words) != len(new_words):
            return False
        for a, b in zip(old_words, new_words, strict=True):
            # Short words need a tighter bound: "near" -> "reach" is not a typo fix.
            allowed = min(TYPO_CHARS, min(len(a), len(b)) // 4)
            if _char_distance(a.lower(), b.lower()) > allowed:
                return False
        replaced_words += len(old_words)
    return replaced_words == diff.words_added == diff.words_removed


def text_change(old: str, new: str, diff: WordDiff, sentences: list[dict] | None = None) -> str:
    """The label of an edit that turned ``old`` into ``new``.

    trivial: only whitespace, punctuation, case, quote style, or typo fixes (each
    changed word within a few characters of the one it replaced); substantive: a
    number (digits or a number word) added, removed or changed, quoted words changed, a
    sentence added or removed, or more than a few words changed; minor: anything else
    (a few words)."""
    a, b = _Text(old), _Text(new)
    if a.words == b.words:
        return TRIVIAL
    if a.numbers != b.numbers or a.quotes != b.quotes:
        return SUBSTANTIVE
    if any(s["type"] != "sentence_edited" for s in sentences or ()):
        return SUBSTANTIVE
    if _typos_only(diff):
        return TRIVIAL
    if diff.words_added <= FEW_WORDS and diff.words_removed <= FEW_WORDS:
        return MINOR
    return SUBSTANTIVE


def headline_change(old: str, new: str, diff: WordDiff) -> str:
    """A headline change is substantive unless it is trivial by the text rule."""
    return TRIVIAL if text_change(old, new, diff) == TRIVIAL else SUBSTANTIVE


BLOCK_ADDED_OR_DELETED = {"paragraph": SUBSTANTIVE, "heading": MINOR}
"""A paragraph added or removed is substantive; a sub-heading alone is minor."""

FIXED = {
    "byline_changed": MINOR,
    "section_changed": MINOR,
    "correction_added": MINOR,
    "correction_removed": SUBSTANTIVE,
}
"""Labels that do not depend on the text: quietly dropping a correction note is
substantive; adding one, or a byline or section change, is minor."""
