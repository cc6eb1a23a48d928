"""Mutated real pages never make extraction raise: the outcome is a snapshot or a refusal.

Every page, feed and listing of ../shared/pages (SOURCES.md types ``article``, ``listing``,
``rss``) is mutated by hypothesis (truncated, bytes edited, closing tags dropped, elements
repeated or nested hundreds deep, charsets mislabelled, control characters and huge
attributes inserted, JSON-LD broken, nested or mistyped, impossible dates, broken links)
and run through the page object its URL picks and through the generic page, then through
``to_snapshot``. ``extract_raw`` either gives a snapshot or records why the page is not an
article (``Extraction.error``, from :class:`~newscrawler.normalize.article.NotAnArticle`);
anything else escaping is a bug. The inputs that found bugs are kept as plain tests at the end.
"""

from __future__ import annotations

import json
import re
import zlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newscrawler.extract import Extraction, extract_raw, response_from_file, snapshot_json
from newscrawler.fixtures import load_cases
from newscrawler.sites import GENERIC, Site, site_for_url
from tests.conftest import FIXTURES, SHARED_PAGES

FETCHED = datetime(2024, 8, 15, 3, 0, tzinfo=UTC)
KINDS = ("article", "listing", "rss")
# Per page, each run through two page objects: about a minute for the 67 pages.
EXAMPLES = 8


def _pages() -> list[tuple[str, str]]:
    """(relative path, URL) of every page SOURCES.md lists; the URL a site fixture gives it,
    else the site's bare domain (as bench/corpus.py does), so the URL picks the site's page."""
    sources = SHARED_PAGES / "SOURCES.md"
    if not sources.is_file():
        return []
    known = {
        case.data["shared"]: case.data["url"]
        for case in load_cases(FIXTURES / "sites")
        if case.is_shared
    }
    rows = []
    for line in sources.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and cells[2] in KINDS:
            rows.append((cells[0], known.get(cells[0]) or f"https://{cells[1]}/"))
    return rows


PAGES = _pages()


# -- mutations: each is a strategy of functions from the page's bytes to new bytes ------------

_TAG_START = re.compile(rb"<[a-zA-Z]")
_CLOSING_TAG = re.compile(rb"</[a-zA-Z][a-zA-Z0-9]*\s*>")
_HEAD = re.compile(rb"<head[^>]*>", re.IGNORECASE)
_CHARSET = re.compile(rb"charset=[\"']?[a-zA-Z0-9_-]+", re.IGNORECASE)
_LD_SCRIPT = re.compile(
    rb"(<script[^>]*application/ld\+json[^>]*>)(.*?)(</script>)", re.IGNORECASE | re.DOTALL
)
_ISO_DATE = re.compile(rb"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:[+-]\d{2}:?\d{2}|Z)?)?")


def _at_head(body: bytes, insert: bytes) -> bytes:
    """``insert`` just inside ``<head>``, else at the start."""
    found = _HEAD.search(body)
    at = found.end() if found else 0
    return body[:at] + insert + body[at:]


def _tag_starts(body: bytes) -> list[int]:
    return [m.start() for m in _TAG_START.finditer(body)] or [0]


@st.composite
def _truncated(draw: st.DrawFn, body: bytes) -> bytes:
    return body[: draw(st.integers(0, len(body)))]


_EDIT = st.tuples(
    st.sampled_from(["delete", "insert", "flip"]),
    st.floats(0, 1),
    st.binary(min_size=1, max_size=8),
)


@st.composite
def _byte_edits(draw: st.DrawFn, body: bytes) -> bytes:
    out = bytearray(body)
    for kind, where, data in draw(st.lists(_EDIT, min_size=1, max_size=30)):
        at = int(where * len(out))
        if kind == "insert":
            out[at:at] = data
        elif at < len(out):
            if kind == "delete":
                del out[at : at + len(data)]
            else:
                out[at] ^= 1 << (data[0] % 8)
    return bytes(out)


@st.composite
def _closing_tags_removed(draw: st.DrawFn, body: bytes) -> bytes:
    # Every closing tag, or every n-th one, or those of one element name.
    how = draw(st.sampled_from(["all", "every", "name"]))
    if how == "all":
        return _CLOSING_TAG.sub(b"", body)
    if how == "every":
        step = draw(st.integers(2, 7))
        counter = iter(range(10**9))
        return _CLOSING_TAG.sub(lambda m: b"" if next(counter) % step == 0 else m[0], body)
    name = draw(st.sampled_from([b"p", b"div", b"script", b"head", b"article", b"a", b"title"]))
    return re.sub(rb"</" + name + rb"\s*>", b"", body, flags=re.IGNORECASE)


