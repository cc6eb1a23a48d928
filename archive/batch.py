"""Storing a batch of fetched articles in one transaction, with a few statements per batch.

``Archive.store`` handles one article with about 17 statements and a commit; crawls and
backfills hand the archive hundreds of articles a minute, and those round trips and commits
were nearly all of its cost. A batch runs the same rules in three steps:

1. read: every row the batch can touch, one ``SELECT ... IN`` per kind (articles by
   publisher id and by URL, their latest revisions and contents, SimHash band matches);
2. decide: the items in order, in memory, exactly as ``Archive.store`` would one after
   another, so a later item sees what an earlier one did (the same article twice, a
   revert, a near-duplicate pair inside the batch);
3. write: bulk INSERTs and UPDATEs in dependency order (articles, contents, revisions,
   then aliases, search documents, SimHash bands, links, fetches and visit plans).

When one URL variant leads to two different articles (two articles later joined by a
canonical URL), the first alias in ``url_aliases`` order wins: the canonical one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, Protocol, cast, runtime_checkable
from zoneinfo import ZoneInfo

from sqlalchemy import Table, and_, delete, func, insert, select, update
from sqlalchemy.orm import Session

from archive import neardup
from archive.diff import body_diff, field_diff
from archive.identity import url_aliases
from archive.models import (
    Article,
    ArticleURL,
    Base,
    Content,
    Fetch,
    NearDuplicate,
    Revision,
    SearchDocument,
    SimhashBand,
)
from archive.revisions import NormalizedContent, content_from_row, normalize_snapshot
from archive.snapshot import ArticleSnapshot, FetchInfo
from archive.timestamps import require_aware

StoreOutcome = Literal["new", "revised", "reverted", "unchanged"]

# Bound parameters per IN list: well under SQLite's 32,766 and PostgreSQL's 65,535.
IN_CHUNK = 500


@dataclass(frozen=True, slots=True)
class StoreResult:
    """What one ``store`` call did: the outcome, the article and its revision number (1-based)."""

    outcome: StoreOutcome
    article_id: int
    revision: int


@dataclass(frozen=True, slots=True)
class Visit:
    """One visit of a known article as a batch hook sees it, with the article as of then.

    ``first_seen_at`` and ``published_at`` (of the latest revision) are taken right after
    this visit was stored, as a per-visit hook would read them from the database.
    """

    article_id: int
    site: str
    fetch: FetchInfo
    outcome: str
    first_seen_at: datetime
    published_at: datetime | None


@runtime_checkable
class BatchVisitHook(Protocol):
    """A visit hook that can take a whole batch's visits, in order, in one call."""

    def visited_many(self, session: Session, visits: Sequence[Visit]) -> None: ...


@dataclass(slots=True)
class PreparedItem:
    """One item with everything that needs no database worked out: done once, before retries."""

    snapshot: ArticleSnapshot
    fetch: FetchInfo
    content: NormalizedContent
    content_hash: str
    aliases: list[str]
    seen_at: datetime
    _simhash: int | None = None

    @property
    def simhash(self) -> int:
        if self._simhash is None:
            self._simhash = neardup.simhash(self.content.body)
        return self._simhash


def prepare(snapshot: ArticleSnapshot, fetch: FetchInfo) -> PreparedItem:
    """Normalize and hash one item; raises on what would fail inside the transaction.

    An unknown zone name, a naive time or a malformed URL fails here, so a batch is
    rejected before anything is written.
    """
    content = normalize_snapshot(snapshot)
    ZoneInfo(snapshot.timezone)
    return PreparedItem(
        snapshot=snapshot,
        fetch=fetch,
        content=content,
        content_hash=content.content_hash(),
        aliases=url_aliases(snapshot.url, snapshot.canonical_url),
        seen_at=require_aware(snapshot.fetched_at, "fetched_at"),
    )


