"""``newscrawler import-warc``: archive the pages of WARC files crawled elsewhere.

A WARC's ``response`` records are the visits another crawler made. Each one is read as a
crawl reads a response (Scrapy's ``HtmlResponse`` with the record's HTTP headers, so the
charset is found the same way; the page object the URL picks; the same normalization) and
stored with the record's ``WARC-Date`` as its fetch time, so revisions are dated when the
page was seen. The import is two passes:

1. every file is scanned, record headers only: a file that is not a WARC, or is cut short,
   stops the import before anything is written (exit 2);
2. the records are taken in ``WARC-Date`` order (so an article fetched twice gets its
   revisions in the order they were seen), each read again at its offset.

Nothing is lost silently: every record is counted by what became of it (stored, a visit
recorded, or skipped with the kind of reason), and a record whose (URL, fetch time) the
archive already holds is skipped as already imported, so importing a file twice adds
nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from scrapy.http import Headers, HtmlResponse
from sqlalchemy import select
from sqlalchemy.exc import DatabaseError
from warcio.statusandheaders import StatusAndHeadersParserException

from archive.aliases import judge_not_found
from archive.db import shown_url
from archive.identity import InvalidURLError, canonicalize_url
from archive.models import Fetch
from archive.queries import find_article_id
from archive.snapshot import FetchInfo, FetchOutcome, RawResponse
from archive.store import Archive
from newscrawler.completeness import cut_short, page_end
from newscrawler.extract import extract_raw
from newscrawler.extraction.pagination import Continuation
from newscrawler.items import ArticleSnapshot, NormalizedArticle, RawArticle
from newscrawler.normalize.article import NotAnArticle, fetch_of, to_snapshot, visit_of
from newscrawler.operations.crawl_health import challenge_marker, coverage_keys
from newscrawler.operations.crawl_summary import error_text
from newscrawler.pipelines import with_page_end
from newscrawler.sites import Site, project_settings, site_for_url
from newscrawler.warcfiles import (
    BadImportError,
    NotAWarcError,
    RecordReader,
    RecordRef,
    header,
    html_response,
    http_of,
    scan,
    transfer_free,
)
from newscrawler.warcpages import assemble
from newscrawler.warcreport import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, ImportReport
from newscrawler.warcsites import PlanBySite, is_article_url, site_named

logger = logging.getLogger(__name__)

RUN_SITE = "import-warc"
# Pages 2 and later of an article, and its all-on-one-page variant, are no articles of their
# own: read with the first page, no visit is recorded under their URLs (as in a crawl).
LATER_PAGE = "a later page of an article"
# Statuses a crawl records as "blocked" (newscrawler/spiders/base.py, on_error).
_BLOCKED = frozenset({401, 403, 429, 451})


# -- the second pass: importing ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Visit:
    """One HTTP exchange as read from the WARC: a response record, or a revisit with its
    original's payload."""

    url: str
    fetched_at: datetime
    status: int | None
    headers: Headers
    body: bytes
    truncated: str | None  # the WARC-Truncated reason, when the crawler cut the record


