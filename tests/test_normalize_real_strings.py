# ruff: noqa: E501  (each row quotes whole strings from a page; wrapping them hides the quote)
"""Normalization table-tested with strings quoted from real pages.

Every row names the page it was read from (under ../shared) and the value a reader of that
page sees; the expected values were written from reading the pages, not from running the code.
``test_quoted_strings_are_on_their_pages`` keeps the quotes honest, and
``test_every_site_contributes`` fails when a site's folder has no row here.
"""

from __future__ import annotations

import html
import re
from datetime import datetime
from functools import cache
from pathlib import Path

import pytest

from newscrawler.normalize.authors import clean_people, split_credits
from newscrawler.normalize.dates import parse_datetime
from newscrawler.normalize.tags import clean_tags
from newscrawler.normalize.text import clean_body
from newscrawler.normalize.titles import clean_title
from newscrawler.normalize.zones import WIB, WITA
from newscrawler.sites import known_brands
from tests.conftest import SHARED, _missing, shared_page

# Listing pages say "8 menit yang lalu"; relative rows are read against this fetch time.
NOW = datetime(2020, 7, 1, 12, 0, tzinfo=WIB)

# (site, page, raw, expected isoformat or None)
DATES: list[tuple[str, str, str, str | None]] = [
    ("antara", "antara/anpandu_antara-singlepage.html", "2015-11-05T14:56:43+07:00", "2015-11-05T14:56:43+07:00"),
    ("antara", "antara/anpandu_antara-singlepage.html", "Kamis, 5 November 2015 14:56 WIB", "2015-11-05T14:56:00+07:00"),
    ("antara", "antara/anpandu_antara-singlepage2.html", "2016-02-23T14:49:30+07:00", "2016-02-23T14:49:30+07:00"),
    ("antara", "antara/anpandu_antara-singlepage2.html", "Selasa, 23 Februari 2016 14:49 WIB", "2016-02-23T14:49:00+07:00"),
    ("antara", "antara/anpandu_antara-singlepage4.html", "Selasa, 23 Februari 2016 15:06 WIB", "2016-02-23T15:06:00+07:00"),
    ("antara", "antara/anpandu_antara-singlepage4.html", "Selasa, 23/02/2016", "2016-02-23T00:00:00+07:00"),
    ("antara", "antara/marwanmusa_antara_terkini.xml", "Sun, 28 Aug 2022 21:39:36 +0700", "2022-08-28T21:39:36+07:00"),
    ("antara", "antara/vincenthend_antara_news_terkini.xml", "Fri, 28 Apr 2017 07:03:39 +0700", "2017-04-28T07:03:39+07:00"),
    ("antara", "antara/vinjerdim_antara_terkini_2017-04-17.xml", "Mon, 17 Apr 2017 09:45:21 +0700", "2017-04-17T09:45:21+07:00"),
    ("bbcindonesia", "bbcindonesia/vincenthend_bbcindonesia_rss.xml", "Thu, 27 Apr 2017 22:50:49 GMT", "2017-04-27T22:50:49+00:00"),
    ("bbcindonesia", "bbcindonesia/vincenthend_bbcindonesia_rss.xml", "Mon, 24 Apr 2017 20:55:00 GMT", "2017-04-24T20:55:00+00:00"),
    ("bbcindonesia", "bbcindonesia/vincenthend_bbcindonesia_index.xml", "2009-11-30T12:21:52+00:00", "2009-11-30T12:21:52+00:00"),
    ("cnnindonesia", "cnnindonesia/gotrending80_cnnindonesia-home_test.unescaped.html", " &bull; 8 menit yang lalu", "2020-07-01T11:52:00+07:00"),
    ("cnnindonesia", "cnnindonesia/gotrending80_cnnindonesia-home_test.unescaped.html", "3 jam yang lalu", "2020-07-01T09:00:00+07:00"),
    ("cnnindonesia", "cnnindonesia/gotrending80_cnnindonesia-home_test.unescaped.html", "13 menit yang lalu", "2020-07-01T11:47:00+07:00"),
    ("detik", "detik/anpandu_detik-singlepage.html", "Kamis, 05/11/2015 10:08 WIB", "2015-11-05T10:08:00+07:00"),
    # detik's pubdate meta: the "Z" is false, the byline of the same page says 10:08 WIB.
    ("detik", "detik/anpandu_detik-singlepage.html", "2015-11-05 T10:08:58Z", "2015-11-05T10:08:58+07:00"),
    ("detik", "detik/anpandu_detik-singlepage.html", "Jumat, 30/10/2015 09:59 WIB", "2015-10-30T09:59:00+07:00"),
    ("detik", "detik/slasherrb_detik.html", "Selasa 16 Jun 2015, 14:05 WIB", "2015-06-16T14:05:00+07:00"),
    ("detik", "detik/slasherrb_detik.html", "2015-06-16T14-05-11Z", "2015-06-16T14:05:11+07:00"),
    ("detik", "detik/slasherrb_detik.html", "DETIKNEWS | Kamis 18 Jun 2015, 07:20 WIB", "2015-06-18T07:20:00+07:00"),
    ("detik", "detik/detik_tisorlawan_1.html", "Sabtu, 10 Des 2022 13:19 WIB", "2022-12-10T13:19:00+07:00"),
    ("detik", "detik/detik_tisorlawan_1.html", "2022/12/10 13:16:34", "2022-12-10T13:16:34+07:00"),
    ("detik", "detik/detik_tisorlawan_1.html", "2022-12-10T13-19-56Z", "2022-12-10T13:19:56+07:00"),
    ("detik", "detik/detik_tisorlawan_1.html", "1670653196000", "2022-12-10T13:19:56+07:00"),
    ("detik", "detik/detik_tisorlawan_1.html", "1670652994000", "2022-12-10T13:16:34+07:00"),
    ("detik", "detik/detik_tisorlawan_2.html", "2022-12-10T20:55:32+07:00", "2022-12-10T20:55:32+07:00"),
    ("detik", "detik/detik_tisorlawan_inet.html", "Sabtu, 10 Des 2022 07:16 WIB", "2022-12-10T07:16:00+07:00"),
    ("detik", "detik/vincenthend_detik_detikcom_2017-04-27.xml", "Thu, 27 Apr 2017 21:55:33 +0700", "2017-04-27T21:55:33+07:00"),
    ("detik", "detik/cristian_detik_2014.rss", "Tue, 29 Apr 2014 01:15:05 GMT", "2014-04-29T01:15:05+00:00"),
    ("detik", "detik/nufatID_detik-homepage_2022-11.html", "detikNews | Rabu, 02 Nov 2022 17:11 WIB", "2022-11-02T17:11:00+07:00"),
    ("detik", "detik/nathanaelfd10_detik-indeks.html", "7 menit yang lalu", "2020-07-01T11:53:00+07:00"),
    ("jakartapost", "jakartapost/slasherrb_thejakartapost.html", "Fri, June 19 2015, 7:36 AM", "2015-06-19T07:36:00+07:00"),
    ("kapanlagi", "kapanlagi/anpandu_kapanlagi-mainpage.html", "Thu, 05 Nov 2015 12:45:00 +0700", "2015-11-05T12:45:00+07:00"),
    ("kapanlagi", "kapanlagi/anpandu_kapanlagi-singlepage.html", "Kamis, 05 November 2015 11:52 |", "2015-11-05T11:52:00+07:00"),
    ("kompas", "kompas/anpandu_kompas-singlepage2.html", "Selasa, 16 Februari 2016 | 14:38 WIB", "2016-02-16T14:38:00+07:00"),
    ("kompas", "kompas/anpandu_kompas-singlepage4.html", "Selasa, 23 Februari 2016 | 16:37 WIB", "2016-02-23T16:37:00+07:00"),
    ("kompas", "kompas/anpandu_kompas-singlepage.html", "Rabu, 7 Oktober 2015", "2015-10-07T00:00:00+07:00"),
    ("liputan6", "liputan6/slasherrb_liputan6.html", "18 Jun 2015 at &lt;span&gt;06:25 WIB&lt;/span&gt;", "2015-06-18T06:25:00+07:00"),
    ("liputan6", "liputan6/slasherrb_liputan6.html", "2015-06-17T21:50:56+07:00", "2015-06-17T21:50:56+07:00"),
    ("liputan6", "liputan6/slasherrb_liputan6.html", "about 10 hours ago", "2020-07-01T02:00:00+07:00"),
    ("liputan6", "liputan6/anpandu_liputan6-singlepage.html", "on 16 Feb 2016 at 09:10 WIB", "2016-02-16T09:10:00+07:00"),
    ("liputan6", "liputan6/anpandu_liputan6-singlepage.html", "2016-02-16T02:10:56Z", "2016-02-16T02:10:56+00:00"),
    ("liputan6", "liputan6/anpandu_liputan6-singlepage.html", "2016-02-16 09:10:56", "2016-02-16T09:10:56+07:00"),
    ("liputan6", "liputan6/anpandu_liputan6-singlepage.html", "30 Des 2015 14:18", "2015-12-30T14:18:00+07:00"),
    ("liputan6", "liputan6/anpandu_liputan6-singlepage3.html", "on 16 Feb 2016 at 09:09 WIB", "2016-02-16T09:09:00+07:00"),
    ("liputan6", "liputan6/vincenthend_liputan6_rss.xml", "Fri, 28 Apr 2017 06:36:11 +0700", "2017-04-28T06:36:11+07:00"),
    ("liputan6", "seed/liputan6-article-2019-11-24.txt", "oleh Gilar Ramdhani pada 24 Nov 2019, 13:46 WIB", "2019-11-24T13:46:00+07:00"),
    ("liputan6", "seed/liputan6-article-2019-11-24.txt", "Diperbarui 24 Nov 2019, 14:16 WIB", "2019-11-24T14:16:00+07:00"),
    ("mediaindonesia", "mediaindonesia/MediaIndonesia_2025_10_22.html", "2025-10-22T07:06:59+07:00", "2025-10-22T07:06:59+07:00"),
    ("mediaindonesia", "mediaindonesia/MediaIndonesia_2025_10_22.html", "22/10/2025 06:59", "2025-10-22T06:59:00+07:00"),
    ("mediaindonesia", "mediaindonesia/MediaIndonesia_2026_01_08.html", "08/1/2026 20:19", "2026-01-08T20:19:00+07:00"),
    ("okezone", "okezone/ogs_okezone_2020-07-08.html", "Kamis 09 Juli 2020 07:26 WIB", "2020-07-09T07:26:00+07:00"),
    ("okezone", "okezone/ogs_okezone_2020-07-08.html", "2020-07-09 07:26:05", "2020-07-09T07:26:05+07:00"),
    ("okezone", "okezone/ogs_okezone_2020-07-08.html", "2020-07-09T07:26:05+07:00", "2020-07-09T07:26:05+07:00"),
    ("okezone", "okezone/ogs_okezone_2020-07-08.html", "2014-07-13T20:07:27.8200000", "2014-07-13T20:07:27.820000+07:00"),
    ("okezone", "okezone/ogs_okezone_2020-07-08.html", "Natasha Oktalia, Jurnalis · Kamis 09 Juli 2020 07:26 WIB", "2020-07-09T07:26:00+07:00"),
    ("okezone", "okezone/slasherrb_okezone.html", "Jum'at, 19 Juni 2015 13:05 WIB", "2015-06-19T13:05:00+07:00"),
    ("okezone", "okezone/slasherrb_okezone.html", "23j", "2020-06-30T13:00:00+07:00"),
    ("okezone", "okezone/anpandu_okezone-singlepage.html", "Kamis, 05 November 2015 16:09 WIB", "2015-11-05T16:09:00+07:00"),
    ("republika", "republika/anpandu_republika-singlepage.html", "Senin, 15 Februari 2016, 16:15 WIB", "2016-02-15T16:15:00+07:00"),
    ("republika", "republika/anpandu_republika-singlepage.html", "20 detik yang lalu", "2020-07-01T11:59:40+07:00"),
    ("republika", "republika/anpandu_republika-singlepage2.html", "Ahad, 21 Februari 2016", "2016-02-21T00:00:00+07:00"),
    ("republika", "republika/vincenthend_republika_rss.xml", "Fri, 28 Apr 2017 07:08:02 +0700", "2017-04-28T07:08:02+07:00"),
    ("suara", "suara/slasherrb_suara.html", "Laban Laisila : 19 Jun 2015 | 13:06", "2015-06-19T13:06:00+07:00"),
    ("tempo", "tempo/anpandu_tempo-singlepage.html", "2015-11-05T11:13:00+07:00", "2015-11-05T11:13:00+07:00"),
    ("tempo", "tempo/anpandu_tempo-singlepage.html", "Kamis, 05 November 2015 | 11:13 WIB", "2015-11-05T11:13:00+07:00"),
    ("tempo", "tempo/gtrdp_tempo_rss_2017-04-06.xml", "Thu, 06 Apr 2017 10:39:08 +0700", "2017-04-06T10:39:08+07:00"),
    ("tempo", "tempo/vincenthend_tempo_terkini_2017-04-27.xml", "Thu, 27 Apr 2017 16:02:24 +0100", "2017-04-27T16:02:24+01:00"),
    ("tempo", "tempo/anpandu_tempoen-mainpage.html", "Wednesday, 04/11/2015 | 17:14 WIB", "2015-11-04T17:14:00+07:00"),
    ("tempo", "tempo/anpandu_tempo-mainpage.html", "2 menit lalu", "2020-07-01T11:58:00+07:00"),
    ("tribunnews", "tribunnews/slasherrb_tribunnews.html", "Jumat, 19 Juni 2015 12:58 WIB", "2015-06-19T12:58:00+07:00"),
    ("tribunnews", "tribunnews/slasherrb_tribunnews.html", "45 menit lalu", "2020-07-01T11:15:00+07:00"),
    ("viva", "viva/slasherrb_viva.html", "Jum'at, 19 Juni 2015 | 13:12 WIB", "2015-06-19T13:12:00+07:00"),
    ("viva", "viva/slasherrb_viva.html", "2015-06-19 12:58:19", "2015-06-19T12:58:19+07:00"),
    ("viva", "viva/vincenthend_viva_all.xml", "Fri, 28 Apr 2017 08:33:21 +0800", "2017-04-28T08:33:21+08:00"),
]  # fmt: skip

