from collections.abc import Callable, Iterable

from lxml import etree

def attribute_contains(
    root: etree._Element, name: bytes, words: tuple[bytes, ...]
) -> list[etree._Element]: ...
def subtree_elements(
    anchors: list[etree._Element], tag: bytes, limit: int
) -> list[etree._Element] | None: ...
def index_page(
    root: etree._Element, tags: tuple[bytes, ...]
) -> tuple[list[list[etree._Element]], list[tuple[str, str | None, str | None]], list[str]]: ...
def having_attribute(root: etree._Element, names: tuple[bytes, ...]) -> list[etree._Element]: ...

class TextWalk:
    def __init__(
        self,
        skipped: Iterable[str],
        blocks: Iterable[str],
        roles: Iterable[str],
        furniture_names: Callable[[str], bool],
        hides: Callable[[str], bool],
    ) -> None: ...
    def text(self, container: etree._Element) -> str: ...
    def paragraphs(self, container: etree._Element) -> list[str]: ...
    def has_text(self, container: etree._Element) -> bool: ...

class ProseWalk:
    def __init__(
        self,
        skipped: Iterable[str],
        paragraph_tags: Iterable[str],
        blocks_or_skipped: Iterable[str],
        walked_leaves: Iterable[str],
        roles: Iterable[str],
        furniture_names: Callable[[str], bool],
        hides: Callable[[str], bool],
        points: Callable[[str], int],
        paragraph_points: Callable[[etree._Element], float],
        checked_points: int,
    ) -> None: ...
    def blocks(self, root: etree._Element) -> list[tuple[etree._Element, float, bool]]: ...
