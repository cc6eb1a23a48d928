"""The generic page chooses its article text by evidence: a teaser ``<article>`` first in the
page, a template placeholder, a site container of a layout it was not written for, and a
second reading that disagrees are each caught here, on small pages built like real ones and
on real pages of publishers nobody wrote rules for (../shared/benchmarks/fundus-dev)."""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import ClassVar

import pytest
from scrapy.http import HtmlResponse

from newscrawler.extract import extract_raw, response_from_file
from newscrawler.extraction import mainblock
from newscrawler.items import Found
from newscrawler.normalize.article import fetch_of, to_snapshot
from newscrawler.pages.base import ArticlePage
from newscrawler.sites import GENERIC

PROSE = (
    "The council voted on Tuesday to widen the road, after months of debate, two public "
    "hearings and a petition signed by more than four thousand residents of the district."
)
FETCHED = datetime(2026, 1, 1, tzinfo=UTC)


def _page(markup: str, cls: type[ArticlePage] = ArticlePage) -> ArticlePage:
    return cls(HtmlResponse(url="https://example.com/a", body=markup.encode(), encoding="utf-8"))


def _story(n: int = 6) -> str:
    return "".join(f"<p>Part {i}: {PROSE}</p>" for i in range(n))


def test_a_teaser_article_before_the_story_is_not_the_body():
    # Der Freitag: <article class="bo-article-card qa-related-article"> (a related story's
    # card) comes before the story; Ilanga: a blog module's <article> teaser.
    page = _page(
        "<html><body><article class='card related-article'><h3><a href='/b'>Another story"
        "</a></h3><p>A line of that other story, as its teaser shows it here.</p></article>"
        f"<div class='story'><h1>Road to widen</h1>{_story()}</div></body></html>"
    )
    paragraphs, source = page.body()
    assert source == "generic:density"
    assert paragraphs[:2] == ["Road to widen", f"Part 0: {PROSE}"]
    assert not any("Another story" in p for p in paragraphs)


def test_an_article_holding_the_story_still_wins_with_its_lead():
    # The markup is believed when it holds the prose: it brings the lead the vote leaves out.
    page = _page(
        "<html><body><div class='rail'><p>Most read: a list of other headlines here</p></div>"
        f"<article><p>Short lead.</p>{_story()}</article></body></html>"
    )
    paragraphs, source = page.body()
    assert source == "generic:markup"
    assert paragraphs[0] == "Short lead."


def test_an_unrendered_template_is_not_text():
    # A page whose text is filled in by the browser prints the template's placeholder.
    page = _page(
        "<html><body><article><p>${lead}</p><p>{{ body }}</p></article>"
        f"<div class='text'>{_story(3)}</div></body></html>"
    )
    paragraphs, _ = page.body()
    assert paragraphs[0] == f"Part 0: {PROSE}"
    assert mainblock.real_paragraphs(["${lead}", "{{ body }}", "<%= text %>", "Real."]) == ["Real."]


def test_readings_that_agree_keep_ours_without_the_furniture_the_other_lacks():
    ours = [f"Part {i}: {PROSE}" for i in range(4)] + ["Read Next", "Worldcategory"]
    theirs = [f"Part {i}: {PROSE}" for i in range(4)]
    judged = mainblock.judge(ours, theirs)
    assert judged.reading == "ours"
    assert judged.confidence == "high"
    assert judged.paragraphs == theirs
    assert judged.dropped == 2


def test_a_long_paragraph_the_other_reading_cut_is_kept():
    # trafilatura stops early on some pages (The New Yorker): prose is never dropped for that.
    ours = [f"Part {i}: {PROSE}" for i in range(4)] + [f"A closing paragraph: {PROSE}" * 2]
    judged = mainblock.judge(ours, ours[:3])
    assert judged.paragraphs == ours
    assert judged.confidence == "medium"  # the readings overlap, but not on 70% of words


def test_readings_that_took_different_blocks_keep_the_second_and_say_so():
    ours = ["Most read", "Another story's headline, as a teaser of it"]
    theirs = [f"Part {i}: {PROSE}" for i in range(3)]
    judged = mainblock.judge(ours, theirs)
    assert judged.reading == "trafilatura"
    assert judged.confidence == "low"
    assert judged.paragraphs == theirs


