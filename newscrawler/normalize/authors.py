"""Bylines -> person names.

A byline carries much besides names: labels ("Penulis:", "Reporter:", "oleh"), the outlet
("Liputan6.com", "- detikNews", "Laporan Wartawan Tribunnews.com,"), a place ("Kontributor
Bandung,"), a time ("pada 24 Nov 2019, 13:46 WIB") and sometimes the editor too ("Penulis: A |
Editor: B"). Author lists are compared across revisions, so "GILAR RAMDHANI" and "Gilar
Ramdhani" must come out the same, and "Liputan6.com" must not count as a person.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from newscrawler.normalize.text import may_contain_ignoring_case, normalize_whitespace

__all__ = [
    "AUTHOR_LABELS",
    "EDITOR_LABELS",
    "WIRES",
    "clean_people",
    "split_credits",
    "wire_credits",
]

# Credits that name no person whatever the site (compared lowercased): news agencies, an
# outlet we do not crawl whose copy our sites carry, and words for a role or a desk. A
# site's own names, and every known outlet's, come in through ``outlets`` (the site
# records' ``brands``).
ORGANISATIONS = frozenset(
    s.lower()
    for s in [
        "AFP", "Agence France-Presse", "Reuters", "AP", "Associated Press", "Xinhua", "Bernama",
        "Kyodo", "Anadolu", "dpa", "Newswire", "merdeka.com", "Merdeka",
        "Tim Redaksi", "Redaksi", "Tim", "Admin", "Humas", "Editor", "Penulis", "Reporter",
        "Kontributor", "Tim Cek Fakta", "Staf", "Staff", "Wartawan", "Jurnalis",
    ]
)  # fmt: skip

_DOMAIN = re.compile(r"\b[\w-]+\.(?:com|co\.id|co|id|net|org|tv|news)\b", re.IGNORECASE)

# A credit holding one of these words names a desk, a team or a photo, not the writer: "Tim
# Redaksi", "Redaksi WE Online", "Desk Internasional", "Metro Desk", "BR24 Redaktion", "Staff
# Writer", "Fotografer Agung Pambudhy", "AFP PHOTO", "Sky News". None of them is a given name
# or surname.
_NOT_A_PERSON_WORDS = frozenset(
    [
        "redaksi", "desk", "newsroom", "team", "staff", "staf", "editorial", "admin",
        "administrator", "webmaster", "humas", "redaktion", "rédaction", "redacción",
        "redazione", "redactie", "foto", "photo", "photos", "fotografer", "photographer",
        "videografer", "videographer", "kameramen", "cameraman", "ilustrator", "illustrator",
        "ilustrasi", "illustration", "infografis", "grafis",
        # The word for news: a desk or a site's account ("Sky News", wochenblatt.cc's
        # WordPress author "Nachrichten", "Berita Satu").
        "news", "nachrichten", "noticias", "notícias", "nieuws", "nyheter", "nyheder",
        "notizie", "actualités", "berita",
    ]
)  # fmt: skip
# A wire or an outlet, followed by a bureau or a desk: "Antara Jatim", "Antaranews Jateng",
# "CNBC Indonesia Research", "Reuters Staff", "Kompas Regional", "Tribun Medan". Agencies and
# outlets we do not crawl; every one-word name in ``outlets`` joins them (see _Outlets).
_OUTLET_FIRST_WORDS = frozenset(
    [
        "afp", "reuters", "xinhua", "bernama", "kyodo", "anadolu", "dpa", "ap", "aap", "upi",
        "yonhap", "efe", "ansa", "tass", "cnn", "cnbc", "kumparan",
    ]
)  # fmt: skip
# Indonesian "tim" (team) before a desk's name: "Tim Redaksi", "Tim Cek Fakta Tempo", "Tim
# Liputan Khusus". Before a person's surname ("Tim Hanlon", "Tim Cook") it is an English name.
_TEAM_KINDS = frozenset(
    [
        "redaksi", "liputan", "riset", "cek", "penulis", "editor", "jurnalis", "humas", "kreatif",
        "media", "video", "foto", "multimedia", "data", "investigasi", "litbang", "grafis",
        "infografis", "promosi", "advertorial",
    ]
)  # fmt: skip
# A brand written in one word with a capital inside: "detikBali", "kumparanNEWS".
_BRAND = re.compile(r"^[a-z]+[A-Z]")
# "ANTARA FOTO/Galih Pradipta", "AFP PHOTO / John Doe": who took the picture.
_PHOTO_CREDIT = re.compile(r"\b(?:foto|photo|photos)\s*/", re.IGNORECASE)

# Labels before a name. "Laporan Wartawan Tribunnews.com, Taufik Ismail" -> "Taufik Ismail".
_PREFIX = re.compile(
    r"^\s*(?:"
    r"laporan\s+(?:wartawan|reporter|koresponden)\s+[\w.]+(?:\s+[\w.]+){0,2}\s*,|"
    r"(?:wartawan|koresponden|kontributor)\s+[\w.]+(?:\s+[A-Z][\w.]+){0,2}\s*,|"
    r"(?:oleh|penulis|reporter|pewarta|author|writer|ditulis oleh|written by|by|kontributor|"
    r"wartawan|koresponden|laporan)\b\s*:?|"
    # "by" in French, Spanish and Portuguese, Dutch, German, the Nordic languages: "Par
    # Sébastien Farcis", "por Jane Doe", "Von Birgit Baumann", "Av Ola Nordmann".
    r"(?:par|por|door|von|av|af)\s+(?=[^\W\d_])|"
    r"[:\-–—|]"
    r")\s*",
    re.IGNORECASE,
)
# Tails after a name: " - detikNews", " pada 24 Nov 2019, 13:46 WIB", " | Liputan6.com".
_SUFFIX_OUTLET = re.compile(r"\s*(?:[-–—|/,]|\bfor\b)\s*(?P<outlet>[^-–—|/,]+)$", re.IGNORECASE)
# detik names the channel after a spaced dash: "Afif Farhan - Sepakbola", "Mulia Budi - detikNews".
_CHANNEL = re.compile(r"\s+[-–—]\s+[^\W\d_][\w.]*$")
# Okezone: "Dewi Kania Jurnalis", "Natasha Oktalia, Jurnalis · Kamis 09 Juli 2020 07:26 WIB".
# A job title after a comma may qualify the role: "By Jon King, News Reporter" (express.co.uk),
# "Jane Doe, Chief Political Correspondent". Some role words may follow a name without a
# comma; others need one ("Jane Doe, Staff Writer"; "Jane Writer" may be a name).
_ROLES_ALONE = (
    "jurnalis|wartawan|reporter|kontributor|koresponden|correspondent|journalist|columnist"
)
_ROLES = rf"{_ROLES_ALONE}|contributor|writer|redakteurin|redakteur|korrespondentin|korrespondent"
_ROLE_TAIL = re.compile(
    rf"(?:\s*,\s*(?:[\w-]+\s+){{0,3}}(?:{_ROLES})|[\s,]+(?:{_ROLES_ALONE}))\b.*$",
    re.IGNORECASE,
)
# Companies: "PT. VIVA MEDIA BARU - VIVA.co.id".
_COMPANY = re.compile(r"^(?:PT|CV)\b\.?\s", re.IGNORECASE)
_TIME_TAIL = re.compile(
    r"\s*(?:\bpada|\bon|\bat|-|\||·|•|:)\s+.*\d{1,2}[:.]\d{2}.*$|"
    # An age after a bullet: "James Akinaka • 8h" (Fandom), "A · 3 jam lalu".
    r"\s*[·•|]\s*\d+\s*(?:s|m|h|d|w|y|mo|min|mins|hr|hrs|jam|menit|hari)\b.*$|"
    r"\s+(?:pada|on)\s+.*\d{4}.*$|"
    r"\s*[-|,]?\s*(?:senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad)\b.*$|"
    # An English day before a date: "Joe Wee Monday, February 29, 2016 @ 11:10 PM UTC".
    r"\s*[-|,]?\s*(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b.*\d.*$",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
# What _TIME_TAIL's last alternative needs: a day name ("jum" for both "Jumat" and "Jum'at").
_DAY_NAMES = ("senin", "selasa", "rabu", "kamis", "jum", "sabtu", "minggu", "ahad")
# Conjunctions are lowercase words in a byline ("Budisantoso Budiman dan Agus S", "Damien
# Leloup et Morgane Tual"); a capitalised "Dan" is a first name: "Dan Goodin".
# Danish and Norwegian "og", Swedish "och", Spanish "y", Italian and Portuguese "e" too.
_SPLIT = re.compile(r"\s*(?:,|;|&|\+|/|\b(?:and|dan|serta|et|und|og|och|y|e)\b)\s*")
# A byline in capitals writes them in capitals too, between two names: "ANI DAN BUDI".
_SPLIT_CAPITALS = re.compile(r"(?<=\S)\s+(?:AND|DAN|SERTA)\s+(?=\S)")
# Le Monde: "Martin Untersinger (avec Damien Leloup et Morgane Tual)": co-authors, not a remark.
_WITH = re.compile(r"\s*\(\s*(?:avec|with|dengan|bersama|con|mit)\s+([^()]*)\)", re.IGNORECASE)
# Academic and professional letters after a name: "Brenda Goodman, MA" (WebMD).
_DEGREES = frozenset({"ma", "md", "phd", "ph.d", "ms", "msc", "mph", "mba", "rn", "dds", "dvm"})
# Republika abbreviates both: "Rep: Arie Lukihardianti Red: Dwi Murdaningsih". Labels need
# their colon, so a name such as "Red Hat" or "Rep." is never read as one.
EDITOR_LABELS = "editor|penyunting|redaktur|red|editing|disunting oleh|edited by|editor pelaksana"
AUTHOR_LABELS = (
    "penulis|reporter|rep|pewarta|oleh|author|writer|wartawan|kontributor|koresponden|"
    "ditulis oleh|written by|by"
)
_OTHER_LABELS = "fotografer|foto|photo|sumber|source|videografer|ilustrasi|grafis|infografis"
_LABEL = re.compile(
    rf"(?:^|(?<=[\s|/,;]))(?P<label>{EDITOR_LABELS}|{AUTHOR_LABELS}|{_OTHER_LABELS})\s*:",
    re.IGNORECASE,
)
_URL = re.compile(r"(?:https?://|www\.)\S*", re.IGNORECASE)
# What _URL needs: "://" or "www." (any case).
_URL_MARKS = ("://", "www.")
# detik's author meta sometimes holds the editor's initials ("bgs"), not a name.
_INITIALS = re.compile(r"^[a-z]{2,4}$")
_HAS_LETTER = re.compile(r"[^\W\d_]")
_NOT_ALNUM = re.compile(r"[\W_]+")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+")
# A host name: "hessenschau.de", "mbl.is".
_HOST = re.compile(r"[\w-]+(?:\.[\w-]+)+")
_JUNK = re.compile(r"[@<>{}\[\]=#*\\]|https?:|www\.|\d{2}")


def clean_people(raw: Iterable[str], *, outlets: Iterable[str] = ()) -> list[str]:
    """Person names from byline strings, de-duplicated in order.

    ``outlets`` adds the outlets' names (the site's own and every known site's ``brands``) to
    the built-in organisations, so a byline that is only an outlet yields no author.
    """
    organisations = _organisations(tuple(outlets))
    names: list[str] = []
    seen: set[str] = set()
    for line in raw:
        if not isinstance(line, str):
            continue
        # "hessenschau.de, Frankfurt, Germany": the outlet and its town, not a list of people.
        head, comma, _rest = line.partition(",")
        if comma and _HOST.fullmatch(head.strip()):
            continue
        authors, _editors = _segments(line)
        for name in _names(authors, organisations):
            key = name.casefold()
            if key not in seen:
                seen.add(key)
                names.append(name)
    return names


# News agencies: a story credited to one of them alone was written there. Compared folded;
# the value tells two spellings of one agency apart ("AFP", "Agence France-Presse").
WIRES = {
    "ap": "AP", "associated press": "Associated Press", "afp": "AFP",
    "agence france-presse": "AFP", "reuters": "Reuters", "dpa": "dpa", "xinhua": "Xinhua",
    "bernama": "Bernama", "kyodo": "Kyodo", "anadolu": "Anadolu", "antara": "Antara",
    "ansa": "ANSA", "efe": "EFE", "tass": "TASS", "yonhap": "Yonhap", "upi": "UPI",
    "aap": "AAP", "apa": "APA", "sda": "SDA", "ntb": "NTB", "tt": "TT",
}  # fmt: skip


def wire_credits(raw: Iterable[str], *, outlets: Iterable[str] = ()) -> list[str]:
    """The news agencies a credit names, as it writes them ("Associated Press", "Von dpa"
    gives "dpa"), for an article whose credits name no person: the wire wrote it. The
    outlet's own name never counts (ANTARA's own pages are not credited to ANTARA)."""
    own = {normalize_whitespace(o).casefold() for o in outlets}
    found: dict[str, str] = {}  # the agency -> its name as the credit writes it
    for line in raw:
        if not isinstance(line, str):
            continue
        for part in _SPLIT.split(_PREFIX.sub("", _prepare(line))):
            written = part.strip(" .,;:|-–—()")
            wire = WIRES.get(written.casefold())
            if wire and written.casefold() not in own and wire not in found:
                found[wire] = written
    return list(found.values())


@dataclass(frozen=True)
class _Outlets:
    """Names that are no person (``key in outlets``), and the words that begin an outlet's
    bureau or desk ("Kompas Regional", "Antara Jatim")."""

    names: frozenset[str]
    first_words: frozenset[str]

    def __contains__(self, key: object) -> bool:
        return key in self.names


# An outlet's name in one word of Latin letters and digits, with or without its domain:
# "Kompas", "liputan6.com" (lowercased).
_ONE_WORD_OUTLET = re.compile(r"([a-z][a-z0-9]{2,})(?:\.(?:com|co\.id|co|id|net|org|tv))?")


@lru_cache(maxsize=256)
def _organisations(outlets: tuple[str, ...]) -> _Outlets:
    """The built-in organisations and the outlets' names: built once per site, not per byline."""
    # Also squashed: "Stuttgarter Zeitung" is the outlet of stuttgarter-zeitung.de.
    names = {normalize_whitespace(o).lower() for o in outlets if o}
    words = {m[1] for name in names if (m := _ONE_WORD_OUTLET.fullmatch(name))}
    return _Outlets(
        ORGANISATIONS | names | {_squashed(name) for name in names},
        _OUTLET_FIRST_WORDS | words,
    )


