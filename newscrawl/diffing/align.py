"""Pairing of similar texts: edited blocks inside a replaced run, and moved blocks."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from difflib import SequenceMatcher

EDIT_THRESHOLD = 0.5
"""Word-level similarity at or above which a deleted and an inserted text are one text
edited, rather than one removed and another added."""

MOVE_THRESHOLD = 0.9
"""Similarity at or above which a block deleted here and inserted elsewhere is a move."""

_FULL_PAIRING = 2500
"""Largest run (old blocks x new blocks) compared all against all; beyond it each old
block is compared only with the new blocks near its proportional position, so that a
wholesale rewrite of a long live blog costs linear, not quadratic, time."""

ANCHORED_THRESHOLD = 0.3
"""Lower bar for the first (or last) old and new blocks of a replaced run: they sit
between the same unchanged neighbours, so a rewritten lead paragraph still pairs."""

_WINDOW = 8
_WORD = re.compile(r"\w+")


def similarity_words(text: str) -> list[str]:
    """What similarity is measured on: lower-case words, punctuation left out."""
    return _WORD.findall(text.lower())


_MOVE_BUDGET = 250_000


def similarity(matcher: SequenceMatcher, threshold: float) -> float:
    """``matcher.ratio()``, or 0 when the cheap upper bounds already fall short."""
    if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
        return 0.0
    return matcher.ratio()


def _matcher(words: list[str]) -> SequenceMatcher:
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(words)  # seq2 is the one SequenceMatcher indexes; reuse it
    return matcher


def pair_similar(
    old: Sequence[str],
    new: Sequence[str],
    threshold: float = EDIT_THRESHOLD,
    anchored: float | None = None,
) -> list[tuple[int, int]]:
    """Pairs ``(i, j)`` of similar texts, best first, never crossing (both indexes
    increase together), each text in at most one pair; returned sorted. With
    ``anchored``, the first old and new texts, and the last ones, also pair when left
    unpaired and at least that similar."""
    old_words = [similarity_words(t) for t in old]
    m, n = len(old), len(new)
    if not m or not n:
        return []
    candidates: list[tuple[float, int, int]] = []
    full = m * n <= _FULL_PAIRING
    new_words = [similarity_words(t) for t in new]
    for j, words in enumerate(new_words):
        matcher = _matcher(words)
        if full:
            rows = range(m)
        else:
            centre = j * m // n
            rows = range(max(0, centre - _WINDOW), min(m, centre + _WINDOW + 1))
        for i in rows:
            matcher.set_seq1(old_words[i])
            ratio = similarity(matcher, threshold)
            if ratio >= threshold:
                candidates.append((ratio, i, j))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    pairs = _non_crossing((i, j) for _, i, j in candidates)
    if anchored is not None:
        for i, j in {(0, 0), (m - 1, n - 1)}:
            if any(p == i or q == j for p, q in pairs):
                continue  # taken (and any pair elsewhere lies strictly inside)
            matcher = _matcher(new_words[j])
            matcher.set_seq1(old_words[i])
            if similarity(matcher, anchored) >= anchored:
                pairs = sorted([*pairs, (i, j)])
    return pairs


def _non_crossing(candidates) -> list[tuple[int, int]]:
    accepted: list[tuple[int, int]] = []  # sorted by i (and so by j)
    used_j: set[int] = set()
    for i, j in candidates:
        if j in used_j:
            continue
        k = bisect_left(accepted, (i, -1))
        if k < len(accepted) and accepted[k][0] == i:
            continue
        if k > 0 and accepted[k - 1][1] > j:
            continue
        if k < len(accepted) and accepted[k][1] < j:
            continue
        accepted.insert(k, (i, j))
        used_j.add(j)
    return accepted


def _bigrams(words: list[str]) -> set[tuple[str, ...]]:
    return set(zip(words, words[1:], strict=False)) or {tuple(words)}


def _sharing_bigrams(
    old_words: dict[int, list[str]], new_words: dict[int, list[str]]
) -> dict[int, list[int]]:
    """New index -> old indexes sharing at least half their word pairs with it.

    A cheap necessary condition for near-equality (90% of words matching keeps well over
    half the word pairs), so only plausible moves reach SequenceMatcher."""
    index: dict[tuple[str, ...], list[int]] = {}
    old_grams = {i: _bigrams(w) for i, w in old_words.items()}
    for i, grams in old_grams.items():
        for gram in grams:
            index.setdefault(gram, []).append(i)
    result: dict[int, list[int]] = {}
    for j, words in new_words.items():
        grams = _bigrams(words)
        shared = Counter(i for gram in grams for i in index.get(gram, ()))
        keep = [i for i, n in shared.items() if 2 * n >= min(len(grams), len(old_grams[i]))]
        if keep:
            result[j] = sorted(keep)
    return result


def find_moves(
    old_keys: Sequence[str],
    new_keys: Sequence[str],
    deleted: Sequence[int],
    inserted: Sequence[int],
    threshold: float = MOVE_THRESHOLD,
    regions: tuple[dict[int, int], dict[int, int]] | None = None,
) -> dict[int, int]:
    """Old index -> new index of blocks deleted in one place and inserted in another:
    equal in comparison form, or (within a comparison budget) near-equal. With
    ``regions`` (old index -> run, new index -> run), near-equal blocks of the same
    replaced run are left alone: they are an edit in place, not a move."""
    moves: dict[int, int] = {}
    by_key: dict[str, list[int]] = {}
    for j in inserted:
        by_key.setdefault(new_keys[j], []).append(j)
    for i in deleted:
        same = by_key.get(old_keys[i])
        if same:
            moves[i] = same.pop(0)
    left_old = [i for i in deleted if i not in moves]
    taken = set(moves.values())
    left_new = [j for j in inserted if j not in taken]
    if not left_old or not left_new or len(left_old) * len(left_new) > _MOVE_BUDGET:
        return moves
    best: list[tuple[float, int, int]] = []
    old_words = {i: similarity_words(old_keys[i]) for i in left_old}
    new_words = {j: similarity_words(new_keys[j]) for j in left_new}
    for j, candidates in _sharing_bigrams(old_words, new_words).items():
        matcher = _matcher(new_words[j])
        for i in candidates:
            if regions and regions[0][i] == regions[1][j]:
                continue
            matcher.set_seq1(old_words[i])
            ratio = similarity(matcher, threshold)
            if ratio >= threshold:
                best.append((ratio, i, j))
    best.sort(key=lambda c: (-c[0], c[1], c[2]))
    for _, i, j in best:
        if i not in moves and j not in taken:
            moves[i] = j
            taken.add(j)
    return moves
