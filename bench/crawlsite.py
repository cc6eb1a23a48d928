"""A Liputan6-style site of N distinct, real-sized articles for the crawl benchmarks.

Built with the demo site builder (``newscrawler.demo.site``: feed, news sitemap, robots.txt,
paginated indeks, article markup), from its four articles:

- every article gets its own id, slug, time, author, tags and text. Titles and paragraphs are
  new sentences drawn from a word-pair (Markov) model of the demo articles' Indonesian text,
  so bodies are distinct (the archive's near-duplicate index sees different articles, as on a
  real site) yet read like the real vocabulary;
- each page is padded with the furniture a real Liputan6 article page carries around the
  text: an inline script with the page's data layer, a navigation menu, "POPULER" and
  "Terkini" teaser lists and a footer. A real page (``../shared/pages/liputan6/``) is
  140-290 KB with 1,100-2,200 elements; these are about 170 KB with about 1,400, so parsing
  costs what it costs on the real site.

Deterministic: the same ``n`` and ``seed`` give byte-identical pages.
"""

from __future__ import annotations

import json
import random
import re
from collections import defaultdict
from dataclasses import replace
from datetime import date, datetime, timedelta
from html import escape
from pathlib import Path

from newscrawler.demo.site import (
    HOST,
    DemoArticle,
    article_file,
    build_site,
    load_articles,
    render_article,
)

FIRST_ID = 4_200_000
CHANNELS = (
    ("news", "News"),
    ("bisnis", "Bisnis"),
    ("tekno", "Tekno"),
    ("bola", "Bola"),
    ("showbiz", "Showbiz"),
    ("health", "Health"),
    ("regional", "Regional"),
    ("otomotif", "Otomotif"),
)
AUTHORS = (
    "Gilar Ramdhani",
    "Liputan6.com",
    "Dinny Mutiah",
    "Septian Deny",
    "Nafiysul Qodar",
    "Putu Merta Surya Putra",
    "Ika Defianti",
    "Muhammad Radityo Priyasmoro",
)
_WORD = re.compile(r"\S+")


class SentenceModel:
    """Word-pair chains over the demo articles: new sentences in the same vocabulary."""

    def __init__(self, texts: list[str]) -> None:
        self.follows: dict[str, list[str]] = defaultdict(list)
        self.starts: list[str] = []
        for text in texts:
            words = _WORD.findall(text)
            for index, word in enumerate(words):
                opens_sentence = index == 0 or words[index - 1].endswith((".", "?", "!"))
                if opens_sentence and word[:1].isupper():
                    self.starts.append(word)
                if index + 1 < len(words):
                    self.follows[word].append(words[index + 1])
        self.vocabulary = sorted(self.follows)

    def sentence(self, rng: random.Random, low: int = 8, high: int = 30) -> str:
        word = rng.choice(self.starts)
        words = [word]
        while len(words) < high:
            word = rng.choice(self.follows.get(word) or self.vocabulary)
            words.append(word)
            if len(words) >= low and word.endswith((".", "?", "!")):
                break
        text = " ".join(words).rstrip(",;:")
        return text if text.endswith((".", "?", "!", '"')) else text + "."

    def paragraph(self, rng: random.Random) -> str:
        return " ".join(self.sentence(rng) for _ in range(rng.randint(2, 4)))

    def title(self, rng: random.Random) -> str:
        words = self.sentence(rng, 6, 12).rstrip(".?!").split()
        return " ".join(w[:1].upper() + w[1:] for w in words)


def slugify(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:90]


def make_articles(n: int, seed: int = 0) -> tuple[date, list[DemoArticle]]:
    """``n`` distinct articles of one day, generated from the demo articles."""
    day, demo = load_articles()
    model = SentenceModel(
        [p for a in demo for p in a.paragraphs]
        + [a.subtitle for a in demo]
        + [a.title for a in demo]
    )
    tags = sorted({tag for a in demo for tag in a.tags} | {"Jakarta", "Ekonomi", "Politik"})
    midnight = datetime.combine(
        day, datetime.min.time(), tzinfo=datetime.fromisoformat(demo[0].published).tzinfo
    )
    articles = []
    for number in range(n):
        rng = random.Random(seed * 1_000_003 + number)
        template = demo[number % len(demo)]
        channel, section = CHANNELS[number % len(CHANNELS)]
        title = model.title(rng)
        published = midnight + timedelta(seconds=rng.randrange(0, 86_000))
        modified = published + timedelta(minutes=rng.randint(0, 90))
        articles.append(
            replace(
                template,
                id=FIRST_ID + number,
                channel=channel,
                section=section,
                slug=slugify(title) or f"artikel-{number}",
                title=title,
                subtitle=model.sentence(rng),
                author=rng.choice(AUTHORS),
                editor=rng.choice(AUTHORS),
                published=published.isoformat(),
                modified=modified.isoformat(),
                paragraphs=[model.paragraph(rng) for _ in range(rng.randint(6, 14))],
                tags=rng.sample(tags, rng.randint(2, 5)),
                caption=model.sentence(rng, 4, 10),
            )
        )
    return day, articles


