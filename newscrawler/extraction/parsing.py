"""A response's parsed tree, read from its bytes where the page says they are UTF-8.

Scrapy's ``response.selector`` decodes the whole body to ``str`` (``response.text``), and
parsel then encodes that string back to UTF-8 bytes for lxml: two copies of a 200 KB page,
which cost a fifth of the parse itself. Where the response declares UTF-8 (its
``Content-Type``, a byte order mark or a ``<meta charset>``), as nine pages in ten do, lxml
reads the bytes as they came; where lxml finds they are not UTF-8 after all, Scrapy's own
way parses them decoded with replacement characters, as ``response.text`` gives them.

The selector becomes the response's own, so a spider's ``response.css(...)`` and ``scrapy
shell`` read the same tree the page object read, and the tree goes when the response does,
or earlier: a crawl releases it (:func:`release_tree`) as soon as the article is extracted.
"""

from __future__ import annotations

import codecs
import weakref

import lxml.html
from lxml import etree
from scrapy.http import Response, TextResponse
from scrapy.selector import Selector
from scrapy.utils.response import get_base_url
from w3lib.html import get_base_url as base_url_in

from newscrawler.extraction.index import HTML_CLASSES

_UTF8 = "utf-8"
# get_base_url reads the first 4,096 characters of the text; 4 bytes hold any character.
_BASE_PREFIX_CHARS = 4096
_BASE_PREFIX_BYTES = 4 * _BASE_PREFIX_CHARS + 4


def _is_utf8(response: TextResponse) -> bool:
    return codecs.lookup(response.encoding).name == _UTF8


# What lxml reports when the bytes are not the UTF-8 they claim to be (parsel's own test).
_ENCODING_ERRORS = frozenset(
    {etree.ErrorTypes.ERR_INVALID_CHAR, etree.ErrorTypes.ERR_INVALID_ENCODING}
)


def selector_of(response: TextResponse) -> Selector:
    """The response's selector, parsed from the bytes when they are UTF-8.

    ``response.encoding`` reads the declared encoding from the header and the first few KB;
    only a page that declares none is decoded whole to tell (as ``response.selector`` would).
    """
    # Scrapy keeps the selector and the decoded text in these two attributes (TextResponse);
    # tests/test_pages_parsing.py fails if either changes.
    cached = response._cached_selector
    if cached is not None:
        return cached
    if not _is_utf8(response):
        return response.selector
    root = parse_utf8(response.body, base_url_of(response))
    if root is None:
        return response.selector
    # No link back from the selector (Scrapy's own sets ``selector.response``): with one,
    # response and selector hold each other, and every page's tree waited for the cyclic
    # GC, a few hundred freed at once in each full collection (150 ms each in a crawl).
    selector = Selector(root=root, type="html")
    response._cached_selector = selector
    return selector


def release_tree(response: Response) -> None:
    """Let go of the response's parsed tree and decoded text (each rebuilt if asked again).

    A crawl's response outlives its extraction: Scrapy keeps it until everything the
    callback yielded has been through the item pipelines, which at 32 concurrent requests
    is 15 to 45 responses at a time. Each page's tree is about 0.7 MB (a 130 KB page), and
    holding them made a crawl's peak memory rise by 20 to 30 MB, by as much as the timing
    of those responses happened to vary.
    """
    if isinstance(response, TextResponse):
        response._cached_selector = None
        response._cached_ubody = None


def parse_utf8(body: bytes, base_url: str) -> etree._Element | None:
    """The tree of UTF-8 ``body`` as parsel's parse of the decoded text gives it, or None
    when the bytes are not UTF-8 after all.

    Like parsel's: NUL bytes dropped, surrounding whitespace stripped, ``huge_tree``.
    Unlike it: the parser keeps no table of ``id`` attributes (only XPath's ``id()`` reads
    it, and a table of a page's ids costs a twentieth of the parse), and the elements'
    classes are chosen inside lxml (:func:`newscrawler.extraction.index.faster_element_classes`).
    """
    if b"\x00" in body:
        body = body.replace(b"\x00", b"")
    if body[:1].isspace() or body[-1:].isspace():
        body = body.strip()
    parser = lxml.html.HTMLParser(recover=True, encoding=_UTF8, huge_tree=True, collect_ids=False)
    parser.set_element_class_lookup(HTML_CLASSES)
    try:
        root = etree.fromstring(body or b"<html/>", parser=parser, base_url=base_url)
    except etree.XMLSyntaxError:
        root = None
    if root is None or any(error.type in _ENCODING_ERRORS for error in parser.error_log):
        return None
    return root


_BASE_URLS: weakref.WeakKeyDictionary[TextResponse, str] = weakref.WeakKeyDictionary()


def base_url_of(response: TextResponse) -> str:
    """What ``scrapy.utils.response.get_base_url`` gives (the ``<base href>`` of the first
    4,096 characters joined with the URL), without decoding more of a UTF-8 body than that.

    ``response.urljoin`` decodes the whole body to read those 4,096 characters.
    """
    found = _BASE_URLS.get(response)
    if found is not None:
        return found
    if response._cached_ubody is not None or not _is_utf8(response):
        # Decoded already, or not UTF-8: Scrapy's way costs no more.
        found = get_base_url(response)
    else:
        body = response.body
        if body.startswith(codecs.BOM_UTF8):  # response.text leaves the BOM out
            body = body[len(codecs.BOM_UTF8) :]
        head = body[:_BASE_PREFIX_BYTES].decode(_UTF8, "replace")[:_BASE_PREFIX_CHARS]
        found = base_url_in(head, response.url, _UTF8)
    _BASE_URLS[response] = found
    return found
