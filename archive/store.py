"""Writing to the archive: one call per fetched article, one per visit that stored nothing.

``Archive.store`` runs in one transaction: find the article (publisher id, then any known URL
variant), compare the normalized content hash with the latest revision, and add a revision
only when it differs. Concurrent writers are made safe by the database, not by luck: unique
constraints on canonical URL, URL alias, (site, publisher id), (article, revision number) and
(article, content hash) turn a race into an IntegrityError, and the whole store is retried,
finding the row the other writer just committed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, and_, bindparam, delete, func, insert, or_, select
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from archive import neardup
from archive.batch import (
    BatchVisitHook,
    BatchWriter,
    PreparedItem,
    StoreOutcome,
    StoreResult,
    Visit,
    names_key,
    prepare,
    results_of,
    revisit_article,
    visits_of,
)
from archive.db import make_engine, writer
from archive.diff import body_diff, field_diff
from archive.identity import InvalidURLError, canonicalize_url, url_aliases
from archive.migrate import upgrade as upgrade_schema
from archive.models import (
    Article,
    ArticleURL,
    Content,
    Fetch,
    NearDuplicate,
    Revision,
    Run,
    SearchDocument,
    SimhashBand,
)
from archive.queries import find_article_id, load_article
from archive.revisions import NormalizedContent, content_from_row, normalize_snapshot
from archive.snapshot import ArticleSnapshot, FetchInfo
from archive.timestamps import require_aware
from archive.views import ArticleView

__all__ = ["FETCH_ONLY_OUTCOMES", "Archive", "StoreOutcome", "StoreResult", "VisitHook"]

# Outcomes of visits that stored no article; store() sets the others.
FETCH_ONLY_OUTCOMES = frozenset({"not-modified", "gone", "blocked", "failed", "dropped"})
# A race lost to another writer is retried this many times before the error propagates.
MAX_ATTEMPTS = 5
# PostgreSQL's deadlock_detected and serialization_failure: the server aborted one of two
# transactions that locked the same rows (say, two articles linking to each other as
# near-duplicates) in opposite order; running it again succeeds.
RETRYABLE_SQLSTATES = frozenset({"40P01", "40001"})

# Called inside the transaction of every visit to a known article, with the session, the
# article id, the visit and its outcome ("unchanged", "gone", ...). A hook's writes commit or
# roll back with the visit itself: archive.schedule plans the next revisit this way.
# store_many() hands a hook with a ``visited_many`` method (archive.batch.BatchVisitHook) all
# of its visits in one call; a plain hook is called once per visit after the batch's rows
# are written, so it sees the batch's final rows.
VisitHook = Callable[[Session, int, FetchInfo, str], None]

# Near-duplicate candidates: articles storing any of a hash's probe keys (neardup.probes),
# and their hashes. Built once: an OR of (band = k AND value IN (...)) lets SQLite answer
# every term from the covering (band, value, article_id, simhash) index, where a row-value
# IN made it scan the whole table and ingest slowed as the archive grew.
_CANDIDATES = select(SimhashBand.article_id, SimhashBand.simhash).where(
    or_(
        *(
            and_(
                SimhashBand.band == band,
                SimhashBand.value.in_(bindparam(f"values_{band}", expanding=True)),
            )
            for band in range(neardup.BANDS)
        )
    ),
    SimhashBand.article_id != bindparam("self"),
)


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
        """Archive one fetched article and log the visit, in one transaction."""
        content = normalize_snapshot(snapshot)
        ZoneInfo(snapshot.timezone)  # an unknown zone name fails here, before anything is written
        for attempt in range(1, MAX_ATTEMPTS + 1):
            try:
                with self._sessions() as session, session.begin():
                    return self._store(session, snapshot, content, fetch)
            except (IntegrityError, OperationalError) as error:
                if attempt == MAX_ATTEMPTS or not _lost_a_race(error):
                    raise
        raise AssertionError("unreachable: the last attempt returns or raises")

    def store_many(self, items: Sequence[tuple[ArticleSnapshot, FetchInfo]]) -> list[StoreResult]:
        """Archive a batch of fetched articles in one transaction; one result per item.

        The outcomes and rows are the same as calling ``store`` on each item in order (see
        archive.batch), at a fraction of the statements and one commit. A race lost to
        another writer runs the whole batch again; nothing of a failed batch is written.
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
        with self._sessions() as session, session.begin():
            try:
                article_id = find_article_id(session, [canonicalize_url(fetch.url)])
            except InvalidURLError:
                article_id = None  # a failed fetch of a malformed link is still logged
            revision_id = None
            if article_id is not None and fetch.outcome == "not-modified":
                article = session.get_one(Article, article_id, with_for_update=True)
                latest = self._latest_revision(session, article)
                if latest is not None:
                    latest.last_seen_at = max(latest.last_seen_at, fetch.fetched_at)
                    revision_id = latest.id
                article.last_seen_at = max(article.last_seen_at, fetch.fetched_at)
            row = self._fetch_row(fetch, fetch.outcome, article_id, revision_id)
            session.add(row)
            session.flush()
            if article_id is not None:
                self._visited(session, article_id, fetch, fetch.outcome)
            return row.id

    def start_run(self, site: str, started_at: datetime, args: dict[str, Any] | None = None) -> int:
        """Record the start of a crawl; returns the run id to put in each FetchInfo."""
        with self._sessions() as session, session.begin():
            run = Run(
                site=site,
                started_at=require_aware(started_at, "started_at"),
                status="running",
                args=dict(args or {}),
                stats={},
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

    # -- reading (shortcuts; see archive.queries for the rest) ----------------------------

    def article_for_url(self, url: str) -> ArticleView | None:
        """The article a URL (any known variant) leads to, with its latest revision."""
        with self.session() as session:
            article_id = find_article_id(session, [canonicalize_url(url)])
            return load_article(session, article_id) if article_id is not None else None

    # -- internals -------------------------------------------------------------------------

    def _store(
        self,
        session: Session,
        snapshot: ArticleSnapshot,
        content: NormalizedContent,
        fetch: FetchInfo,
    ) -> StoreResult:
        seen_at = require_aware(snapshot.fetched_at, "fetched_at")
        aliases = url_aliases(snapshot.url, snapshot.canonical_url)
        article = self._find_article(session, snapshot, aliases)
        if article is None:
            article = Article(
                site=snapshot.site,
                canonical_url=aliases[0],
                publisher_id=snapshot.publisher_id,
                timezone=snapshot.timezone,
                language=snapshot.language,
                first_seen_at=seen_at,
                last_seen_at=seen_at,
                revision_count=0,
            )
            session.add(article)
            session.flush()
        else:
            revisit_article(article, snapshot, seen_at)
        self._add_aliases(session, article.id, aliases, seen_at)

        content_hash = content.content_hash()
        latest = self._latest_revision(session, article)
        latest_content = session.get_one(Content, latest.content_id) if latest else None
        if latest is not None and latest_content and latest_content.content_hash == content_hash:
            latest.last_seen_at = max(latest.last_seen_at, seen_at)
            session.add(self._fetch_row(fetch, "unchanged", article.id, latest.id))
            self._visited(session, article.id, fetch, "unchanged")
            return StoreResult("unchanged", article.id, latest.number)

        stored = session.scalars(
            select(Content).where(
                Content.article_id == article.id, Content.content_hash == content_hash
            )
        ).one_or_none()
        reverts_to: int | None = None
        if stored is not None:
            outcome: StoreOutcome = "reverted"
            reverts_to = session.scalar(
                select(func.max(Revision.number)).where(
                    Revision.article_id == article.id, Revision.content_id == stored.id
                )
            )
        else:
            outcome = "new" if latest is None else "revised"
            stored = Content(
                article_id=article.id,
                content_hash=content_hash,
                title=content.title,
                subtitle=content.subtitle,
                authors=content.authors,
                editors=content.editors,
                tags=content.tags,
                section=content.section,
                dateline=content.dateline,
                body=content.body,
                published_at=content.published_at,
                modified_at=content.modified_at,
                simhash=neardup.simhash(content.body),
            )
            session.add(stored)
            session.flush()

        if latest_content is not None:
            before = content_from_row(latest_content)
            sentences = body_diff(before.body, content.body)
            fields = field_diff(before, content, sentences)
        else:
            fields, sentences = {}, {"added": [], "removed": [], "changed": []}
        revision = Revision(
            article_id=article.id,
            number=article.revision_count + 1,
            content_id=stored.id,
            kind=outcome,
            reverts_to=reverts_to,
            first_seen_at=seen_at,
            last_seen_at=seen_at,
            field_diff=fields,
            body_diff=sentences,
        )
        article.revision_count = revision.number
        session.add(revision)
        session.flush()
        self._index(session, article, content)
        self._link_near_duplicates(session, article.id, stored.simhash, content.body, seen_at)
        session.add(self._fetch_row(fetch, outcome, article.id, revision.id))
        self._visited(session, article.id, fetch, outcome)
        return StoreResult(outcome, article.id, revision.number)

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

    @staticmethod
    def _find_article(
        session: Session, snapshot: ArticleSnapshot, aliases: list[str]
    ) -> Article | None:
        if snapshot.publisher_id is not None:
            article = session.scalars(
                select(Article)
                .where(Article.site == snapshot.site, Article.publisher_id == snapshot.publisher_id)
                .with_for_update()
            ).one_or_none()
            if article is not None:
                return article
        article_id = find_article_id(session, aliases)
        if article_id is None:
            return None
        return session.get_one(Article, article_id, with_for_update=True)

    @staticmethod
    def _add_aliases(
        session: Session, article_id: int, aliases: list[str], seen_at: datetime
    ) -> None:
        known = set(session.scalars(select(ArticleURL.url).where(ArticleURL.url.in_(aliases))))
        for url in aliases:
            if url not in known:
                session.add(ArticleURL(article_id=article_id, url=url, first_seen_at=seen_at))
        session.flush()

    @staticmethod
    def _latest_revision(session: Session, article: Article) -> Revision | None:
        if article.revision_count == 0:
            return None
        return session.scalars(
            select(Revision).where(
                Revision.article_id == article.id, Revision.number == article.revision_count
            )
        ).one()

    @staticmethod
    def _index(session: Session, article: Article, content: NormalizedContent) -> None:
        values = {
            "site": article.site,
            "section": content.section,
            "authors_key": names_key(content.authors),
            "tags_key": names_key(content.tags),
            "published_at": content.published_at,
            "title": content.title,
            "body": content.body,
        }
        document = session.get(SearchDocument, article.id)
        if document is None:
            session.add(SearchDocument(article_id=article.id, **values))
        else:
            for name, value in values.items():
                setattr(document, name, value)

    @staticmethod
    def _link_near_duplicates(
        session: Session, article_id: int, simhash: int, body: str, seen_at: datetime
    ) -> None:
        session.execute(delete(SimhashBand).where(SimhashBand.article_id == article_id))
        if neardup.word_count(body) < neardup.MIN_WORDS:
            return
        params: dict[str, Any] = {"self": article_id}
        for band, value in neardup.probes(simhash):
            params.setdefault(f"values_{band}", []).append(value)
        candidates = dict(session.execute(_CANDIDATES, params).all())
        session.execute(
            insert(SimhashBand),
            [
                {"article_id": article_id, "band": band, "value": value, "simhash": simhash}
                for band, value in enumerate(neardup.bands(simhash))
            ],
        )
        for other, other_hash in candidates.items():
            distance = neardup.hamming(simhash, other_hash)
            if distance > neardup.MAX_DISTANCE:
                continue
            low, high = min(article_id, other), max(article_id, other)
            link = session.scalars(
                select(NearDuplicate).where(
                    NearDuplicate.article_id == low, NearDuplicate.duplicate_id == high
                )
            ).one_or_none()
            if link is None:
                session.add(
                    NearDuplicate(
                        article_id=low, duplicate_id=high, distance=distance, found_at=seen_at
                    )
                )
            else:
                link.distance = distance

    @staticmethod
    def _fetch_row(
        fetch: FetchInfo, outcome: str, article_id: int | None, revision_id: int | None
    ) -> Fetch:
        return Fetch(
            run_id=fetch.run_id,
            article_id=article_id,
            revision_id=revision_id,
            url=fetch.url,
            site=fetch.site,
            fetched_at=require_aware(fetch.fetched_at, "fetched_at"),
            status=fetch.status,
            etag=fetch.etag,
            last_modified=fetch.last_modified,
            outcome=outcome,
            reason=fetch.reason,
            extraction=fetch.extraction,
        )


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
