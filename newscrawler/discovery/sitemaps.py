"""XML sitemaps, Google News sitemaps, sitemap indexes and robots.txt ``Sitemap:`` lines.

Scrapy's own sitemap reader keeps only ``loc`` and drops ``<news:news>``; the news fields
(title, publication date, keywords) let a spider triage and date-check URLs before fetching
them, so we read sitemaps ourselves. Files can be large (50,000 URLs, 50 MB by the protocol,
more in practice), so they are streamed with ``iterparse`` and each ``<url>`` is discarded
once read.
"""

from __future__ import annotations

import io
import re
import zlib
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urljoin

from lxml import etree

from newscrawler.discovery.xmlinput import (
    cut_to_complete_entries,
    decode_xml,
    local_name,
    repair_entities,
    strip_leading_junk,
)

__all__ = ["Sitemap", "SitemapEntry", "SitemapError", "parse_sitemap", "sitemaps_from_robots"]

# Far above the protocol's 50 MB; a gzip bomb stops here instead of eating the memory.
MAX_SITEMAP_SIZE = 200 * 1024 * 1024
_GZIP_MAGIC = b"\x1f\x8b"
_ROOTS = {"urlset": "url", "sitemapindex": "sitemap"}
_ROBOTS_SITEMAP = re.compile(r"^\s*sitemap\s*:\s*(\S+)", re.IGNORECASE)


class SitemapError(ValueError):
    """The body is not a sitemap at all (an HTML error page, a feed, nothing, noise)."""


@dataclass(frozen=True, slots=True)
class SitemapEntry:
    """One ``<url>`` of a urlset or one ``<sitemap>`` of an index, strings as written."""

    loc: str
    lastmod: str | None = None
    news_title: str | None = None
    news_publication_date: str | None = None
    news_keywords: tuple[str, ...] = ()
    news_language: str | None = None
    news_publication_name: str | None = None


@dataclass(frozen=True, slots=True)
class Sitemap:
    """A parsed sitemap: a ``urlset`` of pages or a ``sitemapindex`` of child sitemaps."""

    kind: Literal["urlset", "sitemapindex"]
    entries: list[SitemapEntry] = field(default_factory=list)


def parse_sitemap(body: bytes, *, max_size: int = MAX_SITEMAP_SIZE) -> Sitemap:
    """Entries of a sitemap or sitemap index, gzip-compressed or not, in file order.

    Namespaces are matched by local name, so ``<urlset>``, ``<ns0:urlset>`` and a sitemap
    without ``xmlns`` all work. A body that is not XML is tried as a plain-text sitemap (one
    URL per line, which the protocol allows). A truncated file yields the entries that were
    complete before the cut; the half-written last one is dropped rather than guessed.

    Raises SitemapError when the body is empty, larger than ``max_size`` once decompressed,
    or anything but a sitemap (e.g. an HTML error page served with status 200).
    """
    data = _decompress(body, max_size)
    if not data.strip():
        raise SitemapError("empty sitemap body")
    try:
        return _parse(_strip_leading_whitespace(data))
    except etree.XMLSyntaxError:
        pass
    text = decode_xml(data)
    repaired = cut_to_complete_entries(
        repair_entities(strip_leading_junk(text)), _ROOTS, _ROOTS.values()
    )
    try:
        return _parse(repaired.encode("utf-8"), recover=True)
    except (etree.XMLSyntaxError, SitemapError) as error:
        plain = _plain_text_sitemap(text)
        if plain is not None:
            return plain
        if isinstance(error, SitemapError):
            raise
        raise SitemapError(f"not a sitemap: not XML ({error})") from error


def sitemaps_from_robots(robots_txt: str, base_url: str) -> list[str]:
    """Sitemap URLs named in robots.txt, absolute, in file order, without duplicates.

    The directive is case-insensitive and may appear anywhere, outside any user-agent group
    (``Sitemap: https://www.liputan6.com/sitemap.xml``); relative ones are resolved against
    ``base_url``, the robots.txt URL.
    """
    found: list[str] = []
    for line in robots_txt.lstrip("\ufeff").splitlines():
        match = _ROBOTS_SITEMAP.match(line.split("#", 1)[0])
        if match is None:
            continue
        url = urljoin(base_url, match.group(1))
        if url.startswith(("http://", "https://")) and url not in found:
            found.append(url)
    return found


