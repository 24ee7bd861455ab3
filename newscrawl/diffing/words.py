"""Word-level diff of two texts into segments that rebuild each side exactly."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from newscrawl.diffing.normalise import comparison_form

Segments = list[list[str]]

# Words keep inner apostrophes, hyphens and invisible characters (soft hyphen, zero-width
# space) together; numbers keep their separators and units, so "1,200" and "2bn" are one
# token each.
_NUMBER = r"\d+(?:[.,:/]\d+)*(?:%|\w*)"
_WORD = r"(?:\w|[\u00ad\u200b\u2060\ufeff])+(?:['\u2019\u2010\u2011-](?:\w|\u00ad)+)*"
_TOKEN = re.compile(rf"{_NUMBER}|{_WORD}|\s+|.", re.DOTALL)
# The word-like tokens alone, to count words without tokenising everything.
_WORD_TOKEN = re.compile(rf"{_NUMBER}|{_WORD}")
_WORDLIKE = re.compile(r"\w")
_DIGIT = re.compile(r"\d")


def tokenise(text: str) -> list[str]:
    """Words, numbers, whitespace runs and single punctuation characters; joining the
    tokens gives ``text`` back exactly."""
    return _TOKEN.findall(text)


@lru_cache(maxsize=65536)
def token_key(token: str) -> str:
    """What a token is compared by: whitespace is all alike, the rest in comparison form."""
    if token.isspace():
        return " "
    return token if token.isascii() else comparison_form(token) or token


def is_word(token: str) -> bool:
    """True for tokens that count as words (they contain a letter or digit)."""
    return bool(_WORDLIKE.search(token))


def is_number(token: str) -> bool:
    return bool(_DIGIT.search(token))


def word_tokens(text: str | None) -> list[str]:
    """The tokens of ``text`` that count as words, in order."""
    return [t for t in _WORD_TOKEN.findall(text or "") if is_word(t)]


def count_words(text: str | None) -> int:
    """Number of word tokens in ``text``."""
    return len(word_tokens(text))


@dataclass
class WordDiff:
    """Result of ``diff_words``: segments for each side and what changed (``removed``,
    ``added``: the tokens, whitespace left out)."""

    old_segments: Segments
    new_segments: Segments
    # One list for both sides: "=" text is identical on both, so "=" + "-" rebuilds the
    # old text and "=" + "+" the new one. Tokens equal only in comparison form (a curly
    # quote made straight) appear as "-"/"+" here, and as "=" in the per-side lists.
    segments: Segments
    removed: list[str]
    added: list[str]
    # (old tokens, new tokens) of each replaced stretch, for the typo rule.
    replaced: list[tuple[list[str], list[str]]]

    @property
    def words_removed(self) -> int:
        return sum(1 for t in self.removed if is_word(t))

    @property
    def words_added(self) -> int:
        return sum(1 for t in self.added if is_word(t))


def _push(segments: Segments, op: str, text: str) -> None:
    if not text:
        return
    if segments and segments[-1][0] == op:
        segments[-1][1] += text
    else:
        segments.append([op, text])


def _push_changed(segments: Segments, op: str, text: str) -> None:
    """A changed run, with the whitespace after it left unmarked, so a view highlights
    the words and not the space that follows them."""
    core = text.rstrip()
    _push(segments, op, core)
    _push(segments, "=", text[len(core) :])


def _units(text: str) -> list[str]:
    """Tokens with the whitespace after each attached (leading whitespace alone): the
    diff compares far fewer items, and whitespace never matches by accident."""
    units: list[str] = []
    for token in tokenise(text):
        if token.isspace() and units:
            units[-1] += token
        else:
            units.append(token)
    return units


def _unit_key(unit: str) -> str:
    return token_key(unit.rstrip() or " ")


def _equal_units(segments: Segments, x: str, y: str) -> None:
    if x == y:
        _push(segments, "=", x)
        return
    core_x, core_y = x.rstrip(), y.rstrip()
    if core_x == core_y:  # same word, other spacing after it
        _push(segments, "=", core_x)
        x, y = x[len(core_x) :], y[len(core_y) :]
    _push(segments, "-", x)
    _push(segments, "+", y)


def diff_words(old: str, new: str) -> WordDiff:
    """Word-level diff of ``old`` and ``new``, compared in comparison form."""
    a, b = _units(old or ""), _units(new or "")
    matcher = SequenceMatcher(None, [_unit_key(u) for u in a], [_unit_key(u) for u in b], False)
    result = WordDiff([], [], [], [], [], [])
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        old_part, new_part = a[i1:i2], b[j1:j2]
        if op == "equal":
            _push(result.old_segments, "=", "".join(old_part))
            _push(result.new_segments, "=", "".join(new_part))
            for x, y in zip(old_part, new_part, strict=True):
                _equal_units(result.segments, x, y)
            continue
        _push_changed(result.old_segments, "-", "".join(old_part))
        _push_changed(result.new_segments, "+", "".join(new_part))
        _push(result.segments, "-", "".join(old_part))
        _push(result.segments, "+", "".join(new_part))
        old_tokens = [u.strip() for u in old_part if u.strip()]
        new_tokens = [u.strip() for u in new_part if u.strip()]
        result.removed += old_tokens
        result.added += new_tokens
        if op == "replace":
            result.replaced.append((old_tokens, new_tokens))
    return result


def whole(op: str, text: str | None) -> Segments:
    """One segment holding all of ``text`` (none for an empty text)."""
    return [[op, text]] if text else []
