"""The sites' side of an import: which page object, which URLs are articles, which revisit
schedule, taken from the spiders as a crawl of each site would take them."""

from __future__ import annotations

import re
from functools import cache

from scrapy.spiderloader import SpiderLoader
from sqlalchemy.orm import Session

from archive.schedule import DEFAULT_SCHEDULE, RevisitPolicy, VisitPlanner
from archive.snapshot import FetchInfo
from newscrawler.sites import GENERIC, Site, known_sites, project_settings
from newscrawler.warcfiles import BadImportError


@cache
def _article_patterns() -> dict[str, re.Pattern[str]]:
    """Each built-in site's article-URL pattern, from its spider (as a crawl follows them)."""
    patterns = {}
    for name, spider in _spiders().items():
        pattern = getattr(spider, "article_url", None)
        if isinstance(pattern, str):
            patterns[name] = re.compile(pattern)
    return patterns


def is_article_url(site: Site, url: str) -> bool:
    """Whether a crawl of ``site`` would request ``url`` as an article (and so record its
    404 as ``gone``); never for the generic site, which has no pattern."""
    if site is GENERIC:
        return False
    pattern = _article_patterns().get(site.name)
    return bool(pattern and pattern.search(url))


def site_named(name: str) -> Site:
    """``--site``: a built-in site or ``generic``; BadImportError naming the choices."""
    for site in (*known_sites(), GENERIC):
        if site.name == name:
            return site
    names = ", ".join(s.name for s in (*known_sites(), GENERIC))
    raise BadImportError(f"unknown site {name!r} (one of: {names})")


class PlanBySite:
    """Plans each imported article's next revisit, as a crawl's ArchivePipeline does, with the
    revisit schedule of the article's site (its spider's, else
    ``NEWSCRAWLER_REVISIT_SCHEDULE``): counted from the WARC's dates, so an article seen long
    ago has its schedule over, and one crawled yesterday is due when a crawl would revisit it."""

    def __init__(self) -> None:
        self._planners: dict[str, VisitPlanner] = {}

    def __call__(self, session: Session, article_id: int, fetch: FetchInfo, outcome: str) -> None:
        planner = self._planners.get(fetch.site)
        if planner is None:
            planner = self._planners[fetch.site] = VisitPlanner(_policy(fetch.site))
        planner(session, article_id, fetch, outcome)


def _policy(site: str) -> RevisitPolicy:
    settings = project_settings()
    spider = _spiders().get(site)
    text = getattr(spider, "revisit_schedule", None) or settings.get(
        "NEWSCRAWLER_REVISIT_SCHEDULE", DEFAULT_SCHEDULE
    )
    return RevisitPolicy.parse(text)


@cache
def _spiders() -> dict[str, type]:
    """The built-in sites' spider classes, by name."""
    loader = SpiderLoader.from_settings(project_settings())
    return {site.name: loader.load(site.name) for site in known_sites()}
