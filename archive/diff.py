"""What changed between two versions: a field-level diff and a sentence-level body diff.

Editors of news pages fix a sentence, add an update paragraph, or retitle; a sentence diff
names exactly those sentences, where a line diff would flag whole paragraphs.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Any

from archive.revisions import NormalizedContent
from archive.snapshot import CONTENT_FIELDS

# Two sentences at least this similar are one sentence edited, not one removed and one added.
CHANGED_SENTENCE_MIN_RATIO = 0.5

# A sentence ends at . ! ? (optionally followed by a closing quote or bracket), then space,
# then something that can start a sentence.
_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_LAST_WORD = re.compile(r"(\S+)$")
# Words ending in a period that do not end a sentence: "Rp. 5 juta", "Jl. Sudirman",
# "Prof. Dr. Budi", "PT Astra Tbk. Pada ...".
ABBREVIATIONS = frozenset(
    {
        "rp",
        "jl",
        "no",
        "dr",
        "drs",
        "prof",
        "ir",
        "h",
        "hj",
        "kh",
        "st",
        "tbk",
        "dll",
        "dsb",
        "dkk",
        "sdr",
        "bpk",
        "mr",
        "mrs",
        "ms",
        "jr",
        "sr",
        "vs",
        "etc",
        "u.s",
        "a.n",
        "s.h",
        "m.si",
        "s.e",
    }
)


def split_sentences(body: str) -> list[str]:
    """The body's sentences in order; a paragraph break always ends a sentence.

    >>> split_sentences("Harga naik Rp. 5 ribu. Warga protes.\\n\\nPolisi datang.")
    ['Harga naik Rp. 5 ribu.', 'Warga protes.', 'Polisi datang.']
    """
    sentences: list[str] = []
    for paragraph in re.split(r"\n\s*\n", body):
        start = 0
        for match in _BOUNDARY.finditer(paragraph):
            candidate = paragraph[start : match.start() + 1]
            last = _LAST_WORD.search(candidate.rstrip("."))
            word = last.group(1).lower().lstrip("(\"'“‘") if last else ""
            # "B." in "Susilo B. Yudhoyono" is an initial, not a sentence end.
            if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
            sentence = paragraph[start : match.end()].strip()
            if sentence:
                sentences.append(sentence)
            start = match.end()
        tail = paragraph[start:].strip()
        if tail:
            sentences.append(tail)
    return sentences


def body_diff(before: str, after: str) -> dict[str, Any]:
    """Sentences added, removed and changed (with before and after) between two bodies."""
    old, new = split_sentences(before), split_sentences(after)
    added: list[str] = []
    removed: list[str] = []
    changed: list[dict[str, str]] = []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "delete":
            removed.extend(old[i1:i2])
        elif tag == "insert":
            added.extend(new[j1:j2])
        elif tag == "replace":
            olds, news = old[i1:i2], new[j1:j2]
            for a, b in zip(olds, news, strict=False):
                if SequenceMatcher(None, a, b).ratio() >= CHANGED_SENTENCE_MIN_RATIO:
                    changed.append({"before": a, "after": b})
                else:
                    removed.append(a)
                    added.append(b)
            removed.extend(olds[len(news) :])
            added.extend(news[len(olds) :])
    return {"added": added, "removed": removed, "changed": changed}


def field_diff(
    before: NormalizedContent,
    after: NormalizedContent,
    sentences: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Each changed field with its value before and after; the body only as sentence counts.

    Times are compared and shown as UTC ISO strings, lists as lists. ``sentences`` is the
    :func:`body_diff` of the two bodies when the caller has it already: storing a revision
    needs both, and the sentence diff is most of the cost of detecting one.
    """
    diff: dict[str, Any] = {}
    for field in CONTENT_FIELDS:
        old, new = before[field.name], after[field.name]
        if field.kind == "body":
            if old != new:
                if sentences is None:
                    sentences = body_diff(old, new)
                diff[field.name] = {k: len(v) for k, v in sentences.items()}
        elif before.compared(field) != after.compared(field):
            if field.kind != "tags":  # tags are shown as the page lists them
                old, new = before.compared(field), after.compared(field)
            diff[field.name] = {"before": old, "after": new}
    return diff
