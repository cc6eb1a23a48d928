"""Where the generic page finds the article text when no markup names it: small pages built
the way real ones are (a blog without <article>, a chapter in sections, a footer of links)."""

from __future__ import annotations

from lxml import html

from newscrawler.extraction.body import best_marked_up, paragraphs
from newscrawler.extraction.density import _link_density, densest_block, whole_body

PROSE = (
    "The council voted on Tuesday to widen the road, after months of debate, two public "
    "hearings and a petition signed by more than four thousand residents."
)


def _text(markup: str) -> list[str]:
    block = densest_block(html.document_fromstring(markup))
    assert block is not None
    return paragraphs(block)


def test_paragraphs_straight_in_body_are_found():
    # Hand-written pages and old blogs put <p> straight into <body>.
    page = f"<html><body><p>{PROSE}</p><p>Second: {PROSE}</p></body></html>"
    assert _text(page) == [PROSE, f"Second: {PROSE}"]


def test_paragraphs_under_an_inline_or_custom_element_are_found():
    # A Drupal page wraps the text in <span> inside a field <div>; a footer column has one <p>.
    page = (
        "<html><body><div class='node'><div class='field'><span>"
        f"<p>{PROSE}</p><p>More: {PROSE}</p><p>Last: {PROSE}</p></span></div></div>"
        "<footer><div class='col'><p>About us, contact, jobs, advertise with us here.</p></div>"
        "</footer></body></html>"
    )
    assert _text(page) == [PROSE, f"More: {PROSE}", f"Last: {PROSE}"]


def test_a_column_of_links_loses_to_the_prose_column():
    teasers = "".join(
        f"<p><a href='/a{i}'>Teaser headline number {i}, with commas, many, many</a></p>"
        for i in range(8)
    )
    page = (
        f"<html><body><div class='list'>{teasers}</div>"
        f"<div class='story'><p>{PROSE}</p><p>And then: {PROSE}</p></div></body></html>"
    )
    assert _text(page) == [PROSE, f"And then: {PROSE}"]


def test_sibling_sections_of_one_text_are_joined_in_order():
    # A book chapter or long feature: each subheading starts a <section> of its own.
    sections = "".join(
        f"<section><h2>Part {i}</h2><p>{PROSE}</p><p>Part {i} goes on: {PROSE}</p></section>"
        for i in (1, 2, 3)
    )
    page = f"<html><body><main><div class='chapter'>{sections}</div></main></body></html>"
    text = _text(page)
    assert [line for line in text if line.startswith("Part ")] == [
        "Part 1",
        f"Part 1 goes on: {PROSE}",
        "Part 2",
        f"Part 2 goes on: {PROSE}",
        "Part 3",
        f"Part 3 goes on: {PROSE}",
    ]


def test_text_between_line_breaks_counts_as_paragraphs():
    # Old layouts: <div>text<br><br>text</div>, no <p> at all.
    page = f"<html><body><div id='isi'>{PROSE}<br><br>{PROSE}</div><div>Menu</div></body></html>"
    assert _text(page) == [PROSE, PROSE]


def test_furniture_never_wins():
    page = (
        "<html><body><div class='related-posts'>"
        + "".join(f"<p>{PROSE}</p>" for _ in range(5))
        + f"</div><div><p>{PROSE}</p></div></body></html>"
    )
    assert _text(page) == [PROSE]


def test_a_page_without_prose_has_no_block():
    assert densest_block(html.document_fromstring("<html><body><p>Hi</p></body></html>")) is None


def test_a_meta_article_body_and_comment_articles_are_passed_over():
    # Seattle Times: <meta itemprop="articleBody" content="summary">; WordPress comments are
    # <article class="comment-body"> printed before the story's <article>.
    page = html.document_fromstring(
        "<html><head><meta itemprop='articleBody' content='A summary.'></head><body>"
        "<article class='comment-body'><p>Great post, thanks for sharing it with us all!</p>"
        f"</article><article class='post'><p>{PROSE}</p></article></body></html>"
    )
    found = best_marked_up(page)
    assert found is not None
    assert paragraphs(found) == [PROSE]


def test_a_sidebar_wrapper_is_not_a_paragraph():
    # Blogger: <div class="column-right-inner"><aside>(40k of links)</aside></div> has no
    # block child, but its text is the aside's and never votes.
    links = " ".join(f"Some other blog number {i}, with a long name" for i in range(40))
    page = (
        f"<html><body><div class='column-right-inner'><aside><div>{links}</div></aside></div>"
        f"<div class='post'><p>{PROSE}</p><p>More: {PROSE}</p></div></body></html>"
    )
    assert _text(page) == [PROSE, f"More: {PROSE}"]


