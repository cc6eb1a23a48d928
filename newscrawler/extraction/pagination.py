"""How an article split over pages continues: its all-on-one-page variant and its next pages.

Kompas, Tribunnews and its regional sites, Okezone, Suara, VIVA and Pikiran Rakyat's network
split long articles into pages ("Halaman 1 2 3"): ``?page=2``, ``/2``, ``-2``, and often an
all-on-one-page variant (``?page=all``, "Tampilkan semua"). These functions read the links a
page prints and keep only those that are pages of the *same article*:

1. same host, same path apart from a page marker (``?page=N``/``?page=all`` in the query,
   ``/N``, ``-N`` or ``/all`` at the end of the path), the same query apart from ``page``;
2. a path that looks like an article: its last part is a slug of three words or more, or
   holds a long id, and no part names a listing (``tag``, ``indeks``, ``category``, ...), so
   a listing's "next page" never qualifies, even one printed on an article;
3. a path marker (``/2``, ``-2``) counts only where pagination lives: ``rel=next``/``prev``,
   a box classed ``paging``/``pagination``/``halaman``, or a link whose text is a page
   number or "Selanjutnya"; links inside comment boxes never count.

Pure: a page object in, URLs out. The spider fetches them (``NewsSpider.parse_article``);
``newscrawler extract`` prints them, since one saved file cannot follow links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from lxml import etree

from newscrawler.extraction.parsing import base_url_of

if TYPE_CHECKING:
    from newscrawler.pages.base import ArticlePage

# Page numbers above this are not an article's pages (a year, an id): "?page=2024" is not.
MAX_PAGE = 99

# Query parameter naming the page: ?page=2, ?page=all (Kompas, Tribunnews, Okezone, Suara).
_PAGE_PARAMETER = "page"
_SLASH_PAGE = re.compile(r"^(?P<stem>.+)/(?P<n>\d{1,2})$")
_DASH_PAGE = re.compile(r"^(?P<stem>.+[a-z].*)-(?P<n>\d{1,2})$", re.IGNORECASE)
_SLASH_ALL = re.compile(r"^(?P<stem>.+)/all$", re.IGNORECASE)
# Path parts that make a page a listing, whatever its slug says: /tag/banjir-rob-jakarta.
_LISTING_PARTS = frozenset(
    {
        "tag",
        "tags",
        "topic",
        "topik",
        "indeks",
        "index",
        "search",
        "cari",
        "category",
        "kategori",
        "author",
        "penulis",
        "page",
        "arsip",
        "archive",
        "terpopuler",
        "terkini",
    }
)
_LONG_ID = re.compile(r"\d{5,}")
# Words of a slug: "banjir-rob-jakarta", 2015 Kompas "Polres.Lhokseumawe.Tangkap".
_WORD_BREAK = re.compile(r"[-._]")
# Class or id of a pagination box ("read__paging", "paging", "pagination", "kcm-read-paging",
# "halaman"), and of comment threads, whose paging is the comments'.
_PAGING_BOX = re.compile(r"paging|paginat|pager\b|halaman|page-?nav|page-?numbers", re.I)
_COMMENT_BOX = re.compile(r"koment|comment|disqus", re.I)
# Link texts of page navigation: "2", "Halaman 2", "Selanjutnya", "Next", "»".
_PAGE_LINK_TEXT = re.compile(
    r"^(?:(?:halaman|hal\.?|page)\s*)?\d{1,2}$|^(?:halaman\s+)?(?:selanjutnya|berikutnya)\b"
    r"|^next\b|^[›»>]+$",
    re.IGNORECASE,
)
# Link texts of an all-on-one-page variant: "Tampilkan semua", "Lihat semua", "Show all".
_SHOW_ALL_TEXT = re.compile(
    r"^(?:tampilkan|lihat|baca|show|view)\s+(?:semua|all|(?:dalam\s+)?(?:satu|1)\s+halaman)"
    r"|^(?:semua|satu)\s+halaman\b|^single\s+page\b",
    re.IGNORECASE,
)
# How far up an anchor's ancestors a pagination or comment box is looked for.
_BOX_DEPTH = 6


@dataclass(frozen=True, slots=True)
class Continuation:
    """How the article on a page continues; empty (false) for a one-page article.

    ``single_page`` is the all-on-one-page variant, ``next`` the following pages in order,
    ``last_page`` the highest page number the page links to (or its own), and
    ``first_page`` the article's first page when this page is page 2 or later.
    """

    single_page: str | None = None
    next: tuple[str, ...] = ()
    last_page: int = 1
    first_page: str | None = None

    def __bool__(self) -> bool:
        return bool(self.single_page or self.next)

    def as_json(self) -> dict[str, Any]:
        return {"single_page": self.single_page, "next": list(self.next)}


@dataclass(frozen=True, slots=True)
class _Reading:
    """One way to read a URL as a page of an article: the article's place and the page."""

    host: str
    stem: str  # the path without page marker or trailing slash
    query: tuple[tuple[str, str], ...]  # without the page parameter, sorted
    style: str  # "" (no marker), "query", "slash" or "dash"
    page: int | None  # None: the all-on-one-page variant

    @property
    def place(self) -> tuple[str, str, tuple[tuple[str, str], ...]]:
        return self.host, self.stem, self.query

    def url(self, scheme: str) -> str:
        return urlunsplit((scheme, self.host, self.stem or "/", urlencode(self.query), ""))


