"""Near-duplicate bodies (a wire story republished by several sites) via 64-bit SimHash.

Wire copies differ in their first line ("Liputan6.com, Jakarta -" vs "JAKARTA, KOMPAS.com -")
and trailing boilerplate, so exact hashes miss them; SimHash over word shingles keeps nearly
equal bodies within a few bits of each other. The archive links such articles, never merges
them: they are separate publications with separate histories.
"""

from __future__ import annotations

import hashlib
import re

SHINGLE_WORDS = 3
# Candidate lookup: the hash is cut into 4 bands of 16 bits, and each article stores its 4
# band values. Two hashes within 6 bits either agree on a whole band, or differ in every
# band and then in exactly one bit in at least two bands (1 + 2 + 2 + 2 bits is already 7),
# so in one of bands 0-2. A lookup probes its 4 band values and the 16 values one bit away
# from each of bands 0-2 (52 probes), and every pair within MAX_DISTANCE meets, without
# comparing against every article. Flipping band 3 as well (68 probes) would find nothing
# more, and each probe key meets about n / 65,536 unrelated articles by chance: a fourth
# fewer probes is a fourth fewer chance rows to read as the archive grows.
#
# Why probe many keys rather than store many: every stored key is an insert at a random
# place of the lookup index. Storing every pair of 8-bit blocks (28 keys of 16 bits) made
# those inserts most of what a growing archive writes to disk (at 90k articles, 33 of the
# 41 pages a stored article dirtied were that index's), and ingest slowed as it grew.
# Probes are index reads, and a 4-key index stays small enough to stay in the cache.
BANDS = 4
BAND_BITS = 64 // BANDS
# Bands whose one-bit neighbours are probed (see above): all but the last.
FLIPPED_BANDS = BANDS - 1
PROBES_PER_HASH = BANDS + FLIPPED_BANDS * BAND_BITS
MAX_DISTANCE = 6
# Very short bodies (a photo caption, "Baca juga" stubs) look alike everywhere; don't link them.
MIN_WORDS = 40

_WORD = re.compile(r"\w+", re.UNICODE)
_MASK64 = (1 << 64) - 1
# _BIT[j] maps a byte to 1 when its bit j is set, else 0 (a bytes.translate table).
_BIT = tuple(bytes((byte >> j) & 1 for byte in range(256)) for j in range(8))


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _shingles(words: list[str]) -> list[str]:
    if len(words) < SHINGLE_WORDS:
        return [" ".join(words)] if words else []
    return [" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)]


def word_count(text: str) -> int:
    """How many ``\\w+`` words ``text`` holds."""
    return len(_WORD.findall(text))


def simhash(text: str) -> int:
    """The 64-bit SimHash of ``text`` as a signed integer (so it fits a BIGINT column).

    Every run of SHINGLE_WORDS case-folded words is hashed (8-byte BLAKE2b), and bit j of
    byte k of the hash is set when more than half of the digests have it set. The archive
    stores these values and their band keys: a change to any of this leaves the stored ones
    unfindable (``tests/archive/test_simhash.py`` pins a few).
    """
    value = _unsigned_simhash(_words(text))
    return value - (1 << 64) if value >= 1 << 63 else value


def _unsigned_simhash(words: list[str]) -> int:
    """The unsigned SimHash of case-folded ``words``.

    The vote runs over byte columns (every digest's k-th byte, one slice) with one
    translate-and-count per bit: a Python loop per digest bit made ingest several times slower.
    """
    digests = b"".join(
        hashlib.blake2b(shingle.encode(), digest_size=8).digest() for shingle in _shingles(words)
    )
    half = len(digests) / 8 / 2
    value = 0
    for k in range(8):
        column = digests[k::8]
        for j in range(8):
            if column.translate(_BIT[j]).count(1) > half:
                value |= 1 << ((7 - k) * 8 + j)
    return value


def hamming(a: int, b: int) -> int:
    """Number of differing bits between two SimHashes."""
    return ((a ^ b) & _MASK64).bit_count()


def bands(value: int) -> list[int]:
    """The stored index keys of a hash: band k holds bits 16k to 16k+15, unsigned."""
    unsigned = value & _MASK64
    mask = (1 << BAND_BITS) - 1
    return [(unsigned >> (BAND_BITS * k)) & mask for k in range(BANDS)]


def probes(value: int) -> list[tuple[int, int]]:
    """The (band, key) pairs a lookup for ``value`` reads: each band's key, and every key one
    bit away from it in the first FLIPPED_BANDS bands. Any hash within MAX_DISTANCE stores
    one of them."""
    keys = bands(value)
    exact = list(enumerate(keys))
    flipped = [
        (band, keys[band] ^ (1 << bit)) for band in range(FLIPPED_BANDS) for bit in range(BAND_BITS)
    ]
    return exact + flipped


def slot(band: int, key: int) -> int:
    """One int for a (band, key) pair, so a batch of candidate rows is matched to the hashes
    that asked for them without building a tuple per row."""
    return band << BAND_BITS | key


def unslot(value: int) -> tuple[int, int]:
    """The (band, key) pair of a ``slot``."""
    return value >> BAND_BITS, value & ((1 << BAND_BITS) - 1)
