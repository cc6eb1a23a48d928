"""Sample articles for the archive tests: a Liputan6-like story and builders for variants."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from archive.snapshot import ArticleSnapshot, FetchInfo

T0 = datetime(2024, 8, 14, 3, 0, tzinfo=UTC)  # 10:00 WIB

BODY = (
    "Liputan6.com, Jakarta - Harga beras di sejumlah pasar tradisional di Jakarta naik sejak "
    "awal pekan. Pedagang menyebut pasokan dari daerah berkurang karena kemarau.\n\n"
    "Di Pasar Induk Cipinang, harga beras medium mencapai Rp 14.000 per kilogram. Sepekan "
    "sebelumnya harganya masih Rp 12.500 per kilogram.\n\n"
    "Badan Pangan Nasional berjanji menggelar operasi pasar mulai Senin depan. Operasi pasar "
    "akan digelar di 50 titik di Jabodetabek."
)


def snapshot(
    url: str = "https://www.liputan6.com/read/5670001/harga-beras-naik",
    *,
    hours: float = 0,
    **fields: Any,
) -> ArticleSnapshot:
    """A Liputan6-like article fetched ``hours`` after T0; keyword arguments override fields."""
    values: dict[str, Any] = {
        "url": url,
        "site": "liputan6",
        "title": "Harga Beras Naik, Pedagang Keluhkan Pasokan",
        "body": BODY,
        "fetched_at": T0 + timedelta(hours=hours),
        "authors": ("Budi Santoso",),
        "tags": ("beras", "harga pangan"),
        "section": "Bisnis",
        "published_at": datetime(2024, 8, 14, 2, 30, tzinfo=UTC),
        "language": "id",
    }
    values.update(fields)
    return ArticleSnapshot(**values)


def fetch_for(item: ArticleSnapshot, **fields: Any) -> FetchInfo:
    values: dict[str, Any] = {
        "url": item.url,
        "site": item.site,
        "fetched_at": item.fetched_at,
        "status": 200,
    }
    values.update(fields)
    return FetchInfo(**values)