# (site, page, raw byline strings, expected people)
AUTHORS: list[tuple[str, str, list[str], list[str]]] = [
    ("antara", "antara/anpandu_antara-singlepage.html", ["Pewarta: Nur Imansyah"], ["Nur Imansyah"]),
    ("antara", "antara/anpandu_antara-singlepage2.html", ["Pewarta: Budisantoso Budiman dan Agus S"], ["Budisantoso Budiman", "Agus S"]),
    ("antara", "antara/anpandu_antara-singlepage4.html", ["Pewarta: Monalisa"], ["Monalisa"]),
    ("bbcindonesia", "bbcindonesia/vincenthend_bbcindonesia_index.xml", ["http://www.bbc.co.uk/indonesian/"], []),
    ("detik", "detik/anpandu_detik-singlepage.html", ["Fino Yurio Kristo - detikinet"], ["Fino Yurio Kristo"]),
    ("detik", "detik/anpandu_detik-singlepage.html", ["https://www.facebook.com/detikdotcom"], []),
    ("detik", "detik/slasherrb_detik.html", ["Bagus Kurniawan - detiknews"], ["Bagus Kurniawan"]),
    ("detik", "detik/slasherrb_detik.html", ["bgs"], []),
    ("detik", "detik/detik_tisorlawan_1.html", ["Mulia Budi - detikNews", "Mulia Budi"], ["Mulia Budi"]),
    ("detik", "detik/detik_tisorlawan_2.html", ["Afif Farhan - Sepakbola"], ["Afif Farhan"]),
    ("detik", "detik/detik_tisorlawan_inet.html", ["Fino Yurio Kristo - detikInet"], ["Fino Yurio Kristo"]),
    ("kapanlagi", "kapanlagi/anpandu_kapanlagi-singlepage.html", ["KapanLagi.com"], []),
    ("kompas", "kompas/anpandu_kompas-singlepage.html", ["Kompas Cyber Media"], []),
    ("kompas", "kompas/anpandu_kompas-singlepage2.html", [": Nabilla Tashandra"], ["Nabilla Tashandra"]),
    ("kompas", "kompas/slasherrb_kompas.html", ["Penulis : Anju Christian"], ["Anju Christian"]),
    ("liputan6", "liputan6/anpandu_liputan6-singlepage.html", ["By Corry Anestia on 16 Feb 2016 at 09:10 WIB"], ["Corry Anestia"]),
    ("liputan6", "liputan6/anpandu_liputan6-singlepage.html", ["Liputan6.com", "Corry Anestia"], ["Corry Anestia"]),
    ("liputan6", "liputan6/anpandu_liputan6-singlepage3.html", ["By Arny Christika Putri on 16 Feb 2016 at 09:09 WIB"], ["Arny Christika Putri"]),
    ("liputan6", "liputan6/slasherrb_liputan6.html", ["By Silvanus Alvin on 18 Jun 2015 at 06:25 WIB"], ["Silvanus Alvin"]),
    ("liputan6", "liputan6/slasherrb_liputan6.html", ["Silvanus Alvin", "Hanz Jimenez Salim"], ["Silvanus Alvin", "Hanz Jimenez Salim"]),
    ("liputan6", "seed/liputan6-article-2019-11-24.txt", ["oleh Gilar Ramdhani pada 24 Nov 2019, 13:46 WIB"], ["Gilar Ramdhani"]),
    ("mediaindonesia", "mediaindonesia/MediaIndonesia_2025_10_22.html", ["Andhika Prasetyo"], ["Andhika Prasetyo"]),
    ("mediaindonesia", "mediaindonesia/MediaIndonesia_2025_10_22.html", ["mediaindonesia.com developer"], []),
    ("mediaindonesia", "mediaindonesia/MediaIndonesia_2026_01_08.html", ["Media Indonesia"], []),
    ("okezone", "okezone/slasherrb_okezone.html", ["Fakhrizal Fakhri Jurnalis"], ["Fakhrizal Fakhri"]),
    ("okezone", "okezone/anpandu_okezone-singlepage.html", ["Dewi Kania Jurnalis"], ["Dewi Kania"]),
    ("okezone", "okezone/ogs_okezone_2020-07-08.html", ["Natasha Oktalia, Jurnalis · Kamis 09 Juli 2020 07:26 WIB"], ["Natasha Oktalia"]),
    ("okezone", "okezone/ogs_okezone_2020-07-08.html", ["Okezone", "Natasha Oktalia"], ["Natasha Oktalia"]),
    ("republika", "republika/vincenthend_republika_rss.xml", ["Nidia Zuraya"], ["Nidia Zuraya"]),
    ("republika", "republika/anpandu_republika-singlepage.html", ["Sumber : Antara"], []),
    ("suara", "suara/slasherrb_suara.html", ["Laban Laisila : 19 Jun 2015 | 13:06"], ["Laban Laisila"]),
    ("tempo", "tempo/anpandu_tempo-singlepage.html", ["DINI TEJA"], ["Dini Teja"]),
    ("tribunnews", "tribunnews/slasherrb_tribunnews.html", ["Penulis: Glery Lazuardi"], ["Glery Lazuardi"]),
    ("tribunnews", "tribunnews/slasherrb_tribunnews.html", ["Tribunnews.com"], []),
    ("viva", "viva/slasherrb_viva.html", ["Oleh : Adrianus Mandey"], ["Adrianus Mandey"]),
    ("viva", "viva/slasherrb_viva.html", ["PT. VIVA MEDIA BARU - VIVA.co.id"], []),
]  # fmt: skip

