# ruff: noqa: E501  (each row quotes whole paragraphs; wrapping them hides the quote)
"""clean_body's closing credits, datelines and related-link lists, row by row.

Rows name where their strings come from: a real page under ../shared/pages or
../shared/benchmarks, a page written for the project in tests/fixtures/sites/, or
"constructed" for a row made up to pin a rule's edge (what must *not* match).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newscrawler.normalize.text import (
    _CREDIT_NAME,
    _DASHES,
    _DATELINE_ALONE,
    _DATELINES,
    CleanBody,
    _has_dash,
    _title_cased,
    clean_body,
    may_contain_ignoring_case,
)

# (where it was read, paragraphs, expected text, expected credit)
CREDITS: list[tuple[str, list[str], str, str | None]] = [
    (
        "mediaindonesia/MediaIndonesia_2026_01_08.html",
        ["Pasar masih mewaspadai dinamika geopolitik, meskipun sejauh ini fundamental Indonesia terbukti cukup tangguh menahan gejolak eksternal tersebut. (H-4)"],
        "Pasar masih mewaspadai dinamika geopolitik, meskipun sejauh ini fundamental Indonesia terbukti cukup tangguh menahan gejolak eksternal tersebut.",
        "(H-4)",
    ),
    (
        "fixtures/sites/mediaindonesia/2025-11-04_banjir-rob-pekalongan.html",
        ["Sementara menunggu tanggul permanen, BPBD menyiagakan enam pompa portabel dan membuka dapur umum di balai kelurahan. (N-2)", "Cek berita dan artikel yg lain di Google News dan dan ikuti WhatsApp channel mediaindonesia.com", "Editor : Retno Hemawati"],
        "Sementara menunggu tanggul permanen, BPBD menyiagakan enam pompa portabel dan membuka dapur umum di balai kelurahan.",
        "(N-2)",
    ),
    (
        "Media Indonesia site notes: wire copy the desk edited, (Ant/P-5)",
        ["Harga minyak dunia naik tipis pada perdagangan Senin. (Ant/P-5)"],
        "Harga minyak dunia naik tipis pada perdagangan Senin.",
        "(Ant/P-5)",
    ),
    (
        "constructed: the code alone after the text",
        ["Harga minyak dunia naik tipis pada perdagangan Senin.", "(N-2)", "Baca juga: Harga emas turun"],
        "Harga minyak dunia naik tipis pada perdagangan Senin.",
        "(N-2)",
    ),
    # Not credits: an abbreviation in the sentence, a code that does not close a sentence.
    (
        "benchmarks/zyte-article-extraction/ground-truth.json",
        ["enhanced metabolism, promoted feelings of fullness, and increased levels of glucagon-like peptide 1 (GLP-1), a hormone"],
        "enhanced metabolism, promoted feelings of fullness, and increased levels of glucagon-like peptide 1 (GLP-1), a hormone",
        None,
    ),
    (
        "constructed",
        ["Data itu dirilis Badan Pusat Statistik (BPS)"],
        "Data itu dirilis Badan Pusat Statistik (BPS)",
        None,
    ),
    (
        "constructed: a registration is no desk code",
        ["Pesawat itu bertipe Boeing 737 MAX 8 (PK-LQP)", "Penyelidikan masih berjalan."],
        "Pesawat itu bertipe Boeing 737 MAX 8 (PK-LQP)\n\nPenyelidikan masih berjalan.",
        None,
    ),
]  # fmt: skip


@pytest.mark.parametrize(("where", "paragraphs", "text", "credit"), CREDITS)
def test_closing_credits(where: str, paragraphs: list[str], text: str, credit: str | None) -> None:
    body = clean_body(paragraphs)
    assert (body.text, body.credit) == (text, credit)


# (where it was read, paragraphs, expected dateline, expected first paragraph)
DATELINES: list[tuple[str, list[str], str | None, str]] = [
    (
        "fixtures/sites/cnnindonesia/2024-11-12_bmkg-peringatan-hujan-lebat.html",
        ["Jakarta, CNN Indonesia -- Badan Meteorologi, Klimatologi, dan Geofisika (BMKG) meminta warga Jabodetabek mewaspadai hujan lebat disertai petir dan angin kencang hingga Minggu (17/11)."],
        "Jakarta, CNN Indonesia",
        "Jakarta, CNN Indonesia -- Badan Meteorologi, Klimatologi, dan Geofisika (BMKG) meminta warga Jabodetabek mewaspadai hujan lebat disertai petir dan angin kencang hingga Minggu (17/11).",
    ),
    (
        "constructed: the dateline set apart in <strong>, as Liputan6 does",
        ["Jakarta, CNN Indonesia --", "Badan Meteorologi, Klimatologi, dan Geofisika (BMKG) meminta warga waspada."],
        "Jakarta, CNN Indonesia",
        "Jakarta, CNN Indonesia -- Badan Meteorologi, Klimatologi, dan Geofisika (BMKG) meminta warga waspada.",
    ),
    (
        "constructed: other outlets named in words",
        ["Jakarta, CNBC Indonesia - Harga emas Antam naik Rp 5.000."],
        "Jakarta, CNBC Indonesia",
        "Jakarta, CNBC Indonesia - Harga emas Antam naik Rp 5.000.",
    ),
    (
        "constructed",
        ["Jakarta Selatan, Kompas TV - Polisi menutup jalan."],
        "Jakarta Selatan, Kompas TV",
        "Jakarta Selatan, Kompas TV - Polisi menutup jalan.",
    ),
    (
        "constructed: an outlet named as a domain",
        ["Jakarta, Beritasatu.com - Presiden meresmikan jalan tol."],
        "Jakarta, Beritasatu.com",
        "Jakarta, Beritasatu.com - Presiden meresmikan jalan tol.",
    ),
    (
        "kompas/slasherrb_kompas.html",
        ["JAKARTA, KOMPAS.com - Mantan pelatih Persidafon Jayapura dan Persegres Gresik United, Agus Yuwono, mengaku sudah tiga kali jadi target operasi percobaan pengaturan skor sepanjang kariernya."],
        "JAKARTA, KOMPAS.com",
        "JAKARTA, KOMPAS.com - Mantan pelatih Persidafon Jayapura dan Persegres Gresik United, Agus Yuwono, mengaku sudah tiga kali jadi target operasi percobaan pengaturan skor sepanjang kariernya.",
    ),
    (
        "constructed: lower-case words after the comma are prose",
        ["Colorado, and Oregon — had legalized cannabis by 2016."],
        None,
        "Colorado, and Oregon — had legalized cannabis by 2016.",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("where", "paragraphs", "dateline", "first"), DATELINES)
def test_datelines(where: str, paragraphs: list[str], dateline: str | None, first: str) -> None:
    body = clean_body(paragraphs)
    assert (body.dateline, body.text.split("\n\n")[0]) == (dateline, first)


# liputan6/anpandu_liputan6-singlepage.html: the "Baca Juga" list as its paragraphs read.
LIPUTAN6_LIST = [
    "Indonesia memasuki fase dinamis akan pertumbuhan ekosistem digital.",
    "Baca Juga",
    "Telkomsel Targetkan Selimuti 40 Kota dengan 4G di Akhir 2016",
    "Ubisoft Pastikan Watch Dogs 2 Dirilis di Awal 2017",
    "Waspada, iPhone Anda Bisa Rusak Total Jika Ubah ke Tanggal Ini",
]
LIPUTAN6_NEXT = (
    "Menyusul operator seluler lainnya, Tri juga akan segera mengomersialisasikan layanan 4G"
    " mereka di Tanah Air pada tahun ini. Sayangnya, pihak Tri enggan membeberkan kapan layanan"
    " seluler generasi keempat ini diluncurkan."
)


def test_related_list_is_dropped():
    body = clean_body([*LIPUTAN6_LIST, LIPUTAN6_NEXT])
    assert body.text.split("\n\n") == [LIPUTAN6_LIST[0], LIPUTAN6_NEXT]


def test_sentence_case_subheading_after_a_title_cased_list_stays():
    # Constructed: the real page's subheading "Layanan 4G" in sentence case, right after the list.
    body = clean_body([*LIPUTAN6_LIST, "Layanan 4G segera hadir di lima kota", LIPUTAN6_NEXT])
    assert body.text.split("\n\n") == [
        LIPUTAN6_LIST[0],
        "Layanan 4G segera hadir di lima kota",
        LIPUTAN6_NEXT,
    ]


def test_title_cased_subheading_after_the_list_is_lost():
    # The documented limit: "Layanan 4G" reads like one more related headline.
    body = clean_body([*LIPUTAN6_LIST, "Layanan 4G", LIPUTAN6_NEXT])
    assert body.text.split("\n\n") == [LIPUTAN6_LIST[0], LIPUTAN6_NEXT]


def test_sentence_case_list_gives_no_casing_signal():
    # okezone/ogs_okezone_2020-07-08.html: "Berita Terkait" over sentence-case ad headlines
    # (the opening sentence is constructed).
    paragraphs = [
        "Pemerintah terus mendorong UMKM.",
        "Berita Terkait",
        "Siswi genius Jakarta temukan obat bakar lemak 7kg sehari",
        "PR（Bacal）",
        "Seluruh Indonesia kaget! Diabetes mudah diatasi, lihatlah disini",
        "Recommended by",
    ]
    assert clean_body(paragraphs).text == "Pemerintah terus mendorong UMKM."


@pytest.mark.parametrize(
    ("line", "titled"),
    [
        ("Telkomsel Targetkan Selimuti 40 Kota dengan 4G di Akhir 2016", True),
        ("Waspada, iPhone Anda Bisa Rusak Total Jika Ubah ke Tanggal Ini", True),
        ("Armand Maulana & Rambut Gondrong Ikoniknya Dari Tahun ke Tahun", True),
        ("Pinang Dibelah Dua, Wajah Alia Bhatt 'Kembar' Dengan Aktor Ini", True),
        ("Sentimen pasar masih rapuh", False),
        ("Siswi genius Jakarta temukan obat bakar lemak 7kg sehari", False),
        ("2016", False),
    ],
)
def test_title_case(line: str, titled: bool) -> None:
    assert _title_cased(line) is titled


LONG = (
    "The standalone mode builds a module that needs no JavaScript at all, which makes it easy "
    "to run the same binary in a runtime outside the web, with a few imports for system calls "
    "and nothing else to carry along."
)


def test_a_credit_with_prose_after_it_is_text():
    # v8.dev: "(nop)" in a code listing; GiveWell: a "(More)" link under a summary.
    for mark in ("(nop)", "(More)"):
        body = clean_body(["Intro sentence of the post, long enough.", mark, LONG])
        assert body.text.split("\n\n") == ["Intro sentence of the post, long enough.", mark, LONG]
        assert body.credit is None


def test_a_credit_before_related_links_still_ends_the_article():
    body = clean_body(["Kata dia di Jakarta. (bgs/rul)", "Harga Emas Naik Lagi", "Cuaca Hari Ini"])
    assert body.text == "Kata dia di Jakarta."
    assert body.credit == "(bgs/rul)"


def test_a_photo_credit_before_the_text_does_not_end_it():
    # A zyte benchmark page opens with its picture's "© Aaron Schwartz".
    body = clean_body(["© Aaron Schwartz", LONG, "© 2019 The Publisher"])
    assert body.text == LONG


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jam 10 PAGI", True),  # any case
        ("Budi Santoso", False),
        ("Budi ſantoso", True),  # not ASCII: a case-ignoring pattern may still match
    ],
)
def test_may_contain_ignoring_case_rules_out_only_ascii_text_without_the_words(
    text: str, expected: bool
) -> None:
    assert may_contain_ignoring_case(text, ("pagi",)) is expected


# Pre-checks before the dateline and credit-name patterns, with rows on both sides of each.
PRE_CHECK_ROWS: list[tuple[str, list[str], str, str | None, str | None]] = [
    ("constructed: a dateline set apart", ["Liputan6.com, Jakarta -", "Presiden meresmikan jalan tol."], "Liputan6.com, Jakarta - Presiden meresmikan jalan tol.", "Liputan6.com, Jakarta", None),
    ("constructed: an en dash and spaces after it", ["Jakarta – ", "Presiden meresmikan jalan tol."], "Jakarta – Presiden meresmikan jalan tol.", "Jakarta", None),
    ("constructed: an em dash", ["JAKARTA, KOMPAS.com —", "Presiden meresmikan jalan tol."], "JAKARTA, KOMPAS.com — Presiden meresmikan jalan tol.", "JAKARTA, KOMPAS.com", None),
    ("constructed: no dash at the end, so not a dateline alone", ["Jakarta - Senin", "Presiden meresmikan jalan tol."], "Jakarta - Senin\n\nPresiden meresmikan jalan tol.", "Jakarta", None),
    ("constructed: no dash anywhere", ["Judul berita", "Paragraf kedua."], "Judul berita\n\nParagraf kedua.", None, None),
    ("constructed: the dash-less Liputan6 dateline", ["Liputan6.com, Jakarta Dalam rangka HUT RI."], "Liputan6.com, Jakarta Dalam rangka HUT RI.", "Liputan6.com, Jakarta", None),
    ("constructed: a name credit", ["Jakarta - Teks.", "Polisi berjaga di Jalan Sedap Malam, Denpasar. (Luh Wayanti)"], "Jakarta - Teks.\n\nPolisi berjaga di Jalan Sedap Malam, Denpasar.", "Jakarta", "(Luh Wayanti)"),
    ("constructed: brackets not at the end", ["Teks.", "Polisi berjaga. (Luh Wayanti) di sana."], "Teks.\n\nPolisi berjaga. (Luh Wayanti) di sana.", None, None),
]  # fmt: skip


@pytest.mark.parametrize(("where", "paragraphs", "text", "dateline", "credit"), PRE_CHECK_ROWS)
def test_dateline_and_credit_pre_checks_keep_results(
    where: str, paragraphs: list[str], text: str, dateline: str | None, credit: str | None
) -> None:
    body = clean_body(paragraphs)
    assert (body.text, body.dateline, body.credit) == (text, dateline, credit)


_PIECES = st.sampled_from(
    ["Liputan6.com", "KOMPAS.com", ",", " ", "Jakarta", "JAKARTA", "Selatan", "(ANTARA)", "-", "--",
     "\u2013", "\u2014", "\n", "\t", "\xa0", ".", "(", ")", "Luh Wayanti", "Teks", "x"]
)  # fmt: skip
_DATELINE_LIKE = st.one_of(st.lists(_PIECES, max_size=10).map("".join), st.text(max_size=30))


@settings(max_examples=500, deadline=None)
@given(_DATELINE_LIKE)
def test_dateline_and_credit_pre_checks_are_necessary(text: str) -> None:
    # Each pattern is skipped where its pre-check fails: the pattern must fail there too.
    if _DATELINE_ALONE.match(text):
        assert text.rstrip().endswith(_DASHES)
    if any(pattern.match(text) for pattern in _DATELINES):
        assert _has_dash(text)
    if _CREDIT_NAME.search(text):
        assert text.rstrip().endswith(")")


def test_opening_lines_then_lists_furniture_and_credit() -> None:
    # Each rule in clean_body's loop in turn: reporter line, dateline set apart, a list under
    # "Baca Juga" ended by a sentence-case line, furniture, a line without letters, a credit.
    body = clean_body(
        [
            "Laporan Wartawan Tribunnews.com, Wahyu Aji",
            "TRIBUNNEWS.COM, JAKARTA -",
            "Presiden meresmikan jalan tol.",
            "Baca Juga",
            "Harga Emas Naik Lagi",
            "Sentimen pasar masih rapuh",
            "ADVERTISEMENT",
            "***",
            "Katanya. (bgs/rul)",
            "Baca Juga: Harga emas turun",
        ]
    )
    assert body == CleanBody(
        text="TRIBUNNEWS.COM, JAKARTA - Presiden meresmikan jalan tol.\n\n"
        "Sentimen pasar masih rapuh\n\nKatanya.",
        dateline="TRIBUNNEWS.COM, JAKARTA",
        credit="(bgs/rul)",
        byline="Laporan Wartawan Tribunnews.com, Wahyu Aji",
    )


def test_only_the_first_opening_line_is_taken_apart() -> None:
    # A second reporter line is text; a second dateline alone joins the text it opens.
    assert (
        clean_body(
            [
                "Laporan Wartawan Tribunnews.com, Wahyu Aji",
                "Laporan Wartawan Tribunnews.com, Ani Budi",
            ]
        ).text
        == "Laporan Wartawan Tribunnews.com, Ani Budi"
    )
    assert clean_body(["Jakarta -", "Jakarta -", "Teks."]).text == "Jakarta - Jakarta -\n\nTeks."
    assert clean_body(["Jakarta -"]).text == "Jakarta -"
