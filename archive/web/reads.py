"""What the pages and the API read, one function each, so a page and its ``/api`` twin show
the same thing. Each takes an open read session; errors become HTTP errors here."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException
from starlette.requests import Request

from archive import queries
from archive.reports import (
    ArticleReport,
    NothingToDiffError,
    article_report,
    diff_report,
    history_report,
)
from archive.search import BadQueryError, SearchHit, search
from archive.web.params import SearchRequest, bad_request, number, time

CHANGES_PAGE = 50
MAX_CHANGES = 500


@contextmanager
def read_session(request: Request) -> Iterator[Session]:
    """A session for one request; it never commits, and closing it rolls back."""
    with request.app.state.sessions() as session:
        yield session


def not_found(message: str) -> HTTPException:
    return HTTPException(status_code=404, detail=message)


def found_search(session: Session, asked: SearchRequest) -> tuple[list[SearchHit], bool]:
    """One page of hits, and whether there is a next page."""
    assert asked.query is not None
    try:
        hits = search(session, asked.query, asked.filters, limit=asked.offset + asked.size + 1)
    except BadQueryError as error:
        raise bad_request(str(error)) from error
    page = hits[asked.offset : asked.offset + asked.size]
    return page, len(hits) > asked.offset + asked.size


def article(session: Session, article_id: int, revision: int | None = None) -> ArticleReport:
    try:
        return article_report(session, article_id, revision=revision)
    except (queries.ArticleNotFoundError, queries.RevisionNotFoundError) as error:
        raise not_found(str(error)) from error


def history(session: Session, article_id: int) -> list[dict[str, Any]]:
    try:
        return [record for record, _ in history_report(session, article_id)]
    except queries.ArticleNotFoundError as error:
        raise not_found(str(error)) from error


def diff(request: Request, session: Session, article_id: int) -> tuple[dict[str, Any], str]:
    rev_a = number(request, "from", 0, 1, 1_000_000) or None
    rev_b = number(request, "to", 0, 1, 1_000_000) or None
    if (rev_a is None) != (rev_b is None):
        raise bad_request("give both from and to, or neither")
    try:
        return diff_report(session, article_id, rev_a, rev_b)
    except (queries.ArticleNotFoundError, NothingToDiffError) as error:
        raise not_found(str(error)) from error


def changes(
    request: Request, session: Session, site: str | None, field: str | None
) -> list[queries.Change]:
    limit = number(request, "limit", CHANGES_PAGE, 1, MAX_CHANGES)
    return queries.changes(
        session, site=site, field=field, since=time(request, "since"), limit=limit
    )
