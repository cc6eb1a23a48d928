"""The time zone of a site without a page object, from the page's own evidence.

A site's page object states its zone (Liputan6 prints WIB). A page read by the generic page
has none, yet its times without an offset must be read in some zone, and its times are best
shown the way its readers see them. The evidence, most telling first:

1. A time on the page written with an Indonesian zone: "10:30 WIB", "14.05 WITA".
2. The language the page declares with a region that has one zone: ``de-AT``, ``en-GB``.
3. The host's country-code domain where the country has one zone: ``.de``, ``.co.id``.
4. The declared language alone where its speakers live in one zone: ``id``, ``ja``, ``de``.

Nothing: None, and the crawler's default applies. Countries spanning zones (the United
States, Brazil, Australia, Russia beyond its capital's media, Mexico) give no hint.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml import etree

from newscrawler.normalize.zones import JAKARTA, JAYAPURA, MAKASSAR

_SHOWN_ZONE = re.compile(r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(WIB|WITA|WIT)\b")
_INDONESIAN = {"WIB": JAKARTA, "WITA": MAKASSAR, "WIT": JAYAPURA}

# Country (ISO 3166, lowercased; "uk" as domains write it) -> its one zone.
_COUNTRY_ZONES = {
    "id": JAKARTA,
    "my": "Asia/Kuala_Lumpur",
    "sg": "Asia/Singapore",
    "ph": "Asia/Manila",
    "th": "Asia/Bangkok",
    "vn": "Asia/Ho_Chi_Minh",
    "jp": "Asia/Tokyo",
    "kr": "Asia/Seoul",
    "cn": "Asia/Shanghai",
    "tw": "Asia/Taipei",
    "hk": "Asia/Hong_Kong",
    "in": "Asia/Kolkata",
    "il": "Asia/Jerusalem",
    "tr": "Europe/Istanbul",
    "de": "Europe/Berlin",
    "at": "Europe/Vienna",
    "ch": "Europe/Zurich",
    "li": "Europe/Vaduz",
    "lu": "Europe/Luxembourg",
    "fr": "Europe/Paris",
    "be": "Europe/Brussels",
    "nl": "Europe/Amsterdam",
    "it": "Europe/Rome",
    "es": "Europe/Madrid",
    "pt": "Europe/Lisbon",
    "gb": "Europe/London",
    "uk": "Europe/London",
    "ie": "Europe/Dublin",
    "is": "Atlantic/Reykjavik",
    "no": "Europe/Oslo",
    "se": "Europe/Stockholm",
    "dk": "Europe/Copenhagen",
    "fi": "Europe/Helsinki",
    "pl": "Europe/Warsaw",
    "cz": "Europe/Prague",
    "sk": "Europe/Bratislava",
    "hu": "Europe/Budapest",
    "ro": "Europe/Bucharest",
    "gr": "Europe/Athens",
    "ua": "Europe/Kyiv",
    "lt": "Europe/Vilnius",
    "lv": "Europe/Riga",
    "ee": "Europe/Tallinn",
    "za": "Africa/Johannesburg",
    "ng": "Africa/Lagos",
    "ke": "Africa/Nairobi",
    "nz": "Pacific/Auckland",
    "py": "America/Asuncion",
    "ar": "America/Argentina/Buenos_Aires",
    "co": "America/Bogota",
    "pe": "America/Lima",
}
# Languages whose speakers (and newsrooms) live in one zone, spoken without a region.
_LANGUAGE_ZONES = {
    "id": JAKARTA,
    "in": JAKARTA,  # the withdrawn ISO code for Indonesian: Liputan6's "In-Id"
    "ms": "Asia/Kuala_Lumpur",
    "th": "Asia/Bangkok",
    "vi": "Asia/Ho_Chi_Minh",
    "ja": "Asia/Tokyo",
    "ko": "Asia/Seoul",
    "he": "Asia/Jerusalem",
    "tr": "Europe/Istanbul",
    "de": "Europe/Berlin",
    "fr": "Europe/Paris",
    "it": "Europe/Rome",
    "nl": "Europe/Amsterdam",
    "pl": "Europe/Warsaw",
    "cs": "Europe/Prague",
    "sk": "Europe/Bratislava",
    "hu": "Europe/Budapest",
    "ro": "Europe/Bucharest",
    "el": "Europe/Athens",
    "uk": "Europe/Kyiv",
    "sv": "Europe/Stockholm",
    "nb": "Europe/Oslo",
    "nn": "Europe/Oslo",
    "no": "Europe/Oslo",
    "da": "Europe/Copenhagen",
    "fi": "Europe/Helsinki",
    "is": "Atlantic/Reykjavik",
    "lt": "Europe/Vilnius",
    "lv": "Europe/Riga",
    "et": "Europe/Tallinn",
}
_LANG = re.compile(r"^([a-z]{2,3})(?:[-_]([a-z]{2}))?", re.IGNORECASE)


def shown_zone(text: str) -> str | None:
    """The Indonesian zone a time on the page is written in: "13:46 WIB" -> Asia/Jakarta."""
    match = _SHOWN_ZONE.search(text)
    return _INDONESIAN[match.group(1)] if match else None


def language_zone(lang: str) -> tuple[str | None, str | None]:
    """(zone of the language's region, zone of the language alone) for ``de-AT``, ``id``."""
    match = _LANG.match(lang.strip())
    if match is None:
        return None, None
    language, region = match.group(1).lower(), (match.group(2) or "").lower()
    return _COUNTRY_ZONES.get(region) if region else None, _LANGUAGE_ZONES.get(language)


def domain_zone(url: str) -> str | None:
    """The zone of the host's country-code domain: ``www.kompas.co.id`` -> Asia/Jakarta."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    labels = host.split(".")
    if len(labels) < 2:
        return None
    country = labels[-1]
    if len(country) != 2:
        return None
    # "uk" and "in" are also languages; as domains they are countries.
    return _COUNTRY_ZONES.get(country)


def infer_zone(*, shown: str, languages: list[str], url: str) -> str | None:
    """The page's zone by the module docstring's evidence, or None."""
    if zone := shown_zone(shown):
        return zone
    by_language = [language_zone(lang) for lang in languages if lang]
    for regional, _ in by_language:
        if regional:
            return regional
    if zone := domain_zone(url):
        return zone
    for _, bare in by_language:
        if bare:
            return bare
    return None


def page_zone(root: etree._Element, languages: list[str], url: str) -> str | None:
    """:func:`infer_zone` for a parsed page: its ``<body>``'s text is what it shows."""
    body = root.find("body")
    shown = body.text_content() if body is not None else ""
    return infer_zone(shown=shown, languages=languages, url=url)
