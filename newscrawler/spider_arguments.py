"""Spider arguments (``scrapy crawl NAME -a ARG=VALUE``): their values, and one check of all.

An argument means the same in every spider that takes it, so its value is read here:

- ``date``, ``start``, ``end``: a day, ``2019-11-24``; ``end`` not before ``start``.
- ``sources``: some of ``feeds,sitemaps,listings``.
- ``normalize``: ``1``/``0`` (also ``true``/``false``, ``yes``/``no``, ``on``/``off``).
- ``url``: an http(s) URL (the generic spider reads commas in it as several).
- ``feed``, ``sitemap``: http(s) URLs, comma-separated for several.
- ``article``: a regular expression.

``scrapy crawl`` runs :func:`check_arguments` before it starts, so a bad argument is one
line and exit code 2 instead of a crawl that fails inside Scrapy's start-up.
"""

from __future__ import annotations

import inspect
import re
from datetime import date
from typing import Any
from urllib.parse import urlsplit

import scrapy

SOURCES = ("feeds", "sitemaps", "listings")
_TRUE = ("1", "true", "yes", "on")
_FALSE = ("", "0", "false", "no", "off")


class SpiderArgumentError(ValueError):
    """A ``-a NAME=VALUE`` the spider cannot use; the message names the argument."""


def parse_day(value: str, name: str) -> date:
    """``2019-11-24`` as a date."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise SpiderArgumentError(f"-a {name}={value!r}: expected a date like 2019-11-24") from None


def parse_sources(value: str | None) -> tuple[str, ...]:
    """``feeds,listings`` as a tuple; None or empty: every source."""
    if not value:
        return SOURCES
    chosen = tuple(s.strip() for s in value.split(","))
    unknown = [s for s in chosen if s not in SOURCES]
    if unknown:
        raise SpiderArgumentError(
            f"-a sources={value!r}: unknown {unknown}; choose from {','.join(SOURCES)}"
        )
    return chosen


def parse_flag(value: str | None, name: str) -> bool:
    """``1``/``0`` and their spellings; None (not given) is False."""
    if value is None:
        return False
    text = value.strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise SpiderArgumentError(f"-a {name}={value!r}: expected 1 or 0")


def parse_url(value: str, name: str) -> str:
    """One http(s) URL (commas are part of it: some sites put them in article URLs)."""
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SpiderArgumentError(
            f"-a {name}={value!r}: expected an http(s) URL like https://www.example.com/"
        )
    return value.strip()


def parse_urls(value: str, name: str) -> tuple[str, ...]:
    """Several http(s) URLs separated by commas."""
    urls = tuple(u.strip() for u in value.split(",") if u.strip())
    for url in urls or (value,):
        parse_url(url, name)
    return urls


def parse_pattern(value: str, name: str) -> re.Pattern[str]:
    try:
        return re.compile(value)
    except re.error as error:
        raise SpiderArgumentError(
            f"-a {name}={value!r}: not a regular expression ({error})"
        ) from None


def argument_names(spidercls: type[scrapy.Spider]) -> set[str] | None:
    """The ``-a`` names a spider's ``__init__`` chain takes, or None when it takes any (a
    spider with no named arguments keeps Scrapy's way: every argument becomes an attribute)."""
    names: set[str] = set()
    for cls in spidercls.__mro__:
        if cls is scrapy.Spider:
            break
        init = cls.__dict__.get("__init__")
        if init is None:
            continue
        for parameter in inspect.signature(init).parameters.values():
            if parameter.kind in (parameter.KEYWORD_ONLY, parameter.POSITIONAL_OR_KEYWORD):
                names.add(parameter.name)
    names.discard("self")
    return names or None


_READERS: dict[str, Any] = {
    "date": parse_day,
    "start": parse_day,
    "end": parse_day,
    "sources": lambda value, _name: parse_sources(value),
    "normalize": parse_flag,
    "url": parse_url,
    "feed": parse_urls,
    "sitemap": parse_urls,
    "article": parse_pattern,
}


def check_arguments(spidercls: type[scrapy.Spider], arguments: dict[str, str]) -> None:
    """Raise :class:`SpiderArgumentError` for the first argument ``spidercls`` cannot use.

    Names starting with ``_`` pass (scrapyd adds ``_job``).
    """
    known = argument_names(spidercls)
    for name, value in arguments.items():
        if known is not None and name not in known and not name.startswith("_"):
            raise SpiderArgumentError(
                f"-a {name}: {spidercls.name} takes no such argument;"
                f" it takes {', '.join(sorted(known))}"
            )
        if known is None or name not in _READERS:
            continue
        _READERS[name](value, name)
    start, end = arguments.get("start"), arguments.get("end")
    if start and end and parse_day(end, "end") < parse_day(start, "start"):
        raise SpiderArgumentError(f"-a end={end} is before -a start={start}")