def test_a_second_reading_of_captions_only_is_not_taken_for_text():
    # A gallery: our walk skips the figures; the other reading gives headline and captions.
    judged = mainblock.judge([], ["Galeri: Suasana Pelelangan Ikan", "Nelayan menurunkan ikan."])
    assert judged.paragraphs == []
    assert judged.confidence == "low"


def test_without_a_second_reading_ours_is_kept_as_medium():
    assert mainblock.judge(["Text."], []).confidence == "medium"
    assert mainblock.judge([], []).confidence == "low"


def test_a_generic_item_carries_its_confidence_to_the_snapshot():
    page = _page(
        f"<html><head><title>Road</title></head><body><h1>Road</h1>{_story()}</body></html>"
    )
    raw = page.to_item()
    snapshot = to_snapshot(raw, now=FETCHED)
    assert snapshot.notes["body_confidence"] == "high"
    assert "agree" in snapshot.notes["body_reason"]
    # The archive keeps it with the visit, and which extraction read the page.
    assert fetch_of(raw, snapshot).extraction == {
        "body_source": "generic:density",
        "body_confidence": "high",
        "pages": 1,
        "page": "ArticlePage",
        "page_version": 1,
        "normalizer_version": 1,
    }


class _NewsPage(ArticlePage):
    site = "example"
    body_xpaths: ClassVar[tuple[str, ...]] = ("//div[@class='wrapper']",)


def test_a_site_container_that_opens_with_the_headline_falls_back_to_the_generic_choice():
    # A photo channel of a known portal: the site's selector matches a wrapper holding the
    # date line, the channel, the headline and the credit before the text.
    page = _page(
        "<html><body><div class='wrapper'><p>Senin, 12 Agustus 2024 10:30 WIB</p><p>Foto</p>"
        "<h1>Warga memadati pantai saat libur panjang</h1><p>Foto: Andi</p>"
        f"<div class='caption-text'>{_story(4)}</div></div></body></html>",
        _NewsPage,
    )
    paragraphs, source, judged = page.judged_body()
    assert source is not None
    assert source.startswith("fallback:generic")
    assert paragraphs[0] == f"Part 0: {PROSE}"
    assert judged.confidence in {"high", "medium"}


def test_a_plausible_site_container_is_taken_as_it_is():
    page = _page(
        f"<html><body><h1>Warga memadati pantai</h1><div class='wrapper'>{_story(3)}</div>"
        "</body></html>",
        _NewsPage,
    )
    paragraphs, source, judged = page.judged_body()
    assert source == "site"
    assert judged.confidence == "high"
    assert len(paragraphs) == 3


def test_implausible_names_why():
    heads = ["Warga memadati pantai saat libur panjang"]
    assert mainblock.implausible([], heads) == "the site's container is empty"
    assert mainblock.implausible(["x", heads[0], PROSE], heads) is not None
    assert mainblock.implausible([f"{heads[0]} {PROSE}"], heads) is not None
    assert mainblock.implausible([PROSE, PROSE], heads) is None


def test_a_saved_utf8_page_that_declares_a_legacy_charset_reads_as_utf8():
    # People's Daily pages saved as UTF-8 keep <meta charset=GB2312>.
    text = "<html><head><meta http-equiv='content-type' content='text/html;charset=GB2312'>"
    body = f"{text}</head><body><p>习近平主席向首届中拉航天合作论坛致贺信</p></body></html>"
    response = response_from_file(body.encode("utf-8"), "http://politics.people.com.cn/n1/x.html")
    assert "习近平主席" in response.text


def test_a_saved_page_in_its_declared_legacy_charset_reads_as_declared():
    body = "<html><head><meta charset='iso-8859-1'></head><body><p>Café crème</p></body></html>"
    response = response_from_file(body.encode("latin-1"), "https://example.com/")
    assert "Café crème" in response.text
    gbk = "<html><head><meta charset='gbk'></head><body><p>中拉航天合作</p></body></html>"
    assert "中拉航天合作" in response_from_file(gbk.encode("gbk"), "https://example.cn/").text


# -- real pages of publishers without a page object -------------------------------------------

_WORD = re.compile(r"\w+")


