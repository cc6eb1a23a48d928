"""Render the demo Liputan6 site from article data (``liputan6-2019-11-24.json``).

Pages are written the way the replay server reads them: ``<root>/<host>/<path>``. Every
article is also reachable through a tracking-parameter URL in the feed and through the indeks,
so a crawl exercises URL canonicalization and de-duplication, and one video page has no text
so a crawl exercises the "no body" drop.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from html import escape
from importlib import resources
from pathlib import Path

HOST = "www.liputan6.com"
FEED_HOST = "feed.liputan6.com"
VIDEO_ID = 4117499  # a video page: title, no article text


@dataclass(frozen=True)
class DemoArticle:
    id: int
    channel: str
    section: str
    slug: str
    title: str
    subtitle: str
    author: str
    editor: str
    place: str
    published: str
    modified: str
    paragraphs: list[str]
    tags: list[str] = field(default_factory=list)
    caption: str = ""

    @property
    def path(self) -> str:
        return f"/{self.channel}/read/{self.id}/{self.slug}"

    @property
    def url(self) -> str:
        return f"https://{HOST}{self.path}"


def load_articles() -> tuple[date, list[DemoArticle]]:
    data = json.loads(
        resources.files("newscrawler.demo").joinpath("liputan6-2019-11-24.json").read_text()
    )
    return date.fromisoformat(data["day"]), [DemoArticle(**a) for a in data["articles"]]


def _visible_time(iso: str) -> str:
    """``2019-11-24T13:46:00+07:00`` -> ``24 Nov 2019, 13:46 WIB`` as the byline prints it."""
    value = datetime.fromisoformat(iso)
    return f"{value.day} {value:%b %Y, %H:%M} WIB"


def render_article(a: DemoArticle) -> str:
    """An article page in Liputan6's 2019 markup, furniture included."""
    first, *rest = a.paragraphs
    body = [f"<p><strong>Liputan6.com, {escape(a.place)}</strong> {escape(first)}</p>"]
    for n, text in enumerate(rest, 1):
        body.append(f"<p>{escape(text)}</p>")
        if n == 1:
            body.append(
                '<div class="baca-juga-collections"><div class="baca-juga-collections__title">'
                'Baca Juga</div><ul><li><a href="https://www.liputan6.com/news/read/4100001/'
                'berita-terkait">Berita Terkait Sebelumnya</a></li></ul></div>'
            )
    body.append("<p>(*)</p>")
    tags = "".join(
        f'<li><a class="tags--snippet__link" href="https://{HOST}/tag/{escape(t.lower())}">'
        f"{escape(t)}</a></li>"
        for t in a.tags
    )
    ld = json.dumps(
        {
            "@context": "http://schema.org",
            "@type": "NewsArticle",
            "headline": a.title,
            "url": a.url,
            "datePublished": a.published,
            "dateModified": a.modified,
            "articleSection": a.section,
            "author": [{"@type": "Person", "name": a.author}],
            "keywords": [f"{a.section}:Umum", f"Editor:{a.editor}", *a.tags],
            "publisher": {"@type": "Organization", "name": "Liputan6.com"},
        },
        ensure_ascii=False,
    )
    title = escape(a.title)
    return f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8">
<title>{title} - {escape(a.section)} Liputan6.com</title>
<meta content="Liputan6.com" name="author">
<meta name="news_keywords" content="{escape(", ".join(a.tags))}">
<meta property="og:title" content="{title}">
<meta property="og:url" content="{a.url}">
<link rel="canonical" href="{a.url}">
<script type="application/ld+json">{ld}</script>
</head><body>
<nav class="navbar"><a href="https://{HOST}/">Liputan6.com</a></nav>
<article class="main read-page" data-article-id="{a.id}">
<header class="read-page--header">
<h1 class="read-page--header--title entry-title">{title}</h1>
<div class="read-page--header--subtitle">{escape(a.subtitle)}</div>
<div class="read-page--header--author">oleh <a class="read-page--header--author__link">
<span class="read-page--header--author__name fn">{escape(a.author)}</span></a> pada
<time class="read-page--header--author__datetime updated">{_visible_time(a.published)}</time>
<p class="read-page--header--author__modified-time">Diperbarui {_visible_time(a.modified)}</p>
</div></header>
<figure><img src="https://cdn.liputan6.com/{a.id}.jpg" alt="">
<figcaption>{escape(a.caption)}</figcaption></figure>
<div class="article-content-body"><div class="article-content-body__item-content">
{chr(10).join(body)}
</div></div>
<div class="tags--snippet"><span>Tag Terkait</span><ul>{tags}</ul></div>
<section class="read-page--video-gallery"><h2>Video Pilihan Hari Ini</h2></section>
</article>
<aside class="popular-articles"><h3>POPULER</h3></aside>
<footer>Copyright Liputan6.com</footer>
</body></html>
"""


def render_video_page(day: date) -> str:
    return f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>VIDEO: Banjir Rendam Jalan Protokol - Liputan6.com</title>
<meta property="og:title" content="VIDEO: Banjir Rendam Jalan Protokol">
</head><body><article class="main read-page">
<h1 class="read-page--header--title">VIDEO: Banjir Rendam Jalan Protokol</h1>
<div class="video-player" data-published="{day}"></div></article></body></html>
"""


