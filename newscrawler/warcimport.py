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
import re
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import IO

from scrapy.http import Headers, HtmlResponse
from scrapy.responsetypes import responsetypes
from scrapy.spiderloader import SpiderLoader
from sqlalchemy import select
from sqlalchemy.exc import DatabaseError
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeadersParserException

from archive.aliases import judge_not_found
from archive.db import shown_url
from archive.identity import InvalidURLError, canonicalize_url
from archive.models import Fetch
from archive.queries import find_article_id
from archive.snapshot import FetchInfo, FetchOutcome
from archive.store import FETCH_ONLY_OUTCOMES, Archive
from newscrawler.completeness import cut_short, page_end
from newscrawler.extract import extract_raw
from newscrawler.items import NormalizedArticle
from newscrawler.normalize.article import fetch_of, visit_of
from newscrawler.operations.crawl_health import challenge_marker, coverage_keys
from newscrawler.operations.crawl_summary import error_text, reason_kind
from newscrawler.pipelines import with_page_end
from newscrawler.sites import GENERIC, Site, known_sites, project_settings, site_for_url

logger = logging.getLogger(__name__)

RUN_SITE = "import-warc"
EXIT_OK, EXIT_USAGE, EXIT_PROBLEM = 0, 2, 3
# Headers that described the transfer, not the page: warcio has already undone the chunking
# and the compression, as Scrapy's middlewares do before a spider sees a response.
_TRANSFER_HEADERS = {b"content-encoding", b"transfer-encoding", b"content-length"}
_GZIP_MAGIC = b"\x1f\x8b"
# Statuses a crawl records as "blocked" (newscrawler/spiders/base.py, on_error).
_BLOCKED = frozenset({401, 403, 429, 451})


# The summary line's order: what was stored, then the visits that stored nothing.
_SUMMARY_ORDER = (
    *("new", "revised", "reverted", "unchanged", "not-modified", "gone"),
    *("retired-alias", "incomplete", "blocked", "failed", "dropped"),
)


class BadImportError(Exception):
    """Bad usage, said in one line with exit code 2: an unknown site, an archive that cannot
    be opened, a file that cannot be imported."""


class NotAWarcError(BadImportError):
    """A file that cannot be imported: not a WARC, unreadable or cut short."""


@dataclass(frozen=True, slots=True)
class RecordRef:
    """Where a record is and what its headers say; its content is read in the second pass."""

    file: int  # index into the import's files
    offset: int
    kind: str  # response, revisit, request, metadata, warcinfo, resource, ...
    url: str | None
    fetched_at: datetime | None
    record_id: str | None = None
    payload_digest: str | None = None
    refers_to: str | None = None  # a revisit's original record (WARC-Refers-To)
    profile: str | None = None  # a revisit's WARC-Profile


@dataclass
class ImportReport:
    """What the import did: the counts of its summary line, the run's stats."""

    run_id: int | None = None
    records: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)  # new, revised, gone, dropped, …
    reasons: dict[str, Counter[str]] = field(default_factory=dict)  # outcome -> reason kinds
    skipped: Counter[str] = field(default_factory=Counter)  # kind of record -> count
    already_imported: int = 0
    errors: int = 0
    stats: Counter[str] = field(default_factory=Counter)  # crawl-style counters

    @property
    def exit_code(self) -> int:
        return EXIT_PROBLEM if self.errors else EXIT_OK

    def count(self, outcome: str, reason: str | None = None) -> None:
        self.outcomes[outcome] += 1
        fetch_only = outcome in FETCH_ONLY_OUTCOMES
        self.stats[f"archive/fetch/{outcome}" if fetch_only else f"archive/{outcome}"] += 1
        if reason is not None and fetch_only:
            self.reasons.setdefault(outcome, Counter())[reason_kind(reason)] += 1

    def skip(self, why: str) -> None:
        self.skipped[why] += 1
        self.stats[f"import-warc/skipped/{why}"] += 1

    def line(self) -> str:
        """``import-warc (run 4): 120 records, 87 new, …, 5 skipped (not HTML), 0 errors``."""
        parts = [f"{self.records} record{'' if self.records == 1 else 's'}"]
        for outcome in _SUMMARY_ORDER:
            if self.outcomes[outcome]:
                kinds = _kinds(self.reasons.get(outcome, Counter()))
                parts.append(f"{self.outcomes[outcome]} {outcome}{kinds}")
        if self.skipped:
            parts.append(f"{sum(self.skipped.values())} skipped{_kinds(self.skipped, most=5)}")
        if self.already_imported:
            parts.append(f"{self.already_imported} already imported")
        parts.append(f"{self.errors} errors")
        run = f" (run {self.run_id})" if self.run_id is not None else ""
        return f"import-warc{run}: {', '.join(parts)}"


