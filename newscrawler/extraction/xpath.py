"""XPath pieces site pages share."""

from __future__ import annotations


def has_class(name: str) -> str:
    """An XPath test for an element whose ``class`` list holds ``name`` as a whole word:
    ``//div[{has_class('post-content')}]`` finds ``<div class="post-content clearfix">``
    and not ``<div class="post-content-wrap">``."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"
