"""What is true of one outlet, stated once: its spider and its page both read the record.

Each ``newscrawler/pages/<site>.py`` defines its ``SITE = SiteFacts(...)``; the page class
says ``facts = SITE`` and the spider takes its ``name`` and ``allowed_domains`` from it, so
the site's key, domains, time zone and brand names are written in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Region:
    """A regional desk with a host of its own (``bali.antaranews.com``) and its zone.

    ``aliases`` are the other names keywords give the region ("berita ntt" for the desk at
    kupang.antaranews.com).
    """

    desk: str
    zone: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.desk, *self.aliases)


@dataclass(frozen=True)
class SiteFacts:
    """One outlet.

    - ``name``: the one key used everywhere: spider name, page module, fixture folder and
      the archive's ``site`` column.
    - ``domains``: the registrable domains whose hosts are the site's (``liputan6.com``
      covers ``tekno.liputan6.com``).
    - ``timezone``: the IANA name of the zone the site prints its times in; None (the
      generic page) keeps each time's own offset.
    - ``brands``: how the outlet names itself, the name it goes by first ("Liputan6.com"):
      stripped from titles and never taken for an author.
    - ``publisher_id``: where the publisher's own article id sits in a URL (the first
      group that matches is the id).
    - ``regions``: regional desks that print their own local time.
    """

    name: str
    domains: tuple[str, ...] = ()
    timezone: str | None = None
    brands: tuple[str, ...] = ()
    publisher_id: re.Pattern[str] | None = None
    regions: tuple[Region, ...] = ()

    def zone_at(self, url: str) -> str | None:
        """The zone of the page at ``url``: its regional desk's, else the site's."""
        if self.regions:
            label = (urlsplit(url).hostname or "").split(".", 1)[0]
            for region in self.regions:
                if region.desk == label:
                    return region.zone
        return self.timezone

    def covers(self, url: str) -> bool:
        """Whether the URL's host is one of the site's domains or below one."""
        host = (urlsplit(url).hostname or "").lower()
        return any(host == domain or host.endswith("." + domain) for domain in self.domains)


# The generic page's record: no domains, no zone, no brands.
ANY_SITE = SiteFacts("generic")