def _strip_leading_whitespace(data: bytes) -> bytes:
    """Whitespace before ``<?xml`` is fatal to a strict parser; a UTF-8 BOM is not."""
    return data.lstrip(b" \t\r\n")


def _decompress(body: bytes, max_size: int) -> bytes:
    """Undo gzip (also twice: a ``.xml.gz`` served with ``Content-Encoding: gzip`` again).

    A truncated gzip stream gives what could be decompressed; the XML reader then treats
    it as a truncated sitemap.
    """
    data = body
    for _ in range(2):
        if not data.startswith(_GZIP_MAGIC):
            break
        inflater = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
        try:
            data = inflater.decompress(data, max_size + 1)
        except zlib.error as error:
            raise SitemapError(f"broken gzip stream: {error}") from error
    if len(data) > max_size:
        raise SitemapError(f"sitemap larger than {max_size} bytes")
    return data


def _parse(data: bytes, *, recover: bool = False) -> Sitemap:
    kind = _root_kind(data, recover=recover)
    entries: list[SitemapEntry] = []
    # "{*}url" matches <url> in any namespace or none; only the entries reach Python, which
    # keeps the loop to one step per URL instead of one per element.
    for _event, element in etree.iterparse(
        io.BytesIO(data), events=("end",), tag=f"{{*}}{_ROOTS[kind]}", **_options(recover)
    ):
        parent = element.getparent()
        if parent is None or parent.getparent() is not None:
            continue  # not a direct child of the root
        entry = _entry(element)
        if entry is not None:
            entries.append(entry)
        # Free what was read: the element and the siblings before it.
        element.clear(keep_tail=False)
        while element.getprevious() is not None:
            del parent[0]
    return Sitemap(kind=kind, entries=entries)


def _root_kind(data: bytes, *, recover: bool) -> Literal["urlset", "sitemapindex"]:
    """Look at the root element only, so an HTML page is refused before it is read."""
    for _event, element in etree.iterparse(
        io.BytesIO(data), events=("start",), **_options(recover)
    ):
        name = local_name(element)
        if name == "urlset":
            return "urlset"
        if name == "sitemapindex":
            return "sitemapindex"
        raise SitemapError(
            f"not a sitemap: the root element is <{name}>, expected <urlset> or <sitemapindex>"
        )
    raise SitemapError("not a sitemap: no XML element found")


def _options(recover: bool) -> dict[str, bool | str]:
    return {
        "recover": recover,
        "encoding": "utf-8",
        "huge_tree": True,
        "resolve_entities": False,
        "no_network": True,
        "remove_comments": True,
        "remove_pis": True,
    }


def _entry(element: etree._Element) -> SitemapEntry | None:
    loc = lastmod = None
    news: etree._Element | None = None
    for child in element:
        name = local_name(child)
        # Only direct children: <image:image><image:loc> is also called "loc".
        if name == "loc" and loc is None:
            loc = _stripped(child)
        elif name == "lastmod" and lastmod is None:
            lastmod = _stripped(child)
        elif name == "news" and news is None:
            news = child
    if not loc:
        return None
    if news is None:
        return SitemapEntry(loc=loc, lastmod=lastmod)
    fields: dict[str, etree._Element] = {}
    for child in news.iter():
        if child is not news:
            fields.setdefault(local_name(child), child)  # the first one wins, like <loc>
    keywords = _stripped(fields["keywords"]) if "keywords" in fields else None
    return SitemapEntry(
        loc=loc,
        lastmod=lastmod,
        news_title=_field(fields, "title"),
        news_publication_date=_field(fields, "publication_date"),
        news_keywords=tuple(k.strip() for k in (keywords or "").split(",") if k.strip()),
        news_language=_field(fields, "language"),
        news_publication_name=_field(fields, "name"),
    )


def _field(fields: dict[str, etree._Element], name: str) -> str | None:
    return _stripped(fields[name]) if name in fields else None


def _stripped(element: etree._Element) -> str | None:
    text = element.text if len(element) == 0 else "".join(element.itertext())
    return (text or "").strip() or None


def _plain_text_sitemap(text: str) -> Sitemap | None:
    """A text sitemap: nothing but absolute URLs, one per line."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines or not all(line.startswith(("http://", "https://")) for line in lines):
        return None
    if any(" " in line or "<" in line for line in lines):
        return None
    return Sitemap(kind="urlset", entries=[SitemapEntry(loc=line) for line in lines])
