"""RawArticle -> ArticleSnapshot: the one place where the field normalizers meet.

Pure: the same raw item always gives the same snapshot, so the pipeline, ``scrapy parse``,
``scrapy shell`` and ``newscrawler extract`` all show exactly what the archive would store.
For list-valued fields (authors, tags) the first *source* that yields anything wins, so a
byline's names are never mixed with a meta tag's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from archive.snapshot import FetchOutcome
from newscrawler.items import ArticleSnapshot, FetchInfo, Found, NormalizedArticle, RawArticle
from newscrawler.normalize.authors import clean_people, wire_credits
from newscrawler.normalize.dates import parse_datetime
from newscrawler.normalize.resolve import ResolvedDate, resolve_datetime
from newscrawler.normalize.tags import clean_tags
from newscrawler.normalize.text import clean_body, normalize_whitespace
from newscrawler.normalize.titles import clean_title
from newscrawler.normalize.zones import JAKARTA, zone_for
from newscrawler.sites import known_brands

# Recorded with every visit's extraction (newscrawler.normalize.article.parser_record): bump
# it when a change here or in the field normalizers changes what an article normalizes to.
NORMALIZER_VERSION = 1

# Times this close are one time written twice (seconds dropped, rounding).
_SAME_TIME = timedelta(seconds=60)

# Where a page gives a time without an offset and the site's zone is unknown: most sites we
# crawl are Indonesian, and most Indonesians read in WIB.
DEFAULT_TIMEZONE = JAKARTA


# Labels of a host that say nothing of the outlet: "www", "m", and public suffixes.
_HOST_NOISE = frozenset({"www", "m", "amp", "com", "co", "net", "org", "or", "ac", "go", "id"})


def host_name(url: str) -> str:
    """The outlet's name in its host: ``https://e.vnexpress.net/x`` -> ``vnexpress``."""
    host = (urlsplit(url).hostname or "").lower()
    labels = [label for label in host.split(".")[:-1] if label not in _HOST_NOISE]
    return labels[-1] if labels else ""


def _in_site_zone(value: datetime | None, timezone: str | None) -> datetime | None:
    """Shown the way the site prints it: 06:46Z from JSON-LD is 13:46 WIB on Liputan6.

    For a site of unknown zone the page's own offset is kept.
    """
    if value is None or timezone is None:
        return value
    return value.astimezone(zone_for(timezone))


class NotAnArticle(ValueError):
    """A page that fetched fine but is not an article we can store (no title, no body).

    ``key`` is short and stable for stats counters (``newscrawler/dropped/no_body``).
    """

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


def _by_source(found: Iterable[Found]) -> list[tuple[str, list[str]]]:
    groups: dict[str, list[str]] = {}
    for item in found:
        groups.setdefault(item.source, []).append(item.value)
    return list(groups.items())


def _first_group(
    found: Sequence[Found], clean: Callable[[list[str]], list[str]]
) -> tuple[list[str], str | None]:
    # Most pages name no editors and many no tags: nothing to group, nothing to clean.
    if not found:
        return [], None
    for source, values in _by_source(found):
        cleaned = clean(values)
        if cleaned:
            return cleaned, source
    return [], None


def _whole_byline(
    names: list[str],
    source: str | None,
    found: Sequence[Found],
    clean: Callable[[list[str]], list[str]],
) -> tuple[list[str], str | None]:
    """The printed byline where it names everyone the metadata does, and more.

    Metadata often names the first writer only: dagbladet.no's JSON-LD and meta author say
    "Marlene Lundberg Holm" while its byline prints "Ingrid Treborg" beside her. A byline
    that holds every name the metadata gives is the same credit, complete; one that does
    not is another credit (a teaser's, a photographer's) and is left alone. Only a byline
    that prints each name in an element of its own counts: one line that reads as several
    names ("By A, Senior Technologist, ACLU Speech, Privacy, and Technology Project") is
    more likely a name and a job title than several writers.
    """
    if not names or source is None or source.startswith("markup:"):
        return names, source
    have = {name.casefold() for name in names}
    for group, values in _by_source(found):
        if group.startswith("markup:"):
            printed = clean(values)
            if len(printed) <= len(values) and {n.casefold() for n in printed} > have:
                return printed, group
    return names, source


