"""Full-text search over the current title and body of every article, with filters, ranked.

SQLite uses the FTS5 table ``search_fts`` (BM25, title words weighted 10x); PostgreSQL uses
the GIN index over a weighted ``tsvector`` (``ts_rank_cd``, title weight A, body B). Both get
the same query language: words (all must match) and "quoted phrases".

A query is bounded: at most ``MAX_QUERY_CHARS`` characters and ``MAX_QUERY_WORDS`` words (a
phrase counts each of its words). Both engines take time that grows with every word; "ASN "
repeated 2,000 times took 42 s on SQLite and 107 s on PostgreSQL. A longer query is refused
with ``BadQueryError``, before the database sees it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

from archive.timestamps import UTCDateTime, iso_in_zone, require_aware

# FTS5 column weights for bm25(): title, body.
TITLE_WEIGHT = 10.0
BODY_WEIGHT = 1.0
# Must match the expression of ix_search_documents_fulltext, or PostgreSQL ignores the index.
PG_VECTOR = (
    "(setweight(to_tsvector('simple', d.title), 'A') || "
    "setweight(to_tsvector('simple', d.body), 'B'))"
)
MAX_QUERY_CHARS = 512
MAX_QUERY_WORDS = 32
_TERM = re.compile(r'"([^"]*)"|(\w+)', re.UNICODE)
_WORD = re.compile(r"\w+", re.UNICODE)
_TIME_PARAMS = ("since", "until", "changed_since")


class BadQueryError(ValueError):
    """The search text holds no word to look for, or is longer than a search may be."""


@dataclass(frozen=True, slots=True)
class SearchFilters:
    """Filters on the search results; None means "any"."""

    site: str | None = None
    section: str | None = None
    author: str | None = None
    tag: str | None = None
    since: datetime | None = None  # published at or after
    until: datetime | None = None  # published at or before
    changed_since: datetime | None = None  # edited (a revision after the first) since


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One result: the article, a snippet around the match, and its rank (higher is better)."""

    article_id: int
    site: str
    title: str
    canonical_url: str
    published_at: datetime | None
    timezone: str
    rank: float
    snippet: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "site": self.site,
            "title": self.title,
            "canonical_url": self.canonical_url,
            "published_at": iso_in_zone(self.published_at, self.timezone),
            "rank": self.rank,
            "snippet": self.snippet,
        }


def parse_query(query: str) -> list[str]:
    """The terms of a query: each a word or a phrase of words, punctuation dropped.

    >>> parse_query('banjir "Jakarta Utara" -- warga!')
    ['banjir', 'jakarta utara', 'warga']
    """
    if len(query) > MAX_QUERY_CHARS:
        raise BadQueryError(
            f"the query is {len(query):,} characters long: at most {MAX_QUERY_CHARS} are allowed"
        )
    terms: list[str] = []
    words_seen = 0
    for phrase, word in _TERM.findall(query):
        words = _WORD.findall((phrase or word).casefold())
        if words:
            terms.append(" ".join(words))
            words_seen += len(words)
    if words_seen > MAX_QUERY_WORDS:
        raise BadQueryError(
            f"the query has {words_seen} words: at most {MAX_QUERY_WORDS} are allowed"
        )
    if not terms:
        raise BadQueryError(f"nothing to search for in {query!r}: give at least one word")
    return terms


def _fts5_query(terms: list[str]) -> str:
    # Every term quoted, so words like AND/NOT/NEAR and characters like '-' are plain text.
    return " ".join(f'"{term}"' for term in terms)


def _pg_query(terms: list[str]) -> str:
    # websearch_to_tsquery: "quoted" terms are phrases, the rest are ANDed words.
    return " ".join(f'"{term}"' if " " in term else term for term in terms)


def _like_names(name: str) -> str:
    escaped = name.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%|{escaped}|%"


def _filter_sql(filters: SearchFilters) -> tuple[list[str], dict[str, Any]]:
    clauses: list[str] = []
    params: dict[str, Any] = {}
    if filters.site is not None:
        clauses.append("d.site = :site")
        params["site"] = filters.site
    if filters.section is not None:
        clauses.append("lower(d.section) = :section")
        params["section"] = filters.section.lower()
    if filters.author is not None:
        clauses.append("d.authors_key LIKE :author ESCAPE '\\'")
        params["author"] = _like_names(filters.author)
    if filters.tag is not None:
        clauses.append("d.tags_key LIKE :tag ESCAPE '\\'")
        params["tag"] = _like_names(filters.tag)
    if filters.since is not None:
        clauses.append("d.published_at >= :since")
        params["since"] = require_aware(filters.since, "since")
    if filters.until is not None:
        clauses.append("d.published_at <= :until")
        params["until"] = require_aware(filters.until, "until")
    if filters.changed_since is not None:
        clauses.append(
            "d.article_id IN (SELECT r.article_id FROM revisions r "
            "WHERE r.number > 1 AND r.first_seen_at >= :changed_since)"
        )
        params["changed_since"] = require_aware(filters.changed_since, "changed since")
    return clauses, params


def search(
    session: Session, query: str, filters: SearchFilters | None = None, limit: int = 20
) -> list[SearchHit]:
    """Articles matching every term of ``query`` and the filters, best match first."""
    terms = parse_query(query)
    clauses, params = _filter_sql(filters or SearchFilters())
    params["limit"] = limit
    where = "".join(f" AND {clause}" for clause in clauses)
    if session.get_bind().dialect.name == "sqlite":
        params["q"] = _fts5_query(terms)
        sql = (
            "SELECT d.article_id, d.site, d.title, a.canonical_url, d.published_at, a.timezone, "
            f"-bm25(search_fts, {TITLE_WEIGHT}, {BODY_WEIGHT}) AS rank, "
            "snippet(search_fts, 1, '[', ']', '…', 16) AS snippet "
            "FROM search_fts JOIN search_documents d ON d.article_id = search_fts.rowid "
            "JOIN articles a ON a.id = d.article_id "
            f"WHERE search_fts MATCH :q{where} ORDER BY rank DESC, d.article_id LIMIT :limit"
        )
    else:
        params["q"] = _pg_query(terms)
        sql = (
            "SELECT d.article_id, d.site, d.title, a.canonical_url, d.published_at, a.timezone, "
            f"ts_rank_cd({PG_VECTOR}, q) AS rank, "
            "ts_headline('simple', d.body, q, "
            "'StartSel=[, StopSel=], MaxWords=16, MinWords=8, FragmentDelimiter=…') AS snippet "
            "FROM search_documents d JOIN articles a ON a.id = d.article_id, "
            "websearch_to_tsquery('simple', :q) AS q "
            f"WHERE {PG_VECTOR} @@ q{where} ORDER BY rank DESC, d.article_id LIMIT :limit"
        )
    statement = (
        text(sql)
        .bindparams(
            *(bindparam(name, type_=UTCDateTime()) for name in _TIME_PARAMS if name in params)
        )
        .columns(published_at=UTCDateTime())
    )
    return [
        SearchHit(
            article_id=row.article_id,
            site=row.site,
            title=row.title,
            canonical_url=row.canonical_url,
            published_at=row.published_at,
            timezone=row.timezone,
            rank=float(row.rank),
            snippet=row.snippet,
        )
        for row in session.execute(statement, params)
    ]
