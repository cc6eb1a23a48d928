"""The newsarchive CLI on a small archive: every command works and fails clearly on bad input."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from archive.cli import main
from archive.store import Archive

from .samples import BODY, fetch_for, snapshot

URL = "https://www.liputan6.com/read/5670001/harga-beras-naik"
EDITED = BODY.replace("Rp 14.000", "Rp 14.500")


@pytest.fixture
def small_archive(archive_url: str) -> str:
    """An archive with one article in three revisions (new, edited, retitled) and one other."""
    with Archive.open(archive_url) as archive:
        for hours, fields in [
            (0, {}),
            (2, {"body": EDITED}),
            (4, {"body": EDITED, "title": "Harga Beras Naik Lagi"}),
        ]:
            item = snapshot(URL, hours=hours, **fields)
            archive.store(item, fetch_for(item))
        other = snapshot(
            "https://news.detik.com/berita/d-7/banjir",
            site="detik",
            title="Banjir",
            body="Banjir merendam Jakarta Utara. Warga mengungsi.",
        )
        archive.store(other, fetch_for(other))
    return archive_url


def run(db: str, *args: str) -> Result:
    return CliRunner().invoke(main, ["--db", db, *args])


def test_every_command_has_help_with_an_example() -> None:
    def commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
        found: list[tuple[str, click.Command]] = [(prefix or "newsarchive", group)]
        for name, command in group.commands.items():
            if isinstance(command, click.Group):
                found += commands(command, f"{prefix} {name}".strip())
            else:
                found.append((f"{prefix} {name}".strip(), command))
        return found

    listed = commands(main)
    assert {name for name, _ in listed} >= {
        "search",
        "show",
        "history",
        "diff",
        "changes",
        "stats",
        "export",
        "db",
        "db upgrade",
        "health",
        "due",
    }
    for name, command in listed:
        text = command.help or ""
        assert "Example" in text, f"{name} --help lacks an example"
        assert "newsarchive " in text, f"{name} --help example does not show the command"
        args = [] if name == "newsarchive" else name.split()
        shown = CliRunner().invoke(main, [*args, "--help"])
        assert shown.exit_code == 0
        assert "Example" in shown.output


def test_show_latest_revision_and_as_of(small_archive: str) -> None:
    latest = run(small_archive, "show", URL, "--json")
    assert latest.exit_code == 0, latest.output
    assert json.loads(latest.output)["title"] == "Harga Beras Naik Lagi"
    # 11:30 WIB is 04:30 UTC, between the first version (03:00) and the edit (05:00).
    then = run(small_archive, "show", "1", "--as-of", "2024-08-14T11:30", "--json")
    shown = json.loads(then.output)
    assert (shown["revision"], shown["body"]) == (1, BODY)
    assert shown["first_seen_at"] == "2024-08-14T10:00:00+07:00"
    at_edit = json.loads(
        run(small_archive, "show", "1", "--as-of", "2024-08-14T05:00Z", "--json").output
    )
    assert at_edit["revision"] == 2
    table = run(small_archive, "show", "https://m.liputan6.com/read/5670001/harga-beras-naik")
    assert table.exit_code == 0
    assert "Harga Beras Naik Lagi" in table.output
    assert "3 of 3" in table.output


def test_history_diff_changes_stats(small_archive: str) -> None:
    history = json.loads(run(small_archive, "history", URL, "--json").output)
    assert [(h["revision"], h["kind"], h["changed_fields"]) for h in history] == [
        (1, "new", []),
        (2, "revised", ["body"]),
        (3, "revised", ["title"]),
    ]
    assert "revised" in run(small_archive, "history", "1").output

    diff = json.loads(run(small_archive, "diff", "1", "1", "2", "--json").output)
    sentence = "Di Pasar Induk Cipinang, harga beras medium mencapai Rp {} per kilogram."
    assert diff["body"]["changed"] == [
        {"before": sentence.format("14.000"), "after": sentence.format("14.500")}
    ]
    latest = run(small_archive, "diff", "1")
    assert latest.exit_code == 0
    assert "Harga Beras Naik Lagi" in latest.output

    titles = json.loads(run(small_archive, "changes", "--field", "title", "--json").output)
    assert [(c["article_id"], c["revision"]) for c in titles] == [(1, 3)]
    assert (
        len(json.loads(run(small_archive, "changes", "--site", "liputan6", "--json").output)) == 2
    )
    since = json.loads(
        run(small_archive, "changes", "--since", "2024-08-14T13:00", "--json").output
    )
    assert [c["revision"] for c in since] == [3]  # 14:00 WIB; revision 2 came at 12:00 WIB
    late = run(small_archive, "changes", "--since", "2024-08-14T14:30", "--json")
    assert json.loads(late.output) == []

    stats = json.loads(run(small_archive, "stats", "--json").output)
    assert (stats["articles"], stats["revisions"], stats["fetches"]) == (2, 4, 4)
    assert "liputan6" in run(small_archive, "stats").output


def test_search_and_export(small_archive: str, tmp_path: Path) -> None:
    found = run(small_archive, "search", "beras", "--json")
    assert found.exit_code == 0
    assert [h["article_id"] for h in json.loads(found.output)] == [1]
    assert run(small_archive, "search", "banjir", "--site", "detik").exit_code == 0
    assert run(small_archive, "search", "tsunami").exit_code == 1

    jsonl = run(small_archive, "export", "--format", "jsonl")
    assert [json.loads(line)["revision"] for line in jsonl.stdout.splitlines()] == [1, 2, 3, 1]
    out = tmp_path / "latest.csv"
    assert (
        run(small_archive, "export", "--format", "csv", "-o", str(out), "--latest").exit_code == 0
    )
    with out.open(encoding="utf-8", newline="") as rows:
        assert [row["revision"] for row in csv.DictReader(rows)] == ["3", "1"]
    parquet = tmp_path / "a.parquet"
    assert run(small_archive, "export", "--format", "parquet", "-o", str(parquet)).exit_code == 0
    assert parquet.stat().st_size > 0


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["show", "999"], 1, "no article with id 999"),
        (["show", "https://liputan6.com/read/1/tidak-ada"], 1, "no article for URL"),
        (["show", "bukan url"], 1, "neither an article id nor a URL"),
        (["show", "1", "--revision", "9"], 1, "has no revision 9"),
        (["show", "1", "--as-of", "2020-01-01"], 1, "not yet seen at"),
        (["show", "1", "--as-of", "kemarin"], 2, "bad date/time 'kemarin'"),
        (["show", "1", "--as-of", "2024-08-14", "--revision", "1"], 2, "not both"),
        (["diff", "1", "1"], 2, "give both REV_A and REV_B"),
        (["diff", "1", "1", "7"], 1, "has no revision 7"),
        (["diff", "2"], 1, "one revision only"),
        (["changes", "--field", "warna"], 2, "choose one of"),
        (["changes", "--since", "2024-02-30"], 2, "bad date/time"),
        (["search", "--", "--"], 2, "nothing to search for"),
        (["search", "ASN " * 2000], 2, "at most 512 are allowed"),
        (["export", "--format", "parquet"], 2, "give --output"),
        (["export", "--format", "xml"], 2, "Invalid value"),
        (["--tz", "Mars/Olympus", "stats"], 2, "unknown time zone"),
    ],
)
def test_bad_input_fails_clearly(
    small_archive: str, args: list[str], code: int, message: str
) -> None:
    result = run(small_archive, *args)
    assert result.exit_code == code, result.output
    assert message in result.output


def test_an_overlong_search_is_refused_in_one_line(small_archive: str) -> None:
    result = run(small_archive, "search", "ASN " * 2000)
    assert result.exit_code == 2
    assert result.output.strip() == (
        "Error: the query is 8,000 characters long: at most 512 are allowed"
    )


@pytest.mark.parametrize("command", [["stats"], ["search", "x"], ["show", "1"], ["history", "1"]])
def test_read_commands_never_create_a_missing_database(tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "nowhere.sqlite3"
    result = run(f"sqlite:///{missing}", *command)
    assert result.exit_code == 2
    assert "no archive at" in result.output
    assert "db upgrade" in result.output
    assert not missing.exists()


def test_db_upgrade_creates_then_reads_work(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'new.sqlite3'}"
    created = run(db, "db", "upgrade")
    assert created.exit_code == 0, created.output
    assert run(db, "db", "upgrade").exit_code == 0
    assert json.loads(run(db, "stats", "--json").output)["articles"] == 0


def test_a_database_without_the_schema_is_reported(tmp_path: Path) -> None:
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    result = run(f"sqlite:///{empty}", "stats")
    assert result.exit_code == 2
    assert "has schema none" in result.output


def test_unreachable_server_is_reported() -> None:
    result = run("postgresql+psycopg://postgres@127.0.0.1:1/none", "stats")
    assert result.exit_code == 2
    assert "cannot open the archive" in result.output


def test_show_finds_an_article_by_its_publisher_id_under_any_slug(archive_url: str) -> None:
    with Archive.open(archive_url) as archive:
        item = snapshot(URL, publisher_id="5670001")
        archive.store(item, fetch_for(item))
    for ref in (
        "https://www.liputan6.com/read/5670001/anything",
        "https://m.liputan6.com/bisnis/read/5670001/old-slug?utm_source=x",
    ):
        result = run(archive_url, "show", ref, "--json")
        assert result.exit_code == 0, result.output
        assert json.loads(result.output)["canonical_url"].endswith("/read/5670001/harga-beras-naik")
    # The same number on another site's URL is another site's article.
    result = run(archive_url, "show", "https://news.detik.com/read/5670001/x")
    assert result.exit_code != 0
    assert "no article for URL" in result.output