def revisit_article(
    article: Article | _Article, snapshot: ArticleSnapshot, seen_at: datetime
) -> bool:
    """A known article seen again: widen its seen times and take the visit's zone and
    language. ``Archive.store`` and ``store_many`` update an article alike, through this.

    Returns True when the visit gave the article its first publisher id (the caller indexes
    it under that id).
    """
    article.first_seen_at = min(article.first_seen_at, seen_at)
    article.last_seen_at = max(article.last_seen_at, seen_at)
    article.timezone = snapshot.timezone
    article.language = snapshot.language or article.language
    if article.publisher_id is None and snapshot.publisher_id is not None:
        article.publisher_id = snapshot.publisher_id
        return True
    return False


def names_key(names: list[str]) -> str:
    # "|budi santoso|ani|": one LIKE '%|ani|%' filter matches a whole name on any backend.
    return "|" + "|".join(n.casefold() for n in names) + "|" if names else ""


# -- the batch's view of the rows it touches ---------------------------------------------


@dataclass(slots=True, eq=False)
class _Content:
    id: int | None
    content_hash: str
    simhash: int
    normalized: NormalizedContent
    max_number: int  # highest revision number that points at this content
    insert: dict[str, Any] | None = None  # values of a content this batch creates


@dataclass(slots=True, eq=False)
class _Revision:
    id: int | None
    number: int
    content: _Content
    last_seen_at: datetime
    insert: dict[str, Any] | None = None  # values of a revision this batch creates
    touched: bool = False  # an existing revision whose last_seen_at moved


@dataclass(slots=True, eq=False)
class _Article:
    id: int | None
    site: str
    canonical_url: str
    publisher_id: str | None
    timezone: str
    language: str | None
    first_seen_at: datetime
    last_seen_at: datetime
    revision_count: int
    is_new: bool
    latest: _Revision | None = None
    contents: dict[str, _Content] = field(default_factory=dict)
    has_document: bool = False
    document: dict[str, Any] | None = None  # search document values to write

    @property
    def key(self) -> int:
        assert self.id is not None, "articles get their ids before anything refers to them"
        return self.id


@dataclass(slots=True)
class _Link:
    article: _Article
    simhash: int
    words: int
    seen_at: datetime


@dataclass(slots=True)
class _Done:
    item: PreparedItem
    article: _Article
    revision: _Revision
    outcome: StoreOutcome
    first_seen_at: datetime
    published_at: datetime | None


def _table(model: type[Base]) -> Table:
    # Core inserts for rows nobody reads back: the ORM's bulk insert spends more time
    # preparing each row than SQLite spends storing it.
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _chunks(values: Iterable[Any]) -> Iterator[list[Any]]:
    ordered = list(dict.fromkeys(values))
    for start in range(0, len(ordered), IN_CHUNK):
        yield ordered[start : start + IN_CHUNK]


_ARTICLE_COLUMNS = (
    Article.id,
    Article.site,
    Article.canonical_url,
    Article.publisher_id,
    Article.timezone,
    Article.language,
    Article.first_seen_at,
    Article.last_seen_at,
    Article.revision_count,
)
_CONTENT_COLUMNS = (
    Content.id,
    Content.article_id,
    Content.content_hash,
    Content.simhash,
    Content.title,
    Content.subtitle,
    Content.authors,
    Content.editors,
    Content.tags,
    Content.section,
    Content.dateline,
    Content.published_at,
    Content.modified_at,
    Content.body,
)


# Probe keys per candidate query: a batch of 50 articles' 2,600 fit one query.
_PROBES_PER_QUERY = 4000
_MASK64 = (1 << 64) - 1