def _squashed(text: str) -> str:
    return _NOT_ALNUM.sub("", text.lower())


def split_credits(raw: str, *, outlets: Iterable[str] = ()) -> tuple[list[str], list[str]]:
    """One credit line that may name both: "Penulis: A | Editor: B" -> (["A"], ["B"]).

    Both lists are cleaned like ``clean_people`` (with its ``outlets``). Text before any
    label counts as authors; photo and source credits ("Foto:", "Sumber:") are dropped.
    """
    authors, editors = _segments(raw)
    return clean_people(authors, outlets=outlets), clean_people(editors, outlets=outlets)


def _segments(raw: str) -> tuple[list[str], list[str]]:
    """Raw author and editor pieces of one credit line, labels removed, not yet cleaned."""
    text = _prepare(raw)
    # Every label ends in a colon: most bylines ("Gilar Ramdhani") have none to search for.
    matches = list(_LABEL.finditer(text)) if ":" in text else []
    authors: list[str] = []
    editors: list[str] = []
    start = 0
    kind = "author"
    for match in [*matches, None]:
        end = match.start() if match else len(text)
        segment = text[start:end].strip(" |/,;-–—")
        if segment and kind == "author":
            authors.append(segment)
        elif segment and kind == "editor":
            editors.append(segment)
        if match:
            label = match["label"].lower()
            kind = (
                "editor"
                if re.fullmatch(EDITOR_LABELS, label)
                else "author"
                if re.fullmatch(AUTHOR_LABELS, label)
                else "other"
            )
            start = match.end()
    return authors, editors


