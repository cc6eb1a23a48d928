"""PageIndex and the compiled selectors answer exactly what the XPath/parsel queries did.

Each test asks both: the query the page helpers used to run (parsel's ``Selector.css``, the
``//meta[translate(...)]`` XPath) and the index, on a page written here to hold the awkward
cases and on every real page in ``../shared/pages``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree
from parsel import Selector
from parsel.csstranslator import HTMLTranslator
from scrapy.http import HtmlResponse

from newscrawler.extract import extract_raw
from newscrawler.extraction.index import (
    ATTRIBUTED,
    PageIndex,
    candidate_test,
    compiled_css,
    one_walk_xpath,
    text_of,
)
from newscrawler.sites import known_sites

FETCHED_AT = datetime(2024, 1, 1, tzinfo=UTC)

# Mixed-case names, a meta with both name and property, one without content, an empty one,
# JSON-LD next to a script of another type, and markup for every combinator.
PAGE = """<!DOCTYPE html>
<html lang="id"><head>
<title>Judul - Situs</title>
<link rel="stylesheet" href="/a.css">
<link REL="canonical" href="/berita/1">
<meta name="Author" content="Ani">
<meta property="OG:TITLE" content="Judul OG">
<meta name="og:title" property="og:title" content="Sekali saja">
<meta name="description">
<meta name="keywords" content="">
<meta name="KEYWORDS" content="politik, ekonomi">
<meta name="İtem" content="not ASCII">
<meta itemprop="author" content="not a name or property">
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "A"}</script>
<script type="application/ld+json"></script>
<script type="text/javascript">var x = 1;</script>
<script type="application/LD+JSON">{"@type": "NewsArticle", "headline": "B"}</script>
</head><body>
<h1 itemprop="headline">Judul <b>tebal</b></h1>
<div itemprop="headline"><h1>Kedua</h1></div>
<div class="byline"><span itemprop="author creator"><b><span itemprop="name">Ani</span></b></span>
 <!-- a comment --> dan <a rel="author">Budi</a></div>