def _band_matches_query(
    keys_by_band: dict[int, list[int]], dialect: str
) -> tuple[str, tuple[Any, ...]]:
    """Band rows storing any of the keys, as (article id, slot, hash): ``slot`` is
    ``neardup.slot(band, value)``, one int to look the askers up by. Returns the SQL and
    its DB-API parameters.

    One index search per key of the covering (band, value, article_id, simhash) index, never
    reading a row; a UNION ALL of one SELECT per band, which SQLite ran twice as fast as an
    OR of the same terms. At 100k articles a batch's probes meet about 3,700 rows, nearly
    all chance matches, so the rows come back as plain tuples of three ints.

    Each band's 850 or so keys go in as one parameter (a JSON array for SQLite, an array
    for PostgreSQL), so the SQL text is the same for every batch. Written into the SQL as
    literals, each batch's text was new, and SQLite's driver keeps its last 128 prepared
    statements: each of those held a program for 2,600 literals, and a crawl's memory grew
    by about 1 MB per 150 articles until 128 batches had passed. Other backends get the keys
    as integer literals (ints we computed, so nothing can be injected).
    """
    bands = [(band, keys) for band, keys in keys_by_band.items() if keys]
    parameters: tuple[Any, ...]
    if dialect == "sqlite":
        tests = ["IN (SELECT j.value FROM json_each(?) AS j)"] * len(bands)
        parameters = tuple("[" + ",".join(map(str, keys)) + "]" for _, keys in bands)
    elif dialect == "postgresql":
        tests = ["= ANY(%s)"] * len(bands)
        parameters = tuple(keys for _, keys in bands)
    else:
        tests = [f"IN ({', '.join(str(int(key)) for key in keys)})" for _, keys in bands]
        parameters = ()
    table = SimhashBand.__tablename__
    sql = " UNION ALL ".join(
        f"SELECT article_id, value + {neardup.slot(band, 0)}, simhash FROM {table}"
        f" WHERE band = {int(band)} AND value {test}"
        for (band, _), test in zip(bands, tests, strict=True)
    )
    return sql, parameters


