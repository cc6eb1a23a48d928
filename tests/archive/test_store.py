"""Storing articles: identity, revisions, reverts, fetch log and runs, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import StatementError

from archive import queries
from archive.models import Article, ArticleURL, Content, Fetch, Revision, Run
from archive.snapshot import FetchInfo
from archive.store import Archive
from archive.timestamps import NaiveDatetimeError

from .samples import BODY, T0, fetch_for, snapshot

VARIANTS = [
    "https://www.liputan6.com/read/5670001/harga-beras-naik",
    "https://m.liputan6.com/read/5670001/harga-beras-naik?utm_source=twitter",
    "http://liputan6.com/amp/read/5670001/harga-beras-naik/#comments",
    "https://amp.liputan6.com/read/5670001/harga-beras-naik?fbclid=IwAR0x",
]
EDITED_BODY = BODY.replace(
    "harga beras medium mencapai Rp 14.000", "harga beras medium mencapai Rp 14.500"
)


def count(archive: Archive, column: object, *where: object) -> int:
    with archive.session() as session:
        return session.scalar(select(func.count(column)).where(*where)) or 0  # type: ignore[arg-type]


def store(archive: Archive, url: str = VARIANTS[0], *, hours: float = 0, **fields: object):  # type: ignore[no-untyped-def]
    item = snapshot(url, hours=hours, **fields)
    return archive.store(item, fetch_for(item))


def test_four_url_variants_are_one_article_and_refetches_add_only_fetches(archive: Archive) -> None:
    results = [store(archive, url, hours=i) for i, url in enumerate(VARIANTS)]
    assert [r.outcome for r in results] == ["new", "unchanged", "unchanged", "unchanged"]
    assert {r.article_id for r in results} == {results[0].article_id}
    assert {r.revision for r in results} == {1}
    assert count(archive, Article.id) == 1
    assert count(archive, Revision.id) == 1
    assert count(archive, Fetch.id, Fetch.outcome == "unchanged") == 3
    for url in VARIANTS:
        found = archive.article_for_url(url)
        assert found is not None
        assert found.id == results[0].article_id
    with archive.session() as session:
        revision = session.scalars(select(Revision)).one()
    assert revision.first_seen_at == T0
    assert revision.last_seen_at == T0 + timedelta(hours=3)


def test_publisher_id_joins_urls_with_different_slugs(archive: Archive) -> None:
    first = store(archive, publisher_id="5670001")
    # The site changed the slug after a retitle; its article id did not change.
    second = store(
        archive,
        "https://www.liputan6.com/read/5670001/harga-beras-naik-lagi",
        hours=1,
        publisher_id="5670001",
        title="Harga Beras Naik Lagi",
    )
    assert second.article_id == first.article_id
    assert second.outcome == "revised"
    view = archive.article_for_url("https://liputan6.com/read/5670001/harga-beras-naik-lagi")
    assert view is not None
    assert view.urls == [
        "https://liputan6.com/read/5670001/harga-beras-naik",
        "https://liputan6.com/read/5670001/harga-beras-naik-lagi",
    ]


def test_an_edited_sentence_is_one_revision_whose_diff_names_it(archive: Archive) -> None:
    store(archive)
    result = store(archive, VARIANTS[1], hours=2, body=EDITED_BODY)
    assert (result.outcome, result.revision) == ("revised", 2)
    with archive.session() as session:
        revisions = queries.history(session, result.article_id)
    assert [r.kind for r in revisions] == ["new", "revised"]
    assert revisions[1].field_diff == {"body": {"added": 0, "removed": 0, "changed": 1}}
    sentence = "Di Pasar Induk Cipinang, harga beras medium mencapai Rp {} per kilogram."
    assert revisions[1].body_diff == {
        "added": [],
        "removed": [],
        "changed": [{"before": sentence.format("14.000"), "after": sentence.format("14.500")}],
    }


def test_a_retitle_is_a_revision_with_a_field_diff(archive: Archive) -> None:
    store(archive)
    result = store(archive, hours=1, title="Harga Beras Naik Lagi")
    with archive.session() as session:
        latest = queries.history(session, result.article_id)[-1]
    assert latest.field_diff == {
        "title": {
            "before": "Harga Beras Naik, Pedagang Keluhkan Pasokan",
            "after": "Harga Beras Naik Lagi",
        }
    }
    assert latest.body_diff == {"added": [], "removed": [], "changed": []}


def test_whitespace_only_change_is_not_a_revision(archive: Archive) -> None:
    store(archive)
    spaced = BODY.replace(". ", ".  ").replace("\n\n", "\n\n\n") + "\n"
    result = store(
        archive, hours=1, body=spaced, title=" Harga Beras Naik,  Pedagang Keluhkan Pasokan"
    )
    assert (result.outcome, result.revision) == ("unchanged", 1)
    assert count(archive, Revision.id) == 1


def test_a_b_a_is_recorded_as_a_revert_to_the_stored_content(archive: Archive) -> None:
    outcomes = [
        store(archive, hours=0).outcome,
        store(archive, hours=1, body=EDITED_BODY).outcome,
        store(archive, hours=2).outcome,
        store(archive, hours=3, body=EDITED_BODY).outcome,
        store(archive, hours=4).outcome,
    ]
    assert outcomes == ["new", "revised", "reverted", "reverted", "reverted"]
    assert count(archive, Content.id) == 2  # two distinct versions, however often they flip
    with archive.session() as session:
        revisions = queries.history(session, 1)
    assert [(r.number, r.kind, r.reverts_to) for r in revisions] == [
        (1, "new", None),
        (2, "revised", None),
        (3, "reverted", 1),
        (4, "reverted", 2),
        (5, "reverted", 3),
    ]
    assert revisions[0].content_hash == revisions[2].content_hash == revisions[4].content_hash


def test_as_of_returns_the_version_valid_at_that_instant(archive: Archive) -> None:
    store(archive)
    store(archive, hours=5, title="Harga Beras Naik Lagi")
    with archive.session() as session:
        with pytest.raises(queries.RevisionNotFoundError):
            queries.article_as_of(session, 1, T0 - timedelta(seconds=1))
        assert queries.article_as_of(session, 1, T0).revision == 1
        assert queries.article_as_of(session, 1, T0 + timedelta(hours=4, minutes=59)).revision == 1
        at_edit = queries.article_as_of(session, 1, T0 + timedelta(hours=5))
        assert (at_edit.revision, at_edit.title) == (2, "Harga Beras Naik Lagi")


def test_times_come_back_aware_and_show_in_the_article_zone(archive: Archive) -> None:
    store(archive)
    view = archive.article_for_url(VARIANTS[0])
    assert view is not None
    assert view.published_at == datetime(2024, 8, 14, 2, 30, tzinfo=UTC)
    assert view.to_dict()["published_at"] == "2024-08-14T09:30:00+07:00"
    assert view.to_dict()["first_seen_at"] == "2024-08-14T10:00:00+07:00"


def test_naive_datetimes_are_refused_by_the_column_type(archive: Archive) -> None:
    naive = datetime(2024, 8, 14, 10, 0)  # noqa: DTZ001 -- the naive value under test
    with archive.session() as session, session.begin():
        session.add(Run(site="liputan6", started_at=naive, status="x", args={}, stats={}))
        with pytest.raises(StatementError) as raised:
            session.flush()
    assert isinstance(raised.value.orig, NaiveDatetimeError)
    with pytest.raises(NaiveDatetimeError):
        archive.start_run("liputan6", naive)
    assert count(archive, Run.id) == 0


def test_record_fetch_links_known_urls_and_keeps_unknown_ones(archive: Archive) -> None:
    article_id = store(archive).article_id
    not_modified = FetchInfo(
        url=VARIANTS[2],
        site="liputan6",
        fetched_at=T0 + timedelta(hours=6),
        status=304,
        outcome="not-modified",
        etag='"abc"',
        last_modified="Wed, 14 Aug 2024 03:00:00 GMT",
    )
    gone = FetchInfo(
        url="https://www.liputan6.com/read/9/hilang",
        site="liputan6",
        fetched_at=T0,
        status=404,
        outcome="gone",
        reason="404 Not Found",
    )
    archive.record_fetch(not_modified)
    archive.record_fetch(gone)
    with archive.session() as session:
        rows = {f.outcome: f for f in session.scalars(select(Fetch))}
        revision = session.scalars(select(Revision)).one()
    assert rows["not-modified"].article_id == article_id
    assert rows["not-modified"].etag == '"abc"'
    assert rows["gone"].article_id is None
    assert rows["gone"].reason == "404 Not Found"
    # A 304 says the stored version was still current then.
    assert revision.last_seen_at == T0 + timedelta(hours=6)
    with pytest.raises(ValueError, match="use store"):
        archive.record_fetch(
            FetchInfo(url=VARIANTS[0], site="liputan6", fetched_at=T0, outcome="new")
        )


def test_runs_are_recorded_with_their_stats(archive: Archive) -> None:
    run_id = archive.start_run("liputan6", T0, {"days": 2})
    item = snapshot()
    archive.store(item, fetch_for(item, run_id=run_id))
    archive.finish_run(
        run_id, T0 + timedelta(minutes=5), {"archive/new": 1, "finish_time": T0}, "finished"
    )
    with archive.session() as session:
        run = session.get_one(Run, run_id)
        fetch = session.scalars(select(Fetch)).one()
    assert (run.status, run.args, run.finished_at) == (
        "finished",
        {"days": 2},
        T0 + timedelta(minutes=5),
    )
    assert run.stats == {"archive/new": 1, "finish_time": "2024-08-14T03:00:00+00:00"}
    assert fetch.run_id == run_id


def test_wire_copies_on_two_sites_are_linked_not_merged(archive: Archive) -> None:
    store(archive)
    copy = archive.store(
        *(lambda s: (s, fetch_for(s)))(
            snapshot(
                "https://www.merdeka.com/uang/harga-beras-naik.html",
                site="merdeka",
                body=BODY.replace("Liputan6.com, Jakarta -", "Merdeka.com -"),
                canonical_url="https://www.liputan6.com/read/5670001/harga-beras-naik",
            )
        )
    )
    assert copy.outcome == "new"
    assert count(archive, Article.id) == 2
    with archive.session() as session:
        assert [d for d, _ in queries.near_duplicates(session, 1)] == [copy.article_id]
        assert (
            session.scalar(select(func.count(ArticleURL.id)).where(ArticleURL.article_id == 2)) == 1
        )
