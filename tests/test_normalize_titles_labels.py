# ruff: noqa: E501  (each row quotes a whole headline)
"""Page numbers and channel labels around a headline: which are the headline's and which not."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newscrawler.normalize.text import may_contain_ignoring_case
from newscrawler.normalize.titles import _PAGINATION, _PAGINATION_WORDS, clean_title
from newscrawler.sites import known_brands

# (where it was seen, raw title, headline)
PAGINATION = [
    ("kompas JSON-LD headline of a multi-page article", "Mengenal Subak Jatiluwih, Warisan Budaya Dunia di Tabanan Halaman all", "Mengenal Subak Jatiluwih, Warisan Budaya Dunia di Tabanan"),
    ("kompas JSON-LD headline, first page", "Bus Listrik Trans Semarang Mulai Beroperasi Halaman 1", "Bus Listrik Trans Semarang Mulai Beroperasi"),
    ("tribun <title>, second page", "Banjir Rob Rendam Muara Angke Halaman 2 - Tribunnews.com", "Banjir Rob Rendam Muara Angke"),
    ("generic", "Banjir Rob Rendam Muara Angke - Page 2", "Banjir Rob Rendam Muara Angke"),
    ("generic", "Banjir Rob Rendam Muara Angke | Page 2 of 3", "Banjir Rob Rendam Muara Angke"),
    ("generic", "Banjir Rob Rendam Muara Angke (Halaman 2 dari 3)", "Banjir Rob Rendam Muara Angke"),
    ("generic", "Banjir Rob Rendam Muara Angke, Hal. 2", "Banjir Rob Rendam Muara Angke"),
    # A page word without its number, or inside the headline, is the headline's.
    ("benchmarks-like", "The Page 2 Problem", "The Page 2 Problem"),
    ("constructed", "Anak-anak Bermain di Halaman Sekolah", "Anak-anak Bermain di Halaman Sekolah"),
    ("constructed", "Halaman 2", "Halaman 2"),
]  # fmt: skip


@pytest.mark.parametrize(("where", "raw", "headline"), PAGINATION)
def test_page_numbers_go(where: str, raw: str, headline: str) -> None:
    assert clean_title(raw) == headline


# (where it was seen, raw title, headline)
LABELS = [
    # Before a colon the label is the publisher's headline: Kapanlagi's and a gallery's <h1>.
    ("kapanlagi/anpandu_kapanlagi-singlepage2.html", "FOTO: Dian Sastrowardoyo Saat Berusia 13 Tahun, Masih Cantik?", "FOTO: Dian Sastrowardoyo Saat Berusia 13 Tahun, Masih Cantik?"),
    ("kapanlagi/anpandu_kapanlagi-mainpage.html", "Video: Si Kocak Mamet 'AADC' Tirukan Goyangan Penyanyi Dangdut!", "Video: Si Kocak Mamet 'AADC' Tirukan Goyangan Penyanyi Dangdut!"),
    ("fixtures/generic-site kabarpesisir gallery og:title", "Galeri: Suasana Pelelangan Ikan Pagi Hari", "Galeri: Suasana Pelelangan Ikan Pagi Hari"),
    ("okezone-style <title>", "Live Report: Kelahiran Smartphone Coolpad Dual Camera", "Live Report: Kelahiran Smartphone Coolpad Dual Camera"),
    # A media word that starts the sentence.
    ("constructed", "Video Viral Pria Berpistol di Cipulir Diusut Polisi", "Video Viral Pria Berpistol di Cipulir Diusut Polisi"),
    ("constructed", "Foto Prewedding Artis Ini Bikin Heboh", "Foto Prewedding Artis Ini Bikin Heboh"),
    ("constructed", "Watch Dogs 2 Dirilis di Awal 2017", "Watch Dogs 2 Dirilis di Awal 2017"),
    # Set apart as a channel: in brackets, or before a spaced dash or bar.
    ("constructed, photo channel <title>", "[FOTO] Banjir Rob Rendam Muara Angke", "Banjir Rob Rendam Muara Angke"),
    ("constructed, video channel <title>", "(VIDEO) Banjir Rob Rendam Muara Angke", "Banjir Rob Rendam Muara Angke"),
    ("constructed, video channel <title>", "VIDEO - Banjir Rob Rendam Muara Angke", "Banjir Rob Rendam Muara Angke"),
    ("constructed, photo channel <title>", "Foto | Banjir Rob Rendam Muara Angke - detikNews", "Banjir Rob Rendam Muara Angke"),
    ("constructed, travel gallery <title>", "Galeri Foto » Pesona Danau Toba dari Udara", "Pesona Danau Toba dari Udara"),
]  # fmt: skip


@pytest.mark.parametrize(("where", "raw", "headline"), LABELS)
def test_channel_labels(where: str, raw: str, headline: str) -> None:
    assert clean_title(raw, site_names=known_brands()) == headline


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_pagination_pre_check_is_necessary(text: str) -> None:
    if _PAGINATION.search(text):
        assert may_contain_ignoring_case(text, _PAGINATION_WORDS)
