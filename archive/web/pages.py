"""The HTML pages and the Atom feeds. Everything archived is hostile text: templates are
autoescaped, and nothing here marks archived text safe (see templating.py's filters)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from archive import queries
from archive.health import COVERAGE_FIELDS, site_health
from archive.revisions import REVISED_FIELDS
from archive.search import SearchHit
from archive.web import params, reads
from archive.web.plots import bar_plot
from archive.web.sitestats import site_figures, sites
from archive.web.worddiff import side_by_side

ATOM = "application/atom+xml; charset=utf-8"
# An article's visits shown on its page, newest last; older ones are counted, not listed.
MAX_VISITS_SHOWN = 200
STORING = frozenset({"new", "revised", "reverted"})  # outcomes of visits that made a revision


def _page(request: Request, template: str, status_code: int = 200, **context: Any) -> Response:
    return request.app.state.templates.TemplateResponse(
        request, template, context, status_code=status_code
    )


def search_page(request: Request) -> Response:
    asked = params.search_request(request)
    hits: list[SearchHit] = []
    more = False
    if asked.query is not None:
        with reads.read_session(request) as session:
            hits, more = reads.found_search(session, asked)
    return _page(request, "search.html", asked=asked, hits=hits, more=more, args=_args(request))


def search_feed(request: Request) -> Response:
    asked = params.search_request(request)
    if asked.query is None:
        raise params.bad_request("q: give at least one word to search for")
    with reads.read_session(request) as session:
        hits, _more = reads.found_search(session, asked)
    entries = [
        {
            "id": f"article/{hit.article_id}",
            "title": hit.title,
            "link": str(request.url_for("article", article_id=hit.article_id)),
            "updated": hit.to_dict()["published_at"],
            "summary": hit.snippet,
        }
        for hit in hits
    ]
    return _feed(request, f"Search: {asked.query}", entries)


def article_page(request: Request) -> Response:
    article_id = request.path_params["article_id"]
    with reads.read_session(request) as session:
        report = reads.article(session, article_id)
        timeline = reads.history(session, article_id)
        visits = queries.fetches(session, article_id)
    shown = visits[-MAX_VISITS_SHOWN:]
    # The latest revision was made by the last visit that stored one: its extraction is the
    # provenance of what the page shows.
    maker = next((v for v in reversed(visits) if v.outcome in STORING), None)
    return _page(
        request,
        "article.html",
        report=report,
        record=report.to_dict(),
        timeline=timeline,
        visits=shown,
        hidden_visits=len(visits) - len(shown),
        maker=maker,
    )


def diff_page(request: Request) -> Response:
    article_id = request.path_params["article_id"]
    with reads.read_session(request) as session:
        record, _zone = reads.diff(request, session, article_id)
        view = reads.article(session, article_id).view
        before = reads.article(session, article_id, record["from_revision"]).view
        after = reads.article(session, article_id, record["to_revision"]).view
    left, right = side_by_side(before.body, after.body, record["body"])
    return _page(
        request,
        "diff.html",
        view=view,
        record=record,
        left=left,
        right=right,
        revisions=range(1, view.revision_count + 1),
    )


def changes_page(request: Request) -> Response:
    site, field = params.text(request, "site"), params.field(request)
    with reads.read_session(request) as session:
        found = reads.changes(request, session, site, field)
        known = sites(session)
    return _page(
        request,
        "changes.html",
        changes=[change.to_dict() for change in found],
        site=site,
        field=field,
        sites=known,
        fields=REVISED_FIELDS,
        args=_args(request),
    )


def changes_feed(request: Request) -> Response:
    site, field = params.text(request, "site"), params.field(request)
    with reads.read_session(request) as session:
        found = reads.changes(request, session, site, field)
    entries = [
        {
            "id": f"article/{change.article_id}/revision/{change.revision.number}",
            "title": f"{change.title} (revision {change.revision.number})",
            "link": str(request.url_for("diff", article_id=change.article_id))
            + f"?from={change.revision.number - 1}&to={change.revision.number}",
            "updated": record["first_seen_at"],
            "summary": f"{change.site}: changed {', '.join(record['changed_fields'])}",
        }
        for change in found
        for record in [change.to_dict()]
    ]
    title = "Changes" + (f" on {site}" if site else "") + (f" to {field}" if field else "")
    return _feed(request, title, entries)


def sites_page(request: Request) -> Response:
    with reads.read_session(request) as session:
        healths = {health.site: health for health in site_health(session)}
        figures = [site_figures(session, site) for site in sites(session)]
    plotted = [
        {
            "figures": figure,
            "health": healths.get(figure.site),
            "per_day": bar_plot(figure.per_day),
            "outcomes": figure.outcomes,
            "outcome_plot": bar_plot(figure.outcomes),
            "coverage": {
                name: bar_plot(figure.coverage[name], scale=1.0, percent=True, width=160)
                for name in COVERAGE_FIELDS
            },
        }
        for figure in figures
    ]
    return _page(request, "sites.html", sites=plotted)


def _feed(request: Request, title: str, entries: list[dict[str, Any]]) -> Response:
    # The latest instant among the entries (their times carry each article's own offset).
    updated = max(
        (entry["updated"] for entry in entries if entry["updated"]),
        key=datetime.fromisoformat,
        default=datetime(1970, 1, 1, tzinfo=UTC).isoformat(),
    )
    return request.app.state.templates.TemplateResponse(
        request,
        "feed.atom",
        {"title": title, "entries": entries, "updated": updated, "feed_url": str(request.url)},
        media_type=ATOM,
    )


def _args(request: Request) -> dict[str, str]:
    """The request's query, to build the next and previous pages' links from."""
    return {key: value for key, value in request.query_params.items() if key != "page"}


def lookup(request: Request) -> Response:
    """An article by any of its URLs (or its id), as ``newsarchive show URL`` finds it."""
    ref = params.text(request, "ref", 2000)
    if ref is None:
        raise params.bad_request("ref: give an article's URL or id")
    with reads.read_session(request) as session:
        try:
            article_id = queries.resolve_article(session, ref)
        except queries.ArticleNotFoundError as error:
            raise reads.not_found(str(error)) from error
    return RedirectResponse(request.url_for("article", article_id=article_id), status_code=303)


def home(request: Request) -> Response:
    return RedirectResponse(request.url_for("search"), status_code=302)


ROUTES = [
    Route("/", home),
    Route("/search", search_page, name="search"),
    Route("/search.atom", search_feed, name="search_feed"),
    Route("/lookup", lookup, name="lookup"),
    Route("/articles/{article_id:int}", article_page, name="article"),
    Route("/articles/{article_id:int}/diff", diff_page, name="diff"),
    Route("/changes", changes_page, name="changes"),
    Route("/changes.atom", changes_feed, name="changes_feed"),
    Route("/sites", sites_page, name="sites"),
]
