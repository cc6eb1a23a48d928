"""RSS and Atom feeds: bytes in, one ``FeedEntry`` per item out.

One reader serves RSS 0.91/2.0, RSS 1.0 (RDF) and Atom because the formats differ only in
element names, which are matched by local name, ignoring namespaces and prefixes. Real feeds
break the rules in ways ``xmlinput`` repairs (BOMs, leading blank lines, wrong declared
encodings, HTML entities); a feed saved or served inside an HTML page is found by its root tag.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from lxml import etree

from newscrawler.discovery.xmlinput import (
    cut_to_complete_entries,
    decode_xml,
    local_name,
    parse_xml_text,
)

__all__ = ["FeedEntry", "looks_like_feed", "parse_feed"]

_FEED_ROOTS = {"rss", "feed", "RDF", "rdf"}
_ENTRY_TAGS = {"item", "entry"}
# Where a feed starts inside a larger document: <rss ...>, <feed ...> (Atom) or <rdf:RDF ...>.
_FEED_START = re.compile(r"<(?:rss|feed|(?:[A-Za-z_][\w.-]*:)?RDF)[\s>]")
# Element names that carry an entry's date, in order of preference. Atom's "published" is
# the first publication; "updated" only stands in when nothing better exists.
_DATE_TAGS = ("pubDate", "date", "published", "issued", "updated", "modified")
_SUMMARY_TAGS = ("description", "summary", "encoded", "content")
_URL_NOISE = re.compile(r"[\t\r\n]")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One item of a feed, with strings as the feed has them (only trimmed and unescaped)."""

    url: str
    title: str | None
    published: str | None
    guid: str | None
    summary: str | None
    tags: tuple[str, ...] = ()


def looks_like_feed(body: bytes | str) -> bool:
    """Whether the body is an RSS/Atom/RDF feed, judged from its first few kilobytes.

    Content types lie (feeds come as ``text/html``, HTML comes as ``application/rss+xml``),
    so the spider asks the body. A feed root near the top counts even when an HTML wrapper
    precedes it; an HTML page that merely links to its feed does not, because
    ``<link rel="alternate" type="application/rss+xml">`` never contains ``<rss``.
    """
    head = body[:4096]
    text = head.decode("utf-8", errors="replace") if isinstance(head, bytes) else head
    return _FEED_START.search(text) is not None


def parse_feed(body: bytes | str, base_url: str = "") -> list[FeedEntry]:
    """The entries of an RSS 0.91/1.0/2.0 or Atom feed, in feed order.

    Never raises on bad input: empty bytes, random bytes or an HTML page give ``[]``.
    An entry's URL is, in order:

    1. the text of ``<link>`` (RSS);
    2. the ``<guid>`` unless it says ``isPermaLink="false"`` (RSS 2.0 permalinks);
    3. ``<link href>`` with ``rel="alternate"`` or no ``rel`` (Atom);

    made absolute against ``base_url`` (or, when that is empty, the feed's own link).
    Entries without an http(s) URL are left out: there is nothing to crawl.
    """
    text = decode_xml(body)
    root = _feed_root(text)
    if root is None:
        return []
    base = base_url or _feed_link(root)
    entries = []
    for element in _entry_elements(root):
        entry = _entry(element, base)
        if entry is not None:
            entries.append(entry)
    return entries


def _feed_root(text: str) -> etree._Element | None:
    """The feed's root element, also when the feed sits inside an HTML page."""
    root = _parse(text)
    if root is not None and local_name(root) in _FEED_ROOTS:
        return root
    start = _FEED_START.search(text)
    if start is None:
        return None
    root = _parse(text[start.start() :])
    if root is not None and local_name(root) in _FEED_ROOTS:
        return root
    return None


def _parse(text: str) -> etree._Element | None:
    return parse_xml_text(
        text,
        before_recovery=lambda broken: cut_to_complete_entries(
            broken, ("rss", "feed", "RDF"), _ENTRY_TAGS
        ),
    )


def _entry_elements(root: etree._Element) -> list[etree._Element]:
    """``<item>`` and ``<entry>`` elements, not counting ones nested inside another entry."""
    found = []
    for element in root.iter():
        if local_name(element) not in _ENTRY_TAGS:
            continue
        parent = element.getparent()
        if parent is not None and local_name(parent) in _ENTRY_TAGS:
            continue
        found.append(element)
    return found