def _prepare(raw: str) -> str:
    text = html.unescape(raw) if "&" in raw else raw
    # detik's article:author is "https://www.facebook.com/detikdotcom": a page, not a person.
    if may_contain_ignoring_case(text, _URL_MARKS):
        text = _URL.sub(" ", text)
    # _WITH tries its leading spaces at every position; it needs a "(".
    if "(" in text:
        text = _WITH.sub(r", \1", text)
    return normalize_whitespace(unicodedata.normalize("NFC", text))


def _names(segments: Iterable[str], organisations: _Outlets) -> list[str]:
    found: list[str] = []
    for segment in segments:
        if "/" in segment and _PHOTO_CREDIT.search(segment):
            continue
        text = _strip(segment, organisations)
        parts = _SPLIT.split(text)
        if text.isupper():
            parts = [piece for part in parts for piece in _SPLIT_CAPITALS.split(part)]
        for part in parts:
            # ``text`` came out of _strip, which stops only at a string it leaves unchanged:
            # a part that is all of it ("Gilar Ramdhani", nothing to split) needs no second run.
            name = part if part == text else _strip(part, organisations)
            if _is_person(name, organisations):
                found.append(_fix_case(name))
    return found


def _strip(text: str, organisations: _Outlets) -> str:
    """Labels, times and trailing outlet names off one byline piece (repeated until stable)."""
    previous = None
    while previous != text:
        previous = text
        if _may_hold_time(text):
            text = _TIME_TAIL.sub("", text)
        # Prefix first: in "Laporan Wartawan Tribunnews.com, A" the role word is the label.
        text = _PREFIX.sub("", text)
        text = _ROLE_TAIL.sub("", text)
        text = _CHANNEL.sub("", text)
        tail = _SUFFIX_OUTLET.search(text)
        if tail and _is_organisation(tail["outlet"], organisations):
            text = text[: tail.start()]
        text = text.strip(" .,;:|-–—()")
    return text