class WarcImport:
    """One import: files scanned, records taken in time order into one run."""

    def __init__(self, archive: Archive, paths: list[Path], site: Site | None = None) -> None:
        self.archive = archive
        self.paths = paths
        self.site = site
        self.report = ImportReport()
        self.records = RecordReader(paths)
        self._seen: set[tuple[str, datetime]] = set()
        self._responses: dict[str, list[RecordRef]] = {}  # response records by URL
        self._later_pages: set[tuple[int, int]] = set()  # records read as pages of an article
        self._keep_raw = project_settings().getbool("NEWSCRAWLER_KEEP_RAW", True)

    def run(self, refs: list[RecordRef]) -> ImportReport:
        started = datetime.now(UTC)
        args = {"files": " ".join(str(p) for p in self.paths)}
        if self.site is not None:
            args["site"] = self.site.name
        run_id = self.report.run_id = self.archive.start_run(RUN_SITE, started, args)
        originals = _originals(refs)
        for ref in refs:
            if ref.kind == "response" and ref.url is not None:
                self._responses.setdefault(ref.url, []).append(ref)
        self._seen = self._already_archived(refs)
        status = "interrupted"  # a database error or Ctrl-C ends the import half-way
        try:
            for ref in sorted(refs, key=_time_order):
                self.report.records += 1
                self.report.stats["import-warc/records"] += 1
                self._one(ref, originals)
            status = "finished"
        finally:
            self.records.close()
            self.report.stats["archive/run_id"] = run_id
            stats = dict(self.report.stats)
            self.archive.finish_run(run_id, datetime.now(UTC), stats, status)
        return self.report

    def _already_archived(self, refs: list[RecordRef]) -> set[tuple[str, datetime]]:
        """(URL, fetch time) of the archive's visits to the files' URLs in their time span.

        One pass over the visits of the span (fetches have no index on the URL alone),
        streamed, keeping only the files' URLs: memory follows the files, not the archive."""
        times = [r.fetched_at for r in refs if r.fetched_at is not None]
        urls = {r.url for r in refs if r.url is not None}
        if not times:
            return set()
        query = select(Fetch.url, Fetch.fetched_at).where(
            Fetch.fetched_at >= min(times), Fetch.fetched_at <= max(times)
        )
        with self.archive.session() as session:
            rows = session.execute(query, execution_options={"yield_per": 10_000})
            return {(url, fetched_at) for url, fetched_at in rows if url in urls}

    def _one(self, ref: RecordRef, originals: dict[str, RecordRef]) -> None:
        if ref.kind not in ("response", "revisit"):
            self.report.skip(f"{ref.kind} record")
            return
        if ref.url is None or ref.fetched_at is None:
            self.report.skip("no target URI or date")
            return
        if (ref.file, ref.offset) in self._later_pages:
            self.report.skip(LATER_PAGE)  # read already, as a page of its article
            return
        if (ref.url, ref.fetched_at) in self._seen:
            self.report.already_imported += 1
            self.report.stats["import-warc/already_imported"] += 1
            if ref.kind == "response":
                self._mark_pages_of(ref, ref.url, ref.fetched_at)
            return
        try:
            visit = self._visit(ref, originals)
        except StatusAndHeadersParserException:
            self.report.skip("unreadable HTTP headers")
            return
        if visit is None:
            return
        if visit.status is not None:
            # As a crawl counts the responses it got (newsarchive health's "fetched").
            self.report.stats["downloader/response_count"] += 1
        if visit.status is None:
            self.report.skip("not HTTP")
        elif visit.status == 200:
            self._page(visit)
        elif visit.status == 304:
            self._not_found_or_other(visit, "not-modified", "HTTP 304")
        elif 300 <= visit.status < 400:
            self.report.skip("redirect")
        elif visit.status in (404, 410):
            self._not_found_or_other(visit, "gone", f"HTTP {visit.status}")
        elif visit.status in _BLOCKED:
            self._not_found_or_other(visit, "blocked", f"HTTP {visit.status}")
        else:
            self._not_found_or_other(visit, "failed", f"HTTP {visit.status}")

    def _visit(self, ref: RecordRef, originals: dict[str, RecordRef]) -> Visit | None:
        assert ref.url is not None
        assert ref.fetched_at is not None
        record = self.records.read(ref)
        status, headers = http_of(record)
        truncated = record.rec_headers.get_header("WARC-Truncated")
        if ref.kind == "response":
            body = record.content_stream().read()
            return Visit(ref.url, ref.fetched_at, status, headers, body, truncated)
        if status == 304 or (ref.profile or "").endswith("/server-not-modified"):
            return Visit(ref.url, ref.fetched_at, 304, headers, b"", None)
        original = originals.get(ref.refers_to or "") or originals.get(ref.payload_digest or "")
        if original is None:
            self.report.skip("revisit of a record not in these files")
            return None
        source = self.records.read(original)
        original_status, original_headers = http_of(source)
        body = source.content_stream().read()
        # A revisit names the response it repeats; its own HTTP headers, where it has them,
        # are this visit's.
        return Visit(
            ref.url,
            ref.fetched_at,
            status or original_status,
            headers if status is not None else original_headers,
            body,
            source.rec_headers.get_header("WARC-Truncated"),
        )

    # -- outcomes ---------------------------------------------------------------------------

    def _record(self, fetch: FetchInfo, visit: Visit) -> None:
        fetch = replace(fetch, run_id=self.report.run_id, raw=self._raw(visit))
        if fetch.outcome == "gone":
            with self.archive.session() as session:
                fetch, _home = judge_not_found(session, fetch)
        self.archive.record_fetch(fetch)
        self._seen.add((fetch.url, fetch.fetched_at))
        self.report.count(str(fetch.outcome), fetch.reason)

    def _not_found_or_other(self, visit: Visit, outcome: FetchOutcome, reason: str) -> None:
        """A visit that brought no page: recorded where the URL is an archived article or an
        article URL of a known site (as a crawl, which only asks for those, records it),
        otherwise counted."""
        site = self.site or site_for_url(visit.url)
        if not (self._archived(visit.url) or is_article_url(site, visit.url)):
            self.report.skip(reason)
            return
        self._record(self._fetch(visit, site, outcome, reason), visit)

    def _archived(self, url: str) -> bool:
        try:
            canonical = canonicalize_url(url)
        except InvalidURLError:
            return False
        with self.archive.session() as session:
            return find_article_id(session, [canonical]) is not None

    def _fetch(self, visit: Visit, site: Site, outcome: FetchOutcome, reason: str) -> FetchInfo:
        return FetchInfo(
            url=visit.url,
            site=site.name,
            fetched_at=visit.fetched_at,
            status=visit.status,
            etag=header(visit.headers, b"ETag"),
            last_modified=header(visit.headers, b"Last-Modified"),
            outcome=outcome,
            reason=reason,
        )

    def _page(self, visit: Visit) -> None:
        """A 200: read as a crawl reads it, then stored, or recorded with why it was not."""
        response = html_response(visit.url, visit.headers, visit.body)
        if response is None:
            self.report.skip("not HTML")
            return
        headers = response.headers
        site = self.site or site_for_url(visit.url)
        if (marker := challenge_marker(response)) is not None:
            self.report.stats["newscrawler/blocked/challenge"] += 1
            self._record(self._fetch(visit, site, "blocked", f"challenge page ({marker})"), visit)
            return
        if visit.truncated:
            reason = f"cut short: the WARC record is truncated ({visit.truncated})"
            self._record(self._fetch(visit, site, "incomplete", reason), visit)
            return
        try:
            result = extract_raw(response, fetched_at=visit.fetched_at, site=self.site)
            raw = result.raw
            page = result.site.page(response, site=result.site.name, fetched_at=visit.fetched_at)
            continues = page.continuation() if raw.refusal is None else Continuation()
        except Exception as error:  # any page object or normalizer bug: recorded, import goes on
            self._our_error(visit, site, error)
            return
        raw.http_status = 200
        raw.etag = header(headers, b"ETag")
        raw.last_modified = header(headers, b"Last-Modified")
        end = page_end(visit.body)
        raw.page_end = end.sign
        cut = cut_short(end, raw.body) if raw.refusal is None else None
        if cut is not None:
            self.report.stats["newscrawler/incomplete/cut_short"] += 1
            self._record(visit_of(raw, "incomplete", cut), visit)
            return
        if continues.first_page:
            # Not an article of its own: read with its first page, as a crawl reads it.
            self.report.skip(LATER_PAGE)
            return
        snapshot, refusal = result.snapshot, result.error
        if continues:
            try:
                snapshot = self._all_pages(raw, continues, result.site, visit)
                refusal = None
            except NotAnArticle as exc:
                snapshot, refusal = None, str(exc)
            except Exception as error:  # as above: a page object raised on a later page
                self._our_error(visit, site, error)
                return
            if snapshot is None and refusal is None:
                return  # a later page is missing: _all_pages recorded the visit as failed
        if snapshot is None:
            key = raw.refusal[0] if raw.refusal else _refusal_key(refusal)
            self.report.stats[f"newscrawler/dropped/{key}"] += 1
            self._record(visit_of(raw, "dropped", refusal or "not an article"), visit)
            return
        item = with_page_end(NormalizedArticle(snapshot, fetch_of(raw, snapshot)), raw)
        fetch = replace(item.fetch, run_id=self.report.run_id, raw=self._raw(visit))
        stored = self.archive.store(item.snapshot, fetch)
        self._seen.add((fetch.url, fetch.fetched_at))
        for key in coverage_keys(item.snapshot):
            self.report.stats[key] += 1
        self.report.count(stored.outcome, None)

    def _raw(self, visit: Visit) -> RawResponse | None:
        """The response as the archive keeps a crawl's (``FetchInfo.raw``, archive.rawpages):
        the body as warcio decoded it, the headers without the transfer's; None for an empty
        body or with ``NEWSCRAWLER_KEEP_RAW`` off."""
        if not visit.body or not self._keep_raw:
            return None
        headers = tuple(
            (name.decode("latin-1"), value.decode("latin-1"))
            for name, values in transfer_free(visit.headers).items()
            for value in values
        )
        return RawResponse(visit.body, headers)

    def _our_error(self, visit: Visit, site: Site, error: Exception) -> None:
        """Our code raised on a page: a failed visit, logged with its traceback, counted as an
        error (exit code 3); the import goes on."""
        self.report.errors += 1
        self.report.stats["newscrawler/error/extraction"] += 1
        logger.error("extraction failed on %s", visit.url, exc_info=error)
        reason = f"extraction error: {error_text(error)}"
        self._record(self._fetch(visit, site, "failed", reason), visit)

    def _all_pages(
        self, raw: RawArticle, continues: Continuation, site: Site, visit: Visit
    ) -> ArticleSnapshot | None:
        """The article with the text of all its pages the WARC holds (newscrawler.warcpages);
        None, with the visit recorded as failed, when one of them is missing."""
        max_pages = project_settings().getint("NEWSCRAWLER_ARTICLE_MAX_PAGES")
        near = visit.fetched_at
        whole = assemble(raw, continues, site, lambda url: self._later_page(url, near), max_pages)
        if whole.failure is not None:
            self.report.stats["newscrawler/pagination/incomplete"] += 1
            self._record(visit_of(raw, "failed", whole.failure), visit)
            return None
        kind = "single_page" if whole.single_page else "assembled"
        self.report.stats[f"newscrawler/pagination/{kind}"] += 1
        raw.body, raw.pages = whole.body, whole.pages
        return to_snapshot(raw, now=near)

    def _later_page(self, url: str, near: datetime) -> HtmlResponse | str:
        """The WARC's response for a later page of an article: of the records of ``url``, the
        one nearest in time to the first page's; or why there is none."""
        ref = self._nearest(url, near)
        if ref is None:
            return "not in the WARC files"
        self._later_pages.add((ref.file, ref.offset))
        record = self.records.read(ref)
        status, headers = http_of(record)
        if status != 200:
            return f"HTTP {status}" if status is not None else "not an HTTP response"
        response = html_response(url, headers, record.content_stream().read())
        return response if response is not None else "not an HTML page"

    def _nearest(self, url: str, near: datetime) -> RecordRef | None:
        """Of the response records of ``url``, the one nearest in time to ``near``."""
        refs = self._responses.get(url)
        if not refs:
            return None
        return min(refs, key=lambda r: abs((r.fetched_at or near) - near))

    def _mark_pages_of(self, ref: RecordRef, url: str, near: datetime) -> None:
        """The records an imported article's first page was read with, marked again when it
        is skipped as already imported: its single page and following pages are then skipped
        as pages of it, as in the first import, instead of being read as pages of their own
        (the 500 of a page 2 recorded as a failed visit, the single page as an article)."""
        status, headers = http_of(record := self.records.read(ref))
        response = html_response(url, headers, record.content_stream().read())
        if status != 200 or response is None:
            return
        site = self.site or site_for_url(url)
        try:
            continues = site.page(response, site=site.name, fetched_at=near).continuation()
        except Exception as error:  # the page object raised on it in the first import too
            self.report.errors += 1
            self.report.stats["newscrawler/error/extraction"] += 1
            logger.error("extraction failed on %s", url, exc_info=error)
            return
        for page_url in (continues.single_page, *continues.next):
            page = self._nearest(page_url, near) if page_url else None
            if page is not None:
                self._later_pages.add((page.file, page.offset))


