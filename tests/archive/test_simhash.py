"""The SimHash of a body and its band keys keep the values the archive already stores.

Every stored article carries ``simhash`` and its four band keys (``simhash_bands``), and a
new article finds its near-duplicates by comparing against them. The values below were
computed before the C version (``archive/_simhash.pyx``) was removed, and both versions gave
them: a change here would leave every stored hash unfindable without a migration.
"""

from __future__ import annotations

import pytest

from archive.neardup import bands, hamming, simhash, word_count

ARTICLE = (
    "Liputan6.com, Jakarta - Harga beras di sejumlah pasar tradisional di Jakarta naik sejak "
    "awal pekan. Pedagang menyebut pasokan dari daerah berkurang karena kemarau.\n\n"
    "Di Pasar Induk Cipinang, harga beras medium mencapai Rp 13.500 per kilogram, naik Rp 500 "
    "dari pekan lalu. Pemerintah berjanji menggelar operasi pasar mulai Senin."
)
WIRE = ARTICLE.replace("Liputan6.com, Jakarta -", "JAKARTA, KOMPAS.com -")


@pytest.mark.parametrize(
    ("text", "value", "keys", "words"),
    [
        pytest.param(ARTICLE, -5892988168015084167, [34169, 52193, 59003, 44599], 49, id="article"),
        pytest.param(WIRE, -5892979509495233255, [34073, 50145, 61019, 44599], 49, id="wire"),
        pytest.param("", 0, [0, 0, 0, 0], 0, id="empty"),
        pytest.param("   ,.;  ", 0, [0, 0, 0, 0], 0, id="no-words"),
        pytest.param("satu", 2258221746077426787, [58467, 42753, 53430, 8022], 1, id="one-word"),
        pytest.param("satu dua", 1046085582707286528, [57856, 35308, 29003, 3716], 2, id="two"),
        pytest.param(
            "satu dua tiga", -5029064773697627296, [39776, 50002, 11323, 47669], 3, id="shingle"
        ),
        pytest.param(
            # Case folding that lengthens words (ß, İ) and words outside ASCII.
            "İSTANBUL Straße café 日本語 تجربة ĳ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 word_with_underscore 123",
            -4139606232916375547,
            [51205, 20742, 10768, 50829],
            9,
            id="unicode",
        ),
        pytest.param(
            # One shingle repeated: every digest votes the same.
            "kata " * 5000,
            -6957039223340524000,
            [7712, 46164, 41391, 40819],
            5000,
            id="repeated",
        ),
    ],
)
def test_simhash_and_band_keys_keep_their_stored_values(
    text: str, value: int, keys: list[int], words: int
) -> None:
    assert simhash(text) == value
    assert bands(value) == keys
    assert word_count(text) == words


def test_simhash_is_signed_for_the_bigint_column_and_ignores_case() -> None:
    value = simhash(ARTICLE)
    assert -(1 << 63) <= value < 1 << 63
    assert simhash(ARTICLE.upper()) == value


def test_wire_copies_of_the_pinned_body_stay_within_the_linking_distance() -> None:
    assert hamming(simhash(ARTICLE), simhash(WIRE)) == 5