def _feed_link(root: etree._Element) -> str:
    """The site URL the feed names for itself, used to resolve relative entry links.

    RSS says it in ``<channel><link>`` text; Atom in ``<link rel="alternate" href>``. A
    ``rel="self"`` link names the feed file, not the site, and is not used.
    """
    for element in root.iter():
        name = local_name(element)
        if name in _ENTRY_TAGS:
            break
        if name != "link":
            continue
        if element.text and element.text.strip():
            href = element.text
        elif (element.get("rel") or "alternate").strip().lower() == "alternate":
            href = element.get("href") or ""
        else:
            continue
        href = _clean_url(href)
        if href.startswith(("http://", "https://")):
            return href
    return ""


def _entry(element: etree._Element, base: str) -> FeedEntry | None:
    children = _children_by_name(element)
    url = _entry_url(children, base)
    if url is None:
        return None
    guid = _first_text(children, ("guid", "id"))
    if guid is None:
        # RDF items name themselves: <item rdf:about="http://...">
        about = next((v for k, v in element.attrib.items() if k.endswith("about")), None)
        guid = about.strip() if about and about.strip() else None
    return FeedEntry(
        url=url,
        title=_title(children),
        published=_first_text(children, _DATE_TAGS),
        guid=guid,
        summary=_summary(children),
        tags=_tags(children),
    )


def _children_by_name(element: etree._Element) -> dict[str, list[etree._Element]]:
    children: dict[str, list[etree._Element]] = {}
    for child in element:
        name = local_name(child)
        if name:
            children.setdefault(name, []).append(child)
    return children


def _entry_url(children: dict[str, list[etree._Element]], base: str) -> str | None:
    candidates: list[str] = [link.text for link in children.get("link", []) if link.text]
    for guid in children.get("guid", []):
        if guid.get("isPermaLink", "true").strip().lower() != "false" and guid.text:
            candidates.append(guid.text)
    for link in children.get("link", []):
        rel = (link.get("rel") or "alternate").strip().lower()
        if rel == "alternate" and link.get("href"):
            candidates.append(link.get("href", ""))
    for candidate in candidates:
        url = urljoin(base, _clean_url(candidate))
        if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc:
            return url
    return None


def _clean_url(raw: str) -> str:
    """Trim, decode entities (``&amp;`` left by double escaping), drop tabs and newlines.

    Browsers drop tabs and newlines inside URLs too; feeds wrap long links across lines.
    """
    return _URL_NOISE.sub("", html.unescape(raw.strip()))


def _text(element: etree._Element) -> str:
    """Text of an element; markup inside it (Atom ``type="xhtml"``) is kept as markup."""
    if len(element) == 0:
        return element.text or ""
    inner = [element.text or ""]
    inner += [etree.tostring(child, encoding="unicode", with_tail=True) for child in element]
    return "".join(inner)


def _first_text(children: dict[str, list[etree._Element]], names: tuple[str, ...]) -> str | None:
    for name in names:
        for child in children.get(name, []):
            value = _text(child).strip()
            if value:
                return value
    return None


def _title(children: dict[str, list[etree._Element]]) -> str | None:
    """Title as plain text: Atom ``type="xhtml"`` markup dropped, double escaping undone.

    ``&amp;#039;`` in the XML (escaped twice by the CMS) reads ``&#039;`` once parsed; one
    more unescape gives the apostrophe the editor typed. Runs of whitespace (CDATA sections
    indented across lines) collapse to one space.
    """
    for title in children.get("title", []):
        text = _SPACES.sub(" ", html.unescape("".join(title.itertext()))).strip()
        if text:
            return text
    return None


def _summary(children: dict[str, list[etree._Element]]) -> str | None:
    return _first_text(children, _SUMMARY_TAGS)


def _tags(children: dict[str, list[etree._Element]]) -> tuple[str, ...]:
    """``<category>`` text (RSS), ``term`` (Atom) and ``dc:subject``, first occurrence kept."""
    tags: list[str] = []
    for element in children.get("category", []) + children.get("subject", []):
        value = (element.text or element.get("term") or element.get("label") or "").strip()
        value = html.unescape(value)
        if value and value not in tags:
            tags.append(value)
    return tuple(tags)