def test_link_density_counts_each_links_text_even_inside_another_link():
    # The parser keeps <a><b><a>..</a></b></a> nested: each link counts its own text, so the
    # inner link's text counts twice, as with one text_content() per link.
    nested = html.fragment_fromstring("<div><a>x<b><a>yy</a></b></a>zzzz</div>")
    assert _link_density(nested) == (3 + 2) / 7
    flat = html.fragment_fromstring("<div><p>Satu <a href='#'>dua</a> tiga <a>empat</a></p></div>")
    assert _link_density(flat) == len("duaempat") / len("Satu dua tiga empat")
    assert _link_density(html.fragment_fromstring("<div><a href='#'></a></div>")) == 1.0


def test_an_article_body_among_other_itemprop_names_is_found():
    # Blogger: <div class="post-body entry-content" itemprop="description articleBody">.
    page = html.document_fromstring(
        "<html><body><div class='sidebar'><p>About this blog and its author.</p></div>"
        f"<div class='post-body' itemprop='description articleBody'><p>{PROSE}</p></div>"
        "</body></html>"
    )
    found = best_marked_up(page)
    assert found is not None
    assert paragraphs(found) == [PROSE]


def test_a_page_of_short_lines_falls_back_to_its_body():
    page = html.document_fromstring(
        "<html><head><title>Notes</title></head><body><h2>Test Case 1</h2><img src='a.png'>"
        "<h2>Test Case 2</h2><script>var tracking = 'a long script, not text';</script>"
        "</body></html>"
    )
    assert densest_block(page) is None
    body = whole_body(page)
    assert body is not None
    assert paragraphs(body) == ["Test Case 1", "Test Case 2"]
    assert whole_body(html.document_fromstring("<html><body> <br> </body></html>")) is None
    gallery = (
        "<html><body><h1>Galeri: Suasana Pelelangan Ikan</h1><figure><img src='1.jpg'>"
        "<figcaption>Nelayan menurunkan hasil tangkapan.</figcaption></figure></body></html>"
    )
    assert whole_body(html.document_fromstring(gallery)) is None


def test_script_text_in_a_table_cell_does_not_vote():
    # A Korean portal: an ad's <script> in a <td> beside the article, which is one <div> of
    # text and <br>s with no <p> at all.
    script = "Criteo.DisplayAd({zoneid: 770676, async: false, a: 1, b: 2, c: 3, d: 4});" * 3
    article = "<br><br>".join(f"Paragraph {i}: {PROSE}" for i in range(4))
    page = (
        f"<html><body><div class='news'><div id='_article'>{article}</div></div>"
        f"<table><tr><td><script>{script}</script></td><td>x</td></tr></table></body></html>"
    )
    assert _text(page) == [f"Paragraph {i}: {PROSE}" for i in range(4)]


def test_a_paragraph_of_links_does_not_outvote_the_story():
    # Archive of Our Own's kudos: a thousand user names in links, comma after comma.
    names = ", ".join(f"<a href='/users/u{i}'>reader_number_{i}</a>" for i in range(300))
    page = (
        f"<html><body><div class='story'><p>{PROSE}</p><p>Then: {PROSE}</p></div>"
        f"<div id='kudos'><p>{names} left kudos on this work!</p></div></body></html>"
    )
    assert _text(page) == [PROSE, f"Then: {PROSE}"]


def test_blocks_of_the_best_blocks_class_elsewhere_are_joined_in_order():
    # Quanta: a feature broken by full-width figures is one <div class="post__content"> per
    # <section>; a teaser's <div class="teaser"> in between is not of the text.
    def part(i: int) -> str:
        return (
            f"<section><div class='wrap'><div class='post__content'><p>Part {i}: {PROSE}</p>"
            f"<p>Part {i} again: {PROSE}</p></div></div></section>"
        )

    page = (
        f"<html><body><main>{part(1)}<figure><img src='x.jpg'></figure>{part(2)}"
        f"<section><div class='teaser'><p>Read next: {PROSE}</p></div></section>{part(3)}"
        "</main></body></html>"
    )
    assert _text(page) == [
        f"Part {i}{again}: {PROSE}" for i in (1, 2, 3) for again in ("", " again")
    ]


