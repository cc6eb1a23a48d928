"""clean_title sorts each site's branding names once; each call still reads its own site's.

Branding may carry a section word or three before or after the name; more is a headline.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newscrawler.normalize.titles import _LEADING_SITE, _SEPARATOR, _SEPARATOR_CHAR, clean_title
from newscrawler.sites import known_brands

TITLE = "Harga Cabai Naik - Warta Desa"


def test_each_call_reads_its_own_site_names() -> None:
    assert clean_title(TITLE, site_names=("Warta Desa",)) == "Harga Cabai Naik"
    # The names sorted for the call before do not carry over to another site's title.
    assert clean_title(TITLE, site_names=("Kabar Kota",)) == TITLE
    assert clean_title(TITLE) == TITLE
    # Any iterable of names, a list as well as a tuple.
    assert clean_title(TITLE, site_names=["Warta Desa"]) == "Harga Cabai Naik"


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        ("Harga Cabai Naik - Tekno Liputan6.com", "Harga Cabai Naik"),  # section before
        ("Harga Cabai Naik - ANTARA News Otomotif", "Harga Cabai Naik"),  # section after
        ("Harga Cabai Naik - Berita Ekonomi Daerah Liputan6.com", "Harga Cabai Naik"),
        # Four words beside the name are a headline's, not a section.
        (
            "Harga Cabai Naik - Kabar Dari Pasar Induk Liputan6.com",
            "Harga Cabai Naik - Kabar Dari Pasar Induk Liputan6.com",
        ),
        ("Jokowi - JK Bertemu", "Jokowi - JK Bertemu"),  # no site in the tail
        ("Harga Cabai Naik - Warta Desa Jateng", "Harga Cabai Naik"),  # the site's own name
    ],
)
def test_branding_with_a_section_around_the_name(raw: str, title: str) -> None:
    assert clean_title(raw, site_names=("Warta Desa", *known_brands())) == title


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        # Both sides of the colon and separator pre-checks.
        ("KapanLagi.com: Brandon Salim Jadi Ayah", "Brandon Salim Jadi Ayah"),
        ("KapanLagi.com Brandon Salim Jadi Ayah", "KapanLagi.com Brandon Salim Jadi Ayah"),
        ("Harga Cabai Naik - Liputan6.com", "Harga Cabai Naik"),
        ("Harga Cabai Naik \u2014 Liputan6.com", "Harga Cabai Naik"),
        ("Harga Cabai Naik | Liputan6.com", "Harga Cabai Naik"),
        ("Harga Cabai Naik|Liputan6.com", "Harga Cabai Naik"),
        ("Harga Cabai Naik \u00bb Liputan6.com", "Harga Cabai Naik"),
        ("Harga Cabai Naik Liputan6.com", "Harga Cabai Naik Liputan6.com"),
        ("Sering Depresi Berat - Health :: Okezone Lifestyle", "Sering Depresi Berat"),
    ],
)
def test_separator_pre_checks_keep_results(raw: str, title: str) -> None:
    assert clean_title(raw, site_names=known_brands()) == title


_PIECES = st.sampled_from(
    [" ", "\xa0", "\t", "-", "\u2013", "\u2014", "|", ":", "::", "\u00b7", "\u2022", "\u00bb",
     "Liputan6.com", "Judul", "KapanLagi.com", "x"]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.lists(_PIECES, max_size=10).map("".join), st.text(max_size=30)))
def test_separator_pre_checks_are_necessary(text: str) -> None:
    # Each pattern is skipped where its pre-check fails: the pattern must fail there too.
    if _SEPARATOR.search(text):
        assert _SEPARATOR_CHAR.search(text)
    if _LEADING_SITE.match(text):
        assert ":" in text
