"""Which site a URL belongs to, found through Scrapy's own SpiderLoader (no registry).

A site is its spider: ``allowed_domains`` says which hosts are its, ``page`` which page
object reads them, ``timezone`` how it prints times.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from scrapy.settings import Settings
from scrapy.spiderloader import SpiderLoader

from newscrawler.pages.base import ArticlePage


@dataclass(frozen=True)
class Site:
    name: str
    domains: tuple[str, ...]
    page: type[ArticlePage]
    timezone: str | None


GENERIC = Site("generic", (), ArticlePage, None)


def project_settings() -> Settings:
    settings = Settings()
    settings.setmodule("newscrawler.settings", priority="project")
    return settings


@cache
def known_sites() -> tuple[Site, ...]:
    """Every spider that declares domains and a page class, in name order."""
    loader = SpiderLoader.from_settings(project_settings())
    sites = []
    for name in sorted(loader.list()):
        spider = loader.load(name)
        domains = tuple(getattr(spider, "allowed_domains", None) or ())
        page = getattr(spider, "page", None)
        if domains and isinstance(page, type) and issubclass(page, ArticlePage):
            sites.append(Site(name, domains, page, getattr(spider, "timezone", None)))
    return tuple(sites)


def site_for_url(url: str) -> Site:
    """The site whose domains cover the URL's host, else the generic site."""
    host = (urlsplit(url).hostname or "").lower()
    for site in known_sites():
        for domain in site.domains:
            if host == domain or host.endswith("." + domain):
                return site
    return GENERIC