# (site, page, credit line, expected (authors, editors))
CREDITS: list[tuple[str, str, str, tuple[list[str], list[str]]]] = [
    ("tribunnews", "tribunnews/slasherrb_tribunnews.html", "Editor: Willy Widianto", ([], ["Willy Widianto"])),
    ("kompas", "kompas/slasherrb_kompas.html", "Editor   : Jalu Wisnu Wirajati", ([], ["Jalu Wisnu Wirajati"])),
    ("mediaindonesia", "mediaindonesia/MediaIndonesia_2025_10_22.html", "Editor : Andhika", ([], ["Andhika"])),
    ("mediaindonesia", "mediaindonesia/MediaIndonesia_2026_01_08.html", "Editor : Indriyani Astuti", ([], ["Indriyani Astuti"])),
    ("antara", "antara/anpandu_antara-singlepage.html", "Pewarta: Nur Imansyah", (["Nur Imansyah"], [])),
    # Republika's header: "Red:" (wire copy, no reporter) and the spelled-out "Redaktur :".
    ("republika", "republika/anpandu_republika-singlepage.html", "Red: Yudha Manggala P Putra", ([], ["Yudha Manggala P Putra"])),
    ("republika", "republika/anpandu_republika-singlepage2.html", "Redaktur : Mohamad Amin Madani", ([], ["Mohamad Amin Madani"])),
]  # fmt: skip