class BatchWriter:
    """Stores prepared items inside one open transaction; ``run`` returns their results."""

    def __init__(self, session: Session, items: Sequence[PreparedItem]) -> None:
        self.session = session
        self.items = items
        self.by_publisher_id: dict[tuple[str, str], _Article] = {}
        self.by_alias: dict[str, _Article] = {}
        self.by_canonical: dict[str, _Article] = {}
        self.articles: list[_Article] = []  # every article the batch touches, first touch first
        self.touched: set[int] = set()  # id() of each of them
        self.new_aliases: list[tuple[_Article, str, datetime]] = []
        self.links: list[_Link] = []
        # Near-duplicate candidates from the database: (band, value) -> articles, each
        # article's keys in that index, and its current SimHash.
        self.band_index: dict[tuple[int, int], set[int]] = {}
        self.band_keys: dict[int, list[tuple[int, int]]] = {}
        self.hashes: dict[int, int] = {}
        self.done: list[_Done] = []

    def run(self) -> list[_Done]:
        self._read()
        for item in self.items:
            self._decide(item)
        if self.links:
            self._read_candidates()
        self._write()
        return self.done

    # -- 1. read ----------------------------------------------------------------------------

    def _read(self) -> None:
        session = self.session
        ids: set[int] = set()
        publisher_ids = {i.snapshot.publisher_id for i in self.items} - {None}
        sites = {i.snapshot.site for i in self.items if i.snapshot.publisher_id is not None}
        found_by_publisher: list[Any] = []
        for chunk in _chunks(publisher_ids):
            found_by_publisher += session.execute(
                select(Article.id, Article.site, Article.publisher_id).where(
                    Article.publisher_id.in_(chunk), Article.site.in_(sites)
                )
            ).all()
        aliases = [url for i in self.items for url in i.aliases]
        alias_rows: list[Any] = []
        canonical_rows: list[Any] = []
        for chunk in _chunks(aliases):
            alias_rows += session.execute(
                select(ArticleURL.url, ArticleURL.article_id).where(ArticleURL.url.in_(chunk))
            ).all()
            canonical_rows += session.execute(
                select(Article.canonical_url, Article.id).where(Article.canonical_url.in_(chunk))
            ).all()
        ids |= {row[0] for row in found_by_publisher}
        ids |= {row[1] for row in alias_rows} | {row[1] for row in canonical_rows}
        if not ids:
            return
        loaded: dict[int, _Article] = {}
        # Lock in id order, so two batches touching the same articles queue instead of
        # deadlocking (PostgreSQL; SQLite's writer already holds the whole database).
        for chunk in _chunks(sorted(ids)):
            for row in session.execute(
                select(*_ARTICLE_COLUMNS)
                .where(Article.id.in_(chunk))
                .order_by(Article.id)
                .with_for_update()
            ):
                loaded[row.id] = _Article(
                    id=row.id,
                    site=row.site,
                    canonical_url=row.canonical_url,
                    publisher_id=row.publisher_id,
                    timezone=row.timezone,
                    language=row.language,
                    first_seen_at=row.first_seen_at,
                    last_seen_at=row.last_seen_at,
                    revision_count=row.revision_count,
                    is_new=False,
                )
        for article in loaded.values():
            if article.publisher_id is not None:
                self.by_publisher_id[(article.site, article.publisher_id)] = article
            self.by_canonical[article.canonical_url] = article
        for url, article_id in alias_rows:
            self.by_alias[url] = loaded[article_id]
        self._read_revisions(loaded)

    def _read_revisions(self, loaded: dict[int, _Article]) -> None:
        session = self.session
        hashes = {i.content_hash for i in self.items}
        contents: dict[int, _Content] = {}
        for chunk in _chunks(loaded):
            latest_rows = session.execute(
                select(
                    Revision.id.label("revision_id"),
                    Revision.number.label("revision_number"),
                    Revision.last_seen_at.label("revision_last_seen_at"),
                    *_CONTENT_COLUMNS,
                )
                .join(Content, Content.id == Revision.content_id)
                .join(
                    Article,
                    and_(
                        Article.id == Revision.article_id,
                        Article.revision_count == Revision.number,
                    ),
                )
                .where(Article.id.in_(chunk))
            )
            for row in latest_rows:
                content = contents.get(row.id) or contents.setdefault(row.id, self._content(row))
                article = loaded[row.article_id]
                article.latest = _Revision(
                    row.revision_id, row.revision_number, content, row.revision_last_seen_at
                )
                article.contents[content.content_hash] = content
            # Earlier contents the batch may revert to (usually none).
            for earlier in session.execute(
                select(*_CONTENT_COLUMNS).where(
                    Content.article_id.in_(chunk), Content.content_hash.in_(hashes)
                )
            ):
                content = contents.get(earlier.id) or contents.setdefault(
                    earlier.id, self._content(earlier)
                )
                loaded[earlier.article_id].contents[content.content_hash] = content
            for (article_id,) in session.execute(
                select(SearchDocument.article_id).where(SearchDocument.article_id.in_(chunk))
            ):
                loaded[article_id].has_document = True
        for chunk in _chunks(contents):
            for content_id, number in session.execute(
                select(Revision.content_id, func.max(Revision.number))
                .where(Revision.content_id.in_(chunk))
                .group_by(Revision.content_id)
            ):
                contents[content_id].max_number = number

    @staticmethod
    def _content(row: Any) -> _Content:
        return _Content(row.id, row.content_hash, row.simhash, content_from_row(row), 0)

    # -- 2. decide --------------------------------------------------------------------------

    def _find(self, item: PreparedItem) -> _Article | None:
        snapshot = item.snapshot
        if snapshot.publisher_id is not None:
            found = self.by_publisher_id.get((snapshot.site, snapshot.publisher_id))
            if found is not None:
                return found
        for url in item.aliases:
            if url in self.by_alias:
                return self.by_alias[url]
        for url in item.aliases:
            if url in self.by_canonical:
                return self.by_canonical[url]
        return None

    def _identify(self, item: PreparedItem) -> _Article:
        snapshot, seen_at = item.snapshot, item.seen_at
        article = self._find(item)
        if article is None:
            article = _Article(
                id=None,
                site=snapshot.site,
                canonical_url=item.aliases[0],
                publisher_id=snapshot.publisher_id,
                timezone=snapshot.timezone,
                language=snapshot.language,
                first_seen_at=seen_at,
                last_seen_at=seen_at,
                revision_count=0,
                is_new=True,
            )
            self.by_canonical[article.canonical_url] = article
            if article.publisher_id is not None:
                self.by_publisher_id[(article.site, article.publisher_id)] = article
        elif revisit_article(article, snapshot, seen_at) and snapshot.publisher_id is not None:
            self.by_publisher_id[(article.site, snapshot.publisher_id)] = article
        if id(article) not in self.touched:
            self.touched.add(id(article))
            self.articles.append(article)
        for url in item.aliases:
            if url not in self.by_alias:
                self.by_alias[url] = article
                self.new_aliases.append((article, url, seen_at))
        return article

    def _decide(self, item: PreparedItem) -> None:
        article = self._identify(item)
        seen_at, content = item.seen_at, item.content
        latest = article.latest
        if latest is not None and latest.content.content_hash == item.content_hash:
            if seen_at > latest.last_seen_at:
                latest.last_seen_at = seen_at
                latest.touched = True
            self._finish(item, article, latest, "unchanged")
            return

        stored = article.contents.get(item.content_hash)
        reverts_to: int | None = None
        outcome: StoreOutcome
        if stored is not None:
            outcome = "reverted"
            reverts_to = stored.max_number
        else:
            outcome = "new" if latest is None else "revised"
            stored = _Content(None, item.content_hash, item.simhash, content, 0)
            stored.insert = {
                "content_hash": item.content_hash,
                "title": content.title,
                "subtitle": content.subtitle,
                "authors": content.authors,
                "editors": content.editors,
                "tags": content.tags,
                "section": content.section,
                "dateline": content.dateline,
                "body": content.body,
                "published_at": content.published_at,
                "modified_at": content.modified_at,
                "simhash": stored.simhash,
            }
            article.contents[item.content_hash] = stored

        if latest is not None:
            before = latest.content.normalized
            sentences = body_diff(before.body, content.body)
            fields = field_diff(before, content, sentences)
        else:
            fields, sentences = {}, {"added": [], "removed": [], "changed": []}
        revision = _Revision(None, article.revision_count + 1, stored, seen_at)
        revision.insert = {
            "number": revision.number,
            "kind": outcome,
            "reverts_to": reverts_to,
            "first_seen_at": seen_at,
            "field_diff": fields,
            "body_diff": sentences,
        }
        stored.max_number = max(stored.max_number, revision.number)
        article.revision_count = revision.number
        article.latest = revision
        article.document = {
            "site": article.site,
            "section": content.section,
            "authors_key": names_key(content.authors),
            "tags_key": names_key(content.tags),
            "published_at": content.published_at,
            "title": content.title,
            "body": content.body,
        }
        self.links.append(_Link(article, stored.simhash, neardup.word_count(content.body), seen_at))
        self._finish(item, article, revision, outcome)

    def _finish(
        self, item: PreparedItem, article: _Article, revision: _Revision, outcome: StoreOutcome
    ) -> None:
        published_at = revision.content.normalized.published_at
        self.done.append(
            _Done(item, article, revision, outcome, article.first_seen_at, published_at)
        )

    # -- 3. write ---------------------------------------------------------------------------

    def _write(self) -> None:
        session = self.session
        new = [a for a in self.articles if a.is_new]
        if new:
            ids = session.scalars(
                insert(Article).returning(Article.id, sort_by_parameter_order=True),
                [self._article_values(a) for a in new],
            ).all()
            for article, article_id in zip(new, ids, strict=True):
                article.id = article_id
        existing = [a for a in self.articles if not a.is_new]
        if existing:
            session.execute(
                update(Article), [{"id": a.id, **self._article_values(a)} for a in existing]
            )
        if self.new_aliases:
            session.execute(
                insert(_table(ArticleURL)),
                [
                    {"article_id": a.key, "url": url, "first_seen_at": seen}
                    for a, url, seen in self.new_aliases
                ],
            )
        self._write_revisions()
        self._write_documents()
        self._write_near_duplicates()
        session.execute(
            insert(_table(Fetch)),
            [
                fetch_values(d.item.fetch, d.outcome, d.article.key, d.revision.id)
                for d in self.done
            ],
        )

    @staticmethod
    def _article_values(article: _Article) -> dict[str, Any]:
        return {
            "site": article.site,
            "canonical_url": article.canonical_url,
            "publisher_id": article.publisher_id,
            "timezone": article.timezone,
            "language": article.language,
            "first_seen_at": article.first_seen_at,
            "last_seen_at": article.last_seen_at,
            "revision_count": article.revision_count,
        }

    def _write_revisions(self) -> None:
        session = self.session
        # Keyed by id(): an object first met as new may be met again (an unchanged refetch).
        contents: dict[int, tuple[_Article, _Content]] = {}
        revisions: dict[int, tuple[_Article, _Revision]] = {}
        touched: dict[int, _Revision] = {}
        for done in self.done:
            revision = done.revision
            if revision.insert is not None:
                revisions.setdefault(id(revision), (done.article, revision))
                if revision.content.insert is not None:
                    contents.setdefault(id(revision.content), (done.article, revision.content))
            elif revision.touched:
                touched.setdefault(id(revision), revision)
        if contents:
            ids = session.scalars(
                insert(Content).returning(Content.id, sort_by_parameter_order=True),
                [{"article_id": a.key, **(c.insert or {})} for a, c in contents.values()],
            ).all()
            for (_, content), content_id in zip(contents.values(), ids, strict=True):
                content.id = content_id
        if revisions:
            ids = session.scalars(
                insert(Revision).returning(Revision.id, sort_by_parameter_order=True),
                [
                    {
                        "article_id": a.key,
                        "content_id": r.content.id,
                        "last_seen_at": r.last_seen_at,
                        **(r.insert or {}),
                    }
                    for a, r in revisions.values()
                ],
            ).all()
            for (_, revision), revision_id in zip(revisions.values(), ids, strict=True):
                revision.id = revision_id
        if touched:
            session.execute(
                update(Revision),
                [{"id": r.id, "last_seen_at": r.last_seen_at} for r in touched.values()],
            )

    def _write_documents(self) -> None:
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        for article in self.articles:
            if article.document is None:
                continue
            values = {"article_id": article.key, **article.document}
            (updates if article.has_document else inserts).append(values)
        if inserts:
            self.session.execute(insert(_table(SearchDocument)), inserts)
        if updates:
            self.session.execute(update(SearchDocument), updates)

    def _read_candidates(self) -> None:
        """The band rows the batch's hashes can meet, and the hashes of their articles.

        Read before anything is written: a candidate's hash comes from its latest revision,
        which the batch may be about to replace. Only band rows that share a key with one
        of the batch's hashes can ever be a candidate, so those are all that is read.
        """
        # Core rows: the ORM's result handling cost more than SQLite's index searches.
        connection = self.session.connection()
        linked = [link for link in self.links if link.words >= neardup.MIN_WORDS]
        step = max(1, _PROBES_PER_QUERY // neardup.PROBES_PER_HASH)
        for start in range(0, len(linked), step):
            # Which of the group's hashes asked for each key, by slot: nearly every slot is
            # asked by one hash, and a dict of ints alone is no work for the garbage collector.
            asker_of: dict[int, int] = {}
            more_askers: dict[int, list[int]] = {}  # the few slots several hashes asked for
            keys_by_band: dict[int, list[int]] = {}
            for link in linked[start : start + step]:
                for band, key in neardup.probes(link.simhash):
                    slot = neardup.slot(band, key)
                    if slot in asker_of:
                        more_askers.setdefault(slot, [asker_of[slot]]).append(link.simhash)
                    else:
                        asker_of[slot] = link.simhash
                        keys_by_band.setdefault(band, []).append(key)
            # The DB-API cursor's plain tuples, read one at a time: at 100k articles a batch
            # meets thousands of rows, and making each a Row cost more than SQLite's index
            # search; held in a list until the batch ends, they made the garbage collector
            # scan the whole process more often.
            cursor = connection.connection.cursor()
            sql, parameters = _band_matches_query(keys_by_band, connection.dialect.name)
            cursor.execute(sql, parameters)
            rows = cast(Iterable[tuple[int, int, int]], cursor)  # sqlite3 and psycopg iterate
            for other, slot, simhash in rows:
                # Most rows are chance matches on one band; only a row within the linking
                # distance of a hash that asked for it can ever be linked in this batch.
                askers = more_askers.get(slot)
                if askers is None:
                    if ((simhash ^ asker_of[slot]) & _MASK64).bit_count() > neardup.MAX_DISTANCE:
                        continue
                elif not any(
                    ((simhash ^ asker) & _MASK64).bit_count() <= neardup.MAX_DISTANCE
                    for asker in askers
                ):
                    continue
                band_key = neardup.unslot(slot)
                self.band_index.setdefault(band_key, set()).add(other)
                self.band_keys.setdefault(other, []).append(band_key)
                self.hashes[other] = simhash
            cursor.close()

    def _write_near_duplicates(self) -> None:
        """Replay SimHash linking in order against the candidates read before the writes."""
        if not self.links:
            return
        session = self.session
        index, current, hashes = self.band_index, self.band_keys, self.hashes
        pairs: dict[tuple[int, int], tuple[int, datetime]] = {}
        replaced: set[int] = set()
        for link in self.links:
            article_id = link.article.key
            for key in current.pop(article_id, []):
                index[key].discard(article_id)
            hashes.pop(article_id, None)
            if not link.article.is_new:
                replaced.add(article_id)
            if link.words < neardup.MIN_WORDS:
                continue
            keys = list(enumerate(neardup.bands(link.simhash)))
            found: set[int] = set()
            for probe in neardup.probes(link.simhash):
                found |= index.get(probe, set())
            found.discard(article_id)
            current[article_id] = keys
            hashes[article_id] = link.simhash
            for key in keys:
                index.setdefault(key, set()).add(article_id)
            for other in found:
                distance = neardup.hamming(link.simhash, hashes[other])
                if distance > neardup.MAX_DISTANCE:
                    continue
                pair = (min(article_id, other), max(article_id, other))
                first_found = pairs[pair][1] if pair in pairs else link.seen_at
                pairs[pair] = (distance, first_found)

        for chunk in _chunks(replaced):
            session.execute(delete(SimhashBand).where(SimhashBand.article_id.in_(chunk)))
        rows = [
            {"article_id": article_id, "band": band, "value": value, "simhash": hashes[article_id]}
            for article_id in dict.fromkeys(link.article.key for link in self.links)
            for band, value in current.get(article_id, [])
        ]
        if rows:
            session.execute(insert(_table(SimhashBand)), rows)
        self._write_links(pairs)

    def _write_links(self, pairs: dict[tuple[int, int], tuple[int, datetime]]) -> None:
        if not pairs:
            return
        session = self.session
        known: dict[tuple[int, int], int] = {}
        for chunk in _chunks(low for low, _ in pairs):
            for link_id, low, high in session.execute(
                select(
                    NearDuplicate.id, NearDuplicate.article_id, NearDuplicate.duplicate_id
                ).where(NearDuplicate.article_id.in_(chunk))
            ):
                known[(low, high)] = link_id
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        for (low, high), (distance, found_at) in pairs.items():
            if (low, high) in known:
                updates.append({"id": known[(low, high)], "distance": distance})
            else:
                inserts.append(
                    {
                        "article_id": low,
                        "duplicate_id": high,
                        "distance": distance,
                        "found_at": found_at,
                    }
                )
        if inserts:
            session.execute(insert(_table(NearDuplicate)), inserts)
        if updates:
            session.execute(update(NearDuplicate), updates)


def fetch_values(
    fetch: FetchInfo, outcome: str, article_id: int | None, revision_id: int | None
) -> dict[str, Any]:
    """The columns of one Fetch row."""
    return {
        "run_id": fetch.run_id,
        "article_id": article_id,
        "revision_id": revision_id,
        "url": fetch.url,
        "site": fetch.site,
        "fetched_at": require_aware(fetch.fetched_at, "fetched_at"),
        "status": fetch.status,
        "etag": fetch.etag,
        "last_modified": fetch.last_modified,
        "outcome": outcome,
        "reason": fetch.reason,
        "extraction": fetch.extraction,
    }


def visits_of(done: Sequence[_Done]) -> list[Visit]:
    """The batch's visits, in order, for the visit hooks."""
    return [
        Visit(
            article_id=d.article.key,
            site=d.article.site,
            fetch=d.item.fetch,
            outcome=d.outcome,
            first_seen_at=d.first_seen_at,
            published_at=d.published_at,
        )
        for d in done
    ]


def results_of(done: Sequence[_Done]) -> list[StoreResult]:
    return [StoreResult(d.outcome, d.article.key, d.revision.number) for d in done]
