"""Tags and keywords: what a page lists as the article's topics.

They arrive as lists, as one comma-joined meta string, or mixed with internal taxonomy
markers (Liputan6's JSON-LD keywords hold "Tekno:Telko" and "Editor:Iskandar" next to the
real topics). Tags are compared across revisions, so spelling variants of one tag count once.

Not every keywords field is a tag list. Some CMSs fill it with the description or the
headline ("Para tahanan itu dipindahkan ke lapas lain setelah kerusuhan"), some with the
headline cut into words ("Para, tahanan, itu, dipindahkan, ke, lapas"). Such a candidate
gives no tags at all, so the page's next source is used: an honest blank beats "itu".
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Collection, Iterable

from newscrawler.normalize.text import normalize_whitespace

__all__ = ["clean_tags", "without_junk"]

# Commas and semicolons join meta keywords; "#" joins visible tag lists ("# angeline # angeline
# dibunuh" on Suara, "TAG #Rizal Ramli #Dahlan Iskan" on Kompas).
_SPLIT = re.compile(r"\s*[,;]\s*|(?:^|\s+)#\s*")
# A list's own heading: "TAG", "Tags:", "Topik:", "Tag Terkait", and with a colon only (bare,
# they are topics too: Tribunnews's "benjamin bukit, news, metropolitan") "News:", "Berita:".
_HEADING_WORDS = (
    r"(?:tags?|topik|topics?|kata kunci|keywords?|labels?|(?:tag|topik) terkait|"
    r"related(?: topics| tags)?)"
)
_HEADING = re.compile(
    rf"^\s*(?:{_HEADING_WORDS}\s*(?::\s*|(?=#))|(?:news|berita)\s*:\s*)", re.IGNORECASE
)
# A heading left standing as an item of its own: "TAG", "Tag Terkait", or any "Label:".
_HEADING_ONLY = re.compile(rf"^(?:{_HEADING_WORDS}|[^\W\d_][\w ]{{0,20}}:)$", re.IGNORECASE)
# Liputan6's JSON-LD keywords: "Tekno:Telko", "Photo:Showbiz:Musik", "Editor:Arny Christika
# Putri". A colon without spaces, or a credit label, marks taxonomy rather than a topic.
_TAXONOMY = re.compile(
    r"^(?:[^\s:]+:[^\s:]|(?:editor|penulis|reporter|author|kanal|rubrik|section)\s*:)", re.I
)
_MAX_TAG = 80
# A candidate without separators is one tag; one of this many words is a sentence.
_SENTENCE_WORDS = 6
# Within a list, an item of this many words is the headline or a description, not a topic.
_PROSE_WORDS = 8
# Words that make up sentences but never a topic of their own (Indonesian, English): a list
# of single words holding several of them is a sentence cut at its spaces.
_FUNCTION_WORDS = frozenset(
    [
        "yang", "di", "ke", "dari", "dan", "itu", "ini", "para", "untuk", "dengan", "pada",
        "akan", "tak", "tidak", "ada", "sebagai", "oleh", "dalam", "atau", "juga", "bisa",
        "saat", "soal", "usai", "jelang", "kata", "lain", "setelah", "sebelum", "karena",
        "agar", "jadi", "masih", "sudah", "telah", "belum", "kini", "hingga", "sampai", "bagi",
        "tentang", "atas", "bawah", "bukan", "hanya", "lebih", "sang", "si",
        "the", "a", "an", "of", "to", "in", "on", "for", "and", "or", "is", "are", "was",
        "were", "be", "with", "at", "by", "from", "as", "its", "his", "her", "their", "this",
        "that", "these", "those", "after", "before", "not", "but",
    ]
)  # fmt: skip


def clean_tags(raw: Iterable[str]) -> list[str]:
    """Topic tags, split, trimmed, de-duplicated case-insensitively keeping the first spelling."""
    tags: list[str] = []
    seen: set[str] = set()
    items = 0
    prose_words = 0
    for value in raw:
        if not isinstance(value, str):
            continue
        text = html.unescape(value) if "&" in value else value
        text = _HEADING.sub("", unicodedata.normalize("NFC", text))
        parts = _split(text)
        for part in parts:
            # Stripping a normalized string leaves it normalized: " " is among the stripped.
            tag = _HEADING.sub("", normalize_whitespace(part).lstrip("#")).strip(" .\"'")
            if not tag or _TAXONOMY.match(tag) or _HEADING_ONLY.match(tag):
                continue
            items += 1
            words = tag.count(" ") + 1
            if words >= (_SENTENCE_WORDS if len(parts) == 1 else _PROSE_WORDS):
                prose_words += words
                continue
            if len(tag) > _MAX_TAG:
                continue
            key = tag.casefold()
            if key not in seen:
                seen.add(key)
                tags.append(tag)
    if _is_prose(tags, prose_words):
        return []
    return tags


def _is_prose(tags: list[str], prose_words: int) -> bool:
    """True when the candidate was a sentence or a description rather than a tag list.

    Either its sentences outweigh the tags beside them ("Kompas.com adalah portal berita
    terkini dan terpercaya di Indonesia, menyajikan berita politik, ekonomi"), or it is a
    sentence cut into single words: most items one word and several of them words such as
    "itu", "ke", "the" that no one tags an article with.
    """
    if prose_words and prose_words >= sum(tag.count(" ") + 1 for tag in tags):
        return True
    if len(tags) < 4:
        return False
    single = [tag.casefold() for tag in tags if " " not in tag]
    if len(single) * 4 < len(tags) * 3:
        return False
    function_words = sum(word in _FUNCTION_WORDS for word in single)
    return function_words >= 2 and function_words * 5 >= len(single)


def _split(text: str) -> list[str]:
    """``_SPLIT.split(text)`` up to spaces around the parts, which every caller trims.

    Without a "#" only the comma and semicolon split, and ``str.split`` finds them in a
    fraction of the time ``_SPLIT`` takes to try its leading spaces at every position:
    "a , b" gives ["a ", " b"] instead of ["a", "b"], the same tags once ``clean_tags``
    has normalized each part's whitespace, its first step.
    """
    if "#" in text:
        return _SPLIT.split(text)
    return text.replace(";", ",").split(",")


def without_junk(raw: str, junk: Collection[str]) -> str:
    """One tag string minus a site's own keywords (``junk``, lowercased), re-joined by commas.

    ANTARA ends every keywords meta with the same terms: "penerbangan batal, abu vulkanik,
    gunung rinjani, gunung batujari, berita terkini, berita Indonesia, berita online, portal
    Indonesia" -> "penerbangan batal, abu vulkanik, gunung rinjani, gunung batujari". The
    value is split as :func:`clean_tags` splits it; an empty result means nothing was left.
    """
    return ", ".join(tag for tag in clean_tags([raw]) if tag.casefold() not in junk)