# (site, page, raw title, expected headline)
TITLES: list[tuple[str, str, str, str]] = [
    ("antara", "antara/anpandu_antara-singlepage.html", "29 penerbangan Bandara Internasional Lombok dibatalkan - ANTARA News", "29 penerbangan Bandara Internasional Lombok dibatalkan"),
    ("antara", "antara/anpandu_antara-singlepage2.html", "Prostitusi ditenggarai sudah merambah ke pelajar Lampung - ANTARA News", "Prostitusi ditenggarai sudah merambah ke pelajar Lampung"),
    ("antara", "antara/anpandu_antara-singlepage4.html", "Astra Otoparts luncurkan ban motor terbaru Aspira Premio  - ANTARA News Otomotif", "Astra Otoparts luncurkan ban motor terbaru Aspira Premio"),
    ("antara", "antara/marwanmusa_antara_terkini.xml", "Polda Jambi perkuat pembinaan sikap personel untuk responsif  tolak paham radikal", "Polda Jambi perkuat pembinaan sikap personel untuk responsif tolak paham radikal"),
    ("bbcindonesia", "bbcindonesia/vincenthend_bbcindonesia_rss.xml", "Hak angket DPR dinilai jadi 'manuver untuk menekan' KPK soal e-KTP", "Hak angket DPR dinilai jadi 'manuver untuk menekan' KPK soal e-KTP"),
    ("bbcindonesia", "bbcindonesia/vincenthend_bbcindonesia_rss.xml", "Kapal mata-mata Rusia tabrakan dan tenggelam di lepas pantai Turki ", "Kapal mata-mata Rusia tabrakan dan tenggelam di lepas pantai Turki"),
    ("cnnindonesia", "cnnindonesia/gotrending80_cnnindonesia-home_test.unescaped.html", "CNN Indonesia | Berita Terbaru, Terkini Indonesia, Dunia", "Berita Terbaru, Terkini Indonesia, Dunia"),
    ("cnnindonesia", "cnnindonesia/gotrending80_cnnindonesia-home_test.unescaped.html", "Kasus Impor Tekstil, Kejagung Tahan 3 Pejabat Bea Cukai Batam", "Kasus Impor Tekstil, Kejagung Tahan 3 Pejabat Bea Cukai Batam"),
    ("detik", "detik/vincenthend_detik_foto.xml", "Sardono dalam &amp;#039;Fabriek Fikr 2&amp;#039;", "Sardono dalam 'Fabriek Fikr 2'"),
    ("detik", "detik/vincenthend_detik_detikcom_2017-04-27.xml", "Hak Angket Dibahas Besok, KPK: Kami Tetap Fokus Tangani Perkara", "Hak Angket Dibahas Besok, KPK: Kami Tetap Fokus Tangani Perkara"),
    ("detik", "detik/vincenthend_detik_detikcom_2017-04-28.xml", "Tol Yogyakarta-Solo akan Dibangun Melayang", "Tol Yogyakarta-Solo akan Dibangun Melayang"),
    ("detik", "detik/detik_tisorlawan_1.html", "Polisi soal Pistol di Kasus Cekcok Pemobil vs Pemotor: Cuma Diperlihatkan", "Polisi soal Pistol di Kasus Cekcok Pemobil vs Pemotor: Cuma Diperlihatkan"),
    ("detik", "detik/vincenthend_detik_otomotif.xml", "Eurokars Ingin Mazda Jadi Merek Mobil Premium ", "Eurokars Ingin Mazda Jadi Merek Mobil Premium"),
    ("jakartapost", "jakartapost/slasherrb_thejakartapost.html", "Suspect caught in US black church 'hate crime' rampage | The Jakarta Post", "Suspect caught in US black church 'hate crime' rampage"),
    ("kapanlagi", "kapanlagi/anpandu_kapanlagi-singlepage.html", "KapanLagi.com: Brandon Salim Makin Dekat Dengan Sivia Blink di 'HEART BEAT'", "Brandon Salim Makin Dekat Dengan Sivia Blink di 'HEART BEAT'"),
    ("kapanlagi", "kapanlagi/anpandu_kapanlagi-singlepage2.html", "KapanLagi.com: FOTO: Dian Sastrowardoyo Saat Berusia 13 Tahun, Masih Cantik?", "FOTO: Dian Sastrowardoyo Saat Berusia 13 Tahun, Masih Cantik?"),
    ("kompas", "kompas/anpandu_kompas-singlepage.html", "Polres Lhokseumawe Serahkan Anggota Di Minimi ke Kejaksaan - Kompas.com Regional", "Polres Lhokseumawe Serahkan Anggota Di Minimi ke Kejaksaan"),
    ("kompas", "kompas/anpandu_kompas-singlepage2.html", 'Menteri Yuddy Ancam PNS yang Rankingnya Terendah Akan "Dipangkas" - Kompas.com', 'Menteri Yuddy Ancam PNS yang Rankingnya Terendah Akan "Dipangkas"'),
    ("kompas", "kompas/anpandu_kompas-singlepage4.html", "Samsul Arif Tak Beban Lawan Arema - Kompas.com", "Samsul Arif Tak Beban Lawan Arema"),
    ("kompas", "kompas/slasherrb_kompas.html", "Supaya Timnya Mengalah, Eks Pelatih Mengaku Ditawari Rp 200 Juta - Kompas.com Bola", "Supaya Timnya Mengalah, Eks Pelatih Mengaku Ditawari Rp 200 Juta"),
    ("liputan6", "liputan6/anpandu_liputan6-singlepage.html", "Tri Indonesia: Broadband Dorong Ekosistem Digital Dalam Negeri - Tekno Liputan6.com", "Tri Indonesia: Broadband Dorong Ekosistem Digital Dalam Negeri"),
    ("liputan6", "liputan6/anpandu_liputan6-singlepage3.html", "Hadiri Grammy Awards 2016, Taylor Swift dan Selena Gomez Peluk-pelukan - Photo Liputan6.com", "Hadiri Grammy Awards 2016, Taylor Swift dan Selena Gomez Peluk-pelukan"),
    ("liputan6", "liputan6/slasherrb_liputan6.html", "Wapres JK dan Ahok 'Blusukan' dari Udara - News Liputan6.com", "Wapres JK dan Ahok 'Blusukan' dari Udara"),
    ("liputan6", "liputan6/vincenthend_liputan6_rss.xml", "Misi Rooney Bersama MU Buktikan Diri Belum Habis", "Misi Rooney Bersama MU Buktikan Diri Belum Habis"),
    ("liputan6", "seed/liputan6-article-2019-11-24.txt", "Tingkat Mutu dan Produktivitas, Kemnaker Ajak ASN Indramayu Belajar dari Pelaku Industri", "Tingkat Mutu dan Produktivitas, Kemnaker Ajak ASN Indramayu Belajar dari Pelaku Industri"),
    ("mediaindonesia", "mediaindonesia/MediaIndonesia_2025_10_22.html", "KPK tak Temukan Surat Pencabutan IUP Nikel Raja Ampat Apa Iya Betul Dicabut    ", "KPK tak Temukan Surat Pencabutan IUP Nikel Raja Ampat Apa Iya Betul Dicabut"),
    ("mediaindonesia", "mediaindonesia/MediaIndonesia_2026_01_08.html", "IHSG Hari Ini Sempat Tembus 9.000, Indeks Berbalik Melemah akibat Profit Taking", "IHSG Hari Ini Sempat Tembus 9.000, Indeks Berbalik Melemah akibat Profit Taking"),
    ("okezone", "okezone/anpandu_okezone-singlepage.html", "Sering Depresi Berat, Hati-Hati Diabetes! - Health :: Okezone Lifestyle", "Sering Depresi Berat, Hati-Hati Diabetes!"),
    ("okezone", "okezone/ogs_okezone_2020-07-08.html", "6 Rekomendasi Bisnis dengan Tingkat Kerugian Kecil, Tertarik Mencoba? : Okezone Economy", "6 Rekomendasi Bisnis dengan Tingkat Kerugian Kecil, Tertarik Mencoba?"),
    ("okezone", "okezone/slasherrb_okezone.html", "Ahok Dukung Jokowi Diberi Pangkat Bintang Lima :: Okezone News", "Ahok Dukung Jokowi Diberi Pangkat Bintang Lima"),
    ("republika", "republika/anpandu_republika-singlepage.html", "Marcella Zalianty Promo Pariwisata Indonesia Lewat Film | Republika Online", "Marcella Zalianty Promo Pariwisata Indonesia Lewat Film"),
    ("republika", "republika/anpandu_republika-singlepage2.html", "KPK Periksa Pejabat Mahkamah Agung yang Tertangkap OTT - Republika Online", "KPK Periksa Pejabat Mahkamah Agung yang Tertangkap OTT"),
    ("republika", "republika/vincenthend_republika_rss.xml", "Sandiaga: Penjualan Saham Bir Dilakukan Lewat Lelang Terbuka", "Sandiaga: Penjualan Saham Bir Dilakukan Lewat Lelang Terbuka"),
    ("suara", "suara/slasherrb_suara.html", "Polda Bali Kumpulkan 4 Alat Bukti Pembunuhan Angeline", "Polda Bali Kumpulkan 4 Alat Bukti Pembunuhan Angeline"),
    ("tempo", "tempo/anpandu_tempo-singlepage.html", "Ini 7 Alasan Mengapa Orang Malas Bergerak  | Tempo Gaya", "Ini 7 Alasan Mengapa Orang Malas Bergerak"),
    ("tempo", "tempo/vincenthend_tempo_terkini_2017-04-27.xml", "Formappi Nilai Hak Angket DPR ke KPK untuk Lindungi Teman Sejawat", "Formappi Nilai Hak Angket DPR ke KPK untuk Lindungi Teman Sejawat"),
    ("tribunnews", "tribunnews/slasherrb_tribunnews.html", "Kadishub DKI: Taksi Uber Tak Punya Izin Operasi, Uji KIR, Tidak Berargo dan Bermahkota - Tribunnews.com", "Kadishub DKI: Taksi Uber Tak Punya Izin Operasi, Uji KIR, Tidak Berargo dan Bermahkota"),
    ("viva", "viva/slasherrb_viva.html", "Thailand Butuh Empat Hari Sebelum Pastikan ada MERS", "Thailand Butuh Empat Hari Sebelum Pastikan ada MERS"),
    ("viva", "viva/vincenthend_viva_all.xml", "Ada Macan Tutul Salju di Foto Ini, Bisakah Anda Menemukannya", "Ada Macan Tutul Salju di Foto Ini, Bisakah Anda Menemukannya"),
]  # fmt: skip

