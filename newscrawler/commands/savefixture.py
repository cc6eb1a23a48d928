"""``scrapy savefixture URL``: save a live page as a site fixture, with its URL and fetch time.

The page is fetched through the site's own spider settings (robots.txt, User-Agent, retries)
and saved byte for byte, so its encoding stays what the site served. A case JSON is written
beside it and its expected values filled from the current code: review them against the
page, fix the page object where they are wrong, then commit both files.
"""

from __future__ import annotations

import json
import re
from argparse import ArgumentParser, Namespace
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrapy import Spider
from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError
from scrapy.http import Request, Response
from w3lib.url import is_url

from newscrawler.fixtures import Case, actual
from newscrawler.sites import site_for_url


def case_name(url: str, fetched_at: datetime) -> str:
    """``2024-08-14_harga-beras-naik`` from the URL's last meaningful segment and the day."""
    segments = [s for s in urlsplit(url).path.split("/") if s and not s.isdigit()]
    slug = re.sub(r"[^a-z0-9-]+", "-", (segments[-1] if segments else "page").lower()).strip("-")
    return f"{fetched_at:%Y-%m-%d}_{slug[:60] or 'page'}"


def save_case(
    root: Path, site: str, url: str, body: bytes, fetched_at: datetime, name: str | None = None
) -> tuple[Path, Path]:
    """Write ``<name>.html`` and ``<name>.json`` under ``root/site``; refuse to overwrite."""
    folder = root / site
    folder.mkdir(parents=True, exist_ok=True)
    name = name or case_name(url, fetched_at)
    page, case_file = folder / f"{name}.html", folder / f"{name}.json"
    if page.exists() or case_file.exists():
        raise FileExistsError(f"{page} or {case_file} exists already; pass --name")
    page.write_bytes(body)
    data: dict[str, Any] = {
        "kind": "article",
        "url": url,
        "page": page.name,
        "fetched_at": fetched_at.isoformat(),
        "must_not_contain": [],
    }
    data["expected"] = actual(Case(site, case_file, data), shared_pages=root)
    case_file.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return page, case_file


class Command(ScrapyCommand):
    requires_project = True

    def syntax(self) -> str:
        return "[options] <url>"

    def short_desc(self) -> str:
        return "Save a page as a site test fixture with its URL and fetch time"

    def long_desc(self) -> str:
        return (
            "Fetch URL with its site's spider settings and save it under"
            " tests/fixtures/sites/<site>/ as <name>.html plus a case <name>.json whose"
            " expected values come from the current page object. Review them, then commit."
            " Example: scrapy savefixture https://www.liputan6.com/news/read/4117380/judul"
        )

    def add_options(self, parser: ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--site", help="site key (default: the site whose domains match)")
        parser.add_argument("--name", help="case name (default: <fetch day>_<url slug>)")
        parser.add_argument(
            "--root", default="tests/fixtures/sites", help="fixture folder (default: %(default)s)"
        )

    def process_options(self, args: list[str], opts: Namespace) -> None:
        super().process_options(args, opts)
        assert self.settings is not None
        # Saving a fixture must not write to the archive.
        self.settings.set("ITEM_PIPELINES", {}, priority="cmdline")

    def run(self, args: list[str], opts: Namespace) -> None:
        if len(args) != 1 or not is_url(args[0]):
            raise UsageError("give exactly one absolute URL")
        url = args[0]
        site = opts.site or site_for_url(url).name
        if site == "generic":
            raise UsageError(f"no site spider covers {url}; pass --site NAME")
        assert self.crawler_process is not None
        spidercls = self.crawler_process.spider_loader.load(site)
        root = Path(opts.root)
        saved: list[Path] = []

        def save(response: Response) -> None:
            fetched_at = datetime.now(UTC)
            page, case_file = save_case(root, site, url, response.body, fetched_at, opts.name)
            saved.extend([page, case_file])
            print(f"saved {page}\nsaved {case_file} (review its expected values)")

        request = Request(url, callback=save, dont_filter=True)

        async def start(self: Spider) -> AsyncIterator[Any]:
            yield request

        spidercls.start = start  # type: ignore[method-assign]
        self.crawler_process.crawl(spidercls)
        self.crawler_process.start()
        if not saved:
            print(f"nothing saved: {url} could not be fetched (see the log above)")
            self.exitcode = 1
