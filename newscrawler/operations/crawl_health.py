"""What a crawl counts so a breaking site is noticed: challenge pages and field coverage.

The verdict (blocked, degraded, ...) is ``archive.health``'s, from the stats counted here.
"""

from __future__ import annotations

import re

from scrapy.http import Response

from archive.health import CONFIDENCE_PREFIX, COVERAGE_PREFIX, FALLBACK_PREFIX
from archive.snapshot import ArticleSnapshot

# Marks of a bot wall instead of the page. Looked for in the first bytes only (a challenge
# page is small and says so early), and not the bare word "captcha", which an article about
# captchas contains too. Examples: Cloudflare's "<title>Attention Required! | Cloudflare",
# "<title>Just a moment...</title>" with /cdn-cgi/challenge-platform/, a <div class="g-recaptcha">.
_CHALLENGE = re.compile(
    rb"cf-challenge|cf_chl_|/cdn-cgi/challenge-platform/|g-recaptcha|h-captcha"
    rb"|<title>\s*(?:Attention Required|Just a moment|Security check|[^<]{0,40}captcha)",
    re.IGNORECASE,
)
CHALLENGE_SCAN_BYTES = 32_768


def challenge_marker(response: Response) -> str | None:
    """The challenge marker a response's body shows, e.g. ``"cf-challenge"``, or None."""
    match = _CHALLENGE.search(response.body[:CHALLENGE_SCAN_BYTES])
    if match is None:
        return None
    marker = match.group(0).decode("latin-1")
    return re.sub(r"^<title>\s*", "", marker, flags=re.IGNORECASE).strip()


def coverage_keys(snapshot: ArticleSnapshot) -> list[str]:
    """Stats keys to increment for one parsed article: the total and each field it has.

    >>> from datetime import UTC, datetime
    >>> s = ArticleSnapshot(url="https://x.id/1", site="x", title="T", body="B",
    ...                     fetched_at=datetime(2024, 1, 1, tzinfo=UTC), authors=("Ani",))
    >>> coverage_keys(s)
    ['newscrawler/coverage/articles', 'newscrawler/coverage/authors', 'newscrawler/coverage/body']
    """
    present = {
        "authors": bool(snapshot.authors),
        "tags": bool(snapshot.tags),
        "modified": snapshot.modified_at is not None,
        "body": bool(snapshot.body.strip()),
    }
    keys = [COVERAGE_PREFIX + "articles"] + [COVERAGE_PREFIX + k for k, v in present.items() if v]
    return keys + extraction_keys(snapshot)


def extraction_keys(snapshot: ArticleSnapshot) -> list[str]:
    """Stats keys for how the body was chosen: ``newscrawler/fallback/body`` when a site's
    container looked wrong and the generic choice filled in (a page object going stale after
    a redesign), ``newscrawler/body_confidence/<level>`` for every article.

    >>> from datetime import UTC, datetime
    >>> s = ArticleSnapshot(url="https://x.id/1", site="x", title="T", body="B",
    ...                     fetched_at=datetime(2024, 1, 1, tzinfo=UTC),
    ...                     provenance={"body": "fallback:generic:density"},
    ...                     notes={"body_confidence": "high"})
    >>> extraction_keys(s)
    ['newscrawler/fallback/body', 'newscrawler/body_confidence/high']
    """
    keys = []
    if snapshot.provenance.get("body", "").startswith("fallback:"):
        keys.append(FALLBACK_PREFIX + "body")
    confidence = snapshot.notes.get("body_confidence")
    if confidence:
        keys.append(CONFIDENCE_PREFIX + str(confidence))
    return keys
