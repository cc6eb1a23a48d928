"""Turning the bytes a server sent into something an XML parser accepts.

Feeds and sitemaps in the wild are often not the XML they claim to be: a blank line before
``<?xml`` (a template's leading newline, which makes the declaration illegal), a UTF-8 body
that declares ``iso-8859-1`` (or the reverse), HTML entities such as ``&nbsp;`` that XML does
not define, and bare ``&`` in query strings. These pure functions repair such input before
it reaches lxml, so the parsers can stay small.
"""

from __future__ import annotations

import codecs
import re
from html.entities import name2codepoint

from lxml import etree

# Anything before the first "<" of a document: BOMs decoded as text, whitespace, stray junk.
_LEADING_JUNK = re.compile(r"^[^<]*")
_DECLARED_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
# An entity reference XML defines by itself (the five predefined ones and character refs).
_XML_ENTITIES = {"amp", "lt", "gt", "quot", "apos"}
# "&" that starts no reference at all, e.g. "?id=1&page=2" in a <link>.
_BARE_AMPERSAND = re.compile(r"&(?!#\d+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")
_NAMED_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]*);")

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode_xml(body: bytes | str) -> str:
    """The document as text, trusting the bytes over what the document declares.

    Order: a byte-order mark wins; then UTF-8 if the bytes are valid UTF-8 (a declared
    ``iso-8859-1`` on a UTF-8 body is the common lie, and real Latin-1 text with accents is
    almost never valid UTF-8); then the declared encoding; then windows-1252, which maps
    every byte, so decoding never fails.
    """
    if isinstance(body, str):
        return body.lstrip("\ufeff")
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(encoding, errors="replace")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _DECLARED_ENCODING.match(body)
    if declared:
        try:
            return body.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    return body.decode("cp1252", errors="replace")


def strip_leading_junk(text: str) -> str:
    """Drop whatever precedes the first ``<``: whitespace before ``<?xml`` is a fatal error."""
    return _LEADING_JUNK.sub("", text, count=1)


def repair_entities(text: str) -> str:
    """Make every ``&`` a reference XML understands.

    ``&nbsp;`` becomes ``&#160;`` and a bare ``&`` becomes ``&amp;``. Inside CDATA this turns
    literal text into a reference spelling; the fields that may hold CDATA are HTML or are
    unescaped by the caller, so the meaning is unchanged.
    """
    text = _BARE_AMPERSAND.sub("&amp;", text)

    def numeric(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in _XML_ENTITIES:
            return match.group(0)
        codepoint = name2codepoint.get(name)
        # An unknown name ("&foo;") is kept as visible text rather than dropped.
        return f"&#{codepoint};" if codepoint is not None else f"&amp;{name};"

    return _NAMED_ENTITY.sub(numeric, text)


def xml_parser(*, recover: bool) -> etree.XMLParser:
    """A parser that never touches the network or expands external entities (XXE-safe)."""
    return etree.XMLParser(
        encoding="utf-8",
        recover=recover,
        resolve_entities=False,
        no_network=True,
        huge_tree=True,
        remove_pis=True,
        remove_comments=True,
    )


def parse_xml_text(text: str) -> etree._Element | None:
    """Parse repaired text: strictly first (exact), then with libxml2's recovering parser.

    Returns None when even the recovering parser finds no element at all.
    """
    data = strip_leading_junk(text).encode("utf-8")
    if not data:
        return None
    try:
        return etree.fromstring(data, xml_parser(recover=False))
    except etree.XMLSyntaxError:
        pass
    repaired = repair_entities(strip_leading_junk(text)).encode("utf-8")
    try:
        root = etree.fromstring(repaired, xml_parser(recover=True))
    except etree.XMLSyntaxError:
        return None
    return root


def local_name(element: etree._Element) -> str:
    """``{http://www.w3.org/2005/Atom}entry`` -> ``entry``; comments and PIs -> ``""``."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].split(":")[-1]
