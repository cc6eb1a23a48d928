"""Revisits that meet a fault: a dead old URL of a live article, a page cut short.

Real ``scrapy crawl liputan6`` runs against the demo site on 127.0.0.1. Articles are
published "ten minutes ago" (tests.test_crawl_due.fresh_articles), so a run with
``NEWSCRAWLER_INCREMENTAL`` and ``NEWSCRAWLER_NOW`` hours ahead revisits them. The server
answers listed paths with a fault first: a 404, a page whose download stops early with no
Content-Length (Scrapy cannot tell it from a whole page), a challenge page served as a 200.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from archive.cli import main as newsarchive
from archive.models import Article, ArticleURL, VisitSchedule
from archive.queries import load_article
from archive.schedule import RETRY_AFTER
from archive.search import search
from archive.store import Archive
from newscrawler.demo.site import HOST, VIDEO_ID, DemoArticle, article_file, edited, render_article
from newscrawler.operations.replay import ReplayHandler, ReplayServer
from tests.crawling import fetch_outcomes, last_run_stats, scrapy_crawl
from tests.test_crawl_due import CHALLENGE_PAGE, WIB, fresh_articles, publish

HTML = "text/html; charset=utf-8"


@dataclass
class Fault:
    """One answer: ``sized`` False sends no Content-Length and closes the connection after
    the body, as a server whose download broke off does."""

    status: int
    body: bytes = b""
    sized: bool = True
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": HTML})


class FaultyHandler(ReplayHandler):
    server: FaultyServer

    def _serve(self, send_body: bool) -> None:
        path = urlsplit(self.path).path
        queue = self.server.faults.get(path)
        if not queue:
            super()._serve(send_body)
            return
        fault = queue.pop(0)
        if fault.sized:
            self._send(fault.status, fault.body, fault.headers, send_body)
            return
        self.send_response(fault.status)
        for name, value in fault.headers.items():
            self.send_header(name, value)
        self.send_header("Connection", "close")
        self.end_headers()
        if send_body:
            self.wfile.write(fault.body)
        self.close_connection = True
        self.server.hits.append((self.path, fault.status))


class FaultyServer(ReplayServer):
    """The replay server; a path in ``faults`` gets those answers first, in order."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.RequestHandlerClass = FaultyHandler
        self.faults: dict[str, list[Fault]] = {}

    def requested(self) -> list[str]:
        """Article paths asked for since the last call (then forgotten); not the demo's
        video page, which every discovery finds and no run stores."""
        paths = [
            path.split(HOST, 1)[1]
            for path, _ in self.hits
            if "/read/" in path and f"/{VIDEO_ID}/" not in path
        ]
        self.hits.clear()
        return paths


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[Path, FaultyServer]]:
    root = tmp_path / "site"
    root.mkdir()
    server = FaultyServer(root)
    thread = threading.Thread(target=server.serve_forever, name="faulty", daemon=True)
    thread.start()
    try:
        yield root, server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'archive.sqlite3'}"
    return str(request.getfixturevalue("postgres_database"))


def sqlite_db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'archive.sqlite3'}"


def revisit(hours: float) -> tuple[str, ...]:
    """Crawl arguments: incremental, judged ``hours`` from now (every article due)."""
    now = (datetime.now(UTC) + timedelta(hours=hours)).isoformat()
    return ("-s", "NEWSCRAWLER_INCREMENTAL=True", "-s", f"NEWSCRAWLER_NOW={now}")


def served(article: DemoArticle, path: str | None = None) -> str:
    return f"/{HOST}{path or article.path}"


@dataclass(frozen=True)
class Stored:
    """What the archive holds of one article."""

    article_id: int
    revisions: int
    body: str
    plan_url: str
    last_outcome: str | None
    last_visit_at: datetime
    next_visit_at: datetime | None
    urls: frozenset[str]


def stored(db: str, article: DemoArticle) -> Stored:
    with Archive.open(db) as archive, archive.session() as session:
        row = session.scalars(select(Article).where(Article.publisher_id == str(article.id))).one()
        view = load_article(session, row.id)
        plan = session.get_one(VisitSchedule, row.id)
        urls = session.scalars(select(ArticleURL.url).where(ArticleURL.article_id == row.id))
        return Stored(
            row.id,
            row.revision_count,
            view.body,
            plan.url,
            plan.last_outcome,
            plan.last_visit_at,
            plan.next_visit_at,
            frozenset(urls),
        )


def found_by(db: str, words: str) -> set[int]:
    with Archive.open(db) as archive, archive.session() as session:
        return {hit.article_id for hit in search(session, words)}


def run_outcomes(db: str) -> dict[str, tuple[str, str | None]]:
    """URL -> (outcome, reason) of the last run's visits."""
    run = int(last_run_stats(db)["archive/run_id"])
    return {url: (outcome, reason) for url, outcome, reason in fetch_outcomes(db, run)}


