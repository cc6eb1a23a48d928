"""clean_title sorts each site's branding names once; each call still reads its own site's."""

from __future__ import annotations

from newscrawler.normalize.titles import clean_title

TITLE = "Harga Cabai Naik - Warta Desa"


def test_each_call_reads_its_own_site_names() -> None:
    assert clean_title(TITLE, site_names=("Warta Desa",)) == "Harga Cabai Naik"
    # The names sorted for the call before do not carry over to another site's title.
    assert clean_title(TITLE, site_names=("Kabar Kota",)) == TITLE
    assert clean_title(TITLE) == TITLE
    # Any iterable of names, a list as well as a tuple.
    assert clean_title(TITLE, site_names=["Warta Desa"]) == "Harga Cabai Naik"
