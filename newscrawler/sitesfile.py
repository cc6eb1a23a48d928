"""Sites without code: outlets followed through a TOML file instead of a spider and a page.

One ``[[site]]`` table per outlet (docs/sites-file.md has the whole story)::

    [[site]]
    name = "kabarpesisir"
    feeds = ["https://www.kabarpesisir.co.id/rss.xml"]
    article_url = '/\\d{4}/\\d{2}/\\d{2}/'
    timezone = "Asia/Jakarta"

The file is read where it is named: ``--sites-file``, else the ``NEWSCRAWLER_SITES_FILE``
setting, else the environment variable of that name, else ``./sites.toml`` if there is one.
:func:`load_sites` checks every entry and raises one :class:`SitesFileError` holding one line
per mistake (``sites.toml:7: site 'kabarpesisir': ...``), so a user fixes them all at once.
The generic spider crawls an entry (``scrapy crawl generic -a site=NAME``) with the page
:func:`newscrawler.pages.configured.page_for` makes of it.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
import zoneinfo
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cssselect import SelectorError
from parsel.csstranslator import HTMLTranslator

from newscrawler.discovery.article_urls import registrable_domain
from newscrawler.sitefacts import SiteFacts

SETTING = "NEWSCRAWLER_SITES_FILE"  # also read from the environment
DEFAULT_FILE = Path("sites.toml")

URL_KEYS = ("feeds", "sitemaps", "start_urls")
LIST_KEYS = ("domains", *URL_KEYS, "brands")
KEYS = ("name", *LIST_KEYS, "article_url", "timezone", "selectors")
SELECTOR_KEYS = ("title", "body", "authors", "published")
# A site key is a column value, a spider name and a log prefix: short and plain.
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,99}$")
_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]$")
_TOML_AT = re.compile(r"\s*\(at line (\d+), column \d+\)$")
_TOML_END = re.compile(r"\s*\(at end of document\)$")
_SITE_HEADER = re.compile(r"^\s*\[\[\s*site\s*\]\]")
_SELECTORS_HEADER = re.compile(r"^\s*\[\s*site\s*\.\s*selectors\s*\]")
_CSS = HTMLTranslator()


@dataclass(frozen=True)
class Selectors:
    """CSS selectors that read a field where the generic page gets it wrong.

    ``title``, ``authors`` and ``published`` may end in ``::text`` or ``::attr(name)``
    (``time.published::attr(datetime)``); without, an element's visible text is taken.
    ``body`` names the element holding the article's paragraphs.
    """

    title: str | None = None
    body: str | None = None
    authors: str | None = None
    published: str | None = None


@dataclass(frozen=True)
class ConfiguredSite:
    """One outlet of a sites file: its record, where its articles are found, its selectors."""

    facts: SiteFacts
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    # Listing pages; "{day:%Y/%m/%d}" in one is filled with each day of the crawl.
    start_urls: tuple[str, ...] = ()
    article_url: str | None = None
    selectors: Selectors = field(default_factory=Selectors)
    path: Path = DEFAULT_FILE
    line: int = 1

    @property
    def name(self) -> str:
        return self.facts.name


class SitesFileError(ValueError):
    """Everything wrong with a sites file, one line per mistake."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def sites_file(
    given: str | os.PathLike[str] | None = None, setting: str | None = None
) -> Path | None:
    """The sites file to read: ``given`` (``--sites-file``), else the ``setting``, else
    ``$NEWSCRAWLER_SITES_FILE``, else ``./sites.toml`` when it exists; None when there is none.

    A file that is named but missing is an error: a typo must not mean "no sites".
    """
    named = given or setting or os.environ.get(SETTING)
    if not named:
        return DEFAULT_FILE if DEFAULT_FILE.is_file() else None
    path = Path(named)
    if not path.is_file():
        raise SitesFileError([f"{path}: no such sites file"])
    return path


def load_sites(path: Path, taken: Collection[str] = ()) -> tuple[ConfiguredSite, ...]:
    """Every ``[[site]]`` of the file, checked; ``taken`` are names in use (the spiders')."""
    return _load(path.resolve(), path.stat().st_mtime_ns, frozenset(taken), str(path))


@cache
def _load(
    resolved: Path, _mtime: int, taken: frozenset[str], shown: str
) -> tuple[ConfiguredSite, ...]:
    # Cached by modification time: crawl-due and each of its spiders read the same file.
    try:
        text = resolved.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise SitesFileError([f"{shown}: cannot be read: {error}"]) from None
    return _Reader(Path(shown), text, taken).sites()


def configured_site(name: str, path: Path | None, taken: Collection[str] = ()) -> ConfiguredSite:
    """The entry called ``name``, or a ValueError that says where it was looked for."""
    if path is None:
        raise ValueError(
            f"no site {name!r}: there is no sites file (give --sites-file, set "
            f"{SETTING}, or create {DEFAULT_FILE})"
        )
    for site in load_sites(path, taken):
        if site.name == name:
            return site
    raise ValueError(f"no site {name!r} in {path}")