def looks_like_article(path: str) -> bool:
    """Whether ``path`` is an article's: a slug of three words or more, or a long id, last,
    and no listing word (``/tag/``, ``/indeks/``) on the way."""
    parts = [p for p in path.lower().split("/") if p]
    if not parts or any(p in _LISTING_PARTS for p in parts):
        return False
    last = parts[-1]
    return len(_WORD_BREAK.findall(last)) >= 2 or bool(_LONG_ID.search(last))


def _readings(url: str) -> list[_Reading]:
    """Every reading of ``url`` as a page of an article, the one without a path marker first."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return []
    host = parts.netloc.lower()
    path = parts.path.rstrip("/")
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    page_values = [v.strip().lower() for k, v in pairs if k.lower() == _PAGE_PARAMETER]
    rest = tuple(sorted((k, v) for k, v in pairs if k.lower() != _PAGE_PARAMETER))
    if page_values:
        value = page_values[-1]
        if value == "all":
            page: int | None = None
        elif value.isdigit() and 1 <= int(value) <= MAX_PAGE:
            page = int(value)
        else:
            return []  # ?page=abc: not a page of an article we know how to read
        return [_Reading(host, path, rest, "query", page)] if looks_like_article(path) else []
    readings = []
    if looks_like_article(path):
        readings.append(_Reading(host, path, rest, "", 1))
    for style, pattern in (("slash", _SLASH_PAGE), ("dash", _DASH_PAGE), ("slash", _SLASH_ALL)):
        match = pattern.match(path)
        if match and looks_like_article(match["stem"]):
            number = int(match["n"]) if "n" in pattern.groupindex else None
            if number is None or 1 <= number <= MAX_PAGE:
                readings.append(_Reading(host, match["stem"], rest, style, number))
    return readings


def _relation(candidate: str, here: list[_Reading]) -> tuple[_Reading, _Reading] | None:
    """The readings under which ``candidate`` and the current page are the same article."""
    for there in _readings(candidate):
        for mine in here:
            if there.place != mine.place:
                continue
            if mine.style and there.style and mine.style != there.style:
                continue
            if there.style == "" and mine.style == "":
                continue  # the same URL: the page itself
            return mine, there
    return None


def _shown_whole(url: str, here: list[_Reading]) -> tuple[_Reading, _Reading] | None:
    """A "Tampilkan semua" link to the article's path with a parameter of the site's own
    (``?single=1``): the all-on-one-page variant, although no page marker says so."""
    parts = urlsplit(url)
    pairs = set(parse_qsl(parts.query, keep_blank_values=True))
    for mine in here:
        same_place = (parts.netloc.lower(), parts.path.rstrip("/")) == (mine.host, mine.stem)
        if same_place and pairs > set(mine.query):
            return mine, _Reading(mine.host, mine.stem, mine.query, "", None)
    return None


def _in_box(el: etree._Element, pattern: re.Pattern[str]) -> bool:
    for depth, ancestor in enumerate(el.iterancestors()):
        if depth >= _BOX_DEPTH:
            break
        names = f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}"
        if names.strip() and pattern.search(names):
            return True
    return False


def _text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


@dataclass(frozen=True, slots=True)
class _Link:
    url: str
    mine: _Reading
    there: _Reading
    navigation: bool  # rel=next/prev, in a pagination box, or a page-number text
    show_all: bool  # its text says "Tampilkan semua"


def _host_of(url: str) -> str:
    """``https://www.kompas.com/x`` -> ``www.kompas.com``, as ``urlsplit(url).netloc``
    lowercased gives it for the absolute URLs urljoin makes, without parsing the rest."""
    return url.split("/", 3)[2].lower() if "://" in url else ""


_ANCHORS_NAMING = etree.XPath(
    "//a[contains(@href, $slug) or starts-with(normalize-space(@href), '?')]"
)


def _links(page: ArticlePage) -> list[_Link]:
    """Links on the page to other pages of its article, in page order."""
    here = _readings(page.response.url)
    if not here:
        return []
    base = base_url_of(page.response)
    # A cheap test on the raw href before any URL is parsed: a link to a page of this article
    # names its slug, or is relative to it ("?page=2").
    slugs = {reading.stem.rpartition("/")[2] for reading in here}
    hosts = {reading.host for reading in here}
    found: list[_Link] = []
    if len(slugs) == 1:
        # The same test in libxml2, over a page's hundreds of links.
        anchors = _ANCHORS_NAMING(page.sel.root, slug=next(iter(slugs)))
    else:
        anchors = list(page.sel.root.iter("a"))
    for el in [*page.index.tags["link"], *anchors]:
        href = (el.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        if not (any(slug in href for slug in slugs) or href.startswith("?")):
            continue
        try:
            url = urljoin(base, href).partition("#")[0]
        except ValueError:
            # urlsplit refuses a broken host ("http://[::1", an unclosed IPv6 bracket): a
            # link no browser could follow is no page of the article.
            continue
        # Every page of the article is on its host: a share button's link, which names the
        # article's URL in its query, is not.
        if _host_of(url) not in hosts:
            continue
        text = _text(el) if el.tag == "a" else ""
        relation = _relation(url, here)
        if relation is None and _SHOW_ALL_TEXT.match(text):
            relation = _shown_whole(url, here)
        if relation is None or _in_box(el, _COMMENT_BOX):
            continue
        rel = (el.get("rel") or "").lower().split()
        navigation = (
            "next" in rel
            or "prev" in rel
            or bool(_PAGE_LINK_TEXT.match(text))
            or _in_box(el, _PAGING_BOX)
        )
        found.append(_Link(url, *relation, navigation, bool(_SHOW_ALL_TEXT.match(text))))
    return found


def _trusted(link: _Link) -> bool:
    """A query marker (``?page=2``) is explicit; a path one (``/2``, ``-2``) needs context."""
    return link.there.style == "query" or link.navigation or link.show_all


def continuation_of(page: ArticlePage) -> Continuation:
    """The page's all-on-one-page variant, its next pages, and its first page if it is a
    later one (see the module docstring for which links count)."""
    links = [link for link in _links(page) if _trusted(link)]
    if not links:
        return Continuation()
    # A URL may read two ways (".../banjir-di-kota-3" is page 3, or page 1 of a slug that
    # ends in a number): the reading of the first link decides, the others must agree.
    mine = links[0].mine
    links = [link for link in links if link.mine == mine]
    current = mine.page
    if current is None:
        return Continuation()  # this is the all-on-one-page variant: nothing follows
    single = next((link.url for link in links if link.there.page is None), None)
    numbered: dict[int, str] = {}
    for link in links:
        if link.there.page is not None:
            numbered.setdefault(link.there.page, link.url)
    later = sorted((n, url) for n, url in numbered.items() if n > current)
    earlier = any(n < current for n in numbered)
    first = mine.url(urlsplit(page.response.url).scheme) if current > 1 and earlier else None
    return Continuation(
        single_page=single,
        next=tuple(dict.fromkeys(url for _, url in later)),
        last_page=max([current, *numbered]),
        first_page=first,
    )


def single_page_url(page: ArticlePage) -> str | None:
    """The article's all-on-one-page variant the page links to (``?page=all``), or None."""
    return continuation_of(page).single_page


