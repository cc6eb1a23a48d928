"""`newscrawler import-warc`: pages of WARC files archived as a crawl would have stored them.

Every test writes its WARC files with warcio, as another crawler would, and runs the real
command in a subprocess into a fresh archive.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

import pytest
from sqlalchemy import func, select
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archive.models import Fetch, Revision, Run, VisitSchedule
from archive.queries import history, load_article
from archive.rawpages import body_of
from archive.store import Archive
from archive.views import ArticleView
from newscrawler.demo.site import HOST, VIDEO_ID, article_file, build_site, edited, write_article
from newscrawler.operations.replay import serving
from newscrawler.warcreport import ImportReport
from tests.conftest import ROOT
from tests.crawling import scrapy_crawl
from tests.test_pagination_crawl import BROKEN, SHOW_ALL, THREE_PAGES

HTML = "text/html; charset=utf-8"


@dataclass(frozen=True)
class Rec:
    """One WARC record to write: a response unless ``kind`` says otherwise."""

    url: str
    date: str  # WARC-Date
    body: bytes = b""
    status: str = "200 OK"
    content_type: str = HTML
    kind: str = "response"


def write_warc(path: Path, records: list[Rec], gzip: bool = True) -> Path:
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        for rec in records:
            dated = {"WARC-Date": rec.date}
            if rec.kind == "request":
                http = StatusAndHeaders(
                    f"GET {rec.url.split(HOST, 1)[-1]} HTTP/1.1",
                    [("Host", HOST)],
                    is_http_request=True,
                )
                record = writer.create_warc_record(
                    rec.url, "request", http_headers=http, warc_headers_dict=dated
                )
            else:
                http = StatusAndHeaders(
                    rec.status, [("Content-Type", rec.content_type)], protocol="HTTP/1.1"
                )
                record = writer.create_warc_record(
                    rec.url,
                    "response",
                    payload=BytesIO(rec.body),
                    http_headers=http,
                    warc_headers_dict=dated,
                )
            writer.write_record(record)
    return path


def newscrawler(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newscrawler.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )


def extracted(path: Path, url: str, fetched_at: str, cwd: Path) -> dict:
    done = newscrawler("extract", str(path), "--url", url, "--fetched-at", fetched_at, cwd=cwd)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def fetch_rows(db_url: str) -> list[tuple[str, datetime, str, int | None, str | None]]:
    with Archive.open(db_url) as archive, archive.session() as session:
        rows = session.execute(
            select(Fetch.url, Fetch.fetched_at, Fetch.outcome, Fetch.status, Fetch.reason).order_by(
                Fetch.fetched_at, Fetch.id
            )
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


def assert_same_article(view: ArticleView | None, expected: dict) -> None:
    assert view is not None, expected["url"]
    assert view.site == expected["site"]
    for name in ("title", "subtitle", "section", "dateline"):
        assert getattr(view, name) == expected[name], name
    for name in ("authors", "editors"):
        assert list(getattr(view, name)) == expected[name], name
    assert sorted(view.tags) == sorted(expected["tags"])
    for name in ("published_at", "modified_at"):
        value = getattr(view, name)
        want = expected[name]
        assert (value.isoformat() if value else None) == (
            datetime.fromisoformat(want).astimezone(UTC).isoformat() if want else None
        ), name
    assert view.body == expected["body"]


# -- the demo site: no shared files needed --------------------------------------------------

T1, T2, T3 = "2019-11-24T08:00:00Z", "2019-11-24T11:30:00Z", "2019-11-25T09:15:00Z"


@pytest.fixture
def demo(tmp_path: Path):
    site = tmp_path / "site"
    articles = build_site(site)
    first, second = articles[0], articles[1]
    v1 = article_file(site, first).read_bytes()
    changed = edited(
        first, 1, "Paragraf kedua ditulis ulang oleh redaksi.", "2019-11-24T17:00:00+07:00"
    )
    write_article(site, changed)
    v2 = article_file(site, changed).read_bytes()
    write_article(site, first)  # the folder keeps version 1, for `newscrawler extract`
    video = site / HOST / "news" / "read" / str(VIDEO_ID) / "video-banjir-rendam-jalan-protokol"
    records = [
        # The edited version comes first in the file: the import goes by WARC-Date.
        Rec(first.url, T2, v2),
        Rec(first.url, T1, kind="request"),
        Rec(first.url, T1, v1),
        Rec(second.url, T1, article_file(site, second).read_bytes()),
        Rec(
            f"https://{HOST}/news/read/{VIDEO_ID}/video-banjir-rendam-jalan-protokol",
            T1,
            video.read_bytes(),
        ),
        Rec(f"https://{HOST}/images/logo.png", T1, b"\x89PNG\r\n\x1a\n", content_type="image/png"),
        Rec(second.url, T3, b"<html><body>Not found</body></html>", status="404 Not Found"),
        Rec(f"https://{HOST}/search?q=x", T3, b"oops", status="500 Internal Server Error"),
    ]
    warc = write_warc(tmp_path / "demo.warc.gz", records)
    return site, articles, warc, v1, v2, changed


def test_a_warc_is_archived_with_its_dates_revisions_and_takedowns(tmp_path, demo):
    site, articles, warc, v1, v2, changed = demo
    first, second = articles[0], articles[1]
    db = tmp_path / "news.sqlite3"
    done = newscrawler("import-warc", str(warc), "--db", str(db), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    summary = done.stderr.strip().splitlines()[-1]
    # Not HTML, a 500 on a page that is no article, request and warcinfo: counted only.
    assert summary == (
        "import-warc (run 1): 9 records, 2 new, 1 revised, 1 gone (HTTP 404),"
        " 1 dropped (no article text found),"
        " 4 skipped (request record, not HTML, HTTP 500, warcinfo record), 0 errors"
    )
    db_url = f"sqlite:///{db}"
    with Archive.open(db_url) as archive:
        # Each version's fields are what `newscrawler extract` gives for that page.
        (tmp_path / "v1.html").write_bytes(v1)
        (tmp_path / "v2.html").write_bytes(v2)
        expected_second = extracted(article_file(site, second), second.url, T1, tmp_path)
        assert_same_article(archive.article_for_url(second.url), expected_second)
        view = archive.article_for_url(first.url)
        assert_same_article(view, extracted(tmp_path / "v2.html", first.url, T2, tmp_path))
        assert view is not None
        assert view.modified_at == utc(changed.modified)
        with archive.session() as session:
            first_version = load_article(session, view.id, revision=1)
            revisions = history(session, view.id)
        assert_same_article(first_version, extracted(tmp_path / "v1.html", first.url, T1, tmp_path))
        assert [(r.number, r.kind, r.first_seen_at) for r in revisions] == [
            (1, "new", utc(T1)),
            (2, "revised", utc(T2)),
        ]
        assert "body" in revisions[1].field_diff
    rows = fetch_rows(db_url)
    assert (first.url, utc(T1), "new", 200, None) in rows
    assert (first.url, utc(T2), "revised", 200, None) in rows
    assert (second.url, utc(T3), "gone", 404, "HTTP 404") in rows
    assert any(
        outcome == "dropped" and url.endswith("video-banjir-rendam-jalan-protokol")
        for url, _, outcome, _, _ in rows
    )
    # Those counted only left no rows.
    assert not any(url.endswith(("logo.png", "search?q=x")) for url, *_ in rows)
    # The archive keeps each page as the WARC has it, as it keeps a crawl's responses.
    with Archive.open(db_url) as archive, archive.session() as session:
        raw_ids = session.execute(
            select(Fetch.fetched_at, Fetch.raw_page_id).where(Fetch.url == first.url)
        ).all()
        bodies = {fetched_at: body_of(session, raw_id) for fetched_at, raw_id in raw_ids}
    assert bodies == {utc(T1): v1, utc(T2): v2}
    # Revisits are planned from the WARC's visits, as a crawl plans them from its own.
    with Archive.open(db_url) as archive, archive.session() as session:
        plans = {
            url: (visits, last_visit_at, last_outcome)
            for url, visits, last_visit_at, last_outcome in session.execute(
                select(
                    VisitSchedule.url,
                    VisitSchedule.visits,
                    VisitSchedule.last_visit_at,
                    VisitSchedule.last_outcome,
                )
            )
        }
    assert plans[first.url] == (2, utc(T2), "revised")
    assert plans[second.url] == (2, utc(T3), "gone")
    gone = subprocess.run(
        [
            str(Path(sys.executable).parent / "newsarchive"),
            "--db",
            str(db),
            "show",
            second.url,
            "--json",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert gone.returncode == 0, gone.stderr
    assert json.loads(gone.stdout)["gone"] is True


def test_importing_the_same_warc_again_changes_nothing(tmp_path, demo):
    _site, _articles, warc, *_ = demo
    db = tmp_path / "news.sqlite3"
    assert newscrawler("import-warc", str(warc), "--db", str(db), cwd=tmp_path).returncode == 0
    before = fetch_rows(f"sqlite:///{db}")
    again = newscrawler("import-warc", str(warc), "--db", str(db), cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    line = again.stderr.strip().splitlines()[-1]
    assert line.startswith("import-warc (run 2): 9 records, ")
    assert "new" not in line
    assert "revised" not in line
    assert "5 already imported" in line
    assert fetch_rows(f"sqlite:///{db}") == before
    with Archive.open(f"sqlite:///{db}") as archive, archive.session() as session:
        assert session.scalar(select(func.count()).select_from(Revision)) == 3
        runs = session.execute(select(Run.site, Run.args)).all()
    assert [site for site, _ in runs] == ["import-warc", "import-warc"]
    assert runs[0][1]["files"] == str(warc)


@pytest.mark.postgres
def test_a_warc_is_imported_into_postgresql(tmp_path, demo, postgres_database):
    _site, articles, warc, *_ = demo
    done = newscrawler("import-warc", str(warc), "--db", postgres_database, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "2 new, 1 revised, 1 gone" in done.stderr
    rows = fetch_rows(postgres_database)
    assert (articles[0].url, utc(T2), "revised", 200, None) in rows
    again = newscrawler("import-warc", str(warc), "--db", postgres_database, cwd=tmp_path)
    assert "5 already imported" in again.stderr
    assert fetch_rows(postgres_database) == rows


# -- files that are not WARCs -------------------------------------------------------------


def test_a_missing_garbage_or_truncated_file_is_one_line_and_exit_2(tmp_path, demo):
    _site, _articles, warc, *_ = demo
    garbage = tmp_path / "garbage.warc"
    garbage.write_bytes(b"<html>this is no WARC</html>\n" * 20)
    cut = tmp_path / "cut.warc"
    whole = write_warc(tmp_path / "whole.warc", [Rec(f"https://{HOST}/x", T1, b"x" * 5000)], False)
    cut.write_bytes(whole.read_bytes()[:-2000])
    cut_gz = tmp_path / "cut.warc.gz"
    cut_gz.write_bytes(warc.read_bytes()[: warc.stat().st_size // 2])
    empty = tmp_path / "empty.warc"
    empty.write_bytes(b"")
    db = tmp_path / "news.sqlite3"
    for bad, words in [
        (tmp_path / "missing.warc.gz", "cannot read"),
        (garbage, "is not a WARC file"),
        (cut, "is cut short"),
        (cut_gz, "is cut short"),
        (empty, "is empty"),
    ]:
        done = newscrawler("import-warc", str(warc), str(bad), "--db", str(db), cwd=tmp_path)
        assert done.returncode == 2, done.stderr
        assert done.stderr.count("\n") == 1, done.stderr
        assert done.stderr.startswith("import-warc: ")
        assert words in done.stderr
        assert "Traceback" not in done.stderr
    assert not db.exists() or fetch_rows(f"sqlite:///{db}") == []
    nowhere = tmp_path / "no-such-folder" / "news.sqlite3"
    done = newscrawler("import-warc", str(warc), "--db", str(nowhere), cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith("import-warc: cannot open the archive at sqlite:///")
    assert done.stderr.count("\n") == 1


# -- real pages -----------------------------------------------------------------------------

# Site fixtures of real pages (tests/fixtures/sites): their URL and fetch time. One-page
# articles: a crawl would fetch the other pages of a paginated one, which these WARCs lack.
REAL_CASES = [
    "liputan6/anpandu_singlepage.json",
    "kompas/slasherrb_2015_bola.json",
    "detik/tisorlawan_1_news.json",
    "okezone/ogs_2020-07-08.json",
    "mediaindonesia/fundus_2025-10-22.json",
]


def real_pages() -> list[tuple[str, str, str]]:
    """(shared page, URL, WARC-Date) of each case."""
    found = []
    for case in REAL_CASES:
        data = json.loads((ROOT / "tests" / "fixtures" / "sites" / case).read_text())
        date = datetime.fromisoformat(data["fetched_at"]).astimezone(UTC)
        found.append((data["shared"], data["url"], date.strftime("%Y-%m-%dT%H:%M:%SZ")))
    return found


@pytest.mark.shared
def test_real_pages_are_archived_as_extract_reads_them(tmp_path, shared_pages):
    real = real_pages()
    records = [Rec(url, date, (shared_pages / page).read_bytes()) for page, url, date in real]
    warc = write_warc(tmp_path / "real.warc", records, gzip=False)
    db = tmp_path / "news.sqlite3"
    done = newscrawler("import-warc", str(warc), "--db", str(db), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert f"{len(real)} new" in done.stderr
    with Archive.open(f"sqlite:///{db}") as archive:
        for page, url, date in real:
            expected = extracted(shared_pages / page, url, date, tmp_path)
            assert_same_article(archive.article_for_url(url), expected)
    assert {(url, fetched_at) for url, fetched_at, *_ in fetch_rows(f"sqlite:///{db}")} == {
        (url, utc(date)) for _, url, date in real
    }


# -- revisits, charsets, --site ---------------------------------------------------------------


def test_a_revisit_record_is_an_unchanged_visit_dated_by_the_warc(tmp_path):
    site = tmp_path / "site"
    article = build_site(site)[0]
    body = article_file(site, article).read_bytes()
    seen, again = "2019-11-24T08:00:00.123456Z", "2019-11-24T20:00:00.5Z"  # WARC 1.1 dates
    warc = tmp_path / "revisit.warc.gz"
    with warc.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True, warc_version="WARC/1.1")
        http = StatusAndHeaders("200 OK", [("Content-Type", HTML)], protocol="HTTP/1.1")
        original = writer.create_warc_record(
            article.url,
            "response",
            payload=BytesIO(body),
            http_headers=http,
            warc_headers_dict={"WARC-Date": seen},
        )
        writer.write_record(original)
        digest = original.rec_headers.get_header("WARC-Payload-Digest")
        writer.write_record(
            writer.create_revisit_record(
                article.url,
                digest,
                article.url,
                seen,
                http_headers=StatusAndHeaders("200 OK", [("Content-Type", HTML)], "HTTP/1.1"),
                warc_headers_dict={"WARC-Date": again},
            )
        )
    db = tmp_path / "news.sqlite3"
    done = newscrawler("import-warc", str(warc), "--db", str(db), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "2 records, 1 new, 1 unchanged, 0 errors" in done.stderr
    with Archive.open(f"sqlite:///{db}") as archive:
        view = archive.article_for_url(article.url)
        assert view is not None
        assert (view.revision_count, view.first_seen_at, view.last_seen_at) == (
            1,
            utc(seen),
            utc(again),
        )


def test_the_charset_comes_from_the_http_headers_as_in_a_crawl(tmp_path):
    text = (
        '<html lang="fr"><head><title>Café à Bandung</title>'
        '<meta property="og:title" content="Café à Bandung">'
        '<meta property="article:published_time" content="2024-08-14T10:30:00+08:00">'
        "</head><body><article>"
        "<p>Le café de la rue Braga a rouvert ses portes mercredi après des travaux.</p>"
        "<p>Les habitués étaient nombreux dès l'ouverture, a précisé le gérant.</p>"
        "</article></body></html>"
    )
    url = "https://news.example.org/2024/08/14/cafe"
    warc = write_warc(
        tmp_path / "latin.warc",
        [Rec(url, T1, text.encode("cp1252"), content_type="text/html; charset=windows-1252")],
    )
    db = tmp_path / "news.sqlite3"
    done = newscrawler("import-warc", str(warc), "--db", str(db), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    with Archive.open(f"sqlite:///{db}") as archive:
        view = archive.article_for_url(url)
        assert view is not None
        assert view.site == "generic"
        assert view.title == "Café à Bandung"
        assert "après des travaux" in view.body


def test_site_forces_the_page_object_and_a_wrong_name_is_exit_2(tmp_path, demo):
    _site, articles, warc, *_ = demo
    db = tmp_path / "news.sqlite3"
    wrong = newscrawler("import-warc", str(warc), "--db", str(db), "--site", "nope", cwd=tmp_path)
    assert wrong.returncode == 2
    assert wrong.stderr.startswith("import-warc: unknown site 'nope' (one of: ")
    assert wrong.stderr.count("\n") == 1
    done = newscrawler("import-warc", str(warc), "--db", str(db), "--site", "generic", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    with Archive.open(f"sqlite:///{db}") as archive:
        view = archive.article_for_url(articles[1].url)
        assert view is not None
        assert view.site == "generic"
        with archive.session() as session:
            run_args = session.scalars(select(Run.args)).one()
    assert run_args["site"] == "generic"


# -- articles split over pages ----------------------------------------------------------------

PAGINATED = ROOT / "tests" / "fixtures" / "paginated-site"


def paginated_records(date: str) -> list[Rec]:
    """The paginated Kompas-style site's articles and their pages as WARC responses."""
    records = []
    for path in sorted(PAGINATED.rglob("*")):
        relative = path.relative_to(PAGINATED).as_posix()
        if not path.is_file() or path.suffix == ".status" or "/read/" not in relative:
            continue
        url = "https://" + relative.replace("@", "?")
        status_file = path.with_name(path.name + ".status")
        status = status_file.read_text().strip() if status_file.exists() else "200"
        status += " OK" if status == "200" else " Internal Server Error"
        records.append(Rec(url, date, path.read_bytes(), status=status))
    return records


