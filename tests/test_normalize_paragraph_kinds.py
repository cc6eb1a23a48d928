"""clean_body's quick paths: each must agree with the rule it stands in front of.

Paragraphs are sorted with one combined pattern, which must agree with the three rules.

Each row opens the way one alternative of the end-marker, list-header or furniture rule
opens, in the case pages write it, so a letter missing from the combined pattern's
lookahead shows up as a row it no longer recognises.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newscrawler.normalize.text import (
    _END_MARKERS,
    _FURNITURE,
    _HAS_LETTER,
    _PARAGRAPH_KIND,
    _RELATED_HEADER,
    clean_body,
)

ROWS = [
    # end markers
    "(*)", "Tag Terkait", "TAGS :", "Tag", "Topik Pilihan:", "topik", "Video Pilihan Hari Ini",
    "POPULER", "Berita Terkini Selengkapnya", "Berita Lainnya",
    "Ikuti perkembangan berita ini di kanal kami", "Baca berita menarik lainnya di sini",
    "Komentar Pembaca", "Rate Artikel Ini", "News Feed", "Copyright 2024 Liputan6.com",
    "© Aaron Schwartz", "Simak Video Pilihan Berikut Ini:",
    "Saksikan juga video pilihan di bawah ini", "Tonton video pilihan berikut ini",
    "Penulis : Nabilla Tashandra Editor : Bayu Galih",
    "Editor: Ade Marboen", "Penyunting: A", "Pewarta: B", "Reporter", "Sumber : Antara",
    # list headers
    "Baca Juga:", "LIHAT JUGA", "Berita Terkait", "Artikel Terkait", "JANGAN LEWATKAN!!!",
    # furniture
    "ADVERTISEMENT", "SCROLL TO CONTINUE WITH CONTENT", "Scroll to resume content", "Iklan",
    "Simak video berikut", "Saksikan Video Berikut", "Tonton Video: Banjir", "Video: Banjir",
    "Lihat Juga: Banjir di Jakarta", "Baca juga: Harga emas turun", "Baca: Harga emas",
    "Dapatkan update berita pilihan setiap hari", "Ikuti kami di Google News",
    "Cek berita dan artikel yg lain di Google News", "[Gambas:Video CNN]",
    "Klik di sini untuk berlangganan", "Download aplikasi Liputan6.com",
    # prose: no kind
    "Menurut dia, harga naik.", "Sementara itu, banjir surut.", "“Kami siap,” katanya.",
    "2024 adalah tahun pemilu.", "Editorial hari ini membahas banjir.",
]  # fmt: skip


def _by_three_rules(paragraph: str) -> str | None:
    if _END_MARKERS.match(paragraph):
        return "end"
    if _RELATED_HEADER.match(paragraph):
        return "header"
    if _FURNITURE.match(paragraph):
        return "furniture"
    return None


@pytest.mark.parametrize("paragraph", ROWS)
@pytest.mark.parametrize("case", [str, str.lower, str.upper, str.title])
def test_combined_pattern_agrees(paragraph: str, case: Callable[[str], str]) -> None:
    text = case(paragraph)
    kind = _PARAGRAPH_KIND.match(text)
    assert (kind.lastgroup if kind else None) == _by_three_rules(text)


def test_rows_cover_each_kind() -> None:
    kinds = {_by_three_rules(row) for row in ROWS}
    assert kinds == {"end", "header", "furniture", None}


@pytest.mark.parametrize(
    ("paragraph", "text"),
    [
        (
            "Harga naik. ADVERTISEMENT SCROLL TO CONTINUE WITH CONTENT Harga turun.",
            "Harga naik. Harga turun.",
        ),
        ("Harga naik. SCROLL TO RESUME CONTENT Harga turun.", "Harga naik. Harga turun."),
        ("Harga naik. [Gambas:Video CNN] Harga turun.", "Harga naik. Harga turun."),
        (
            "Harga naik [5 persen] di PASAR INDEPENDENT.",
            "Harga naik [5 persen] di PASAR INDEPENDENT.",
        ),
    ],
)
def test_inline_furniture_is_cut_from_a_paragraph(paragraph: str, text: str) -> None:
    assert clean_body([paragraph]).text == text


# "²" and "½" are neither letters nor decimal digits, so the letter rule keeps them.
@pytest.mark.parametrize(
    ("paragraph", "kept"),
    [("***", False), ("2024", False), ("— —", False), ("_", False), ("Éclair", True),
     ("²", True), ("½ porsi", True), ("2024 Harga", True)],
)  # fmt: skip
def test_a_paragraph_is_kept_only_with_a_letter(paragraph: str, kept: bool) -> None:
    text = clean_body(["Harga naik.", paragraph]).text
    assert (text == f"Harga naik.\n\n{paragraph}") is kept
    assert bool(_HAS_LETTER.search(paragraph)) is kept
