"""parse_datetime against dateparser.parse on the same strings, in the same run.

The explicit parser exists to be fast and predictable on the formats pages really use; this
measures both claims. Throughput is reported as a ratio against dateparser measured in the same
process, so the figure does not depend on the machine. Agreement counts the strings where both
give the same instant; every disagreement is listed so a reader can judge who is right.

    python -m bench.dates            # strings from ../shared/pages if present, else built in
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from newscrawler.normalize.dates import parse_datetime
from newscrawler.normalize.zones import WIB

SHARED_PAGES = Path(__file__).resolve().parent.parent.parent / "shared" / "pages"

# Absolute times in the shapes the sites use (relative ones would measure "now", not parsing).
BUILT_IN = [
    "24 Nov 2019, 13:46 WIB",
    "Diperbarui 24 Nov 2019, 14:16 WIB",
    "Rabu, 14 Agustus 2024 | 10:30 WITA",
    "Senin, 15 Feb 2016 13:46 WIB",
    "Kamis 27 April 2017, 19:21 WIB",
    "27/04/2017, 19:21 WIB",
    "2016-02-16T02:10:56Z",
    "2016-02-16 09:10:56",
    "2016-02-16T09:10:56+07:00",
    "Fri, 28 Apr 2017 06:38:16 +0700",
    "Thu, 27 Apr 2017 22:50:49 GMT",
    "Selasa, 14/2/2017 12:31 WIB",
    "on 16 Feb 2016 at 09:10 WIB",
    "Kamis, 05/11/2015 10:08 WIB",
    "Jum'at, 19 Juni 2015 | 13:12 WIB",
    "Selasa, 16 Februari 2016 | 14:38 WIB",
    "Kamis 09 Juli 2020 07:26 WIB",
    "Sabtu, 10 Des 2022 13:19 WIB",
    "22/10/2025 06:59",
    "Senin, 15 Februari 2016, 16:15 WIB",
]

_FEED_DATE = re.compile(r"<(?:pubDate|dc:date|lastBuildDate)>([^<]{8,60})</")
_ATTRIBUTE_DATE = re.compile(r'(?:datetime|content)="(\d{4}-\d{2}-\d{2}[T ][^"]{4,30})"')


def collect_strings(pages: Path = SHARED_PAGES) -> list[str]:
    """Date strings as the shared pages hold them (feed dates, datetime/meta attributes)."""
    found: list[str] = []
    if not pages.is_dir():
        return list(BUILT_IN)
    for path in sorted(pages.rglob("*")):
        if path.suffix not in {".xml", ".rss", ".html"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        found += [m.strip() for m in _FEED_DATE.findall(text)]
        found += [m.strip() for m in _ATTRIBUTE_DATE.findall(text)]
    return found + list(BUILT_IN)


def _dateparser_parse(base: datetime) -> Callable[[str], datetime | None]:
    import dateparser

    settings = {
        "RETURN_AS_TIMEZONE_AWARE": True,
        "TIMEZONE": "+0700",
        "PREFER_DATES_FROM": "past",
        "RELATIVE_BASE": base,
    }

    def parse(raw: str) -> datetime | None:
        return dateparser.parse(raw, languages=["id", "en"], settings=settings)

    return parse


def _best_time(parse: Callable[[str], Any], strings: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for raw in strings:
            parse(raw)
        best = min(best, time.perf_counter() - start)
    return best


def run(strings: list[str] | None = None, repeat: int = 3) -> dict[str, Any]:
    """Throughput of both parsers on ``strings``, their ratio, and where they disagree."""
    strings = strings if strings is not None else collect_strings()
    now = datetime(2020, 1, 1, 12, 0, tzinfo=WIB)
    ours = lambda raw: parse_datetime(raw, default_tz=WIB, now=now)  # noqa: E731
    theirs = _dateparser_parse(now)
    for raw in strings[:5]:  # both load lazily (dateparser's language data); not part of timing
        ours(raw)
        theirs(raw)
    ours_seconds = _best_time(ours, strings, repeat)
    theirs_seconds = _best_time(theirs, strings, repeat)

    agree = 0
    disagreements: list[dict[str, str | None]] = []
    for raw in strings:
        a, b = ours(raw), theirs(raw)
        if a == b:
            agree += 1
        else:
            disagreements.append(
                {
                    "raw": raw,
                    "ours": a.isoformat() if a else None,
                    "dateparser": b.isoformat() if b else None,
                }
            )
    count = len(strings)
    return {
        "strings": count,
        "repeat": repeat,
        "ours_per_second": count / ours_seconds if ours_seconds else float("inf"),
        "dateparser_per_second": count / theirs_seconds if theirs_seconds else float("inf"),
        "ratio": theirs_seconds / ours_seconds if ours_seconds else float("inf"),
        "agreement": agree / count if count else 1.0,
        "disagreements": disagreements,
    }


def _print_summary(result: dict[str, Any]) -> None:
    print(f"strings:        {result['strings']} (best of {result['repeat']})")
    print(f"parse_datetime: {result['ours_per_second']:,.0f} strings/s")
    print(f"dateparser:     {result['dateparser_per_second']:,.0f} strings/s")
    print(f"ratio:          {result['ratio']:.1f}x")
    print(f"agreement:      {result['agreement']:.1%}")
    unique = {d["raw"]: d for d in result["disagreements"]}
    for item in unique.values():
        print(f"  {item['raw']!r}: ours={item['ours']} dateparser={item['dateparser']}")


if __name__ == "__main__":
    _print_summary(run())
