"""The generic article page: response in, :class:`RawArticle` out, for any news site.

Each field is a cascade, most trusted source first (the order the normalizer tries them):

1. JSON-LD ``NewsArticle``/``Article`` objects, including ones inside ``@graph``;
2. OpenGraph, ``article:*``, Dublin Core, ``news_keywords`` and similar ``<meta>`` tags;
3. visible markup: ``itemprop`` microdata, ``<time datetime>``, ``rel=author``, byline classes,
   ``<h1>``, ``<title>``.

A site's page subclasses this and overrides only the methods the generic cascade gets wrong
for that site, saying why with an example URL. No method does I/O, so the same page runs in a
spider, in ``scrapy shell``, in tests and in ``newscrawler extract``.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import cached_property
from typing import Any, ClassVar
from urllib.parse import urljoin

from lxml import etree
from parsel import Selector
from scrapy.http import TextResponse

from newscrawler.extraction import body as body_text
from newscrawler.extraction import mainblock
from newscrawler.extraction.byline import (
    author_links,
    by_line,
    byline_elements,
    credit_region,
    first_byline,
    headline_first,
    in_photo_box,
    labelled_authors,
    labelled_editors,
    labelled_lines,
)
from newscrawler.extraction.datelines import date_by_headline, headline_element
from newscrawler.extraction.index import PageIndex, faster_element_classes, text_of
from newscrawler.extraction.jsonld import all_objects, article_objects, people, strings
from newscrawler.extraction.mainblock import Judgement
from newscrawler.extraction.pagekind import not_an_article
from newscrawler.extraction.pagination import Continuation, continuation_of
from newscrawler.extraction.parsing import base_url_of, selector_of
from newscrawler.extraction.prune import paragraphs_without
from newscrawler.extraction.urldates import date_in_url
from newscrawler.extraction.weighing import weigh_body
from newscrawler.extraction.zonehint import page_zone
from newscrawler.items import Found, RawArticle
from newscrawler.normalize.dates import has_clock
from newscrawler.normalize.tags import without_junk
from newscrawler.pages.candidates import attributes, found_in, headline_in_title, unique
from newscrawler.sitefacts import ANY_SITE, SiteFacts

_IN_HEAD = etree.XPath("boolean(ancestor::head)")
# Compiled once: parsel's Selector.xpath compiles its query on every call.
_HTML_LANG = etree.XPath("/html/@lang")


# Metas that carry the publication time, most common first.
_PUBLISHED_METAS = (
    "article:published_time", "article:published", "og:article:published_time",
    "og:published_time", "pubdate", "publishdate", "publish-date", "publish_date",
    "dc.date.issued", "dcterms.issued", "dcterms.created", "dc.date", "dc:date", "date",
    "content_publisheddate", "parsely-pub-date", "sailthru.date", "datepublished",
)  # fmt: skip


class ArticlePage:
    """Raw article fields from one HTML response, site-agnostic.

    Subclasses set ``facts`` (the site's record: its key, zone, brand names and article-id
    pattern, which its spider reads too), ``body_xpaths`` (where the article text lives) and
    ``body_skip_xpaths`` (what inside it is not text), and override field methods where
    needed.
    """

    # The site's record (newscrawler.sitefacts). The generic page's has no zone: it keeps each
    # time's own offset and reads times without one in NEWSCRAWLER's default zone, WIB.
    facts: ClassVar[SiteFacts] = ANY_SITE
    # Tried in order before the generic body cascade.
    body_xpaths: ClassVar[tuple[str, ...]] = ()
    # Elements inside the site's container that are not article text: the site's own names
    # for captions, "Baca juga" boxes and ads, which the walker's generic furniture rule does
    # not know, e.g. detik's ".//*[contains(@class, 'linksisip')]". Relative to the container,
    # applied only when one of ``body_xpaths`` found it.
    body_skip_xpaths: ClassVar[tuple[str, ...]] = ()
    # Keywords the site puts on every page (lowercased), never the article's topic: ANTARA's
    # "berita terkini, berita Indonesia, berita online, portal Indonesia". Dropped from every
    # tags() candidate when the item is built.
    junk_tags: ClassVar[frozenset[str]] = frozenset()
    # Recorded with every visit's extraction (page class and this number): bump it when you
    # change what the page extracts, so archived revisions say which extraction made them.
    VERSION: ClassVar[int] = 1

    def __init__(
        self,
        response: TextResponse,
        *,
        site: str | None = None,
        timezone: str | None = None,
        fetched_at: datetime | None = None,
    ) -> None:
        self.response = response
        self.sel: Selector = selector_of(response)
        faster_element_classes(self.sel.root)
        self.site_key = site or self.site
        self.zone_name: str | None = timezone or self.timezone
        self.fetched_at = fetched_at

    # -- helpers -----------------------------------------------------------------------------

    @cached_property
    def index(self) -> PageIndex:
        """The page's metas and JSON-LD texts, read in one pass on first use."""
        return PageIndex.of(self.sel.root)

    @cached_property
    def labelled_lines(self) -> list[str]:
        """Short lines that may label a credit ("Penulis: Ani"), read once for both roles,
        around the article's text: a credit stands in its header or at its foot, within a
        few levels of the text's block (reading every line of a page costs a millisecond)."""
        return labelled_lines(credit_region(self.body_container()[0], self.sel.root))

    @cached_property
    def ld_objects(self) -> list[dict[str, Any]]:
        """Every object of the page's JSON-LD, parsed once (the fields read the article ones,
        the page-kind check the rest)."""
        return all_objects(self.index.ld_scripts)

    @cached_property
    def jsonld(self) -> list[dict[str, Any]]:
        """Article objects from the page's JSON-LD, in page order."""
        return article_objects(self.ld_objects)

    def ld(self, *keys: str, sub: tuple[str, ...] = ("name", "@value")) -> list[str]:
        """String values of ``keys`` across the page's JSON-LD article objects."""
        out: list[str] = []
        for obj in self.jsonld:
            for key in keys:
                if key in obj:
                    out.extend(strings(obj[key], *sub))
        return out

    def meta(self, *names: str) -> list[str]:
        """Contents of ``<meta name=…>``/``<meta property=…>`` tags, names in order.

        Names match in any ASCII case: ``meta("og:title")`` reads ``<meta property="OG:Title">``.
        """
        out: list[str] = []
        for name in names:
            out.extend(self.index.meta(name))
        return [v for v in out if v.strip()]

    def css_elements(self, css: str) -> list[etree._Element]:
        """The elements a CSS selector finds, in page order (the selector compiled once)."""
        return self.index.select(self.sel.root, css)

    def texts(self, css: str) -> list[str]:
        """Whitespace-joined visible text of each element the CSS selector finds."""
        return [text_of(el) for el in self.css_elements(css)]

    def bylines(self, css: str) -> list[str]:
        """Like :meth:`texts`, leaving out elements inside a photo's box (figure, caption).

        A credit there names who took the picture or the agency that sold it, never who wrote
        the article, although pages give it the same class as the byline.
        """
        return [text_of(el) for el in self.css_elements(css) if not in_photo_box(el)]

    # -- fields ------------------------------------------------------------------------------

    def title(self) -> list[Found]:
        """JSON-LD, the title metas, then the ``<h1>`` or the ``<title>``, whichever agrees.

        Without metadata an ``<h1>`` is the headline only when the ``<title>`` repeats it
        and adds no more than branding: on blogs and small sites the first ``<h1>`` is often
        the site's name or a section ("Allergies Health Center", "Hi, I'm Nicolas.") while
        the ``<title>`` says "Babies Who Eat Peanuts Early May Avoid Allergy - WebMD".
        """
        h1s = [
            *found_in(self.texts("h1[itemprop=headline], [itemprop=headline] h1"), "markup:h1"),
            *found_in(self.texts("h1"), "markup:h1"),
        ]
        page_titles = found_in(self.texts("title")[:1], "markup:title")
        if page_titles:
            agreeing = [h for h in h1s if headline_in_title(h.value, page_titles[0].value)]
            markup = [*agreeing[:1], *page_titles, *h1s]
        else:
            markup = h1s
        return [
            *found_in(self.ld("headline", "name"), "json-ld"),
            *found_in(self.meta("og:title"), "meta:og:title"),
            *found_in(self.meta("twitter:title"), "meta:twitter:title"),
            # Parse.ly's and Dublin Core's tags, on sites that print no OpenGraph.
            *found_in(self.meta("parsely-title"), "meta:parsely-title"),
            *found_in(self.meta("dc.title", "dc:title", "dcterms.title"), "meta:dc.title"),
            *markup,
        ]

    def subtitle(self) -> list[Found]:
        return found_in(self.ld("alternativeHeadline"), "json-ld")

    def authors(self) -> list[Found]:
        from_ld: list[str] = []
        for obj in self.jsonld:
            from_ld.extend(people(obj.get("author")))
        # .byline, .author, .author-name, .penulis; and "byline" anywhere in a class name.
        named, anywhere = byline_elements(self.sel.root)
        # itemprop holds a list of names: Ars Technica's byline is itemprop="author creator".
        found = [
            *found_in(from_ld, "json-ld"),
            *found_in(
                self.meta("author", "article:author", "dc.creator", "dc:creator", "byl"),
                "meta:author",
            ),
            *found_in(self.meta("parsely-author"), "meta:parsely-author"),
            *found_in(self._byline("[itemprop~=author] [itemprop~=name]"), "markup:itemprop-name"),
            *found_in(self._byline("[itemprop~=author]"), "markup:itemprop"),
            *found_in(self._byline("[rel=author]"), "markup:rel-author"),
            *found_in(self._byline(named), "markup:byline"),
            # A class of the page's own, the date in the same line: the Washington Post's
            # <span class="pb-byline">By <a>Erin Cunningham</a></span>, LWN's <div
            # class="FeatureByline">By <b>Nathan Willis</b><br>March 25, 2015</div>.
            *found_in(
                [line for text in self._byline(anywhere) if (line := by_line(text))][:1],
                "markup:by-line",
            ),
        ]
        if any(f.source.startswith("markup:") for f in found):
            return found
        # A name linked to its author's page, where nothing marks the byline.
        found += found_in(self._byline(author_links(self.sel.root)), "markup:author-link")
        if any(f.source.startswith("markup:") for f in found):
            return found
        # A labelled credit in a line of its own, on layouts no byline markup marks (looked
        # for only there: it reads every short line of the page): "Penulis: Ani Wijaya",
        # "Reporter : Budi | Editor : Citra", "Pewarta: Dedi".
        labelled = labelled_authors(self.labelled_lines)[:1]
        return [*found, *found_in(labelled, "markup:author-label")]

    def _byline(self, css: str | list[etree._Element]) -> list[str]:
        """The texts of the first byline the selector (or the list of elements, in page
        order) finds and of those beside it (see :func:`byline.first_byline`), looked for
        from the headline on first (:func:`byline.headline_first`)."""
        elements = self.css_elements(css) if isinstance(css, str) else css
        ordered = headline_first(elements, self.headline_element)
        return [text_of(el) for el in first_byline(ordered)]

    @cached_property
    def headline_element(self) -> etree._Element | None:
        """The ``<h1>``-``<h3>`` that prints the page's headline, else the first ``<h1>``."""
        return headline_element(self.sel.root, self.title_metas())

    def editors(self) -> list[Found]:
        """JSON-LD ``editor``, else a name the page labels as its editor ("Editor: Ani",
        "Penyunting: Budi"), in a short line of its own."""
        from_ld: list[str] = []
        for obj in self.jsonld:
            from_ld.extend(people(obj.get("editor")))
        if from_ld:
            return found_in(from_ld, "json-ld")
        return found_in(labelled_editors(self.labelled_lines)[:1], "markup:editor-label")

    def published(self) -> list[Found]:
        """JSON-LD, then the date metas, then ``itemprop=datePublished`` microdata.

        Where none of these (nor a site's own rules) date the page, the item falls back to
        :meth:`undeclared_published`.

        An ``itemprop`` in ``<head>`` counts only when neither JSON-LD nor a meta dates the
        page: some templates print one for the whole site, e.g. Okezone's ``<meta
        itemprop="datePublished" content="2014-07-13T20:07:27.8200000">`` on every article and
        on the homepage.
        """
        from_ld = found_in(self.ld("datePublished", "dateCreated"), "json-ld")
        from_meta = found_in(self.meta(*_PUBLISHED_METAS), "meta:published")
        marked = self.css_elements("[itemprop=datePublished]")
        in_body = [el for el in marked if not _IN_HEAD(el)] if from_ld or from_meta else marked
        return [
            *from_ld,
            *from_meta,
            *found_in(attributes(in_body, "datetime", "content"), "markup:itemprop"),
            *found_in([text_of(el) for el in marked], "markup:itemprop"),
        ]

    def undeclared_published(self) -> list[Found]:
        """Dates a page shows without declaring them: ``<time pubdate>`` or the first ``<time
        datetime>`` in its ``<article>``, then ``/2024/06/25/`` in its canonical URL or URL.

        Read only where :meth:`published` (a site's override included) found nothing: a day
        from the URL is midnight, so beside a real timestamp it would be a false conflict.
        """
        times = [
            *self.css_elements("time[pubdate][datetime]"),
            *self.css_elements("article time[datetime]")[:1],
        ]
        from_url = [date_in_url(url) for url in (self.canonical_url(), self.response.url) if url]
        return [
            *found_in([el.get("datetime", "") for el in times], "markup:time"),
            *found_in(self.date_by_headline(), "markup:by-headline"),
            *found_in([day for day in from_url if day][:1], "url"),
        ]

    def title_metas(self) -> list[str]:
        """The headline as the page's metadata and ``<title>`` give it, whitespace joined:
        what finds the headline's element among the page's ``<h1>``-``<h3>`` (the body's
        choice, its weighing and the date by the headline all ask; read once)."""
        return self._title_metas

    @cached_property
    def _title_metas(self) -> list[str]:
        titles = [
            *self.meta("og:title", "twitter:title"),
            *self.ld("headline"),
            *self.texts("title")[:1],
        ]
        return [" ".join(t.split()) for t in titles]

    def date_by_headline(self) -> list[str]:
        """The date the page prints next to its headline (see :mod:`datelines`), as one
        candidate, or none."""
        return date_by_headline(self.sel.root, self.title_metas())

    def all_published(self) -> list[Found]:
        """:meth:`published`, else :meth:`undeclared_published`; where every declared
        candidate is a day without a time, the date by the headline joins them, so the time
        the page shows that day is kept (JSON-LD "2024-08-14" beside "14 Agustus 2024 10:30
        WIB")."""
        declared = self.published()
        if not declared:
            return self.undeclared_published()
        if any(has_clock(found.value) for found in declared):
            return declared
        return [*declared, *found_in(self.date_by_headline(), "markup:by-headline")]

    def modified(self) -> list[Found]:
        return [
            *found_in(self.ld("dateModified"), "json-ld"),
            *found_in(
                self.meta("article:modified_time", "og:updated_time", "dc.date.modified"),
                "meta:modified",
            ),
            *found_in(
                attributes(self.css_elements("[itemprop=dateModified]"), "datetime", "content"),
                "markup:itemprop",
            ),
        ]

    def section(self) -> list[Found]:
        return [
            *found_in(self.ld("articleSection"), "json-ld"),
            *found_in(self.meta("article:section", "section"), "meta:section"),
        ]

    def tags(self) -> list[Found]:
        return [
            *found_in(self.ld("keywords"), "json-ld"),
            *found_in(self.meta("news_keywords"), "meta:news_keywords"),
            *found_in(self.meta("article:tag"), "meta:article:tag"),
            *found_in(self.meta("keywords"), "meta:keywords"),
        ]

    def tags_without_junk(self) -> list[Found]:
        """:meth:`tags` minus ``junk_tags``; a candidate left with no keyword is gone."""
        if not self.junk_tags:
            return self.tags()
        kept = [Found(without_junk(f.value, self.junk_tags), f.source) for f in self.tags()]
        return [found for found in kept if found.value]

    def language(self) -> list[Found]:
        return [
            *found_in(self.ld("inLanguage"), "json-ld"),
            *found_in([str(lang) for lang in _HTML_LANG(self.sel.root)], "markup:html-lang"),
            *found_in(self.meta("language", "content-language", "og:locale"), "meta:language"),
            *found_in(
                [
                    el.get("content", "")
                    for el in self.index.tags["meta"]
                    if el.get("http-equiv") == "content-language" and el.get("content") is not None
                ],
                "meta:http-equiv",
            ),
        ]

    def canonical_url(self) -> str | None:
        """``link[rel=canonical]``, else ``og:url``, made absolute; read once per page (the
        item, the publisher id and the undated-page fallback all ask)."""
        return self._canonical_url

    @cached_property
    def _canonical_url(self) -> str | None:
        for href in [
            *(el.get("href") for el in self.css_elements("link[rel=canonical]")),
            *self.meta("og:url"),
        ]:
            if href and href.strip():
                try:
                    return urljoin(base_url_of(self.response), href.strip())
                except ValueError:
                    # urlsplit refuses a broken host ("http://[::1", an unclosed IPv6
                    # bracket): that is no URL, and the next candidate may be one.
                    continue
        return None

    def publisher_id(self) -> str | None:
        """The publisher's own article id, from the URL when the site puts one there."""
        if self.publisher_id_pattern is None:
            return None
        for url in (self.response.url, self.canonical_url() or ""):
            match = self.publisher_id_pattern.search(url)
            if match:
                return next(group for group in match.groups() if group)
        return None

    def body_container(self) -> tuple[etree._Element | None, str]:
        """The element holding the article text and the rule that found it: the site's
        container where it has text, else the generic choice (:mod:`mainblock`)."""
        return self._body_container

    @cached_property
    def _body_container(self) -> tuple[etree._Element | None, str]:
        root = self.sel.root
        site_el = body_text.first_match(root, self.body_xpaths)
        if site_el is not None and body_text.has_text(site_el):
            return site_el, "site"
        chosen = mainblock.choose(root, self.title_metas())
        if chosen is None:
            return None, "generic:page"
        return chosen.element, chosen.source

    def body(self) -> tuple[list[str], str | None]:
        """The container's paragraphs, minus ``body_skip_xpaths`` when it is the site's."""
        container, source = self.body_container()
        if container is None:
            return [], None
        if source == "site" and self.body_skip_xpaths:
            return paragraphs_without(container, *self.body_skip_xpaths), source
        return mainblock.real_paragraphs(body_text.paragraphs(container)), source

    def headlines(self) -> list[str]:
        """The page's headline as its ``<h1>``s and title metas print it, whitespace joined."""
        found = [*self.texts("h1"), *self.meta("og:title", "twitter:title"), *self.ld("headline")]
        return list(dict.fromkeys(" ".join(h.split()) for h in found if h.strip()))

    def judged_body(self) -> tuple[list[str], str | None, Judgement]:
        """:meth:`body`, weighed (see :func:`weighing.weigh_body`): where the generic cascade
        chose it, against a second reading of the page; where the site's container gave it
        but it looks wrong, the generic choice instead, its source saying ``fallback:``."""
        paragraphs, source = self.body()
        return weigh_body(
            paragraphs,
            source,
            self.body_container()[0],
            root=self.sel.root,
            headlines=self.headlines(),
            title_metas=self.title_metas(),
            descriptions=self.descriptions,
            second_reading=self.second_reading,
        )

    def zone_hint(self) -> str | None:
        """For a page of no known zone, the zone its own evidence gives (see
        :mod:`zonehint`): a time shown with "WIB", its declared language, its domain."""
        if self.zone_name is not None:
            return None
        languages = [found.value for found in self.language()]
        return page_zone(self.sel.root, languages, self.canonical_url() or self.response.url)

    def descriptions(self) -> list[str]:
        """The page's summary as its metas and JSON-LD give it."""
        return [
            *self.meta("og:description", "description", "twitter:description"),
            *self.ld("description"),
        ]

    def second_reading(self) -> list[str]:
        """trafilatura's reading of the page (see :func:`mainblock.second_reading`)."""
        return mainblock.second_reading(self.response.text, self.response.url)

    # -- the item ----------------------------------------------------------------------------

    def to_item(self) -> RawArticle:
        paragraphs, body_source, judgement = self.judged_body()
        return RawArticle(
            url=self.response.url,
            site=self.site_key,
            timezone=self.zone_name,
            zone_hint=self.zone_hint(),
            fetched_at=self.fetched_at,
            canonical_url=self.canonical_url(),
            publisher_id=self.publisher_id(),
            title=unique(self.title()),
            subtitle=unique(self.subtitle()),
            authors=unique(self.authors()),
            editors=unique(self.editors()),
            published=unique(self.all_published()),
            modified=unique(self.modified()),
            section=unique(self.section()),
            tags=unique(self.tags_without_junk()),
            language=unique(self.language()),
            body=paragraphs,
            body_source=body_source,
            body_confidence=judgement.confidence,
            body_reason=judgement.reason,
            refusal=not_an_article(self, paragraphs),
            # An unknown site still names itself in og:site_name ("The Guardian"), which is
            # what its titles end with.
            site_names=self.site_names or tuple(self.meta("og:site_name")[:1]),
            page=type(self).__name__,
            page_version=self.VERSION,
        )

    def continuation(self) -> Continuation:
        """How a paginated article goes on: its all-on-one-page variant and its next pages
        (``newscrawler.extraction.pagination``); a site overrides it with its known patterns."""
        return continuation_of(self)

    # -- the site's record, and helpers for site pages -------------------------------------

    @property
    def site(self) -> str:
        return self.facts.name

    @property
    def site_names(self) -> tuple[str, ...]:
        """How the outlet names itself: titles lose it, and it is never an author."""
        return self.facts.brands

    @property
    def timezone(self) -> str | None:
        """The zone this page's times are printed in (a regional desk's own, if it has one)."""
        return self.facts.zone_at(self.response.url)

    @property
    def publisher_id_pattern(self) -> re.Pattern[str] | None:
        return self.facts.publisher_id

    def visible(self, css: str, source: str = "byline") -> list[Found]:
        """The non-empty texts the selector finds, as candidates from ``source``: what a site
        page adds after (or before) the generic cascade, e.g. the date under the headline."""
        return [Found(text, source) for text in self.texts(css) if text]
