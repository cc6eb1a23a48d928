# ruff: noqa: E501  (each row quotes a whole keywords meta; wrapping it hides the quote)
"""Site keywords left out of a tag string, with ANTARA's keywords metas."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newscrawler.normalize.tags import _SPLIT, _split, clean_tags, without_junk
from newscrawler.normalize.text import normalize_whitespace
from newscrawler.pages.antara import AntaraPage

# (page, keywords meta as the page has it, what is left)
ROWS = [
    (
        "antara/anpandu_antara-singlepage.html",
        "penerbangan batal, abu vulkanik, gunung rinjani, gunung batujari, berita terkini, berita Indonesia, berita online, portal Indonesia",
        "penerbangan batal, abu vulkanik, gunung rinjani, gunung batujari",
    ),
    (
        "antara/anpandu_antara-singlepage4.html",
        "Astra Otoparts luncurkan ban motor terbaru Aspira Premio , ban motor astra otoparts, Aspira Premio, ban pirelli, peluncuran Aspira Premio, berita terkini, berita Indonesia, berita harian, berita harian online, portal Indonesia, berita terbaru, berita ekonomi, berita bisnis, berita olahraga, berita politik",
        # The headline that leads the meta is eight words: a sentence, not a topic.
        "ban motor astra otoparts, Aspira Premio, ban pirelli, peluncuran Aspira Premio",
    ),
    (
        "fixtures/sites/antara/2024-01-15_bali-subak-jatiluwih.html",
        "subak jatiluwih,padi lokal,tabanan,berita terkini,berita bali",
        "subak jatiluwih, padi lokal, tabanan",
    ),
    ("constructed: only the site's terms", "berita terkini, Berita Indonesia", ""),
]  # fmt: skip


@pytest.mark.parametrize(("page", "raw", "kept"), ROWS)
def test_antara_junk_keywords(page: str, raw: str, kept: str) -> None:
    assert without_junk(raw, AntaraPage.junk_tags) == kept


def test_without_junk_splits_as_clean_tags_does() -> None:
    # Kompas's visible list: "TAG #Rizal Ramli #Dahlan Iskan".
    raw = "TAG #Rizal Ramli #Dahlan Iskan"
    assert without_junk(raw, frozenset({"dahlan iskan"})) == "Rizal Ramli"
    assert clean_tags([without_junk(raw, frozenset())]) == clean_tags([raw])


@pytest.mark.parametrize(
    ("raw", "tags"),
    [
        # Suara's visible list: "#" and spaces around each tag.
        ("# angeline # angeline  dibunuh", ["angeline", "angeline dibunuh"]),
        # What stripping "#", quotes and dots leaves must come out collapsed and trimmed.
        ('#\u00a0"Rizal\u200b Ramli" .,  # . Dahlan\tIskan ', ["Rizal Ramli", "Dahlan Iskan"]),
        ("'#pemilu' ; ' . '", ["#pemilu"]),
    ],
)
def test_tags_come_out_trimmed(raw: str, tags: list[str]) -> None:
    assert clean_tags([raw]) == tags


_PIECES = st.sampled_from(
    ["banjir", "Rizal Ramli", ",", ";", "#", " ", "  ", "\t", "\n", "\xa0", "\u200b", "TAG", "x"]
)


@pytest.mark.parametrize(
    "text",
    [
        "a , b",
        "a;b ; c",
        " a,",
        ",,",
        "",
        "tag",
        "# angeline # angeline dibunuh",
        "a, #b",
        "a\u200b , b",
    ],
)
def test_split_without_a_hash_gives_the_same_parts(text: str) -> None:
    assert [normalize_whitespace(p) for p in _split(text)] == [
        normalize_whitespace(p) for p in _SPLIT.split(text)
    ]


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.lists(_PIECES, max_size=12).map("".join), st.text(max_size=30)))
def test_split_gives_the_same_parts_on_any_text(text: str) -> None:
    # Parts may differ only in spaces at their ends, which clean_tags trims first.
    assert [normalize_whitespace(p) for p in _split(text)] == [
        normalize_whitespace(p) for p in _SPLIT.split(text)
    ]
