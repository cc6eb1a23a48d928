"""The page of a site from the sites file: the generic page, with the entry's selectors first.

A sites-file entry (``newscrawler/sitesfile.py``) names no class; :func:`page_for` makes one
from it, so the spider, ``scrapy parse`` and the tests read its pages like any site's: the
entry's record (name, domains, zone, brands) as ``facts``, its ``body`` selector as the
site's container, and its ``title``, ``authors`` and ``published`` selectors as the first
candidates, before the generic cascade (JSON-LD, metas, markup), which still fills in
whatever a selector does not find.
"""

from __future__ import annotations

from typing import ClassVar

from newscrawler.items import Found
from newscrawler.pages.base import ArticlePage
from newscrawler.sitesfile import ConfiguredSite, Selectors, css_to_xpath

# Candidates of the entry's selectors say so in the item's provenance. A "markup:" source:
# what the user pointed at is the byline as printed, not one to be replaced by another.
SOURCE = "markup:sites-file"


class ConfiguredPage(ArticlePage):
    """The generic page with a sites-file entry's selectors tried first."""

    selectors: ClassVar[Selectors] = Selectors()

    def title(self) -> list[Found]:
        return [*self.selected(self.selectors.title), *super().title()]

    def authors(self) -> list[Found]:
        return [*self.selected(self.selectors.authors), *super().authors()]

    def published(self) -> list[Found]:
        return [*self.selected(self.selectors.published), *super().published()]

    def selected(self, css: str | None) -> list[Found]:
        """What the selector finds: each element's visible text, or the strings a selector
        ending in ``::text`` or ``::attr(name)`` gives."""
        if css is None:
            return []
        if "::" in css:
            found = [" ".join(text.split()) for text in self.sel.css(css).getall()]
        else:
            found = self.texts(css)
        return [Found(text, SOURCE) for text in found if text]


def page_for(site: ConfiguredSite) -> type[ConfiguredPage]:
    """The page class of a sites-file entry."""
    body = (css_to_xpath(site.selectors.body),) if site.selectors.body else ()

    class Page(ConfiguredPage):
        facts = site.facts
        selectors = site.selectors
        body_xpaths = body

    Page.__name__ = Page.__qualname__ = f"ConfiguredPage[{site.name}]"
    return Page