def _kinds(kinds: Counter[str], most: int = 3) -> str:
    if not kinds:
        return ""
    ranked = kinds.most_common()
    shown = [f"{kind} ×{n}" if n > 1 else kind for kind, n in ranked[:most]]
    if len(ranked) > most:
        shown.append(f"{len(ranked) - most} more")
    return f" ({', '.join(shown)})"


# -- pass 1: scanning ---------------------------------------------------------------------


def scan(path: Path, file: int) -> list[RecordRef]:
    """Every record of a WARC file, headers only; raises NotAWarcError for a file that is not
    a WARC (an ARC, HTML, garbage), cannot be read, or ends inside a record."""
    try:
        with path.open("rb") as stream:
            if not stream.read(1):
                raise NotAWarcError(f"{path} is empty")
            stream.seek(0)
            if not _starts_as_warc(stream):
                raise NotAWarcError(f"{path} is not a WARC file (it does not start with WARC/1.x)")
            stream.seek(0)
            return list(_scan_records(stream, path, file))
    except OSError as error:
        raise NotAWarcError(f"cannot read {path}: {error.strerror or error}") from None
    except (
        EOFError,
        zlib.error,
        ValueError,
        ArchiveLoadFailed,
        StatusAndHeadersParserException,
    ) as error:
        raise NotAWarcError(f"{path} is not a readable WARC file: {error}") from None


def _starts_as_warc(stream: IO[bytes]) -> bool:
    head = stream.read(64)
    if head.startswith(_GZIP_MAGIC):
        stream.seek(0)
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(stream.read(4096), 16)
        except zlib.error:
            return False
    return head.startswith(b"WARC/1.")


def _scan_records(stream: IO[bytes], path: Path, file: int) -> Iterator[RecordRef]:
    records = ArchiveIterator(stream, no_record_parse=True)
    for record in records:
        if not record.format.startswith("warc"):
            raise NotAWarcError(f"{path} is not a WARC file (a {record.format} record)")
        offset = records.get_record_offset()
        while record.raw_stream.read(1 << 16):
            pass
        if getattr(record.raw_stream, "limit", 0) > 0:
            raise NotAWarcError(
                f"{path} is cut short: the record at byte {offset} ends before its"
                f" Content-Length ({record.length} bytes)"
            )
        headers = record.rec_headers
        yield RecordRef(
            file=file,
            offset=offset,
            kind=record.rec_type,
            url=headers.get_header("WARC-Target-URI"),
            fetched_at=_warc_date(headers.get_header("WARC-Date")),
            record_id=headers.get_header("WARC-Record-ID"),
            payload_digest=headers.get_header("WARC-Payload-Digest"),
            refers_to=headers.get_header("WARC-Refers-To"),
            profile=headers.get_header("WARC-Profile"),
        )


def _warc_date(text: str | None) -> datetime | None:
    """``2019-11-24T07:00:00Z`` (WARC 1.0) or with fractions of a second (1.1), in UTC."""
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)


