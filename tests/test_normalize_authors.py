# ruff: noqa: E501  (each row quotes a whole credit line)
"""Credit lines that name both the reporter and the editor, split by split_credits."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newscrawler.normalize.authors import (
    _DOMAIN,
    _LABEL,
    _TIME_TAIL,
    _URL,
    _URL_MARKS,
    _WITH,
    _fix_case,
    _may_hold_time,
    _organisations,
    _strip,
    clean_people,
    split_credits,
)
from newscrawler.normalize.text import may_contain_ignoring_case

# (where it was read, credit line, (authors, editors))
ROWS = [
    (
        "fixtures/sites/republika/2016-03-08_banjir-bandung-selatan.html",
        "Rep: Arie Lukihardianti Red: Dwi Murdaningsih",
        (["Arie Lukihardianti"], ["Dwi Murdaningsih"]),
    ),
    (
        "Republika site notes",
        "Rep: Rizky Jaramaya Red: Yudha Manggala P Putra",
        (["Rizky Jaramaya"], ["Yudha Manggala P Putra"]),
    ),
    ("republika/anpandu_republika-singlepage.html", "Red: Yudha Manggala P Putra", ([], ["Yudha Manggala P Putra"])),
    ("republika/anpandu_republika-singlepage2.html", "Redaktur : Mohamad Amin Madani", ([], ["Mohamad Amin Madani"])),
    # Constructed: without a colon the words are part of a name, not labels.
    ("constructed", "Red Hat", (["Red Hat"], [])),
]  # fmt: skip


@pytest.mark.parametrize(("where", "line", "expected"), ROWS)
def test_republika_credit_labels(where: str, line: str, expected) -> None:
    assert split_credits(line) == expected


def test_the_editor_is_never_the_author() -> None:
    # clean_people reads an author list: the "Red:" part of the line is not in it.
    assert clean_people(["Red: Yudha Manggala P Putra"]) == []
    assert clean_people(["Rep: Arie Lukihardianti Red: Dwi Murdaningsih"]) == ["Arie Lukihardianti"]


# (where it was read, byline, names)
BYLINES = [
    # A capitalised "Dan" is a first name; the conjunction is lowercase.
    ("benchmarks/mozilla-readability/ars-1", "Dan Goodin", ["Dan Goodin"]),
    ("antara/anpandu_antara-singlepage2.html", "Budisantoso Budiman dan Agus S", ["Budisantoso Budiman", "Agus S"]),
    ("constructed: a byline in capitals", "ANI DAN BUDI", ["Ani", "Budi"]),
    ("constructed: a byline in capitals", "DAN GOODIN", ["Dan Goodin"]),
    ("benchmarks/mozilla-readability/lemonde-1", "Martin Untersinger (avec Damien Leloup et Morgane Tual)", ["Martin Untersinger", "Damien Leloup", "Morgane Tual"]),
    ("benchmarks/mozilla-readability/wikia", "James Akinaka • 8h", ["James Akinaka"]),
    ("benchmarks/mozilla-readability/liberation-1", "Par Sébastien Farcis", ["Sébastien Farcis"]),
    ("constructed", "por Jane Doe", ["Jane Doe"]),
    ("benchmarks/mozilla-readability/webmd-1", "Brenda Goodman, MA", ["Brenda Goodman"]),
    ("constructed: a name that starts like a label", "Pardede Siregar", ["Pardede Siregar"]),
]  # fmt: skip


@pytest.mark.parametrize(("where", "line", "expected"), BYLINES)
def test_bylines(where: str, line: str, expected: list[str]) -> None:
    assert clean_people([line]) == expected


@pytest.mark.parametrize(
    "byline",
    [
        "Liputan6.com pada 24 Nov 2019, 13:46 WIB",
        "James Akinaka • 8h",
        "Natasha Oktalia, Jurnalis · Kamis 09 Juli 2020 07:26 WIB",
        "Ani Budi - Senin",
        "Ani Budi, JUM'AT",
        "Ani Budi | sabtu pagi",
        # The pattern ignores case, so these match it too; lowercasing does not find them.
        "Ani Budi - ſenin",
        "Ani Budi - \u212aamis",
        "Ani Budi - Mınggu",
    ],
)
def test_time_tail_shortcut_lets_every_time_through(byline: str) -> None:
    assert _TIME_TAIL.search(byline)
    assert _may_hold_time(byline)


@pytest.mark.parametrize("byline", ["Afif Farhan - detikNews", "Gilar Ramdhani", "Dewi Kania"])
def test_time_tail_shortcut_rules_out_plain_names(byline: str) -> None:
    assert not _may_hold_time(byline)


def _fix_case_by_letters(name: str) -> str:
    """_fix_case without its ASCII shortcut: the rule as first written."""
    letters = [c for c in name if c.isalpha()]
    if not letters or not (all(c.isupper() for c in letters) or all(c.islower() for c in letters)):
        return name
    return re.sub(r"[^\W\d_]+", lambda m: m[0][:1].upper() + m[0][1:].lower(), name)


@pytest.mark.parametrize(
    "name",
    ["GILAR RAMDHANI", "gilar ramdhani", "Gilar Ramdhani", "iPhone", "A", "a", "123", "", "-",
     "ÉMILE ZOLA", "émile zola", "Émile Zola", "中 ABC", "中 abc", "ǅ"],
)  # fmt: skip
def test_fix_case_shortcut_gives_the_letter_rule(name: str) -> None:
    assert _fix_case(name) == _fix_case_by_letters(name)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=20))
def test_fix_case_shortcut_gives_the_letter_rule_on_any_text(name: str) -> None:
    assert _fix_case(name) == _fix_case_by_letters(name)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # Each pair sits on both sides of a pre-check: a colon, a "(", a URL mark, a dot.
        ("Penulis: Budi Santoso", ["Budi Santoso"]),
        ("Editor Budi Santoso", ["Editor Budi Santoso"]),
        ("Ani (dengan Budi)", ["Ani", "Budi"]),
        ("Ani dengan Budi", ["Ani dengan Budi"]),
        ("https://www.facebook.com/detikdotcom", []),
        ("HTTPS://facebook.com/x Budi", ["Budi"]),
        ("WWW.Example.org/budi Ani", ["Ani"]),
        ("Www Budi", ["Www Budi"]),
        ("budi.com", []),
        ("Budi com", ["Budi com"]),
        ("Budi Santoso, Ani", ["Budi Santoso", "Ani"]),
        ("GILAR RAMDHANI", ["Gilar Ramdhani"]),
    ],
)
def test_byline_pre_checks_keep_results(line: str, expected: list[str]) -> None:
    assert clean_people([line]) == expected


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=40))
def test_byline_pre_checks_are_necessary(text: str) -> None:
    # Each pattern is skipped where its pre-check fails: the pattern must fail there too.
    if _LABEL.search(text):
        assert ":" in text
    if _WITH.search(text):
        assert "(" in text
    if _URL.search(text):
        assert may_contain_ignoring_case(text, _URL_MARKS)
    if _DOMAIN.search(text):
        assert "." in text


@pytest.mark.parametrize("byline", ["Ani", "Ani Budi", "Oleh Ani Budi - detikNews", "ANI DAN BUDI"])
def test_strip_stops_at_a_string_it_leaves_alone(byline: str) -> None:
    # _names skips a second _strip of a part equal to the stripped segment.
    once = _strip(byline, _organisations(()))
    assert _strip(once, _organisations(())) == once
