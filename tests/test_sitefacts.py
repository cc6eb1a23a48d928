"""Each site's facts are stated once, in its record, and every reader takes them from there."""

from __future__ import annotations

from scrapy.http import HtmlResponse
from scrapy.spiderloader import SpiderLoader

from newscrawler.items import Found
from newscrawler.normalize.authors import ORGANISATIONS, clean_people
from newscrawler.normalize.zones import IANA_NAMES, JAKARTA, JAYAPURA, MAKASSAR
from newscrawler.pages.antara import REGIONS, AntaraPage
from newscrawler.pages.detik import without_channels
from newscrawler.sites import known_brands, known_sites, project_settings


def test_each_spider_takes_name_domains_and_zone_from_its_pages_record() -> None:
    loader = SpiderLoader.from_settings(project_settings())
    for site in known_sites():
        spider = loader.load(site.name)
        assert spider.name == site.facts.name
        assert tuple(spider.allowed_domains) == site.facts.domains
        assert spider.page.facts is site.facts


def test_every_zone_is_a_known_one() -> None:
    for site in known_sites():
        assert site.facts.timezone in IANA_NAMES
        assert all(region.zone in IANA_NAMES for region in site.facts.regions)


def test_no_brand_belongs_to_two_sites() -> None:
    owners: dict[str, str] = {}
    for site in known_sites():
        for brand in {b.casefold() for b in site.facts.brands}:
            assert owners.setdefault(brand, site.name) == site.name, brand


def test_the_normalizers_own_list_names_no_site() -> None:
    assert not {b.casefold() for b in known_brands()} & ORGANISATIONS
    assert clean_people(["Tribunnews"]) == ["Tribunnews"]  # only a record says it is an outlet
    assert clean_people(["Tribunnews"], outlets=known_brands()) == []


def test_antara_desks_print_their_own_zone() -> None:
    zones = {region.desk: region.zone for region in REGIONS}
    assert (zones["jambi"], zones["bali"], zones["kupang"], zones["papua"]) == (
        JAKARTA,
        MAKASSAR,
        MAKASSAR,
        JAYAPURA,
    )
    names = [name for region in REGIONS for name in region.names]
    assert len(names) == len(set(names)) == 40
    for host, zone in [("bali", MAKASSAR), ("ambon", JAYAPURA), ("www", JAKARTA)]:
        response = HtmlResponse(url=f"https://{host}.antaranews.com/berita/1/x", body=b"<html/>")
        assert AntaraPage(response).timezone == zone


def test_detik_channels_never_sign_as_people() -> None:
    found = [
        Found("Mulia Budi - detikNews", "byline"),
        Found("Ani/detiksulsel", "byline"),
        Found("detikjatim", "meta:author"),
    ]
    assert without_channels(found) == [Found("Mulia Budi", "byline"), Found("Ani", "byline")]
