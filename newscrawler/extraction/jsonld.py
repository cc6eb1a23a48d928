"""Reading schema.org article data out of JSON-LD blocks.

Real pages wrap the article in many ways: a bare object, a list, an ``@graph``, a type that is
a list (``["NewsArticle", "Article"]``), and sometimes JSON that only parses once control
characters are removed. This module hides all of that behind :func:`all_objects` and
:func:`article_objects`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

ARTICLE_TYPES = frozenset(
    {
        "Article",
        "NewsArticle",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BackgroundNewsArticle",
        "ReviewNewsArticle",
        "BlogPosting",
        "LiveBlogPosting",
        "SocialMediaPosting",
        "WebPageArticle",
        "ScholarlyArticle",
        "TechArticle",
        "Report",
    }
)

_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# An XHTML-era wrapper around the script's JSON, kept as text by an HTML parser; Drupal
# prints "<![CDATA[ {...} ]]>", others "//<![CDATA[ {...} //]]>".
_CDATA = re.compile(r"^(?://\s*)?<!\[CDATA\[(?P<json>.*?)(?://\s*)?\]\]>$", re.DOTALL)


# How deep a list or object may sit. Real pages nest four or five levels (an @graph, an
# author list, an image object); a hostile one nests a thousand, which would exhaust Python's
# stack in every walk over it. What lies deeper is left out.
MAX_DEPTH = 20


def _loads(text: str) -> Any:
    """The script's JSON, without anything nested deeper than :data:`MAX_DEPTH`; None when
    it does not parse."""
    wrapped = _CDATA.match(text)
    if wrapped:
        text = wrapped["json"].strip()
    try:
        return _within_depth(json.loads(text))
    except RecursionError:
        # Nested beyond the interpreter's limit (~1,000 levels): no page's data is.
        return None
    except ValueError:
        pass
    # Raw newlines/tabs inside strings are the most common breakage; JSON forbids them.
    cleaned = _CONTROL_CHARS.sub(" ", text).replace("\n", " ").replace("\r", " ")
    cleaned = cleaned.replace("\t", " ")
    try:
        return _within_depth(json.loads(cleaned))
    except (RecursionError, ValueError):
        return None


def _within_depth(node: Any, depth: int = 0) -> Any:
    """``node`` with lists and objects below :data:`MAX_DEPTH` levels replaced by None."""
    if isinstance(node, list):
        return [_within_depth(child, depth + 1) for child in node] if depth < MAX_DEPTH else None
    if isinstance(node, dict):
        if depth >= MAX_DEPTH:
            return None
        return {key: _within_depth(value, depth + 1) for key, value in node.items()}
    return node


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, list):
        for child in node:
            yield from _walk(child)
    elif isinstance(node, dict):
        yield node
        graph = node.get("@graph")
        if graph is not None:
            yield from _walk(graph)


def object_types(obj: dict[str, Any]) -> set[str]:
    value = obj.get("@type")
    if isinstance(value, str):
        return {value.rsplit("/", 1)[-1]}
    if isinstance(value, list):
        return {v.rsplit("/", 1)[-1] for v in value if isinstance(v, str)}
    return set()


def all_objects(scripts: Iterable[str]) -> list[dict[str, Any]]:
    """Every top-level (or ``@graph``) object in the given JSON-LD script texts, in page
    order; a script that does not parse gives none."""
    found: list[dict[str, Any]] = []
    for text in scripts:
        data = _loads(text.strip())
        if data is not None:
            found.extend(_walk(data))
    return found


def article_objects(objects: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The article-typed ones of :func:`all_objects`, in page order."""
    return [obj for obj in objects if object_types(obj) & ARTICLE_TYPES]


def strings(value: Any, *keys: str) -> list[str]:
    """Flatten a JSON-LD value to strings: plain strings, lists, or objects' ``keys``.

    ``strings({"@type": "Person", "name": "A"}, "name") == ["A"]``;
    ``strings(["a", "b"]) == ["a", "b"]``.
    """
    out: list[str] = []
    if isinstance(value, str):
        if value.strip():
            out.append(value)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        out.append(str(value))
    elif isinstance(value, list):
        for item in value:
            out.extend(strings(item, *keys))
    elif isinstance(value, dict):
        for key in keys:
            if key in value:
                out.extend(strings(value[key], *keys))
                break
    return out


def people(value: Any) -> list[str]:
    """Names of the persons in an author/creator value; organisations are left out.

    Liputan6 2016 pages say ``"author": [{"@type": "Person", "name": "Corry Anestia"}]``;
    many sites put the outlet itself there as an ``Organization``, which is not a byline.
    """
    names: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str):
            if item.strip():
                names.append(item)
        elif isinstance(item, dict):
            if "Organization" in object_types(item) or "NewsMediaOrganization" in object_types(
                item
            ):
                continue
            named = strings(item.get("name"), "name")
            # derStandard names its authors only in parts: {"@type": "Person", "givenName":
            # "Anna Giulia", "familyName": "Fink"} (https://www.derstandard.at/story/3000000218734).
            if not named:
                parts = [*strings(item.get("givenName")), *strings(item.get("familyName"))]
                named = [" ".join(" ".join(parts).split())] if parts else []
            names.extend(named)
    return names
