"""Is a fetched page whole? The signs of a download cut short that the page itself shows.

A response of unknown length (no Content-Length: the server just closes the connection) that
stops early reaches the spider as a normal 200; Scrapy cannot tell. The markup can:

1. no ``</body>`` or ``</html>`` anywhere: the end of the page never came. Many valid pages
   omit both, so on its own this counts only against the article's stored revision
   (``archive.decide.incomplete_reason``), never on a first fetch;
2. the markup stops inside a tag (``<p cla``) or inside text (``... pada Min``) rather than
   after a ``>``: pages that omit the closing tags still end on one;
3. the article's last paragraph stops mid-sentence (no ``.``, ``!``, ``?``, closing quote or
   bracket).

2 and 3 together are a clear truncation, judged on any fetch (:func:`cut_short`): the spider
records the visit as ``incomplete`` and stores nothing. 1 and 2 alone travel with the article
to the archive as ``fetch.extraction["page_end"]`` (:attr:`PageEnd.sign`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CLOSING = re.compile(rb"</(?:body|html)\s*>", re.IGNORECASE)
# What a finished sentence or paragraph ends with: ". ! ? …", closing quotes and brackets,
# and the "(*)" or "***" some newsrooms end an article with.
_SENTENCE_END = re.compile(r"""[.!?…"'”’»)\]*]\s*$""")
SHOWN_TAIL = 40  # characters of a cut paragraph quoted in the fetch log


@dataclass(frozen=True, slots=True)
class PageEnd:
    """How a page's markup ends: ``closed`` (a ``</body>`` or ``</html>`` came), and where
    an unclosed one stopped: ``"a tag"``, ``"text"``, or None (after a ``>``)."""

    closed: bool
    cut_inside: str | None = None

    @property
    def sign(self) -> str | None:
        """What the archive is told: None for a closed page."""
        if self.closed:
            return None
        if self.cut_inside is not None:
            return f"ends inside {self.cut_inside}"
        return "no closing tags"


def page_end(body: bytes) -> PageEnd:
    """How ``body`` (a page's raw markup) ends.

    >>> page_end(b"<html><body><p>Satu.</p></body></html>")
    PageEnd(closed=True, cut_inside=None)
    >>> page_end(b"<html><body><p>Satu.</p><div cla")
    PageEnd(closed=False, cut_inside='a tag')
    >>> page_end(b"<html><body><p>Satu dua tig")
    PageEnd(closed=False, cut_inside='text')
    >>> page_end(b"<html><body><p>Satu.</p><script>x()</script>\\n")
    PageEnd(closed=False, cut_inside=None)
    """
    if _CLOSING.search(body):
        return PageEnd(closed=True)
    tail = body.rstrip()
    if not tail or tail.endswith(b">"):
        return PageEnd(closed=False)
    inside = "a tag" if tail.rfind(b"<") > tail.rfind(b">") else "text"
    return PageEnd(closed=False, cut_inside=inside)


def ends_mid_sentence(paragraph: str) -> bool:
    """Whether a paragraph stops before its sentence does.

    >>> ends_mid_sentence("Banjir merendam Jakarta pada Min")
    True
    >>> ends_mid_sentence('"Kami siaga," kata dia.')
    False
    """
    text = paragraph.strip()
    return bool(text) and _SENTENCE_END.search(text) is None


def cut_short(end: PageEnd, body: list[str]) -> str | None:
    """Why a page with these paragraphs is clearly cut short (rule 2 and 3), or None.

    >>> cut_short(PageEnd(False, "text"), ["Satu.", "Banjir merendam Jakarta pada Min"])[:61]
    'cut short: the markup ends inside text, the text mid-sentence'
    """
    if end.cut_inside is None or not body or not ends_mid_sentence(body[-1]):
        return None
    last = " ".join(body[-1].split())
    return (
        f"cut short: the markup ends inside {end.cut_inside}, the text mid-sentence "
        f'("…{last[-SHOWN_TAIL:]}")'
    )
