"""Properties every normalizer keeps on arbitrary input: no exceptions, no naive datetimes."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from newscrawler.normalize.authors import clean_people, split_credits
from newscrawler.normalize.dates import parse_datetime
from newscrawler.normalize.tags import clean_tags
from newscrawler.normalize.text import clean_body
from newscrawler.normalize.titles import clean_title
from newscrawler.normalize.zones import WIB

# Text that looks like the pages: digits, month names, zones and separators mixed with noise.
_PIECES = st.sampled_from(
    ["Senin", ",", " ", "24", "Nov", "Agustus", "2019", "13:46", "13.46", "WIB", "WITA", "+0700",
     "Z", "T", "-", "/", "|", "pukul", "at", "menit", "jam", "yang", "lalu", "kemarin", "32",
     "1670653196000", "&lt;span&gt;", "\u200e", "\xa0", "GMT+7", "Diperbarui", "oleh", "dan"]
)  # fmt: skip
PAGE_LIKE = st.lists(_PIECES, max_size=12).map("".join)
TEXT = st.one_of(st.text(max_size=80), PAGE_LIKE)
NOW = st.one_of(
    st.none(),
    st.datetimes(
        min_value=datetime(1990, 1, 1),  # noqa: DTZ001 (bounds for hypothesis; tz added below)
        max_value=datetime(2090, 1, 1),  # noqa: DTZ001
        timezones=st.just(WIB),
    ),
)


@settings(max_examples=400, deadline=None)
@given(TEXT, NOW, st.integers(min_value=-12, max_value=14))
def test_parse_datetime_is_aware_or_none(raw: str, now: datetime | None, hours: int) -> None:
    value = parse_datetime(raw, default_tz=timezone(timedelta(hours=hours)), now=now)
    if value is not None:
        assert value.tzinfo is not None
        assert value.utcoffset() is not None
        # The value survives the archive's round trip through ISO 8601 text.
        assert datetime.fromisoformat(value.isoformat()) == value


@settings(max_examples=300, deadline=None)
@given(TEXT, st.lists(TEXT, max_size=3))
def test_text_normalizers_never_raise(raw: str, many: list[str]) -> None:
    assert isinstance(clean_title(raw, site_names=many), str)
    assert all(isinstance(name, str) and name for name in clean_people(many, outlets=[raw]))
    authors, editors = split_credits(raw)
    assert isinstance(authors, list)
    assert isinstance(editors, list)
    tags = clean_tags([raw, *many])
    assert len({tag.casefold() for tag in tags}) == len(tags)
    body = clean_body([raw, *many])
    assert "\n\n\n" not in body.text
    assert body.text == body.text.strip()
