# ruff: noqa: E501  (each row quotes a whole credit line)
"""Credit lines that name both the reporter and the editor, split by split_credits."""

from __future__ import annotations

import pytest

from newscrawler.normalize.authors import (
    _TIME_TAIL,
    _may_hold_time,
    clean_people,
    split_credits,
)

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