# (site, page, raw tag strings, expected tags)
TAGS: list[tuple[str, str, list[str], list[str]]] = [
    ("antara", "antara/anpandu_antara-singlepage.html", ["penerbangan batal, abu vulkanik, gunung rinjani, gunung batujari, berita terkini, berita Indonesia, berita online, portal Indonesia"], ["penerbangan batal", "abu vulkanik", "gunung rinjani", "gunung batujari", "berita terkini", "berita Indonesia", "berita online", "portal Indonesia"]),
    ("detik", "detik/anpandu_detik-singlepage.html", ["samsung,galaxy,s6 edge+,note 5"], ["samsung", "galaxy", "s6 edge+", "note 5"]),
    ("detik", "detik/detik_tisorlawan_1.html", ["pria berpistol,cekcok,cekcok di jalan,viral,polsek kebayoran lama,jabodetabek"], ["pria berpistol", "cekcok", "cekcok di jalan", "viral", "polsek kebayoran lama", "jabodetabek"]),
    ("kapanlagi", "kapanlagi/anpandu_kapanlagi-singlepage.html", ["Kunjungan Artis ke KapanLagi.com", "Film Indonesia 2015", "Behind The Scene"], ["Kunjungan Artis ke KapanLagi.com", "Film Indonesia 2015", "Behind The Scene"]),
    ("kompas", "kompas/anpandu_kompas-singlepage2.html", ["TAG #Sandiaga Uno #Damayanti #Maroef Sjamsoeddin #Riza Chalid"], ["Sandiaga Uno", "Damayanti", "Maroef Sjamsoeddin", "Riza Chalid"]),
    ("liputan6", "liputan6/anpandu_liputan6-singlepage.html", ["Tekno:Telko", "Editor:Iskandar", "Media Visit", "Hutchison 3 Indonesia"], ["Media Visit", "Hutchison 3 Indonesia"]),
    ("liputan6", "liputan6/anpandu_liputan6-singlepage3.html", ["Photo:Showbiz", "Photo:Showbiz:Musik", "Editor:Arny Christika Putri", "Grammy Awards 2016", "Grammy Awards 58", "Grammy Awards", "Taylor Swift", "Selena Gomez"], ["Grammy Awards 2016", "Grammy Awards 58", "Grammy Awards", "Taylor Swift", "Selena Gomez"]),
    ("liputan6", "liputan6/slasherrb_liputan6.html", ["Sejuta Rumah, Ahok, Jusuf Kalla, JK", "Sejuta Rumah", "Ahok"], ["Sejuta Rumah", "Ahok", "Jusuf Kalla", "JK"]),
    ("liputan6", "liputan6/anpandu_liputan6-singlepage.html", ["# Driver Go-Jek Ditembak", "# Tol Cikunir II"], ["Driver Go-Jek Ditembak", "Tol Cikunir II"]),
    ("mediaindonesia", "mediaindonesia/MediaIndonesia_2025_10_22.html", ["Tags: # tambang nikel Raja Ampat # IUP Tambang Nikel # izin tambang nikel Raja Ampat # KPK # Kementerian ESDM"], ["tambang nikel Raja Ampat", "IUP Tambang Nikel", "izin tambang nikel Raja Ampat", "KPK", "Kementerian ESDM"]),
    ("mediaindonesia", "mediaindonesia/MediaIndonesia_2026_01_08.html", ["IHSG hari ini, IHSG 8 Januari 2026, penutupan IHSG, purbaya yudhi sadewa, menteri keuangan", "# IHSG 8 Januari 2026", "# IHSG hari ini", "# Purbaya Yudhi Sadewa"], ["IHSG hari ini", "IHSG 8 Januari 2026", "penutupan IHSG", "purbaya yudhi sadewa", "menteri keuangan"]),
    ("okezone", "okezone/ogs_okezone_2020-07-08.html", ["#Tips Memulai Bisnis", "#Tips Memulai Usaha", "#inspirasi bisnis", "#Inspirasi Usaha", "Tips Memulai Bisnis, Tips Memulai Usaha, inspirasi bisnis, Inspirasi Usaha"], ["Tips Memulai Bisnis", "Tips Memulai Usaha", "inspirasi bisnis", "Inspirasi Usaha"]),
    ("okezone", "okezone/slasherrb_okezone.html", ["#SolusiNews"], ["SolusiNews"]),
    ("republika", "republika/anpandu_republika-singlepage.html", ["#promosi wisata film", "#film promo wisata"], ["promosi wisata film", "film promo wisata"]),
    ("republika", "republika/anpandu_republika-singlepage2.html", ["pejabat ma, kpk, operasi tangkap tangan"], ["pejabat ma", "kpk", "operasi tangkap tangan"]),
    ("suara", "suara/slasherrb_suara.html", ["angeline, angeline dibunuh", "# angeline # angeline dibunuh"], ["angeline", "angeline dibunuh"]),
    ("tempo", "tempo/anpandu_tempo-singlepage.html", ["kesehatan, olahraga"], ["kesehatan", "olahraga"]),
    ("tempo", "tempo/anpandu_tempo-singlepage.html", ["#Info Kesehatan"], ["Info Kesehatan"]),
    ("tribunnews", "tribunnews/slasherrb_tribunnews.html", ["benjamin bukit, news, metropolitan"], ["benjamin bukit", "news", "metropolitan"]),
    ("viva", "viva/slasherrb_viva.html", ["mers di thailand,wabah mers,penderita mers"], ["mers di thailand", "wabah mers", "penderita mers"]),
]  # fmt: skip

