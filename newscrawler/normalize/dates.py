"""Date and time strings from Indonesian news pages -> aware datetimes.

Pages write the same instant a dozen ways: ``2016-02-16T09:10:56+07:00`` in JSON-LD,
``Fri, 28 Apr 2017 06:38:16 +0700`` in feeds, ``Senin, 15 Feb 2016 13:46 WIB`` or
``Kamis, 05/11/2015 10:08 WIB`` in bylines, ``5 menit yang lalu`` on listings. An explicit
parser (compiled regexes, month tables) handles those shapes quickly and predictably;
dateparser is the fallback for anything else, and its answer must still be aware and must not
depend on the day we happen to run (a year or a "yesterday" it had to make up is refused).

Rules: a value without a zone takes the site's zone (``default_tz``); a shape we recognise
with impossible values ("32 Nov 2019") is None, not a guess.
"""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import lru_cache

from newscrawler.normalize.text import may_contain_ignoring_case, normalize_whitespace
from newscrawler.normalize.zones import WIB, ZONE_ABBREVIATIONS

__all__ = ["EARLIEST_YEAR", "LATEST_YEAR", "parse_datetime", "parse_datetime_any_year", "plausible"]

# The years a publication time can have, in UTC. Outside them is a placeholder, not a date:
# "0001-01-01T00:00:00" (an empty date in many CMSs) or "9999-12-31T23:59:59+14:00" ("never"),
# which the database cannot hold either (year 1 in WIB is before year 1 in UTC).
EARLIEST_YEAR = 1900
LATEST_YEAR = 2100

# Month names and abbreviations in Indonesian and English, as the sites write them.
MONTHS: dict[str, int] = {
    **dict.fromkeys(["januari", "january", "jan"], 1),
    **dict.fromkeys(["februari", "pebruari", "february", "feb", "peb"], 2),
    **dict.fromkeys(["maret", "march", "mar", "mrt"], 3),
    **dict.fromkeys(["april", "apr"], 4),
    **dict.fromkeys(["mei", "may"], 5),
    **dict.fromkeys(["juni", "june", "jun"], 6),
    **dict.fromkeys(["juli", "july", "jul"], 7),
    **dict.fromkeys(["agustus", "august", "agu", "agt", "ags", "aug", "agus"], 8),
    **dict.fromkeys(["september", "sep", "sept"], 9),
    **dict.fromkeys(["oktober", "october", "okt", "oct"], 10),
    **dict.fromkeys(["november", "nopember", "nov", "nop"], 11),
    **dict.fromkeys(["desember", "december", "des", "dec"], 12),
}

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))

# Zones a page may append to a time: WIB/WITA/WIT, GMT/UTC/Z, "GMT+7", "+07:00", "+0700".
_ZONE = r"(?P<zone>(?:GMT|UTC)?\s?[+-]\d{1,2}(?::?\d{2})?|WITA|WIB|WIT|GMT|UTC|Z)(?![A-Za-z])"
_TIME = (
    r"(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:[:.](?P<second>\d{2})(?:[.,](?P<frac>\d{1,6})\d*)?)?"
    r"(?:\s*(?P<ampm>[AaPp]\.?[Mm]\.?))?"
)
# Between a date and its time: "," "|" "-" "at" "pukul"/"Pukul", or just spaces.
_SEP = r"(?:\s*(?:[,|\-–—•/]|\bat\b|\bpukul\b|\bjam\b)\s*)*\s*"
_TAIL = rf"(?:{_SEP}{_TIME}(?:\s*{_ZONE})?)?"

