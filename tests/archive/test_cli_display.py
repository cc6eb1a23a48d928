"""What ``newsarchive`` shows a reader, on both backends: spreadsheet-safe CSV, taken-down
articles, and every time in the article's own zone."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from archive.cli import main
from archive.export import export_records, write_csv
from archive.snapshot import FetchInfo, FetchOutcome
from archive.store import Archive
from archive.takedown import spells_from_visits

from .samples import BODY, T0, fetch_for, snapshot

URL = "https://www.liputan6.com/read/5670001/harga-beras-naik"
FORMULA = '=HYPERLINK("http://x","y")'
# An ISO 8601 time with its offset, as any command prints one.
ISO_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?([+-]\d\d:\d\d|Z)")


def run(db: str, *args: str) -> Result:
    # Wide enough that rich never folds a time across two lines of a table.
    return CliRunner().invoke(main, ["--db", db, *args], env={"COLUMNS": "250"})


def ok(db: str, *args: str) -> str:
    result = run(db, *args)
    assert result.exit_code == 0, result.output
    return result.stdout  # without the export's "exported N revisions" on stderr


# --- CSV export safe for spreadsheets ---------------------------------------------------

STARTS = ["=", "+", "-", "@"]


@pytest.fixture
def formula_archive(archive_url: str) -> str:
    """One article per formula character, its title, first author and first tag starting
    with it, and one ordinary article."""
    with Archive.open(archive_url) as archive:
        for number, start in enumerate(STARTS, start=1):
            item = snapshot(
                f"https://www.liputan6.com/read/{number}/judul",
                title=start + FORMULA[1:],
                authors=(f"{start}Budi Santoso",),
                tags=(f"{start}beras", "pangan"),
            )
            archive.store(item, fetch_for(item))
        plain = snapshot(URL)
        archive.store(plain, fetch_for(plain))
    return archive_url


def _csv_rows(db: str, tmp_path: Path, *flags: str) -> list[dict[str, str]]:
    out = tmp_path / "export.csv"
    ok(db, "export", "--format", "csv", "-o", str(out), *flags)
    with out.open(encoding="utf-8", newline="") as rows:
        return list(csv.DictReader(rows))


def test_csv_cells_that_would_run_as_formulas_are_neutralised(
    formula_archive: str, tmp_path: Path
) -> None:
    rows = _csv_rows(formula_archive, tmp_path)
    assert [(r["title"], r["authors"], r["tags"]) for r in rows[: len(STARTS)]] == [
        (f"'{s}{FORMULA[1:]}", f"'{s}Budi Santoso", f"'{s}beras; pangan") for s in STARTS
    ]
    plain = rows[len(STARTS)]
    assert (plain["title"], plain["authors"]) == (
        "Harga Beras Naik, Pedagang Keluhkan Pasokan",
        "Budi Santoso",
    )
    assert plain["published_at"] == "2024-08-14T09:30:00+07:00"


def test_raw_cells_writes_csv_values_verbatim(formula_archive: str, tmp_path: Path) -> None:
    rows = _csv_rows(formula_archive, tmp_path, "--raw-cells")
    assert [(r["title"], r["authors"], r["tags"]) for r in rows[: len(STARTS)]] == [
        (s + FORMULA[1:], f"{s}Budi Santoso", f"{s}beras; pangan") for s in STARTS
    ]


def test_jsonl_export_is_never_neutralised(formula_archive: str) -> None:
    lines = ok(formula_archive, "export", "--format", "jsonl").splitlines()
    assert json.loads(lines[0])["title"] == FORMULA
    assert json.loads(lines[0])["authors"] == ["=Budi Santoso"]


def test_raw_cells_is_refused_for_formats_that_are_raw_anyway(formula_archive: str) -> None:
    result = run(formula_archive, "export", "--format", "jsonl", "--raw-cells")
    assert result.exit_code == 2
    assert "--raw-cells is for --format csv" in result.output


@pytest.mark.parametrize("start", ["\t", "\r"])
def test_cells_starting_with_tab_or_carriage_return_are_neutralised(
    formula_archive: str, start: str
) -> None:
    # Stored text never starts with white space (normalization strips it), so the writer is
    # given records that do, as a record built elsewhere could.
    with Archive.open(formula_archive, upgrade=False) as archive, archive.session() as session:
        records = [r | {"title": start + "=1+1"} for r in export_records(session)]
    safe, raw = io.StringIO(), io.StringIO()
    write_csv(iter(records), safe)
    write_csv(iter(records), raw, raw_cells=True)
    assert {r["title"] for r in csv.DictReader(io.StringIO(safe.getvalue()))} == {f"'{start}=1+1"}
    assert {r["title"] for r in csv.DictReader(io.StringIO(raw.getvalue()))} == {f"{start}=1+1"}


# --- Taken-down articles ----------------------------------------------------------------


def _visit(archive: Archive, hours: float, outcome: FetchOutcome, status: int | None) -> None:
    archive.record_fetch(
        FetchInfo(
            url=URL,
            site="liputan6",
            fetched_at=T0 + timedelta(hours=hours),
            status=status,
            outcome=outcome,
        )
    )


@pytest.fixture
def gone_archive(archive_url: str) -> str:
    """The article stored at 10:00 WIB, then 404 the next day at 10:00 and 16:00 WIB, then a
    403 (which says nothing about the page)."""
    with Archive.open(archive_url) as archive:
        item = snapshot(URL)
        archive.store(item, fetch_for(item))
        _visit(archive, 24, "gone", 404)
        _visit(archive, 30, "gone", 404)
        _visit(archive, 31, "blocked", 403)
    return archive_url


def test_show_says_an_article_is_gone(gone_archive: str) -> None:
    shown = json.loads(ok(gone_archive, "show", "1", "--json"))
    assert {k: v for k, v in shown.items() if k.startswith("gone")} == {
        "gone": True,
        "gone_since": "2024-08-15T10:00:00+07:00",
        "gone_status": 404,
        "gone_checked_at": "2024-08-15T16:00:00+07:00",
    }
    table = ok(gone_archive, "show", URL)
    assert re.search(r"gone\s+since 2024-08-15T10:00\+07:00 \(HTTP 404\)", table)


def test_show_as_of_a_time_before_the_takedown_is_not_gone(gone_archive: str) -> None:
    before = json.loads(ok(gone_archive, "show", "1", "--as-of", "2024-08-15T09:00", "--json"))
    assert (before["gone"], before["gone_since"]) == (False, None)
    during = json.loads(ok(gone_archive, "show", "1", "--as-of", "2024-08-15T12:00", "--json"))
    assert (during["gone"], during["gone_checked_at"]) == (True, "2024-08-15T10:00:00+07:00")


def test_history_lists_the_gone_visits_in_the_timeline(gone_archive: str) -> None:
    history = json.loads(ok(gone_archive, "history", "1", "--json"))
    assert [(h["revision"], h["kind"]) for h in history] == [(1, "new"), (None, "gone")]
    gone = history[1]
    assert (gone["first_seen_at"], gone["last_seen_at"]) == (
        "2024-08-15T10:00:00+07:00",
        "2024-08-15T16:00:00+07:00",
    )
    assert (gone["status"], gone["visits"], gone["back_at"]) == (404, 2, None)
    table = ok(gone_archive, "history", "1")
    assert re.search(r"gone \(HTTP 404\)\W+2024-08-15T10:00\+07:00\W+2024-08-15T16:00", table)


@pytest.mark.parametrize(
    ("outcome", "changed"),
    [("unchanged", {}), ("revised", {"body": BODY.replace("Rp 14.000", "Rp 15.000")})],
)
def test_an_article_that_came_back_is_not_gone(
    gone_archive: str, outcome: str, changed: dict[str, str]
) -> None:
    with Archive.open(gone_archive) as archive:
        item = snapshot(URL, hours=48, **changed)
        assert archive.store(item, fetch_for(item)).outcome == outcome
    shown = json.loads(ok(gone_archive, "show", "1", "--json"))
    assert (shown["gone"], shown["gone_since"], shown["gone_status"]) == (False, None, None)
    assert "gone" not in ok(gone_archive, "show", "1")
    history = json.loads(ok(gone_archive, "history", "1", "--json"))
    gone = [h for h in history if h["kind"] == "gone"]
    assert [(g["visits"], g["back_at"]) for g in gone] == [(2, "2024-08-16T10:00:00+07:00")]
    # Taken down between the first version and the one it came back with.
    assert [h["kind"] for h in history] == ["new", "gone", *(["revised"] if changed else [])]


def test_a_410_after_a_return_is_a_new_takedown(gone_archive: str) -> None:
    with Archive.open(gone_archive) as archive:
        item = snapshot(URL, hours=48)
        archive.store(item, fetch_for(item))
        _visit(archive, 72, "gone", 410)
    shown = json.loads(ok(gone_archive, "show", "1", "--json"))
    assert (shown["gone_since"], shown["gone_status"]) == ("2024-08-17T10:00:00+07:00", 410)
    history = json.loads(ok(gone_archive, "history", "1", "--json"))
    assert [(h["kind"], h["status"] if h["kind"] == "gone" else None) for h in history] == [
        ("new", None),
        ("gone", 404),
        ("gone", 410),
    ]


def test_gone_spells_follow_the_rules_in_order() -> None:
    t = [T0 + timedelta(hours=h) for h in range(6)]
    spells = spells_from_visits(
        [
            (t[0], "new", 200),
            (t[1], "failed", None),  # says nothing: no spell starts
            (t[2], "gone", 410),
            (t[3], "dropped", 200),  # says nothing: the spell goes on
            (t[4], "not-modified", 304),  # a 304 found the page: the spell ends
            (t[5], "gone", None),
        ]
    )
    assert [(s.since, s.checked_at, s.status, s.visits, s.back_at) for s in spells] == [
        (t[2], t[2], 410, 1, t[4]),
        (t[5], t[5], None, 1, None),
    ]


# --- Every time in the article's zone ---------------------------------------------------


ZONES = [("Asia/Jakarta", "+07:00"), ("Asia/Makassar", "+08:00")]


@pytest.fixture(params=ZONES, ids=lambda p: p[0])
def zoned(request: pytest.FixtureRequest, archive_url: str) -> tuple[str, str]:
    """An article of a site in ``zone``, fetched at times with microseconds, whose second
    revision moved its publish time and added a modified time; returns (URL, offset)."""
    zone, offset = request.param
    micro = timedelta(microseconds=123456)
    with Archive.open(archive_url) as archive:
        first = snapshot(URL, timezone=zone, fetched_at=T0 + micro)
        archive.store(first, fetch_for(first))
        second = snapshot(
            URL,
            timezone=zone,
            fetched_at=T0 + timedelta(hours=2) + micro,
            published_at=datetime(2024, 8, 14, 2, 45, tzinfo=UTC),
            modified_at=datetime(2024, 8, 14, 4, 50, tzinfo=UTC),
        )
        archive.store(second, fetch_for(second))
        _visit(archive, 24, "gone", 404)
    return archive_url, offset


def _offsets(text: str) -> set[str]:
    return {match.group(1) for match in ISO_TIME.finditer(text)}


COMMANDS = [
    ["show", "1"],
    ["show", "1", "--json"],
    ["show", "1", "--revision", "1", "--json"],
    ["history", "1"],
    ["history", "1", "--json"],
    ["diff", "1"],
    ["diff", "1", "--json"],
    ["changes"],
    ["changes", "--json"],
    ["search", "beras"],
    ["search", "beras", "--json"],
    ["export", "--format", "jsonl", "--latest"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_prints_times_in_the_articles_zone(
    zoned: tuple[str, str], command: list[str]
) -> None:
    db, offset = zoned
    output = ok(db, *command)
    assert ISO_TIME.search(output), f"{command} printed no time"
    assert _offsets(output) == {offset}


def test_time_fields_in_diffs_are_shown_in_the_articles_zone(zoned: tuple[str, str]) -> None:
    db, offset = zoned
    hour = 9 if offset == "+07:00" else 10  # of the first publish time, 02:30 UTC
    published = {
        "before": f"2024-08-14T{hour:02d}:30:00{offset}",
        "after": f"2024-08-14T{hour:02d}:45:00{offset}",
    }
    modified = {"before": None, "after": f"2024-08-14T{hour + 2}:50:00{offset}"}
    diff = json.loads(ok(db, "diff", "1", "--json"))
    assert diff["fields"] == {"published_at": published, "modified_at": modified}
    assert diff["to_first_seen_at"] == f"2024-08-14T{hour + 3}:00:00.123456{offset}"
    assert f"published_at: {published['before']!r} -> {published['after']!r}" in ok(db, "diff", "1")
    latest = json.loads(ok(db, "history", "1", "--json"))[1]
    assert latest["field_diff"]["published_at"] == published
    (change,) = json.loads(ok(db, "changes", "--json"))
    assert change["field_diff"]["modified_at"] == modified


def test_an_error_that_names_a_time_names_it_in_the_articles_zone(
    zoned: tuple[str, str],
) -> None:
    db, offset = zoned
    # Read in --tz (WIB): midnight WIB is 01:00 in Makassar.
    result = run(db, "show", "1", "--as-of", "2020-01-01")
    assert result.exit_code == 1
    clock = "00:00" if offset == "+07:00" else "01:00"
    first = "10:00" if offset == "+07:00" else "11:00"  # 03:00 UTC
    assert (
        f"article 1 not yet seen at 2020-01-01T{clock}{offset}: the archive first saw it at "
        f"2024-08-14T{first}{offset}"
    ) in result.output


@pytest.mark.parametrize("command", [["show", "1"], ["history", "1"], ["changes"], ["diff", "1"]])
def test_tables_show_times_to_the_minute(zoned: tuple[str, str], command: list[str]) -> None:
    db, _ = zoned
    output = ok(db, *command)
    times = ISO_TIME.findall(output)
    assert times
    # A field's change in a diff ("published_at: '…' -> '…'") is its value, shown whole.
    shown = "\n".join(line for line in output.splitlines() if not re.match(r"\w+: ", line))
    assert not re.search(r"T\d\d:\d\d:\d\d", shown)
    # JSON keeps the stored precision.
    assert ".123456" in ok(db, *command, "--json")


def test_show_json_prints_null_for_missing_values(zoned: tuple[str, str]) -> None:
    db, _ = zoned
    output = ok(db, "show", "1", "--revision", "1", "--json")
    shown = json.loads(output)
    for name in ("subtitle", "modified_at", "publisher_id", "dateline"):
        assert shown[name] is None, name
    assert "None" not in output