def render_feed(articles: list[DemoArticle], extra_urls: list[str]) -> str:
    items = []
    for a in articles:
        published = datetime.fromisoformat(a.published).strftime("%a, %d %b %Y %H:%M:%S %z")
        items.append(
            f"<item><link>{a.url}?utm_source=lpfeed&amp;utm_medium=lpfeed&amp;"
            f'utm_campaign=rss</link><guid isPermaLink="false">{a.id}</guid>'
            f"<title><![CDATA[{a.title}]]></title><pubDate>{published}</pubDate>"
            f"<description><![CDATA[<p>{escape(a.subtitle)}</p>]]></description></item>"
        )
    for url in extra_urls:
        items.append(f"<item><link>{url}</link><title>Video</title></item>")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        "<title><![CDATA[Liputan6 RSS]]></title><link>https://www.liputan6.com</link>"
        + "".join(items)
        + "</channel></rss>\n"
    )


def render_indeks(day: date, articles: list[DemoArticle], next_page: str | None) -> str:
    links = "".join(
        f'<article class="articles--rows--item"><h4><a class="articles--rows--item__title-link"'
        f' href="{a.url}">{escape(a.title)}</a></h4>'
        f'<a href="https://{HOST}/{a.channel}">{escape(a.section)}</a></article>'
        for a in articles
    )
    pager = (
        f'<a class="simple-pagination__next-link" href="{next_page}">Selanjutnya</a>'
        if next_page
        else ""
    )
    return f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>Indeks Berita {day:%d %B %Y} - Liputan6.com</title></head><body>
<nav><a href="https://{HOST}/news">News</a> <a href="https://{HOST}/tag/asn">ASN</a></nav>
<div class="articles--rows">{links}</div>{pager}</body></html>
"""


def render_news_sitemap(articles: list[DemoArticle]) -> str:
    urls = "".join(
        f"<url><loc>{a.url}</loc><lastmod>{a.modified}</lastmod><news:news><news:publication>"
        "<news:name>Liputan6.com</news:name><news:language>id</news:language>"
        f"</news:publication><news:publication_date>{a.published}</news:publication_date>"
        f"<news:title>{escape(a.title)}</news:title></news:news></url>"
        for a in articles
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">' + urls + "</urlset>\n"
    )


def _write(root: Path, host: str, path: str, text: str) -> None:
    target = root / host / path.lstrip("/")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def article_file(root: Path, article: DemoArticle) -> Path:
    return root / HOST / article.path.lstrip("/")


def write_article(root: Path, article: DemoArticle) -> None:
    _write(root, HOST, article.path, render_article(article))


def build_site(
    root: Path, articles: list[DemoArticle] | None = None, day: date | None = None
) -> list[DemoArticle]:
    """Write the demo site under ``root``; returns the articles it contains."""
    default_day, default_articles = load_articles()
    day = day or default_day
    articles = list(articles if articles is not None else default_articles)
    video_url = f"https://{HOST}/news/read/{VIDEO_ID}/video-banjir-rendam-jalan-protokol"
    for article in articles:
        write_article(root, article)
    _write(root, HOST, video_url.split(HOST, 1)[1], render_video_page(day))
    _write(root, FEED_HOST, "/rss", render_feed(articles, [video_url]))
    half = (len(articles) + 1) // 2
    listing = f"/indeks/{day:%Y/%m/%d}"
    _write(root, HOST, listing, render_indeks(day, articles[:half], f"{listing}?page=2"))
    _write(root, HOST, f"{listing}@page=2", render_indeks(day, articles[half:], None))
    _write(root, HOST, "/sitemap/news.xml", render_news_sitemap(articles))
    _write(
        root,
        HOST,
        "/robots.txt",
        f"User-agent: *\nDisallow: /search\nSitemap: https://{HOST}/sitemap/news.xml\n",
    )
    return articles


def edited(article: DemoArticle, paragraph: int, text: str, modified: str) -> DemoArticle:
    """A copy of ``article`` with one paragraph rewritten, as a newsroom edit would."""
    paragraphs = list(article.paragraphs)
    paragraphs[paragraph] = text
    return replace(article, paragraphs=paragraphs, modified=modified)