def _first(found: Iterable[Found], clean: Callable[[str], str]) -> tuple[str | None, str | None]:
    for item in found:
        value = clean(item.value)
        if value:
            return value, item.source
    return None, None


_LANG = re.compile(r"^([a-z]{2,3})(?:[-_][a-z]{2,4})?$", re.IGNORECASE)


def language_code(raw: str) -> str:
    """``In-Id`` -> ``id``, ``id_ID`` -> ``id``, ``en-US`` -> ``en``; anything else -> ''.

    Liputan6's ``<meta http-equiv="content-language" content="In-Id">`` means Indonesian:
    ``in`` is the withdrawn ISO code for it.
    """
    match = _LANG.match(raw.strip())
    if not match:
        return ""
    code = match.group(1).lower()
    return {"in": "id", "ind": "id", "eng": "en"}.get(code, code)


def _date_note(resolved: ResolvedDate) -> list[dict[str, str]]:
    return [{"source": source, "raw": raw} for source, raw in resolved.conflicts]


def to_snapshot(raw: RawArticle, *, now: datetime | None = None) -> ArticleSnapshot:
    """Normalize one raw article; raises :class:`NotAnArticle` when there is nothing to store."""
    if raw.refusal is not None:
        raise NotAnArticle(*raw.refusal)
    fetched_at = raw.fetched_at or now or datetime.now(UTC)
    # The site's zone, else the one the page's evidence gives, else the default.
    site_zone = raw.timezone or raw.zone_hint
    zone = zone_for(site_zone or DEFAULT_TIMEZONE)
    provenance: dict[str, str] = {}
    notes: dict[str, Any] = {}

    # The outlet's own names, its host's among them ("Headline - Golem.de" on golem.de,
    # "VnExpress" on vnexpress.net), and every known outlet's: a reposted "Headline -
    # detikNews" or a credit "Kompas.com" names an outlet wherever it stands.
    own = (*raw.site_names, host_name(raw.url))
    outlets = (*own, *known_brands())
    title, source = _first(raw.title, lambda v: clean_title(v, site_names=outlets))
    if not title:
        raise NotAnArticle("no_title", "no title found")
    provenance["title"] = str(source)

    body = clean_body(raw.body)
    if not body.text:
        raise NotAnArticle("no_body", "no article text found")
    provenance["body"] = raw.body_source or "unknown"
    if raw.body_confidence:
        notes["body_confidence"] = raw.body_confidence
        notes["body_reason"] = raw.body_reason

    subtitle, source = _first(raw.subtitle, normalize_whitespace)
    editors, editors_source = _first_group(raw.editors, lambda v: clean_people(v, outlets=outlets))
    people = lambda v: clean_people(v, outlets=outlets)  # noqa: E731
    authors, authors_source = _first_group(raw.authors, people)
    authors, authors_source = _whole_byline(authors, authors_source, raw.authors, people)
    # Authors who are all the page's editors, where another source names someone else: the
    # JSON-LD called the editor the author (Media Indonesia), and the byline names the
    # writer. (An editor who also wrote the piece, named by every source, stays.)
    edited = {name.casefold() for name in editors}
    if authors and edited and all(name.casefold() in edited for name in authors):
        writers, writers_source = _first_group(
            raw.authors,
            lambda v: [n for n in clean_people(v, outlets=outlets) if n.casefold() not in edited],
        )
        if writers:
            authors, authors_source = writers, writers_source
    if not authors and body.byline:
        authors = clean_people([body.byline], outlets=outlets)
        authors_source = "body:reporter-line" if authors else None
    if not authors:
        # No person anywhere: a story credited to a news agency alone was the agency's.
        for found in raw.authors:
            authors = wire_credits([found.value], outlets=own)
            if authors:
                authors_source = f"{found.source}:wire"
                break
    tags, tags_source = _first_group(raw.tags, clean_tags)
    section, section_source = _first(raw.section, normalize_whitespace)
    language, language_source = _first(raw.language, language_code)

    known = site_zone is not None
    published = resolve_datetime(raw.published, default_tz=zone, now=fetched_at, zone_known=known)
    modified = resolve_datetime(raw.modified, default_tz=zone, now=fetched_at, zone_known=known)
    # A difference, not ``published - 60 s``: a placeholder "0001-01-01" would overflow.
    if published.value and modified.value and published.value - modified.value > _SAME_TIME:
        # An update before publication is a template's or a CMS's mistake (Okezone's JSON-LD
        # once said modified 20:33 the day before publishing at 07:26); the page may still
        # show the real one ("Diperbarui ..."), else modified is left blank.
        notes["modified_before_published"] = modified.raw
        later = [
            found
            for found in raw.modified
            if (value := parse_datetime(found.value, default_tz=zone, now=fetched_at)) is None
            or published.value - value <= _SAME_TIME
        ]
        modified = resolve_datetime(later, default_tz=zone, now=fetched_at, zone_known=known)
    for name, resolved in (("published_at", published), ("modified_at", modified)):
        if resolved.source:
            provenance[name] = resolved.source
            notes.setdefault("raw", {})[name] = resolved.raw
        if resolved.conflicts:
            notes.setdefault("date_conflicts", {})[name] = _date_note(resolved)
        if resolved.implausible:
            notes.setdefault("implausible_dates", {})[name] = [
                {"source": source, "raw": raw} for source, raw in resolved.implausible
            ]
    for name, src in (
        ("subtitle", source),
        ("authors", authors_source),
        ("editors", editors_source),
        ("tags", tags_source),
        ("section", section_source),
        ("language", language_source),
    ):
        if src:
            provenance[name] = src
    if body.credit:
        notes["credit"] = body.credit
    if raw.pages > 1:
        notes["pages"] = raw.pages

    return ArticleSnapshot(
        url=raw.url,
        site=raw.site,
        title=title,
        body=body.text,
        fetched_at=fetched_at,
        canonical_url=raw.canonical_url,
        publisher_id=raw.publisher_id,
        subtitle=subtitle,
        authors=tuple(authors),
        editors=tuple(editors),
        published_at=_in_site_zone(published.value, site_zone),
        modified_at=_in_site_zone(modified.value, site_zone),
        section=section,
        tags=tuple(tags),
        language=language,
        dateline=body.dateline,
        timezone=site_zone or DEFAULT_TIMEZONE,
        site_name=raw.site_names[0] if raw.site_names else None,
        provenance=provenance,
        notes=notes,
    )