# (site, page, paragraphs as a page shows them, expected text, dateline, credit)
BODIES: list[tuple[str, str, list[str], str, str | None, str | None]] = [
    (
        "liputan6", "liputan6/anpandu_liputan6-singlepage.html",
        ["Liputan6.com, Jakarta -", "Indonesia memasuki fase dinamis akan pertumbuhan ekosistem digital.", "Baca Juga", "Telkomsel Targetkan Selimuti 40 Kota dengan 4G di Akhir 2016", "Ubisoft Pastikan Watch Dogs 2 Dirilis di Awal 2017", "Waspada, iPhone Anda Bisa Rusak Total Jika Ubah ke Tanggal Ini", '"Nah, tinggal bagaimana operator memberkan layanan dengan speed yang mencukupi.', "Layanan 4G"],
        'Liputan6.com, Jakarta - Indonesia memasuki fase dinamis akan pertumbuhan ekosistem digital.\n\n"Nah, tinggal bagaimana operator memberkan layanan dengan speed yang mencukupi.\n\nLayanan 4G',
        "Liputan6.com, Jakarta", None,
    ),
    (
        "liputan6", "liputan6/anpandu_liputan6-singlepage.html",
        ["Hingga saat ini, operator seluler yang sudah merilis menggelar jaringan dan merilis layanan 4G antara lain Telkomsel, XL Axiata, Indosat Ooredoo, dan Smartfren.", "(Cas/Isk)", "Media Visit", "Hutchison 3 Indonesia", "Rate artikel ini"],
        "Hingga saat ini, operator seluler yang sudah merilis menggelar jaringan dan merilis layanan 4G antara lain Telkomsel, XL Axiata, Indosat Ooredoo, dan Smartfren.",
        None, "(Cas/Isk)",
    ),
    (
        "detik", "detik/detik_tisorlawan_1.html",
        ["Jakarta -", "Polisi masih mendalami", "ADVERTISEMENT", "SCROLL TO RESUME CONTENT", "Baca juga: Heboh Cekcok Pemotor vs Pria Berpistol di Jaksel", "ujar Widya."],
        "Jakarta - Polisi masih mendalami\n\nujar Widya.", "Jakarta", None,
    ),
    (
        "detik", "detik/slasherrb_detik.html",
        ['"Saat ini I-REBOT tengah kami ajukan untuk mendapat paten dari HKI. Ke depan kami akan kembangkan juga robot untuk terapi bagian tubuh lainnya," pungkas Nabil.', "(bgs/rul)", "Baca Juga", "Ketika Pelajar Indonesia Jadi 'Absolute Winner' Olimpiade Fisika se-Asia", "News Feed"],
        '"Saat ini I-REBOT tengah kami ajukan untuk mendapat paten dari HKI. Ke depan kami akan kembangkan juga robot untuk terapi bagian tubuh lainnya," pungkas Nabil.',
        None, "(bgs/rul)",
    ),
    (
        "antara", "antara/anpandu_antara-singlepage.html",
        ["Mataram, NTB (ANTARA News) - Sebanyak 29 penerbangan baik domestik dan internasional", "Editor:", "Ade Marboen", "COPYRIGHT ©", "ANTARA", "2015", "Berita Lainnya"],
        "Mataram, NTB (ANTARA News) - Sebanyak 29 penerbangan baik domestik dan internasional",
        "Mataram, NTB (ANTARA News)", None,
    ),
    (
        "kompas", "kompas/slasherrb_kompas.html",
        ["Berita Terkait", "Dugaan Pengaturan Skor, dari Senopati hingga Soekarno-Hatta", "Komentar Aji Santoso soal Isu Suap Timnas U-23", "2", "JAKARTA, KOMPAS.com - Mantan pelatih Persidafon Jayapura dan Persegres Gresik United, Agus Yuwono, mengaku sudah tiga kali jadi target operasi percobaan pengaturan skor sepanjang kariernya.", "Ikuti perkembangan berita ini dalam topik:", "Dugaan Match Fixing", "Penulis : Anju Christian"],
        "JAKARTA, KOMPAS.com - Mantan pelatih Persidafon Jayapura dan Persegres Gresik United, Agus Yuwono, mengaku sudah tiga kali jadi target operasi percobaan pengaturan skor sepanjang kariernya.", "JAKARTA, KOMPAS.com", None,
    ),
    (
        "republika", "republika/anpandu_republika-singlepage.html",
        ["REPUBLIKA.CO.ID, JAKARTA -- Aktris dan sutradara Marcella Zalianty", "Sumber : Antara", "0", "SHARE", "KOMENTAR", "TAG"],
        "REPUBLIKA.CO.ID, JAKARTA -- Aktris dan sutradara Marcella Zalianty", "REPUBLIKA.CO.ID, JAKARTA", None,
    ),
    (
        "tempo", "tempo/anpandu_tempo-singlepage.html",
        ["TEMPO.CO, Jakarta - Organisasi Kesehatan Dunia (WHO) menyebutkan", "Kurang Motivasi", "DINI TEJA", "bagikan", "Berita Terkait", "Aktivitas Fisik bagi Anak, Seberapa Pentingkah?", "Topik", "#Info Kesehatan"],
        "TEMPO.CO, Jakarta - Organisasi Kesehatan Dunia (WHO) menyebutkan\n\nKurang Motivasi\n\nDINI TEJA\n\nbagikan",
        "TEMPO.CO, Jakarta", None,
    ),
    (
        "kapanlagi", "kapanlagi/anpandu_kapanlagi-singlepage.html",
        ["Kapanlagi.com - Brandon Nicholas Salim, putra sulung aktor Fery Salim", "Jangan Lewatkan", "'HEART BEAT' buat Brandon Nicholas Salim Terjebak Cinta Segitiga", "'HEART BEAT', Nada Cinta & Persahabatan Yang Menjadi Pilihan Hati", "(kpl/pur/tch)", "Lihat Foto Sahabat Dekat, Manisnya Valerie Sandar ke Bahu Brandon Salim"],
        "Kapanlagi.com - Brandon Nicholas Salim, putra sulung aktor Fery Salim", "Kapanlagi.com", "(kpl/pur/tch)",
    ),
    (
        "suara", "suara/slasherrb_suara.html",
        ["Suara.com - Kapolda Bali Irjen Pol.Ronny F Sompie", "Jenazah Angeline ditemukan terkubur dalam sebuah lubang dekat kandang ayam di halaman bekalang rumah di Jalan Sedap Malam, Denpasar. (Luh Wayanti)"],
        "Suara.com - Kapolda Bali Irjen Pol.Ronny F Sompie\n\nJenazah Angeline ditemukan terkubur dalam sebuah lubang dekat kandang ayam di halaman bekalang rumah di Jalan Sedap Malam, Denpasar.",
        "Suara.com", "(Luh Wayanti)",
    ),
    (
        "mediaindonesia", "mediaindonesia/MediaIndonesia_2026_01_08.html",
        ["Namun, sentimen global tetap menjadi perhatian. Pasar masih mewaspadai dinamika geopolitik dan kebijakan proteksionisme dari Presiden AS Donald Trump yang dikhawatirkan memicu ketidakpastian perdagangan global, meskipun sejauh ini fundamental Indonesia terbukti cukup tangguh menahan gejolak eksternal tersebut. (H-4)", "Cek berita dan artikel yg lain di Google News dan dan ikuti WhatsApp channel mediaindonesia.com", "Editor : Indriyani Astuti"],
        "Namun, sentimen global tetap menjadi perhatian. Pasar masih mewaspadai dinamika geopolitik dan kebijakan proteksionisme dari Presiden AS Donald Trump yang dikhawatirkan memicu ketidakpastian perdagangan global, meskipun sejauh ini fundamental Indonesia terbukti cukup tangguh menahan gejolak eksternal tersebut.",
        None, "(H-4)",
    ),
    (
        "mediaindonesia", "mediaindonesia/MediaIndonesia_2025_10_22.html",
        ["Komisi Pemberantasan Korupsi (KPK) mengaku", "Cek berita dan artikel yg lain di Google News dan dan ikuti WhatsApp channel mediaindonesia.com"],
        "Komisi Pemberantasan Korupsi (KPK) mengaku", None, None,
    ),
    (
        "liputan6", "seed/liputan6-article-2019-11-24.txt",
        ["Liputan6.com, Jakarta Dalam rangka meningkatan mutu produktivitas SDM", "(*)", "Tag Terkait", "Video Pilihan Hari Ini", "POPULER", "Berita Terkini Selengkapnya"],
        "Liputan6.com, Jakarta Dalam rangka meningkatan mutu produktivitas SDM", "Liputan6.com, Jakarta", None,
    ),
]  # fmt: skip


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


