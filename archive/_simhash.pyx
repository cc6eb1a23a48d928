# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""The SimHash of a body's word shingles in C (``archive/neardup.py`` holds it in Python).

In Python each 3-word shingle costs a slice, a join, an encode and a ``hashlib.blake2b``
object: about 1.5 us a shingle, 0.8 ms for a 500-word body, half of what storing an article
costs a crawl; finding the words made a string of each. Here the words are found and
written out as UTF-8 in one pass over the text, and the shingles hashed from those bytes.

The values must stay those of the Python version bit for bit: the archive stores them and
looks near-duplicates up by them. So this is BLAKE2b itself (RFC 7693, unkeyed, 8-byte
digest, exactly what ``hashlib.blake2b(data, digest_size=8)`` computes), not a faster hash
with other values. No C library for BLAKE2b can be assumed at build time (hashlib's own is
not exported, OpenSSL's headers are not on every machine), and the function is 60 lines;
``tests/archive/test_simhash_compiled.py`` checks it against hashlib on every length up
to several blocks and the whole SimHash against the Python one on real and random text.
"""

from libc.stdint cimport uint8_t, uint32_t, uint64_t
from libc.stdlib cimport free, malloc, realloc
from libc.string cimport memcpy, memset

cdef uint64_t[8] _IV = [
    0x6A09E667F3BCC908ULL, 0xBB67AE8584CAA73BULL, 0x3C6EF372FE94F82BULL, 0xA54FF53A5F1D36F1ULL,
    0x510E527FADE682D1ULL, 0x9B05688C2B3E6C1FULL, 0x1F83D9ABFB41BD6BULL, 0x5BE0CD19137E2179ULL,
]

# The message word schedule of each of the 12 rounds (rounds 10 and 11 repeat 0 and 1).
cdef uint8_t[12][16] _SIGMA = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
    [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
    [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
    [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
    [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
    [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
    [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
    [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
    [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
    [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
    [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
]

cdef enum:
    BLOCK = 128
    DIGEST_BYTES = 8


cdef inline uint64_t _rotr(uint64_t x, int n) noexcept nogil:
    return (x >> n) | (x << (64 - n))


cdef inline void _mix(uint64_t* v, int a, int b, int c, int d, uint64_t x, uint64_t y) noexcept nogil:
    v[a] = v[a] + v[b] + x
    v[d] = _rotr(v[d] ^ v[a], 32)
    v[c] = v[c] + v[d]
    v[b] = _rotr(v[b] ^ v[c], 24)
    v[a] = v[a] + v[b] + y
    v[d] = _rotr(v[d] ^ v[a], 16)
    v[c] = v[c] + v[d]
    v[b] = _rotr(v[b] ^ v[c], 63)


cdef inline uint64_t _load64(const uint8_t* p) noexcept nogil:
    """A little-endian 64-bit word, whatever the machine's byte order."""
    return (<uint64_t>p[0] | <uint64_t>p[1] << 8 | <uint64_t>p[2] << 16 | <uint64_t>p[3] << 24
            | <uint64_t>p[4] << 32 | <uint64_t>p[5] << 40 | <uint64_t>p[6] << 48
            | <uint64_t>p[7] << 56)


cdef void _compress(uint64_t* h, const uint8_t* block, uint64_t counter, bint last) noexcept nogil:
    cdef uint64_t[16] v
    cdef uint64_t[16] m
    cdef int i
    cdef const uint8_t* s
    for i in range(16):
        m[i] = _load64(block + 8 * i)
    for i in range(8):
        v[i] = h[i]
        v[i + 8] = _IV[i]
    v[12] ^= counter  # messages here are far shorter than 2**64 bytes: the high word stays 0
    if last:
        v[14] = ~v[14]
    for i in range(12):
        s = _SIGMA[i]
        _mix(v, 0, 4, 8, 12, m[s[0]], m[s[1]])
        _mix(v, 1, 5, 9, 13, m[s[2]], m[s[3]])
        _mix(v, 2, 6, 10, 14, m[s[4]], m[s[5]])
        _mix(v, 3, 7, 11, 15, m[s[6]], m[s[7]])
        _mix(v, 0, 5, 10, 15, m[s[8]], m[s[9]])
        _mix(v, 1, 6, 11, 12, m[s[10]], m[s[11]])
        _mix(v, 2, 7, 8, 13, m[s[12]], m[s[13]])
        _mix(v, 3, 4, 9, 14, m[s[14]], m[s[15]])
    for i in range(8):
        h[i] ^= v[i] ^ v[i + 8]


cdef uint64_t _blake2b8(const uint8_t* data, size_t size) noexcept nogil:
    """The 8-byte unkeyed BLAKE2b digest of ``data``, read as a little-endian integer."""
    cdef uint64_t[8] h
    cdef uint8_t[BLOCK] last
    cdef size_t done = 0
    cdef int i
    for i in range(8):
        h[i] = _IV[i]
    h[0] ^= 0x01010000 ^ DIGEST_BYTES  # parameter block: fanout 1, depth 1, no key
    while size - done > BLOCK:
        done += BLOCK
        _compress(h, data + done - BLOCK, done, False)
    memset(last, 0, BLOCK)
    memcpy(last, data + done, size - done)
    _compress(h, last, size, True)
    return h[0]


def blake2b8(bytes data) -> int:
    """``int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little")``."""
    return _blake2b8(<const uint8_t*>(<const char*>data), len(data))


cdef inline uint64_t _bswap(uint64_t x) noexcept nogil:
    cdef uint64_t out = 0
    cdef int k
    for k in range(8):
        out = (out << 8) | ((x >> (8 * k)) & 0xFF)
    return out


cdef extern from "Python.h":
    bint Py_UNICODE_ISALNUM(Py_UCS4 ch)


cdef inline bint _is_word_char(Py_UCS4 ch) noexcept:
    """What ``\\w`` matches in a ``str`` pattern: ``re`` tests exactly this."""
    return <uint32_t>ch == 95 or Py_UNICODE_ISALNUM(ch)  # 95: "_"


def word_count(str text) -> int:
    """``len(re.findall(r"\\w+", text))``, without a string per word."""
    cdef Py_ssize_t count = 0
    cdef bint inside = False
    cdef Py_UCS4 ch
    for ch in text:
        if _is_word_char(ch):
            if not inside:
                count += 1
                inside = True
        else:
            inside = False
    return count


cdef inline Py_ssize_t _put_utf8(char* out, uint32_t ch) noexcept nogil:
    """Writes ``ch`` as UTF-8 and returns its length. Word characters are never surrogates,
    so this is what ``str.encode()`` gives for them."""
    if ch < 0x80:
        out[0] = <char>ch
        return 1
    if ch < 0x800:
        out[0] = <char>(0xC0 | (ch >> 6))
        out[1] = <char>(0x80 | (ch & 0x3F))
        return 2
    if ch < 0x10000:
        out[0] = <char>(0xE0 | (ch >> 12))
        out[1] = <char>(0x80 | ((ch >> 6) & 0x3F))
        out[2] = <char>(0x80 | (ch & 0x3F))
        return 3
    out[0] = <char>(0xF0 | (ch >> 18))
    out[1] = <char>(0x80 | ((ch >> 12) & 0x3F))
    out[2] = <char>(0x80 | ((ch >> 6) & 0x3F))
    out[3] = <char>(0x80 | (ch & 0x3F))
    return 4


def simhash_text(str folded, int shingle_words) -> int:
    """The unsigned SimHash of ``folded`` (already case-folded), as ``neardup.simhash``
    defines it: the words are what ``\\w+`` finds; every run of ``shingle_words`` of them
    joined by single spaces (or all of them when there are fewer) is hashed, and bit b of
    the result is set when more than half of the digests have it. Digest bytes are read
    big-endian, as the Python version reads its joined digests."""
    cdef Py_ssize_t length = len(folded)
    cdef Py_ssize_t n = 0, shingles, span, i, j, size, used
    cdef Py_ssize_t* starts = NULL
    cdef Py_ssize_t* sizes = NULL
    cdef char* words = NULL
    cdef char* buffer = NULL
    cdef Py_ssize_t capacity = 0, at = 0
    cdef Py_ssize_t[64] counts
    cdef uint64_t digest, majority = 0
    cdef bint inside = False
    cdef Py_UCS4 ch
    cdef char* grown
    cdef int b
    # At most one word per two characters; every character at most 4 bytes.
    starts = <Py_ssize_t*>malloc((length // 2 + 1) * sizeof(Py_ssize_t))
    sizes = <Py_ssize_t*>malloc((length // 2 + 1) * sizeof(Py_ssize_t))
    words = <char*>malloc(4 * length + 1)
    try:
        if starts is NULL or sizes is NULL or words is NULL:
            raise MemoryError()
        for ch in folded:
            if _is_word_char(ch):
                if not inside:
                    starts[n] = at
                    n += 1
                    inside = True
                at += _put_utf8(words + at, <uint32_t>ch)
                sizes[n - 1] = at - starts[n - 1]
            else:
                inside = False
        if n == 0:
            return 0
        shingles = n - shingle_words + 1 if n >= shingle_words else 1
        span = shingle_words if n >= shingle_words else n
        memset(counts, 0, sizeof(counts))
        for i in range(shingles):
            size = span - 1
            for j in range(i, i + span):
                size += sizes[j]
            if size > capacity:
                capacity = size * 2 + 64
                grown = <char*>realloc(buffer, capacity)
                if grown is NULL:
                    raise MemoryError()
                buffer = grown
            used = 0
            for j in range(i, i + span):
                if j > i:
                    buffer[used] = b" "
                    used += 1
                memcpy(buffer + used, words + starts[j], sizes[j])
                used += sizes[j]
            digest = _blake2b8(<const uint8_t*>buffer, used)
            for b in range(64):
                counts[b] += (digest >> b) & 1
        for b in range(64):
            if 2 * counts[b] > shingles:
                majority |= (<uint64_t>1) << b
    finally:
        free(buffer)
        free(words)
        free(starts)
        free(sizes)
    return _bswap(majority)
