"""Raw pages: every body a visit received is kept once, compressed, read back byte for
byte; prune keeps the first and last visit of each revision. SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from archive.cli import main
from archive.models import Fetch, RawPage
from archive.rawpages import body_of, prune, prune_plan, unpack
from archive.snapshot import FetchInfo, RawResponse
from archive.store import Archive

from .samples import BODY, T0, fetch_for, snapshot

HEADERS = (
    ("Content-Type", "text/html; charset=utf-8"),
    ("Set-Cookie", "a=1"),
    ("Set-Cookie", "b=2"),
)


def page(text: str) -> RawResponse:
    html = f"<html><head><title>Harga</title></head><body><p>{text}</p><p>{BODY}</p></body></html>"
    return RawResponse(html.encode(), HEADERS)


def _fetches(archive: Archive) -> list[tuple[str, int | None, list[list[str]] | None]]:
    with archive.session() as session:
        rows = session.execute(
            select(Fetch.outcome, Fetch.raw_page_id, Fetch.response_headers).order_by(Fetch.id)
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


def _raw_count(archive: Archive) -> int:
    with archive.session() as session:
        return session.scalar(select(func.count()).select_from(RawPage)) or 0


def test_a_body_is_kept_once_and_reads_back_byte_for_byte(archive: Archive) -> None:
    raw = page("iklan 1")
    first = snapshot()
    archive.store(first, fetch_for(first, raw=raw))
    again = snapshot(hours=1)
    archive.store(again, fetch_for(again, raw=raw))  # an identical body: no new raw page
    other = snapshot(hours=2)
    archive.store(other, fetch_for(other, raw=page("iklan 2")))
    fetches = _fetches(archive)
    assert [outcome for outcome, _, _ in fetches] == ["new", "unchanged", "unchanged"]
    assert fetches[0][1] == fetches[1][1] != fetches[2][1]
    assert _raw_count(archive) == 2
    assert fetches[0][2] == [list(h) for h in HEADERS]  # order and repeats kept
    with archive.session() as session:
        assert body_of(session, fetches[0][1]) == raw.body  # type: ignore[arg-type]
        stored = session.get_one(RawPage, fetches[0][1])
        assert stored.compression == "zstd"
        assert stored.size == len(raw.body)
        assert len(stored.data) < len(raw.body)


def test_a_batch_and_a_visit_that_stored_nothing_keep_theirs_too(archive: Archive) -> None:
    a = snapshot("https://www.liputan6.com/read/5670002/satu")
    b = snapshot("https://www.liputan6.com/read/5670003/dua")
    same = page("sama")
    archive.store_many([(a, fetch_for(a, raw=same)), (b, fetch_for(b, raw=same))])
    blocked = FetchInfo(
        url="https://www.liputan6.com/read/5670004/tiga",
        site="liputan6",
        fetched_at=T0,
        status=403,
        outcome="blocked",
        reason="HTTP 403",
        raw=RawResponse(b"<html>Access denied</html>", (("Server", "cloudflare"),)),
    )
    archive.record_fetch(blocked)
    archive.record_fetch(blocked)
    no_body = FetchInfo(url=blocked.url, site="liputan6", fetched_at=T0, outcome="failed")
    archive.record_fetch(no_body)
    fetches = _fetches(archive)
    assert fetches[0][1] == fetches[1][1]
    assert fetches[2][1] == fetches[3][1] is not None
    assert fetches[4][1:] == (None, None)
    assert _raw_count(archive) == 2
    with archive.session() as session:
        assert body_of(session, fetches[2][1]) == b"<html>Access denied</html>"  # type: ignore[arg-type]


def test_a_visit_without_a_raw_response_stores_none(archive: Archive) -> None:
    item = snapshot()
    archive.store(item, fetch_for(item))
    assert _fetches(archive) == [("new", None, None)]
    assert _raw_count(archive) == 0


def _visits(archive: Archive, bodies: list[tuple[str, float, str]]) -> None:
    """One visit per (marker, hours, title): a new body each time."""
    for marker, hours, title in bodies:
        item = snapshot(hours=hours, title=title)
        archive.store(item, fetch_for(item, raw=page(marker)))


def test_prune_keeps_the_first_and_last_visit_of_each_revision(archive: Archive) -> None:
    _visits(
        archive,
        [
            ("r1-a", 0, "Satu"),
            ("r1-b", 1, "Satu"),
            ("r1-c", 2, "Satu"),
            ("r1-d", 3, "Satu"),
            ("r2-a", 4, "Dua"),
            ("r2-b", 5, "Dua"),
            ("r1-a", 6, "Dua"),  # the body of an earlier visit: the raw page is shared
        ],
    )
    dropped = FetchInfo(
        url="https://www.liputan6.com/read/5670001/harga-beras-naik",
        site="liputan6",
        fetched_at=T0,
        status=200,
        outcome="dropped",
        reason="no body",
        raw=RawResponse(b"<html>video</html>"),
    )
    archive.record_fetch(dropped)
    before = _fetches(archive)
    assert _raw_count(archive) == 7

    with archive.session() as session:
        plan = prune_plan(session)
    # Revision 1: visits b, c let go; revision 2: the middle visit (r2-b) lets go; r1-a stays
    # (the first visit of revision 1 and the last of revision 2).
    assert (plan.fetches, plan.raw_pages) == (3, 3)
    assert 0 < plan.stored_bytes < plan.original_bytes
    assert _fetches(archive) == before  # a plan changes nothing

    with archive.session() as session, session.begin():
        done = prune(session)
    assert done == plan
    after = _fetches(archive)
    kept = [raw_id is not None for _, raw_id, _ in after]
    assert kept == [True, False, False, True, True, False, True, True]
    assert all(headers is not None for _, _, headers in after)  # headers stay with the visits
    assert _raw_count(archive) == 4
    with archive.session() as session:
        for _, raw_id, _ in after:
            if raw_id is not None:
                assert body_of(session, raw_id).startswith(b"<html>")
        again = prune_plan(session)
    assert (again.fetches, again.raw_pages) == (0, 0)


def test_unknown_compression_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown raw page compression"):
        unpack("brotli", b"")


def test_the_prune_command_says_what_it_would_free_and_then_frees_it(archive_url: str) -> None:
    with Archive.open(archive_url) as archive:
        _visits(archive, [("a", 0, "Satu"), ("b", 1, "Satu"), ("c", 2, "Satu")])
        before = _fetches(archive)

    def prune_command(*args: str) -> dict[str, object]:
        result = CliRunner().invoke(
            main, ["--db", archive_url, "raw", "prune", "--keep", "first-last", "--json", *args]
        )
        assert result.exit_code == 0, result.output
        return json.loads(result.output)

    dry = prune_command("--dry-run")
    assert dry["dry_run"] is True
    assert (dry["fetches_unlinked"], dry["raw_pages_freed"]) == (1, 1)
    assert dry["stored_bytes_freed"] > 0  # type: ignore[operator]
    with Archive.open(archive_url) as archive:
        assert _fetches(archive) == before
        assert _raw_count(archive) == 3
    done = prune_command()
    assert {**done, "dry_run": True} == dry
    with Archive.open(archive_url) as archive:
        assert [raw_id is not None for _, raw_id, _ in _fetches(archive)] == [True, False, True]
        assert _raw_count(archive) == 2
    stats = CliRunner().invoke(main, ["--db", archive_url, "stats", "--json"])
    raw = json.loads(stats.output)["raw_pages"]
    assert (raw["count"], raw["fetches_with_body"]) == (2, 2)
    assert 0 < raw["stored_bytes"] < raw["original_bytes"]
    assert "raw pages" in CliRunner().invoke(main, ["--db", archive_url, "stats"]).output
    text = CliRunner().invoke(
        main, ["--db", archive_url, "raw", "prune", "--keep", "first-last", "--dry-run"]
    )
    assert text.exit_code == 0
    assert text.output.startswith("would free 0 raw pages")


def test_the_body_command_writes_a_visit_s_body_as_received(archive_url: str) -> None:
    with Archive.open(archive_url) as archive:
        item = snapshot()
        archive.store(item, fetch_for(item, raw=page("iklan")))
        archive.store(snapshot(hours=1), fetch_for(snapshot(hours=1)))
    with Archive.open(archive_url) as archive, archive.session() as session:
        ids = list(session.scalars(select(Fetch.id).order_by(Fetch.id)))
    body = CliRunner().invoke(main, ["--db", archive_url, "raw", "body", str(ids[0])])
    assert body.exit_code == 0
    assert body.stdout_bytes == page("iklan").body
    with_headers = CliRunner().invoke(
        main, ["--db", archive_url, "raw", "body", str(ids[0]), "--headers"]
    )
    assert with_headers.stdout_bytes.startswith(b"Content-Type: text/html; charset=utf-8\r\n")
    assert with_headers.stdout_bytes.endswith(b"\r\n\r\n" + page("iklan").body)
    none = CliRunner().invoke(main, ["--db", archive_url, "raw", "body", str(ids[1])])
    assert none.exit_code == 1
    assert "has no body kept" in none.output
