"""faster_element_classes changes how a tree's elements get their classes, never which."""

from __future__ import annotations

import lxml.html
import pytest
from parsel import Selector

from newscrawler.extraction.index import faster_element_classes

PAGE = """<!DOCTYPE html><html><head><title>T</title><?php echo 1 ?></head><body>
<!-- a comment --><form action="/s"><label for="q">Cari</label><input name="q">
<select name="s"><option>a</option></select><textarea>x</textarea></form>
<div class="a"><p>Text &amp; more</p><svg><path d="M0"/></svg><o:p>Word</o:p></div>
</body></html>"""


def _classes(root: lxml.html.HtmlElement) -> list[tuple[str, type]]:
    return [(str(node.tag), type(node)) for node in root.iter()]


def test_every_node_keeps_its_lxml_html_class() -> None:
    expected = _classes(Selector(text=PAGE).root)
    root = Selector(text=PAGE).root
    faster_element_classes(root)
    got = _classes(root)
    assert got == expected
    # The tree's nodes are those of lxml.html, forms and comments included.
    kinds = {kind for _, kind in got}
    assert {lxml.html.FormElement, lxml.html.InputElement, lxml.html.HtmlComment} <= kinds


@pytest.fixture
def lookup_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The node types lxml.html's Python class lookup is asked for from now on."""
    calls: list[str] = []
    original = lxml.html.HtmlElementClassLookup.lookup

    def counting(self: object, node_type: str, *args: object) -> object:
        calls.append(node_type)
        return original(self, node_type, *args)

    monkeypatch.setattr(lxml.html.HtmlElementClassLookup, "lookup", counting)
    return calls


def test_lxml_html_lookup_is_no_longer_called(lookup_calls: list[str]) -> None:
    calls = lookup_calls
    root = Selector(text=PAGE).root
    list(root.iter())
    assert calls  # the check can see lxml.html's lookup at work
    root = Selector(text=PAGE).root  # the parse makes the root's object the old way
    calls.clear()
    faster_element_classes(root)
    assert isinstance(next(root.iter("form")), lxml.html.FormElement)
    list(root.iter())
    assert calls == []


def test_an_xml_tree_is_left_alone() -> None:
    root = Selector(text="<a><b/></a>", type="xml").root
    faster_element_classes(root)
    assert type(next(root.iter("b"))) is not lxml.html.HtmlElement


def test_lxml_html_shared_parser_is_left_alone(lookup_calls: list[str]) -> None:
    calls = lookup_calls
    root = lxml.html.fromstring(PAGE)
    faster_element_classes(root)
    calls.clear()
    list(lxml.html.fromstring(PAGE).iter())
    assert calls  # other documents of the shared parser still go through lxml.html's lookup
