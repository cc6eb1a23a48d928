"""Date rules the table cannot show: refusals, relative anchors, conflicts between candidates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone, tzinfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newscrawler.items import Found
from newscrawler.normalize.dates import (
    _DAYPART,
    _PLAIN_ISO,
    _may_name_daypart,
    _parse_explicit,
    _prepare,
    parse_datetime,
    parse_datetime_any_year,
)
from newscrawler.normalize.resolve import ResolvedDate, resolve_datetime
from newscrawler.normalize.zones import WIB, WIT, WITA

NOW = datetime(2017, 4, 28, 8, 0, tzinfo=WIB)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("24 Nov 2019, 13:46 WIB", "2019-11-24T13:46:00+07:00"),
        ("Rabu, 14 Agustus 2024 | 10:30 WITA", "2024-08-14T10:30:00+08:00"),
        ("Senin, 15 Feb 2016 13:46 WIB", "2016-02-15T13:46:00+07:00"),
        ("Kamis 27 April 2017, 19:21 WIB", "2017-04-27T19:21:00+07:00"),
        ("27/04/2017, 19:21 WIB", "2017-04-27T19:21:00+07:00"),
        ("Selasa, 14/2/2017 12:31 WIB", "2017-02-14T12:31:00+07:00"),
        ("Ahad, 12 Mrt 2017 pukul 13.46 WIB", "2017-03-12T13:46:00+07:00"),
        ("3 Peb 2017 Pukul 08.00 WIT", "2017-02-03T08:00:00+09:00"),
        ("1 Agt 2017 10:00 GMT+7", "2017-08-01T10:00:00+07:00"),
        ("1 Ags 2017 10:00 +07:00", "2017-08-01T10:00:00+07:00"),
        ("9 Sept 2017 10:00", "2017-09-09T10:00:00+07:00"),
        ("9 Nop 2017 - 10:00 WIB", "2017-11-09T10:00:00+07:00"),
        ("Update: 9 Okt 2017 10:00 WIB", "2017-10-09T10:00:00+07:00"),
        ("Tayang: 9 Des 2017 10:00 WIB", "2017-12-09T10:00:00+07:00"),
        ("Published: 9 Dec 2017 10:00 WIB", "2017-12-09T10:00:00+07:00"),
        ("Diterbitkan 9 Januari 2017 10:00 WIB", "2017-01-09T10:00:00+07:00"),
        ("Dipublikasikan 9 Juli 2017 10:00 WIB", "2017-07-09T10:00:00+07:00"),
        ("1487210456", "2017-02-16T09:00:56+07:00"),
        ("Rabu, 14 Agustus 2024 | 7:30 PM WITA", "2024-08-14T19:30:00+08:00"),
    ],
)
def test_formats_from_the_sites(raw: str, expected: str) -> None:
    value = parse_datetime(raw, default_tz=WIB)
    assert value is not None
    assert value.isoformat() == expected


@pytest.mark.parametrize(
    "raw",
    ["32 Nov 2019", "31/02/2017 10:00 WIB", "2017-13-01T00:00:00Z", "24 Nov 2019 25:10 WIB",
     "", "   ", "WIB", "Jakarta", "5", "12345", "14 Agustus"],
)  # fmt: skip
def test_refuses_to_guess(raw: str) -> None:
    assert parse_datetime(raw, default_tz=WIB) is None


@pytest.mark.parametrize(
    "raw",
    ["0001-01-01T00:00:00", "0001-01-01", "0000-00-00 00:00:00", "9999-12-31T23:59:59+14:00",
     "9999-12-31T23:59:59-12:00", "1899-12-31T16:59:59Z", "2101-01-01T00:00:00Z",
     "1 Jan 0001 00:00 WIB", "31/12/9999 23:59 WIB", "99999999999"],
)  # fmt: skip
def test_placeholder_years_are_no_dates(raw: str) -> None:
    # An empty CMS date ("0001-01-01") or "never" (year 9999) is not a publication time,
    # and the database cannot hold it.
    assert parse_datetime(raw, default_tz=WIB) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1900-01-01T07:00:00+07:00", "1900-01-01T07:00:00+07:00"),
        ("2100-12-31T23:59:59Z", "2100-12-31T23:59:59+00:00"),
    ],
)
def test_the_plausible_years_end_at_1900_and_2100_in_utc(raw: str, expected: str) -> None:
    assert parse_datetime(raw, default_tz=WIB) == datetime.fromisoformat(expected)


def test_resolve_passes_over_placeholders_and_keeps_them() -> None:
    resolved = resolve_datetime(
        [
            Found("0001-01-01T00:00:00", "json-ld"),
            Found("9999-12-31T23:59:59+14:00", "meta:published"),
            Found("Senin, 15 Feb 2016 13:46 WIB", "byline"),
        ],
        default_tz=WIB,
    )
    assert resolved.value == datetime(2016, 2, 15, 13, 46, tzinfo=WIB)
    assert resolved.source == "byline"
    assert resolved.conflicts == ()
    assert resolved.implausible == (
        ("json-ld", "0001-01-01T00:00:00"),
        ("meta:published", "9999-12-31T23:59:59+14:00"),
    )


@pytest.mark.parametrize("raw", ["12:51 p.m.", "12:06 PM", "10:30 WIB", "pukul 14.00", "09:15 ET"])
def test_a_clock_without_a_day_is_no_date_even_with_now(raw: str) -> None:
    assert parse_datetime(raw, default_tz=WIB, now=NOW) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("5 menit yang lalu", "2017-04-28T07:55:00+07:00"),
        ("2 jam lalu", "2017-04-28T06:00:00+07:00"),
        ("kemarin", "2017-04-27T08:00:00+07:00"),
        ("3 hari yang lalu", "2017-04-25T08:00:00+07:00"),
    ],
)
def test_relative_times_need_now(raw: str, expected: str) -> None:
    assert parse_datetime(raw, default_tz=WIB) is None
    value = parse_datetime(raw, default_tz=WIB, now=NOW)
    assert value is not None
    assert value.isoformat() == expected


def test_fallback_results_are_aware_in_the_site_zone() -> None:
    # Not a shape the explicit parser knows; dateparser reads it and it must come back aware.
    value = parse_datetime("27th of April 2017 10:00", default_tz=WITA)
    assert value is not None
    assert value.isoformat() == "2017-04-27T10:00:00+08:00"


def test_naive_now_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="aware"):
        parse_datetime("kemarin", now=datetime(2017, 4, 28))  # noqa: DTZ001 (the point of the test)


def test_resolve_takes_the_first_and_flags_disagreement() -> None:
    resolved = resolve_datetime(
        [
            Found("not a date", "meta:article:published_time"),
            Found("2016-02-16T02:10:56Z", "json-ld"),
            Found("on 16 Feb 2016 at 09:10 WIB", "byline"),  # same minute: agrees
            Found("16 Feb 2016 10:10 WIB", "markup:time[datetime]"),  # an hour off
        ],
        default_tz=WIB,
        now=None,
    )
    assert resolved.value == datetime(2016, 2, 16, 2, 10, 56, tzinfo=UTC)
    assert (resolved.raw, resolved.source) == ("2016-02-16T02:10:56Z", "json-ld")
    assert resolved.conflicts == (("markup:time[datetime]", "16 Feb 2016 10:10 WIB"),)


def test_resolve_with_nothing_usable() -> None:
    resolved = resolve_datetime([Found("kemarin", "byline")], default_tz=WIT, now=None)
    assert resolved.value is None
    assert resolved.source is None
    assert resolved.conflicts == ()
    assert resolved.implausible == ()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # kapanlagi-style bylines write the hour with the part of the day.
        ("Kamis, 27 Apr. 2017 jam 10 pagi", "2017-04-27T10:00:00+07:00"),
        ("Kamis, 27 Apr. 2017 pukul 7 malam", "2017-04-27T19:00:00+07:00"),
        ("27 Apr 2017 jam 2 siang", "2017-04-27T14:00:00+07:00"),
        ("27 Apr 2017 pukul 4 sore", "2017-04-27T16:00:00+07:00"),
        ("27 Apr 2017 pukul 13.30 siang", "2017-04-27T13:30:00+07:00"),
    ],
)
def test_part_of_day_hours_are_not_midnight(raw, expected):
    assert parse_datetime(raw).isoformat() == expected


@pytest.mark.parametrize(
    "text",
    [
        "Kamis, 27 Apr. 2017 jam 10 pagi",
        "PUKUL 7 MALAM",
        "Senin, 15 Feb 2016 pukul 13.30 Siang",
        "jam 4 sore",
        "jam 6 petang",
        # The pattern ignores case, so these match it too; lowercasing does not find them.
        "jam 10 pagı",
        "jam 2 ſiang",
        "jam 9 PAGİ",
    ],
)
def test_daypart_shortcut_lets_every_part_of_day_through(text: str) -> None:
    assert _DAYPART.search(text)
    assert _may_name_daypart(text)


@pytest.mark.parametrize("text", ["2016-02-16T09:10:56+07:00", "Senin, 15 Feb 2016 13:46 WIB"])
def test_daypart_shortcut_rules_out_plain_values(text: str) -> None:
    assert not _may_name_daypart(text)


def _general_path(raw: str, default_tz: tzinfo) -> datetime | None:
    """parse_datetime_any_year without its plain-ISO shortcut (a _PLAIN_ISO string never
    falls back)."""
    known, value = _parse_explicit(_prepare(raw), default_tz, None)
    assert known
    return value


@pytest.mark.parametrize(
    "raw",
    [
        "2016-02-16T09:10:56+07:00",
        "2016-02-16T09:10:56Z",
        "2016-02-16T09:10:56-05:30",
        "2016-02-16T09:10:56+08:00",
        "2016-02-16T09:10:56+0700",
        "2016-02-16T09:10:56+14:00",
        "2016-02-16T09:10:56+14:01",  # no place uses it: None
        "2016-02-16T09:10:56+25:00",
        "2016-02-16T09:10:56.000Z",
        "2016-02-16T09:10:56.5+07:00",
        "2016-02-16T09:10:56.123456Z",
        "2016-02-16T09:10:56",
        "2016-02-16 09:10:56",
        "2016-02-16 09:10:56+07:00",
        "2016-02-16",
        "2016-02-30T09:10:56+07:00",  # no such day: None
        "2016-02-30",
        "2016-13-16T09:10:56+07:00",
        "2016-02-16T24:10:56Z",
        "2016-02-16T09:10:60Z",
        "0000-02-16T09:10:56Z",
    ],
)
def test_plain_iso_shortcut_gives_the_general_result(raw: str) -> None:
    assert _PLAIN_ISO.fullmatch(raw)
    for zone in (WIB, UTC, timezone(timedelta(hours=-3))):
        value = parse_datetime_any_year(raw, default_tz=zone)
        general = _general_path(raw, zone)
        # Equal instants compare equal across zones: the zone itself must match too.
        assert value == general
        assert (value and value.tzinfo) == (general and general.tzinfo)


@pytest.mark.parametrize(
    "raw",
    [
        # Just outside the shapes: the general path reads them as before.
        "2016-02-16T09:10:56.1234567+07:00",
        "2016-02-16T09:10:56,123+07:00",
        "2016-02-16T09:10:56 +07:00",
        "2016-02-16T09:10:56+07",
        "2016-02-16T09:10:56z",
        "2016-02-16t09:10:56Z",
        "2016-02-16  09:10:56",
        "2016-02-16T09:10",
        "2016-2-16",
        "2016/02/16",
        "2016-02-16T09:10:56+07:00\n",
        " 2016-02-16T09:10:56+07:00",
        "٢٠١٦-02-16T09:10:56+07:00",
    ],
)
def test_values_outside_the_plain_iso_shapes_take_the_general_path(raw: str) -> None:
    assert not _PLAIN_ISO.fullmatch(raw)


# Any two digits, or (more often valid) a month's, day's or hour's.
_DIGITS = st.one_of(
    st.text(alphabet="0123456789", min_size=2, max_size=2),
    st.integers(min_value=1, max_value=12).map("{:02d}".format),
)
_TIME = st.tuples(
    st.sampled_from("T "),
    _DIGITS,
    _DIGITS,
    _DIGITS,
    st.one_of(st.just(""), st.text(alphabet="0123456789", min_size=1, max_size=6).map(".".__add__)),
    st.one_of(
        st.just(""),
        st.just("Z"),
        st.tuples(st.sampled_from("+-"), _DIGITS, st.sampled_from(["", ":"]), _DIGITS).map("".join),
    ),
).map(lambda t: f"{t[0]}{t[1]}:{t[2]}:{t[3]}{t[4]}{t[5]}")


@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet="0123456789", min_size=4, max_size=4),
    _DIGITS,
    _DIGITS,
    st.one_of(st.just(""), _TIME),
)
def test_plain_iso_shortcut_on_any_such_string(year: str, month: str, day: str, time: str) -> None:
    raw = f"{year}-{month}-{day}{time}"
    assert _PLAIN_ISO.fullmatch(raw)
    value = parse_datetime_any_year(raw, default_tz=WIB)
    general = _general_path(raw, WIB)
    assert value == general
    assert (value and value.tzinfo) == (general and general.tzinfo)


def test_nothing_usable_resolves_to_empty_values_every_time() -> None:
    # One shared frozen instance stands for every unresolved field.
    first = resolve_datetime([])
    second = resolve_datetime([Found("not a date", "meta")])
    assert first == second == ResolvedDate(value=None, raw=None, source=None, conflicts=())