def _f1(ours: str, expected: str) -> float:
    a, b = Counter(_WORD.findall(ours.casefold())), Counter(_WORD.findall(expected.casefold()))
    common = sum((a & b).values())
    if not common:
        return 0.0
    p, r = common / sum(a.values()), common / sum(b.values())
    return 2 * p * r / (p + r)


def _fundus(benchmarks: Path, stem: str) -> tuple[str, bytes, dict]:
    folder = benchmarks / "fundus-dev"
    entry = next(e for e in json.loads((folder / "index.json").read_text()) if stem in e["html"])
    return entry["url"], gzip.decompress((folder / entry["html"]).read_bytes()), entry


def _truth_body(entry: dict) -> str:
    body = entry["ground_truth"]["body"]
    parts = list(body.get("summary") or [])
    for section in body.get("sections") or []:
        parts += section.get("headline") or []
        parts += section.get("paragraphs") or []
    return "\n\n".join(parts)


@pytest.mark.shared
@pytest.mark.parametrize(
    ("stem", "kind"),
    [
        ("DerFreitag_2025_10_20", "a related story's <article> card first in the page"),
        ("Ilanga_2025_12_03", "a blog module's teaser <article> before the post"),
        ("ABC_2026_04_25", "an outer <article> whose text our walk loses"),
        ("People_2024_04_24", "UTF-8 saved with a GB2312 meta"),
        ("Reuters_2023_05_16", "a 'Read Next' list of headlines after the text"),
        ("Landesspiegel_2025_06_30", "'Häufig gelesen' and post navigation after the text"),
    ],
)
def test_real_pages_of_each_failure_kind(shared_benchmarks: Path, stem: str, kind: str):
    url, body, entry = _fundus(shared_benchmarks, stem)
    result = extract_raw(response_from_file(body, url), fetched_at=FETCHED, site=GENERIC)
    assert result.snapshot is not None, kind
    assert _f1(result.snapshot.body, _truth_body(entry)) >= 0.9, kind


def test_a_generic_site_keeps_a_utc_time_against_a_byline_without_zone():
    # Metro's JSON-LD says 21:26:36+00:00 and its byline "21:26": the byline's zone is
    # unknown on a site without a page object, so it cannot overrule the stated UTC.
    page = _page(
        f"<html><head><title>Road</title></head><body><h1>Road</h1>{_story()}</body></html>"
    )
    raw = page.to_item()
    raw.published = [
        Found("2024-11-18T21:26:36+00:00", "json-ld"),
        Found("18 November 2024 21:26", "byline"),
    ]
    snapshot = to_snapshot(raw, now=FETCHED)
    assert snapshot.published_at is not None
    assert snapshot.published_at.isoformat() == "2024-11-18T21:26:36+00:00"


def test_a_standfirst_shown_above_the_block_is_the_first_paragraph():
    # Die Welt, Golem, The Intercept: the lead under the headline is its own box, and the
    # description meta says the same words.
    lead = "The council will widen the road after months of debate and a petition."
    page = _page(
        f"<html><head><meta name='description' content='{lead}'></head><body><h1>Road</h1>"
        f"<div class='intro'><p>{lead}</p></div><div class='story'>{_story(4)}</div>"
        "</body></html>"
    )
    paragraphs, source, _ = page.judged_body()
    assert paragraphs[:2] == [lead, f"Part 0: {PROSE}"]
    assert source is not None
    assert source.endswith("+standfirst")


def test_a_description_only_in_meta_or_already_in_the_text_is_not_added():
    lead = "The council will widen the road after months of debate and a petition."
    hidden = _page(
        f"<html><head><meta name='description' content='{lead}'></head><body><h1>Road</h1>"
        f"<div class='story'>{_story(4)}</div></body></html>"
    )
    assert hidden.judged_body()[0][0] == f"Part 0: {PROSE}"
    inside = _page(
        f"<html><head><meta name='description' content='{lead}'></head><body><h1>Road</h1>"
        f"<div class='story'><p>{lead}</p>{_story(4)}</div></body></html>"
    )
    paragraphs = inside.judged_body()[0]
    assert paragraphs.count(lead) == 1


