"""Pages that are not articles: feeds, listings and video-only pages.

A crawl meets them through a feed entry or a sitemap that points at a section front, and
``newscrawler extract`` is given them by hand. Each would otherwise come out as an "article"
whose body is a list of links: refusing it with a reason (counted per reason in the crawl's
stats as ``newscrawler/dropped/<key>``) is the honest answer.

The rules, tried in this order, each on evidence a reader would accept:

1. ``feed``: the document's root element is ``rss``, ``feed`` (Atom), ``rdf:RDF``,
   ``urlset`` or ``sitemapindex``, whatever the file is called;
2. ``listing``: the text is teasers, not prose. In the block the page chose, five headline
   links or more with no more unlinked text between two of them than a teaser's blurb,
   on a page at least half of whose text is in links; or no block of prose at all on a page
   of many headline links; or a chosen block that is itself one teaser card among many.
   og:type ``website`` or a JSON-LD collection type lowers the count of teasers needed; a
   page whose JSON-LD describes one article is never a listing;
3. ``video``: the page says its main content is a video (og:type ``video.*``, a JSON-LD
   ``VideoObject`` and no article, or a player in the markup) and its text is no longer
   than a caption.

False refusals cost more than missed listings (an article lost against a list of links
stored), so every threshold sits well inside what the real articles of the benchmark sets
(``tests/test_pagekind.py``) show, and a page that says it is an article is believed.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from lxml import etree

from newscrawler.extraction.jsonld import object_types

if TYPE_CHECKING:
    from newscrawler.pages.base import ArticlePage

# -- feeds and sitemaps ----------------------------------------------------------------------

# Root element (local name, lowercased) -> what the document is, for the message.
FEED_ROOTS = {
    "rss": "an RSS feed",
    "feed": "an Atom feed",
    "rdf": "an RSS 1.0 (RDF) feed",
    "urlset": "a sitemap",
    "sitemapindex": "a sitemap index",
}
# Enough of the document for its prolog: the XML declaration, stylesheet instructions, a
# generator comment ("<!-- generator="tempo.co" -->"), a doctype.
_PROLOG_BYTES = 8192
_PROLOG_ITEM = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>)", re.S)
_FIRST_TAG = re.compile(r"\s*<([A-Za-z_][\w.:-]*)")


def root_element(body: bytes) -> str | None:
    """The name of the document's first element, its prolog skipped: ``rss`` for
    ``<?xml ...?><?xml-stylesheet ...?><rss version="2.0">``, ``html`` for most pages."""
    head = body[:_PROLOG_BYTES]
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            text = head[len(bom) :].decode(encoding, "ignore")
            break
    else:
        # Only the tag names matter, and they are ASCII in every 8-bit encoding.
        text = head.removeprefix(codecs.BOM_UTF8).decode("latin-1")
    position = 0
    while match := _PROLOG_ITEM.match(text, position):
        position = match.end()
    first = _FIRST_TAG.match(text, position)
    return first.group(1) if first else None


def feed_kind(body: bytes) -> str | None:
    """What kind of feed or sitemap ``body`` is ("an RSS feed"), or None for anything else."""
    name = root_element(body)
    if name is None:
        return None
    return FEED_ROOTS.get(name.rpartition(":")[2].lower())


# -- listings --------------------------------------------------------------------------------

# Scripts written without spaces between words: a headline there is a run of characters.
_UNSPACED = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
# A listing shows at least this many teasers...
MIN_TEASERS = 5
# ...and between two of them no more unlinked text than a teaser's date, section and blurb
# (bytes of UTF-8, so that 160 characters of Japanese weigh as much as 500 of English).
# Listings seen: 0-330 bytes; real articles with five headline links in their block and a
# page mostly of links: 730 and up.
MAX_TEASER_TEXT = 500
# Linked text is at least this share of the block: a blurb is longer than its headline, so
# a listing's share is lower than one might think (Kompas's indeks: 26%)...
MIN_LINKED_SHARE = 0.2
# ...and at least half of the whole page's text (listings seen: 54% and up).
MIN_PAGE_LINKED = 0.5
# Where the page calls itself a collection (og:type website, a CollectionPage): fewer
# teasers suffice. Many articles say og:type website too, so nothing else is relaxed.
MIN_TEASERS_DECLARED = 3
# Where the block chosen is one teaser, the page must show this many.
TEASERS_AROUND_ONE = 10
# A body that is all links (a footer's link list, a teaser grid read as one block) on a page
# holding this many distinct headline links: the page found no text because it has none.
ALL_LINKS_SHARE = 0.8
ALL_LINKS_UNLINKED = 200
ALL_LINKS_HEADLINES = 20
# JSON-LD types that describe a page of many items, and og:type values saying the same.
COLLECTION_TYPES = frozenset({"CollectionPage", "ItemList", "SearchResultsPage"})
PAGE_TYPES = frozenset({"WebPage", "ItemPage", "AboutPage", "ProfilePage", "MediaGallery"})


def headline_like(text: str) -> bool:
    """Whether ``text`` reads like a headline: three words and 20 characters (not a URL), or
    ten characters of a script written without spaces."""
    words = text.split()
    if len(words) >= 3 and len(text) >= 20:
        return "://" not in text
    return len(text) >= 10 and len(_UNSPACED.findall(text)) >= 8


@dataclass(frozen=True)
class BodyShape:
    """How the text of the block the page chose sits against its links."""

    headlines: int  # distinct targets of headline-like links in the block
    linked_share: float  # share of the block's characters inside links
    longest_unlinked: int  # UTF-8 bytes of the longest unlinked text between two headlines
    unlinked: int  # UTF-8 bytes outside links, in all


# Never read: their text is not what a reader sees.
_UNSEEN = frozenset({"script", "style", "noscript", "template", "head"})


def body_shape(block: etree._Element) -> BodyShape:
    """One walk over ``block``: its text in and out of links, and its headline links.

    A headline link ends a run of unlinked text, so a listing's runs are one teaser's date
    and blurb, and an article's run is its prose.
    """
    headlines: set[str] = set()
    in_link: list[str] = []  # the text of the link being read, if any
    links = 0  # depth of nested <a> (broken markup nests them)
    linked = total = unlinked = run = longest = 0

    def read(text: str | None) -> None:
        nonlocal linked, total, unlinked, run, longest
        if not text or text.isspace():
            return
        size = len("".join(text.split()))
        total += size
        if links:
            linked += size
            in_link.append(text)
        else:
            weight = len(text.strip().encode("utf-8", "replace"))
            unlinked += weight
            run += weight
            longest = max(longest, run)

    walker = etree.iterwalk(block, events=("start", "end", "comment", "pi"))
    for event, element in walker:
        if event in ("comment", "pi"):
            read(element.tail)
            continue
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _UNSEEN:
                walker.skip_subtree()
                # skip_subtree() leaves out this element's "end" event, and so its tail.
                read(element.tail if element is not block else None)
                continue
            if tag == "a":
                links += 1
            read(element.text)
            continue
        if tag == "a" and links:
            links -= 1
            if not links:
                text = " ".join(" ".join(in_link).split())
                in_link.clear()
                if headline_like(text):
                    headlines.add(element.get("href") or text)
                    run = 0
        if element is not block:
            read(element.tail)
    return BodyShape(
        headlines=len(headlines),
        linked_share=linked / total if total else 0.0,
        longest_unlinked=longest,
        unlinked=unlinked,
    )


class PageTypes:
    """What the page says it is, in JSON-LD and OpenGraph, read on demand."""

    def __init__(self, page: ArticlePage) -> None:
        self.page = page

    @cached_property
    def types(self) -> set[str]:
        return {name for obj in self.page.ld_objects for name in object_types(obj)}

    @cached_property
    def og_type(self) -> str:
        values = self.page.meta("og:type")
        return values[0].strip().lower() if values else ""

    def one_article(self) -> bool:
        """The JSON-LD describes an article, and at most two of them (a listing that marks
        up its teasers gives one object per teaser)."""
        headlines = {
            str(obj.get("headline") or obj.get("name") or index)
            for index, obj in enumerate(self.page.jsonld)
        }
        return 1 <= len(headlines) <= 2

    def declares_collection(self) -> bool:
        """og:type ``website``, a collection type, or a ``WebSite`` with no page beside it.

        Supporting evidence only: many article pages say og:type website.
        """
        if self.og_type == "website" or self.types & COLLECTION_TYPES:
            return True
        return "WebSite" in self.types and not self.types & PAGE_TYPES and not self.page.jsonld

    def main_video(self) -> bool:
        """og:type ``video.*``, or a JSON-LD ``VideoObject`` with no article beside it."""
        if self.og_type.startswith("video"):
            return True
        return "VideoObject" in self.types and not self.page.jsonld


def _page_body(page: ArticlePage) -> etree._Element:
    root = page.sel.root
    body = root.find("body")
    return body if body is not None else root


def listing(page: ArticlePage, paragraphs: list[str], kind: PageTypes) -> str | None:
    """Why the page is a listing, or None."""
    if any(len(p.encode("utf-8", "replace")) >= MAX_TEASER_TEXT for p in paragraphs):
        # A block of prose (or a blurb no listing would show): no need to weigh the links.
        return None
    block, source = page.body_container()
    if block is None or source == "generic:page":
        # The page has no block of prose at all: a page of teasers is a listing.
        whole = body_shape(_page_body(page))
        if whole.headlines >= ALL_LINKS_HEADLINES and whole.linked_share >= MIN_PAGE_LINKED:
            return (
                f"a listing: no block of prose, {whole.headlines} headline links, "
                f"{whole.linked_share:.0%} of the text in links"
            )
        return None
    shape = body_shape(block)
    if shape.headlines == 1 and shape.unlinked < MAX_TEASER_TEXT:
        # The block chosen is itself a teaser (the first of many ``<article>`` cards): the
        # page is weighed instead, by the same measure.
        whole = body_shape(_page_body(page))
        if (
            whole.headlines >= TEASERS_AROUND_ONE
            and whole.longest_unlinked < MAX_TEASER_TEXT
            and whole.linked_share >= MIN_PAGE_LINKED
        ):
            return (
                f"a listing: the text found is one of {whole.headlines} teasers, no text "
                f"between them longer than {whole.longest_unlinked} bytes"
            )
        return None
    needed = MIN_TEASERS_DECLARED if kind.declares_collection() else MIN_TEASERS
    teasers = (
        shape.headlines >= needed
        and shape.longest_unlinked < MAX_TEASER_TEXT
        and shape.linked_share >= MIN_LINKED_SHARE
    )
    all_links = shape.linked_share >= ALL_LINKS_SHARE and shape.unlinked < ALL_LINKS_UNLINKED
    if not teasers and not all_links:
        return None
    whole = body_shape(_page_body(page))
    if whole.linked_share < MIN_PAGE_LINKED:
        return None
    if teasers:
        return (
            f"a listing: {shape.headlines} headline links, no text between them longer than "
            f"{shape.longest_unlinked} bytes"
        )
    if whole.headlines >= ALL_LINKS_HEADLINES:
        return (
            f"a listing: its text is {shape.linked_share:.0%} links, among {whole.headlines} "
            "headline links on the page"
        )
    return None


# -- video-only pages ------------------------------------------------------------------------

# Text no longer than a caption or a two-line description (bytes of UTF-8).
MAX_CAPTION = 400
_PLAYER_SRC = re.compile(
    r"youtube(?:-nocookie)?\.com/embed|player\.vimeo\.com|dailymotion\.com/embed|"
    r"/embed/video|jwplayer|brightcove|players?\.|/player/|/video/embed",
    re.IGNORECASE,
)


def has_player(page: ArticlePage) -> bool:
    """A ``<video>``, a player's ``<iframe>`` or og:video/twitter:player meta."""
    if page.meta("og:video", "og:video:url", "og:video:secure_url", "twitter:player"):
        return True
    root = page.sel.root
    if next(root.iter("video"), None) is not None:
        return True
    return any(_PLAYER_SRC.search(el.get("src") or "") for el in root.iter("iframe"))