# -- pass 2: importing --------------------------------------------------------------------


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
        self._streams: dict[int, IO[bytes]] = {}
        self._seen: set[tuple[str, datetime]] = set()

    def run(self, refs: list[RecordRef]) -> ImportReport:
        started = datetime.now(UTC)
        args = {"files": " ".join(str(p) for p in self.paths)}
        if self.site is not None:
            args["site"] = self.site.name
        run_id = self.report.run_id = self.archive.start_run(RUN_SITE, started, args)
        originals = _originals(refs)
        self._seen = self._already_archived(refs)
        try:
            for ref in sorted(refs, key=_time_order):
                self.report.records += 1
                self.report.stats["import-warc/records"] += 1
                self._one(ref, originals)
        finally:
            for stream in self._streams.values():
                stream.close()
            self.report.stats["archive/run_id"] = run_id
            stats = dict(self.report.stats)
            self.archive.finish_run(run_id, datetime.now(UTC), stats, "finished")
        return self.report

    def _already_archived(self, refs: list[RecordRef]) -> set[tuple[str, datetime]]:
        """(URL, fetch time) of the archive's visits in the files' time span."""
        times = [r.fetched_at for r in refs if r.fetched_at is not None]
        if not times:
            return set()
        with self.archive.session() as session:
            rows = session.execute(
                select(Fetch.url, Fetch.fetched_at).where(
                    Fetch.fetched_at >= min(times), Fetch.fetched_at <= max(times)
                )
            )
            return {(url, fetched_at) for url, fetched_at in rows}

    def _one(self, ref: RecordRef, originals: dict[str, RecordRef]) -> None:
        if ref.kind not in ("response", "revisit"):
            self.report.skip(f"{ref.kind} record")
            return
        if ref.url is None or ref.fetched_at is None:
            self.report.skip("no target URI or date")
            return
        if (ref.url, ref.fetched_at) in self._seen:
            self.report.already_imported += 1
            self.report.stats["import-warc/already_imported"] += 1
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
        record = self._read(ref)
        status, headers = _http_of(record)
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
        source = self._read(original)
        original_status, original_headers = _http_of(source)
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

    def _read(self, ref: RecordRef) -> ArcWarcRecord:
        stream = self._streams.get(ref.file)
        if stream is None:
            stream = self._streams[ref.file] = self.paths[ref.file].open("rb")
        stream.seek(ref.offset)
        return next(iter(ArchiveIterator(stream)))

    # -- outcomes ---------------------------------------------------------------------------

    def _record(self, fetch: FetchInfo) -> None:
        fetch = replace(fetch, run_id=self.report.run_id)
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
        if not (self._archived(visit.url) or _is_article_url(site, visit.url)):
            self.report.skip(reason)
            return
        self._record(self._fetch(visit, site, outcome, reason))

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
            etag=_header(visit.headers, b"ETag"),
            last_modified=_header(visit.headers, b"Last-Modified"),
            outcome=outcome,
            reason=reason,
        )

    def _page(self, visit: Visit) -> None:
        """A 200: read as a crawl reads it, then stored, or recorded with why it was not."""
        headers = Headers(
            {k: v for k, v in visit.headers.items() if k.lower() not in _TRANSFER_HEADERS}
        )
        kind = responsetypes.from_args(headers=headers, url=visit.url, body=visit.body)
        if not issubclass(kind, HtmlResponse):
            self.report.skip("not HTML")
            return
        response = HtmlResponse(url=visit.url, status=200, headers=headers, body=visit.body)
        site = self.site or site_for_url(visit.url)
        if (marker := challenge_marker(response)) is not None:
            self.report.stats["newscrawler/blocked/challenge"] += 1
            self._record(self._fetch(visit, site, "blocked", f"challenge page ({marker})"))
            return
        if visit.truncated:
            reason = f"cut short: the WARC record is truncated ({visit.truncated})"
            self._record(self._fetch(visit, site, "incomplete", reason))
            return
        try:
            result = extract_raw(response, fetched_at=visit.fetched_at, site=self.site)
        except Exception as error:  # any page object or normalizer bug: recorded, import goes on
            self.report.errors += 1
            self.report.stats["newscrawler/error/extraction"] += 1
            logger.error("extraction failed on %s", visit.url, exc_info=error)
            reason = f"extraction error: {error_text(error)}"
            self._record(self._fetch(visit, site, "failed", reason))
            return
        raw = result.raw
        raw.http_status = 200
        raw.etag = _header(headers, b"ETag")
        raw.last_modified = _header(headers, b"Last-Modified")
        end = page_end(visit.body)
        raw.page_end = end.sign
        cut = cut_short(end, raw.body) if raw.refusal is None else None
        if cut is not None:
            self.report.stats["newscrawler/incomplete/cut_short"] += 1
            self._record(visit_of(raw, "incomplete", cut))
            return
        if result.snapshot is None:
            key = raw.refusal[0] if raw.refusal else _refusal_key(result.error)
            self.report.stats[f"newscrawler/dropped/{key}"] += 1
            self._record(visit_of(raw, "dropped", result.error or "not an article"))
            return
        item = with_page_end(
            NormalizedArticle(result.snapshot, fetch_of(raw, result.snapshot)), raw
        )
        fetch = replace(item.fetch, run_id=self.report.run_id)
        stored = self.archive.store(item.snapshot, fetch)
        self._seen.add((fetch.url, fetch.fetched_at))
        for key in coverage_keys(item.snapshot):
            self.report.stats[key] += 1
        self.report.count(stored.outcome, None)


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


def _http_of(record: ArcWarcRecord) -> tuple[int | None, Headers]:
    http = record.http_headers
    if http is None:
        return None, Headers()
    try:
        status = int(http.get_statuscode())
    except (TypeError, ValueError):
        return None, Headers()
    headers = Headers()
    for name, value in http.headers:
        headers.appendlist(name, value)
    return status, headers


def _header(headers: Headers, name: bytes) -> str | None:
    value = headers.get(name)
    return value.decode("latin-1") if value else None


@cache
def _article_patterns() -> dict[str, re.Pattern[str]]:
    """Each built-in site's article-URL pattern, from its spider (as a crawl follows them)."""
    loader = SpiderLoader.from_settings(project_settings())
    patterns = {}
    for site in known_sites():
        pattern = getattr(loader.load(site.name), "article_url", None)
        if isinstance(pattern, str):
            patterns[site.name] = re.compile(pattern)
    return patterns


def _is_article_url(site: Site, url: str) -> bool:
    if site is GENERIC:
        return False
    pattern = _article_patterns().get(site.name)
    return bool(pattern and pattern.search(url))


def site_named(name: str) -> Site:
    """``--site``: a built-in site or ``generic``; BadImportError naming the choices."""
    for site in (*known_sites(), GENERIC):
        if site.name == name:
            return site
    names = ", ".join(s.name for s in (*known_sites(), GENERIC))
    raise BadImportError(f"unknown site {name!r} (one of: {names})")


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
