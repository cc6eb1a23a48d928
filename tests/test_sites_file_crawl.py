"""A site defined only in a sites file, crawled end to end by `newscrawler crawl-due`.

The outlet (a made-up www.suarabanua.id) is written here: an RSS feed and three articles
published ten minutes ago in WIT (+09:00), whose JSON-LD gives the time without an offset
(only the entry's zone says what it means; the generic page would guess WIB from the page's
language and domain), whose byline sits in an element the generic page does not know, and
whose <article> holds the headline and the byline above the text (the generic page would
take them in; the entry's selectors name the byline and the text's element). The replay
server serves it on 127.0.0.1; nothing else is reached.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from archive.models import Article, Content, Revision, Run
from archive.store import Archive
from newscrawler.operations.replay import ReplayServer, serving
from tests.crawling import fetch_outcomes

ROOT = Path(__file__).resolve().parent.parent
WIT = ZoneInfo("Asia/Jayapura")
HOST = "www.suarabanua.id"

SITES_TOML = """\
[[site]]
name = "suarabanua"
feeds = ["https://www.suarabanua.id/rss"]
article_url = '^https://www\\.suarabanua\\.id/berita/\\d+/'
timezone = "Asia/Jayapura"
brands = ["Suara Banua"]
selectors = { authors = ".kontributor-nama", body = "div.isi-berita" }
"""

ARTICLES = {
    7101: (
        "Nelayan Merauke Mulai Pakai Rumpon Bersama",
        "Maria Kaize",
        [
            "Kelompok nelayan di pesisir Merauke mulai memakai rumpon yang dibangun bersama "
            "dengan dana desa, setelah musim angin barat membuat hasil tangkapan turun.",
            "Ketua kelompok mengatakan rumpon itu dipasang sekitar empat mil dari pantai dan "
            "dijaga bergantian oleh dua puluh anggota.",
            "Dinas perikanan berjanji memberi pelatihan perawatan rumpon pada bulan depan.",
        ],
    ),
    7102: (
        "Jalan Trans Papua Ruas Wamena Dibuka Kembali",
        "Yulius Wenda",
        [
            "Ruas jalan Trans Papua antara Wamena dan Elelim dibuka kembali untuk kendaraan "
            "umum setelah perbaikan jembatan yang rusak diterjang banjir selesai dikerjakan.",
            "Petugas masih membatasi muatan truk hingga delapan ton sampai uji beban jembatan "
            "selesai pekan depan.",
        ],
    ),
    7103: (
        "Festival Danau Sentani Tarik Ribuan Pengunjung",
        "Maria Kaize",
        [
            "Festival Danau Sentani tahun ini menarik ribuan pengunjung dari berbagai daerah, "
            "dengan tarian perang di atas perahu sebagai acara pembuka yang paling ditunggu.",
            "Panitia menyebut jumlah wisatawan mancanegara naik dibanding tahun lalu, "
            "terutama dari Australia dan Belanda.",
        ],
    ),
}


def article_url(number: int) -> str:
    return f"https://{HOST}/berita/{number}/laporan-{number}"


def article_html(number: int, published: datetime, paragraphs: list[str]) -> str:
    title, author, _ = ARTICLES[number]
    naive = published.replace(tzinfo=None).isoformat(timespec="seconds")
    text = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8">
<title>{title} - Suara Banua</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="Suara Banua">
<link rel="canonical" href="{article_url(number)}">
<script type="application/ld+json">
{{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "{title}",
  "datePublished": "{naive}"}}
</script></head>
<body>
<nav><a href="/">Beranda</a> <a href="/kanal/daerah">Daerah</a>
<a href="/kanal/ekonomi">Ekonomi</a></nav>
<main><article>
<h1>{title}</h1>
<div class="info-tulisan">Ditulis oleh <span class="kontributor-nama">{author}</span></div>
<div class="isi-berita">
{text}
</div>
</article>
<aside><h3>Terpopuler</h3><ul>
<li><a href="{article_url(7001)}">Harga Pinang Naik di Pasar Youtefa</a></li>
<li><a href="{article_url(7002)}">Sekolah Dasar di Distrik Kurulu Kekurangan Guru</a></li>
</ul></aside></main>
<footer>&copy; Suara Banua</footer>
</body></html>
"""


