"""Each visit keeps how its article was extracted (body source, confidence, fallbacks,
pages), through both write paths, on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import select

from archive.models import Fetch
from archive.store import Archive

from .samples import fetch_for, snapshot

EXTRACTION = {
    "body_source": "fallback:generic:density",
    "body_confidence": "medium",
    "pages": 3,
    "fallbacks": ["body"],
}


def _extractions(archive: Archive) -> list[dict | None]:
    with archive.session() as session:
        return list(session.scalars(select(Fetch.extraction).order_by(Fetch.id)))


def test_a_stored_visit_keeps_its_extraction_record(archive: Archive) -> None:
    item = snapshot()
    archive.store(item, fetch_for(item, extraction=EXTRACTION))
    again = snapshot(hours=1)
    archive.store(again, fetch_for(again, extraction={**EXTRACTION, "body_confidence": "high"}))
    assert _extractions(archive) == [EXTRACTION, {**EXTRACTION, "body_confidence": "high"}]


def test_the_batch_writer_keeps_it_too_and_a_visit_without_one_stores_null(
    archive: Archive,
) -> None:
    first = snapshot("https://www.liputan6.com/read/5670002/satu")
    second = snapshot("https://www.liputan6.com/read/5670003/dua")
    archive.store_many(
        [(first, fetch_for(first, extraction=EXTRACTION)), (second, fetch_for(second))]
    )
    assert _extractions(archive) == [EXTRACTION, None]