# ISO 8601 as JSON-LD and meta tags write it: 2016-02-16T09:10:56+07:00, 2016-02-16 09:10:56,
# and detik's meta createdate "2022/12/10 13:16:34".
_ISO = re.compile(
    r"(?<!\d)(?P<year>\d{4})(?P<ds>[-/])(?P<month>\d{1,2})(?P=ds)(?P<day>\d{1,2})"
    r"(?:(?:T|\s+)(?P<hour>\d{1,2}):(?P<minute>\d{2})"
    r"(?::(?P<second>\d{2})(?:[.,](?P<frac>\d{1,6})\d*)?)?"
    r"\s*(?P<zone>Z|[+-]\d{2}(?::?\d{2})?|WITA|WIB|WIT|GMT|UTC)?)?(?![\d:])",
    re.IGNORECASE,
)
# A hand-made timestamp with a literal "Z": the time written with dashes ("2022-12-10T13-19-56Z")
# or a space before the "T" ("2015-11-05 T10:08:58Z"). Neither is ISO 8601, and the "Z" is
# false where it was seen: detik's pubdate meta, whose JSON-LD says 13:19:56+07:00 and whose
# 2015 byline reads "Kamis, 05/11/2015 10:08 WIB". Read in the site's zone, as a time without
# an offset is, these shapes misread no real ISO value.
_FALSE_UTC = re.compile(
    r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
    r"(?:T(?P<hour>\d{2})-(?P<minute>\d{2})-(?P<second>\d{2})|"
    r" T(?P<hour2>\d{2}):(?P<minute2>\d{2}):(?P<second2>\d{2}))Z$"
)
# "24 Nov 2019, 13:46 WIB", "Fri, 28 Apr 2017 06:38:16 +0700", "18 Jun 2015 at 06:25 WIB".
_DAY_MONTH_YEAR = re.compile(
    rf"(?<![\w])(?P<day>\d{{1,2}})\s*[-\s.]\s*(?P<mname>{_MONTH})\.?\s*[-\s.,]\s*(?P<year>\d{{4}})(?!\d){_TAIL}",
    re.IGNORECASE,
)
# "April 27, 2017 10:30 WIB" (English-language pages such as The Jakarta Post).
_MONTH_DAY_YEAR = re.compile(
    rf"(?<![\w])(?P<mname>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})(?!\d){_TAIL}",
    re.IGNORECASE,
)
# "27/04/2017, 19:21 WIB", "Selasa, 14/2/2017 12:31 WIB", "05-11-2015 10:08": day first.
_NUMERIC = re.compile(
    rf"(?<![\d/.-])(?P<day>\d{{1,2}})(?P<s>[/.-])(?P<month>\d{{1,2}})(?P=s)(?P<year>\d{{4}})(?!\d){_TAIL}"
)
_EPOCH = re.compile(r"\s*(?P<digits>\d{9,10}|\d{12,13})(?:\.\d+)?\s*")

# "5 menit yang lalu", "2 jam lalu", "23j" (CNN Indonesia), "3 hari yang lalu", "1 hour ago".
_RELATIVE_UNITS: dict[str, timedelta] = {
    **dict.fromkeys(["detik", "second", "seconds", "sec", "secs", "dtk"], timedelta(seconds=1)),
    **dict.fromkeys(
        ["menit", "minute", "minutes", "min", "mins", "mnt", "m"], timedelta(minutes=1)
    ),
    **dict.fromkeys(["jam", "hour", "hours", "j", "hr", "hrs"], timedelta(hours=1)),
    **dict.fromkeys(["hari", "day", "days"], timedelta(days=1)),
    **dict.fromkeys(["minggu", "pekan", "week", "weeks"], timedelta(weeks=1)),
}
_RELATIVE = re.compile(
    r"^(?:about\s+|sekitar\s+)?(?P<n>\d{1,4})\s*(?P<unit>[a-z]+)"
    r"(?:\s+(?:yang\s+|yg\s+)?(?:lalu|ago))?$",
    re.IGNORECASE,
)
# Inside longer text a relative time needs its "lalu"/"ago": "Olahraga • 8 menit yang lalu".
_RELATIVE_IN_TEXT = re.compile(
    r"(?<![\w.,:/])(?P<n>\d{1,4})\s*(?P<unit>[a-z]+)\s+(?:yang\s+|yg\s+)?(?:lalu|ago)\b",
    re.IGNORECASE,
)
_DAY_WORDS = {
    "baru saja": 0,
    "just now": 0,
    "hari ini": 0,
    "today": 0,
    "kemarin": 1,
    "yesterday": 1,
}

