"""What one fetch does to an article: the archive's core rule, in one place.

``WorkingSet.decide`` takes one prepared item and the rows it can touch (read beforehand by
``archive.batch_read``) and decides, in memory:

1. which article it is: by the site's publisher id, else by any known URL variant (an
   alias first, then a canonical URL), else a new article; a known one widens its seen
   times and takes the visit's zone, language and first publisher id (``revisit_article``);
2. whether the page was whole: a page whose download was cut short is ``incomplete`` when
   the article has a stored revision to judge it by (``incomplete_reason``), and then
   nothing of the article changes: not its revision, seen times, URLs or search text;
3. what the visit did to it: ``unchanged`` (same content hash as the latest revision: that
   revision was seen again), ``reverted`` (the hash of an earlier content: a light revision
   pointing at it), else ``new`` or ``revised`` with a new content;
4. for a new revision, its field diff and sentence diff against the latest, the search
   document's values, and a near-duplicate link to look up.

Items are decided in order, so a later one sees what an earlier one did (the same article
twice, a revert, a pair of wire copies in one batch). ``Archive.store``, ``store_many`` and
the crawl all store through this. ``archive.batch_write`` then writes what was decided.

When one URL variant leads to two different articles (two articles later joined by a
canonical URL), the first alias in ``url_aliases`` order wins: the canonical one.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from archive import neardup
from archive.diff import body_diff, field_diff
from archive.identity import revisit_url
from archive.revisions import NormalizedContent
from archive.snapshot import ArticleSnapshot, FetchInfo
from archive.vocabulary import PreparedItem, StoreOutcome

# A page without closing tags whose text is under this share of the stored revision's was
# cut short, not edited: newsrooms rarely cut half an article, downloads cut anywhere.
FAR_SHORTER = 0.5


@dataclass(slots=True, eq=False)
class KnownContent:
    """A ``contents`` row as the batch sees it; ``id`` is None until written."""

    id: int | None
    content_hash: str
    simhash: int
    normalized: NormalizedContent
    max_number: int  # highest revision number that points at this content
    is_new: bool = False  # created by this batch


@dataclass(slots=True, eq=False)
class KnownRevision:
    """A ``revisions`` row as the batch sees it; ``insert`` holds a new one's other values."""

    id: int | None
    number: int
    content: KnownContent
    last_seen_at: datetime
    insert: dict[str, Any] | None = None  # values of a revision this batch creates
    touched: bool = False  # an existing revision whose last_seen_at moved


@dataclass(slots=True, eq=False)
class KnownArticle:
    """An ``articles`` row as the batch sees it, with its latest revision and contents."""

    id: int | None
    site: str
    canonical_url: str
    publisher_id: str | None
    timezone: str
    language: str | None
    first_seen_at: datetime
    last_seen_at: datetime
    revision_count: int
    is_new: bool
    latest: KnownRevision | None = None
    contents: dict[str, KnownContent] = field(default_factory=dict)  # by content hash
    has_document: bool = False
    document: dict[str, Any] | None = None  # search document values to write

    @property
    def key(self) -> int:
        assert self.id is not None, "articles get their ids before anything refers to them"
        return self.id


@dataclass(slots=True)
class Link:
    """A content to link to its near-duplicates: the article's hash as of this visit."""

    article: KnownArticle
    simhash: int
    words: int
    seen_at: datetime


@dataclass(slots=True)
class Decision:
    """What one item did: its article, the revision it saw or made, and the outcome."""

    item: PreparedItem
    article: KnownArticle
    revision: KnownRevision
    outcome: StoreOutcome
    first_seen_at: datetime  # the article's, right after this visit
    published_at: datetime | None  # of the revision the visit left current
    reason: str | None = None  # why an incomplete visit is one, for the fetch log
    revisit_url: str | None = None  # where to revisit the article (archive.identity)

    @property
    def fetch(self) -> FetchInfo:
        """The visit as the fetch log records it (an incomplete one says why)."""
        fetch = self.item.fetch
        return fetch if self.reason is None else replace(fetch, reason=self.reason)

    @property
    def revision_id(self) -> int | None:
        """The revision the visit saw or made; an incomplete visit saw none."""
        return None if self.outcome == "incomplete" else self.revision.id


def revisit_article(article: KnownArticle, snapshot: ArticleSnapshot, seen_at: datetime) -> bool:
    """A known article seen again: widen its seen times and take the visit's zone and
    language. Returns True when the visit gave the article its first publisher id.
    """
    article.first_seen_at = min(article.first_seen_at, seen_at)
    article.last_seen_at = max(article.last_seen_at, seen_at)
    article.timezone = snapshot.timezone
    article.language = snapshot.language or article.language
    if article.publisher_id is None and snapshot.publisher_id is not None:
        article.publisher_id = snapshot.publisher_id
        return True
    return False


def incomplete_reason(item: PreparedItem, latest: KnownRevision) -> str | None:
    """Why the item is a page cut short rather than a revision of ``latest``, or None.

    The crawler marks a page whose markup has no ``</body>`` or ``</html>``
    (``fetch.extraction["page_end"]``, see newscrawler/completeness.py). Many valid pages
    omit them, so the mark counts only against the stored revision, and only when the
    content differs from it:

    1. the markup ends inside a tag or inside text: a page cut mid-download (real pages
       without closing tags still end on a ``>``), whatever its text;
    2. else the text is under ``FAR_SHORTER`` of the stored revision's.

    The reason says which, e.g. ``no closing tags, text 35% of the stored revision``.
    """
    sign = (item.fetch.extraction or {}).get("page_end")
    if not sign or item.content_hash == latest.content.content_hash:
        return None
    stored = len(latest.content.normalized.body)
    share = len(item.content.body) / stored if stored else 1.0
    if str(sign).startswith("ends inside"):
        return f"no closing tags, the markup {sign}, text {share:.0%} of the stored revision"
    if share < FAR_SHORTER:
        return f"no closing tags, text {share:.0%} of the stored revision"
    return None


