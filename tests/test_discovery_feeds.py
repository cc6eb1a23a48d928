"""parse_feed and looks_like_feed on every real feed in ../shared/pages and on feeds we wrote.

Real feeds are checked against the files read another way: entries are counted with a plain
regex over the bytes, and the first entry's link, title and date were read off the file by
hand (CDATA and entities decoded).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newscrawler.discovery import FeedEntry, looks_like_feed, parse_feed
from tests.conftest import FIXTURES, shared_page

DISCOVERY = FIXTURES / "discovery"
_ITEM_OR_ENTRY = re.compile(rb"<(?:item|entry)[\s>]")

REAL_FEEDS = [
    pytest.param(
        "antara/anpandu_antara-mainpage.html",
        "http://www.antaranews.com/berita/527615/29-penerbangan-bandara-internasional-lombok-dibatalkan",
        "29 penerbangan Bandara Internasional Lombok dibatalkan",
        "Thu, 05 Nov 2015 14:56:43 +0700",
        id="anpandu_antara-mainpage",
    ),
    pytest.param(
        "antara/marwanmusa_antara_terkini.xml",
        "https://jambi.antaranews.com/berita/519381/malisya-deslilian-lulus-fakultas-kedokteran-unisba-pada-usia-20-tahun",
        "Malisya Deslilian lulus Fakultas Kedokteran Unisba pada usia 20 tahun",
        "Sun, 28 Aug 2022 21:39:36 +0700",
        id="marwanmusa_antara_terkini",
    ),
    pytest.param(
        "antara/vincenthend_antara_news_terkini.xml",
        "http://www.antaranews.com/berita/626372/kopi-dari-ritual-hingga-kebutuhan-sehari-hari",
        "Kopi, dari ritual hingga kebutuhan sehari-hari",
        "Fri, 28 Apr 2017 07:03:39 +0700",
        id="vincenthend_antara_news_terkini",
    ),
    pytest.param(
        "antara/vinjerdim_antara_terkini_2017-04-17.xml",
        "http://www.antaranews.com/berita/624490/orang-korea-lebih-senang-streaming-musik",
        "Orang Korea lebih senang streaming musik",
        "Mon, 17 Apr 2017 09:45:21 +0700",
        id="vinjerdim_antara_terkini_2017-04-17",
    ),
    pytest.param(
        "bbcindonesia/vincenthend_bbcindonesia_index.xml",
        "http://www.bbc.co.uk/go/wsy/pub/rss/1.0/-/indonesian/news/story/2009/11/091130_chandrabibit.shtml",
        "Kasus Bibit-Chandra dihentikan",
        "2009-11-30T12:19:29+00:00",
        id="vincenthend_bbcindonesia_index",
    ),
    pytest.param(
        "bbcindonesia/vincenthend_bbcindonesia_index1.xml",
        "http://www.bbc.co.uk/go/wsy/pub/rss/1.0/-/indonesian/news/story/2009/11/091121_oprahwinfrey.shtml",
        "Oprah, akhir sebuah era?",
        "2009-11-21T15:20:17+00:00",
        id="vincenthend_bbcindonesia_index1",
    ),
    pytest.param(
        "bbcindonesia/vincenthend_bbcindonesia_index2.xml",
        "http://www.bbc.co.uk/go/wsy/pub/rss/1.0/-/indonesian/forum/story/2009/11/091128_bencanamoral.shtml",
        "Bencana di Indonesia karena tindakan maksiat",
        "2009-11-28T19:54:50+00:00",
        id="vincenthend_bbcindonesia_index2",
    ),
    pytest.param(
        "bbcindonesia/vincenthend_bbcindonesia_index3.xml",
        "http://www.bbc.co.uk/go/wsy/pub/rss/1.0/-/indonesian/letterfromlondon/story/2009/10/091027_padangquake.shtml",
        "Sikap dermawan warga Inggris",
        "2009-10-27T08:52:03+00:00",
        id="vincenthend_bbcindonesia_index3",
    ),
    pytest.param(
        "bbcindonesia/vincenthend_bbcindonesia_index4.xml",
        "http://www.bbc.co.uk/go/wsy/pub/rss/1.0/-/indonesian/learningenglish/witn/2009/10/091007_arcticwarmest.shtml",
        "Arktika terhangat dalam 20 abad",
        "2009-10-09T11:56:36+00:00",
        id="vincenthend_bbcindonesia_index4",
    ),
    pytest.param(
        "bbcindonesia/vincenthend_bbcindonesia_rss.xml",
        "http://www.bbc.com/indonesia/indonesia-39730365",
        "Hak angket DPR dinilai jadi 'manuver untuk menekan' KPK soal e-KTP",
        "Thu, 27 Apr 2017 22:50:49 GMT",
        id="vincenthend_bbcindonesia_rss",
    ),
    pytest.param(
        "detik/anpandu_detik-mainpage.html",
        "http://detik.feedsportal.com/c/33613/f/656082/s/4b3f909e/sc/3/l/0Linet0Bdetik0N0Cread0C20A150C110C0A50C10A0A0A260C30A626230C3230Cgoogle0Eumbar0Ekelemahan0Egalaxy0Es60Eedge/story01.htm",
        "Google Umbar Kelemahan Galaxy S6 Edge",
        "Thu, 05 Nov 2015 03:08:58 GMT",
        id="anpandu_detik-mainpage",
    ),
    pytest.param(
        "detik/cristian_detik_2014.rss",
        "http://detik.feedsportal.com/c/33613/f/656083/s/39db72c9/l/0Lnews0Bdetik0N0Cread0C20A140C0A40C290C0A80A540A0C25682530C10A0Cperjalanan0Eipod0Enurhadi0Edari0Eamerika0Ehingga0Edisita0Ekpk/story01.htm",
        "Perjalanan iPod Nurhadi, dari Amerika hingga Disita KPK",
        "Tue, 29 Apr 2014 01:10:40 GMT",
        id="cristian_detik_2014",
    ),
    pytest.param(
        "detik/vincenthend_detik_detikcom_2017-04-27.xml",
        "http://m.detik.com/read/2017/04/27/215033/3486104/10/hak-angket-dibahas-besok-kpk-kami-tetap-fokus-tangani-perkara",
        "Hak Angket Dibahas Besok, KPK: Kami Tetap Fokus Tangani Perkara",
        "Thu, 27 Apr 2017 21:55:33 +0700",
        id="vincenthend_detik_detikcom_2017-04-27",
    ),
    pytest.param(
        "detik/vincenthend_detik_detikcom_2017-04-28.xml",
        "http://inet.detik.com/read/2017/04/28/074621/3486186/323/situs-telkomsel-diretas-ini-reaksi-manajemen",
        "Situs Telkomsel Diretas, Ini Reaksi Manajemen",
        "Fri, 28 Apr 2017 07:50:21 +0700",
        id="vincenthend_detik_detikcom_2017-04-28",
    ),
    pytest.param(
        "detik/vincenthend_detik_detiknews.xml",
        "http://news.detik.com/read/2017/04/28/065910/3486167/10/dpr-gelar-paripurna-angket-kpk-sikap-wakil-rakyat-dinanti",
        "DPR Gelar Paripurna Angket KPK, Sikap Wakil Rakyat Dinanti",
        "Fri, 28 Apr 2017 07:01:10 +0700",
        id="vincenthend_detik_detiknews",
    ),
    pytest.param(
        "detik/vincenthend_detik_finance.xml",
        "http://finance.detik.com/read/2017/04/28/065546/3486166/4/bumn-malaysia-bakal-investasi-di-tol-yogyakarta-solo",
        "BUMN Malaysia Bakal Investasi di Tol Yogyakarta-Solo",
        "Fri, 28 Apr 2017 07:04:46 +0700",
        id="vincenthend_detik_finance",
    ),
    pytest.param(
        "detik/vincenthend_detik_foto.xml",
        "http://foto.detik.com/readfoto/2016/11/21/135045/3350389/1696/1/ayu-ting-ting-tampil-kompak-bersama-bilqis",
        "Ayu Ting Ting Tampil Kompak Bersama Bilqis",
        "Mon, 21 Nov 2016 13:50:45 +0700",
        id="vincenthend_detik_foto",
    ),
    pytest.param(
        "detik/vincenthend_detik_hot.xml",
        "http://hot.detik.com/read/2017/04/28/014652/3486142/230/bambang-gentolet-tutup-usia-teman-sejawat-berbondong-ke-rumah-duka",
        "Bambang Gentolet Tutup Usia, Teman Sejawat Berbondong ke Rumah Duka",
        "Fri, 28 Apr 2017 01:58:52 +0700",
        id="vincenthend_detik_hot",
    ),
    pytest.param(
        "detik/vincenthend_detik_otomotif.xml",
        "http://oto.detik.com/read/2017/04/27/193408/3486018/1506/eurokars-ingin-mazda-jadi-merek-mobil-premium",
        "Eurokars Ingin Mazda Jadi Merek Mobil Premium",
        "Thu, 27 Apr 2017 19:43:08 +0700",
        id="vincenthend_detik_otomotif",
    ),
    pytest.param(
        "detik/vincenthend_detik_sport.xml",
        "http://sport.detik.com/read/2017/04/28/042725/3486154/81/alex-rins-cedera-suzuki-tunjuk-takuya-tsuda-jadi-pebalap-pengganti-di-jerez",
        "Alex Rins Cedera, Suzuki Tunjuk Takuya Tsuda Jadi Pebalap Pengganti di Jerez",
        "Fri, 28 Apr 2017 04:27:25 +0700",
        id="vincenthend_detik_sport",
    ),
    pytest.param(
        "kapanlagi/anpandu_kapanlagi-mainpage.html",
        "http://www.kapanlagi.com/showbiz/asian-star/drama-adaptasi-webtoon-cheese-in-trap-rilis-teaser-perdana-eeddf5.html",
        "Drama Adaptasi Webtoon 'Cheese In Trap' Rilis Teaser Perdana",
        "Thu, 05 Nov 2015 12:45:00 +0700",
        id="anpandu_kapanlagi-mainpage",
    ),
    pytest.param(
        "liputan6/vincenthend_liputan6_rss.xml",
        "http://bola.liputan6.com/read/2934383/misi-rooney-bersama-mu-buktikan-diri-belum-habis?utm_source=lpfeed&utm_medium=lpfeed&utm_campaign=rss",
        "Misi Rooney Bersama MU Buktikan Diri Belum Habis",
        "Fri, 28 Apr 2017 06:36:11 +0700",
        id="vincenthend_liputan6_rss",
    ),
    pytest.param(
        "republika/anpandu_republika-mainpage.html",
        "http://nasional.republika.co.id/berita/nasional/hukum/15/11/05/nxc181330-sejak-jadi-tersangka-ketua-dprd-sumut-tak-masuk-kerja",
        "Sejak Jadi Tersangka, Ketua DPRD Sumut tak Masuk Kerja",
        "Thu, 05 Nov 2015 15:07:13 +0700",
        id="anpandu_republika-mainpage",
    ),
    pytest.param(
        "republika/vincenthend_republika_rss.xml",
        "http://www.republika.co.id/berita/ekonomi/korporasi/17/04/28/op3f1e383-sandiaga-penjualan-saham-bir-dilakukan-lewat-lelang-terbuka",
        "Sandiaga: Penjualan Saham Bir Dilakukan Lewat Lelang Terbuka",
        "Fri, 28 Apr 2017 07:08:02 +0700",
        id="vincenthend_republika_rss",
    ),
    pytest.param(
        "tempo/gtrdp_tempo_rss_2017-04-06.xml",
        "https://www.tempo.co/read/news/2017/04/06/058863188/Ada-Drone-Intai-Teluk-Bintuni-Kodam-akan-Bangun-Detasemen-Rudal",
        "Ada Drone Intai Teluk Bintuni, Kodam akan Bangun Detasemen Rudal",
        "Thu, 06 Apr 2017 10:39:08 +0700",
        id="gtrdp_tempo_rss_2017-04-06",
    ),
    pytest.param(
        "tempo/vincenthend_tempo_terkini_2017-04-27.xml",
        "http://www.tempo.co/read/news/2017/04/27/078870270/Formappi-Nilai-Hak-Angket-DPR-ke-KPK-untuk-Lindungi-Teman-Sejawat",
        "Formappi Nilai Hak Angket DPR ke KPK untuk Lindungi Teman Sejawat",
        "Thu, 27 Apr 2017 16:02:24 +0100",
        id="vincenthend_tempo_terkini_2017-04-27",
    ),
    pytest.param(
        "tempo/vincenthend_tempo_terkini_2017-04-28.xml",
        "http://www.tempo.co/read/news/2017/04/28/204870338/Riset-Wisata-Teror-di-Eropa-Tak-Membuat-Turis-Takut",
        "Riset Wisata: Teror di Eropa Tak Membuat Turis Takut",
        "Fri, 28 Apr 2017 01:38:02 +0100",
        id="vincenthend_tempo_terkini_2017-04-28",
    ),
    pytest.param(
        "viva/vincenthend_viva_all.xml",
        "http://log.viva.co.id/news/read/909713-jalur-pendakian-gunung-kelud-via-tulungrejo-berita",
        "Jalur Pendakian Gunung Kelud via Tulungrejo",
        "Fri, 28 Apr 2017 08:16:01 +0700",
        id="vincenthend_viva_all",
    ),
]


@pytest.mark.shared
@pytest.mark.parametrize(("relative", "url", "title", "published"), REAL_FEEDS)
def test_real_feed(relative: str, url: str, title: str, published: str) -> None:
    body = shared_page(relative).read_bytes()

    entries = parse_feed(body)

    assert len(entries) == len(_ITEM_OR_ENTRY.findall(body))
    assert all(re.match(r"https?://[^/\s]+/", entry.url) for entry in entries)
    assert (entries[0].url, entries[0].title, entries[0].published) == (url, title, published)
    assert looks_like_feed(body)


@pytest.mark.shared
def test_every_real_feed_is_covered(shared_pages: Path) -> None:
    """A feed added to ../shared/pages (type "rss" in SOURCES.md) must join REAL_FEEDS."""
    sources = (shared_pages / "SOURCES.md").read_text()
    listed = set(re.findall(r"^\| (\S+) \| [^|]+ \| rss \|", sources, re.MULTILINE))
    assert listed
    assert listed == {param.values[0] for param in REAL_FEEDS}


@pytest.mark.shared
def test_real_feed_fields() -> None:
    """Fields beyond the link: guid, summary HTML, categories, RDF dates."""
    kapanlagi = parse_feed(shared_page("kapanlagi/anpandu_kapanlagi-mainpage.html").read_bytes())
    assert kapanlagi[0].tags == ("asian-star",)
    assert kapanlagi[0].summary == (
        "<p>Diangkat dari kisah webtoon terkenal, teaser pertama Cheese in the Trap makin bikin"
        " fans penasaran nh.</p>"
    )
    # feedsportal wraps the link; the real article URL survives only in the guid.
    detik = parse_feed(shared_page("detik/anpandu_detik-mainpage.html").read_bytes())
    assert detik[0].guid == (
        "http://inet.detik.com/read/2015/11/05/100026/3062623/323/"
        "google-umbar-kelemahan-galaxy-s6-edge"
    )
    liputan6 = parse_feed(shared_page("liputan6/vincenthend_liputan6_rss.xml").read_bytes())
    assert liputan6[0].guid == "2934383"
    assert "&amp;" not in liputan6[0].url
    assert liputan6[0].summary is not None
    assert liputan6[0].summary.startswith("<p>Striker Manchester United (<a href=")
    republika = parse_feed(shared_page("republika/vincenthend_republika_rss.xml").read_bytes())
    assert republika[0].tags == ("Korporasi",)


@pytest.mark.shared
def test_base_url_does_not_change_absolute_links() -> None:
    body = shared_page("tempo/vincenthend_tempo_terkini_2017-04-27.xml").read_bytes()
    assert parse_feed(body, "https://elsewhere.example/") == parse_feed(body)


def test_atom_feed() -> None:
    entries = parse_feed((DISCOVERY / "atom.xml").read_bytes())

    assert entries == [
        FeedEntry(
            # rel="alternate" wins over the enclosure listed before it
            url="https://kabar.example.id/ekonomi/2024/08/14/harga-cabai-naik",
            title="Harga Cabai Naik & Pedagang Mengeluh",
            published="2024-08-14T10:30:00+07:00",
            guid="tag:kabar.example.id,2024:1001",
            summary="<p>Harga cabai rawit di Pasar Induk Kramat Jati naik dua kali lipat.</p>",
            tags=("ekonomi", "pangan"),
        ),
        FeedEntry(
            # a relative href is resolved against the feed's own alternate link
            url="https://kabar.example.id/olahraga/2024/08/14/timnas-u19-juara",
            title="Timnas U-19 Juara",
            published="2024-08-14T09:00:00+07:00",
            guid="tag:kabar.example.id,2024:1002",
            summary=entries[1].summary,
            tags=(),
        ),
        # the third entry has no link at all and is left out
    ]
    assert entries[1].summary is not None
    assert "<p>Indonesia menang 1-0.</p>" in entries[1].summary


def test_broken_rss() -> None:
    """BOM, blank lines before <?xml, a UTF-8 body declared iso-8859-1, &nbsp;/&ldquo;, bare &."""
    entries = parse_feed((DISCOVERY / "rss-broken.xml").read_bytes())

    assert [entry.url for entry in entries] == [
        "https://berita.example.id/read/101/menteri-keuangan-defisit?src=rss&ref=home",
        "https://berita.example.id/read/102/kereta-cepat-whoosh-rekor",  # from the permalink guid
        "https://berita.example.id/read/103/tautan-relatif",  # relative <link>, channel's base
    ]
    first = entries[0]
    assert first.title == "Menteri Keuangan: “Defisit Tetap Terjaga”"
    assert first.published == "2024-08-14T10:30:00+07:00"  # dc:date
    assert first.summary == "Sri Mulyani memastikan defisit APBN tetap di bawah 3\xa0persen."
    assert first.tags == ("Ekonomi", "APBN")
    assert entries[1].guid == "https://berita.example.id/read/102/kereta-cepat-whoosh-rekor"
    assert entries[1].published == "Wed, 14 Aug 2024 10:41:00 +0700"
    assert entries[2].guid == "berita-103"


def test_base_url_resolves_relative_links() -> None:
    body = (DISCOVERY / "rss-broken.xml").read_bytes()
    entries = parse_feed(body, base_url="https://mirror.example.id/rss/")
    assert entries[2].url == "https://mirror.example.id/read/103/tautan-relatif"


def test_feed_inside_html_page() -> None:
    body = (DISCOVERY / "feed-in-html.html").read_bytes()

    assert looks_like_feed(body)
    assert [(entry.url, entry.title) for entry in parse_feed(body)] == [
        (
            "https://portal.example.id/read/201/gubernur-resmikan-jembatan",
            "Gubernur Resmikan Jembatan Baru",
        ),
        (
            "https://portal.example.id/read/202/festival-budaya",
            "Festival Budaya Digelar Akhir Pekan",
        ),
    ]


def test_text_input_and_real_latin1() -> None:
    """A str body, and bytes that really are ISO-8859-1 (not valid UTF-8)."""
    rss = (
        '<?xml version="1.0" encoding="iso-8859-1"?><rss version="0.91"><channel>'
        "<item><title>Café Jakarta</title><link>http://x.example/a</link></item>"
        "</channel></rss>"
    )
    assert parse_feed(rss)[0].title == "Café Jakarta"
    assert parse_feed(rss.encode("iso-8859-1"))[0].title == "Café Jakarta"


def test_rdf_item_without_guid_takes_its_about() -> None:
    rdf = b"""<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
        xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="http://x.example/"><title>X</title><link>http://x.example/</link>
        <items><rdf:Seq><rdf:li resource="http://x.example/1"/></rdf:Seq></items></channel>
      <item rdf:about="http://x.example/1"><title>Satu</title><link>http://x.example/1</link>
        <dc:date>2024-08-14T10:30:00+07:00</dc:date><dc:subject>Politik</dc:subject></item>
    </rdf:RDF>"""
    assert parse_feed(rdf) == [
        FeedEntry(
            url="http://x.example/1",
            title="Satu",
            published="2024-08-14T10:30:00+07:00",
            guid="http://x.example/1",
            summary=None,
            tags=("Politik",),
        )
    ]


def test_truncated_feed_keeps_complete_items() -> None:
    body = (DISCOVERY / "rss-broken.xml").read_bytes()
    cut = body[: body.index(b"<title>Tautan relatif")]
    assert [entry.url for entry in parse_feed(cut)][:2] == [
        "https://berita.example.id/read/101/menteri-keuangan-defisit?src=rss&ref=home",
        "https://berita.example.id/read/102/kereta-cepat-whoosh-rekor",
    ]


def test_javascript_links_are_not_entries() -> None:
    rss = (
        "<rss><channel><item><title>A</title><link>javascript:void(0)</link></item>"
        "<item><title>B</title><link>mailto:redaksi@x.example</link></item></channel></rss>"
    )
    assert parse_feed(rss) == []


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"   \n",
        bytes(range(256)) * 4,
        b"\x1f\x8b\x08\x00garbage",
        "<rss",
        b"<html><head><title>502 Bad Gateway</title></head><body><h1>502</h1></body></html>",
        b'<?xml version="1.0"?><urlset><url><loc>http://x.example/</loc></url></urlset>',
    ],
    ids=["empty", "blank", "random", "gzip-junk", "unclosed-rss", "html", "sitemap"],
)
def test_not_a_feed_gives_no_entries(body: bytes | str) -> None:
    assert parse_feed(body) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b'\xef\xbb\xbf<?xml version="1.0"?>\n<rss version="2.0">', True),
        (b'\n\n<feed xmlns="http://www.w3.org/2005/Atom">', True),
        (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">', True),
        (
            b'<!DOCTYPE html><html><head><link rel="alternate" type="application/rss+xml"'
            b' href="/rss"></head><body>Berita</body></html>',
            False,
        ),
        (
            b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
            False,
        ),
        (b"", False),
        ("<rss version='2.0'><channel>", True),
    ],
)
def test_looks_like_feed(body: bytes | str, expected: bool) -> None:
    assert looks_like_feed(body) is expected
