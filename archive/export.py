"""Exporting the archive: one record per revision (or per article with ``latest_only``).

JSONL keeps every value as the archive has it (lists, diffs, times in the article's zone) so a
file read back equals the archive; CSV flattens lists to ``; ``-joined text for spreadsheets,
with cells a spreadsheet would run as a formula neutralised (``spreadsheet_safe``); Parquet
keeps lists and stores times as UTC timestamps for analysis tools.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from archive.models import Article, ArticleURL, Content, Revision
from archive.revisions import content_from_row
from archive.snapshot import CONTENT_FIELDS
from archive.timestamps import iso_in_zone, require_aware
from archive.views import field_diff_in_zone

FORMATS = ("jsonl", "csv", "parquet")
# Column order of every format; "urls", "field_diff" and "body_diff" are JSONL only. The
# content fields follow archive.snapshot.CONTENT_FIELDS, the body (long) last.
_REVISION_COLUMNS = (
    "article_id",
    "site",
    "canonical_url",
    "publisher_id",
    "revision",
    "kind",
    "reverts_to",
    "first_seen_at",
    "last_seen_at",
    "content_hash",
)
COLUMNS = (
    *_REVISION_COLUMNS,
    *(f.name for f in CONTENT_FIELDS if f.kind != "body"),
    "language",
    "timezone",
    *(f.name for f in CONTENT_FIELDS if f.kind == "body"),
)
JSONL_ONLY = ("urls", "field_diff", "body_diff")
_TIME_COLUMNS = (
    "first_seen_at",
    "last_seen_at",
    *(f.name for f in CONTENT_FIELDS if f.kind == "time"),
)
_LIST_COLUMNS = tuple(f.name for f in CONTENT_FIELDS if f.kind in ("names", "tags"))
BATCH = 1000
# A spreadsheet runs a cell that starts with one of these as a formula (OWASP, "CSV
# Injection"): a scraped title =HYPERLINK("http://x","y") would open as a live link, and
# -, + and @ start formulas too. Tab and carriage return are on OWASP's list because some
# spreadsheets strip them and then read what follows.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class ExportFilters:
    """Which revisions to export; None means "any"."""

    site: str | None = None
    since: datetime | None = None  # revision first seen at or after
    until: datetime | None = None  # revision first seen at or before
    latest_only: bool = False


def export_records(
    session: Session, filters: ExportFilters | None = None
) -> Iterator[dict[str, Any]]:
    """Revisions as records with aware UTC datetimes, ordered by article then revision."""
    chosen = filters or ExportFilters()
    query = (
        select(Revision, Content, Article)
        .join(Content, Content.id == Revision.content_id)
        .join(Article, Article.id == Revision.article_id)
        .order_by(Article.id, Revision.number)
    )
    if chosen.site is not None:
        query = query.where(Article.site == chosen.site)
    if chosen.since is not None:
        query = query.where(Revision.first_seen_at >= require_aware(chosen.since, "since"))
    if chosen.until is not None:
        query = query.where(Revision.first_seen_at <= require_aware(chosen.until, "until"))
    if chosen.latest_only:
        query = query.where(Revision.number == Article.revision_count)
    urls: dict[int, list[str]] = {}
    for article_id, url in session.execute(
        select(ArticleURL.article_id, ArticleURL.url).order_by(ArticleURL.id)
    ):
        urls.setdefault(article_id, []).append(url)
    for revision, content, article in session.execute(query).yield_per(BATCH):
        values = {
            "article_id": article.id,
            "site": article.site,
            "canonical_url": article.canonical_url,
            "publisher_id": article.publisher_id,
            "revision": revision.number,
            "kind": revision.kind,
            "reverts_to": revision.reverts_to,
            "first_seen_at": revision.first_seen_at,
            "last_seen_at": revision.last_seen_at,
            "content_hash": content.content_hash,
            "language": article.language,
            "timezone": article.timezone,
            **content_from_row(content).values,
        }
        yield {name: values[name] for name in COLUMNS} | {
            "urls": urls.get(article.id, []),
            "field_diff": revision.field_diff,
            "body_diff": revision.body_diff,
        }


def _shown(record: dict[str, Any]) -> dict[str, Any]:
    """The record with times as ISO text in the article's zone, those in its field diff too."""
    zone = record["timezone"]
    shown: dict[str, Any] = {
        k: iso_in_zone(v, zone) if k in _TIME_COLUMNS else v for k, v in record.items()
    }
    if "field_diff" in record:
        shown["field_diff"] = field_diff_in_zone(record["field_diff"], zone)
    return shown


def write_jsonl(records: Iterator[dict[str, Any]], out: IO[str]) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(_shown(record), ensure_ascii=False) + "\n")
        count += 1
    return count


def spreadsheet_safe(value: Any) -> Any:
    """A cell a spreadsheet shows as text: a leading ``'`` before a would-be formula.

    >>> print(spreadsheet_safe('=HYPERLINK("http://x","y")'))
    '=HYPERLINK("http://x","y")
    >>> spreadsheet_safe("Harga Beras Naik")
    'Harga Beras Naik'
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(records: Iterator[dict[str, Any]], out: IO[str], *, raw_cells: bool = False) -> int:
    """CSV with lists joined by ``; ``. Every text cell goes through ``spreadsheet_safe``
    unless ``raw_cells``: the file is meant for spreadsheets, and a scraped page decides
    what its title says. Scripts that want the values verbatim read JSONL, or pass
    ``raw_cells``."""
    writer = csv.DictWriter(out, fieldnames=COLUMNS, extrasaction="ignore")
    writer.writeheader()
    count = 0
    for record in records:
        row = _shown(record)
        for name in _LIST_COLUMNS:
            row[name] = "; ".join(row[name])
        if not raw_cells:
            row = {name: spreadsheet_safe(value) for name, value in row.items()}
        writer.writerow(row)
        count += 1
    return count


def write_parquet(records: Iterator[dict[str, Any]], path: Path) -> int:
    """Parquet written in row groups of BATCH, so a large archive never sits in memory."""
    import pyarrow as pa  # imported here: only this format needs it, and it loads slowly
    import pyarrow.parquet as pq

    utc = pa.timestamp("us", tz="UTC")
    text_list = pa.list_(pa.string())
    types = dict.fromkeys(_TIME_COLUMNS, utc) | dict.fromkeys(_LIST_COLUMNS, text_list)
    types |= {"article_id": pa.int64(), "revision": pa.int64(), "reverts_to": pa.int64()}
    schema = pa.schema([(name, types.get(name, pa.string())) for name in COLUMNS])
    count = 0
    with pq.ParquetWriter(path, schema) as parquet:
        batch: list[dict[str, Any]] = []
        for record in records:
            batch.append({name: record[name] for name in COLUMNS})
            if len(batch) >= BATCH:
                parquet.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                batch = []
        if batch or count == 0:
            parquet.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """An exported JSONL file as records again, times parsed back to aware datetimes."""
    records = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            for name in _TIME_COLUMNS:
                if record[name] is not None:
                    record[name] = datetime.fromisoformat(record[name])
            # The archive keeps a diff's times as UTC text; the file shows them in the zone.
            record["field_diff"] = field_diff_in_zone(record["field_diff"], "UTC")
            records.append(record)
    return records
