"""Dates in article URLs: the generic page's last resort for a publication day."""

from __future__ import annotations

import pytest

from newscrawler.extraction.urldates import date_in_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://about.gitlab.com/blog/2024/06/25/3-surprising-findings/", "2024-06-25"),
        ("https://news.example/2019/11/24/road-widened", "2019-11-24"),
        ("https://news.example/2019/1/4/road", "2019-01-04"),
        ("https://news.example/2019-11-24/road-widened", "2019-11-24"),
        ("https://news.example/2019-11-24-road-widened.html", "2019-11-24"),
        ("https://news.example/news/20191124/road-widened", "2019-11-24"),
        # Ids, months and queries are not days.
        ("https://www.liputan6.com/news/read/4117380/kemnaker", None),
        ("https://news.detik.com/berita/d-4117380/judul", None),
        ("https://news.example/2019/11/road-widened", None),
        ("https://news.example/2019/13/45/nonsense", None),
        ("https://news.example/article?id=20191124", None),
        ("https://news.example/read/20191124123456/slug", None),
        ("https://2019.example/", None),
    ],
)
def test_date_in_url(url, expected):
    assert date_in_url(url) == expected
