"""Canonical URLs: every variant of one article URL becomes one string."""

from __future__ import annotations

import pytest

from archive.identity import (
    InvalidURLError,
    article_canonical_url,
    canonicalize_url,
    registrable_domain,
    url_aliases,
)

CANONICAL = "https://liputan6.com/read/5670001/harga-beras-naik"


@pytest.mark.parametrize(
    "variant",
    [
        "https://www.liputan6.com/read/5670001/harga-beras-naik",
        "http://liputan6.com/read/5670001/harga-beras-naik/",
        "https://m.liputan6.com/read/5670001/harga-beras-naik?utm_source=twitter&utm_medium=social",
        "https://WWW.Liputan6.com/amp/read/5670001/harga-beras-naik#comments",
        "https://amp.liputan6.com/read/5670001/harga-beras-naik/amp?fbclid=IwAR0x&gclid=abc",
        "https://www.liputan6.com:443/read/5670001/harga-beras-naik?amp=1",
    ],
)
def test_variants_canonicalize_to_one_url(variant: str) -> None:
    assert canonicalize_url(variant) == CANONICAL


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # Parameters that choose content stay, sorted, so their order does not matter.
        ("https://kompas.com/search?q=banjir&page=2", "https://kompas.com/search?page=2&q=banjir"),
        ("https://kompas.com/search?page=2&q=banjir", "https://kompas.com/search?page=2&q=banjir"),
        # A non-default port is part of the address.
        ("http://127.0.0.1:8080/read/1/x/", "https://127.0.0.1:8080/read/1/x"),
        # The site root keeps its slash.
        ("https://www.detik.com", "https://detik.com/"),
        # "amp" inside a slug is a word, not the AMP marker.
        (
            "https://news.detik.com/berita/d-7001/ampun-macet",
            "https://news.detik.com/berita/d-7001/ampun-macet",
        ),
        # Percent-encoding is normalized.
        ("https://tempo.co/read/1/caf%c3%a9", "https://tempo.co/read/1/caf%C3%A9"),
    ],
)
def test_canonicalize_keeps_what_matters(url: str, expected: str) -> None:
    assert canonicalize_url(url) == expected


@pytest.mark.parametrize("bad", ["", "read/1/x", "ftp://liputan6.com/x", "https:///nohost"])
def test_canonicalize_refuses_non_urls(bad: str) -> None:
    with pytest.raises(InvalidURLError):
        canonicalize_url(bad)


def test_same_site_rel_canonical_is_preferred() -> None:
    url = "https://m.liputan6.com/read/5670001/harga-beras-naik-2?utm_source=x"
    declared = "https://www.liputan6.com/read/5670001/harga-beras-naik"
    assert article_canonical_url(url, declared) == CANONICAL
    assert url_aliases(url, declared) == [
        CANONICAL,
        "https://liputan6.com/read/5670001/harga-beras-naik-2",
    ]


def test_cross_site_rel_canonical_is_ignored() -> None:
    # A partner site pointing its copy at the origin must not merge two publications.
    url = "https://www.merdeka.com/peristiwa/harga-beras-naik.html"
    assert (
        article_canonical_url(url, CANONICAL)
        == "https://merdeka.com/peristiwa/harga-beras-naik.html"
    )


def test_unusable_rel_canonical_falls_back_to_the_fetched_url() -> None:
    assert article_canonical_url(CANONICAL + "?utm_source=x", "/read/5670001") == CANONICAL


@pytest.mark.parametrize(
    ("url", "domain"),
    [
        ("https://news.detik.com/berita/d-1", "detik.com"),
        ("https://www.tempo.co/read/1", "tempo.co"),
        ("https://regional.kompas.co.id/x", "kompas.co.id"),
        ("https://www.bbc.co.uk/indonesia", "bbc.co.uk"),
    ],
)
def test_registrable_domain(url: str, domain: str) -> None:
    assert registrable_domain(url) == domain
