"""``/api/...``: the records ``newsarchive ... --json`` prints, for the same questions."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from archive.health import site_health
from archive.web import params, reads


def _json(value: object) -> JSONResponse:
    return JSONResponse(value)


def search_api(request: Request) -> JSONResponse:
    """``newsarchive search --json``: hits, best first; ``page`` and ``size`` page them."""
    asked = params.search_request(request)
    if asked.query is None:
        raise params.bad_request("q: give at least one word to search for")
    with reads.read_session(request) as session:
        hits, _more = reads.found_search(session, asked)
    return _json([hit.to_dict() for hit in hits])


def article_api(request: Request) -> JSONResponse:
    """``newsarchive show ID --json`` (``?revision=N`` for an earlier version)."""
    revision = params.number(request, "revision", 0, 1, 1_000_000) or None
    with reads.read_session(request) as session:
        report = reads.article(session, request.path_params["article_id"], revision)
    return _json(report.to_dict())


def history_api(request: Request) -> JSONResponse:
    """``newsarchive history ID --json``."""
    with reads.read_session(request) as session:
        return _json(reads.history(session, request.path_params["article_id"]))


def diff_api(request: Request) -> JSONResponse:
    """``newsarchive diff ID [FROM TO] --json``."""
    with reads.read_session(request) as session:
        record, _zone = reads.diff(request, session, request.path_params["article_id"])
    return _json(record)


def changes_api(request: Request) -> JSONResponse:
    """``newsarchive changes --json`` (``site``, ``field``, ``since``, ``limit``)."""
    site, field = params.text(request, "site"), params.field(request)
    with reads.read_session(request) as session:
        found = reads.changes(request, session, site, field)
    return _json([change.to_dict() for change in found])


def health_api(request: Request) -> JSONResponse:
    """``newsarchive health --json`` (``site``): each site's latest finished run, judged."""
    with reads.read_session(request) as session:
        healths = site_health(session, site=params.text(request, "site"))
    return _json([health.to_json() for health in healths])


ROUTES = [
    Route("/api/search", search_api),
    Route("/api/articles/{article_id:int}", article_api),
    Route("/api/articles/{article_id:int}/history", history_api),
    Route("/api/articles/{article_id:int}/diff", diff_api),
    Route("/api/changes", changes_api),
    Route("/api/health", health_api),
]