def test_an_article_split_over_pages_is_stored_whole_as_a_crawl_stores_it(tmp_path):
    crawl_db = f"sqlite:///{tmp_path / 'crawl.sqlite3'}"
    with serving(PAGINATED) as server:
        scrapy_crawl("kompas", server.url, crawl_db, "-a", "sources=feeds", "-s", "RETRY_TIMES=0")
    warc = write_warc(tmp_path / "paged.warc.gz", paginated_records(T1))
    db = tmp_path / "news.sqlite3"
    done = newscrawler("import-warc", str(warc), "--db", str(db), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    line = done.stderr.strip().splitlines()[-1]
    assert line == (
        "import-warc (run 1): 11 records, 2 new, 1 failed (page 2 of the article),"
        " 8 skipped (a later page of an article ×7, warcinfo record), 0 errors"
    )
    with Archive.open(crawl_db) as crawled, Archive.open(f"sqlite:///{db}") as imported:
        for url in (THREE_PAGES, SHOW_ALL):
            by_crawl, by_import = crawled.article_for_url(url), imported.article_for_url(url)
            assert by_crawl is not None
            assert by_import is not None
            assert by_import.body == by_crawl.body
            assert by_import.title == by_crawl.title
        assert imported.article_for_url(BROKEN) is None
    rows = fetch_rows(f"sqlite:///{db}")
    failed = [row for row in rows if row[2] == "failed"]
    assert [(url, reason) for url, _, _, _, reason in failed] == [
        (
            BROKEN,
            f"page 2 of the article ({BROKEN}?page=2) failed: HTTP 500;"
            " not stored (1 of 3 pages fetched)",
        )
    ]
    # Again: the first pages are already imported, and their pages still read as theirs.
    again = newscrawler("import-warc", str(warc), "--db", str(db), cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert again.stderr.strip().splitlines()[-1] == (
        "import-warc (run 2): 11 records,"
        " 8 skipped (a later page of an article ×7, warcinfo record), 3 already imported, 0 errors"
    )
    assert fetch_rows(f"sqlite:///{db}") == rows


def test_an_error_in_our_code_is_counted_said_on_a_problem_line_and_exit_3():
    report = ImportReport(run_id=4, records=3)
    report.count("new")
    report.count("failed", "extraction error: KeyError: 'x'")
    report.errors += 1
    assert report.line() == (
        "import-warc (run 4): 3 records, 1 new, 1 failed (extraction error), 1 errors"
    )
    assert report.problems() == ["import-warc: 1 errors in our code on records (see the log)"]
    assert report.exit_code == 3
    assert ImportReport(records=1).exit_code == 0
