# ruff: noqa: E501  (each row quotes a whole keywords meta; wrapping it hides the quote)
"""Keywords fields that are no tag list, and list headings that are no tag.

A candidate holding a sentence, a description or a headline cut into words gives nothing, so
``snapshots`` takes the page's next tag source instead of "itu" and "ke".
"""

from __future__ import annotations

import pytest

from newscrawler.normalize.tags import clean_tags

# (where it was seen, the candidate's values, the tags)
NOT_TAG_LISTS = [
    # A sentence or a description without separators.
    ("constructed, after Indonesian keywords metas that repeat the lede", ["Para tahanan itu dipindahkan ke lapas lain setelah kerusuhan"]),
    ("benchmarks/zyte-article-extraction 3cb5e2f4", ["All-new 2020 Sentra is what we really want from Nissan PH Next-generation Nissan Sentra makes global debut in Los Angeles"]),
    ("benchmarks/zyte-article-extraction aadb38e5", ["Lexus wants you to go topless with 2020 LC500 Convertible The LC 500 looks good even with the roof chopped off"]),
    # Slugs joined by spaces: no way to tell where one topic ends.
    ("benchmarks/fundus-dev za/DailyMaverick_2025_05_22", ["humanitarian-aid icj international-court-of-justice international-law israel middle-east-crisis occupation palestine"]),
    # The headline cut at its spaces, as a comma-joined meta or as a JSON-LD list.
    ("constructed, headline split by a CMS", ["Para, tahanan, itu, dipindahkan, ke, lapas, lain, setelah, kerusuhan"]),
    ("constructed, headline split by a CMS", ["Para", "tahanan", "itu", "dipindahkan", "ke", "lapas"]),
    ("constructed, headline split by a CMS", ["Ribuan,warga,padati,alun-alun,untuk,saksikan,pawai,di,Bandung"]),
    # A description that happens to hold commas: its sentence outweighs what follows.
    ("constructed, a portal's site description in the keywords meta", ["Kompas.com adalah portal berita terkini dan terpercaya di Indonesia, menyajikan berita politik, ekonomi, olahraga"]),
    ("benchmarks/zyte-article-extraction d605bdef", ["investing, US-China trade war developments leave investors with mixed feelings -- Asian market latest - CNN"]),
    # Only a heading.
    ("constructed", ["Tags:"]),
    ("constructed", ["News:"]),
    ("constructed", ["Topik:", "Tag Terkait"]),
]  # fmt: skip


@pytest.mark.parametrize(("where", "raw"), NOT_TAG_LISTS)
def test_not_a_tag_list(where: str, raw: list[str]) -> None:
    assert clean_tags(raw) == []


# (where it was seen, the candidate's values, the tags)
TAG_LISTS = [
    # Headings and labels go; the topics stay.
    ("constructed, a visible list under its heading", ["News:", "Politik", "Pemilu 2024"], ["Politik", "Pemilu 2024"]),
    ("constructed", ["News: Politik, Pilkada"], ["Politik", "Pilkada"]),
    ("constructed", ["Topik: Pemilu 2024, Pilpres"], ["Pemilu 2024", "Pilpres"]),
    ("constructed", ["Tag Terkait", "#Jokowi", "#Ibu Kota Nusantara"], ["Jokowi", "Ibu Kota Nusantara"]),
    ("constructed", ["Baca Juga:", "banjir rob"], ["banjir rob"]),
    # A bare "news" is a topic (Tribunnews's keywords meta).
    ("tribunnews/slasherrb_tribunnews.html", ["benjamin bukit, news, metropolitan"], ["benjamin bukit", "news", "metropolitan"]),
    # Lists of single words are fine when they are topics.
    ("benchmarks/zyte-article-extraction 432362af", ["News,china,illnesses,plague"], ["News", "china", "illnesses", "plague"]),
    ("benchmarks/zyte-article-extraction 20b2b649", ["Amazon,black Friday,Natale,regali"], ["Amazon", "black Friday", "Natale", "regali"]),
    ("detik/anpandu_detik-singlepage.html", ["samsung,galaxy,s6 edge+,note 5"], ["samsung", "galaxy", "s6 edge+", "note 5"]),
    # A short phrase is one tag; so is a list item of several words beside others.
    ("benchmarks/zyte-article-extraction 3ce1c8fd", ["2018 Boys State Swim Results"], ["2018 Boys State Swim Results"]),
    ("benchmarks/zyte-article-extraction 04a6711c", ["Trump-Ukraine Whistle-blower Complaint and Impeachment Inquiry,US Politics"], ["Trump-Ukraine Whistle-blower Complaint and Impeachment Inquiry", "US Politics"]),
    # A headline leading a real list is dropped alone.
    ("antara/anpandu_antara-singlepage4.html", ["Astra Otoparts luncurkan ban motor terbaru Aspira Premio , ban motor astra otoparts, Aspira Premio, ban pirelli, peluncuran Aspira Premio"], ["ban motor astra otoparts", "Aspira Premio", "ban pirelli", "peluncuran Aspira Premio"]),
]  # fmt: skip


@pytest.mark.parametrize(("where", "raw", "tags"), TAG_LISTS)
def test_tag_lists(where: str, raw: list[str], tags: list[str]) -> None:
    assert clean_tags(raw) == tags
