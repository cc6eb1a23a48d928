"""The Indonesian pages of ``../shared/pages`` that come with expected values.

Four kinds of truth, each paired with its page and checked for that pairing (a truth that
names a URL or a file must name the page's own):

- ``mediaindonesia/<stem>.groundtruth.json``: Fundus's format, one parser version
  (``{"V1": {...}}``), for ``<stem>.html``;
- ``detik/detik_tisorlawan_1.groundtruth.json``: title, author, published_date and
  paragraphs transcribed from another crawler's unit test, for the ``html`` it names;
- ``anpandu_groundtruth.json``: title, date (epoch ms) and the scraper's body text,
  asserted by another project's tests for the page of each name. Its lines are not the
  page's paragraphs (the lead, then the rest run together), so no paragraph is checked;
- ``<site>/slasherrb_<site>_expectation.txt``: the body text of ``slasherrb_<site>.html``
  with its newlines removed, so its paragraph breaks are unknown.

Each page is read as a crawl reads it: the URL and the fetch time from the site fixture
that uses the page (``tests/fixtures/sites``), so the site's page object is chosen by URL.

``DISPUTED`` lists expected values that the page itself contradicts. They are scored as
given (the figures stay comparable with other tools'), and results.json repeats the list
so a reader knows which misses are the truth's.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.common import ROOT, SHARED_PAGES
from bench.fundus import Truth, TruthPage, by_url, extract_all, fundus_truth, score_set
from bench.generic import parse_expected_time
from newscrawler.fixtures import load_cases

DISPUTED: dict[str, dict[str, str]] = {
    "mediaindonesia/MediaIndonesia_2025_10_22.html": {
        "title": "JSON-LD's headline, which drops the punctuation; the page's h1 reads "
        "'... Raja Ampat: Apa Iya Betul Dicabut?'",
        "authors": "'Andhika' is the editor ('Editor : Andhika' under the article); the byline "
        "names the reporter 'Andhika Prasetyo'. JSON-LD's author is the editor.",
        "body": "one paragraph running the photo caption ('Kondisi Tambang di Raja Ampat"
        "(Auriga Nusantara)'), two 'Baca juga' links and the 'Cek berita ... Google News' "
        "footer into the text: no clean extraction reaches F1 1, and neither the first nor "
        "the last paragraph can be found",
    },
    "mediaindonesia/MediaIndonesia_2026_01_08.html": {
        "title": "JSON-LD's headline, which drops the colon; the page's h1 reads "
        "'IHSG Hari Ini: Sempat Tembus 9.000, ...'",
        "authors": "'Indriyani Astuti' is the editor ('Editor : Indriyani Astuti'); the page "
        "names no reporter. JSON-LD's author is the editor.",
    },
    "republika/anpandu_republika-singlepage2.html": {
        "title": "'In Picture: ...' adds the channel's name, which neither the page's og:title "
        "nor its <title> carries ('KPK Periksa Pejabat ... OTT | Republika Online')",
    },
    "liputan6/anpandu_liputan6-singlepage3.html": {
        "body": "a photo page: the truth repeats the first photo's caption for every photo, "
        "where the page gives each photo its own caption",
    },
}


# shared path -> (URL, fetched_at)
Fixtures = dict[str, tuple[str, datetime]]


def _fixtures() -> Fixtures:
    """shared path -> (URL, fetched_at) from the site fixtures."""
    out = {}
    for case in load_cases(ROOT / "tests" / "fixtures" / "sites"):
        if case.is_shared and case.kind == "article":
            out[case.data["shared"]] = (
                case.data["url"],
                datetime.fromisoformat(case.data["fetched_at"]),
            )
    return out


def _page(relative: str, truth: Truth, source: str, known: Fixtures, pages: Path) -> TruthPage:
    if relative not in known:
        raise ValueError(f"{relative}: no site fixture gives its URL")
    url, fetched_at = known[relative]
    return TruthPage(
        "indonesian", relative, url, (pages / relative).read_bytes(), truth, fetched_at, source
    )


def _check_url(relative: str, truth_url: str | None, known: Fixtures) -> None:
    if truth_url and truth_url.rstrip("/") != known[relative][0].rstrip("/"):
        raise ValueError(f"{relative}: truth is for {truth_url}, fixture URL {known[relative][0]}")


def mediaindonesia(known: Fixtures, pages: Path) -> list[TruthPage]:
    out = []
    for path in sorted((pages / "mediaindonesia").glob("*.groundtruth.json")):
        versions = json.loads(path.read_text(encoding="utf-8"))
        if len(versions) != 1:
            raise ValueError(f"{path.name}: expected one parser version, got {list(versions)}")
        (ground_truth,) = versions.values()
        relative = f"mediaindonesia/{path.name.removesuffix('.groundtruth.json')}.html"
        out.append(_page(relative, fundus_truth(ground_truth), "fundus", known, pages))
    return out


def tisorlawan(known: Fixtures, pages: Path) -> list[TruthPage]:
    out = []
    for path in sorted((pages / "detik").glob("*tisorlawan*.groundtruth.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        relative = f"detik/{data['html']}"
        if data["html"] != path.name.replace(".groundtruth.json", ".html"):
            raise ValueError(f"{path.name} names {data['html']}")
        _check_url(relative, data.get("url"), known)
        truth = Truth(
            title=data.get("title"),
            authors=(data["author"],) if data.get("author") else None,
            published=parse_expected_time(data["published_date"]),
            paragraphs=tuple(data.get("paragraphs", [])),
        )
        out.append(_page(relative, truth, "tisorlawan", known, pages))
    return out


def anpandu(known: Fixtures, pages: Path) -> list[TruthPage]:
    data: dict[str, Any] = json.loads(
        (pages / "anpandu_groundtruth.json").read_text(encoding="utf-8")
    )
    by_name = {Path(relative).name: relative for relative in known}
    out = []
    for name, values in sorted(data["pages"].items()):
        if "title" not in values:  # a listing page: its truth is the links found
            continue
        relative = by_name[name]
        _check_url(relative, values.get("url"), known)
        published = datetime.fromtimestamp(values["date"] / 1000, UTC)
        if published.isoformat().replace("+00:00", "Z") != values["date_iso_utc"]:
            raise ValueError(f"{name}: date {values['date']} is not {values['date_iso_utc']}")
        truth = Truth(
            title=values["title"],
            published=published,
            paragraphs=(values.get("content", "").strip(),),
            paragraph_breaks=False,
        )
        out.append(_page(relative, truth, "anpandu", known, pages))
    return out


def slasherrb(known: Fixtures, pages: Path) -> list[TruthPage]:
    out = []
    for path in sorted(pages.glob("*/slasherrb_*_expectation.txt")):
        relative = f"{path.parent.name}/{path.name.removesuffix('_expectation.txt')}.html"
        text = path.read_text(encoding="utf-8")
        truth = Truth(paragraphs=(text.strip(),), paragraph_breaks=False)
        out.append(_page(relative, truth, "slasherrb", known, pages))
    return out


SOURCES = {
    "fundus": mediaindonesia,
    "tisorlawan": tisorlawan,
    "anpandu": anpandu,
    "slasherrb": slasherrb,
}


def indonesian_pages(limit: int | None = None, pages: Path = SHARED_PAGES) -> list[TruthPage]:
    """Every page with truth (``limit`` of each kind for a quick run)."""
    known = _fixtures()
    return [page for load in SOURCES.values() for page in load(known, pages)[:limit]]


def score_indonesian(limit: int | None = None) -> dict[str, Any]:
    """Each site's page object, as in a crawl, against trafilatura on the same bytes."""
    pages = indonesian_pages(limit)
    fields, extractions = extract_all(pages, by_url)
    figures, per_page = score_set(pages, fields)
    by_source = {}
    for source in SOURCES:
        chosen = [i for i, page in enumerate(pages) if page.source == source]
        if chosen:
            part, _ = score_set(
                [pages[i] for i in chosen], {k: [v[i] for i in chosen] for k, v in fields.items()}
            )
            by_source[source] = part
    for row, extraction in zip(per_page, extractions, strict=True):
        row["page_object"] = extraction.site.name
    return {
        **figures,
        "by_truth": by_source,
        "disputed_truth": {
            page.name: DISPUTED[page.name] for page in pages if page.name in DISPUTED
        },
        "per_page": per_page,
        "inputs": {
            "pages": len(pages),
            "by_truth": {s: sum(1 for p in pages if p.source == s) for s in SOURCES},
            "paths": {
                "fundus": "../shared/pages/mediaindonesia/*.groundtruth.json",
                "tisorlawan": "../shared/pages/detik/detik_tisorlawan_1.groundtruth.json",
                "anpandu": "../shared/pages/anpandu_groundtruth.json",
                "slasherrb": "../shared/pages/*/slasherrb_*_expectation.txt",
            },
            "read_as": "response_from_file(body, fixture URL) + extract_raw (site by URL)",
            "fetched_at": "the site fixture's",
        },
    }