# Labels that only say which field a time belongs to; the value after them is what we parse.
_LABEL = re.compile(
    r"^\s*(?:diperbarui|diterbitkan|dipublikasikan|dipublikasi|diposting|diunggah|update[d]?|"
    r"terbit|tayang|published|posted|modified|last\s+updated|publikasi)\s*:?\s*",
    re.IGNORECASE,
)
# "jam 10 pagi", "pukul 7 malam", "pukul 13.30 siang": the hour of a part of the day.
_DAYPART = re.compile(
    r"\b(?:jam|pukul)?\s*(?P<hour>\d{1,2})(?:[.:](?P<minute>\d{2}))?\s+"
    r"(?P<part>pagi|siang|sore|petang|malam)\b",
    re.IGNORECASE,
)
_TAGS = re.compile(r"<[^>]*>")
_BULLETS = re.compile(r"^[\s•·|\-–—]+")
_ONLY_NUMBERS = re.compile(r"^[\d\s:./,+-]*$")
# A clock without a day ("12:51 p.m.", "10:30 WIB", "pukul 14.00"): dateparser, given the
# fetch time, dates it on a day of its own choosing (2023-01-31 for a fetch on 2024-01-01).
_CLOCK_ONLY = re.compile(
    r"^(?:pukul|jam|at)?\s*\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?\s?m\.?)?\s*[a-z]{0,5}$",
    re.IGNORECASE,
)


def parse_datetime(
    raw: str, *, default_tz: tzinfo = WIB, now: datetime | None = None
) -> datetime | None:
    """Aware datetime or None; never raises, never returns naive.

    ``now`` (aware) anchors relative times ("5 menit yang lalu", "kemarin"); without ``now``
    relative strings give None, because the crawl's own clock is not the page's. A value
    outside the years :data:`EARLIEST_YEAR` to :data:`LATEST_YEAR` (UTC) is None too.
    """
    value = parse_datetime_any_year(raw, default_tz=default_tz, now=now)
    return value if value is not None and plausible(value) else None


def plausible(value: datetime) -> bool:
    """``value`` in UTC falls in the years a publication time can have."""
    try:
        year = value.astimezone(UTC).year
    except OverflowError:  # year 1 east of UTC, year 9999 west of it
        return False
    return EARLIEST_YEAR <= year <= LATEST_YEAR


def parse_datetime_any_year(
    raw: str, *, default_tz: tzinfo = WIB, now: datetime | None = None
) -> datetime | None:
    """:func:`parse_datetime` without its range of years: what the string says, placeholders
    such as "0001-01-01" included, so a caller can tell them from what does not parse."""
    if not isinstance(raw, str):
        return None
    if now is not None and now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    plain = _PLAIN_ISO.fullmatch(raw)
    if plain:
        return _plain_iso(plain, default_tz)
    text = _prepare(raw)
    if not text or len(text) > 300:
        return None
    known, value = _parse_explicit(text, default_tz, now)
    if known:
        return value
    return _parse_fallback(text, default_tz, now)


# The shapes most candidates have: JSON-LD's "2016-02-16T09:10:56+07:00", "...56.000Z" or
# "...56" and meta tags' "2016-02-16 09:10:56", "2016-02-16T09:10:56+0700" or "2016-02-16".
# ASCII digits only: ``_ISO``'s ``\d`` also takes "٢" or "２"; such strings keep to the
# general path.
_PLAIN_ISO = re.compile(
    r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})"
    r"(?:[T ](?P<hour>[0-9]{2}):(?P<minute>[0-9]{2}):(?P<second>[0-9]{2})"
    r"(?:\.(?P<frac>[0-9]{1,6}))?(?P<zone>Z|[+-][0-9]{2}:?[0-9]{2})?)?"
)


def _plain_iso(match: re.Match[str], default_tz: tzinfo) -> datetime | None:
    """What the general path gives a ``_PLAIN_ISO`` string, without its five searches.

    Such a string has nothing for ``_prepare`` to change (one space at most, no letters but
    "T" and "Z"), is no epoch or hand-made "Z" timestamp, and ``_ISO`` matches all of it with these
    same fields, so ``_build`` would make this value: "2016-02-16T09:10:56+07:00" is
    09:10:56 WIB, "2016-02-16" midnight in the site's zone, "2016-02-30" None.
    """
    year, month, day, hour, minute, second, frac, zone_name = match.groups()
    zone = _zone(zone_name, default_tz)
    if zone is None:
        return None
    try:
        if hour is None:
            return datetime(int(year), int(month), int(day), tzinfo=zone)
        return datetime(
            int(year),
            int(month),
            int(day),
            int(hour),
            int(minute),
            int(second),
            int(frac.ljust(6, "0")) if frac else 0,
            tzinfo=zone,
        )
    except ValueError:
        return None