def _may_hold_time(text: str) -> bool:
    """False when ``_TIME_TAIL`` cannot match ``text``: no digit and no day name in it.

    The pattern is costly where it fails (after each separator ``.*`` runs to the end and
    backs off looking for a digit), and most bylines are a name with nothing to cut.
    """
    return bool(_DIGIT.search(text)) or may_contain_ignoring_case(text, _DAY_NAMES)


def _is_organisation(text: str, organisations: _Outlets) -> bool:
    key = text.strip(" .,;:|-–—()").lower()
    return (
        key in organisations
        or _squashed(key) in organisations
        or ("." in key and bool(_DOMAIN.fullmatch(key)))
    )


def _is_person(name: str, organisations: _Outlets) -> bool:
    if not name or len(name) > 60 or not _HAS_LETTER.search(name):
        return False
    # A domain has a dot: most names skip that search.
    if (
        _is_organisation(name, organisations)
        or ("." in name and _DOMAIN.search(name))
        or _JUNK.search(name)
    ):
        return False
    if _COMPANY.match(name) or _INITIALS.match(name) or name.casefold() in _DEGREES:
        return False
    # A URL slug ("chuck-ross", a CMS's user key): the next source names the person properly.
    if _SLUG.fullmatch(name):
        return False
    if _is_team(name, organisations):
        return False
    # Longer strings are sentences that slipped into a byline, not names.
    return len(name.split()) <= 6