def health_of_last_run(db: str) -> dict:
    result = CliRunner().invoke(newsarchive, ["--db", db, "health", "--json"])
    assert result.exception is None, result.output
    (report,) = json.loads(result.output)
    return report["run"]


def word_only_in(article: DemoArticle, paragraph: int) -> str:
    """A word of ``paragraph`` that no earlier paragraph has: search finds the article by it
    only while its stored text reaches that far."""
    earlier = {
        w.strip(".,\"'()").lower() for p in article.paragraphs[:paragraph] for w in p.split()
    }
    for word in article.paragraphs[paragraph].split():
        word = word.strip(".,\"'()")
        if word.isalpha() and len(word) > 4 and word.lower() not in earlier:
            return word
    raise AssertionError(f"paragraph {paragraph} has no word of its own")


def cut_inside_text(article: DemoArticle, paragraph: int) -> bytes:
    """The article's page broken off halfway through a paragraph's text, mid-word."""
    page = render_article(article)
    text = escape(article.paragraphs[paragraph])
    start = page.index(text)
    end = start + len(text) // 2
    while not page[end - 1].isalnum() or not page[end].isalnum():
        end += 1  # stop inside a word: no sentence ends there
    return page[:end].encode()


def cut_after_paragraph(article: DemoArticle, paragraph: int) -> bytes:
    """The article's page broken off right after a paragraph's ``</p>``: it ends on a tag."""
    page = render_article(article)
    text = escape(article.paragraphs[paragraph])
    end = page.index(text) + len(text) + len("</p>")
    assert page[end - 4 : end] == "</p>"
    return page[:end].encode()


# -- 1. revisits go to the canonical URL; a 404 on an alias retires that URL ----------------


def test_a_404_on_an_old_url_retires_the_alias_and_the_canonical_is_revisited(site, tmp_path):
    root, server = site
    db = sqlite_db(tmp_path)
    (article,) = fresh_articles(1, 6_100_000)
    publish(root, [article])
    old_path = f"{article.path}-lama"  # the slug the article had first
    old_url = f"https://{HOST}{old_path}"
    page = article_file(root, article)
    old_page = page.with_name(page.name + "-lama")
    old_page.write_text(render_article(article), encoding="utf-8")  # declares the canonical

    # First seen at its old URL: the page's declared canonical is where revisits go.
    scrapy_crawl("liputan6", server.url, db, "-a", f"url={old_url}")
    first = stored(db, article)
    assert first.revisions == 1
    assert first.plan_url == article.url
    assert "https://liputan6.com" + old_path in first.urls
    word = word_only_in(article, len(article.paragraphs) - 1)
    assert found_by(db, word) == {first.article_id}

    # The old URL dies while the article lives. A plan still pointing at it, as earlier
    # versions recorded (the URL fetched last), meets the 404 on its next revisit.
    old_page.unlink()
    with Archive.open(db) as archive, archive.session() as session, session.begin():
        session.get_one(VisitSchedule, first.article_id).url = old_url
    server.requested()
    scrapy_crawl("liputan6", server.url, db, *revisit(2))

    assert server.requested() == [old_path, article.path]
    outcomes = run_outcomes(db)
    assert outcomes[old_url] == (
        "retired-alias",
        f"HTTP 404 on an old URL; the article is at {article.url}",
    )
    assert outcomes[article.url][0] == "unchanged"
    stats = last_run_stats(db)
    assert stats["archive/fetch/retired-alias"] == 1
    assert stats["newscrawler/retired_alias/revisited"] == 1
    assert "archive/fetch/gone" not in stats
    assert health_of_last_run(db)["retired_aliases"] == 1
    second = stored(db, article)
    assert (second.revisions, second.body, second.urls) == (1, first.body, first.urls)
    assert second.plan_url == article.url, "the plan moved off the dead URL"
    assert second.last_outcome == "unchanged"
    assert found_by(db, word) == {first.article_id}

    # The next revisit goes to the canonical URL only.
    scrapy_crawl("liputan6", server.url, db, *revisit(3))
    assert server.requested() == [article.path]
    assert run_outcomes(db)[article.url] == ("not-modified", "HTTP 304")

    # A feed still linking the old URL: retired again, never gone, the canonical fetched.
    scrapy_crawl("liputan6", server.url, db, "-a", f"url={old_url}")
    assert server.requested() == [old_path, article.path]
    outcomes = run_outcomes(db)
    assert outcomes[old_url][0] == "retired-alias"
    assert outcomes[article.url][0] == "unchanged"

    # Only a 404 on the canonical URL itself means the article is gone.
    page.unlink()
    scrapy_crawl("liputan6", server.url, db, *revisit(4))
    assert run_outcomes(db)[article.url] == ("gone", "HTTP 404")
    gone = stored(db, article)
    assert (gone.revisions, gone.body, gone.last_outcome) == (1, first.body, "gone")


# -- 2. an incomplete page is not a revision -------------------------------------------------


