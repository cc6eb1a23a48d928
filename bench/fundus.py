"""Accuracy on pages with expected fields, scored the way the fundus-dev set asks.

Two sets use these rules (``bench/README.md#truth-scored-accuracy``):

- ``fundus_dev``: ``../shared/benchmarks/fundus-dev`` (120 articles of 84 publishers, the
  expected values of Fundus's own parser tests), read with the generic page;
- ``indonesian``: the pages of ``../shared/pages`` with ground truth (``bench/truths.py``),
  read with the site's page object.

Each page is scored per field, for ours and for trafilatura in both its modes:

- **title**: equal after ``fold`` (NFKC, quotes folded, whitespace collapsed, case folded);
- **authors**: equal as a set of folded names (pages whose truth has no author list are
  left out; an empty list expects no author);
- **published**: ``instant`` is the same time within 60 s, ``same_day`` the same calendar
  date in the truth's offset. A truth without a time of day (a date, or a naive midnight,
  which is how Fundus writes a date alone) counts for the instant when the day agrees; a
  naive truth with a time is compared with our wall-clock time. trafilatura gives dates
  only: same day, no instant;
- **body**: token F1 over ``\\w+`` tokens of the folded text against every expected
  paragraph joined (summary, then each section's headline and paragraphs);
- **first/last paragraph found**: the expected first (last) paragraph's tokens appear, in
  order and contiguous, in the extracted body (only where the truth has real paragraphs).
  A closing credit such as ``(H-4)`` or ``(fyk/ash)`` is left off the last paragraph
  first: page objects drop it on purpose, and it is not what the check is about;
- **catastrophic**: body F1 below 0.5, or no article found at all.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import trafilatura

from bench.common import SHARED_BENCHMARKS, mean, normalize_text, token_f1, tokens
from bench.generic import date_agrees, instant_agrees, parse_expected_time
from newscrawler.extract import Extraction, extract_raw, response_from_file
from newscrawler.items import ArticleSnapshot
from newscrawler.sites import GENERIC, Site

FUNDUS_DEV = SHARED_BENCHMARKS / "fundus-dev"
CATASTROPHIC_BELOW = 0.5
# Quotes of the set's languages beyond the ones normalize_text already makes plain.
_MORE_QUOTES = str.maketrans(
    {
        "„": '"',
        "‟": '"',
        "«": '"',
        "»": '"',
        "‹": "'",
        "›": "'",
        "‚": "'",
        "‛": "'",
        "`": "'",
        "´": "'",
        "″": '"',
        "′": "'",
        "「": '"',
        "」": '"',
    }
)
# "(H-4)", "(fyk/ash)", "(Cas/Isk)": editors' initials closing Indonesian articles.
_CREDIT = re.compile(r"\s*\([\w/ .-]{1,15}\)\s*$")
_FILE_DATE = re.compile(r"_(\d{4})_(\d{2})_(\d{2})\.html")
EXTRACTORS = ("ours", "trafilatura", "trafilatura_fast")
# Pages index.json pairs with another page's expected values, and the version of
# ``<cc>/<Publisher>.json`` that is the page's own. Applied (and reported) only while the
# index still gives the wrong one.
PAIRING_FIXES = {
    "de/ZDF_2024_04_22": (
        "V1",
        "index.json gives V1_1, a 2025-11-06 article on Putin and 'Dekolonisierung'; the "
        "page is the 2024-04-22 article 'Deutscher Handel mit Iran: Druck mit "
        "Wirtschaftssanktionen?', ZDF.json's V1",
    ),
}


def fold(text: str | None) -> str:
    """NFKC, quotes folded, whitespace collapsed, case folded: ``„Ja“`` equals ``"ja"``."""
    return normalize_text((text or "").translate(_MORE_QUOTES))


@dataclass(frozen=True)
class Truth:
    """What a page should give. ``None`` (or empty paragraphs) means the field is unknown."""

    title: str | None = None
    authors: tuple[str, ...] | None = None
    published: datetime | None = None
    paragraphs: tuple[str, ...] = ()
    # False where the text is known but not its paragraph breaks (newlines removed).
    paragraph_breaks: bool = True

    @property
    def published_has_time(self) -> bool:
        return self.published is not None and has_time_of_day(self.published)

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass(frozen=True)
class TruthPage:
    set: str
    name: str
    url: str
    body: bytes
    truth: Truth
    fetched_at: datetime
    source: str = ""


def fundus_truth(ground_truth: dict[str, Any]) -> Truth:
    """Fundus's field names: title, authors, publishing_date, body {summary, sections}."""
    body = ground_truth.get("body") or {}
    paragraphs = [*body.get("summary", [])]
    for section in body.get("sections", []):
        paragraphs += [*section.get("headline", []), *section.get("paragraphs", [])]
    raw_date = ground_truth.get("publishing_date")
    published = parse_expected_time(raw_date) if raw_date else None
    authors = ground_truth.get("authors")
    return Truth(
        title=ground_truth.get("title"),
        authors=None if authors is None else tuple(authors),
        published=published,
        paragraphs=tuple(p for p in paragraphs if p.strip()),
    )