def _is_team(name: str, organisations: _Outlets) -> bool:
    """A desk, a team, a photo credit or an outlet's bureau rather than a person.

    "Tim detikBali", "Tim Redaksi", "Tim Kompas", "Desk Internasional", "Fotografer Agung
    Pambudhy", "Antara Jatim", "CNN Indonesia": such credits give nothing, so the next
    source (the byline in the page) names the writer. "Tim Hanlon" and "Suparjo" are people.
    """
    words = name.split()
    folded = [word.casefold() for word in words]
    if any(word.strip(".,:;()") in _NOT_A_PERSON_WORDS for word in folded):
        return True
    if any(_BRAND.match(word) for word in words):
        return True
    if len(words) > 1 and folded[0] in organisations.first_words and len(words) <= 4:
        return True
    if folded[0] == "tim" and len(words) > 1:
        rest = " ".join(words[1:])
        return (
            folded[1] in _TEAM_KINDS
            or words[1][:1].islower()
            or _is_organisation(rest, organisations)
            or folded[1] in organisations.first_words
        )
    return False


def _fix_case(name: str) -> str:
    """ "GILAR RAMDHANI" / "gilar ramdhani" -> "Gilar Ramdhani"; mixed case is kept as written."""
    # In ASCII every letter has a case, so str.isupper/islower decide it without a list: a
    # name in mixed case ("Gilar Ramdhani") or without letters comes back at once. Other
    # scripts have letters without case ("中"), which the loop below counts as neither.
    if name.isascii() and not (name.isupper() or name.islower()):
        return name
    letters = [c for c in name if c.isalpha()]
    if not letters or not (all(c.isupper() for c in letters) or all(c.islower() for c in letters)):
        return name
    return re.sub(r"[^\W\d_]+", lambda m: m[0][:1].upper() + m[0][1:].lower(), name)
