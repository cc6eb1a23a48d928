"""The revisit policy, the plans the archive keeps, and the decisions an incremental crawl makes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from scrapy.http import Request
from sqlalchemy import insert, select

from archive.db import make_engine
from archive.migrate import upgrade
from archive.models import Article, VisitSchedule
from archive.schedule import (
    RevisitPolicy,
    VisitPlanner,
    anchor_for,
    due_visits,
    format_duration,
    parse_duration,
    site_schedule,
)
from archive.snapshot import FetchInfo
from archive.store import Archive
from newscrawler.operations.incremental import RevisitBook, changed_since, parse_hint_time
from tests.archive.samples import T0, fetch_for, snapshot

PUBLISHED = datetime(2024, 8, 14, 2, 30, tzinfo=UTC)  # samples.snapshot's publish time


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15m", timedelta(minutes=15)),
        ("1h", timedelta(hours=1)),
        ("1.5h", timedelta(minutes=90)),
        ("3d", timedelta(days=3)),
        ("2w", timedelta(days=14)),
        (" 30s ", timedelta(seconds=30)),
    ],
)
def test_parse_duration(text: str, expected: timedelta) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "15", "m15", "15 minutes", "-1h"])
def test_bad_durations_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="bad duration"):
        parse_duration(text)


def test_policy_round_trips_and_refuses_disorder() -> None:
    policy = RevisitPolicy.parse("15m,1h,3h,12h,1d,3d,7d")
    assert str(policy) == "15m,1h,3h,12h,1d,3d,7d"
    assert format_duration(timedelta(seconds=90)) == "90s"
    assert RevisitPolicy.parse("never").offsets == ()
    assert RevisitPolicy.parse("").offsets == ()
    with pytest.raises(ValueError, match="increasing"):
        RevisitPolicy.parse("1h,15m")


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        (timedelta(0), timedelta(minutes=15)),
        (timedelta(minutes=15), timedelta(hours=1)),  # strictly after the visit
        (timedelta(minutes=16), timedelta(hours=1)),
        (timedelta(hours=20), timedelta(days=1)),  # missed checkpoints are not made up
        (timedelta(days=3, minutes=1), timedelta(days=7)),
        (timedelta(days=7), None),  # the schedule is over
    ],
)
def test_next_visit_is_the_next_checkpoint_after_the_visit(
    after: timedelta, expected: timedelta | None
) -> None:
    policy = RevisitPolicy.parse("15m,1h,3h,12h,1d,3d,7d")
    due = policy.next_visit(T0, T0 + after)
    assert due == (T0 + expected if expected is not None else None)


def test_next_visit_refuses_naive_times() -> None:
    with pytest.raises(ValueError, match="naive"):
        RevisitPolicy.parse("1h").next_visit(T0.replace(tzinfo=None), T0)


def test_anchor_is_the_publish_time_unless_it_is_after_the_first_sighting() -> None:
    assert anchor_for(T0, T0 - timedelta(hours=1)) == T0 - timedelta(hours=1)
    assert anchor_for(T0, T0 + timedelta(hours=7)) == T0  # a zone error on the site
    assert anchor_for(T0, None) == T0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-08-14T10:00:00+07:00", datetime(2024, 8, 14, 3, 0, tzinfo=UTC)),
        ("2024-08-14T03:00:00Z", datetime(2024, 8, 14, 3, 0, tzinfo=UTC)),
        ("Wed, 14 Aug 2024 10:00:00 +0700", datetime(2024, 8, 14, 3, 0, tzinfo=UTC)),
        ("2024-08-14", datetime(2024, 8, 14, tzinfo=UTC)),
        ("2024-08-14T10:00:00", None),  # no offset: which zone? ignored, not guessed
        ("kemarin", None),
        (None, None),
    ],
)
def test_parse_hint_time(text: str | None, expected: datetime | None) -> None:
    assert parse_hint_time(text) == expected


def test_changed_since_reads_lastmod_or_feed_date() -> None:
    visited = datetime(2024, 8, 14, 3, 0, tzinfo=UTC)
    assert changed_since({"lastmod": "2024-08-14T10:30:00+07:00"}, visited)
    assert changed_since({"published": "Wed, 14 Aug 2024 11:00:00 +0700"}, visited)
    assert not changed_since({"lastmod": "2024-08-14T09:30:00+07:00"}, visited)
    assert not changed_since({"via": "listing"}, visited)


# -- plans kept by the archive ---------------------------------------------------------------


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def archive(request: pytest.FixtureRequest, tmp_path: Path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'archive.sqlite3'}"
    else:
        url = str(request.getfixturevalue("postgres_database"))
    opened = Archive.open(url)
    opened.visit_hooks.append(VisitPlanner(RevisitPolicy.parse("15m,1h,3h")))
    try:
        yield opened
    finally:
        opened.close()


def plan_of(archive: Archive, article_id: int) -> VisitSchedule:
    with archive.session() as session:
        row = session.get(VisitSchedule, article_id)
    assert row is not None
    return row


def test_every_visit_plans_the_next(archive: Archive) -> None:
    item = snapshot(hours=0)  # fetched at T0 = 30 min after publication
    result = archive.store(item, fetch_for(item, etag='"v1"', last_modified="Wed, 14 Aug 2024"))
    row = plan_of(archive, result.article_id)
    assert row.anchor_at == PUBLISHED
    assert row.next_visit_at == PUBLISHED + timedelta(hours=1)
    assert (row.etag, row.last_modified, row.visits, row.last_outcome) == (
        '"v1"',
        "Wed, 14 Aug 2024",
        1,
        "new",
    )

    later = T0 + timedelta(hours=1)
    archive.record_fetch(
        FetchInfo(item.url, "liputan6", later, status=304, etag='"v1"', outcome="not-modified")
    )
    row = plan_of(archive, result.article_id)
    assert row.next_visit_at == PUBLISHED + timedelta(hours=3)
    assert (row.last_outcome, row.visits, row.etag) == ("not-modified", 2, '"v1"')

    archive.record_fetch(
        FetchInfo(item.url, "liputan6", T0 + timedelta(hours=4), status=404, outcome="gone")
    )
    row = plan_of(archive, result.article_id)
    assert row.next_visit_at is None  # 15m, 1h, 3h all passed
    assert row.last_outcome == "gone"
    assert row.etag == '"v1"', "a 404 carries no validators of the article's page"


def test_a_visit_to_an_unknown_url_plans_nothing(archive: Archive) -> None:
    archive.record_fetch(
        FetchInfo("https://www.liputan6.com/read/1/x", "liputan6", T0, status=404, outcome="gone")
    )
    with archive.session() as session:
        assert session.scalars(select(VisitSchedule)).all() == []


def test_site_schedule_and_due_visits(archive: Archive) -> None:
    first = snapshot()
    second = snapshot(
        "https://www.liputan6.com/read/5670002/banjir",
        title="Banjir",
        body="Jakarta banjir lagi.",
        published_at=T0 - timedelta(minutes=5),
    )
    a = archive.store(first, fetch_for(first)).article_id
    b = archive.store(second, fetch_for(second)).article_id
    with archive.session() as session:
        urls, plans = site_schedule(session, "liputan6")
        assert urls["https://liputan6.com/read/5670001/harga-beras-naik"] == a
        assert plans[b].next_visit_at == T0 + timedelta(minutes=10)
        assert plans[a].next_visit_at == PUBLISHED + timedelta(hours=1)
        soon = due_visits(session, T0 + timedelta(minutes=20))
        assert [d.article_id for d in soon] == [b]
        both = due_visits(session, T0 + timedelta(hours=2), site="liputan6")
        assert [d.article_id for d in both] == [b, a]
        assert due_visits(session, T0 + timedelta(hours=2), site="detik") == []


def test_migration_gives_existing_articles_a_finished_plan(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    upgrade(engine, "0001")
    with engine.begin() as connection:
        connection.execute(
            insert(Article).values(
                id=7,
                site="liputan6",
                canonical_url="https://liputan6.com/read/7/x",
                timezone="Asia/Jakarta",
                first_seen_at=T0,
                last_seen_at=T0 + timedelta(hours=2),
                revision_count=0,
            )
        )
    upgrade(engine)
    archive = Archive(engine)
    with archive.session() as session:
        _urls, plans = site_schedule(session, "liputan6")
    archive.close()
    assert plans[7].next_visit_at is None
    assert plans[7].last_visit_at == T0 + timedelta(hours=2)
    assert plans[7].url == "https://liputan6.com/read/7/x"


# -- the decisions of one incremental run ----------------------------------------------------


def book(now: datetime) -> RevisitBook:
    from archive.schedule import Plan

    plans = {
        1: Plan(1, "https://www.liputan6.com/read/1/a", T0, T0 + timedelta(hours=1), '"e1"', None),
        2: Plan(2, "https://www.liputan6.com/read/2/b", T0, T0 + timedelta(days=1), None, "Wed"),
        3: Plan(3, "https://www.liputan6.com/read/3/c", T0, None, None, None),
    }
    urls = {
        "https://liputan6.com/read/1/a": 1,
        "https://liputan6.com/read/2/b": 2,
        "https://liputan6.com/read/3/c": 3,
    }
    return RevisitBook(urls, plans, now)


def article(url: str, **discovered: str) -> Request:
    return Request(url, meta={"article": True, "discovered": discovered})


def test_new_articles_go_out_unchanged() -> None:
    request = article("https://www.liputan6.com/read/9/new")
    assert book(T0).decide(request) == (request, "new")


def test_due_articles_go_out_once_and_conditional() -> None:
    revisits = book(T0 + timedelta(hours=2))
    assert [p.article_id for p in revisits.due()] == [1]
    sent, reason = revisits.decide(article("https://m.liputan6.com/read/1/a?utm_source=x"))
    assert reason == "due"
    assert sent is not None
    assert sent.headers.get("If-None-Match") == b'"e1"'
    assert sent.meta["handle_httpstatus_list"] == [304]
    assert sent.meta["revisit"] == "due"
    assert revisits.decide(article("https://www.liputan6.com/read/1/a")) == (None, "repeated")


def test_articles_not_due_are_skipped_unless_a_sitemap_says_they_changed() -> None:
    revisits = book(T0 + timedelta(hours=2))
    assert revisits.decide(article("https://www.liputan6.com/read/2/b")) == (None, "skipped")
    assert revisits.decide(article("https://www.liputan6.com/read/3/c")) == (None, "skipped")
    sent, reason = revisits.decide(
        article("https://www.liputan6.com/read/3/c", lastmod="2024-08-14T12:00:00+07:00")
    )
    assert reason == "changed"
    assert sent is not None
    assert sent.headers.get("If-None-Match") is None  # no validators were stored


def test_revisit_limit_takes_the_most_overdue_first() -> None:
    revisits = book(T0 + timedelta(days=2))
    revisits.limit = 1
    assert [p.article_id for p in revisits.due()] == [1]
