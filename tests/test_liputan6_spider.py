"""Liputan6 discovery on real feeds and listings, and the spider's arguments."""

from __future__ import annotations

import re
from datetime import date

import pytest
from scrapy.http import HtmlResponse, Request, XmlResponse
from scrapy.utils.test import get_crawler

from newscrawler.spiders.liputan6 import Liputan6Spider
from tests.conftest import shared_page


def make_spider(**kwargs) -> Liputan6Spider:
    crawler = get_crawler(Liputan6Spider)
    return Liputan6Spider.from_crawler(crawler, **kwargs)


def article_urls(results) -> list[str]:
    return [
        r.url for r in results if isinstance(r, Request) and r.callback.__name__ == "parse_article"
    ]


@pytest.mark.shared
def test_real_rss_feed_yields_its_article_urls_without_tracking():
    path = shared_page("liputan6/vincenthend_liputan6_rss.xml")
    body = path.read_bytes()
    spider = make_spider()
    urls = article_urls(
        spider.parse_feed(XmlResponse(url="https://feed.liputan6.com/rss", body=body))
    )
    expected = {
        re.sub(r"\?utm_source=lpfeed&amp;utm_medium=lpfeed&amp;utm_campaign=rss", "", link)
        for link in re.findall(rb"<link>(http[^<]+/read/\d+/[^<]+)</link>", body)
        for link in [link.decode()]
    }
    assert len(urls) == len(expected) > 10
    assert set(urls) == expected
    assert (
        "http://bola.liputan6.com/read/2934383/misi-rooney-bersama-mu-buktikan-diri-belum-habis"
        in urls
    )
    assert not [u for u in urls if "utm_" in u]


@pytest.mark.shared
def test_real_indeks_page_yields_only_article_urls():
    body = shared_page("liputan6/anpandu_liputan6-mainpage.html").read_bytes()
    spider = make_spider()
    request = Request("http://www.liputan6.com/")
    response = HtmlResponse(url=request.url, body=body, request=request)
    urls = article_urls(spider.parse_listing(response))
    assert len(urls) > 20
    assert all(re.search(r"liputan6\.com/(?:[a-z0-9-]+/)*read/\d+/", u) for u in urls)
    assert len(urls) == len(set(urls))
    # Section fronts and tag pages are linked there too and must not be followed.
    assert not [u for u in urls if "/tag/" in u]


def test_date_arguments_choose_listing_days():
    spider = make_spider(start="2019-11-22", end="2019-11-24")
    assert spider.days == [date(2019, 11, 24), date(2019, 11, 23), date(2019, 11, 22)]
    assert spider.listing_urls_for(spider.days)[0] == "https://www.liputan6.com/indeks/2019/11/24"
    assert make_spider(date="2019-11-24").days == [date(2019, 11, 24)]


def test_sources_argument_limits_discovery():
    spider = make_spider(date="2019-11-24", sources="listings")
    requests = list(spider.start_requests())
    assert [r.url for r in requests] == ["https://www.liputan6.com/indeks/2019/11/24"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"date": "24-11-2019"}, "expected a date like 2019-11-24"),
        ({"start": "2019-11-24", "end": "2019-11-20"}, "before start"),
        ({"sources": "feeds,twitter"}, "unknown ['twitter']"),
    ],
)
def test_bad_arguments_fail_clearly(kwargs, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        make_spider(**kwargs)


@pytest.mark.shared
def test_an_extracted_article_keeps_no_tree_while_scrapy_holds_its_response():
    """Scrapy keeps a response until its item is stored; its 0.7 MB tree need not wait."""
    page = shared_page("liputan6/slasherrb_liputan6.html")
    url = "https://www.liputan6.com/news/read/4118193/x"
    response = HtmlResponse(url, body=page.read_bytes(), request=Request(url))
    (item,) = list(make_spider().parse_article(response))
    assert item.title  # extracted in full first
    assert item.body
    assert response._cached_selector is None
    assert response._cached_ubody is None
