"""The C SimHash (``archive/_simhash.pyx``) gives exactly the values of the Python one.

The archive stores SimHashes and finds near-duplicates by them, so a compiled build and a
build without a C compiler must agree bit for bit: first its BLAKE2b against hashlib's, then
the whole hash against the Python version on real article bodies in many languages and on
random text.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archive import neardup

compiled = pytest.mark.skipif(
    not neardup.COMPILED and not os.environ.get("NEWSCRAWLER_REQUIRE_COMPILED"),
    reason="archive._simhash is not compiled (no C compiler at install)",
)


def _python(text: str) -> int:
    return neardup._python_simhash(neardup._words(text))


def _c(text: str) -> int:
    assert neardup._simhash is not None
    return neardup._simhash.simhash_text(text.casefold(), neardup.SHINGLE_WORDS)


def _same_words(text: str) -> None:
    assert neardup._simhash is not None
    assert neardup._simhash.word_count(text) == len(neardup._WORD.findall(text))


@compiled
def test_compiled_blake2b_is_hashlibs_on_every_length_across_block_edges() -> None:
    assert neardup._simhash is not None
    rng = random.Random(7)
    # One to four 128-byte blocks, every length between, and the empty message.
    for size in [*range(0, 520), 1023, 1024, 1025, 65_536]:
        data = rng.randbytes(size)
        expected = int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little")
        assert neardup._simhash.blake2b8(data) == expected, size


@compiled
def test_compiled_simhash_matches_python_on_real_bodies(shared_benchmarks: Path) -> None:
    truth = json.loads(
        (shared_benchmarks / "zyte-article-extraction" / "ground-truth.json").read_text("utf-8")
    )
    bodies = [case["articleBody"] for case in truth.values() if case.get("articleBody")]
    assert len(bodies) > 150
    for body in bodies:
        assert _c(body) == _python(body), body[:80]
        _same_words(body)
    # The public function hands back the same value, signed for the BIGINT column.
    body = bodies[0]
    signed = neardup.simhash(body)
    assert signed & ((1 << 64) - 1) == _python(body)
    assert -(1 << 63) <= signed < 1 << 63


@compiled
@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ,.;  ",
        "satu",
        "satu dua",
        "satu dua tiga",
        # Case folding that lengthens words (ß, İ) and words outside ASCII.
        "İSTANBUL Straße café 日本語 تجربة ĳ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 word_with_underscore 123",
        "kata " * 5000,  # one shingle repeated: every digest votes the same
    ],
)
def test_compiled_simhash_matches_python_on_edge_cases(text: str) -> None:
    assert _c(text) == _python(text)
    _same_words(text)


@compiled
@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=12), max_size=60).map(" ".join))
def test_compiled_simhash_matches_python_on_random_text(text: str) -> None:
    assert _c(text) == _python(text)
    _same_words(text)


# Word characters by every rule \w has: letters, marks that are not letters (not words),
# decimal digits of other scripts, other numerics (superscripts, fractions, Roman numerals),
# the underscore, and what lies outside the Basic Multilingual Plane.
_WORDISH = st.sampled_from(
    [
        *"aZ_9٣۴߂०௫¹²½Ⅻⅷ〇零ǅß\u0301\u0307\u200d\u00ad-'’.",
        *("\U0001d518", "\U0001f600", "\U00020000", "\ud800", " ", "\n", "\t", "\u3000"),
    ]
)


@compiled
@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDISH, max_size=80).map("".join))
def test_compiled_words_are_the_regexs_on_every_kind_of_character(text: str) -> None:
    assert _c(text) == _python(text)
    _same_words(text)


@compiled
def test_compiled_simhash_takes_only_str() -> None:
    assert neardup._simhash is not None
    with pytest.raises(TypeError):
        neardup._simhash.simhash_text(b"satu dua tiga", 3)
    with pytest.raises(TypeError):
        neardup._simhash.word_count(b"satu dua tiga")


@compiled
def test_simhash_runs_in_c_where_built() -> None:
    assert neardup.COMPILED
    assert neardup._simhash is not None
