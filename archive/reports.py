"""What the read commands show, as records: an article with its gone state, its timeline of
revisions and takedowns, and the diff between two revisions.

``newsarchive show/history/diff --json`` print these records and the web app
(``newsarchive serve``) renders and serves the same ones, so the two never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from archive import queries
from archive.diff import body_diff, field_diff
from archive.takedown import GoneSpell, current_takedown, gone_fields, gone_spells
from archive.timestamps import iso_in_zone, table_time
from archive.views import ArticleView, RevisionView, field_diff_in_zone


class NothingToDiffError(LookupError):
    """The article has one revision only, or a revision asked for does not exist."""


@dataclass(frozen=True, slots=True)
class ArticleReport:
    """One version of an article, whether it is gone, and its near-duplicates."""

    view: ArticleView
    gone: GoneSpell | None
    near_duplicates: list[tuple[int, int]]

    def to_dict(self) -> dict[str, Any]:
        """The ``show --json`` record."""
        return (
            self.view.to_dict()
            | gone_fields(self.gone, self.view.timezone)
            | {"near_duplicates": [d for d, _ in self.near_duplicates]}
        )


def article_report(
    session: Session,
    article_id: int,
    *,
    as_of: datetime | None = None,
    revision: int | None = None,
) -> ArticleReport:
    """The article as ``show`` presents it: the latest version, one as of a time, or a given
    revision. Raises queries.RevisionNotFoundError."""
    if as_of is not None:
        view = queries.article_as_of(session, article_id, as_of)
    else:
        view = queries.load_article(session, article_id, revision)
    gone = current_takedown(gone_spells(session, article_id, until=as_of))
    return ArticleReport(view, gone, queries.near_duplicates(session, article_id))


def timeline(
    article_id: int, revisions: list[RevisionView], spells: list[GoneSpell]
) -> list[tuple[dict[str, Any], list[str]]]:
    """Revisions and gone spells by when each began (a revision first at a tie), each as its
    ``history --json`` record and its table row."""
    zone = revisions[0].timezone  # every article has a first revision
    dated: list[tuple[datetime, int, dict[str, Any], list[str]]] = []
    for rev in revisions:
        kind = f"reverted to {rev.reverts_to}" if rev.kind == "reverted" else rev.kind
        row = [str(rev.number), kind, table_time(rev.first_seen_at, zone)]
        row += [table_time(rev.last_seen_at, zone), ", ".join(sorted(rev.field_diff))]
        dated.append((rev.first_seen_at, 0, rev.to_dict(), row))
    for spell in spells:
        kind = "gone" if spell.status is None else f"gone (HTTP {spell.status})"
        row = ["", kind, table_time(spell.since, zone), table_time(spell.checked_at, zone), ""]
        dated.append((spell.since, 1, spell.to_dict(article_id, zone), row))
    dated.sort(key=lambda entry: entry[:2])
    return [(record, row) for _, _, record, row in dated]


def history_report(session: Session, article_id: int) -> list[tuple[dict[str, Any], list[str]]]:
    """The article's timeline (see :func:`timeline`) read from the archive."""
    revisions = queries.history(session, article_id)
    return timeline(article_id, revisions, gone_spells(session, article_id))


def diff_report(
    session: Session, article_id: int, rev_a: int | None = None, rev_b: int | None = None
) -> tuple[dict[str, Any], str]:
    """The ``diff --json`` record of two revisions (default: the latest and the one before),
    and the article's zone. Raises NothingToDiffError with a message fit for a user."""
    latest = queries.load_article(session, article_id)
    if rev_a is None or rev_b is None:
        if latest.revision < 2:
            raise NothingToDiffError(f"article {article_id} has one revision only; nothing to diff")
        rev_a, rev_b = latest.revision - 1, latest.revision
    try:
        before = queries.load_article(session, article_id, rev_a)
        after = queries.load_article(session, article_id, rev_b)
    except queries.RevisionNotFoundError as error:
        raise NothingToDiffError(f"{error} (it has {latest.revision_count})") from error
    old, new = before.content, after.content
    zone = latest.timezone
    sentences = body_diff(old.body, new.body)
    record: dict[str, Any] = {
        "article_id": article_id,
        "from_revision": rev_a,
        "to_revision": rev_b,
        "from_first_seen_at": iso_in_zone(before.revision_first_seen_at, zone),
        "to_first_seen_at": iso_in_zone(after.revision_first_seen_at, zone),
        "fields": field_diff_in_zone(field_diff(old, new, sentences), zone),
        "body": sentences,
    }
    return record, zone