def test_a_wordpress_posts_tag_and_format_classes_do_not_make_it_furniture():
    # WordPress: <article class="post-7 post type-post hentry tag-video tag-related-news
    # format-gallery"> inside Divi's <div id="page-container" class="et-tb-has-footer">.
    page = _page(
        "<html><body><div id='page-container' class='et-tb-has-footer sidebar_enabled'>"
        "<div class='main'><article class='post-7 post type-post hentry tag-video "
        f"tag-related-news category-berita format-gallery'><h1>Road</h1>{_story(4)}</article>"
        "</div></div></body></html>"
    )
    paragraphs, _ = page.body()
    assert paragraphs[1:] == [f"Part {i}: {PROSE}" for i in range(4)]


@pytest.mark.parametrize(
    ("names", "furniture"),
    [
        ("post-7 post type-post hentry tag-video", False),
        ("et-tb-has-footer", False),
        ("sidebar_enabled", False),
        ("format-gallery", False),
        ("tag-video", True),
        ("related-posts", True),
        ("site-footer", True),
        ("sidebar", True),
    ],
)
def test_state_and_post_names_are_not_furniture_names(names: str, furniture: bool):
    from newscrawler.extraction.furniture import furniture_names

    assert furniture_names(names) is furniture


def test_a_column_of_teasers_with_more_prose_than_the_story_loses_to_the_headlines_side():
    # A short story beside a "Terbaru" column of long teasers: both readings take the
    # column by prose alone; the story is the block on the headline's side of the page.
    story = "".join(
        f"<p>Paragraf {i}: Pemerintah kota memutuskan memperlebar jalan utama setelah "
        "berbulan-bulan perdebatan, dua kali dengar pendapat, dan petisi warga.</p>"
        for i in range(3)
    )
    column = "".join(
        f"<div class='item'><p>Kabar lain nomor {i}: harga cabai, bawang, dan beras naik lagi"
        " di pasar-pasar tradisional, kata para pedagang, yang mengeluhkan pasokan, cuaca, dan"
        " ongkos angkut dari daerah sentra.</p></div>"
        for i in range(8)
    )
    page = _page(
        "<html><head><title>Jalan diperlebar</title></head><body><div class='wrap'>"
        f"<div class='col-main'><h1>Jalan diperlebar</h1><div class='isi'>{story}</div></div>"
        f"<div class='col-right'><h3>Terbaru</h3>{column}</div></div></body></html>"
    )
    paragraphs, source = page.body()
    assert source == "generic:beside-headline"
    assert [p[:12] for p in paragraphs] == ["Paragraf 0: ", "Paragraf 1: ", "Paragraf 2: "]


def test_a_headline_alone_in_a_full_width_header_leaves_the_densest_block():
    page = _page(
        "<html><head><title>Road</title></head><body><header><div class='top'><h1>Road "
        f"widening approved</h1></div></header><main><div class='text'>{_story(4)}</div>"
        "</main></body></html>"
    )
    paragraphs, source = page.body()
    assert source == "generic:density"
    assert paragraphs[0] == f"Part 0: {PROSE}"


def test_text_folded_behind_a_continue_reading_control_is_the_articles():
    rest = "".join(f"<p>Hidden part {i}: {PROSE}</p>" for i in range(3))
    page = _page(
        f"<html><body><h1>Road</h1><div class='story'>{_story(2)}"
        f"<div class='more-text' style='display: none'>{rest}</div>"
        "<a class='btn' href='#'>Continue reading</a>"
        "<div class='share-dialog' hidden><p>Share this story with your friends, family,"
        " colleagues and everyone else you know, on every network there is.</p></div>"
        "</div></body></html>"
    )
    paragraphs, source, _ = page.judged_body()
    assert paragraphs[-3:] == [f"Hidden part {i}: {PROSE}" for i in range(3)]
    assert not any("Share this story" in p for p in paragraphs)
    assert source is not None
    assert source.endswith("+collapsed")


def test_a_hidden_block_before_the_shown_text_or_without_prose_stays_hidden():
    mobile = "".join(f"<p>Mobile copy {i}: {PROSE}</p>" for i in range(3))
    page = _page(
        f"<html><body><h1>Road</h1><div class='story'><div hidden>{mobile}</div>"
        f"{_story(3)}<div style='display:none'><p>Thanks!</p></div></div></body></html>"
    )
    paragraphs, _, _ = page.judged_body()
    assert not any(p.startswith(("Mobile copy", "Thanks")) for p in paragraphs)