@pytest.mark.parametrize(("site", "page", "raw", "expected"), DATES)
def test_dates(site: str, page: str, raw: str, expected: str | None) -> None:
    assert _iso(parse_datetime(raw, default_tz=WIB, now=NOW)) == expected


@pytest.mark.parametrize(("site", "page", "raw", "expected"), AUTHORS)
def test_authors(site: str, page: str, raw: list[str], expected: list[str]) -> None:
    assert clean_people(raw, outlets=known_brands()) == expected


@pytest.mark.parametrize(("site", "page", "raw", "expected"), CREDITS)
def test_credit_lines(
    site: str, page: str, raw: str, expected: tuple[list[str], list[str]]
) -> None:
    assert split_credits(raw) == expected


@pytest.mark.parametrize(("site", "page", "raw", "expected"), TITLES)
def test_titles(site: str, page: str, raw: str, expected: str) -> None:
    assert clean_title(raw, site_names=known_brands()) == expected


@pytest.mark.parametrize(("site", "page", "raw", "expected"), TAGS)
def test_tags(site: str, page: str, raw: list[str], expected: list[str]) -> None:
    assert clean_tags(raw) == expected


@pytest.mark.parametrize(("site", "page", "paragraphs", "text", "dateline", "credit"), BODIES)
def test_bodies(
    site: str,
    page: str,
    paragraphs: list[str],
    text: str,
    dateline: str | None,
    credit: str | None,
) -> None:
    body = clean_body(paragraphs)
    assert (body.text, body.dateline, body.credit) == (text, dateline, credit)


