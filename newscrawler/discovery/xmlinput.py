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
from collections import deque
from collections.abc import Callable, Iterable
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
# A CDATA section, also one left open by a truncated download.
_CDATA = re.compile(r"(<!\[CDATA\[.*?(?:\]\]>|\Z))", re.DOTALL)

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
    """Make every ``&`` outside CDATA a reference XML understands.

    ``&nbsp;`` becomes ``&#160;``, an unknown ``&foo;`` and a bare ``&`` become ``&amp;…``.
    CDATA sections are left alone: ``&`` is literal there, and a CDATA title such as
    ``<![CDATA[Rupiah & IHSG]]>`` must keep its one ampersand.
    """
    parts = _CDATA.split(text)
    # re.split with one group: even indexes are outside CDATA, odd ones are the sections.
    parts[::2] = [_repair_outside_cdata(part) for part in parts[::2]]
    return "".join(parts)


def _repair_outside_cdata(text: str) -> str:
    text = _BARE_AMPERSAND.sub("&amp;", text)

    def numeric(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in _XML_ENTITIES:
            return match.group(0)
        codepoint = name2codepoint.get(name)
        # An unknown name ("&foo;") is kept as visible text rather than dropped.
        return f"&#{codepoint};" if codepoint is not None else f"&amp;{name};"

    return _NAMED_ENTITY.sub(numeric, text)


def cut_to_complete_entries(text: str, roots: Iterable[str], entries: Iterable[str]) -> str:
    """A truncated document, cut back to its last complete entry.

    A download that stops mid-file ends inside an entry; the recovering parser would close
    it and hand back a half-written link (``https://berita.exam``). So when the root's end
    tag is missing, everything after the last ``</item>`` (or ``</url>``…) goes, and with no
    complete entry at all, everything from the first entry's start tag.
    """
    root = "|".join(map(re.escape, roots))
    entry = "|".join(map(re.escape, entries))
    if re.search(rf"</(?:[\w.-]+:)?(?:{root})\s*>", text):
        return text
    last_end = deque(re.finditer(rf"</(?:[\w.-]+:)?(?:{entry})\s*>", text), maxlen=1)
    if last_end:
        return text[: last_end[0].end()]
    first_start = re.search(rf"<(?:[\w.-]+:)?(?:{entry})[\s/>]", text)
    return text[: first_start.start()] if first_start else text


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


def parse_xml_text(
    text: str, *, before_recovery: Callable[[str], str] = lambda text: text
) -> etree._Element | None:
    """Parse text strictly first (exact), then repaired with libxml2's recovering parser.

    ``before_recovery`` is a last repair for the second attempt, e.g. cutting a truncated
    feed back to its last complete item. Returns None when even the recovering parser finds
    no element at all.
    """
    data = strip_leading_junk(text).encode("utf-8")
    if not data:
        return None
    try:
        return etree.fromstring(data, xml_parser(recover=False))
    except etree.XMLSyntaxError:
        pass
    repaired = before_recovery(repair_entities(strip_leading_junk(text))).encode("utf-8")
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
