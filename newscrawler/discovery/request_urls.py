"""URLs the crawler requests (as opposed to the archive's identity URLs).

The archive's ``canonicalize_url`` folds ``www.``/``m.``/AMP variants into one identity; that
string is not always fetchable. Requests keep the host and path the site gave and only lose
what never changes the page: tracking parameters and the fragment. That is enough for Scrapy's
duplicate filter to fetch ``/read/4117380/x?utm_source=lpfeed`` and ``/read/4117380/x`` once.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from archive.identity import is_dropped_parameter


def request_url(url: str) -> str:
    """``https://www.liputan6.com/read/1/x?utm_source=rss#top`` -> ``.../read/1/x``."""
    parts = urlsplit(url.strip())
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not is_dropped_parameter(k)
    ]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))