def test_wita_pages_keep_their_zone() -> None:
    # The brief's Makassar byline: the zone named on the page wins over the site default.
    value = parse_datetime("Rabu, 14 Agustus 2024 | 10:30 WITA", default_tz=WIB)
    assert value is not None
    assert value.utcoffset() == WITA.utcoffset(None)


def test_table_is_large_enough() -> None:
    rows = len(DATES) + len(AUTHORS) + len(CREDITS) + len(TITLES) + len(TAGS) + len(BODIES)
    assert rows >= 150


ALL_ROWS: list[tuple[str, str, list[str]]] = [
    *((site, page, [raw]) for site, page, raw, _ in DATES),
    *((site, page, raw) for site, page, raw, _ in AUTHORS),
    *((site, page, [raw]) for site, page, raw, _ in CREDITS),
    *((site, page, [raw]) for site, page, raw, _ in TITLES),
    *((site, page, raw) for site, page, raw, _ in TAGS),
    *((site, page, raw) for site, page, raw, *_ in BODIES),
]


@cache
def _page_texts(path: Path) -> tuple[str, str]:
    """The page's source and its visible text, both whitespace-collapsed and unescaped."""
    source = path.read_text(encoding="utf-8", errors="replace")
    # Inline tags vanish ("<strong>TEMPO.CO</strong>, Jakarta"), block tags separate words.
    inline = re.sub(r"</?(?:strong|b|i|em|span|a|u|font|sup|sub)\b[^>]*>", "", source, flags=re.I)
    visible = html.unescape(re.sub(r"<[^>]+>", " ", inline))
    return _squash(source), _squash(visible)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.shared
@pytest.mark.parametrize(("site", "page", "quotes"), ALL_ROWS)
def test_quoted_strings_are_on_their_pages(site: str, page: str, quotes: list[str]) -> None:
    assert page.split("/")[0] in (site, "seed")
    path = shared_page(page) if not page.startswith("seed/") else SHARED / page
    if not path.exists():
        # Required in CI like every other real page: a missing seed fails there.
        _missing(f"{path} is not available", "NEWSCRAWLER_REQUIRE_SHARED")
    source, visible = _page_texts(path)
    for quote in quotes:
        squashed = _squash(quote)
        assert squashed in source or _squash(html.unescape(squashed)) in visible, quote


@pytest.mark.shared
def test_every_site_contributes(shared_pages: Path) -> None:
    sites = {p.name for p in shared_pages.iterdir() if p.is_dir()}
    covered = {site for site, _, _ in ALL_ROWS}
    assert sites <= covered, f"sites without a row: {sorted(sites - covered)}"
