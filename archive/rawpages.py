"""Raw pages: the bodies the crawler received, compressed, each stored once by its SHA-256.

- ``pack`` compresses one response before any transaction (``PackedResponse``);
  ``unpack`` reads a stored body back, byte for byte, by the ``compression`` it names.
- ``write_raw_pages`` inserts the bodies a batch of visits received that the archive does
  not hold yet, inside the transaction that writes those visits, so no visit ever points
  at a body that is not there.
- ``prune_plan`` / ``prune`` keep the bodies of the first and last visit of each revision
  and free the rest.

How bodies are compressed was measured (``python -m bench.raw``, bench/README.md): zstd
level 3 stores real pages 10% smaller than gzip-6 at a seventh of its time; higher levels
save a few percent more for 5-100 times the time, on the crawl's one CPU. Compressing a
refetch against the URL's previous body pays off only for bodies nearly identical to the
previous one, and those are what ``prune`` frees, while a reference would chain bodies
together (no body could be freed while a later one needs it). So each body is compressed
on its own, and ``compression`` records how, should that change.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import zstandard
from sqlalchemy import Select, Subquery, and_, delete, func, insert, select, update
from sqlalchemy.orm import Session

from archive.models import Fetch, RawPage, table_of
from archive.snapshot import RawResponse

COMPRESSION = "zstd"
ZSTD_LEVEL = 3
# Limit on a body read back, against a corrupt row claiming a huge size.
MAX_BODY = 1 << 31


@dataclass(frozen=True, slots=True)
class PackedResponse:
    """One response made ready for the archive: the body's hash, size and compressed bytes,
    and the headers (kept with the visit)."""

    sha256: str
    size: int
    compression: str
    data: bytes
    headers: list[list[str]]


def pack(raw: RawResponse) -> PackedResponse:
    """Hash and compress one response (done before the transaction, once)."""
    return PackedResponse(
        sha256=hashlib.sha256(raw.body).hexdigest(),
        size=len(raw.body),
        compression=COMPRESSION,
        data=zstandard.ZstdCompressor(level=ZSTD_LEVEL).compress(raw.body),
        headers=[[name, value] for name, value in raw.headers],
    )


def unpack(compression: str, data: bytes) -> bytes:
    """A stored body, as the server sent it."""
    if compression == "zstd":
        return zstandard.ZstdDecompressor().decompress(data, max_output_size=MAX_BODY)
    if compression == "none":
        return data
    raise ValueError(f"unknown raw page compression {compression!r}")


def body_of(session: Session, raw_page_id: int) -> bytes:
    """The body of one raw page."""
    page = session.get_one(RawPage, raw_page_id)
    return unpack(page.compression, page.data)


def write_raw_pages(
    session: Session, packed: Iterable[tuple[PackedResponse, datetime]]
) -> dict[str, int]:
    """Store the bodies not stored yet; returns the raw page id of every body given.

    Called in the transaction that writes the visits. On PostgreSQL, two writers storing
    the same new body race on the unique SHA-256: the loser's batch is retried and finds
    the winner's row (archive.store).
    """
    first: dict[str, tuple[PackedResponse, datetime]] = {}
    for response, seen_at in packed:
        if response.sha256 not in first or seen_at < first[response.sha256][1]:
            first[response.sha256] = (response, seen_at)
    if not first:
        return {}
    ids: dict[str, int] = dict(
        session.execute(
            select(RawPage.sha256, RawPage.id).where(RawPage.sha256.in_(list(first)))
        ).all()
    )
    new = [(r, seen) for sha, (r, seen) in first.items() if sha not in ids]
    if new:
        inserted = session.scalars(
            insert(RawPage).returning(RawPage.id, sort_by_parameter_order=True),
            [
                {
                    "sha256": r.sha256,
                    "size": r.size,
                    "compression": r.compression,
                    "data": r.data,
                    "first_seen_at": seen,
                }
                for r, seen in new
            ],
        ).all()
        ids.update({r.sha256: raw_id for (r, _), raw_id in zip(new, inserted, strict=True)})
    return ids


# -- retention -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PrunePlan:
    """What ``prune --keep first-last`` does: visits that let go of their body, and the
    bodies no visit points at afterwards (with their stored bytes)."""

    fetches: int
    raw_pages: int
    stored_bytes: int
    original_bytes: int


def _ranked() -> Subquery:
    """Every visit with a body, numbered from the first and from the last of its revision."""
    order = (Fetch.fetched_at, Fetch.id)
    return (
        select(
            Fetch.id,
            Fetch.revision_id,
            Fetch.raw_page_id,
            func.row_number().over(partition_by=Fetch.revision_id, order_by=order).label("first"),
            func.row_number()
            .over(partition_by=Fetch.revision_id, order_by=[c.desc() for c in order])
            .label("last"),
        )
        .where(Fetch.raw_page_id.is_not(None))
        .subquery()
    )


def _plan(session: Session) -> tuple[Select[tuple[int]], PrunePlan]:
    ranked = _ranked()
    middle = and_(ranked.c.revision_id.is_not(None), ranked.c.first > 1, ranked.c.last > 1)
    unlinking = select(ranked.c.id).where(middle)
    kept = select(ranked.c.raw_page_id).where(~middle)
    freed = session.execute(
        select(func.count(), func.sum(func.length(RawPage.data)), func.sum(RawPage.size)).where(
            RawPage.id.not_in(kept)
        )
    ).one()
    count = session.scalar(select(func.count()).select_from(unlinking.subquery()))
    plan = PrunePlan(
        fetches=count or 0,
        raw_pages=freed[0] or 0,
        stored_bytes=int(freed[1] or 0),
        original_bytes=int(freed[2] or 0),
    )
    return unlinking, plan


def prune_plan(session: Session) -> PrunePlan:
    """What pruning would do now, changing nothing."""
    return _plan(session)[1]


def prune(session: Session) -> PrunePlan:
    """Keep the bodies of the first and last visit of each revision; free the rest.

    Visits that made or saw no revision (dropped, failed, blocked, gone, incomplete) keep
    theirs: they are what a new parser would want to read again. The visits stay, with
    their headers; only their ``raw_page_id`` is cleared. Run inside one transaction.
    """
    unlinking, plan = _plan(session)
    ids = list(session.scalars(unlinking).all())
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        session.execute(update(Fetch).where(Fetch.id.in_(chunk)).values(raw_page_id=None))
    referenced = select(Fetch.raw_page_id).where(Fetch.raw_page_id.is_not(None))
    session.execute(delete(table_of(RawPage)).where(RawPage.id.not_in(referenced)))
    return plan


__all__ = [
    "COMPRESSION",
    "PackedResponse",
    "PrunePlan",
    "body_of",
    "pack",
    "prune",
    "prune_plan",
    "unpack",
    "write_raw_pages",
]
