"""Which site a URL belongs to, found through Scrapy's own SpiderLoader (no registry).

A site is its spider's page class and the record that page reads (``SITE`` in
``newscrawler/pages/<site>.py``): the record's ``domains`` say which hosts are the site's,
its ``timezone`` how it prints times, its ``brands`` how it names itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from scrapy.settings import Settings
from scrapy.spiderloader import SpiderLoader

from newscrawler.pages.base import ArticlePage
from newscrawler.sitefacts import ANY_SITE, SiteFacts


@dataclass(frozen=True)
class Site:
    """A site the project knows: its record and the page class that reads its articles."""

    facts: SiteFacts
    page: type[ArticlePage]

    @property
    def name(self) -> str:
        return self.facts.name

    @property
    def domains(self) -> tuple[str, ...]:
        return self.facts.domains

    @property
    def timezone(self) -> str | None:
        return self.facts.timezone


GENERIC = Site(ANY_SITE, ArticlePage)


def project_settings() -> Settings:
    settings = Settings()
    settings.setmodule("newscrawler.settings", priority="project")
    return settings


@cache
def known_sites() -> tuple[Site, ...]:
    """Every spider whose page class reads a site's record with domains, in name order."""
    loader = SpiderLoader.from_settings(project_settings())
    sites = []
    for name in sorted(loader.list()):
        page = getattr(loader.load(name), "page", None)
        if isinstance(page, type) and issubclass(page, ArticlePage) and page.facts.domains:
            sites.append(Site(page.facts, page))
    return tuple(sites)


@cache
def known_brands() -> tuple[str, ...]:
    """How every known outlet names itself: no title ends with, and no author is, another
    outlet's name either ("... - detikNews" reposted, "Kompas.com" as a credit)."""
    return tuple(dict.fromkeys(brand for site in known_sites() for brand in site.facts.brands))


def site_for_url(url: str) -> Site:
    """The site whose domains cover the URL's host, else the generic site."""
    for site in known_sites():
        if site.facts.covers(url):
            return site
    return GENERIC