def has_time_of_day(value: datetime) -> bool:
    """A naive midnight is how Fundus writes a date without a time (``2024-04-24 00:00:00``)."""
    return value.tzinfo is not None or value.time() != time(0, 0)


def pairing_fixes(index: list[dict[str, Any]], folder: Path = FUNDUS_DEV) -> dict[str, Any]:
    """name -> (the page's own ground truth, why) for the pages ``PAIRING_FIXES`` names."""
    out = {}
    for entry in index:
        name = entry["html"].removesuffix(".html.gz")
        if name not in PAIRING_FIXES:
            continue
        version, why = PAIRING_FIXES[name]
        publisher = folder / entry["country"] / f"{entry['publisher']}.json"
        own = json.loads(publisher.read_text(encoding="utf-8"))[version]
        if own != entry["ground_truth"]:
            out[name] = (own, why)
    return out


def fundus_dev_pages(limit: int | None = None, folder: Path = FUNDUS_DEV) -> list[TruthPage]:
    """The fundus-dev pages in index order (``limit`` of them for a quick run).

    A page is read as of noon UTC on the day in its file name (``DerStandard_2024_05_03``),
    Fundus's save date, so a relative date on it resolves as it did then.
    """
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    fixes = pairing_fixes(index, folder)
    out = []
    for entry in index[:limit]:
        name = entry["html"].removesuffix(".html.gz")
        ground_truth = fixes[name][0] if name in fixes else entry["ground_truth"]
        match = _FILE_DATE.search(entry["html"])
        if match is None:
            raise ValueError(f"fundus-dev: no date in the file name {entry['html']}")
        year, month, day = (int(part) for part in match.groups())
        out.append(
            TruthPage(
                "fundus_dev",
                name,
                entry["url"],
                gzip.decompress((folder / entry["html"]).read_bytes()),
                fundus_truth(ground_truth),
                datetime(year, month, day, 12, tzinfo=UTC),
                entry["publisher"],
            )
        )
    return out


# -- the extractors ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Fields:
    found: bool
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: datetime | date | None = None
    body: str = ""


NOT_FOUND = Fields(found=False)


def ours(page: TruthPage, site: Site | None) -> Extraction:
    """A saved page as ``newscrawler extract`` reads it: ``site`` None picks it by URL."""
    response = response_from_file(page.body, page.url)
    return extract_raw(response, fetched_at=page.fetched_at, site=site)


def generic(page: TruthPage) -> Extraction:
    return ours(page, GENERIC)


def by_url(page: TruthPage) -> Extraction:
    return ours(page, None)


def our_fields(snapshot: ArticleSnapshot | None) -> Fields:
    if snapshot is None:
        return NOT_FOUND
    return Fields(
        True, snapshot.title, tuple(snapshot.authors), snapshot.published_at, snapshot.body
    )


def trafilatura_fields(document: Any) -> Fields:
    if document is None or not (document.text or "").strip():
        return NOT_FOUND
    # trafilatura joins several authors with "; " and gives the date as YYYY-MM-DD.
    authors = tuple(a.strip() for a in (document.author or "").split(";") if a.strip())
    published = date.fromisoformat(document.date) if document.date else None
    return Fields(True, document.title, authors, published, document.text or "")


def with_trafilatura(page: TruthPage, *, fast: bool = False) -> Any:
    return trafilatura.bare_extraction(page.body, url=page.url, with_metadata=True, fast=fast)


def extract_all(
    pages: Sequence[TruthPage], ours_method: Callable[[TruthPage], Extraction]
) -> tuple[dict[str, list[Fields]], list[Extraction]]:
    """Each extractor's fields per page (and our extractions, to see which site read them)."""
    extractions = [ours_method(page) for page in pages]
    fields = {
        "ours": [our_fields(e.snapshot) for e in extractions],
        "trafilatura": [trafilatura_fields(with_trafilatura(p)) for p in pages],
        "trafilatura_fast": [trafilatura_fields(with_trafilatura(p, fast=True)) for p in pages],
    }
    return fields, extractions


# -- scoring ----------------------------------------------------------------------------------


def paragraph_found(paragraph: str, body_tokens: list[str]) -> bool:
    """The paragraph's tokens, in order and contiguous, somewhere in the body's."""
    want = tokens(fold(paragraph))
    if not want:
        return True
    width = len(want)
    first = want[0]
    return any(
        body_tokens[i : i + width] == want
        for i, token in enumerate(body_tokens)
        if token == first and i + width <= len(body_tokens)
    )


