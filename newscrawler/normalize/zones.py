"""Indonesia's three time zones. None observes daylight saving, so fixed offsets are exact."""

from __future__ import annotations

from datetime import UTC, timedelta, timezone, tzinfo

WIB = timezone(timedelta(hours=7), "WIB")  # Waktu Indonesia Barat: Java, Sumatra, Jakarta
WITA = timezone(timedelta(hours=8), "WITA")  # Waktu Indonesia Tengah: Bali, Sulawesi
WIT = timezone(timedelta(hours=9), "WIT")  # Waktu Indonesia Timur: Maluku, Papua

ZONE_ABBREVIATIONS: dict[str, tzinfo] = {"WIB": WIB, "WITA": WITA, "WIT": WIT}

# The IANA names of the three zones, as site records, items and the archive carry them.
JAKARTA = "Asia/Jakarta"  # WIB
MAKASSAR = "Asia/Makassar"  # WITA
JAYAPURA = "Asia/Jayapura"  # WIT

IANA_NAMES: dict[str, tzinfo] = {
    JAKARTA: WIB,
    "Asia/Pontianak": WIB,
    MAKASSAR: WITA,
    JAYAPURA: WIT,
    "UTC": UTC,
}


def zone_for(name: str) -> tzinfo:
    """The fixed-offset zone for an IANA name the sites use, falling back to zoneinfo."""
    if name in IANA_NAMES:
        return IANA_NAMES[name]
    from zoneinfo import ZoneInfo

    return ZoneInfo(name)
