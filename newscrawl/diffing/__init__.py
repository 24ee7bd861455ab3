r"""Diffing: normalisation, fingerprints and change records between article versions.

Everything here is pure (no I/O). ``diff_versions(old, new)`` builds a change record;
``fingerprint(version)`` decides whether a fetch is a new version at all;
``apply_edits(old, edits)`` rebuilds a body from recorded edits (for verification).

The change-record format (shared contract between the diff engine and the viewer)
------------------------------------------------------------------------------------

`newscrawl.diffing.diff_versions(old, new) -> dict` takes two version records (dicts
with `title, standfirst, authors, blocks, paragraphs, corrections`; `blocks` = list of
`{"type": "paragraph"|"heading", "text": str}`; if `blocks` is missing use paragraphs as
paragraph blocks) and returns these keys of the change record (the pipeline adds `url,
outlet, title, from_version, to_version, detected`):

- `kinds`: sorted list of what changed, from: `"headline"`, `"standfirst"`, `"byline"`,
  `"body"`, `"correction"`, `"section"`.
- `significance`: `"trivial"` (only punctuation / case / whitespace / quote style / a
  typo of a few characters), `"minor"` (a few words changed, no number/quote/sentence
  change), or `"substantive"` (sentences or numbers added/removed/changed, quotes
  changed, headline changed, paragraphs added or removed).
- `uncorrected`: bool — a substantive body change with no new correction note in `new`.
- `summary`: one line for lists and feeds, e.g. `"Headline rewritten; 2 paragraphs
  added, 1 edited (+85/-12 words)"`.
- `words_added`, `words_removed`: ints. `added_text`, `removed_text`: the inserted /
  deleted words joined by spaces (for search).
- `edits`: list of typed edits, in new-document order, each a dict with `type` one of:
  `"headline_changed"`, `"standfirst_changed"`, `"byline_changed"`, `"section_changed"`,
  `"correction_added"`, `"correction_removed"`, `"paragraph_added"`,
  `"paragraph_deleted"`, `"paragraph_edited"`, `"paragraph_moved"`, `"heading_added"`,
  `"heading_deleted"`, `"heading_edited"`, `"heading_moved"`; plus `old` / `new` (text
  or null), `old_index` / `new_index` (index into the old / new `blocks`, or null),
  `words_added`, `words_removed`, `significance`, and for edited blocks `sentences`: a
  list of `{"type": "sentence_added"|"sentence_deleted"|"sentence_edited", "old":
  str|None, "new": str|None}` and `segments` (word-level, as below).
- `sides`: everything a side-by-side view needs, so the viewer never recomputes:
  ```
  {"title":      null | {"old": str, "new": str, "old_segments": SEG, "new_segments": SEG},
   "standfirst": null | same shape,
   "byline":     null | same shape (authors joined with ", "),
   "corrections": null | same shape (notes joined with "\n"),
   "rows": [ROW, ...]}     # the body, aligned, in reading order
  ROW = {"op": "equal"|"insert"|"delete"|"edit"|"move_from"|"move_to",
         "type": "paragraph"|"heading",
         "old_index": int|null, "new_index": int|null,
         "old": SEG, "new": SEG,
         "moved_to": int|null, "moved_from": int|null}
  SEG = list of [op, text] with op "=" (unchanged), "-" (deleted, old side only), "+" (inserted,
        new side only); concatenating the texts of "=" and "-" segments gives the old block text
        exactly, "=" and "+" the new block text.
  ```
  `equal`: same block both sides (`old`/`new` = one "=" segment each). `insert`: `old` =
  [], `new` = [["+", text]]. `delete`: reverse. `edit`: word-level segments on both
  sides. A moved block gives two rows: `move_from` at its old position (old side shows
  it, `moved_to` = new index) and `move_to` at its new position (`moved_from` = old
  index). Rows are ordered so that the old-side indexes and new-side indexes each
  increase down the page.

Details of this implementation
------------------------------

- Blocks are aligned on their comparison form (``normalise.comparison_form``), so a
  block whose text differs only in whitespace, quote or dash style is an ``equal`` row
  whose two sides show each version's own text, and gives no edit.
- A run of blocks with the same words but other paragraph breaks (a paragraph split in
  two, two joined) is not a change: it gives no edit, and ``edit`` rows whose segments
  are all ``"="``, pairing the run's old and new blocks in order; where one side has
  more blocks, the extra rows have ``old_index`` (or ``new_index``) null and an empty
  segment list on that side.
- An exact move shows ``"="`` segments on both rows; a near-equal move shows word-level
  segments (old side on ``move_from``, new side on ``move_to``).
- ``edits[i]["segments"]`` is one list for both sides: ``"="`` text is identical in
  both versions, so ``"="`` + ``"-"`` gives the old text and ``"="`` + ``"+"`` the new
  one. ``headline_changed`` and ``standfirst_changed`` edits carry ``segments`` too,
  and ``standfirst_changed`` carries ``sentences``.
- ``words_added`` / ``words_removed`` of the record are the sums over its edits;
  byline, section and moved-unchanged edits count 0.
- Edits are ordered: headline, standfirst, byline, section, the body in reading order
  (a move is listed at its new position), then correction notes.
- Significance rules are in ``newscrawl.diffing.classify``; the record's label is the
  highest of its edits' labels (``trivial`` when there are none).
"""

from __future__ import annotations

from newscrawl.diffing.apply import apply_edits
from newscrawl.diffing.engine import diff_versions, summarise
from newscrawl.diffing.normalise import clean, comparison_form, fingerprint

__all__ = [
    "apply_edits",
    "clean",
    "comparison_form",
    "diff_versions",
    "fingerprint",
    "summarise",
]
