"""Writing to the archive: one call per fetched article, one per visit that stored nothing.

Every article is stored through one path: ``store`` is a batch of one, ``store_many`` and the
crawl's ``store_prepared`` a batch of many (archive.batch runs the rule of archive.decide).
A batch runs in one transaction. Concurrent writers are made safe by the database, not by
luck: unique constraints on canonical URL, URL alias, (site, publisher id), (article,
revision number) and (article, content hash) turn a race into an IntegrityError, and the
whole batch is retried, finding the rows the other writer just committed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from archive.batch import BatchWriter, results_of, visits_of
from archive.batch_write import fetch_values
from archive.db import make_engine, writer
from archive.identity import InvalidURLError, canonicalize_url
from archive.migrate import upgrade as upgrade_schema
from archive.models import Article, Fetch, Revision, Run
from archive.queries import find_article_id, load_article
from archive.rawpages import PackedResponse, PrunePlan, pack, prune, prune_plan, write_raw_pages
from archive.runs import close_dead_runs, this_process
from archive.snapshot import ArticleSnapshot, FetchInfo
from archive.timestamps import require_aware
from archive.views import ArticleView
from archive.vocabulary import (
    FETCH_ONLY_OUTCOMES,
    BatchVisitHook,
    PreparedItem,
    StoreOutcome,
    StoreResult,
    Visit,
    VisitHook,
    prepare,
)

__all__ = ["FETCH_ONLY_OUTCOMES", "Archive", "StoreOutcome", "StoreResult", "VisitHook"]

# A race lost to another writer is retried this many times before the error propagates.
MAX_ATTEMPTS = 5
# PostgreSQL's deadlock_detected and serialization_failure: the server aborted one of two
# transactions that locked the same rows (say, two articles linking to each other as
# near-duplicates) in opposite order; running it again succeeds.
RETRYABLE_SQLSTATES = frozenset({"40P01", "40001"})


class Archive:
    """The archive at one database URL. Open with ``Archive.open(url)``; close when done."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(writer(engine), expire_on_commit=False)
        self._read_sessions = sessionmaker(engine, expire_on_commit=False)
        self.visit_hooks: list[VisitHook] = []

    @classmethod
    def open(cls, url: str | None = None, *, upgrade: bool = True, **engine_kwargs: Any) -> Archive:
        """Connect to the archive at ``url`` (None: ``$ARCHIVE_URL``, else ./archive.sqlite3).

        With ``upgrade`` (the default) the schema is migrated to the newest revision first,
        creating it in an empty database.
        """
        engine = make_engine(url, **engine_kwargs)
        if upgrade:
            upgrade_schema(engine)
        return cls(engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def session(self) -> Session:
        """A read session (no write lock on SQLite) for the query modules."""
        return self._read_sessions()

    # -- writing ---------------------------------------------------------------------------

    def store(self, snapshot: ArticleSnapshot, fetch: FetchInfo) -> StoreResult:
        """Archive one fetched article and log the visit, in one transaction.

        A batch of one: the same rule (archive.decide) as ``store_many`` and the crawl.
        """
        return self.store_prepared([prepare(snapshot, fetch)])[0]

    def store_many(self, items: Sequence[tuple[ArticleSnapshot, FetchInfo]]) -> list[StoreResult]:
        """Archive a batch of fetched articles in one transaction; one result per item.

        The outcomes and rows are the same as calling ``store`` on each item in order
        (archive.decide takes the items in order), in one commit. A race lost to another
        writer runs the whole batch again; nothing of a failed batch is written.
        """
        return self.store_prepared([prepare(snapshot, fetch) for snapshot, fetch in items])

    def store_prepared(self, prepared: Sequence[PreparedItem]) -> list[StoreResult]:
        """``store_many`` for items already checked with ``archive.batch.prepare``.

        A crawler prepares each article as it arrives, so a bad one fails alone instead of
        taking its batch down later.
        """
        if not prepared:
            return []
        for attempt in range(1, MAX_ATTEMPTS + 1):
            try:
                with self._sessions() as session, session.begin():
                    done = BatchWriter(session, prepared).run()
                    self._visited_many(session, visits_of(done))
                    return results_of(done)
            except (IntegrityError, OperationalError) as error:
                if attempt == MAX_ATTEMPTS or not _lost_a_race(error):
                    raise
        raise AssertionError("unreachable: the last attempt returns or raises")

    def record_fetch(self, fetch: FetchInfo) -> int:
        """Log a visit that stored no article; returns the Fetch id.

        The visit is linked to the article when its URL (canonical form) is a known alias. A
        304 also counts as seeing the latest revision again, so it extends its last-seen time.
        """
        if fetch.outcome not in FETCH_ONLY_OUTCOMES:
            raise ValueError(
                f"record_fetch is for visits that stored nothing ({sorted(FETCH_ONLY_OUTCOMES)}),"
                f" got outcome {fetch.outcome!r}; use store() for articles"
            )
        raw = pack(fetch.raw) if fetch.raw is not None else None
        for attempt in range(1, MAX_ATTEMPTS + 1):
            try:
                return self._record_fetch(fetch, raw)
            except (IntegrityError, OperationalError) as error:
                # Another writer stored the same new body first (raw_pages.sha256).
                if attempt == MAX_ATTEMPTS or not _lost_a_race(error):
                    raise
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _record_fetch(self, fetch: FetchInfo, raw: PackedResponse | None) -> int:
        assert fetch.outcome is not None  # checked by record_fetch
        with self._sessions() as session, session.begin():
            try:
                article_id = find_article_id(session, [canonicalize_url(fetch.url)])
            except InvalidURLError:
                article_id = None  # a failed fetch of a malformed link is still logged
            revision_id = None
            if article_id is not None and fetch.outcome == "not-modified":
                article = session.get_one(Article, article_id, with_for_update=True)
                latest = session.scalars(
                    select(Revision).where(
                        Revision.article_id == article.id,
                        Revision.number == article.revision_count,
                    )
                ).one_or_none()
                if latest is not None:
                    latest.last_seen_at = max(latest.last_seen_at, fetch.fetched_at)
                    revision_id = latest.id
                article.last_seen_at = max(article.last_seen_at, fetch.fetched_at)
            session.flush()
            raw_page_id = None
            if raw is not None:
                raw_page_id = write_raw_pages(session, [(raw, fetch.fetched_at)])[raw.sha256]
            values = fetch_values(fetch, fetch.outcome, article_id, revision_id, raw, raw_page_id)
            inserted = session.execute(insert(Fetch).values(values).returning(Fetch.id))
            fetch_id = inserted.scalar_one()
            if article_id is not None:
                self._visited(session, article_id, fetch, fetch.outcome)
            return fetch_id

    def start_run(self, site: str, started_at: datetime, args: dict[str, Any] | None = None) -> int:
        """Record the start of a crawl; returns the run id to put in each FetchInfo.

        Runs of this host left ``running`` by a crawl that died are closed first, as
        ``interrupted`` (see :mod:`archive.runs`)."""
        started_at = require_aware(started_at, "started_at")
        host, pid = this_process()
        with self._sessions() as session, session.begin():
            close_dead_runs(session, started_at)
            run = Run(
                site=site,
                started_at=started_at,
                status="running",
                args=dict(args or {}),
                stats={},
                host=host,
                pid=pid,
            )
            session.add(run)
            session.flush()
            return run.id

    def finish_run(
        self, run_id: int, finished_at: datetime, stats: dict[str, Any], status: str
    ) -> None:
        """Record the end of a crawl with the crawler's stats (made JSON-safe)."""
        with self._sessions() as session, session.begin():
            run = session.get_one(Run, run_id)
            run.finished_at = require_aware(finished_at, "finished_at")
            run.stats = _json_safe(stats)
            run.status = status

    def prune_raw_pages(self, *, dry_run: bool = False) -> PrunePlan:
        """Keep the raw pages of the first and last visit of each revision, free the rest
        (archive.rawpages.prune), in one transaction; ``dry_run`` only says what it would."""
        if dry_run:
            with self.session() as session:
                return prune_plan(session)
        with self._sessions() as session, session.begin():
            return prune(session)

    # -- reading (shortcuts; see archive.queries for the rest) ----------------------------

    def article_for_url(self, url: str) -> ArticleView | None:
        """The article a URL (any known variant) leads to, with its latest revision."""
        with self.session() as session:
            article_id = find_article_id(session, [canonicalize_url(url)])
            return load_article(session, article_id) if article_id is not None else None

    # -- internals -------------------------------------------------------------------------

    def _visited(self, session: Session, article_id: int, fetch: FetchInfo, outcome: str) -> None:
        for hook in self.visit_hooks:
            hook(session, article_id, fetch, outcome)

    def _visited_many(self, session: Session, visits: Sequence[Visit]) -> None:
        for hook in self.visit_hooks:
            if isinstance(hook, BatchVisitHook):
                hook.visited_many(session, visits)
            else:
                for visit in visits:
                    hook(session, visit.article_id, visit.fetch, visit.outcome)


def _lost_a_race(error: DBAPIError) -> bool:
    """Whether a failed store lost a race to another writer (and is worth running again)."""
    if isinstance(error, IntegrityError):
        return True  # a unique constraint: the other writer inserted the row first
    return getattr(error.orig, "sqlstate", None) in RETRYABLE_SQLSTATES


def _json_safe(value: Any) -> Any:
    """Crawler stats hold datetimes and other non-JSON values; keep them as text."""
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    if isinstance(value, datetime):
        return require_aware(value).isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)
