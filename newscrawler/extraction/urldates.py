"""Publication dates that a site writes into its article URLs.

Blogs and many news sites file articles by day: ``/blog/2024/06/25/three-findings/``,
``/2019-11-24/slug``, ``/news/20191124/slug``. When a page dates itself nowhere else, the
URL still says on which day it appeared. Only a full year-month-day counts (``/2019/11/``
names a month), and only a plausible one, so article ids such as Liputan6's
``/read/4117380/`` or detik's ``d-4117380`` are never read as dates.
"""

from __future__ import annotations

import re
from datetime import date

__all__ = ["date_in_url"]

# /2024/06/25/, /2024-06-25/, /2024_06_25, /20240625/ as whole path segments (the slug may
# follow the day in the same segment: /2019-11-24-road-widened).
_URL_DATE = re.compile(
    r"/(?P<y>(?:19|20)\d\d)(?:(?P<sep>[/_-])(?P<m>\d\d?)(?P=sep)(?P<d>\d\d?)|(?P<m8>\d\d)(?P<d8>\d\d))"
    r"(?=[/_.-]|$)"
)


def date_in_url(url: str) -> str | None:
    """``https://a.example/blog/2024/06/25/x/`` -> ``"2024-06-25"``; None without a valid day.

    Only the path is read: a query such as ``?id=20240625`` is not the article's date.
    """
    path = url.split("?", 1)[0].split("#", 1)[0]
    path = path.split("://", 1)[-1]
    path = path[path.find("/") :] if "/" in path else ""
    for match in _URL_DATE.finditer(path):
        month = match["m"] or match["m8"]
        day = match["d"] or match["d8"]
        try:
            found = date(int(match["y"]), int(month), int(day))
        except ValueError:
            continue
        return found.isoformat()
    return None
