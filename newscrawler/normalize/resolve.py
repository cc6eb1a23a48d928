"""One date field from its candidates: the first that parses, with the disagreements kept.

A page states a time several times (JSON-LD, metas, the byline); the page object lists the
candidates in its order of trust and :func:`resolve_datetime` picks one, keeping those more
than a minute away as conflicts a user can audit, with two exceptions for known causes (a
bare day beside a clock time that day, a false UTC suffix on local time).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from newscrawler.items import Found
from newscrawler.normalize.dates import has_clock, parse_datetime_any_year, plausible
from newscrawler.normalize.zones import WIB


@dataclass(frozen=True)
class ResolvedDate:
    """The chosen value of a date field, where it came from, and the candidates that disagree."""

    value: datetime | None
    raw: str | None
    source: str | None
    conflicts: tuple[tuple[str, str], ...] = ()  # (source, raw) more than 60 s from value
    # (source, raw) of candidates that name a time outside the plausible years ("0001-01-01")
    implausible: tuple[tuple[str, str], ...] = ()


CONFLICT_THRESHOLD = timedelta(seconds=60)
# What a field without any usable candidate resolves to; frozen, so one instance serves all.
_UNRESOLVED = ResolvedDate(value=None, raw=None, source=None, conflicts=())


def resolve_datetime(
    candidates: Sequence[Found],
    *,
    default_tz: tzinfo = WIB,
    now: datetime | None = None,
    zone_known: bool = True,
) -> ResolvedDate:
    """First candidate that parses wins; later ones more than a minute away are conflicts.

    Candidates come in the page object's order of trust (JSON-LD before meta before markup).
    A disagreement is not an error, it is what a user audits: JSON-LD saying 02:10Z and the
    byline saying 09:10 WIB agree; a byline an hour off from the meta tag does not.

    One disagreement has a known cause: a CMS that prints the site's local time with a UTC
    suffix. JSON-LD "2024-08-14T10:30:00Z" beside a byline "14 Agustus 2024 10:30 WIB" is off
    by exactly the site's offset, wall clock for wall clock; the candidate in the site's zone
    is then right and the zero-offset ones are the conflicts.

    Another is a candidate that gives the day only: JSON-LD "2024-08-14" beside a byline
    "14 Agustus 2024 10:30 WIB" says the same day, and the byline says when in it.

    A candidate outside the plausible years (a placeholder "0001-01-01T00:00:00") is passed
    over for the next one and kept in ``implausible``.
    """
    parsed: list[tuple[datetime, Found]] = []
    implausible: list[tuple[str, str]] = []
    for candidate in candidates:
        value = parse_datetime_any_year(candidate.value, default_tz=default_tz, now=now)
        if value is None:
            continue
        if plausible(value):
            parsed.append((value, candidate))
        else:
            implausible.append((candidate.source, candidate.value))
    if not parsed:
        if implausible:
            return ResolvedDate(value=None, raw=None, source=None, implausible=tuple(implausible))
        return _UNRESOLVED
    value, found = _local_over_false_utc(parsed, default_tz, zone_known)
    value, found = _clock_over_bare_date(value, found, parsed)
    conflicts = tuple(
        (other.source, other.value)
        for other_value, other in parsed
        if other is not found and abs(other_value - value) > CONFLICT_THRESHOLD
    )
    return ResolvedDate(
        value=value,
        raw=found.value,
        source=found.source,
        conflicts=conflicts,
        implausible=tuple(implausible),
    )


# A time that names its zone: "10:30 WIB", "10.30 WITA", "+07:00". On a site of unknown zone
# only such a one can overrule a UTC value: a time without a zone was read in the default
# zone, a guess (a Metro page's "21:26" beside JSON-LD "21:26:36+00:00" is UTC, not WIB).
_STATED_ZONE = re.compile(r"\b(?:WIB|WITA|WIT)\b|[+-]\d{2}:?\d{2}\s*$", re.IGNORECASE)


def _clock_over_bare_date(
    value: datetime, found: Found, parsed: list[tuple[datetime, Found]]
) -> tuple[datetime, Found]:
    """``(value, found)``, unless ``found`` gives a day without a time and a later candidate
    gives a time on that day: then the later one."""
    if has_clock(found.value) or (value.hour, value.minute, value.second) != (0, 0, 0):
        return value, found
    for other_value, other in parsed:
        if other is not found and has_clock(other.value) and other_value.date() == value.date():
            return other_value, other
    return value, found


def _local_over_false_utc(
    parsed: list[tuple[datetime, Found]], default_tz: tzinfo, zone_known: bool
) -> tuple[datetime, Found]:
    """The first candidate, unless it is UTC and a later one in the site's zone shows the
    same wall clock: then that later one (the UTC suffix was false). The later one must name
    its zone unless the site's zone is known (``zone_known``)."""
    first, _found = parsed[0]
    if first.utcoffset() != timedelta(0):
        return parsed[0]
    for value, candidate in parsed[1:]:
        offset = value.utcoffset()
        if (
            offset
            and (zone_known or _STATED_ZONE.search(candidate.value))
            and offset == default_tz.utcoffset(value)
            and abs(first - value - offset) <= CONFLICT_THRESHOLD
        ):
            return value, candidate
    return parsed[0]