@st.composite
def _duplicated(draw: st.DrawFn, body: bytes) -> bytes:
    starts = _tag_starts(body)
    first = draw(st.integers(0, len(starts) - 1))
    last = draw(st.integers(first, min(first + 40, len(starts) - 1)))
    start, end = starts[first], starts[last] if last > first else len(body)
    times = draw(st.integers(2, 20))
    return body[:start] + body[start:end] * times + body[end:]


@st.composite
def _deeply_nested(draw: st.DrawFn, body: bytes) -> bytes:
    starts = _tag_starts(body)
    first = draw(st.integers(0, len(starts) - 1))
    last = draw(st.integers(first, len(starts) - 1))
    start, end = starts[first], starts[last] if last > first else len(body)
    depth = draw(st.integers(100, 2500))
    tag = draw(st.sampled_from([b"div", b"p", b"span", b"article", b"section"]))
    closed = draw(st.booleans())
    close = (b"</" + tag + b">") * depth if closed else b""
    return body[:start] + (b"<" + tag + b">") * depth + body[start:end] + close + body[end:]


@st.composite
def _wrong_charset(draw: st.DrawFn, body: bytes) -> bytes:
    label = draw(st.sampled_from([b"gb2312", b"utf-16", b"utf-16le", b"shift_jis", b"x-junk"]))
    if draw(st.booleans()) and _CHARSET.search(body):
        return _CHARSET.sub(b"charset=" + label, body)
    return _at_head(body, b'<meta charset="' + label + b'">')


@st.composite
def _reencoded(draw: st.DrawFn, body: bytes) -> bytes:
    # The declared charset (UTF-8 on most of these pages) is left as it was.
    encoding = draw(st.sampled_from(["latin-1", "cp1252"]))
    return body.decode("utf-8", "replace").encode(encoding, "replace")


_TITLE_OR_HEADLINE = re.compile(rb'<title[^>]*>|"headline":\s*"')
_CONTROL = st.binary(min_size=1, max_size=4).map(lambda b: bytes(c % 32 for c in b))


@st.composite
def _control_chars(draw: st.DrawFn, body: bytes) -> bytes:
    out = bytearray(body)
    for where, data in draw(st.lists(st.tuples(st.floats(0, 1), _CONTROL), min_size=1)):
        at = int(where * len(out))
        out[at:at] = data
    if draw(st.booleans()):  # and NULs through the title and the JSON-LD
        out = bytearray(_TITLE_OR_HEADLINE.sub(lambda m: m[0] + b"\x00\x01", out))
    return bytes(out)


@st.composite
def _huge_attribute(draw: st.DrawFn, body: bytes) -> bytes:
    size = draw(st.integers(10_000, 2_000_000))
    value = draw(st.sampled_from([b"a", b"x y ", b"&amp;", b"\xc3\xa9", b'"'])) * size
    value = value[:size]
    attribute = draw(st.sampled_from([b"class", b"content", b"href", b"data-x", b"datetime"]))
    where = draw(st.sampled_from(["tag", "meta"]))
    if where == "meta":
        name = draw(st.sampled_from([b"og:title", b"author", b"article:published_time"]))
        return _at_head(body, b'<meta property="' + name + b'" content="' + value + b'">')
    starts = _tag_starts(body)
    at = starts[draw(st.integers(0, len(starts) - 1))]
    name_end = re.compile(rb"[\s/>]").search(body, at + 1)
    cut = name_end.start() if name_end else len(body)
    return body[:cut] + b" " + attribute + b'="' + value + b'"' + body[cut:]


def _ld(text: bytes) -> bytes:
    return b'<script type="application/ld+json">' + text + b"</script>"


@st.composite
def _ld_garbage(draw: st.DrawFn, body: bytes) -> bytes:
    depth = draw(st.integers(1000, 200_000))
    text = draw(
        st.one_of(
            st.binary(max_size=200),
            st.just(b"[" * depth),
            st.just(b"[" * depth + b"]" * depth),
            st.just(b'{"a":' * depth + b"1" + b"}" * depth),
            st.just(b'{"@type": "NewsArticle", "author": ' + b"[" * depth),
            st.just(b"<![CDATA[" + b"{" * depth + b"]]>"),
            st.sampled_from([b"", b"null", b"1", b'"x"', b"true", b"{}", b"[]", b"}{"]),
        )
    )
    return _replace_or_add_ld(draw, body, text)


def _replace_or_add_ld(draw: st.DrawFn, body: bytes, text: bytes) -> bytes:
    """The page's first JSON-LD script replaced by ``text``, or ``text`` added as a new one."""
    if draw(st.booleans()) and _LD_SCRIPT.search(body):
        return _LD_SCRIPT.sub(lambda m: m[1] + text + m[3], body, count=1)
    return _at_head(body, _ld(text))