def visit_of(raw: RawArticle, outcome: FetchOutcome, reason: str) -> FetchInfo:
    """The visit of an article's (first) page that stored nothing: dropped or failed, with
    the reason, so the fetch log keeps it (and which extraction judged it so)."""
    return FetchInfo(
        url=raw.url,
        site=raw.site,
        fetched_at=raw.fetched_at or datetime.now(UTC),
        status=raw.http_status,
        etag=raw.etag,
        last_modified=raw.last_modified,
        outcome=outcome,
        reason=reason,
        extraction=parser_record(raw) or None,
        raw=raw.raw,
    )


def fetch_of(raw: RawArticle, snapshot: ArticleSnapshot) -> FetchInfo:
    """The fetch record for a successfully extracted article."""
    return FetchInfo(
        url=raw.url,
        site=raw.site,
        fetched_at=snapshot.fetched_at,
        status=raw.http_status,
        etag=raw.etag,
        last_modified=raw.last_modified,
        extraction={**extraction_record(snapshot), **parser_record(raw)},
        raw=raw.raw,
    )


def parser_record(raw: RawArticle) -> dict[str, Any]:
    """Which extraction made the item: the page class and its VERSION, and this
    normalizer's version; empty for an item no page object made."""
    if raw.page is None:
        return {}
    return {
        "page": raw.page,
        "page_version": raw.page_version,
        "normalizer_version": NORMALIZER_VERSION,
    }


def extraction_record(snapshot: ArticleSnapshot) -> dict[str, Any]:
    """What the archive keeps of how an article was extracted, with the visit."""
    body_source = snapshot.provenance.get("body")
    record: dict[str, Any] = {
        "body_source": body_source,
        "body_confidence": snapshot.notes.get("body_confidence"),
        "pages": snapshot.notes.get("pages", 1),
    }
    if body_source and body_source.startswith("fallback:"):
        record["fallbacks"] = ["body"]
    return record


def normalize(raw: RawArticle, *, now: datetime | None = None) -> NormalizedArticle:
    snapshot = to_snapshot(raw, now=now)
    return NormalizedArticle(snapshot=snapshot, fetch=fetch_of(raw, snapshot))
