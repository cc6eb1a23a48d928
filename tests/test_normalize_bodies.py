"""clean_body on whole article columns of real pages, against other projects' expected text.

The paragraphs are taken from each page's article container the simple way a page object
would (block elements split paragraphs, scripts dropped), so the furniture inside the
container (related links, ads, credits, share prompts) is what clean_body has to remove.
The ``*_expectation.txt`` files join paragraphs without separators, so the comparison ignores
whitespace; they keep the closing credit in the text, so ours is appended back.
"""

from __future__ import annotations

import json
import re

import pytest
from lxml import html as lxml_html

from newscrawler.normalize.text import clean_body
from tests.conftest import shared_page

_BLOCKS = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "br", "table", "tr"}
_BLOCKS |= {"section", "figure", "figcaption", "blockquote"}


def paragraphs(page: str, container: str, drop: str = "") -> list[str]:
    root = lxml_html.fromstring(shared_page(page).read_bytes())
    box = root.xpath(container)[0]
    for bad in box.xpath(".//script|.//style|.//noscript|.//iframe" + (f"|{drop}" if drop else "")):
        bad.drop_tree()
    for element in box.iter():
        if not isinstance(element.tag, str):
            continue
        element.text = re.sub(r"\s+", " ", element.text or "")
        element.tail = re.sub(r"\s+", " ", element.tail or "")
        if element.tag in _BLOCKS:
            element.text = "\n" + element.text
            element.tail = "\n" + element.tail
    return [line.strip() for line in box.text_content().split("\n") if line.strip()]


def _squash(text: str) -> str:
    # The Liputan6 expectation keeps U+200E marks that normalize_whitespace drops on purpose.
    return "".join(text.replace("\u200e", "").split())


# (page, article container, elements inside it that are not article text, dateline, credit)
EXPECTED = [
    (
        "liputan6/slasherrb_liputan6.html",
        '//div[contains(@class,"text-detail")]',
        "",
        "Liputan6.com, Jakarta",
        "(Mvi/Ali)",
    ),
    (
        "detik/slasherrb_detik.html",
        '//div[contains(@class,"detail_text")]',
        './/div[contains(@class,"pic_artikel")]',
        "Yogyakarta",
        "(bgs/rul)",
    ),
    (
        "kompas/slasherrb_kompas.html",
        '//div[contains(@class,"kcm-read-content-text")]',
        "",
        "JAKARTA, KOMPAS.com",
        None,
    ),
    ("okezone/slasherrb_okezone.html", '//div[@id="contentx"]', "", "JAKARTA", None),
    (
        "suara/slasherrb_suara.html",
        '//div[contains(@class,"contentDetail")]',
        "",
        "Suara.com",
        "(Luh Wayanti)",
    ),
    (
        "tribunnews/slasherrb_tribunnews.html",
        '//div[contains(@class,"txt-article")]',
        "",
        "TRIBUNNEWS.COM, JAKARTA",
        None,
    ),
    ("viva/slasherrb_viva.html", '//div[@id="article-content"]', "", "VIVA.co.id", "(ren)"),
    (
        "jakartapost/slasherrb_thejakartapost.html",
        '//div[contains(@class,"span-13 last")]',
        "",
        None,
        "(dmr)",
    ),
]


@pytest.mark.shared
@pytest.mark.parametrize(("page", "container", "drop", "dateline", "credit"), EXPECTED)
def test_body_matches_expectation(
    page: str, container: str, drop: str, dateline: str | None, credit: str | None
) -> None:
    body = clean_body(paragraphs(page, container, drop))
    expected = shared_page(page.replace(".html", "_expectation.txt")).read_text(encoding="utf-8")
    assert _squash(body.text + (body.credit or "")) == _squash(expected)
    assert (body.dateline, body.credit) == (dateline, credit)


@pytest.mark.shared
def test_detik_body_matches_its_ground_truth_paragraphs() -> None:
    truth = json.loads(shared_page("detik/detik_tisorlawan_1.groundtruth.json").read_text())
    body = clean_body(
        paragraphs("detik/detik_tisorlawan_1.html", '//div[contains(@class,"detail__body-text")]')
    )
    ours = body.text.split("\n\n")
    # The ground truth starts after the "Jakarta -" dateline and ends before the credit.
    assert ours[0] == "Jakarta - " + truth["paragraphs"][0]
    assert ours[1:] == truth["paragraphs"][1:]
    assert (body.dateline, body.credit) == ("Jakarta", "(mea/mea)")


@pytest.mark.shared
def test_antara_body_matches_its_ground_truth() -> None:
    truth = json.loads(shared_page("anpandu_groundtruth.json").read_text())
    expected = truth["pages"]["anpandu_antara-singlepage.html"]["content"]
    body = clean_body(
        paragraphs("antara/anpandu_antara-singlepage.html", '//div[@id="content_news"]')
    )
    # anpandu's scraper joins paragraphs with one newline; ours are separated by a blank line.
    assert body.text.split("\n\n") == expected.split("\n")
    assert body.dateline == "Mataram, NTB (ANTARA News)"


@pytest.mark.shared
def test_media_indonesia_desk_code_is_the_credit() -> None:
    page = "mediaindonesia/MediaIndonesia_2026_01_08.html"
    truth = json.loads(shared_page(page.replace(".html", ".groundtruth.json")).read_text())
    expected = [
        text
        for section in truth["V1"]["body"]["sections"]
        for text in [*section["headline"], *section["paragraphs"]]
    ]
    body = clean_body(
        paragraphs(page, '//section[contains(@class,"detail")]//div[@class="article"]', ".//figure")
    )
    # Fundus keeps the desk code in the text: "... gejolak eksternal tersebut. (H-4)".
    assert expected[-1].endswith("tersebut. (H-4)")
    assert body.text.split("\n\n") == [*expected[:-1], expected[-1].removesuffix(" (H-4)")]
    assert body.credit == "(H-4)"