def _prepare(raw: str) -> str:
    # Liputan6 once served datetime="18 Jun 2015 at &lt;span&gt;06:25 WIB&lt;/span&gt;".
    text = html.unescape(raw) if "&" in raw else raw
    if "<" in text:
        text = _TAGS.sub(" ", text)
    text = normalize_whitespace(text)
    text = _BULLETS.sub("", text)
    if _may_name_daypart(text) and _DAYPART.search(text):
        text = _DAYPART.sub(_daypart_to_clock, text)
    return _LABEL.sub("", text).strip()


_DAYPART_WORDS = ("pagi", "siang", "sore", "petang", "malam")


def _may_name_daypart(text: str) -> bool:
    """False when ``text`` cannot hold a part of the day, checked without searching it.

    Nearly every value is ISO or a byline without one, and ``_DAYPART`` tries its optional
    "jam"/"pukul" at every position.
    """
    return may_contain_ignoring_case(text, _DAYPART_WORDS)


def _daypart_to_clock(match: re.Match[str]) -> str:
    """``jam 10 pagi`` -> ``10:00``; ``pukul 7 malam`` -> ``19:00``; ``jam 2 siang`` -> ``14:00``.

    Without this the date would parse alone and the time would silently become midnight.
    """
    hour, minute, part = int(match["hour"]), int(match["minute"] or 0), match["part"].lower()
    if hour > 23 or minute > 59:
        return match.group(0)
    if part == "pagi":
        hour = 0 if hour == 12 else hour
    elif part == "siang":
        hour = hour if hour >= 11 else hour + 12
    elif part in ("sore", "petang"):
        hour = hour if hour >= 12 else hour + 12
    elif part == "malam":
        # "jam 8 malam" is 20:00, "jam 12 malam" midnight, "jam 2 malam" 02:00.
        hour = hour + 12 if 6 <= hour < 12 else (0 if hour == 12 else hour)
    return f" {hour:02d}:{minute:02d} "


def _parse_explicit(
    text: str, default_tz: tzinfo, now: datetime | None
) -> tuple[bool, datetime | None]:
    """(recognised, value). Recognised-but-impossible is (True, None): we do not guess."""
    epoch = _EPOCH.fullmatch(text)
    if epoch:
        return True, _from_epoch(epoch["digits"], default_tz)
    false_utc = _FALSE_UTC.match(text)
    if false_utc:
        return True, _without_false_utc(false_utc, default_tz)
    for pattern in (_ISO, _DAY_MONTH_YEAR, _NUMERIC, _MONTH_DAY_YEAR):
        match = pattern.search(text)
        if match:
            return True, _build(match, default_tz)
    relative = _relative(text, now)
    if relative is not None:
        return True, relative[0]
    return False, None


def _without_false_utc(match: re.Match[str], default_tz: tzinfo) -> datetime | None:
    hour, minute, second = (
        (match["hour"], match["minute"], match["second"])
        if match["hour"]
        else (match["hour2"], match["minute2"], match["second2"])
    )
    try:
        return datetime(
            int(match["year"]),
            int(match["month"]),
            int(match["day"]),
            int(hour),
            int(minute),
            int(second),
            tzinfo=default_tz,
        )
    except ValueError:
        return None


def _from_epoch(digits: str, default_tz: tzinfo) -> datetime | None:
    seconds = int(digits) / 1000 if len(digits) > 10 else int(digits)
    try:
        return datetime.fromtimestamp(seconds, UTC).astimezone(default_tz)
    except (OverflowError, OSError, ValueError):
        return None


def _build(match: re.Match[str], default_tz: tzinfo) -> datetime | None:
    parts = match.groupdict()
    month = MONTHS[parts["mname"].lower()] if parts.get("mname") else int(parts["month"])
    hour = int(parts["hour"]) if parts.get("hour") else 0
    ampm = (parts.get("ampm") or "").lower().replace(".", "")
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    frac = parts.get("frac") or ""
    zone = _zone(parts.get("zone"), default_tz)
    if zone is None:
        return None
    try:
        return datetime(
            int(parts["year"]),
            month,
            int(parts["day"]),
            hour,
            int(parts["minute"]) if parts.get("minute") else 0,
            int(parts["second"]) if parts.get("second") else 0,
            int(frac.ljust(6, "0")) if frac else 0,
            tzinfo=zone,
        )
    except ValueError:
        return None


_OFFSET = re.compile(r"^(?:GMT|UTC)?\s?(?P<sign>[+-])(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?$")


