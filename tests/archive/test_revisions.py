"""What is a revision: normalization, hashing, sentence splitting and diffs."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from itertools import product

import pytest
from hypothesis import given
from hypothesis import strategies as st

from archive.diff import body_diff, field_diff, split_sentences
from archive.neardup import MAX_DISTANCE, bands, hamming, probes, simhash, slot, unslot
from archive.revisions import normalize_body, normalize_snapshot, normalize_text

from .samples import BODY, snapshot


def test_whitespace_and_markup_do_not_change_the_hash() -> None:
    original = normalize_snapshot(snapshot())
    noisy_body = (
        "  " + BODY.replace(". ", ".\u00a0 ").replace("\n\n", "\n \n\n") + "\n\n\n"
    ).replace("Harga beras", "<b>Harga</b>\u200b beras", 1)
    noisy = normalize_snapshot(
        snapshot(body=noisy_body, title="  Harga Beras Naik,\tPedagang Keluhkan Pasokan ")
    )
    assert noisy.content_hash() == original.content_hash()


def test_the_same_instant_in_another_zone_is_the_same_content() -> None:
    wib = timezone(timedelta(hours=7))
    original = normalize_snapshot(snapshot())
    shifted = normalize_snapshot(snapshot(published_at=datetime(2024, 8, 14, 9, 30, tzinfo=wib)))
    assert shifted.content_hash() == original.content_hash()


def test_tag_order_is_not_a_revision_but_a_new_tag_is() -> None:
    original = normalize_snapshot(snapshot())
    reordered = normalize_snapshot(snapshot(tags=("harga pangan", "Beras")))
    extended = normalize_snapshot(snapshot(tags=("beras", "harga pangan", "inflasi")))
    assert reordered.content_hash() == original.content_hash()
    assert extended.content_hash() != original.content_hash()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "Harga Beras Naik Lagi"),
        ("subtitle", "Pasokan dari daerah berkurang"),
        ("authors", ("Budi Santoso", "Ani Lestari")),
        ("section", "News"),
        ("modified_at", datetime(2024, 8, 14, 4, 0, tzinfo=UTC)),
        ("body", BODY + "\n\nPembaruan: operasi pasar diundur."),
    ],
)
def test_a_visible_change_changes_the_hash(field: str, value: object) -> None:
    original = normalize_snapshot(snapshot())
    changed = normalize_snapshot(snapshot(**{field: value}))
    assert changed.content_hash() != original.content_hash()


def test_normalize_text_and_body() -> None:
    assert normalize_text(" a\u00a0 b\u200b ") == "a b"
    assert normalize_text("   ") is None
    assert normalize_body("satu\r\n\r\n\r\n  dua  \n\n \n") == "satu\n\ndua"


@pytest.mark.parametrize(
    ("body", "sentences"),
    [
        ("Harga naik. Warga protes!", ["Harga naik.", "Warga protes!"]),
        ("Harga Rp. 5 ribu. Naik.", ["Harga Rp. 5 ribu.", "Naik."]),
        ("Kata Prof. Dr. Budi, harga naik.", ["Kata Prof. Dr. Budi, harga naik."]),
        (
            "Presiden Susilo B. Yudhoyono hadir. Acara usai.",
            ["Presiden Susilo B. Yudhoyono hadir.", "Acara usai."],
        ),
        ('"Kami siap." Katanya lagi.', ['"Kami siap."', "Katanya lagi."]),
        ("Satu\n\nDua", ["Satu", "Dua"]),
        (
            "Pukul 10.30 WIB hujan. Jalan 3.5 km macet.",
            ["Pukul 10.30 WIB hujan.", "Jalan 3.5 km macet."],
        ),
    ],
)
def test_split_sentences(body: str, sentences: list[str]) -> None:
    assert split_sentences(body) == sentences


def test_body_diff_names_added_removed_and_changed_sentences() -> None:
    before = "Satu dua tiga. Hujan deras di Bogor sore ini. Jalan ditutup.\n\nPolisi berjaga."
    after = "Satu dua tiga. Hujan deras di Bogor siang ini. Jalan ditutup.\n\nWarga mengungsi."
    assert body_diff(before, after) == {
        "added": ["Warga mengungsi."],
        "removed": ["Polisi berjaga."],
        "changed": [
            {"before": "Hujan deras di Bogor sore ini.", "after": "Hujan deras di Bogor siang ini."}
        ],
    }


def test_field_diff_lists_only_changed_fields() -> None:
    before = normalize_snapshot(snapshot())
    after = replace(before, title="Harga Beras Naik Lagi", tags=["beras"])
    assert field_diff(before, after) == {
        "title": {"before": before.title, "after": "Harga Beras Naik Lagi"},
        "tags": {"before": ["beras", "harga pangan"], "after": ["beras"]},
    }


def test_simhash_keeps_wire_copies_close_and_other_stories_far() -> None:
    wire = BODY.replace("Liputan6.com, Jakarta -", "JAKARTA, KOMPAS.com -")
    other = "Tim nasional sepak bola Indonesia menang 2-0 atas Vietnam di Stadion GBK. " * 5
    assert hamming(simhash(BODY), simhash(wire)) <= 6
    assert hamming(simhash(BODY), simhash(other)) > 12


@given(st.integers(-(1 << 63), (1 << 63) - 1), st.sets(st.integers(0, 63), max_size=MAX_DISTANCE))
def test_a_lookup_always_probes_a_key_stored_by_a_hash_within_the_linking_distance(
    value: int, flips: set[int]
) -> None:
    other = value ^ sum(1 << bit for bit in flips)
    assert set(probes(value)) & set(enumerate(bands(other)))


def test_a_hash_farther_than_one_bit_per_band_is_not_probed() -> None:
    """Two bits flipped in every band: no band within one bit, so no candidate."""
    other = sum(0b11 << (16 * band) for band in range(4))
    assert not set(probes(0)) & set(enumerate(bands(other)))
    assert len(probes(0)) == 4 + 3 * 16


@pytest.mark.parametrize(
    "bits_per_band",
    [
        spread
        for spread in product(range(MAX_DISTANCE + 1), repeat=4)
        if sum(spread) <= MAX_DISTANCE
    ],
)
def test_every_spread_of_differing_bits_over_the_bands_is_probed(
    bits_per_band: tuple[int, ...],
) -> None:
    """However the differing bits fall across the four bands (1+1+2+2, 0+2+2+2, 3+1+1+1, ...),
    the pair meets: random flips rarely put exactly one bit in the last band alone."""
    for value in (0, -1, 0x0123_4567_89AB_CDEF):
        flips = sum(((1 << n) - 1) << (16 * band + 5) for band, n in enumerate(bits_per_band))
        other = value ^ flips
        assert hamming(value, other) == sum(bits_per_band)
        assert set(probes(value)) & set(enumerate(bands(other)))
        assert set(probes(other)) & set(enumerate(bands(value)))


@given(st.integers(0, 3), st.integers(0, (1 << 16) - 1))
def test_a_slot_names_one_band_key_and_gives_it_back(band: int, key: int) -> None:
    assert unslot(slot(band, key)) == (band, key)
    assert slot(band, key) != slot((band + 1) % 4, key)