def test_a_download_cut_short_keeps_the_stored_revision_and_is_retried(site, any_db):
    root, server = site
    db = any_db
    # Published two hours ago: the schedule's next checkpoint (3 h) is an hour away, so a
    # retry sooner than that is the fault's doing.
    published = (datetime.now(WIB) - timedelta(hours=2)).replace(microsecond=0).isoformat()
    articles = [
        replace(a, published=published, modified=published) for a in fresh_articles(4, 6_200_000)
    ]
    cut, shortened, walled, fine = articles
    publish(root, articles)
    scrapy_crawl("liputan6", server.url, db)
    before = {a.id: stored(db, a) for a in articles}
    assert all(s.revisions == 1 for s in before.values())
    last = len(cut.paragraphs) - 1
    word = word_only_in(cut, last)
    assert found_by(db, word) == {before[cut.id].article_id}

    # Three revisits, three pages that are not the article: one broken off mid-sentence,
    # one broken off after its first paragraph's </p>, a challenge page served as a 200.
    server.faults[served(cut)] = [Fault(200, cut_inside_text(cut, 2), sized=False)]
    server.faults[served(shortened)] = [Fault(200, cut_after_paragraph(shortened, 0), sized=False)]
    server.faults[served(walled)] = [Fault(200, CHALLENGE_PAGE.encode())]
    scrapy_crawl("liputan6", server.url, db, *revisit(2))

    outcomes = run_outcomes(db)
    outcome, reason = outcomes[cut.url]
    assert outcome == "incomplete"
    assert reason is not None
    assert reason.startswith("cut short: the markup ends inside text, the text mid-sentence")
    outcome, reason = outcomes[shortened.url]
    assert outcome == "incomplete"
    assert reason is not None
    assert reason.startswith("no closing tags, text ")
    assert reason.endswith("% of the stored revision")
    assert int(reason.split("text ")[1].split("%")[0]) < 50
    assert outcomes[fine.url] == ("not-modified", "HTTP 304")
    outcome, reason = outcomes[walled.url]
    assert outcome == "blocked"
    assert reason is not None
    assert reason.startswith("challenge page (")
    stats = last_run_stats(db)
    assert stats["archive/fetch/incomplete"] == 2
    assert stats["newscrawler/incomplete/cut_short"] == 1
    assert stats["newscrawler/page_end/unclosed"] == 1
    assert "archive/revised" not in stats
    assert health_of_last_run(db)["incomplete"] == 2

    for article in articles:
        after = stored(db, article)
        was = before[article.id]
        assert (after.revisions, after.body, after.urls) == (was.revisions, was.body, was.urls)
        assert after.next_visit_at is not None
        if article is fine:  # at the schedule's next checkpoint
            assert after.next_visit_at > after.last_visit_at + RETRY_AFTER
        else:  # due again soon
            assert after.next_visit_at <= after.last_visit_at + RETRY_AFTER
    assert found_by(db, word) == {before[cut.id].article_id}

    # The retry gets the whole page, edited meanwhile: stored as any revision is.
    fixed = edited(cut, last, "Koreksi redaksi: jembatan dibuka kembali pekan depan.", cut.modified)
    publish(root, [fixed, shortened, walled, fine])
    scrapy_crawl("liputan6", server.url, db, *revisit(3))
    assert run_outcomes(db)[cut.url][0] == "revised"
    after = stored(db, cut)
    assert after.revisions == 2
    assert "jembatan dibuka kembali" in after.body
    assert found_by(db, "jembatan") == {after.article_id}
    assert run_outcomes(db)[shortened.url] == ("not-modified", "HTTP 304")


def test_a_first_fetch_is_refused_only_when_clearly_cut_short(site, tmp_path):
    root, server = site
    db = sqlite_db(tmp_path)
    unclosed, broken = fresh_articles(2, 6_300_000)
    publish(root, [unclosed, broken])
    # A whole page that never closes </body></html>, as many real pages: stored.
    whole = render_article(unclosed).replace("</body></html>", "")
    server.faults[served(unclosed)] = [Fault(200, whole.encode())]
    server.faults[served(broken)] = [Fault(200, cut_inside_text(broken, 2), sized=False)]
    scrapy_crawl("liputan6", server.url, db)

    outcomes = run_outcomes(db)
    assert outcomes[unclosed.url][0] == "new"
    assert stored(db, unclosed).body.endswith(unclosed.paragraphs[-1].split()[-1])
    outcome, reason = outcomes[broken.url]
    assert outcome == "incomplete"
    assert reason is not None
    assert reason.startswith("cut short: the markup ends inside text, the text mid-sentence")
    with Archive.open(db) as archive, archive.session() as session:
        assert (
            session.scalars(select(Article).where(Article.publisher_id == str(broken.id))).all()
            == []
        )
    stats = last_run_stats(db)
    assert stats["archive/fetch/incomplete"] == 1
    assert stats["archive/new"] == 1

    # The next crawl gets the whole page: a new article as any.
    scrapy_crawl("liputan6", server.url, db)
    assert run_outcomes(db)[broken.url][0] == "new"
    assert stored(db, broken).revisions == 1