<figure><span class="author">KOMPAS.COM/FOTO</span></figure>
<div class="detail__date">Senin</div>
<h1>Tiga</h1><span class="date">setelah h1</span><p class="date">bukan</p>
<ul class="tags"><li><a href="/tag/a">A</a></li><li><a href="/topic/b">B</a></li></ul>
<div class="txt-article"><p>satu</p><p>dua</p></div>
<div class=" penulis	author-name ">Cici</div>
<time datetime="2024-06-25T10:00:00+07:00" pubdate>25 Juni</time>
</body></html>"""

SELECTORS = [
    "h1",
    "title",
    "time[pubdate][datetime]",
    "article time[datetime]",
    "h1[itemprop=headline], [itemprop=headline] h1",
    "[itemprop=datePublished]",
    "[itemprop~=author] [itemprop~=name]",
    "[itemprop~=author]",
    "[itemprop=author] [itemprop=name]",
    "[rel=author]",
    "[rel!=author]",
    "link[rel=canonical]",
    "[itemprop=dateModified]",
    "[itemprop][rel]",
    "span[itemprop~=author]:not([itemprop=name])",
    "#penulis, [itemprop=name]",
    "[itemprop=author] [itemprop=name], [rel=author]",
    ".byline, .author, .author-name, .penulis",
    ".detail__date, .jdl .date, h1 ~ .date",
    "h1 + .date",
    ".tags > li > a, .tags a[href*='/topic/']",
    ".txt-article > p:first-child",
    "div:not(.byline).txt-article, .penulis.author-name",
    "ul.tags li:nth-child(2) a",
    "#penulis a, #penulis",
    "div:not(.byline)",
    "*",
    # Anchored at a class or id above the subject: the elements inside the anchors are tested.
    ".txt-article p",
    ".tags > li > a, .txt-article > p",
    ".byline a, .byline .nothing",
    "ul.tags li:not(:first-child) a",
    "#penulis a",
    ".byline span[itemprop=name]",
]


def parsel_meta(sel: Selector, name: str) -> list[str]:
    """The query ArticlePage.meta() ran per name before the index."""
    lower = "translate({},'ABCDEFGHIJKLMNOPQRSTUVWXYZ','abcdefghijklmnopqrstuvwxyz')"
    query = f"//meta[{lower.format('@name')}=$n or {lower.format('@property')}=$n]/@content"
    return sel.xpath(query, n=name.lower()).getall()


def same_elements(html: str, css: str) -> tuple[list[object], list[object]]:
    """What parsel finds and what the compiled selector finds, on one parse of ``html``."""
    sel = Selector(text=html)
    theirs = [s.root for s in sel.css(css)]
    ours = compiled_css(css)(sel.root)
    assert isinstance(ours, list)
    return theirs, ours


@pytest.mark.parametrize("css", SELECTORS)
def test_compiled_css_finds_what_parsel_finds(css: str) -> None:
    theirs, ours = same_elements(PAGE, css)
    assert ours == theirs


@pytest.mark.parametrize("css", SELECTORS)
def test_index_select_finds_what_parsel_finds(css: str) -> None:
    sel = Selector(text=PAGE)
    assert PageIndex.of(sel.root).select(sel.root, css) == [s.root for s in sel.css(css)]


@pytest.mark.parametrize(
    ("css", "source"),
    [
        ("h1[itemprop=headline], [itemprop=headline] h1", "h1"),
        ("time[pubdate][datetime]", "time"),
        ("[itemprop~=author] [itemprop~=name]", ATTRIBUTED),
        ("[rel=author], span[itemprop=keywords]", ATTRIBUTED),
        ("[rel!=author]", None),
        ("link[rel=canonical]", "link"),
        ("h1, [rel=author]", None),
        (".byline", None),
    ],
)
def test_candidates_come_from_the_index_only_when_it_lists_them_all(
    css: str, source: str | None
) -> None:
    plan = candidate_test(css)
    assert (plan[0] if plan else None) == source


def test_the_written_page_exercises_the_selectors() -> None:
    # Guards the test above: were the page to match nothing, any XPath would agree.
    found = {css: len(same_elements(PAGE, css)[0]) for css in SELECTORS}
    assert found["h1"] == 3
    assert found["h1[itemprop=headline], [itemprop=headline] h1"] == 2
    assert found["[itemprop~=author] [itemprop~=name]"] == 1
    assert found[".byline, .author, .author-name, .penulis"] == 3
    assert found[".detail__date, .jdl .date, h1 ~ .date"] == 3
    assert found["h1 + .date"] == 1
    assert found[".txt-article > p:first-child"] == 1
    assert found["div:not(.byline).txt-article, .penulis.author-name"] == 2
    assert found["ul.tags li:nth-child(2) a"] == 1
    assert found["#penulis a, #penulis"] == 0
    assert found["link[rel=canonical]"] == 1
    assert found["span[itemprop~=author]:not([itemprop=name])"] == 1


def test_a_group_is_one_step_when_each_selector_names_a_class() -> None:
    # "a" names no class, so no substring test on @class can screen for it: parsel's union
    # of paths down from each ".author" is cheaper than testing every <a>'s ancestors.
    assert one_walk_xpath(".byline, .author a") is None
    assert compiled_css(".byline, .author a").path == HTMLTranslator().css_to_xpath(
        ".byline, .author a"
    )
    classes = one_walk_xpath(".byline, .author .name")
    assert classes is not None
    assert classes.startswith("descendant-or-self::*/@class[contains(., 'byline') or")
    assert "/parent::*[" in classes


def test_a_class_screen_keeps_the_shortest_tokens() -> None:
    xpath = one_walk_xpath(".byline, .author, .author-name")
    assert xpath is not None
    screen = xpath[: xpath.index("/parent::*")]
    assert screen == "descendant-or-self::*/@class[contains(., 'byline') or contains(., 'author')]"


def test_many_elements_inside_a_class_box() -> None:
    links = "".join(f'<a href="/{i}">{i}</a>' for i in range(150))
    html = f'<html><body><div class="box"><p>{links}</p></div><a>out</a></body></html>'
    sel = Selector(text=html)
    found = PageIndex(sel.root).select(sel.root, ".box p a, .box span")
    assert found == [s.root for s in sel.css(".box p a, .box span")]
    assert len(found) == 150


def test_pseudo_elements_keep_parsel_translation() -> None:
    assert one_walk_xpath("a::text") is None
    assert one_walk_xpath("a::attr(href)") is None


@pytest.mark.parametrize(
    "name",
    ["author", "og:title", "OG:Title", "description", "keywords", "İtem", "item", "itemprop"],
)
def test_meta_matches_the_translate_xpath(name: str) -> None:
    sel = Selector(text=PAGE)
    assert PageIndex(sel.root).meta(name) == parsel_meta(sel, name)


def test_meta_reads_mixed_case_and_counts_a_tag_once() -> None:
    index = PageIndex(Selector(text=PAGE).root)
    assert index.meta("og:title") == ["Judul OG", "Sekali saja"]
    assert index.meta("keywords") == ["", "politik, ekonomi"]
    assert index.meta("description") == []


def test_ld_scripts_are_the_json_ld_text_nodes() -> None:
    sel = Selector(text=PAGE)
    index = PageIndex(sel.root)
    assert index.ld_scripts == sel.xpath('//script[@type="application/ld+json"]/text()').getall()
    assert index.ld_scripts == ['{"@type": "NewsArticle", "headline": "A"}']


def test_tags_in_page_order() -> None:
    sel = Selector(text=PAGE)
    index = PageIndex(sel.root)
    for tag in ("h1", "title", "time"):
        assert index.tags[tag] == [s.root for s in sel.css(tag)]
    assert [text_of(el) for el in index.tags["h1"]] == ["Judul tebal", "Kedua", "Tiga"]


def test_text_of_is_parsels_text_join() -> None:
    sel = Selector(text=PAGE)
    for el in sel.css(".byline, h1, ul"):
        assert text_of(el.root) == " ".join(" ".join(el.css("::text").getall()).split())
    assert text_of(sel.css(".byline")[0].root) == "Ani dan Budi"


def real_pages(root: Path) -> list[Path]:
    return sorted(root.glob("*/*.html"))


def test_real_pages_agree(shared_pages: Path) -> None:
    pages = real_pages(shared_pages)
    assert pages
    names = ["og:title", "author", "article:published_time", "keywords", "description"]
    for path in pages:
        html = path.read_text(encoding="utf-8", errors="replace")
        sel = Selector(text=html)
        index = PageIndex(sel.root)
        for name in names:
            assert index.meta(name) == parsel_meta(sel, name), (path, name)
        ld = sel.xpath('//script[@type="application/ld+json"]/text()').getall()
        assert index.ld_scripts == ld, path
        for css in SELECTORS:
            theirs = [s.root for s in sel.css(css)]
            assert compiled_css(css)(sel.root) == theirs, (path, css)
            assert index.select(sel.root, css) == theirs, (path, css)


def test_one_index_per_tree() -> None:
    first, second = Selector(text=PAGE), Selector(text=PAGE)
    assert PageIndex.of(first.root) is PageIndex.of(first.root)
    assert PageIndex.of(first.root) is not PageIndex.of(second.root)


def test_the_screen_keeps_what_the_last_compound_could_match() -> None:
    # The XPath test then runs on one candidate instead of every itemprop and rel.
    sel = Selector(text=PAGE)
    plan = candidate_test("[itemprop~=author] [itemprop~=name]")
    assert plan is not None
    attributed = sel.xpath("//*[@itemprop or @rel]")
    assert len(attributed) > 5
    kept = plan[1].keep([s.root for s in attributed])
    assert [(el.tag, el.get("itemprop")) for el in kept] == [("span", "name")]


def test_every_selector_the_pages_ask_finds_what_parsel_finds(
    shared_pages: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each site's page on its real pages: whatever a page asks the index (its own selectors
    and the generic ones) is checked against parsel on the same tree."""
    asked: set[str] = set()
    select = PageIndex.select

    def checked(index: PageIndex, root: etree._Element, css: str) -> list[etree._Element]:
        found = select(index, root, css)
        assert found == [s.root for s in Selector(root=root).css(css)], css
        asked.add(css)
        return found

    monkeypatch.setattr(PageIndex, "select", checked)
    sites = {site.name: site for site in known_sites()}
    pages = [path for path in real_pages(shared_pages) if path.parent.name in sites]
    assert pages
    for path in pages:
        response = HtmlResponse(url="https://example.com/", body=path.read_bytes())
        extract_raw(response, site=sites[path.parent.name], fetched_at=FETCHED_AT)
    # The generic cascade's dozen and the site pages' own.
    assert len(asked) > 40