def css_to_xpath(css: str) -> str:
    """A CSS selector as the XPath the page's body lookup takes."""
    return _CSS.css_to_xpath(css)


class _Reader:
    """Checks a parsed file entry by entry, collecting a message for each mistake."""

    def __init__(self, path: Path, text: str, taken: frozenset[str]) -> None:
        self.path = path
        self.lines = text.splitlines()
        self.text = text
        self.taken = taken
        self.problems: list[str] = []

    def sites(self) -> tuple[ConfiguredSite, ...]:
        try:
            data = tomllib.loads(self.text)
        except tomllib.TOMLDecodeError as error:
            message = str(error)
            at = _TOML_AT.search(message)
            line = at.group(1) if at else str(max(len(self.lines), 1))
            message = _TOML_END.sub("", _TOML_AT.sub("", message))
            raise SitesFileError([f"{self.path}:{line}: not valid TOML: {message}"]) from None
        for key in data:
            if key != "site":
                self.problem(
                    self.line_of(key, 0, len(self.lines)),
                    f"unknown key or table {key!r}: each outlet is a [[site]] table",
                )
        entries = data.get("site", [])
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            self.problem(
                self.line_of("site", 0, len(self.lines)),
                "'site' must be [[site]] tables, one per outlet",
            )
            entries = []
        starts = [n for n, line in enumerate(self.lines) if _SITE_HEADER.match(line)]
        sites: list[ConfiguredSite] = []
        seen: dict[str, int] = {}
        for number, entry in enumerate(entries):
            start = starts[number] if number < len(starts) else 0
            end = starts[number + 1] if number + 1 < len(starts) else len(self.lines)
            name = entry.get("name")
            if isinstance(name, str) and name in seen:
                self.problem(
                    start + 1,
                    f"site {name!r}: the name is used twice (first on line {seen[name]})",
                )
                continue
            if isinstance(name, str):
                seen[name] = start + 1
            site = _Entry(self, entry, number + 1, start, end).site()
            if site is not None:
                sites.append(site)
        if self.problems:
            # In the file's order, each entry's mistakes together.
            self.problems.sort(key=lambda p: int(p.removeprefix(f"{self.path}:").split(":")[0]))
            raise SitesFileError(self.problems)
        return tuple(sites)

    def problem(self, line: int, message: str) -> None:
        self.problems.append(f"{self.path}:{line}: {message}")

    def line_of(self, key: str, start: int, end: int, after: int | None = None) -> int:
        """The (1-based) line where ``key`` is set between lines ``start`` and ``end``."""
        # key = ..., site.selectors.key = ..., [key] (a table), or { key = ... } inline.
        dotted = r"^\s*(?:\[\s*)?(?:site\s*\.\s*)?(?:selectors\s*\.\s*)?"
        pattern = re.compile(rf"""{dotted}["']?{re.escape(key)}["']?\s*[=\]]""")
        inline = re.compile(rf"""[{{,]\s*["']?{re.escape(key)}["']?\s*=""")
        for n in range(after if after is not None else start, end):
            if pattern.match(self.lines[n]) or inline.search(self.lines[n]):
                return n + 1
        return start + 1


