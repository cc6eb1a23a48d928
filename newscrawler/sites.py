"""Which site a URL belongs to, found through Scrapy's own SpiderLoader (no registry).

A site is its spider's page class and the record that page reads (``SITE`` in
``newscrawler/pages/<site>.py``): the record's ``domains`` say which hosts are the site's,
its ``timezone`` how it prints times, its ``brands`` how it names itself. Sites of the sites
file (``newscrawler/sitesfile.py``) are listed beside them by :func:`all_sites`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from scrapy.settings import Settings
from scrapy.spiderloader import SpiderLoader

from newscrawler.pages.base import ArticlePage
from newscrawler.sitefacts import ANY_SITE, SiteFacts

BUILT_IN = "built-in"


@dataclass(frozen=True)
class Site:
    """A site the project knows: its record and the page class that reads its articles."""

    facts: SiteFacts
    page: type[ArticlePage]
    # Where the site is defined: BUILT_IN (a spider and a page), or the sites file's path.
    source: str = BUILT_IN

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


def spider_names() -> list[str]:
    """Every spider's name, as ``scrapy list`` shows them (the names a sites file may not take)."""
    return SpiderLoader.from_settings(project_settings()).list()


def all_sites(sites_file: Path | None) -> tuple[Site, ...]:
    """The built-in sites, then the sites file's in its order (none when ``sites_file`` is
    None); a mistake in the file raises :class:`newscrawler.sitesfile.SitesFileError`."""
    from newscrawler.pages.configured import page_for
    from newscrawler.sitesfile import load_sites

    configured = load_sites(sites_file, spider_names()) if sites_file is not None else ()
    return (
        *known_sites(),
        *(Site(entry.facts, page_for(entry), str(entry.path)) for entry in configured),
    )


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
