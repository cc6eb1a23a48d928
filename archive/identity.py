"""Which article is this? Canonical URLs and the rules that make URL variants one article.

An article is identified by its canonical URL and, where the site has one, the publisher's
own article id (``snapshot.publisher_id``; unique within a site). These functions are pure,
so the crawler uses the same ``canonicalize_url`` to deduplicate its requests.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url as w3lib_canonicalize_url

# Host prefixes that serve the same article as the bare or www host.
# e.g. m.liputan6.com, amp.kompas.com, www.detik.com -> liputan6.com, kompas.com, detik.com
MIRROR_HOST_PREFIXES = ("www.", "m.", "amp.", "mobile.")

# Query parameters that only say how a reader arrived, never which page they see.
TRACKING_PARAMETERS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "cmpid",
        "ocid",
    }
)
TRACKING_PREFIXES = ("utm_",)
# Parameters that select the AMP rendering of the same article (detik: ?amp=1).
AMP_PARAMETERS = frozenset({"amp", "outputtype"})

# AMP renderings put "amp" as a path segment at the end or the start:
# /read/4117380/judul/amp, /amp/read/4117380/judul -> /read/4117380/judul
_AMP_SEGMENT = re.compile(r"(^/amp(?=/)|/amp/?$)", re.IGNORECASE)

# Second-level public suffixes common on the sites we crawl, so "kompas.co.id" and
# "news.kompas.co.id" count as one site (a full public-suffix list is not worth a dependency).
TWO_LEVEL_SUFFIXES = frozenset(
    {
        "co.id",
        "go.id",
        "ac.id",
        "or.id",
        "web.id",
        "my.id",
        "sch.id",
        "net.id",
        "co.uk",
        "org.uk",
        "com.au",
        "com.sg",
        "com.my",
        "co.jp",
        "co.kr",
        "com.br",
        "co.in",
    }
)


class InvalidURLError(ValueError):
    """The text is not an absolute http(s) URL."""


def _host_without_mirror_prefix(host: str) -> str:
    host = host.lower().rstrip(".")
    for prefix in MIRROR_HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            return host[len(prefix) :]
    return host


def is_dropped_parameter(name: str) -> bool:
    """Whether a query parameter only says how a reader arrived (utm_*, fbclid) or asks for AMP."""
    lowered = name.lower()
    return (
        lowered in TRACKING_PARAMETERS
        or lowered in AMP_PARAMETERS
        or lowered.startswith(TRACKING_PREFIXES)
    )


def canonicalize_url(url: str) -> str:
    """The canonical form of an article URL: one string for every variant of one page.

    - scheme: always https (the sites serve the same page on http)
    - host: lower case, without ``www.``, ``m.``, ``amp.``, ``mobile.``, without a default port
    - path: without an AMP segment (``/amp`` at either end) or trailing slash
    - query: without tracking (``utm_*``, ``fbclid``, ``gclid``, ...) and AMP parameters,
      the rest sorted; fragment dropped

    >>> canonicalize_url("http://M.Liputan6.com/amp/read/4117380/judul/?utm_source=x#top")
    'https://liputan6.com/read/4117380/judul'
    """
    text = url.strip()
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InvalidURLError(f"not an absolute http(s) URL: {url!r}")
    host = _host_without_mirror_prefix(parts.hostname)
    port = parts.port
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    path = _AMP_SEGMENT.sub("", parts.path) or "/"
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    query = urlencode(
        [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not is_dropped_parameter(k)
        ]
    )
    rebuilt = urlunsplit(("https", netloc, path, query, ""))
    # w3lib normalises percent-encoding and sorts the query, so equal URLs compare equal.
    return w3lib_canonicalize_url(rebuilt, keep_fragments=False)


def registrable_domain(url: str) -> str:
    """The site part of a URL's host: ``news.detik.com`` -> ``detik.com``.

    >>> registrable_domain("https://jateng.antaranews.com/berita/1")
    'antaranews.com'
    """
    host = (urlsplit(url.strip()).hostname or "").lower().rstrip(".")
    labels = host.split(".")
    if len(labels) >= 3 and ".".join(labels[-2:]) in TWO_LEVEL_SUFFIXES:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def same_site(url_a: str, url_b: str) -> bool:
    """Whether two URLs belong to one publisher (same registrable domain)."""
    return registrable_domain(url_a) == registrable_domain(url_b)


def article_canonical_url(url: str, declared_canonical: str | None) -> str:
    """The canonical URL for an article fetched at ``url``.

    The page's own ``rel=canonical`` wins when it points to the same site: it is how the
    publisher merges its own variants. A canonical on another site (syndication partners
    point at the origin) would merge two sites' articles, so it is ignored.
    """
    if declared_canonical:
        try:
            canonical = canonicalize_url(declared_canonical)
        except InvalidURLError:
            # Pages declare relative or garbage canonicals; the fetched URL still works.
            return canonicalize_url(url)
        if same_site(canonical, url):
            return canonical
    return canonicalize_url(url)


def url_aliases(url: str, declared_canonical: str | None) -> list[str]:
    """Canonical forms of every URL that leads to this article, canonical first, no repeats."""
    canonical = article_canonical_url(url, declared_canonical)
    fetched = canonicalize_url(url)
    return [canonical] if fetched == canonical else [canonical, fetched]


def revisit_url(url: str, declared_canonical: str | None, canonical: str) -> str | None:
    """The URL to request when the article fetched at ``url`` is revisited, or None.

    1. the page's declared canonical, as the page gives it, when ``article_canonical_url``
       takes it (an absolute URL of the same site): the publisher's own URL of the article;
    2. else ``url`` when it is the article's canonical URL (``canonical``, canonical form);
    3. else None: ``url`` is a variant (an old slug, the ``m.`` host, AMP), and the plan keeps
       the URL it has.

    >>> revisit_url("https://m.liputan6.com/read/1/a", "https://www.liputan6.com/read/1/a",
    ...             "https://liputan6.com/read/1/a")
    'https://www.liputan6.com/read/1/a'
    >>> revisit_url("https://www.liputan6.com/read/1/old", None, "https://liputan6.com/read/1/a")
    """
    if declared_canonical:
        declared = declared_canonical.strip().split("#", 1)[0]
        try:
            if same_site(canonicalize_url(declared), url):
                return declared
        except InvalidURLError:
            pass  # a relative or garbage canonical: as article_canonical_url, ignored
    try:
        return url if canonicalize_url(url) == canonical else None
    except InvalidURLError:
        return None


def fetchable_url(canonical: str, seen: str) -> str:
    """A URL to request for a canonical form, on the host the site serves pages from.

    Canonical forms drop ``www.``; where ``seen`` (a URL of the same article) has a mirror
    prefix, the site serves on a prefixed host, so ``www.`` is put back.

    >>> fetchable_url("https://liputan6.com/read/1/a", "https://m.liputan6.com/read/1/old")
    'https://www.liputan6.com/read/1/a'
    """
    parts = urlsplit(canonical)
    seen_host = (urlsplit(seen).hostname or "").lower()
    if seen_host.startswith(MIRROR_HOST_PREFIXES) and not parts.netloc.startswith("www."):
        return urlunsplit(parts._replace(netloc="www." + parts.netloc))
    return canonical
