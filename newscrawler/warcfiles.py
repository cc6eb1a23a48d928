"""Reading WARC files: their records' headers in one pass, a record again at its offset.

warcio reads WARC 1.0 and 1.1, each record gzipped or not. It also reads ARC files and reads
on past garbage with a warning, so a file must start as a WARC, every record must be a WARC
record, and every record must be as long as its ``Content-Length`` says (a file cut short
otherwise ends in a record that looks whole).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from scrapy.http import Headers, HtmlResponse
from scrapy.responsetypes import responsetypes
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeadersParserException

# Headers that described the transfer, not the page: warcio has already undone the chunking
# and the compression, as Scrapy's middlewares do before a spider sees a response.
_TRANSFER_HEADERS = {b"content-encoding", b"transfer-encoding", b"content-length"}
_GZIP_MAGIC = b"\x1f\x8b"


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


class RecordReader:
    """Reads records again at their offsets, each file opened once; close when done."""

    def __init__(self, paths: list[Path]) -> None:
        self.paths = paths
        self._streams: dict[int, IO[bytes]] = {}

    def read(self, ref: RecordRef) -> ArcWarcRecord:
        stream = self._streams.get(ref.file)
        if stream is None:
            stream = self._streams[ref.file] = self.paths[ref.file].open("rb")
        stream.seek(ref.offset)
        return next(iter(ArchiveIterator(stream)))

    def close(self) -> None:
        for stream in self._streams.values():
            stream.close()
        self._streams.clear()


def http_of(record: ArcWarcRecord) -> tuple[int | None, Headers]:
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


def header(headers: Headers, name: bytes) -> str | None:
    value = headers.get(name)
    return value.decode("latin-1") if value else None


def html_response(url: str, headers: Headers, body: bytes) -> HtmlResponse | None:
    """The response a crawl's spider would get for a 200 (None when it is not HTML): Scrapy
    picks the class and the encoding from the headers and the body, as in a crawl."""
    kept = transfer_free(headers)
    if not issubclass(responsetypes.from_args(headers=kept, url=url, body=body), HtmlResponse):
        return None
    return HtmlResponse(url=url, status=200, headers=kept, body=body)


def transfer_free(headers: Headers) -> Headers:
    """The headers without those of the transfer (``Content-Encoding``, ``Transfer-Encoding``,
    ``Content-Length``), which warcio has undone, as Scrapy's middlewares have for a crawl."""
    return Headers({k: v for k, v in headers.items() if k.lower() not in _TRANSFER_HEADERS})
