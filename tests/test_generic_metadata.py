"""The generic page's byline and publication-date rules on small pages built like real ones."""

from __future__ import annotations

from datetime import UTC, datetime

from scrapy.http import HtmlResponse

from newscrawler.items import ArticleSnapshot
from newscrawler.normalize.article import to_snapshot
from newscrawler.pages.base import ArticlePage

BODY = (
    "<p>" + "The council voted on Tuesday to widen the road, after months of debate. " * 3 + "</p>"
)


def _snapshot(head: str, body: str, url: str = "https://news.example/a") -> ArticleSnapshot:
    markup = f"<html><head><title>Road</title>{head}</head><body>{body}{BODY}</body></html>"
    page = ArticlePage(HtmlResponse(url=url, body=markup.encode()))
    return to_snapshot(page.to_item(), now=datetime(2024, 1, 1, tzinfo=UTC))


def test_itemprop_lists_count_and_the_name_inside_wins():
    # Ars Technica: itemprop="author creator"; CNET: a "por" label beside the itemprop name.
    snap = _snapshot(
        "",
        '<p class="meta" itemprop="author creator" itemscope><a rel="author" href="/a/j">'
        '<span itemprop="name">Jane Goodin</span></a></p>'
        '<div itemprop="author">por <span itemprop="name">Jane Goodin</span></div>',
    )
    assert snap.authors == ("Jane Goodin",)
    assert snap.provenance["authors"] == "markup:itemprop-name"


def test_only_the_first_byline_and_its_siblings_count():
    # Further .byline elements belong to teasers of other articles.
    snap = _snapshot(
        "",
        '<p><span class="byline">By Jane Roe</span> and <span class="byline">Ali Rahman</span></p>'
        + "".join(
            f'<div class="teaser"><a>Other story {i}</a><p class="byline">By Someone {i}</p></div>'
            for i in range(3)
        ),
    )
    assert snap.authors == ("Jane Roe", "Ali Rahman")


def test_parsely_author_counts():
    snap = _snapshot('<meta name="parsely-author" content="Jane Doe">', "")
    assert snap.authors == ("Jane Doe",)


def test_article_published_variant_meta():
    snap = _snapshot('<meta property="article:published" content="2019-11-24T13:46:00+07:00">', "")
    assert snap.published_at is not None
    assert snap.published_at.isoformat() == "2019-11-24T13:46:00+07:00"


def test_time_in_the_article_dates_an_undated_page():
    snap = _snapshot(
        "",
        '<aside><time datetime="2001-01-01T00:00:00Z">old</time></aside>'
        '<article><header><time datetime="2019-11-24T06:46:00Z">24 Nov</time></header></article>',
    )
    assert snap.published_at is not None
    assert snap.published_at.isoformat() == "2019-11-24T06:46:00+00:00"
    assert snap.provenance["published_at"] == "markup:time"


def test_the_url_day_is_the_last_resort():
    snap = _snapshot("", "", url="https://blog.example/2024/06/25/three-findings/")
    assert snap.published_at is not None
    assert snap.published_at.date().isoformat() == "2024-06-25"
    assert snap.provenance["published_at"] == "url"


def test_the_url_day_never_contradicts_a_declared_time():
    snap = _snapshot(
        '<meta property="article:published_time" content="2024-06-26T01:30:00+07:00">',
        "",
        url="https://blog.example/2024/06/25/three-findings/",
    )
    assert snap.published_at is not None
    assert snap.published_at.isoformat() == "2024-06-26T01:30:00+07:00"
    assert "date_conflicts" not in snap.notes


def test_json_ld_wrapped_in_cdata_is_read():
    # Drupal (aclu.org) wraps the JSON in "<![CDATA[ ... ]]>"; others comment the markers out.
    for opening, closing in (("<![CDATA[", "]]>"), ("//<![CDATA[", "//]]>")):
        ld = (
            f'<script type="application/ld+json">\n{opening}\n{{"@type": "Article", '
            '"author": {"@type": "Person", "name": "Jay Stanley"}, '
            f'"datePublished": "2018-02-20T14:15:00-05:00"}}\n{closing}\n</script>'
        )
        snap = _snapshot(ld, "")
        assert snap.authors == ("Jay Stanley",)
        assert snap.provenance["authors"] == "json-ld"


def test_social_media_posting_is_an_article():
    ld = (
        '<script type="application/ld+json">{"@type": "SocialMediaPosting", '
        '"datePublished": "2021-05-04T10:00:00Z"}</script>'
    )
    snap = _snapshot(ld, "")
    assert snap.provenance["published_at"] == "json-ld"


def test_a_byline_list_with_a_caption_class_is_no_photo_box():
    # The Independent: <ul class="caption meta inline-pipes-list"><li class="author" ...>.
    snap = _snapshot(
        "",
        '<ul class="caption meta inline-pipes-list"><li class="author" itemprop="author">'
        '<span itemprop="name"><a href="/author/h">Hazel Sheffield</a></span></li></ul>'
        '<div class="caption"><span itemprop="author">Photo Agency</span></div>',
    )
    assert snap.authors == ("Hazel Sheffield",)


def test_a_meta_naming_several_properties_counts_for_each():
    snap = _snapshot(
        '<meta property="og:title twitter:title" content="Widening the Road">'
        '<meta name="author dc:creator" content="Jane Roe">',
        "",
    )
    assert snap.title == "Widening the Road"
    assert snap.provenance["title"] == "meta:og:title"
    assert snap.authors == ("Jane Roe",)


def test_a_by_line_under_a_class_of_the_pages_own():
    # The Washington Post: <span class="pb-byline">; LWN: <div class="FeatureByline"> with the
    # date after a <br>. Only the first such line counts: LWN's front page prints one per story.
    snap = _snapshot(
        "",
        '<div class="pb-sig-line"><span class="pb-byline">By <a href="/people/ec">Erin '
        'Cunningham</a></span> <span class="pb-timestamp">March 18 at 3:57 PM</span></div>'
        '<div class="FeatureByline">By <b>Someone Else</b><br>March 25, 2015</div>',
    )
    assert snap.authors == ("Erin Cunningham",)
    assert snap.provenance["authors"] == "markup:by-line"


def test_a_byline_with_the_date_run_in_gives_the_name():
    # Yahoo: <cite class="byline vcard">By GILLIAN MOHNEY March 11, 2015 3:46 PM</cite> reads as
    # nobody whole; its "By ..." part names her.
    snap = _snapshot(
        "",
        '<cite class="byline vcard"><span>By </span>GILLIAN MOHNEY <abbr>March 11, 2015 3:46 PM'
        "</abbr></cite>",
    )
    assert snap.authors == ("Gillian Mohney",)


def test_a_class_holding_byline_without_by_names_nobody():
    snap = _snapshot("", '<div class="pb-byline-wrapper">Updated March 18, 2015</div>')
    assert snap.authors == ()
