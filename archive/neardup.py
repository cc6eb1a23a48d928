"""Near-duplicate bodies (a wire story republished by several sites) via 64-bit SimHash.

Wire copies differ in their first line ("Liputan6.com, Jakarta -" vs "JAKARTA, KOMPAS.com -")
and trailing boilerplate, so exact hashes miss them; SimHash over word shingles keeps nearly
equal bodies within a few bits of each other. The archive links such articles, never merges
them: they are separate publications with separate histories.
"""

from __future__ import annotations

import hashlib
import re
from itertools import combinations

SHINGLE_WORDS = 3
# Candidate lookup: the hash is cut into 8 blocks of 8 bits and indexed by every pair of blocks
# (28 keys of 16 bits). Two hashes within 6 bits differ in at most 6 blocks, so at least two
# blocks agree and the pair key made of them matches exactly: every pair within MAX_DISTANCE
# is found by index lookups, without comparing against every article.
BLOCKS = 8
BLOCK_BITS = 64 // BLOCKS
BLOCK_PAIRS = tuple(combinations(range(BLOCKS), 2))
MAX_DISTANCE = BLOCKS - 2
# Very short bodies (a photo caption, "Baca juga" stubs) look alike everywhere; don't link them.
MIN_WORDS = 40

_WORD = re.compile(r"\w+", re.UNICODE)
_MASK64 = (1 << 64) - 1
# _BIT[j] maps a byte to 1 when its bit j is set, else 0 (a bytes.translate table).
_BIT = tuple(bytes((byte >> j) & 1 for byte in range(256)) for j in range(8))


def _shingles(text: str) -> list[str]:
    words = _WORD.findall(text.casefold())
    if len(words) < SHINGLE_WORDS:
        return [" ".join(words)] if words else []
    return [" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)]


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def simhash(text: str) -> int:
    """The 64-bit SimHash of ``text`` as a signed integer (so it fits a BIGINT column).

    Bit j of byte k of the hash is set when more than half of the shingles' 8-byte digests
    have it set. The vote runs over byte columns (every digest's k-th byte, one slice) with
    one translate-and-count per bit, in C: per-shingle Python work made ingest several times
    slower.
    """
    digests = b"".join(hashlib.blake2b(s.encode(), digest_size=8).digest() for s in _shingles(text))
    half = len(digests) / 8 / 2
    value = 0
    for k in range(8):
        column = digests[k::8]
        for j in range(8):
            if column.translate(_BIT[j]).count(1) > half:
                value |= 1 << ((7 - k) * 8 + j)
    return value - (1 << 64) if value >= 1 << 63 else value


def hamming(a: int, b: int) -> int:
    """Number of differing bits between two SimHashes."""
    return ((a ^ b) & _MASK64).bit_count()


def blocks(value: int) -> list[int]:
    """The hash cut into BLOCKS unsigned slices, block 0 the lowest bits."""
    unsigned = value & _MASK64
    mask = (1 << BLOCK_BITS) - 1
    return [(unsigned >> (BLOCK_BITS * i)) & mask for i in range(BLOCKS)]


def bands(value: int) -> list[int]:
    """The index keys of a hash: band k holds blocks BLOCK_PAIRS[k] side by side."""
    parts = blocks(value)
    return [parts[i] << BLOCK_BITS | parts[j] for i, j in BLOCK_PAIRS]
