"""normalize_whitespace: its shortcut for clean strings must agree with the plain rule.

The rule: zero-width and direction marks and soft hyphens vanish, every run of whitespace
(what ``\\s`` matches) becomes one space, ends trimmed. The shortcut returns a string as it
is when nothing would change; these rows put each whitespace character and each mark where
the shortcut has to notice it.
"""

from __future__ import annotations

import re
import sys

import pytest

from newscrawler.normalize.text import normalize_whitespace

_MARKS = "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad"
_WHITESPACE = [chr(cp) for cp in range(sys.maxunicode + 1) if chr(cp).isspace()]


def _rule(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(f"[{_MARKS}]", "", text)).strip()


@pytest.mark.parametrize("char", [*_WHITESPACE, *_MARKS], ids=lambda c: f"U+{ord(c):04X}")
@pytest.mark.parametrize(
    "template",
    ["{c}Jakarta", "Jakarta{c}", "Jakarta{c}Selatan", "Jakarta {c}Selatan", "Jakarta{c}{c}"],
)
def test_every_space_and_mark_is_handled(char: str, template: str) -> None:
    text = template.format(c=char)
    assert normalize_whitespace(text) == _rule(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "Liputan6.com, Jakarta - Dalam rangka",  # clean ASCII: returned as it is
        "Rabu, 14 Agustus 2024 | 10:30 WITA",
        "Harga naik  tipis",  # a double space
        " Harga naik",
        "Harga naik ",
        "Pemerintah menaikkan harga BBM\u00a0bersubsidi",  # NBSP from &nbsp;
        "Kata “kunci” dan é",  # clean, not ASCII
    ],
)
def test_strings_seen_on_pages(text: str) -> None:
    assert normalize_whitespace(text) == _rule(text)


class _TextResult(str):
    """Stands for lxml's ``_ElementUnicodeResult``, a str subclass tied to its document."""


def test_a_str_subclass_comes_back_as_a_plain_str() -> None:
    result = normalize_whitespace(_TextResult("Jakarta Selatan"))
    assert result == "Jakarta Selatan"
    assert type(result) is str