def last_paragraph(truth: Truth) -> str:
    """The last paragraph without a closing credit (the one before, if it is only that)."""
    for paragraph in reversed(truth.paragraphs):
        text = _CREDIT.sub("", paragraph)
        if tokens(text):
            return text
    return truth.paragraphs[-1]


def published_agrees(got: datetime | date | None, truth: Truth) -> tuple[bool, bool]:
    """(same instant, same day); without a time of day in the truth the instant is the day."""
    assert truth.published is not None
    same_day = date_agrees(got, truth.published)
    if not truth.published_has_time:
        return same_day, same_day
    instant = isinstance(got, datetime) and instant_agrees(got, truth.published)
    return instant, same_day


def score_page(page: TruthPage, got: Fields, *, times: bool) -> dict[str, Any]:
    """One page's verdicts (None where the truth does not know the field)."""
    truth = page.truth
    row: dict[str, Any] = {"found": got.found}
    row["title"] = fold(got.title) == fold(truth.title) if truth.title else None
    row["authors"] = (
        {fold(a) for a in got.authors} == {fold(a) for a in truth.authors}
        if truth.authors is not None
        else None
    )
    if truth.published is not None:
        instant, same_day = published_agrees(got.published, truth)
        row["instant"] = instant if times else None
        row["same_day"] = same_day
    else:
        row["instant"] = row["same_day"] = None
    if truth.paragraphs:
        row["body_f1"] = token_f1(fold(got.body), fold(truth.body))
        if truth.paragraph_breaks:
            body_tokens = tokens(fold(got.body))
            row["first_paragraph"] = paragraph_found(truth.paragraphs[0], body_tokens)
            row["last_paragraph"] = paragraph_found(last_paragraph(truth), body_tokens)
    row["catastrophic"] = not got.found or row.get("body_f1", 1.0) < CATASTROPHIC_BELOW
    return row


def _share(rows: list[dict[str, Any]], key: str) -> tuple[float | None, int]:
    known = [row[key] for row in rows if row.get(key) is not None]
    return mean([float(v) for v in known]), len(known)


def summarize(names: list[str], rows: list[dict[str, Any]], *, times: bool) -> dict[str, Any]:
    """One extractor's figures over the pages of a set."""
    f1 = [row["body_f1"] for row in rows if "body_f1" in row]
    out: dict[str, Any] = {"pages": len(rows)}
    for key, figure in (
        ("title", "title_equal"),
        ("authors", "authors_equal"),
        ("instant", "published_instant"),
        ("same_day", "published_same_day"),
        ("first_paragraph", "first_paragraph_found"),
        ("last_paragraph", "last_paragraph_found"),
    ):
        out[figure], out[f"{figure}_pages"] = _share(rows, key)
    if not times:
        out["published_instant"] = None
    out["body_token_f1"] = mean(f1)
    out["body_token_f1_median"] = statistics.median(f1) if f1 else None
    out["body_pages"] = len(f1)
    out["no_article"] = sum(1 for row in rows if not row["found"])
    out["catastrophic"] = sum(1 for row in rows if row["catastrophic"])
    out["catastrophic_pages"] = [
        name for name, row in zip(names, rows, strict=True) if row["catastrophic"]
    ]
    return out


def score_set(
    pages: Sequence[TruthPage], fields: dict[str, list[Fields]]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Figures per extractor, and per page every extractor's verdicts side by side."""
    names = [page.name for page in pages]
    rows = {
        extractor: [
            score_page(page, got, times=extractor == "ours")
            for page, got in zip(pages, fields[extractor], strict=True)
        ]
        for extractor in EXTRACTORS
    }
    figures = {
        extractor: summarize(names, rows[extractor], times=extractor == "ours")
        for extractor in EXTRACTORS
    }
    per_page = [
        {"page": name, **{extractor: rows[extractor][i] for extractor in EXTRACTORS}}
        for i, name in enumerate(names)
    ]
    return figures, per_page


def score_fundus_dev(limit: int | None = None) -> dict[str, Any]:
    """The generic page against trafilatura on fundus-dev."""
    pages = fundus_dev_pages(limit)
    fields, _ = extract_all(pages, generic)
    figures, per_page = score_set(pages, fields)
    index = json.loads((FUNDUS_DEV / "index.json").read_text(encoding="utf-8"))
    return {
        **figures,
        "publishers": len({page.source for page in pages}),
        "truth_pairing_fixed": {
            name: {"scored_against": PAIRING_FIXES[name][0], "why": why}
            for name, (_, why) in pairing_fixes(index).items()
        },
        "page_object": GENERIC.name,
        "per_page": per_page,
        "inputs": {
            "pages": len(pages),
            "path": "../shared/benchmarks/fundus-dev/index.json",
            "read_as": "response_from_file(body, url) + extract_raw(site=GENERIC)",
            "fetched_at": "noon UTC on the date in the file name",
        },
    }