def _teaser(other: DemoArticle, css: str) -> str:
    return (
        f'<article class="{css}__item" data-article-id="{other.id}" '
        f'data-section="{other.channel}"><figure class="{css}__thumbnail">'
        f'<a href="{other.url}" class="{css}__link"><img class="{css}__image lazyload" '
        f'data-src="https://cdn0-production-images-kly.akamaized.net/{other.id}/'
        f'640x360/photo.jpg" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" '
        f'alt="{escape(other.title)}" width="640" height="360"></a></figure>'
        f'<div class="{css}__content"><span class="{css}__category">'
        f'<a href="https://{HOST}/{other.channel}">{escape(other.section)}</a></span>'
        f'<h4 class="{css}__title"><a href="{other.url}" class="{css}__title-link">'
        f"{escape(other.title)}</a></h4>"
        f'<time class="{css}__time timeago" datetime="{other.published}">'
        f"{escape(other.published)}</time></div></article>"
    )


def _furniture(article: DemoArticle, others: list[DemoArticle]) -> tuple[str, str, str, str]:
    """(head, navigation, aside, footer) around one article, as big as the real page's."""
    data_layer = {
        "page": {"type": "ReadPage", "id": article.id, "channel": article.channel},
        "related": [
            {
                "id": o.id,
                "title": o.title,
                "url": o.url,
                "section": o.section,
                "published": o.published,
                "thumbnail": f"https://cdn0-production-images-kly.akamaized.net/{o.id}.jpg",
            }
            for o in others[:60]
        ],
    }
    head = (
        "<script>window.kmklabs = window.kmklabs || {}; window.kmklabs.article = "
        + json.dumps(data_layer, ensure_ascii=False).replace("</", "<\\/")
        + ";</script>\n<style>"
        + "".join(
            f".read-page--{name}{{margin:0 0 {i}px;padding:{i % 7}px;font-size:{12 + i % 5}px}}"
            for i, name in enumerate(f"block-{k}" for k in range(120))
        )
        + "</style>\n"
    )
    menu = "".join(
        f'<li class="navbar--menu__item"><a class="navbar--menu__link" '
        f'href="https://{HOST}/{channel}/{sub}">{escape(section)} {sub.title()}</a></li>'
        for channel, section in CHANNELS
        for sub in ("terkini", "populer", "foto", "video", "indeks", "tag", "topik", "kanal")
        for _ in range(2)
    )
    navigation = f'<nav class="navbar"><ul class="navbar--menu">{menu}</ul></nav>'
    popular = "".join(_teaser(o, "articles--iridescent-list") for o in others[:30])
    latest = "".join(_teaser(o, "articles--rows--item") for o in others[30:90])
    aside = (
        f'<aside class="popular-articles"><h3>POPULER</h3>{popular}</aside>'
        f'<section class="latest-articles"><h3>Berita Terkini</h3>{latest}</section>'
    )
    links = "".join(
        f'<li><a href="https://{HOST}/{channel}/{n}">{escape(section)} {n}</a></li>'
        for channel, section in CHANNELS
        for n in range(10)
    )
    footer = f'<footer class="footer"><ul class="footer--links">{links}</ul>Copyright'
    return head, navigation, aside, footer


def _swap(page: str, old: str, new: str) -> str:
    if old not in page:
        raise ValueError(f"the demo article markup changed: {old[:40]!r} not found")
    return page.replace(old, new, 1)


def render_real_sized(article: DemoArticle, others: list[DemoArticle]) -> str:
    """The demo builder's article page, inside furniture the size of the real page's."""
    head, navigation, aside, footer = _furniture(article, others)
    page = render_article(article)
    page = _swap(page, "</head>", head + "</head>")
    page = _swap(
        page, f'<nav class="navbar"><a href="https://{HOST}/">Liputan6.com</a></nav>', navigation
    )
    page = _swap(page, '<aside class="popular-articles"><h3>POPULER</h3></aside>', aside)
    return _swap(page, "<footer>Copyright", footer)


def build(root: Path, n: int, seed: int = 0) -> tuple[date, list[DemoArticle]]:
    """Write a site of ``n`` real-sized articles under ``root`` (replay-server layout)."""
    day, articles = make_articles(n, seed)
    build_site(root, articles, day)
    for index, article in enumerate(articles):
        # The teasers around an article are the ones published near it, as on the real site.
        others = [articles[(index + k) % n] for k in range(1, min(n, 91))]
        article_file(root, article).write_text(render_real_sized(article, others), encoding="utf-8")
    return day, articles
