"""Side-by-side bodies for the diff page: each sentence marked as kept, removed, added or
changed, and within a changed sentence the words that changed.

Which sentences changed is archive.diff.body_diff's answer (the one ``newsarchive diff``
prints); this module only lays it out and, inside a changed pair, finds the words with
difflib.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any, Literal

from archive.diff import split_sentences

Mark = Literal["same", "removed", "added", "changed"]
_TOKEN = re.compile(r"\s+|\w+|[^\w\s]+", re.UNICODE)
_PARAGRAPH = re.compile(r"\n\s*\n")


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of text, ``changed`` when it differs from the other side."""

    text: str
    changed: bool = False


@dataclass(frozen=True, slots=True)
class Sentence:
    mark: Mark
    pieces: list[Piece] = field(default_factory=list)


def word_diff(before: str, after: str) -> tuple[list[Piece], list[Piece]]:
    """The two sentences cut into runs of unchanged and changed words.

    >>> a, b = word_diff("harga Rp 14.000 per kg", "harga Rp 14.500 per kg")
    >>> [p.text for p in a if p.changed], [p.text for p in b if p.changed]
    (['14.000'], ['14.500'])
    """
    old, new = _TOKEN.findall(before), _TOKEN.findall(after)
    left: list[Piece] = []
    right: list[Piece] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        _append(left, "".join(old[i1:i2]), tag != "equal")
        _append(right, "".join(new[j1:j2]), tag != "equal")
    return left, right


def _append(pieces: list[Piece], text: str, changed: bool) -> None:
    if not text:
        return
    if pieces and pieces[-1].changed == changed:
        pieces[-1] = Piece(pieces[-1].text + text, changed)
    else:
        pieces.append(Piece(text, changed))


def side_by_side(
    before: str, after: str, sentences: dict[str, Any]
) -> tuple[list[list[Sentence]], list[list[Sentence]]]:
    """Both bodies as paragraphs of marked sentences; ``sentences`` is the diff's ``body``
    record (``added``, ``removed``, ``changed``)."""
    pairs = {pair["before"]: pair["after"] for pair in sentences["changed"]}
    reverse = {pair["after"]: pair["before"] for pair in sentences["changed"]}
    left = _laid_out(before, set(sentences["removed"]), "removed", pairs, 0)
    right = _laid_out(after, set(sentences["added"]), "added", reverse, 1)
    return left, right


def _laid_out(
    body: str, lone: set[str], lone_mark: Mark, pairs: dict[str, str], side: int
) -> list[list[Sentence]]:
    paragraphs = []
    for paragraph in _PARAGRAPH.split(body):
        shown = []
        for text in split_sentences(paragraph):
            if text in pairs:
                words = word_diff(text, pairs[text]) if side == 0 else word_diff(pairs[text], text)
                shown.append(Sentence("changed", words[side]))
            elif text in lone:
                shown.append(Sentence(lone_mark, [Piece(text, True)]))
            else:
                shown.append(Sentence("same", [Piece(text)]))
        if shown:
            paragraphs.append(shown)
    return paragraphs