_JSON_SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
)
_JSON = st.recursive(
    _JSON_SCALAR,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=10,
)
_WRONG_TYPED = st.one_of(
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.none(),
    st.lists(_JSON, max_size=3),
    st.dictionaries(st.sampled_from(["a", "name", "@type", "@value", "url"]), _JSON, max_size=3),
    _JSON,
)
_LD_FIELDS = (
    "headline", "name", "alternativeHeadline", "description", "author", "creator", "editor",
    "datePublished", "dateModified", "dateCreated", "articleSection", "keywords", "inLanguage",
    "articleBody", "publisher", "url", "mainEntityOfPage", "image", "@type", "@graph", "@id",
)  # fmt: skip


@st.composite
def _ld_wrong_types(draw: st.DrawFn, body: bytes) -> bytes:
    article: dict[str, Any] = {"@context": "https://schema.org", "@type": "NewsArticle"}
    article |= draw(st.dictionaries(st.sampled_from(_LD_FIELDS), _WRONG_TYPED, min_size=1))
    text = json.dumps(article).encode()
    if draw(st.booleans()):
        text = json.dumps({"@graph": [article]}).encode()
    return _replace_or_add_ld(draw, body, text)


_ODD_DATES = st.sampled_from(
    ["0001-01-01T00:00:00", "9999-12-31T23:59:59+14:00", "2024-13-45", "", " ",
     "0000-00-00 00:00:00", "2024-02-30T25:61:61Z", "-0001-01-01", "1970-01-01T00:00:00-12:00",
     "2024-08-14T10:30:00+99:99", "99999999999999", "1e308", "2024-08-14T10:30:00.123456789Z",
     "Rabu, 45 Agustus 2024 | 99:99 WIB", "30 Februari 2024", "T", "Z"]
)  # fmt: skip


@st.composite
def _odd_dates(draw: st.DrawFn, body: bytes) -> bytes:
    published, modified = draw(_ODD_DATES), draw(_ODD_DATES)
    how = draw(st.sampled_from(["every", "ld", "meta"]))
    if how == "every":
        # Every ISO date on the page, in JSON-LD, metas, <time> and URLs alike.
        return _ISO_DATE.sub(published.encode(), body)
    if how == "ld":
        ld = {"@type": "NewsArticle", "datePublished": published, "dateModified": modified}
        return _replace_or_add_ld(draw, body, json.dumps(ld).encode())
    metas = (
        f'<meta property="article:published_time" content="{published}">'
        f'<meta property="article:modified_time" content="{modified}">'
        f'<time datetime="{published}">{modified}</time>'
    )
    return _at_head(body, metas.encode())


_ODD_URLS = st.sampled_from(
    ["http://[::1", "https://[x]/a", "http://a:99999/", "//[", "javascript:void(0)", " ",
     "https://www.kompas.com/read/2024/13/45/x", "http://exa mple.com/\u00fc", "#", "?page=0",
     "https://www.liputan6.com/read/99999999999999999999999/x", "\x00", "mailto:"]
)  # fmt: skip


@st.composite
def _odd_links(draw: st.DrawFn, body: bytes) -> bytes:
    # Where the page names itself and its next page, and the links of its text.
    url = draw(_ODD_URLS).encode()
    links = (
        b'<link rel="canonical" href="' + url + b'"><meta property="og:url" content="' + url
        + b'"><base href="' + url + b'"><link rel="next" href="' + url + b'">'
    )  # fmt: skip
    body = _at_head(body, links) if draw(st.booleans()) else body
    return body.replace(b'href="', b'href="' + url, draw(st.integers(0, 50)))


_EMPTY = st.sampled_from(
    [b"", b" ", b"\n\t", b"\x00", b"\xef\xbb\xbf", b"\xff\xfe", b"<html/>", b"<html></html>",
     b"<html><head></head><body></body></html>", b"<!DOCTYPE html>", b"<", b"<?xml?>"]
)  # fmt: skip


@st.composite
def _emptied(draw: st.DrawFn, body: bytes) -> bytes:
    return draw(_EMPTY)


MUTATIONS = {
    "truncated": _truncated,
    "byte_edits": _byte_edits,
    "closing_tags_removed": _closing_tags_removed,
    "duplicated": _duplicated,
    "deeply_nested": _deeply_nested,
    "wrong_charset": _wrong_charset,
    "reencoded": _reencoded,
    "control_chars": _control_chars,
    "huge_attribute": _huge_attribute,
    "ld_garbage": _ld_garbage,
    "ld_wrong_types": _ld_wrong_types,
    "odd_dates": _odd_dates,
    "odd_links": _odd_links,
    "emptied": _emptied,
}


@st.composite
def mutated(draw: st.DrawFn, body: bytes, name: str) -> bytes:
    """One to three mutations of ``body``, applied one after another.

    ``derandomize`` draws the same choices for every page: the mutations are listed from a
    point the page's ``name`` gives, so that the same choices pick other mutations.
    """
    order = sorted(MUTATIONS)
    start = zlib.crc32(name.encode()) % len(order)
    order = order[start:] + order[:start]
    names = draw(st.lists(st.sampled_from(order), min_size=1, max_size=3))
    for name in names:
        body = draw(MUTATIONS[name](body), label=name)
    return body


