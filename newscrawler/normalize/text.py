"""Article body text: visible paragraphs in, clean article text out.

News pages mix furniture into the article column: "Baca Juga" link lists, video teasers,
"ADVERTISEMENT", share prompts, and after the closing marker "(*)" or "Tag Terkait" a run of
related, popular and latest headlines. Two edits of the same article that differ only in that
furniture must come out identical, or every refetch would look like a new revision.

The dateline ("Liputan6.com, Jakarta -", "JAKARTA, KOMPAS.com -", "Jakarta, CNN Indonesia --")
is article text and stays; it is also returned so the place can be shown. A closing credit
such as "(Ant)", "(mdk/ded)" or Media Indonesia's desk code "(H-4)" is the editors' mark, not
text: it is removed and returned separately.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["CleanBody", "clean_body", "normalize_whitespace"]

# Zero-width and direction marks vanish; every other kind of space becomes one space.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad]")


def normalize_whitespace(text: str) -> str:
    """NBSP, tabs, newlines -> one space; zero-width, LRM/RLM, soft hyphen -> nothing; trimmed.

    ``str.split()`` splits on what ``\\s`` matches in a str pattern (``str.isspace``), so the
    join is ``re.sub(r"\\s+", " ", text).strip()`` at a fraction of the cost. The marks are not
    ASCII, and ``isascii()`` reads a flag the string already carries: most metadata strings
    skip the search.

    Most strings are already clean (page objects collapse their text), and splitting a long
    paragraph into words only to join them again is the costliest step here, so that case is
    spotted first: ``isprintable()`` is False for every whitespace character but the ASCII
    space and for every mark above (they are Unicode "Separator" or "Other"), so a printable
    string without a double, leading or trailing space comes back as it is. Only an exact
    ``str`` does: lxml's text results are subclasses that hold their document alive.
    """
    if (
        text.isprintable()
        and "  " not in text
        and not text.startswith(" ")
        and not text.endswith(" ")
        and type(text) is str
    ):
        return text
    if not text.isascii():
        text = _INVISIBLE.sub("", text)
    return " ".join(text.split())


@dataclass(frozen=True)
class CleanBody:
    """Article text (paragraphs separated by one blank line), its dateline and closing credit."""

    text: str
    dateline: str | None
    credit: str | None
    # A reporter line that opened the text: "Laporan Wartawan Tribunnews.com, Wahyu Aji".
    byline: str | None = None


# Tribun's network opens articles with who reported them; it is a byline, not article text.
_REPORTER_LINE = re.compile(
    r"^Laporan\s+(?:Wartawan|Reporter|Koresponden|Kontributor)\b[^,]{0,60},\s*[^,.]{3,60}$",
    re.IGNORECASE,
)


# A paragraph that ends the article: everything from here on is page furniture.
_END_MARKERS = re.compile(
    r"^(?:\(\*\)|tag terkait|tags?\s*:?|topik(?: pilihan)?\s*:?|video pilihan hari ini|populer|"
    r"berita terkini selengkapnya|berita lainnya|ikuti perkembangan berita ini\b.*|"
    r"baca berita (?:lainnya|menarik lainnya)\b.*|komentar(?: pembaca)?|rate artikel ini|"
    r"news feed|copyright\b.{0,40}|©.{0,40}|"
    r"(?:simak|saksikan|tonton) (?:juga )?video pilihan (?:berikut|di bawah) ini\s*:?|"
    # Credit blocks that close an article: "Penulis : Nabilla Tashandra Editor : Bayu Galih"
    # (Kompas), "Editor: Ade Marboen" (Antara), "Sumber : Antara" (Republika).
    r"(?:penulis|editor|penyunting|pewarta|reporter|sumber)\s*(?::.{0,80})?)$",
    re.IGNORECASE,
)
# A paragraph that is furniture by itself; the article goes on after it.
_FURNITURE = re.compile(
    r"^(?:advertisement|scroll to (?:continue|resume) (?:with )?content|iklan|"
    r"simak video\b.*|saksikan video\b.*|tonton video\b.*|video\s*:.*|"
    r"lihat juga\b.*|baca juga\b.*|baca\s*:.*|"
    r"dapatkan update berita pilihan\b.*|ikuti\b.{0,80}\bdi google news\b.*|"
    r"cek berita dan artikel\b.{0,40}google news\b.*|"
    r"(?:\[gambas:.*\])|klik di sini\b.*|download aplikasi\b.*)$",
    re.IGNORECASE,
)
# Furniture a page runs into a paragraph: "ADVERTISEMENT SCROLL TO CONTINUE WITH CONTENT".
_INLINE_FURNITURE = re.compile(
    r"\s*(?:ADVERTISEMENT\s*)?SCROLL TO (?:CONTINUE|RESUME) (?:WITH )?CONTENT\s*|"
    r"\s*\bADVERTISEMENT\b\s*|"
    r"\s*\[Gambas:[^\]]*\]\s*"
)
# "Baca Juga" alone heads a list of related links, one short headline per paragraph.
_RELATED_HEADER = re.compile(
    r"^(?:baca juga|lihat juga|berita terkait|artikel terkait|jangan lewatkan)\s*[:!]*$", re.I
)
# The three kinds above in one pass, in the order clean_body asks (end marker, list header,
# furniture): the first alternative that matches names the kind. Every alternative opens with
# "©" or with one of the first and one of the second characters in the lookahead ("(*",
# "[g", "ta", "be", "ik", ...), so most paragraphs ("Menurut dia, ...", "Sementara itu")
# fail there instead of entering some forty alternatives one by one.
_PARAGRAPH_KIND = re.compile(
    r"(?=©|[(\[abcdeijklnprstv][*acdegikloru])"
    rf"(?:(?P<end>{_END_MARKERS.pattern})|(?P<header>{_RELATED_HEADER.pattern})"
    rf"|(?P<furniture>{_FURNITURE.pattern}))",
    re.IGNORECASE,
)
_HAS_LETTER = re.compile(r"[^\W\d_]")
# Related headlines end in a word, "!" or "?", rarely in a full stop or a closing quote.
_SENTENCE_END = re.compile(r"[.\"”'’:;)]$")
_MAX_RELATED = 12  # Kapanlagi lists ten under "JANGAN LEWATKAN!!!"
# Words a title-cased headline leaves in lower case: "... 40 Kota dengan 4G di Akhir 2016".
_SMALL_WORDS = frozenset(
    [
        "di", "ke", "dari", "dan", "yang", "untuk", "dengan", "atau", "pada", "dalam", "oleh",
        "bagi", "si", "sang", "para", "per", "pun", "vs", "ala", "tentang", "sebagai", "kepada",
        "daripada", "terhadap", "hingga", "sampai", "serta", "tetapi", "namun", "karena", "agar",
        "jika", "kalau", "bahwa", "sejak", "antara", "demi", "lewat", "tanpa", "seperti", "usai",
        "jelang", "buat", "jadi", "soal", "saat", "ini", "itu",
        "of", "the", "and", "to", "in", "for", "on", "at", "a", "an",
    ]
)  # fmt: skip
_WORD = re.compile(r"[^\W\d_][\w'’-]*")

# "(*)" closes Liputan6 articles, sometimes at the end of the last paragraph.
_TRAILING_END = re.compile(r"\s*\(\*\)\s*$")
# One piece of a closing credit: initials ("Ant", "mdk") or Media Indonesia's desk code, a
# letter or three, a hyphen and a number ("H-4", "N-2", "P-5").
_CREDIT_PART = r"(?:[A-Za-z]{2,6}|[A-Z]{1,3}-\d{1,2})"
# "(Ant)", "(Mvi/Ali)", "(mdk/ded)", "(sah/sah)", "(ant/mdk)": editors' initials; "(H-4)",
# "(Ant/P-5)": desk codes. Only after a sentence ends or alone, so "... Badan Pusat Statistik
# (BPS)" and "glucagon-like peptide 1 (GLP-1), a hormone" are left alone.
_CREDIT = re.compile(
    rf"(?:(?<=[.!?\"”’])\s*|^)\((?P<credit>{_CREDIT_PART}(?:\s*/\s*{_CREDIT_PART}){{0,3}})\)\s*$"
)
# Suara closes with the reporter's name: "... di Jalan Sedap Malam, Denpasar. (Luh Wayanti)".
_CREDIT_NAME = re.compile(r"(?<=[.!?\"”’])\s*\((?P<credit>[A-Z][a-z]+(?:\s[A-Z][a-z]+){1,2})\)\s*$")
_CAPS_CREDIT = re.compile(r"^[A-Z][A-Z'.]+(?: [A-Z][A-Z'.]+){0,3}$")
_CREDIT_WITH_SLASH = re.compile(
    rf"\s+\((?P<credit>{_CREDIT_PART}(?:\s*/\s*{_CREDIT_PART}){{1,3}})\)\s*$"
)

_DASH = r"\s*(?:-{1,2}|–|—)\s*"
_PLACE = r"[A-Z][A-Za-z.'’]*(?:\s+[A-Z][A-Za-z.'’]*){0,3}"
_OUTLET_WORDS = r"[A-Z][A-Za-z]*(?:\s+[A-Z][A-Za-z]*){1,2}"
# Datelines, longest shape first. The named group is what CleanBody.dateline returns.
_DATELINES = [
    # "REPUBLIKA.CO.ID, JAKARTA --", "TEMPO.CO, Jakarta -", "Liputan6.com, Jakarta -"
    re.compile(
        rf"^(?P<dateline>[A-Za-z][\w]*(?:\.[A-Za-z]+){{1,3}}(?:,\s*{_PLACE})?){_DASH}(?=\S)"
    ),
    # "JAKARTA, KOMPAS.com -", "BANDUNG, KOMPAS.com —", "Jakarta, Beritasatu.com -"
    re.compile(rf"^(?P<dateline>{_PLACE},\s*[A-Za-z]+(?:\.[A-Za-z]+){{1,3}}){_DASH}(?=\S)"),
    # An outlet named in words: "Jakarta, CNN Indonesia --", "Jakarta, CNBC Indonesia -",
    # "Jakarta, Kompas TV -". Each word capitalised, so "Colorado, and Oregon —" is prose; an
    # opening like "Ketua DPR, Puan Maharani - ..." would still be read as one (never seen).
    re.compile(rf"^(?P<dateline>{_PLACE},\s*{_OUTLET_WORDS}){_DASH}(?=\S)"),
    # "Jakarta (ANTARA) -", "Jakarta (ANTARA News) -"
    re.compile(
        rf"^(?P<dateline>{_PLACE}(?:,\s*{_PLACE})?\s*\((?:ANTARA|Antara)[\w .]{{0,20}}\))"
        rf"{_DASH}(?=\S)"
    ),
    # detik "Jakarta - ", Okezone "JAKARTA - ": a place of at most three words.
    re.compile(
        r"^(?P<dateline>[A-Z][A-Za-z.'’]*(?:\s+[A-Z][A-Za-z.'’]*){0,2})"
        rf"{_DASH}(?=\S)"
    ),
]
# A paragraph that is only a dateline: "Liputan6.com, Jakarta -", "Jakarta -".
_DATELINE_ALONE = re.compile(
    rf"^(?:[A-Za-z][\w]*(?:\.[A-Za-z]+){{1,3}}(?:,\s*{_PLACE})?|{_PLACE}"
    rf"(?:,\s*(?:{_OUTLET_WORDS}|[A-Za-z.]+))?(?:\s*\([A-Za-z .]+\))?){_DASH}$"
)
# The seed page lost the dash in its markup: "Liputan6.com, Jakarta Dalam rangka ...".
_DATELINE_NO_DASH = re.compile(
    r"^(?P<dateline>Liputan6\.com,\s*[A-Z][a-z]+(?:\s+(?:Selatan|Utara|Barat|Timur|Pusat|Tengah))?)\s"
)


def clean_body(paragraphs: Sequence[str]) -> CleanBody:
    """Visible paragraphs in page order -> article text, dateline and closing credit.

    1. whitespace collapsed, NFC, inline ads removed, empty paragraphs dropped;
    2. stop at an end marker ("(*)", "Tag Terkait", "POPULER", ...);
    3. drop furniture paragraphs and the related-link lists under a bare "Baca Juga";
    4. take the closing credit off the last paragraph; find the dateline in the first.

    The list under a bare "Baca Juga" is up to 12 short lines without a full stop. A
    subheading right after it looks the same in plain strings; the list ends early only where
    they differ: a sentence-case line ("Sentimen pasar masih rapuh") after title-cased
    headlines. A title-cased subheading there ("Layanan 4G") is lost with the list, so page
    objects should drop such lists in markup (the walker skips "baca-juga-collections",
    "box-related-news" and the like; BBC Indonesia names its list), where the list is a
    ``<ul>`` of links and the subheading an ``<h2>``.
    """
    kept: list[str] = []
    credit: str | None = None
    related_left = 0
    related_titled: bool | None = None  # whether the list's first headline was title-cased
    pending_dateline = ""
    byline: str | None = None
    cleaned = [_clean_paragraph(raw) for raw in paragraphs]
    for position, paragraph in enumerate(cleaned):
        if not paragraph:
            continue
        if not kept:
            if byline is None and _REPORTER_LINE.match(paragraph):
                byline = paragraph
                continue
            # Markup often sets the dateline apart: "<strong>Liputan6.com, Jakarta -</strong>".
            if not pending_dateline and _may_be_dateline_alone(paragraph):
                pending_dateline = paragraph
                continue
            if pending_dateline:
                paragraph = f"{pending_dateline} {paragraph}"
                pending_dateline = ""
        kind = _PARAGRAPH_KIND.match(paragraph)
        if kind is not None:
            kind_name = kind.lastgroup
            if kind_name == "end":
                # Before any text it is a photo credit or a label ("© Aaron Schwartz" over
                # the picture), not the end of an article that has not begun; so is one
                # under the headline with the prose still to come ("© 2002, 2003 Jamie
                # Zawinski" between an essay's title and its first paragraph).
                if not kept or (_opening(kept) and _prose_follows(cleaned, position)):
                    continue
                break
        else:
            kind_name = None
        if related_left:
            if _related_title(paragraph, related_titled):
                related_left -= 1
                if related_titled is None:
                    related_titled = _title_cased(paragraph)
                continue
            related_left = 0
        if kind_name is not None:
            if kind_name == "header":
                related_left, related_titled = _MAX_RELATED, None
            continue  # a list header or furniture
        # A paragraph that opens with a letter has one: the search is for "2024", "***".
        if not (paragraph[0].isalpha() or _HAS_LETTER.search(paragraph)):
            continue
        # The end marker and both credits close with ")": most paragraphs need no search.
        if paragraph.rstrip().endswith(")"):
            ended = _TRAILING_END.search(paragraph)
            if ended:
                paragraph = paragraph[: ended.start()]
                if paragraph:
                    kept.append(paragraph)
                break
            # Initials close the article: "... pungkas Nabil. (bgs/rul)" then "Baca Juga".
            closing = _CREDIT.search(paragraph) or _CREDIT_WITH_SLASH.search(paragraph)
            # Prose after it means the article goes on: "(nop)" in a code listing, a "(More)"
            # link (a related-links list after a real credit is short lines).
            if closing and not _prose_follows(cleaned, position):
                credit = _credit(closing)
                if rest := paragraph[: closing.start()].rstrip():
                    kept.append(rest)
                break
        kept.append(paragraph)

    if pending_dateline:
        kept.append(pending_dateline)
    # Tempo closes with the reporter's name in capitals: "DINI TEJA".
    if kept and credit is None and len(kept) > 1 and _CAPS_CREDIT.match(kept[-1]):
        credit = kept.pop()
    # The name sits in brackets at the very end: most last paragraphs need no search.
    if kept and credit is None and kept[-1].rstrip().endswith(")"):
        named = _CREDIT_NAME.search(kept[-1])
        if named:
            credit = _credit(named)
            kept[-1] = kept[-1][: named.start()].rstrip()
    dateline = _dateline(kept[0]) if kept else None
    return CleanBody(text="\n\n".join(kept), dateline=dateline, credit=credit, byline=byline)


# A paragraph this long, ending as a sentence does, is article text rather than furniture.
_PROSE_LENGTH = 200
_PROSE_END = re.compile(r"[.!?\"”’]$")


def _opening(kept: Sequence[str]) -> bool:
    """Whether the text kept so far is only a page's opening lines (a headline, a kicker, a
    byline), shorter together than one paragraph of prose."""
    return sum(map(len, kept)) < _PROSE_LENGTH


def _prose_follows(cleaned: Sequence[str], position: int) -> bool:
    """Whether any paragraph after ``position`` reads as article prose."""
    return any(
        len(later) >= _PROSE_LENGTH and _PROSE_END.search(later)
        for later in cleaned[position + 1 :]
    )


def _related_title(line: str, titled: bool | None) -> bool:
    """Whether ``line`` reads as one more headline of the list under a bare "Baca Juga".

    Short and without a full stop; and when the list's first headline was title-cased, this
    one too, so a subheading in sentence case ("Sentimen pasar masih rapuh") ends the list.
    """
    if len(line) >= 160 or _SENTENCE_END.search(line):
        return False
    return not titled or _title_cased(line)


def _title_cased(line: str) -> bool:
    """Every word but the small ones has a capital: "Waspada, iPhone Anda Bisa Rusak Total"."""
    words = [w for w in _WORD.findall(line) if w.lower() not in _SMALL_WORDS]
    return bool(words) and all(any(c.isupper() for c in w) for w in words)


def _credit(match: re.Match[str]) -> str:
    return "(" + re.sub(r"\s*/\s*", "/", match["credit"]) + ")"


def _clean_paragraph(raw: str) -> str:
    text = normalize_whitespace(unicodedata.normalize("NFC", raw))
    # "ENT" and "[" are quick to look for and in every marker: most paragraphs stop there.
    if ("ENT" in text and ("ADVERTISEMENT" in text or "CONTENT" in text)) or (
        "[" in text and "[Gambas" in text
    ):
        text = _INLINE_FURNITURE.sub(" ", text).strip()
    return text


_DASHES = ("-", "–", "—")


def _may_be_dateline_alone(paragraph: str) -> bool:
    """Whether ``_DATELINE_ALONE`` matches, trying it only on a paragraph ending in a dash.

    The pattern ends in a dash and spaces; tried on every opening paragraph it walks the
    capitalised words of a headline ("Judul Berita Hari Ini") before failing at the end.
    """
    return paragraph.rstrip().endswith(_DASHES) and bool(_DATELINE_ALONE.match(paragraph))


def _has_dash(text: str) -> bool:
    return "-" in text or "–" in text or "—" in text


def _dateline(first: str) -> str | None:
    # Every shape in _DATELINES has a dash; prose without one ("Judul berita") skips all five.
    if _has_dash(first):
        for pattern in _DATELINES:
            match = pattern.match(first)
            if match:
                return normalize_whitespace(match["dateline"])
    match = _DATELINE_NO_DASH.match(first)
    return match["dateline"] if match else None


def may_contain_ignoring_case(text: str, words: Sequence[str]) -> bool:
    """False only when a case-ignoring pattern for one of the lowercase ASCII ``words`` cannot
    match ``text``: a cheap test before a costly regex search.

    Only an ASCII string is ruled out by its lowercase: a pattern that ignores case also
    matches "ſ" for "s", "ı" and "İ" for "i" and the Kelvin sign for "k", which lowercasing
    does not turn into those letters.
    """
    if not text.isascii():
        return True
    lowered = text.lower()
    # A plain loop: a generator for ``any`` costs more than the few ``in`` tests it runs.
    for word in words:  # noqa: SIM110 (see above)
        if word in lowered:
            return True
    return False