def names_key(names: list[str]) -> str:
    # "|budi santoso|ani|": one LIKE '%|ani|%' filter matches a whole name on any backend.
    return "|" + "|".join(n.casefold() for n in names) + "|" if names else ""


def search_document(site: str, content: NormalizedContent) -> dict[str, Any]:
    """The ``search_documents`` values of an article whose current content is ``content``."""
    return {
        "site": site,
        "section": content.section,
        "authors_key": names_key(content.authors),
        "tags_key": names_key(content.tags),
        "published_at": content.published_at,
        "title": content.title,
        "body": content.body,
    }


@dataclass(slots=True, eq=False)
class WorkingSet:
    """The rows a batch touches, found by each way an item can name its article."""

    by_publisher_id: dict[tuple[str, str], KnownArticle] = field(default_factory=dict)
    by_alias: dict[str, KnownArticle] = field(default_factory=dict)
    by_canonical: dict[str, KnownArticle] = field(default_factory=dict)
    articles: list[KnownArticle] = field(default_factory=list)  # touched, first touch first
    touched: set[int] = field(default_factory=set)  # id() of each of them
    new_aliases: list[tuple[KnownArticle, str, datetime]] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)

    def find(self, item: PreparedItem) -> KnownArticle | None:
        snapshot = item.snapshot
        if snapshot.publisher_id is not None:
            found = self.by_publisher_id.get((snapshot.site, snapshot.publisher_id))
            if found is not None:
                return found
        for url in item.aliases:
            if url in self.by_alias:
                return self.by_alias[url]
        for url in item.aliases:
            if url in self.by_canonical:
                return self.by_canonical[url]
        return None

    def identify(self, item: PreparedItem) -> KnownArticle:
        """The item's article, created if new, with the visit's times and URL variants."""
        snapshot, seen_at = item.snapshot, item.seen_at
        article = self.find(item)
        if article is None:
            article = KnownArticle(
                id=None,
                site=snapshot.site,
                canonical_url=item.aliases[0],
                publisher_id=snapshot.publisher_id,
                timezone=snapshot.timezone,
                language=snapshot.language,
                first_seen_at=seen_at,
                last_seen_at=seen_at,
                revision_count=0,
                is_new=True,
            )
            self.by_canonical[article.canonical_url] = article
            if article.publisher_id is not None:
                self.by_publisher_id[(article.site, article.publisher_id)] = article
        elif revisit_article(article, snapshot, seen_at) and snapshot.publisher_id is not None:
            self.by_publisher_id[(article.site, snapshot.publisher_id)] = article
        if id(article) not in self.touched:
            self.touched.add(id(article))
            self.articles.append(article)
        for url in item.aliases:
            if url not in self.by_alias:
                self.by_alias[url] = article
                self.new_aliases.append((article, url, seen_at))
        return article

    def decide(self, item: PreparedItem) -> Decision:
        """Apply one fetch to its article (see the module's docstring) and record it."""
        known = self.find(item)
        if known is not None and known.latest is not None:
            reason = incomplete_reason(item, known.latest)
            if reason is not None:
                return self._record(item, known, known.latest, "incomplete", reason)
        article = self.identify(item)
        seen_at, content = item.seen_at, item.content
        latest = article.latest
        if latest is not None and latest.content.content_hash == item.content_hash:
            if seen_at > latest.last_seen_at:
                latest.last_seen_at = seen_at
                latest.touched = True
            return self._record(item, article, latest, "unchanged")

        stored = article.contents.get(item.content_hash)
        reverts_to: int | None = None
        outcome: StoreOutcome
        if stored is not None:
            outcome = "reverted"
            reverts_to = stored.max_number
        else:
            outcome = "new" if latest is None else "revised"
            stored = KnownContent(None, item.content_hash, item.simhash, content, 0, is_new=True)
            article.contents[item.content_hash] = stored

        if latest is not None:
            before = latest.content.normalized
            sentences = body_diff(before.body, content.body)
            fields = field_diff(before, content, sentences)
        else:
            fields, sentences = {}, {"added": [], "removed": [], "changed": []}
        revision = KnownRevision(None, article.revision_count + 1, stored, seen_at)
        revision.insert = {
            "number": revision.number,
            "kind": outcome,
            "reverts_to": reverts_to,
            "first_seen_at": seen_at,
            "field_diff": fields,
            "body_diff": sentences,
        }
        stored.max_number = max(stored.max_number, revision.number)
        article.revision_count = revision.number
        article.latest = revision
        article.document = search_document(article.site, content)
        self.links.append(Link(article, stored.simhash, neardup.word_count(content.body), seen_at))
        return self._record(item, article, revision, outcome)

    def _record(
        self,
        item: PreparedItem,
        article: KnownArticle,
        revision: KnownRevision,
        outcome: StoreOutcome,
        reason: str | None = None,
    ) -> Decision:
        published_at = revision.content.normalized.published_at
        snapshot = item.snapshot
        url = None
        if outcome != "incomplete":
            url = revisit_url(snapshot.url, snapshot.canonical_url, article.canonical_url)
        decision = Decision(
            item, article, revision, outcome, article.first_seen_at, published_at, reason, url
        )
        self.decisions.append(decision)
        return decision
