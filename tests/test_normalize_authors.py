# ruff: noqa: E501  (each row quotes a whole credit line)
"""Credit lines that name both the reporter and the editor, split by split_credits."""

from __future__ import annotations

import pytest

from newscrawler.normalize.authors import clean_people, split_credits

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
