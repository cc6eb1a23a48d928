"""Article links on listing pages: home pages, section fronts, daily ``indeks`` pages.

A listing links to far more than articles (tags, sections, social buttons, ads), so the
spider keeps only URLs matching its site's article pattern, e.g. Liputan6's ``/read/<id>/``.
"""

from __future__ import annotations

import re
from urllib.parse import urldefrag, urljoin, urlsplit

import lxml.html
from lxml import etree
from w3lib.encoding import html_to_unicode

__all__ = ["article_links"]

# Schemes that never lead to a page: "javascript:void(0)", "mailto:redaksi@...", "tel:021...".
_NOT_PAGES = ("javascript:", "mailto:", "tel:", "data:", "about:", "whatsapp:", "sms:")
# lxml refuses text that still declares its bytes' encoding (XHTML pages often do).
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# Browsers drop these inside URLs; templates leave them in long hrefs.
_URL_NOISE = re.compile(r"[\t\r\n]")


def article_links(html: str | bytes, base_url: str, pattern: str | re.Pattern[str]) -> list[str]:
    """Absolute URLs of ``<a href>`` links matching ``pattern`` (``re.search``), in page order.

    Links are resolved against the page's ``<base href>`` when it has one, else ``base_url``.
    Duplicates are compared and returned without their fragment: ``/read/1/x#comments`` and
    ``/read/1/x`` are one article, reported once as ``/read/1/x``. ``javascript:``,
    ``mailto:`` and other non-http(s) links are skipped before matching.
    """
    regex = re.compile(pattern) if isinstance(pattern, str) else pattern
    text = _XML_DECLARATION.sub("", _decode(html), count=1)
    if not text.strip():
        return []
    try:
        document = lxml.html.document_fromstring(text)
    except etree.ParserError:  # a page of nothing but comments or whitespace
        return []
    base = _base_href(document, base_url)
    links: list[str] = []
    seen: set[str] = set()
    for anchor in document.iter("a"):
        href = anchor.get("href")
        if href is None:
            continue
        href = _URL_NOISE.sub("", href).strip()
        if not href or href.lower().startswith(_NOT_PAGES):
            continue
        url, _fragment = urldefrag(urljoin(base, href))
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            continue
        if url in seen or regex.search(url) is None:
            continue
        seen.add(url)
        links.append(url)
    return links


def _decode(html: str | bytes) -> str:
    """Bytes as text, using the BOM or the page's ``<meta charset>``, else UTF-8."""
    if isinstance(html, str):
        return html
    _encoding, text = html_to_unicode(None, html)
    return text


def _base_href(document: lxml.html.HtmlElement, base_url: str) -> str:
    for base in document.iter("base"):
        href = base.get("href")
        if href and href.strip():
            return urljoin(base_url, href.strip())
    return base_url