def feed_xml(published: datetime) -> str:
    items = "".join(
        f"<item><title>{title}</title><link>{article_url(n)}</link>"
        f"<pubDate>{published.strftime('%a, %d %b %Y %H:%M:%S %z')}</pubDate></item>"
        for n, (title, _, _) in ARTICLES.items()
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>Suara Banua</title><link>https://{HOST}/</link>{items}</channel></rss>"
    )


def write_article(root: Path, number: int, published: datetime, paragraphs: list[str]) -> None:
    page = root / HOST / "berita" / str(number) / f"laporan-{number}"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(article_html(number, published, paragraphs), encoding="utf-8")


def crawl_due(server: ReplayServer, db: str, sites_file: Path, *extra: str) -> str:
    command = [
        sys.executable, "-m", "newscrawler.cli", "crawl-due",
        "--sites", "suarabanua", "--sites-file", str(sites_file), "--db", db,
        "-s", f"NEWSCRAWLER_REPLAY_URL={server.url}", "-s", "AUTOTHROTTLE_ENABLED=False",
        "-s", "DOWNLOAD_DELAY=0", "-s", "TELNETCONSOLE_ENABLED=False", *extra,
    ]  # fmt: skip
    env = {
        k: v for k, v in os.environ.items() if k not in ("ARCHIVE_URL", "NEWSCRAWLER_SITES_FILE")
    }
    result = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr[-4000:]}"
    return result.stdout


def article_hits(server: ReplayServer) -> set[str]:
    hits = {path for path, _status in server.hits if "/berita/" in path}
    server.hits.clear()
    return hits


@pytest.fixture
def outlet(tmp_path: Path):
    root = tmp_path / "site"
    published = (datetime.now(WIT) - timedelta(minutes=10)).replace(microsecond=0)
    for number, (_, _, paragraphs) in ARTICLES.items():
        write_article(root, number, published, paragraphs)
    (root / HOST / "rss").write_text(feed_xml(published), encoding="utf-8")
    sites_file = tmp_path / "sites.toml"
    sites_file.write_text(SITES_TOML, encoding="utf-8")
    with serving(root) as server:
        yield root, server, sites_file, published


def test_a_site_from_the_sites_file_is_crawled_and_revisited_with_now(outlet, tmp_path):
    root, server, sites_file, published = outlet
    db = f"sqlite:///{tmp_path / 'archive.sqlite3'}"

    summary = crawl_due(server, db, sites_file)
    assert "suarabanua" in summary
    assert len(article_hits(server)) == 3
    with Archive.open(db) as archive, archive.session() as session:
        rows = session.execute(
            select(Article, Content)
            .join(Revision, Revision.article_id == Article.id)
            .join(Content, Content.id == Revision.content_id)
        ).all()
        runs = session.scalars(select(Run.site)).all()
        stored = {
            article.canonical_url: (
                article.site, article.timezone, content.title, list(content.authors),
                content.body, content.published_at,
            )
            for article, content in rows
        }  # fmt: skip
    assert runs == ["suarabanua"]
    assert len(stored) == 3
    for number, (title, author, paragraphs) in ARTICLES.items():
        site, zone, got_title, authors, body, published_at = stored[
            article_url(number).replace("://www.", "://")
        ]
        assert (site, zone, got_title, authors) == ("suarabanua", "Asia/Jayapura", title, [author])
        assert body == "\n\n".join(paragraphs)
        # The page's "…T09:30:00" is WIT's 09:30 (00:30 UTC), not WIB's or UTC's.
        assert published_at is not None
        assert published_at.replace(tzinfo=published_at.tzinfo or UTC) == published

    # Nothing is due yet (the first revisit is 15 minutes after publication): --now makes
    # every scheduled article due. One was edited meanwhile.
    edited = [*ARTICLES[7102][2], "Pembaruan: uji beban jembatan selesai lebih cepat."]
    write_article(root, 7102, published, edited)
    crawl_due(server, db, sites_file, "--now")
    assert len(article_hits(server)) == 3
    with Archive.open(db) as archive, archive.session() as session:
        last_run = session.scalar(select(Run.id).order_by(Run.id.desc()))
    outcomes = {url: outcome for url, outcome, _ in fetch_outcomes(db, last_run)}
    assert outcomes == {
        article_url(7101): "not-modified",
        article_url(7102): "revised",
        article_url(7103): "not-modified",
    }