def test_layout_classes_on_body_do_not_hide_the_page():
    # Drupal: <body class="one-sidebar sidebar-second">; the article is in plain <div>s.
    page = (
        "<html><body class='one-sidebar sidebar-second'><div class='node'>"
        f"<p>{PROSE}</p><p>More: {PROSE}</p></div></body></html>"
    )
    assert _text(page) == [PROSE, f"More: {PROSE}"]


def test_short_steps_whose_class_starts_alike_are_joined():
    # eHow: <div class="content lead"> in the first step, <div class="content"> in the others,
    # each a short paragraph or two; the sidebar's <div class="teaser"> is not a step.
    steps = "".join(
        f"<div class='step'><h3>Step {i}</h3><div class='content'>"
        f"<p>Step {i}: water the plants, then wait a day.</p></div></div>"
        for i in (2, 3)
    )
    page = (
        "<html><body><div class='main'><div class='step'><div class='content lead'>"
        f"<p>{PROSE}</p><p>Also: {PROSE}</p></div></div>{steps}</div>"
        "<div class='teaser'><p>Other guides: how to plant, how to prune, how to mulch.</p>"
        "</div></body></html>"
    )
    assert _text(page) == [
        PROSE,
        f"Also: {PROSE}",
        "Step 2: water the plants, then wait a day.",
        "Step 3: water the plants, then wait a day.",
    ]


def test_an_article_of_text_and_line_breaks_is_marked_up():
    page = html.document_fromstring(
        f"<html><body><div><p>Menu item one, two</p></div><article><h1>Lorem</h1>"
        f"<div>{PROSE}<br><br>{PROSE}</div></article></body></html>"
    )
    found = best_marked_up(page)
    assert found is not None
    assert paragraphs(found) == ["Lorem", PROSE, PROSE]


def test_a_table_that_outvotes_its_article_brings_the_article():
    # Wikipedia's "List of ..." pages: a lead paragraph, then a table of many rows.
    rows = "".join(
        f"<tr><td>Film number {i}, a story of a day, lived again</td><td>19{i:02d}</td></tr>"
        for i in range(30)
    )
    page = (
        f"<html><body><div class='mw-parser-output'><p>{PROSE}</p><table><tbody>{rows}"
        "</tbody></table><p>Notes: more lists of films, and of books, exist.</p></div>"
        "<div class='footer-links'><a href='/about'>About</a></div></body></html>"
    )
    text = _text(page)
    assert text[0] == PROSE
    assert "Film number 29, a story of a day, lived again" in text
    assert text[-1] == "Notes: more lists of films, and of books, exist."
    assert "About" not in text


def test_text_around_a_read_more_box_is_kept():
    # The Herald Sun: the first paragraphs straight in <div class="story-body">, the rest in
    # a "read more" box two levels down, which alone holds the most.
    rest = "".join(f"<p>Later {i}: {PROSE}</p>" for i in range(6))
    page = (
        f"<html><body><div class='story-body'><p>First: {PROSE}</p><p>Second: {PROSE}</p>"
        f"<p>Third: {PROSE}</p><div id='read-more'><div id='read-more-content'>{rest}"
        "</div></div></div><div class='footer-links'><p>About us, contact us, jobs, and more.</p>"
        "</div></body></html>"
    )
    text = _text(page)
    assert text[:3] == [f"First: {PROSE}", f"Second: {PROSE}", f"Third: {PROSE}"]
    assert text[-1] == f"Later 5: {PROSE}"


def test_a_caption_box_beside_the_text_does_not_lift_its_parent():
    # CTV News: <div class="element article"> holds a photo's long caption and the text's own
    # <div class="articleBody">; the caption is not article text.
    caption = (
        "In this file photo made available by NASA, astronaut Robert Curbeam, left, and "
        "Christer Fuglesang work on the station above the Earth on the third day of their "
        "spacewalk in December 2006 during which they rewired the power system of the "
        "station and moved a radiator that had been stuck for weeks before, the agency said."
    )
    page = (
        f"<html><body><div class='element article'><div class='image'><p>{caption}</p>"
        f"</div><div class='clearfix'><div class='articleBody'><p>{PROSE}</p>"
        f"<p>Then: {PROSE}</p><p>After: {PROSE}</p></div><div class='meta'><p>The Associated "
        "Press, published Monday</p></div></div></div></body></html>"
    )
    assert _text(page) == [PROSE, f"Then: {PROSE}", f"After: {PROSE}"]
