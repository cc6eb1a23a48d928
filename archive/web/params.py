"""Reading a request's query string: the CLI's filters, parsed by the CLI's own functions, and
bounded (page sizes, pages, the search text as archive.search bounds it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import click
from starlette.exceptions import HTTPException
from starlette.requests import Request

from archive.cli.common import parse_optional
from archive.revisions import REVISED_FIELDS
from archive.search import MAX_QUERY_CHARS, SearchFilters

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# Search results are ranked by the database and cut at page * size: deep pages cost as much
# as one long page, so they end here.
MAX_RESULTS = 1000


def bad_request(message: str) -> HTTPException:
    return HTTPException(status_code=400, detail=message)


def text(request: Request, name: str, limit: int = 200) -> str | None:
    value = request.query_params.get(name, "").strip()
    if len(value) > limit:
        raise bad_request(f"{name} is longer than {limit} characters")
    return value or None


def time(request: Request, name: str) -> datetime | None:
    try:
        return parse_optional(text(request, name, 64), request.app.state.zone)
    except click.ClickException as error:
        raise bad_request(f"{name}: {error.message}") from error


def number(request: Request, name: str, default: int, lowest: int, highest: int) -> int:
    raw = request.query_params.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not lowest <= int(raw) <= highest:
        raise bad_request(f"{name} must be a whole number from {lowest} to {highest}")
    return int(raw)


@dataclass(frozen=True, slots=True)
class SearchRequest:
    query: str | None
    filters: SearchFilters
    page: int
    size: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size


def search_request(request: Request) -> SearchRequest:
    """The search form's fields; the text's length is checked again by archive.search."""
    size = number(request, "size", PAGE_SIZE, 1, MAX_PAGE_SIZE)
    page = number(request, "page", 1, 1, MAX_RESULTS // size)
    filters = SearchFilters(
        site=text(request, "site"),
        section=text(request, "section"),
        author=text(request, "author"),
        tag=text(request, "tag"),
        since=time(request, "since"),
        until=time(request, "until"),
        changed_since=time(request, "changed_since"),
    )
    return SearchRequest(text(request, "q", MAX_QUERY_CHARS), filters, page, size)


def field(request: Request) -> str | None:
    chosen = text(request, "field")
    if chosen is not None and chosen not in REVISED_FIELDS:
        raise bad_request(f"field: choose one of {', '.join(REVISED_FIELDS)}")
    return chosen
