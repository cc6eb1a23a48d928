"""Weighing the body a page object gave: the last step before the item is built.

A site's container is taken as it is unless it looks wrong (:func:`mainblock.implausible`),
when the generic choice fills in and the source says ``fallback:``; a generic choice is
weighed against a second reading (:func:`mainblock.judge`); then the standfirst shown above
the block and the text folded behind a "continue reading" control are added.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from newscrawler.extraction import mainblock
from newscrawler.extraction.mainblock import Judgement

# The paragraphs at the top of a body that a lead found above it may repeat.
_OPENING = 3


def weigh_body(
    paragraphs: list[str],
    source: str | None,
    container: etree._Element | None,
    *,
    root: etree._Element,
    headlines: list[str],
    title_metas: list[str],
    descriptions: Callable[[], list[str]],
    second_reading: Callable[[], list[str]],
) -> tuple[list[str], str | None, Judgement]:
    """The paragraphs to keep, their source and the judgement, by the module's docstring.

    ``descriptions`` and ``second_reading`` are asked only where needed: a site's plausible
    container is never read twice.
    """
    if source is not None and source.startswith("site"):
        implausible = mainblock.implausible(paragraphs, headlines)
        if implausible is None:
            kept, source = with_collapsed(container, paragraphs, source)
            return kept, source, Judgement(kept, "ours", "high", "the site's own container")
        chosen = mainblock.choose(root, title_metas)
        if chosen is None:
            reason = f"{implausible}; no other block found"
            return paragraphs, source, Judgement(paragraphs, "ours", "low", reason)
        paragraphs, source = chosen.paragraphs, f"fallback:{chosen.source}"
        container = chosen.element
    judgement = mainblock.judge(paragraphs, second_reading())
    if judgement.reading != "ours":
        source = judgement.reading if source is None else f"{source}+{judgement.reading}"
    kept = judgement.paragraphs
    if kept and container is not None and judgement.reading == "ours":
        lead = mainblock.standfirst(root, container, descriptions(), kept[:_OPENING])
        if lead is not None:
            kept = [lead, *kept]
            source = f"{source}+standfirst"
        kept, source = with_collapsed(container, kept, source)
    return kept, source, judgement


def with_collapsed(
    container: etree._Element | None, paragraphs: list[str], source: str | None
) -> tuple[list[str], str | None]:
    """``paragraphs`` and the rest of the text a "continue reading" control hides in the
    container (see :func:`mainblock.collapsed`)."""
    if container is None or not paragraphs:
        return paragraphs, source
    rest = mainblock.collapsed(container, paragraphs)
    if not rest:
        return paragraphs, source
    return [*paragraphs, *rest], f"{source}+collapsed"
