# ruff: noqa: E501  (each row quotes a whole credit line)
"""Credits that name a team, a desk, a photographer or an outlet give no author.

``snapshots`` takes the first author source that yields a person, so a meta saying "Tim
detikBali" or "Antara Jatim" must yield nothing for the byline in the page to be used.
"""

from __future__ import annotations

import pytest

from newscrawler.items import Found, RawArticle
from newscrawler.normalize.article import to_snapshot
from newscrawler.normalize.authors import clean_people
from newscrawler.sites import known_brands

# (where it was seen, credit)
NOT_PEOPLE = [
    ("detik regional channels' author meta", "Tim detikBali"),
    ("detik", "Tim detikHealth"),
    ("detik", "Team detikcom"),
    ("generic", "Tim Redaksi"),
    ("generic", "Redaksi"),
    ("generic", "REDAKSI"),
    ("viva/slasherrb_viva.html, a caption's credit", "Redaksi VIVA.co.id"),
    ("warta ekonomi's author meta", "Redaksi WE Online"),
    ("tempo", "Tim Cek Fakta Tempo"),
    ("cnbc indonesia", "Tim Riset CNBC Indonesia"),
    ("cnbc indonesia", "CNBC Indonesia Research"),
    ("constructed", "Tim Kompas"),
    ("constructed", "Tim CNN Indonesia"),
    ("constructed", "Tim Liputan Khusus"),
    ("constructed", "Desk Internasional"),
    ("constructed", "Metro Desk"),
    ("constructed", "Humas Polri"),
    ("benchmarks/fundus-dev de/BR", "BR24 Redaktion"),
    ("benchmarks/fundus-dev de/Hessenschau", "Redaktion hessenschau.de"),
    ("constructed", "Staff Writer"),
    ("constructed", "Editorial Team"),
    ("constructed", "Newsroom"),
    ("constructed", "Web Admin"),
    ("kumparan's author meta", "kumparanNEWS"),
    # Photo credits, with and without a label's colon.
    ("liputan6 captions", "Foto: Herman Zakharia/Liputan6.com"),
    ("liputan6 captions", "(Foto: AFP)"),
    ("detik foto", "Fotografer Agung Pambudhy"),
    ("detik foto", "Fotografer: Rifkianto Nugroho"),
    ("antara captions", "ANTARA FOTO/Galih Pradipta"),
    ("antara captions", "Antara Foto/Aditya"),
    ("constructed", "AFP PHOTO"),
    ("constructed", "Foto"),
    # Wires and outlets, alone or with a bureau.
    ("generic", "Antara"),
    ("antara regional bureaus", "Antara Jatim"),
    ("antara regional bureaus", "Antaranews Jateng"),
    ("generic", "AFP"),
    ("generic", "Reuters"),
    ("generic", "Reuters Staff"),
    ("kompas", "Kompas.com"),
    ("tribun regional papers", "Tribun Medan"),
]  # fmt: skip


@pytest.mark.parametrize(("where", "credit"), NOT_PEOPLE)
def test_not_a_person(where: str, credit: str) -> None:
    assert clean_people([credit], outlets=known_brands()) == []


# (where it was seen, credit, people)
PEOPLE = [
    # One-word Indonesian names.
    ("constructed", "Suparjo", ["Suparjo"]),
    ("antara/anpandu_antara-singlepage4.html", "Pewarta: Monalisa", ["Monalisa"]),
    # "Tim" before a surname is a first name.
    ("benchmarks/fundus-dev uk/TheMirror", "Lucy Thornton, Tim Hanlon", ["Lucy Thornton", "Tim Hanlon"]),
    ("constructed", "Tim Cook", ["Tim Cook"]),
    # The person beside a team, a wire or a photographer.
    ("benchmarks/fundus-dev au/NineNews", "Adam Vidler, AP", ["Adam Vidler"]),
    ("constructed", "Budi Santoso, Fotografer Agung", ["Budi Santoso"]),
    ("constructed", "Penulis: Budi Santoso | Foto: Antara/Aditya", ["Budi Santoso"]),
    ("constructed", "Tim Redaksi, Budi Santoso", ["Budi Santoso"]),
]  # fmt: skip


@pytest.mark.parametrize(("where", "credit", "people"), PEOPLE)
def test_people_stay(where: str, credit: str, people: list[str]) -> None:
    assert clean_people([credit], outlets=known_brands()) == people


def test_a_team_in_the_meta_leaves_the_byline_to_name_the_writer() -> None:
    raw = RawArticle(
        url="https://www.detik.com/bali/berita/d-7000000/x",
        site="detik",
        title=[Found("Judul", "json-ld")],
        body=["Denpasar - Isi berita yang cukup panjang untuk menjadi badan artikel."],
        authors=[Found("Tim detikBali", "json-ld"), Found("Ni Made Lastri", "markup:byline")],
    )
    assert to_snapshot(raw).authors == ("Ni Made Lastri",)
