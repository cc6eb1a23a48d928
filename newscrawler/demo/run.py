"""``newscrawler demo``: two crawls of the replayed demo site with a newsroom edit between
them, then the edited article's history and diff, the way a user would ask for them.

Every command shown is one the user can type afterwards, as shown, from the same folder.
"""

from __future__ import annotations

import shlex
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from archive.queries import resolve_article
from archive.store import Archive
from archive.urls import archive_url
from newscrawler.demo.site import DemoArticle, build_site, edited, write_article
from newscrawler.operations.replay import crawl_environment, replay_crawl_command, serving

DAY = "2019-11-24"
# The edit between the two crawls: the second article's third paragraph gets a new price.
EDITED_ARTICLE = 1
EDITED_PARAGRAPH = 2
EDITED_TEXT = (
    "Menurut data Informasi Pangan Jakarta, harga rata-rata cabai rawit merah di pasar "
    "tradisional Jakarta mencapai Rp 51.000 per kilogram."
)
EDITED_AT = "2019-11-24T11:20:00+07:00"
# The port `newscrawler replay` serves on unless told otherwise.
PRACTICE_PORT = 8765
EXIT_USAGE = 2

Echo = Callable[[str], None]


class DemoError(Exception):
    """The demo cannot run as asked (a file in the way): one line for the user, exit 2."""


@contextmanager
def _site_folder(keep: Path | None) -> Iterator[Path]:
    if keep is None:
        with tempfile.TemporaryDirectory(prefix="newscrawler-demo-") as tmp:
            yield Path(tmp)
        return
    if keep.exists() and any(keep.iterdir()):
        raise DemoError(f"{keep} is not empty: give --keep a new or empty folder")
    keep.mkdir(parents=True, exist_ok=True)
    yield keep


def _crawl(server_url: str, url: str, echo: Echo) -> None:
    echo(f"$ scrapy crawl liputan6 -a date={DAY}    # replayed from {server_url}")
    command = replay_crawl_command(
        "liputan6", server_url, url, "-a", f"date={DAY}", settings={"LOG_LEVEL": "WARNING"}
    )
    # The crawl's summary line ("crawl liputan6 (run 1): 4 new, ...") goes to stderr.
    result = subprocess.run(command, env=crawl_environment(), check=False)
    if result.returncode != 0:
        raise subprocess.CalledProcessError(result.returncode, "scrapy crawl liputan6")


def _newsarchive(db: str, echo: Echo, *query: str) -> None:
    from archive.cli import main as newsarchive

    echo(f"\n$ {shlex.join(['newsarchive', '--db', db, *query])}")
    newsarchive.main(args=["--db", db, *query], standalone_mode=False)


def _article_id(url: str, article: DemoArticle) -> int:
    archive = Archive.open(url)
    try:
        with archive.session() as session:
            return resolve_article(session, article.url)
    finally:
        archive.close()


def practice_lines(site: Path, article: DemoArticle) -> list[str]:
    """How to serve the kept site and look at one of its pages with Scrapy's tools."""
    replay = f"http://127.0.0.1:{PRACTICE_PORT}"
    folder = shlex.quote(str(site))
    return [
        f"newscrawler replay {folder} --port {PRACTICE_PORT} &",
        f"scrapy shell -s NEWSCRAWLER_REPLAY_URL={replay} {article.url} -c 'extract(response)'",
        f"scrapy parse --spider liputan6 -c parse_article -a normalize=1"
        f" -s NEWSCRAWLER_REPLAY_URL={replay} {article.url}",
    ]


def run_demo(db: Path, keep: Path | None, echo: Echo) -> None:
    """Build and serve the demo site, crawl it, edit one article, crawl again, and show the
    archive's view of the edit. Raises DemoError when a file is in the way."""
    if db.exists():
        raise DemoError(
            f"{db} exists already (an earlier demo?): remove it or give --db another file"
        )
    shown_db = str(db)
    url = archive_url(shown_db)
    with _site_folder(keep) as site:
        articles = build_site(site)
        changed = edited(articles[EDITED_ARTICLE], EDITED_PARAGRAPH, EDITED_TEXT, EDITED_AT)
        with serving(site) as server:
            _crawl(server.url, url, echo)
            _newsarchive(shown_db, echo, "stats")
            _newsarchive(shown_db, echo, "search", "Kemnaker")
            write_article(site, changed)
            echo(
                f"\nThe newsroom rewrites paragraph {EDITED_PARAGRAPH + 1} of"
                f" {changed.url}\nand the next crawl notices:\n"
            )
            _crawl(server.url, url, echo)
        article_id = str(_article_id(url, changed))
        _newsarchive(shown_db, echo, "history", article_id)
        _newsarchive(shown_db, echo, "diff", article_id)
        if keep is None:
            echo("\nTo practise on the demo site: newscrawler demo --keep DIR")
            return
        echo(f"\nThe demo site is kept in {site}. Serve it and look at a page:")
        for line in practice_lines(site, changed):
            echo(f"  {line}")
