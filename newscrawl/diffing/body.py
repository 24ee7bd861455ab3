"""Alignment of two article bodies into side-by-side rows and typed block edits."""

from __future__ import annotations

from collections.abc import Mapping
from difflib import SequenceMatcher
from typing import Any

from newscrawl.diffing import classify
from newscrawl.diffing.align import ANCHORED_THRESHOLD, find_moves, pair_similar
from newscrawl.diffing.normalise import comparison_form
from newscrawl.diffing.sentences import sentence_changes
from newscrawl.diffing.words import count_words, diff_words, whole

Block = dict[str, str]


def as_blocks(version: Mapping[str, Any]) -> list[Block]:
    """The body of a version as ``{"type", "text"}`` blocks (``paragraphs`` when a
    version has no ``blocks``); any block type other than ``heading`` is a paragraph."""
    blocks = version.get("blocks")
    if blocks:
        return [
            {
                "type": "heading" if b.get("type") == "heading" else "paragraph",
                "text": b.get("text") or "",
            }
            for b in blocks
        ]
    return [{"type": "paragraph", "text": p or ""} for p in version.get("paragraphs") or []]


class _Body:
    """One body diff in progress: rows for the side-by-side view, edits in order."""

    def __init__(self, old: list[Block], new: list[Block]) -> None:
        self.old, self.new = old, new
        self.old_keys = [comparison_form(b["text"]) for b in old]
        self.new_keys = [comparison_form(b["text"]) for b in new]
        self.rows: list[dict[str, Any]] = []
        self.edits: list[dict[str, Any]] = []
        self.moves: dict[int, int] = {}
        self.moved_from: dict[int, int] = {}
        # Word segments of near-equal moves whose move_from row comes later.
        self._pending_move_from: dict[int, list[list[str]]] = {}

    def run(self) -> None:
        if self._words(self.old_keys) == self._words(self.new_keys):
            # Same words throughout: only paragraph breaks moved. Checked first because
            # block alignment can pair a re-broken block with an unrelated equal one.
            runs = self._reflow_runs()
        else:
            runs = self._aligned_runs()
        self._find_moves(runs)
        for op, i1, i2, j1, j2 in runs:
            if op == "equal":
                for k in range(i2 - i1):
                    self._row("equal", i1 + k, j1 + k)
            elif op == "reflow":
                self._reflow(i1, i2, j1, j2)
            else:
                self._changed(i1, i2, j1, j2)

    def _aligned_runs(self) -> list[tuple[str, int, int, int, int]]:
        matcher = SequenceMatcher(None, self.old_keys, self.new_keys, False)
        runs = []
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op != "equal" and self._words(self.old_keys[i1:i2]) == self._words(
                self.new_keys[j1:j2]
            ):
                op = "reflow"  # same words, other paragraph breaks: not a content change
            runs.append((op, i1, i2, j1, j2))
        return runs

    def _reflow_runs(self) -> list[tuple[str, int, int, int, int]]:
        """Split a same-words body where block boundaries coincide on both sides."""

        def ends(keys: list[str]) -> list[int]:
            total, out = 0, []
            for key in keys:
                total += len(key.split())
                out.append(total)
            return out

        old_ends, new_ends = ends(self.old_keys), ends(self.new_keys)
        common = sorted(set(old_ends) & set(new_ends) | {0})
        runs = []
        i = j = 0
        for end in common[1:] + [None]:
            i2 = old_ends.index(end) + 1 if end is not None else len(self.old_keys)
            j2 = new_ends.index(end) + 1 if end is not None else len(self.new_keys)
            if i2 - i == j2 - j == 1 and self.old_keys[i] == self.new_keys[j]:
                runs.append(("equal", i, i2, j, j2))
            elif i2 > i or j2 > j:
                runs.append(("reflow", i, i2, j, j2))
            i, j = i2, j2
        return runs

    @staticmethod
    def _words(keys: list[str]) -> list[str]:
        return " ".join(keys).split()

    def _find_moves(self, runs: list[tuple[str, int, int, int, int]]) -> None:
        old_run: dict[int, int] = {}
        new_run: dict[int, int] = {}
        for n, (op, i1, i2, j1, j2) in enumerate(runs):
            if op in ("equal", "reflow"):
                continue
            old_run.update(dict.fromkeys(range(i1, i2), n))
            new_run.update(dict.fromkeys(range(j1, j2), n))
        self.moves = find_moves(
            self.old_keys, self.new_keys, list(old_run), list(new_run), regions=(old_run, new_run)
        )
        self.moved_from = {j: i for i, j in self.moves.items()}

    def _changed(self, i1: int, i2: int, j1: int, j2: int) -> None:
        olds = [i for i in range(i1, i2) if i not in self.moves]
        news = [j for j in range(j1, j2) if j not in self.moved_from]
        pairs = pair_similar(
            [self.old_keys[i] for i in olds],
            [self.new_keys[j] for j in news],
            anchored=ANCHORED_THRESHOLD,
        )
        if not pairs and len(olds) == len(news) == 1 and self._both_headings(olds[0], news[0]):
            # The one sub-heading between the same neighbours, reworded: an edit however
            # few words survive (headings are short, so their ratios are coarse).
            pairs = [(0, 0)]
        pairs = [(olds[a], news[b]) for a, b in pairs]
        ci, cj = i1, j1
        for i, j in [*pairs, (i2, j2)]:
            for k in range(ci, i):
                self._lone_old(k)
            for k in range(cj, j):
                self._lone_new(k)
            if i < i2:
                self._edited(i, j)
            ci, cj = i + 1, j + 1

    def _both_headings(self, i: int, j: int) -> bool:
        return self.old[i]["type"] == self.new[j]["type"] == "heading"

    def _lone_old(self, i: int) -> None:
        if i in self.moves:
            self._row("move_from", i, None, moved_to=self.moves[i])
            return
        block = self.old[i]
        self._row("delete", i, None)
        self.edits.append(
            _edit(
                f"{block['type']}_deleted", i, None, block["text"], None, 0,
                count_words(block["text"]), classify.BLOCK_ADDED_OR_DELETED[block["type"]],
            )
        )  # fmt: skip

    def _lone_new(self, j: int) -> None:
        block = self.new[j]
        if j in self.moved_from:
            i = self.moved_from[j]
            self._moved(i, j)
            return
        self._row("insert", None, j)
        self.edits.append(
            _edit(
                f"{block['type']}_added", None, j, None, block["text"], count_words(block["text"]),
                0, classify.BLOCK_ADDED_OR_DELETED[block["type"]],
            )
        )  # fmt: skip

    def _moved(self, i: int, j: int) -> None:
        old, new = self.old[i]["text"], self.new[j]["text"]
        kind = f"{self.new[j]['type']}_moved"
        if self.old_keys[i] == self.new_keys[j]:
            self._row("move_to", None, j, moved_from=i)
            self.edits.append(_edit(kind, i, j, old, new, 0, 0, classify.MINOR))
            return
        diff = diff_words(old, new)
        sentences = sentence_changes(old, new)
        label = classify.highest([classify.MINOR, classify.text_change(old, new, diff, sentences)])
        self.rows.append(_row_dict("move_to", self.new[j]["type"], None, j, [], diff.new_segments))
        self.rows[-1]["moved_from"] = i
        self._patch_move_from(i, diff.old_segments)
        edit = _edit(kind, i, j, old, new, diff.words_added, diff.words_removed, label)
        edit.update(sentences=sentences, segments=diff.segments, _diff=diff)
        self.edits.append(edit)

    def _patch_move_from(self, i: int, segments: list[list[str]]) -> None:
        for row in self.rows:
            if row["op"] == "move_from" and row["old_index"] == i:
                row["old"] = segments
                return
        self._pending_move_from[i] = segments

    def _edited(self, i: int, j: int) -> None:
        old, new = self.old[i]["text"], self.new[j]["text"]
        diff = diff_words(old, new)
        sentences = sentence_changes(old, new)
        kind = f"{self.new[j]['type']}_edited"
        self.rows.append(
            _row_dict("edit", self.new[j]["type"], i, j, diff.old_segments, diff.new_segments)
        )
        label = classify.text_change(old, new, diff, sentences)
        edit = _edit(kind, i, j, old, new, diff.words_added, diff.words_removed, label)
        edit.update(sentences=sentences, segments=diff.segments, _diff=diff)
        self.edits.append(edit)

    def _reflow(self, i1: int, i2: int, j1: int, j2: int) -> None:
        # Rows only, no edits: each side shows its own blocks, all unchanged text.
        for k in range(max(i2 - i1, j2 - j1)):
            i = i1 + k if i1 + k < i2 else None
            j = j1 + k if j1 + k < j2 else None
            block = self.new[j] if j is not None else self.old[i]
            self.rows.append(
                _row_dict(
                    "edit", block["type"], i, j,
                    whole("=", self.old[i]["text"]) if i is not None else [],
                    whole("=", self.new[j]["text"]) if j is not None else [],
                )
            )  # fmt: skip

    def _row(self, op: str, i: int | None, j: int | None, **moves: int) -> None:
        old = self.old[i] if i is not None else None
        new = self.new[j] if j is not None else None
        kind = (new or old or {}).get("type", "paragraph")
        old_seg = whole("-" if op == "delete" else "=", old and old["text"])
        new_seg = whole("+" if op == "insert" else "=", new and new["text"])
        if op == "move_from":
            old_seg = self._pending_move_from.pop(i, old_seg)
        row = _row_dict(op, kind, i, j, old_seg, new_seg)
        row.update(moves)
        self.rows.append(row)


def _row_dict(
    op: str, kind: str, i: int | None, j: int | None, old: list, new: list
) -> dict[str, Any]:
    return {
        "op": op,
        "type": kind,
        "old_index": i,
        "new_index": j,
        "old": old,
        "new": new,
        "moved_to": None,
        "moved_from": None,
    }


def _edit(
    kind: str,
    i: int | None,
    j: int | None,
    old: str | None,
    new: str | None,
    added: int,
    removed: int,
    significance: str,
) -> dict[str, Any]:
    return {
        "type": kind,
        "old": old,
        "new": new,
        "old_index": i,
        "new_index": j,
        "words_added": added,
        "words_removed": removed,
        "significance": significance,
    }


def diff_body(old: list[Block], new: list[Block]) -> tuple[list[dict], list[dict]]:
    """Rows (see the change-record format) and block edits, both in reading order.
    Edited and near-equal moved blocks carry a private ``_diff`` (their ``WordDiff``)
    that the caller removes."""
    body = _Body(old, new)
    body.run()
    return body.rows, body.edits