# -- the property -----------------------------------------------------------------------------


def check_outcome(result: Extraction) -> None:
    """A snapshot with a title and text, or a refusal with its reason: nothing in between."""
    if result.snapshot is None:
        assert result.error
        return
    assert result.error is None
    snapshot = result.snapshot
    assert snapshot.title.strip()
    assert snapshot.body.strip()
    for value in (snapshot.published_at, snapshot.modified_at):
        assert value is None or value.utcoffset() is not None
    # What `newscrawler extract` prints.
    json.dumps(snapshot_json(snapshot))


def extractions(body: bytes, url: str) -> list[Extraction]:
    """The page through the page object its URL picks and through the generic page."""
    sites: list[Site] = [site_for_url(url), GENERIC]
    return [
        extract_raw(response_from_file(body, url), fetched_at=FETCHED, site=site) for site in sites
    ]


def test_every_shared_page_has_a_url_of_its_site() -> None:
    """A page whose URL picked the generic page would not test its site's page object."""
    assert all(site_for_url(url) is not GENERIC for _, url in PAGES)


@pytest.mark.shared
@pytest.mark.parametrize(("relative", "url"), PAGES or [("missing", "https://example.org/")])
def test_mutated_page_gives_a_snapshot_or_a_refusal(
    shared_pages: Path, relative: str, url: str
) -> None:
    body = (shared_pages / relative).read_bytes()

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(mutated(body, relative))
    def check(page: bytes) -> None:
        for result in extractions(page, url):
            check_outcome(result)

    check()


# -- inputs that found bugs, kept as plain tests -----------------------------------------------

TEXT = "".join(
    f"<p>Paragraf {n}: hujan deras mengguyur Bandung pada Rabu pagi dan membanjiri jalan.</p>"
    for n in range(8)
)


def test_an_article_followed_by_a_thousand_open_divs_is_read() -> None:
    # The body walk recursed once per element level and raised RecursionError past Python's
    # 1,000 frames; lxml builds trees up to 2,048 deep (newscrawler/extraction/body.py now
    # walks on an explicit stack).
    page = f"<html><head><title>Hujan di Bandung</title></head><body>{TEXT}{'<div>' * 1000}"
    url = "https://news.example.org/2024/08/14/hujan-di-bandung"
    for result in extractions(page.encode(), url):
        check_outcome(result)
        assert result.snapshot is not None
        assert result.snapshot.title == "Hujan di Bandung"
        assert "Paragraf 7" in result.snapshot.body


@pytest.mark.shared
def test_a_feed_behind_thousands_of_open_divs_is_refused(shared_pages: Path) -> None:
    # What hypothesis found: the feed no longer starts the file, so it is read as HTML, and
    # the walk over the whole page went 2,047 elements deep.
    body = b"<div>" * 2500 + (shared_pages / "antara/anpandu_antara-mainpage.html").read_bytes()
    for result in extractions(body, "https://www.antaranews.com/"):
        check_outcome(result)
        assert result.snapshot is None


@pytest.mark.parametrize("href", ["http://[::1", "https://[x]/a"])
def test_a_canonical_link_that_is_no_url_is_passed_over(href: str) -> None:
    # urljoin raised ValueError on a host urlsplit refuses; the page's og:url is next in line
    # (newscrawler/pages/base.py).
    page = (
        "<html><head><title>Hujan di Bandung</title>"
        f'<link rel="canonical" href="{href}">'
        '<meta property="og:url" content="https://news.example.org/2024/08/14/hujan">'
        f"</head><body><article>{TEXT}</article></body></html>"
    )
    url = "https://news.example.org/2024/08/14/hujan-di-bandung"
    results = [
        *extractions(page.encode(), url),
        extract_raw(response_from_file(page.encode(), url)),
    ]
    for result in results:
        check_outcome(result)
        assert result.snapshot is not None
        assert result.snapshot.canonical_url == "https://news.example.org/2024/08/14/hujan"


def test_a_link_that_is_no_url_is_no_page_of_the_article() -> None:
    # urljoin raised ValueError while the links were read for the article's next pages
    # (newscrawler/extraction/pagination.py).
    url = "https://news.example.org/2024/08/14/hujan-di-bandung"
    page = (
        "<html><head><title>Hujan di Bandung</title></head><body><article>"
        f'{TEXT}<a href="http://[::1/2024/08/14/hujan-di-bandung?page=2">2</a>'
        "</article></body></html>"
    )
    for result in extractions(page.encode(), url):
        check_outcome(result)
        assert result.snapshot is not None
        assert "continues" not in result.snapshot.notes
