"""Storing fetched articles: read, decide, write, with a few statements per batch.

Every store goes through here, one item (``Archive.store``) or hundreds (the crawl's
``store_many``): round trips and commits were nearly all the cost of storing one article at
a time, so a batch runs the archive's rule in three steps:

1. read (archive.batch_read): every row the batch can touch, one ``SELECT ... IN`` per kind;
2. decide (archive.decide): the items in order, in memory, so a later item sees what an
   earlier one did; then the near-duplicate candidates of the new contents
   (archive.batch_links);
3. write (archive.batch_write): bulk INSERTs and UPDATEs in dependency order (articles,
   contents, revisions, aliases, search documents, SimHash bands and links, fetches).

``prepare`` and ``PreparedItem`` (archive.vocabulary) are importable from here too: the
crawl's pipeline prepares each item as it arrives.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from archive.batch_links import NearDuplicateLinker
from archive.batch_read import read_working_set
from archive.batch_write import write_articles, write_fetches
from archive.decide import Decision
from archive.vocabulary import PreparedItem, StoreResult, Visit, prepare

__all__ = ["BatchWriter", "PreparedItem", "prepare", "results_of", "visits_of"]


class BatchWriter:
    """Stores prepared items inside one open transaction; ``run`` returns their decisions."""

    def __init__(self, session: Session, items: Sequence[PreparedItem]) -> None:
        self.session = session
        self.items = items

    def run(self) -> list[Decision]:
        working = read_working_set(self.session, self.items)
        for item in self.items:
            working.decide(item)
        linker = NearDuplicateLinker(self.session, working.links)
        if working.links:
            linker.read_candidates()
        write_articles(self.session, working)
        linker.write()
        write_fetches(self.session, working)
        return working.decisions


def visits_of(decisions: Sequence[Decision]) -> list[Visit]:
    """The batch's visits, in order, for the visit hooks."""
    return [
        Visit(
            article_id=d.article.key,
            site=d.article.site,
            fetch=d.item.fetch,
            outcome=d.outcome,
            first_seen_at=d.first_seen_at,
            published_at=d.published_at,
            revisit_url=d.revisit_url,
        )
        for d in decisions
    ]


def results_of(decisions: Sequence[Decision]) -> list[StoreResult]:
    return [StoreResult(d.outcome, d.article.key, d.revision.number) for d in decisions]
