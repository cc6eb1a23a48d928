"""A batch's near-duplicate links: read the candidates once, replay the linking in order.

Each new content is linked to the articles whose SimHash is within ``neardup.MAX_DISTANCE``
of its own (see archive.neardup for the band keys). The candidates are read before anything
is written, since a candidate's hash comes from its latest revision, which the batch may be
about to replace; the linking is then replayed in item order, so the links come out as
storing the items one at a time would leave them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from archive import neardup
from archive.batch_read import chunks
from archive.decide import Link
from archive.models import NearDuplicate, SimhashBand, table_of

# Probe keys per candidate query: a batch of 50 articles' 2,600 fit one query.
_PROBES_PER_QUERY = 4000
_MASK64 = (1 << 64) - 1


def band_matches_query(
    keys_by_band: dict[int, list[int]], dialect: str
) -> tuple[str, tuple[Any, ...]]:
    """Band rows storing any of the keys, as (article id, slot, hash): ``slot`` is
    ``neardup.slot(band, value)``, one int to look the askers up by. Returns the SQL and
    its DB-API parameters.

    One index search per key of the covering (band, value, article_id, simhash) index, never
    reading a row; a UNION ALL of one SELECT per band, which SQLite ran twice as fast as an
    OR of the same terms. At 100k articles a batch's probes meet about 3,700 rows, nearly
    all chance matches, so the rows come back as plain tuples of three ints.

    Each band's 850 or so keys go in as one parameter (a JSON array for SQLite, an array
    for PostgreSQL), so the SQL text is the same for every batch. Written into the SQL as
    literals, each batch's text was new, and SQLite's driver keeps its last 128 prepared
    statements: each of those held a program for 2,600 literals, and a crawl's memory grew
    by about 1 MB per 150 articles until 128 batches had passed. Other backends get the keys
    as integer literals (ints we computed, so nothing can be injected).
    """
    bands = [(band, keys) for band, keys in keys_by_band.items() if keys]
    parameters: tuple[Any, ...]
    if dialect == "sqlite":
        tests = ["IN (SELECT j.value FROM json_each(?) AS j)"] * len(bands)
        parameters = tuple("[" + ",".join(map(str, keys)) + "]" for _, keys in bands)
    elif dialect == "postgresql":
        tests = ["= ANY(%s)"] * len(bands)
        parameters = tuple(keys for _, keys in bands)
    else:
        tests = [f"IN ({', '.join(str(int(key)) for key in keys)})" for _, keys in bands]
        parameters = ()
    table = SimhashBand.__tablename__
    sql = " UNION ALL ".join(
        f"SELECT article_id, value + {neardup.slot(band, 0)}, simhash FROM {table}"
        f" WHERE band = {int(band)} AND value {test}"
        for (band, _), test in zip(bands, tests, strict=True)
    )
    return sql, parameters


class NearDuplicateLinker:
    """The band index as far as the batch's hashes can meet it, and the links it makes."""

    def __init__(self, session: Session, links: Sequence[Link]) -> None:
        self.session = session
        self.links = links
        # (band, value) -> articles, each article's keys in that index, its current SimHash.
        self.band_index: dict[tuple[int, int], set[int]] = {}
        self.band_keys: dict[int, list[tuple[int, int]]] = {}
        self.hashes: dict[int, int] = {}

    def read_candidates(self) -> None:
        """The band rows the batch's hashes can meet, and the hashes of their articles.

        Only band rows that share a key with one of the batch's hashes can ever be a
        candidate, so those are all that is read.
        """
        # Core rows: the ORM's result handling cost more than SQLite's index searches.
        connection = self.session.connection()
        linked = [link for link in self.links if link.words >= neardup.MIN_WORDS]
        step = max(1, _PROBES_PER_QUERY // neardup.PROBES_PER_HASH)
        for start in range(0, len(linked), step):
            # Which of the group's hashes asked for each key, by slot: nearly every slot is
            # asked by one hash, and a dict of ints alone is no work for the garbage collector.
            asker_of: dict[int, int] = {}
            more_askers: dict[int, list[int]] = {}  # the few slots several hashes asked for
            keys_by_band: dict[int, list[int]] = {}
            for link in linked[start : start + step]:
                for band, key in neardup.probes(link.simhash):
                    slot = neardup.slot(band, key)
                    if slot in asker_of:
                        more_askers.setdefault(slot, [asker_of[slot]]).append(link.simhash)
                    else:
                        asker_of[slot] = link.simhash
                        keys_by_band.setdefault(band, []).append(key)
            # The DB-API cursor's plain tuples, read one at a time: at 100k articles a batch
            # meets thousands of rows, and making each a Row cost more than SQLite's index
            # search; held in a list until the batch ends, they made the garbage collector
            # scan the whole process more often.
            cursor = connection.connection.cursor()
            sql, parameters = band_matches_query(keys_by_band, connection.dialect.name)
            cursor.execute(sql, parameters)
            rows = cast(Iterable[tuple[int, int, int]], cursor)  # sqlite3 and psycopg iterate
            for other, slot, simhash in rows:
                # Most rows are chance matches on one band; only a row within the linking
                # distance of a hash that asked for it can ever be linked in this batch.
                askers = more_askers.get(slot)
                if askers is None:
                    if ((simhash ^ asker_of[slot]) & _MASK64).bit_count() > neardup.MAX_DISTANCE:
                        continue
                elif not any(
                    ((simhash ^ asker) & _MASK64).bit_count() <= neardup.MAX_DISTANCE
                    for asker in askers
                ):
                    continue
                band_key = neardup.unslot(slot)
                self.band_index.setdefault(band_key, set()).add(other)
                self.band_keys.setdefault(other, []).append(band_key)
                self.hashes[other] = simhash
            cursor.close()

    def write(self) -> None:
        """Replay SimHash linking in order against the candidates read before the writes."""
        if not self.links:
            return
        session = self.session
        index, current, hashes = self.band_index, self.band_keys, self.hashes
        pairs: dict[tuple[int, int], tuple[int, datetime]] = {}
        replaced: set[int] = set()
        for link in self.links:
            article_id = link.article.key
            for key in current.pop(article_id, []):
                index[key].discard(article_id)
            hashes.pop(article_id, None)
            if not link.article.is_new:
                replaced.add(article_id)
            if link.words < neardup.MIN_WORDS:
                continue
            keys = list(enumerate(neardup.bands(link.simhash)))
            found: set[int] = set()
            for probe in neardup.probes(link.simhash):
                found |= index.get(probe, set())
            found.discard(article_id)
            current[article_id] = keys
            hashes[article_id] = link.simhash
            for key in keys:
                index.setdefault(key, set()).add(article_id)
            for other in found:
                distance = neardup.hamming(link.simhash, hashes[other])
                if distance > neardup.MAX_DISTANCE:
                    continue
                pair = (min(article_id, other), max(article_id, other))
                first_found = pairs[pair][1] if pair in pairs else link.seen_at
                pairs[pair] = (distance, first_found)

        for chunk in chunks(replaced):
            session.execute(delete(SimhashBand).where(SimhashBand.article_id.in_(chunk)))
        rows = [
            {"article_id": article_id, "band": band, "value": value, "simhash": hashes[article_id]}
            for article_id in dict.fromkeys(link.article.key for link in self.links)
            for band, value in current.get(article_id, [])
        ]
        if rows:
            session.execute(insert(table_of(SimhashBand)), rows)
        self._write_links(pairs)

    def _write_links(self, pairs: dict[tuple[int, int], tuple[int, datetime]]) -> None:
        if not pairs:
            return
        session = self.session
        known: dict[tuple[int, int], int] = {}
        for chunk in chunks(low for low, _ in pairs):
            for link_id, low, high in session.execute(
                select(
                    NearDuplicate.id, NearDuplicate.article_id, NearDuplicate.duplicate_id
                ).where(NearDuplicate.article_id.in_(chunk))
            ):
                known[(low, high)] = link_id
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        for (low, high), (distance, found_at) in pairs.items():
            if (low, high) in known:
                updates.append({"id": known[(low, high)], "distance": distance})
            else:
                inserts.append(
                    {
                        "article_id": low,
                        "duplicate_id": high,
                        "distance": distance,
                        "found_at": found_at,
                    }
                )
        if inserts:
            session.execute(insert(table_of(NearDuplicate)), inserts)
        if updates:
            session.execute(update(NearDuplicate), updates)