@lru_cache(maxsize=256)
def _zone(name: str | None, default_tz: tzinfo) -> tzinfo | None:
    """The zone a suffix names; None for an offset no place uses (e.g. "+25:00").

    Cached: pages write a handful of suffixes ("Z", "+07:00", "WIB"), each many times.
    """
    if not name:
        return default_tz
    key = name.upper().replace(" ", "")
    if key in ZONE_ABBREVIATIONS:
        return ZONE_ABBREVIATIONS[key]
    if key in ("Z", "GMT", "UTC"):
        return UTC
    offset = _OFFSET.match(key)
    if offset is None:
        return None
    minutes = int(offset["h"]) * 60 + int(offset["m"] or 0)
    if minutes > 14 * 60:
        return None
    delta = timedelta(minutes=minutes if offset["sign"] == "+" else -minutes)
    for zone in ZONE_ABBREVIATIONS.values():
        if zone.utcoffset(None) == delta:
            return zone
    return timezone(delta)


def _relative(text: str, now: datetime | None) -> tuple[datetime | None] | None:
    """((value,)) for a relative phrase we recognise (value None without ``now``), else None."""
    lowered = text.lower().strip(" .")
    if lowered in _DAY_WORDS:
        if now is None:
            return (None,)
        return (now - timedelta(days=_DAY_WORDS[lowered]),)
    match = _RELATIVE.match(lowered) or _RELATIVE_IN_TEXT.search(lowered)
    if match is None or match["unit"] not in _RELATIVE_UNITS:
        return None
    # A bare "5m" or "23j" is a listing's shorthand; "5 minggu" needs no "lalu" either.
    if now is None:
        return (None,)
    try:
        return (now - int(match["n"]) * _RELATIVE_UNITS[match["unit"]],)
    except OverflowError:
        return (None,)


def _parse_fallback(text: str, default_tz: tzinfo, now: datetime | None) -> datetime | None:
    """dateparser for shapes the explicit parser does not know; refuses made-up parts.

    dateparser fills what a string lacks (the year of "14 Agustus", the day of "5") from its
    relative base. Parsing against two different bases shows whether it did: if the answers
    differ, the string did not name an instant by itself. With ``now`` given, the one base is
    ``now`` and relative phrases are welcome, but a lone number is still refused.
    """
    if _ONLY_NUMBERS.match(text) or not any(c.isalpha() for c in text):
        return None
    if _CLOCK_ONLY.match(text):
        return None
    if now is not None:
        return _dateparser(text, default_tz, now)
    first = _dateparser(text, default_tz, datetime(2001, 3, 4, 5, 6, 7, tzinfo=default_tz))
    if first is None:
        return None
    second = _dateparser(text, default_tz, datetime(2011, 8, 9, 10, 11, 12, tzinfo=default_tz))
    return first if first == second else None


def _dateparser(text: str, default_tz: tzinfo, base: datetime) -> datetime | None:
    import dateparser  # imported late: it takes ~0.5 s to load and most values never need it

    offset = base.utcoffset() or timedelta(0)
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    settings = {
        "RETURN_AS_TIMEZONE_AWARE": True,
        "TIMEZONE": f"{sign}{minutes // 60:02d}{minutes % 60:02d}",
        "PREFER_DATES_FROM": "past",
        "RELATIVE_BASE": base,
    }
    try:
        value = dateparser.parse(text, languages=["id", "en"], settings=settings)
    # dateparser is third-party code fed arbitrary page text; it raises assorted errors
    # (ValueError, OverflowError, TypeError, ...) on odd input, and our contract is None.
    except Exception:
        return None
    if value is None or value.tzinfo is None or value.utcoffset() is None:
        return None
    if value.tzinfo != default_tz and value.utcoffset() == default_tz.utcoffset(None):
        value = value.replace(tzinfo=default_tz)
    return value


# A clock time in a date string: "10:30", "T10:30:00", or Indonesian "10.30 WIB" (a dot
# only with a zone after it: "1.5 juta" and "23.02.2016" are no times).
_CLOCK = re.compile(r"\d{1,2}:\d{2}|\d{1,2}\.\d{2}\s*(?:WIB|WITA|WIT)\b", re.IGNORECASE)


def has_clock(text: str) -> bool:
    """Whether a date string gives a time of day, not only a day."""
    return _CLOCK.search(text) is not None
