"""The real article pages the extraction benchmarks read, with what each should give.

Three sets, all read in place from ``../shared`` (never copied into the repository):

- ``shared``: every page SOURCES.md lists as type ``article`` (Indonesian portals). Its URL is
  the one the site fixtures give it, else the site's bare domain, so the site's page object
  is chosen as in a crawl.
- ``zyte``: ``zyte-article-extraction/html/<id>.html.gz``; truth: ``ground-truth.json``
  (``articleBody``, ``url``).
- ``mozilla``: ``mozilla-readability/<case>/source.html.gz``; truth: ``expected-metadata.json``
  (title, byline, publishedTime) and ``expected.html.gz`` (the main content). Those pages have
  no URL, so they get Readability's own test URL and the generic page.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import lxml.html

from bench.common import ROOT, SHARED_BENCHMARKS, SHARED_PAGES
from newscrawler.fixtures import load_cases

SETS = ("shared", "zyte", "mozilla")
# Readability's test suite serves every page from this URL.
MOZILLA_URL = "http://fakehost/test/page.html"


@dataclass(frozen=True)
class Page:
    set: str
    name: str
    url: str
    body: bytes
    # What the page should give: body text, and for mozilla title/byline/publishedTime.
    truth: dict[str, Any] = field(default_factory=dict)


def article_sources(pages: Path = SHARED_PAGES) -> list[tuple[str, str]]:
    """(relative path, domain) of every row of SOURCES.md whose type is ``article``."""
    rows = []
    for line in (pages / "SOURCES.md").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and cells[2] == "article":
            rows.append((cells[0], cells[1]))
    return rows


def shared_pages(limit: int | None = None, pages: Path = SHARED_PAGES) -> list[Page]:
    known_urls = {
        case.data["shared"]: case.data["url"]
        for case in load_cases(ROOT / "tests" / "fixtures" / "sites")
        if case.is_shared
    }
    out = []
    for relative, domain in article_sources(pages)[:limit]:
        # bbc.com/indonesia -> https://bbc.com/indonesia: the host picks the site.
        url = known_urls.get(relative) or f"https://{domain}/"
        out.append(Page("shared", relative, url, (pages / relative).read_bytes()))
    return out


def zyte_pages(limit: int | None = None, root: Path = SHARED_BENCHMARKS) -> list[Page]:
    folder = root / "zyte-article-extraction"
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    out = []
    for path in sorted((folder / "html").glob("*.html.gz"))[:limit]:
        page_id = path.name.removesuffix(".html.gz")
        expected = truth[page_id]
        out.append(
            Page(
                "zyte",
                page_id,
                expected["url"],
                gzip.decompress(path.read_bytes()),
                {"body": expected.get("articleBody") or ""},
            )
        )
    return out


def html_text(html: bytes) -> str:
    """The visible text of an HTML fragment, block elements separated by blank lines."""
    if not html.strip():
        return ""
    root = lxml.html.fromstring(html)
    for element in list(root.iter("script", "style")):
        element.drop_tree()
    for element in root.iter("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br"):
        element.tail = "\n\n" + (element.tail or "")
    return "\n\n".join(
        " ".join(block.split()) for block in root.text_content().split("\n\n") if block.strip()
    )


def mozilla_pages(limit: int | None = None, root: Path = SHARED_BENCHMARKS) -> list[Page]:
    folder = root / "mozilla-readability"
    out = []
    for case in sorted(p for p in folder.iterdir() if (p / "source.html.gz").is_file())[:limit]:
        metadata = json.loads((case / "expected-metadata.json").read_text(encoding="utf-8"))
        expected = gzip.decompress((case / "expected.html.gz").read_bytes())
        out.append(
            Page(
                "mozilla",
                case.name,
                MOZILLA_URL,
                gzip.decompress((case / "source.html.gz").read_bytes()),
                {
                    "title": metadata.get("title"),
                    "byline": metadata.get("byline"),
                    "published": metadata.get("publishedTime"),
                    "body": html_text(expected),
                },
            )
        )
    return out


def load(limit: int | None = None) -> list[Page]:
    """All three sets (``limit`` pages of each, for a quick run)."""
    return [*shared_pages(limit), *zyte_pages(limit), *mozilla_pages(limit)]


def inputs(pages: list[Page]) -> dict[str, Any]:
    """How many pages of each set a result is based on, and where they came from."""
    counts = {name: sum(1 for p in pages if p.set == name) for name in SETS}
    return {
        "pages": len(pages),
        "by_set": counts,
        "paths": {
            "shared": "../shared/pages/<SOURCES.md type article>",
            "zyte": "../shared/benchmarks/zyte-article-extraction/html/*.html.gz",
            "mozilla": "../shared/benchmarks/mozilla-readability/*/source.html.gz",
        },
    }
