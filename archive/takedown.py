"""Whether an article was taken down: its latest visits answered 404/410 and none since found it.

A takedown is news in itself (a retracted story, a quote the outlet deleted), so ``show`` and
``history`` say so. The visits already hold the evidence:

1. a visit with outcome ``gone`` (HTTP 404/410) starts a spell, or continues the open one;
2. a visit that found the article (``new``, ``revised``, ``reverted``, ``unchanged``, or a 304
   ``not-modified``) ends the open spell: the article came back;
3. ``blocked``, ``failed`` and ``dropped`` visits say nothing about the page either way, so
   they neither start nor end a spell (a 403 storm after a 404 leaves the article gone).

The article is gone when its last spell was never ended.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from archive.models import Fetch
from archive.timestamps import iso_in_zone, require_aware, table_time

GONE = "gone"
# Outcomes of visits that found the article where it was (rule 2 above).
PRESENT = frozenset({"new", "revised", "reverted", "unchanged", "not-modified"})


@dataclass(frozen=True, slots=True)
class GoneSpell:
    """Gone visits in a row, with no visit between them that found the article."""

    since: datetime  # the first gone visit
    checked_at: datetime  # the last gone visit
    status: int | None  # HTTP status of the first gone visit (404, 410)
    visits: int
    back_at: datetime | None  # the visit that found the article again; None while gone

    @property
    def ongoing(self) -> bool:
        return self.back_at is None

    def describe(self, zone: str) -> str:
        """``since 2024-08-15T10:00:00+07:00 (HTTP 404)``, as ``show`` prints it."""
        status = f" (HTTP {self.status})" if self.status is not None else ""
        return f"since {table_time(self.since, zone)}{status}"

    def to_dict(self, article_id: int, zone: str) -> dict[str, Any]:
        """The spell as a ``history --json`` entry: the keys of a revision entry (so a script
        can sort and filter one list) with ``kind`` "gone" and no revision, plus the status,
        the number of gone visits and when the article came back (null: still gone)."""
        return {
            "article_id": article_id,
            "revision": None,
            "kind": GONE,
            "reverts_to": None,
            "content_hash": None,
            "first_seen_at": iso_in_zone(self.since, zone),
            "last_seen_at": iso_in_zone(self.checked_at, zone),
            "changed_fields": [],
            "field_diff": {},
            "body_diff": {},
            "status": self.status,
            "visits": self.visits,
            "back_at": iso_in_zone(self.back_at, zone),
        }


def spells_from_visits(visits: Iterable[tuple[datetime, str, int | None]]) -> list[GoneSpell]:
    """Gone spells from visits given oldest first as (fetched at, outcome, HTTP status)."""
    found: list[GoneSpell] = []
    open_spell: GoneSpell | None = None
    for fetched_at, outcome, status in visits:
        if outcome == GONE:
            if open_spell is None:
                open_spell = GoneSpell(fetched_at, fetched_at, status, 1, None)
            else:
                open_spell = replace(
                    open_spell, checked_at=fetched_at, visits=open_spell.visits + 1
                )
        elif outcome in PRESENT and open_spell is not None:
            found.append(replace(open_spell, back_at=fetched_at))
            open_spell = None
    if open_spell is not None:
        found.append(open_spell)
    return found


def gone_spells(
    session: Session, article_id: int, until: datetime | None = None
) -> list[GoneSpell]:
    """The article's gone spells, oldest first; ``until`` judges from the visits up to then."""
    query = (
        select(Fetch.fetched_at, Fetch.outcome, Fetch.status)
        .where(Fetch.article_id == article_id, Fetch.outcome.in_(PRESENT | {GONE}))
        .order_by(Fetch.fetched_at, Fetch.id)
    )
    if until is not None:
        query = query.where(Fetch.fetched_at <= require_aware(until, "until"))
    visits = session.execute(query)
    return spells_from_visits((at, outcome, status) for at, outcome, status in visits)


def current_takedown(spells: list[GoneSpell]) -> GoneSpell | None:
    """The spell the article is in now, or None when it is (as far as anyone saw) online."""
    return spells[-1] if spells and spells[-1].ongoing else None


def gone_fields(spell: GoneSpell | None, zone: str) -> dict[str, Any]:
    """The ``show --json`` keys: ``gone``, and when and how it went (null when not gone)."""
    return {
        "gone": spell is not None,
        "gone_since": iso_in_zone(spell.since, zone) if spell else None,
        "gone_status": spell.status if spell else None,
        "gone_checked_at": iso_in_zone(spell.checked_at, zone) if spell else None,
    }