def _refusal_key(message: str | None) -> str:
    """``no_title`` / ``no_body``: the stats key of normalization's refusal."""
    if message and "title" in message:
        return "no_title"
    return "no_body"


def _time_order(ref: RecordRef) -> tuple[datetime, int, int]:
    return (ref.fetched_at or datetime.min.replace(tzinfo=UTC), ref.file, ref.offset)


def _originals(refs: list[RecordRef]) -> dict[str, RecordRef]:
    """Response records by record id and by payload digest, for revisits to name."""
    found: dict[str, RecordRef] = {}
    for ref in refs:
        if ref.kind != "response":
            continue
        for key in (ref.record_id, ref.payload_digest):
            if key:
                found.setdefault(key, ref)
    return found


def import_warcs(archive_url: str, paths: list[Path], site: Site | None = None) -> ImportReport:
    """Scan every file (NotAWarcError before anything is written), then import them as one
    run into the archive at ``archive_url``."""
    refs = [ref for n, path in enumerate(paths) for ref in scan(path, n)]
    try:
        archive = Archive.open(archive_url)
    except DatabaseError as error:
        why = " ".join(str(error.orig).split())  # the server's message runs over lines
        raise BadImportError(
            f"cannot open the archive at {shown_url(archive_url)}: {why}"
        ) from None
    with archive:
        archive.visit_hooks.append(PlanBySite())
        return WarcImport(archive, paths, site).run(refs)


__all__ = [
    "EXIT_OK",
    "EXIT_PROBLEM",
    "EXIT_USAGE",
    "BadImportError",
    "ImportReport",
    "NotAWarcError",
    "RecordRef",
    "WarcImport",
    "import_warcs",
    "scan",
    "site_named",
]