class _Entry:
    """One ``[[site]]`` table being checked."""

    def __init__(
        self, reader: _Reader, data: dict[str, Any], number: int, start: int, end: int
    ) -> None:
        self.reader = reader
        self.data = data
        self.start = start
        self.end = end
        name = data.get("name")
        self.label = f"site {name!r}" if isinstance(name, str) and name else f"site #{number}"
        self.ok = True

    def problem(self, key: str | None, message: str, after: int | None = None) -> None:
        line = self.reader.line_of(key, self.start, self.end, after) if key else self.start + 1
        self.reader.problem(line, f"{self.label}: {message}")
        self.ok = False

    def site(self) -> ConfiguredSite | None:
        for key in self.data:
            if key not in KEYS:
                hint = _suggest(key, KEYS) or f"; a site has {', '.join(KEYS)}"
                self.problem(key, f"unknown key {key!r}{hint}")
        name = self.name()
        urls = {key: self.urls(key) for key in URL_KEYS}
        if not any(self.data.get(key) for key in URL_KEYS):
            self.problem(None, "no feeds, sitemaps or start_urls: nothing to find articles through")
        domains = self.domains(urls)
        article_url = self.article_url()
        timezone = self.timezone()
        brands = self.strings("brands")
        selectors = self.selectors()
        if not self.ok or name is None or timezone is None:
            return None
        return ConfiguredSite(
            facts=SiteFacts(name=name, domains=domains, timezone=timezone, brands=brands),
            feeds=urls["feeds"],
            sitemaps=urls["sitemaps"],
            start_urls=urls["start_urls"],
            article_url=article_url,
            selectors=selectors,
            path=self.reader.path,
            line=self.start + 1,
        )

    def name(self) -> str | None:
        name = self.data.get("name")
        if name is None:
            self.problem(None, 'name is missing (the site\'s key, e.g. name = "kabarpesisir")')
            return None
        if not isinstance(name, str) or not _NAME.match(name):
            self.problem(
                "name",
                f"name {name!r} is not a site key: lowercase letters, digits, '-' and '_', "
                "starting with a letter or digit",
            )
            return None
        if name == "generic" or name in self.reader.taken:
            self.problem("name", f"name {name!r} is taken by a built-in spider; choose another")
            return None
        return name

    def strings(self, key: str) -> tuple[str, ...]:
        """A list of strings (one string is a list of one)."""
        value = self.data.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.problem(key, f'{key} must be a list of strings, e.g. {key} = ["..."]')
            return ()
        return tuple(v.strip() for v in value)

    def urls(self, key: str) -> tuple[str, ...]:
        urls = self.strings(key)
        for url in urls:
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.hostname or " " in url:
                self.problem(key, f"{key}: {url!r} is not an http(s) URL")
            elif key == "start_urls" and "{" in url:
                try:
                    url.format(day=date(2024, 1, 31))
                except (KeyError, IndexError, ValueError) as error:
                    self.problem(
                        key,
                        f"start_urls: {url!r}: only {{day:%Y/%m/%d}} may stand in braces "
                        f"({type(error).__name__}: {error})",
                    )
        return urls

    def domains(self, urls: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
        given = tuple(d.lower().strip(".") for d in self.strings("domains"))
        wrong = [domain for domain in given if not _DOMAIN.match(domain)]
        for domain in wrong:
            self.problem(
                "domains",
                f"domains: {domain!r} is not a domain (write it without scheme or path, "
                'e.g. "kabarpesisir.co.id")',
            )
        if wrong:
            return ()
        all_urls = [url for key in URL_KEYS for url in urls[key]]
        if not given:
            hosts = [urlsplit(url).hostname for url in all_urls]
            return tuple(sorted({registrable_domain(h) for h in hosts if h}))
        for key in URL_KEYS:
            for url in urls[key]:
                host = (urlsplit(url).hostname or "").lower()
                if host and not any(host == d or host.endswith("." + d) for d in given):
                    self.problem(
                        key,
                        f"{key}: {url} is on none of the site's domains ({', '.join(given)}); "
                        "add its domain to domains",
                    )
        return given

    def article_url(self) -> str | None:
        value = self.data.get("article_url")
        if value is None:
            return None
        if not isinstance(value, str) or not value:
            self.problem("article_url", "article_url must be a regular expression in a string")
            return None
        try:
            re.compile(value)
        except re.error as error:
            self.problem(
                "article_url", f"article_url {value!r} is not a regular expression: {error}"
            )
            return None
        return value

    def timezone(self) -> str | None:
        value = self.data.get("timezone")
        if value is None:
            self.problem(
                None,
                "timezone is missing (the zone the site prints its times in, e.g. "
                'timezone = "Asia/Jakarta")',
            )
            return None
        if isinstance(value, str) and value in _zone_names():
            return value
        hint = _suggest(str(value), _zone_names()) if isinstance(value, str) else ""
        self.problem(
            "timezone",
            f"timezone {value!r} is not an IANA time zone name{hint or ' (e.g. Asia/Jakarta)'}",
        )
        return None

    def selectors(self) -> Selectors:
        value = self.data.get("selectors")
        if value is None:
            return Selectors()
        if not isinstance(value, dict):
            self.problem(
                "selectors",
                'selectors must be a table, e.g. selectors = { body = "div.entry-content" }',
            )
            return Selectors()
        header = next(
            (
                n
                for n in range(self.start, self.end)
                if _SELECTORS_HEADER.match(self.reader.lines[n])
            ),
            None,
        )
        chosen: dict[str, str] = {}
        for key, css in value.items():
            if key not in SELECTOR_KEYS:
                hint = _suggest(key, SELECTOR_KEYS) or f"; selectors are {', '.join(SELECTOR_KEYS)}"
                self.problem(key, f"selectors: unknown field {key!r}{hint}", header)
                continue
            if not isinstance(css, str) or not css.strip():
                self.problem(key, f"selectors.{key} must be a CSS selector in a string", header)
                continue
            try:
                css_to_xpath(css)
            except SelectorError as error:
                self.problem(key, f"selectors.{key} {css!r} is not a CSS selector: {error}", header)
                continue
            if key == "body" and "::" in css:
                self.problem(
                    key,
                    f"selectors.body {css!r} must name the element holding the paragraphs, "
                    "without ::text or ::attr()",
                    header,
                )
                continue
            chosen[key] = css.strip()
        return Selectors(**chosen)


@cache
def _zone_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def _suggest(word: str, choices: Collection[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""