def video_only(page: ArticlePage, paragraphs: list[str], kind: PageTypes) -> str | None:
    """Why the page is a video with a caption, or None."""
    text = sum(len(p.encode("utf-8", "replace")) for p in paragraphs)
    if text > MAX_CAPTION:
        return None
    if kind.main_video() and not _long_article_body(page):
        return f"a video page: its text is {text} bytes, a caption's length"
    if not page.jsonld and has_player(page):
        return f"a video page: a player and {text} bytes of text"
    return None


def _long_article_body(page: ArticlePage) -> bool:
    # The JSON-LD holds the article's text where the markup gave us little of it.
    return any(len(body) > MAX_CAPTION for body in page.ld("articleBody"))


def not_an_article(page: ArticlePage, paragraphs: list[str]) -> tuple[str, str] | None:
    """``(key, message)`` when ``page`` is not an article, else None.

    ``paragraphs`` is the body the page object chose, so the test can weigh what a reader
    would get. See the module's docstring for the rules.
    """
    feed = feed_kind(page.response.body)
    if feed is not None:
        return "feed", f"{feed}, not an article page"
    kind = PageTypes(page)
    # A page that describes itself as one article is believed, whatever its body looks like.
    reason = None if kind.one_article() else listing(page, paragraphs, kind)
    if reason is not None:
        return "listing", reason
    reason = video_only(page, paragraphs, kind)
    if reason is not None:
        return "video", reason
    return None
