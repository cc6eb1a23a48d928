"""The body walker: which boxes inside an article container are furniture, from real markup."""

from __future__ import annotations

import pytest
from lxml import html

from newscrawler.extraction.body import has_text, paragraphs

# fixtures/sites/liputan6/2019-11-24_kemnaker-asn-indramayu.html (modeled on liputan6.com's
# 2019 markup): the "Baca Juga" box, here followed by a subheading.
LIPUTAN6 = """<div class="article-content-body__item-content">
<p>Dikatakan oleh Ade, saat ini Kementerian Ketenagakerjaan diminta serius.</p>
<div class="baca-juga-collections" data-component-name="desktop:read-page:article-content-body:section:baca-juga-collections">
  <div class="baca-juga-collections__title">Baca Juga</div>
  <ul class="baca-juga-collections__list">
    <li class="baca-juga-collections__item"><a href="https://www.liputan6.com/news/read/4116842/kemnaker-dorong-pelatihan-vokasi-berbasis-kebutuhan-industri" class="baca-juga-collections__link">Kemnaker Dorong Pelatihan Vokasi Berbasis Kebutuhan Industri</a></li>
  </ul>
</div>
<h2>Jiwa ASN</h2>
<p>Lebih lanjut Ade mengajak para ASN untuk introspeksi.</p>
</div>"""  # noqa: E501  (quoted markup)

# fixtures/sites/kapanlagi/2024-11-12_konser-reuni-band-90an.html
KAPANLAGI = """<div class="body-paragraph">
<p>Promotor mencatat sebanyak 8.500 tiket terjual sebelum pukul 14.00 WIB.</p>
<div class="box-related-news">
  <span class="title-related">Baca Juga:</span>
  <ul>
    <li><a href="https://www.kapanlagi.com/showbiz/selebriti/band-90-an-umumkan-tur-reuni-lima-kota-3e9a07.html">Band 90-an Umumkan Tur Reuni Lima Kota</a></li>
  </ul>
</div>
<h2>Penggemar Minta Jadwal Tambahan</h2>
</div>"""  # noqa: E501  (quoted markup)


def test_compound_related_box_names_are_furniture():
    assert paragraphs(html.fragment_fromstring(LIPUTAN6)) == [
        "Dikatakan oleh Ade, saat ini Kementerian Ketenagakerjaan diminta serius.",
        "Jiwa ASN",
        "Lebih lanjut Ade mengajak para ASN untuk introspeksi.",
    ]
    assert paragraphs(html.fragment_fromstring(KAPANLAGI)) == [
        "Promotor mencatat sebanyak 8.500 tiket terjual sebelum pukul 14.00 WIB.",
        "Penggemar Minta Jadwal Tambahan",
    ]


def test_article_body_classes_are_not_furniture():
    # Container classes that merely sound alike stay: Liputan6's "article-content-body".
    markup = '<div><div class="article-content-body"><p>Teks.</p></div></div>'
    assert paragraphs(html.fragment_fromstring(markup)) == ["Teks."]


def test_furniture_names_in_any_case_and_beyond_ascii():
    # The class patterns ignore case, and Python's IGNORECASE reads "ſ" as "s" and "İ" as
    # "i": such names must not slip past the quick ASCII search that rules most names out.
    markup = (
        '<div><p>Teks berita.</p><div class="SHARE">Bagikan</div>'
        '<div class="ſocial">Bagikan</div><div id="İKLAN">Iklan</div>'
        '<div class="col-md-8 read-also">Baca juga</div></div>'
    )
    assert paragraphs(html.fragment_fromstring(markup)) == ["Teks berita."]


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<div><p>Teks.</p></div>", True),
        ("<div>  \n <p> </p><br></div>", False),
        ("<div><script>var x = 1;</script><div class='share'>Bagikan</div></div>", False),
        ("<div><div hidden>Tersembunyi</div><!-- catatan -->sesudah komentar</div>", True),
        ("<div><figure><figcaption>Foto</figcaption></figure>teks</div>", True),
        ("<div><div style='display: none'>x</div></div>", False),
    ],
)
def test_has_text_answers_as_paragraphs_does(markup, expected):
    container = html.fragment_fromstring(markup)
    assert has_text(container) is expected
    assert bool(paragraphs(container)) is expected


def test_a_widget_is_furniture_unless_it_names_the_posts():
    # Blogger prints every post inside <div class="widget Blog" id="Blog1">, and its sidebar
    # boxes as <div class="widget LinkList">.
    markup = (
        "<div><div class='widget Blog'><p>Teks tulisan.</p></div>"
        "<div class='widget LinkList'><p>Tautan lain</p></div></div>"
    )
    assert paragraphs(html.fragment_fromstring(markup)) == ["Teks tulisan."]


def test_a_column_of_popular_links_inside_the_article_is_furniture():
    # Hearst's papers put the whole page in one <article>, the "Most Popular" column too;
    # Sporting News puts "recommended-stories-module" there.
    markup = (
        "<article><div class='article-body'><p>Teks berita.</p></div>"
        "<div class='article-sidebar'><div class='most-popular'><h2>Most Popular</h2>"
        "<ul><li><a href='/a'>Judul lain</a></li></ul></div></div>"
        "<div class='trending-now'><a href='/b'>Judul ramai</a></div>"
        "<div class='recommended-stories-module'><a href='/c'>Judul pilihan</a></div>"
        "<div class='similar-posts'><a href='/d'>Judul serupa</a></div>"
        "<div class='has-sidebar'><p>Paragraf kedua.</p></div></article>"
    )
    assert paragraphs(html.fragment_fromstring(markup)) == ["Teks berita.", "Paragraf kedua."]


def test_a_photo_gallery_inside_the_article_is_furniture():
    # The Washington Post embeds galleries in the story: buttons, counters, an ad slot.
    markup = (
        "<article><p>Teks berita.</p><div class='inline-content inline-gallery-embedded'>"
        "<div class='pb-f-gallery-gallery'><div>1 of 24</div><div>Full Screen</div></div>"
        "</div><p>Paragraf kedua.</p></article>"
    )
    assert paragraphs(html.fragment_fromstring(markup)) == ["Teks berita.", "Paragraf kedua."]


def test_blocks_with_a_navigation_role_are_furniture():
    # Wikipedia: <div role="navigation" class="navbox"> tables of links close the article.
    markup = (
        "<div><p>Teks artikel.</p><div role='navigation' class='navbox'><table><tr><td>"
        "<ul><li><a href='/a'>Bonsai</a></li></ul></td></tr></table></div>"
        "<div role='complementary'>Kotak samping</div><div role='main'><p>Lanjutan.</p></div>"
        "</div>"
    )
    assert paragraphs(html.fragment_fromstring(markup)) == ["Teks artikel.", "Lanjutan."]


def test_author_cards_most_read_lists_and_footers_inside_the_text_are_furniture():
    # Fandom's <div class="author-bio">, the Seattle Times' "most-read-container" inside
    # itemprop=articleBody, Medium's <div class="postFooter-info">.
    markup = (
        "<div><p>Teks artikel.</p><div class='author-bio'>Penulis meliput film.</div>"
        "<div class='most-read-container module'><a href='/a'>Judul terbaca</a></div>"
        "<div class='postFooter-info'>Freelance writer.</div><p>Lanjutan.</p></div>"
    )
    assert paragraphs(html.fragment_fromstring(markup)) == ["Teks artikel.", "Lanjutan."]
