"""Pages built to break the extractor: impossible dates, JSON-LD nested a thousand levels deep.

Each page still extracts from its other sources and is stored in a real archive.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner

from archive.snapshot import FetchInfo
from archive.store import Archive
from newscrawler.cli import main
from newscrawler.extract import extract_raw, response_from_file

URL = "https://news.example.org/2024/08/14/rain-in-bandung"
FETCHED = datetime(2024, 8, 15, 3, 0, tzinfo=UTC)
TEXT = "".join(
    f"<p>Paragraph {n}: heavy rain fell on Bandung on Wednesday morning, flooding streets.</p>"
    for n in range(8)
)


def page(*ld_scripts: str) -> str:
    scripts = "".join(f'<script type="application/ld+json">{s}</script>' for s in ld_scripts)
    return (
        '<html lang="en"><head><title>Rain in Bandung</title>'
        '<meta property="article:published_time" content="2024-08-14T10:30:00+07:00">'
        f"{scripts}</head><body><article><h1>Rain in Bandung</h1>{TEXT}</article></body></html>"
    )


PLACEHOLDER_DATES = page(
    json.dumps(
        {
            "@type": "NewsArticle",
            "headline": "Rain in Bandung",
            "datePublished": "0001-01-01T00:00:00",
            "dateModified": "9999-12-31T23:59:59+14:00",
        }
    )
)


def stored(html: str, tmp_path: Path) -> dict[str, object]:
    """Extract the page and store it in a fresh SQLite archive; the snapshot's JSON fields."""
    extraction = extract_raw(response_from_file(html.encode(), URL), fetched_at=FETCHED)
    snapshot = extraction.snapshot
    assert snapshot is not None, extraction.error
    with Archive.open(f"sqlite:///{tmp_path / 'archive.db'}") as archive:
        result = archive.store(snapshot, FetchInfo(URL, snapshot.site, FETCHED, status=200))
        assert result.outcome == "new"
        view = archive.article_for_url(URL)
        assert view is not None
    return {"published_at": snapshot.published_at, "modified_at": snapshot.modified_at,
            "notes": snapshot.notes, "title": snapshot.title}  # fmt: skip


def test_placeholder_dates_give_way_to_the_next_candidate_and_are_kept(tmp_path: Path) -> None:
    got = stored(PLACEHOLDER_DATES, tmp_path)
    assert got["published_at"] == datetime.fromisoformat("2024-08-14T10:30:00+07:00")
    assert got["modified_at"] is None
    assert got["notes"]["implausible_dates"] == {  # type: ignore[index]
        "published_at": [{"source": "json-ld", "raw": "0001-01-01T00:00:00"}],
        "modified_at": [{"source": "json-ld", "raw": "9999-12-31T23:59:59+14:00"}],
    }


def test_extract_command_reads_a_page_with_placeholder_dates(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PLACEHOLDER_DATES)
    result = CliRunner().invoke(main, ["extract", str(path), "--url", URL])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["published_at"] == "2024-08-14T10:30:00+07:00"


def test_json_ld_nested_a_thousand_levels_is_ignored(tmp_path: Path) -> None:
    # 2 KB of "[": json.loads and every walk over it would exhaust the stack.
    got = stored(page("[" * 2048), tmp_path)
    assert got["title"] == "Rain in Bandung"
    assert got["published_at"] == datetime.fromisoformat("2024-08-14T10:30:00+07:00")


def test_json_ld_objects_deeper_than_the_limit_are_left_out(tmp_path: Path) -> None:
    # Deep enough to walk without a RecursionError in json, too deep for a page's data: the
    # article object at depth 500 is ignored, the sound one beside it is read.
    buried = {"@type": "NewsArticle", "headline": "Buried", "datePublished": "2001-01-01"}
    deep = "[" * 500 + json.dumps(buried) + "]" * 500
    sound = json.dumps({"@type": "NewsArticle", "author": {"@type": "Person", "name": "Budi"}})
    response = response_from_file(page(deep, sound).encode(), URL)
    extraction = extract_raw(response, fetched_at=FETCHED)
    assert extraction.snapshot is not None
    assert extraction.snapshot.title == "Rain in Bandung"
    assert extraction.snapshot.authors == ("Budi",)
    assert extraction.snapshot.published_at == datetime.fromisoformat("2024-08-14T10:30:00+07:00")
