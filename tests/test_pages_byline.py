"""The "By ..." line of a byline element: who, without the date run into it."""

from __future__ import annotations

import pytest
from lxml import html

from newscrawler.pages.byline import by_line, byline_elements


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("By Erin Cunningham", "By Erin Cunningham"),
        ("By Nathan Willis\n   March 25, 2015", "By Nathan Willis"),
        ("By GILLIAN MOHNEY March 11, 2015 3:46 PM", "By GILLIAN MOHNEY"),
        ("by Lucas Nolan22 Dec 2016651", "by Lucas Nolan"),
        ("by Lucas Nolan 22 Dec 2016 651", "by Lucas Nolan"),
        ("By Jane Roe and Ali Rahman | Reuters", "By Jane Roe and Ali Rahman | Reuters"),
        ("Par Sébastien Farcis, 12 févr. 2016", "Par Sébastien Farcis"),
        ("Oleh Gilar Ramdhani - 24 Nov 2019", "Oleh Gilar Ramdhani"),
        ("Bylines are hard", None),
        ("Updated March 18, 2015", None),
        ("By", None),
        ("By 2015", None),
    ],
)
def test_by_line(text, expected):
    assert by_line(text) == expected


def test_byline_elements_in_page_order():
    root = html.fromstring(
        "<div><p class='author'>A</p><p class='pb-byline'>B</p><p class='Author'>C</p>"
        "<p class='byline x'>D</p><p class='authorship'>E</p><p class='FeatureByline'>F</p></div>"
    )
    named, anywhere = byline_elements(root)
    assert [el.text for el in named] == ["A", "D"]
    assert [el.text for el in anywhere] == ["B", "D", "F"]