def next_pages(page: ArticlePage) -> list[str]:
    """The article's pages after this one that the page links to, in page order."""
    return list(continuation_of(page).next)


def with_page(url: str, value: str) -> str:
    """``url`` with its ``page`` query parameter set to ``value`` (``"all"``, ``"2"``)."""
    parts = urlsplit(url)
    pairs = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "page"]
    query = urlencode([*pairs, (_PAGE_PARAMETER, value)])
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


_NAVIGATION_LINE = re.compile(
    r"^(?:halaman\s*:?\s*)?(?:\d{1,2}\s*){2,}(?:selanjutnya|berikutnya|tampilkan semua)?$"
    r"|^(?:halaman\s+)?(?:selanjutnya|berikutnya|sebelumnya)$|^tampilkan semua$"
    r"|^halaman\s*:?\s*\d{1,2}(?:\s*(?:dari|/)\s*\d{1,2})?$",
    re.IGNORECASE,
)


def join_pages(bodies: list[list[str]]) -> list[str]:
    """The paragraphs of all pages in order, as one body.

    Later pages repeat what every page prints around the text (the reporter's "Laporan
    Wartawan ..." line, a dateline, a closing note): a paragraph already in the body is not
    added again. Page navigation that slipped into the text ("Halaman 1 2 3", "Halaman 2
    dari 3", "Selanjutnya") is left out on every page.
    """
    joined: list[str] = []
    seen: set[str] = set()
    for number, paragraphs in enumerate(bodies):
        for paragraph in paragraphs:
            key = " ".join(paragraph.split())
            if _NAVIGATION_LINE.match(key):
                continue
            if number > 0 and key in seen:
                continue
            seen.add(key)
            joined.append(paragraph)
    return joined
