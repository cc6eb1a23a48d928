"""The words of writing to the archive: what goes in, what comes out, what a hook is told.

- ``prepare`` turns a fetched article into a ``PreparedItem``: normalized, hashed, its URL
  variants worked out, its raw page compressed, everything that needs no database, done
  once before any retry.
- ``StoreResult`` is what storing one item did (``StoreOutcome``: new / revised / reverted /
  unchanged, or incomplete: a page cut short that left the article as it was);
  ``FETCH_ONLY_OUTCOMES`` are the outcomes of visits that stored no article.
- ``VisitHook`` and ``BatchVisitHook`` are told of every visit of a known article, inside the
  transaction that records it (``Visit`` is one such visit).

The rule that decides an outcome is ``archive.decide``; ``archive.batch`` applies it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal, Protocol, runtime_checkable
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from archive import neardup
from archive.identity import url_aliases
from archive.rawpages import PackedResponse, pack
from archive.revisions import NormalizedContent, normalize_snapshot
from archive.snapshot import ArticleSnapshot, FetchInfo
from archive.timestamps import require_aware

# "incomplete": the page came cut short, so the article's stored revision stays current
# (archive.decide); the visit is logged like a visit that stored nothing.
StoreOutcome = Literal["new", "revised", "reverted", "unchanged", "incomplete"]

# Outcomes of visits that stored no article; storing an article sets the others.
FETCH_ONLY_OUTCOMES = frozenset(
    {"not-modified", "gone", "retired-alias", "blocked", "failed", "dropped", "incomplete"}
)


@dataclass(frozen=True, slots=True)
class StoreResult:
    """What one ``store`` call did: the outcome, the article and its revision number (1-based)."""

    outcome: StoreOutcome
    article_id: int
    revision: int


@dataclass(slots=True)
class PreparedItem:
    """One item with everything that needs no database worked out: done once, before retries."""

    snapshot: ArticleSnapshot
    fetch: FetchInfo
    content: NormalizedContent
    content_hash: str
    aliases: list[str]
    seen_at: datetime
    # The response, compressed (archive.rawpages); its bytes leave ``fetch`` here.
    raw: PackedResponse | None = None
    _simhash: int | None = None

    @property
    def simhash(self) -> int:
        if self._simhash is None:
            self._simhash = neardup.simhash(self.content.body)
        return self._simhash


def prepare(snapshot: ArticleSnapshot, fetch: FetchInfo) -> PreparedItem:
    """Normalize and hash one item; raises on what would fail inside the transaction.

    An unknown zone name, a naive time or a malformed URL fails here, so a batch is
    rejected before anything is written.
    """
    content = normalize_snapshot(snapshot)
    ZoneInfo(snapshot.timezone)
    raw = pack(fetch.raw) if fetch.raw is not None else None
    return PreparedItem(
        snapshot=snapshot,
        fetch=replace(fetch, raw=None),
        raw=raw,
        content=content,
        content_hash=content.content_hash(),
        aliases=url_aliases(snapshot.url, snapshot.canonical_url),
        seen_at=require_aware(snapshot.fetched_at, "fetched_at"),
    )


@dataclass(frozen=True, slots=True)
class Visit:
    """One visit of a known article as a hook sees it, with the article as of then.

    ``first_seen_at`` and ``published_at`` (of the latest revision) are taken right after
    this visit was stored, as a per-visit hook would read them from the database.
    """

    article_id: int
    site: str
    fetch: FetchInfo
    outcome: str
    first_seen_at: datetime
    published_at: datetime | None
    # Where to revisit the article, when this visit says (archive.identity.revisit_url);
    # None: the plan keeps the URL it has.
    revisit_url: str | None = None


# Called inside the transaction of every visit to a known article, with the session, the
# article id, the visit and its outcome ("unchanged", "gone", ...). A hook's writes commit or
# roll back with the visit itself: archive.schedule plans the next revisit this way.
# A hook with a ``visited_many`` method (BatchVisitHook) gets a whole batch's visits in one
# call; a plain hook is called once per visit after the batch's rows are written, so it
# sees the batch's final rows.
VisitHook = Callable[[Session, int, FetchInfo, str], None]


@runtime_checkable
class BatchVisitHook(Protocol):
    """A visit hook that can take a whole batch's visits, in order, in one call."""

    def visited_many(self, session: Session, visits: Sequence[Visit]) -> None: ...
