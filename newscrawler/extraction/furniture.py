"""What is never article text, by tag, attribute and name: scripts and players, hidden
elements, ARIA landmarks of navigation, and boxes whose class or id names furniture ("baca-
juga", "share-bar", "related-posts") rather than text. The walk (:mod:`body`) and the
choice of block (:mod:`density`) both ask it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

# Elements whose text is never article text.
SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "object",
        "embed",
        "video",
        "audio",
        "figure",
        "figcaption",
        "picture",
        "svg",
        "canvas",
        "form",
        "button",
        "select",
        "input",
        "textarea",
        "nav",
        "aside",
        "footer",
        "header",
        "ins",
        "head",
        "title",
        "meta",
        "link",
    }
)

# Elements that end a paragraph.
BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "blockquote",
        "pre",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "tr",
        "td",
        "th",
        "hr",
        "center",
        "address",
    }
)

# class/id tokens of furniture blocks inside article containers, e.g. Liputan6's
# <div class="baca-juga"> list of related links in the middle of the text.
_FURNITURE = re.compile(
    r"^(?:baca-?juga\w*|bacajuga\w*|read-?also\w*|related\w*|inline-related\w*|"
    r"share\w*|social\w*|sharing\w*|advert\w*|ads?|ad-\w+|ads-\w+|\w+-ads?|iklan\w*|"
    r"promo\w*|newsletter\w*|tags?|tag-\w+|tags-\w+|\w+-tags?|comments?|comment-\w+|"
    r"video-?\w*|popul\w*|trending[\w-]*|recommend\w*|outbrain\w*|taboola\w*|"
    r"caption\w*|breadcrumbs?|author-?(?:box|bio|card|profile)\w*|byline\w*|hidden|sr-only|visually-hidden|"
    # A sidebar under its own name or its column's: Hearst's <div class="article-sidebar">
    # ("Most Popular") inside the <article>; "has-sidebar" names a layout, not a box.
    r"(?:(?!has-|no-|with-|without-)\w+-)?sidebar\w*|"
    r"widget\w*|paging\w*|pagination\w*|box-?baca\w*|lihat-?juga\w*|artikel-?terkait\w*)$",
    re.IGNORECASE,
)
# Related-link boxes under compound names: Liputan6's "baca-juga-collections", KapanLagi's
# "box-related-news", detik's "cb-berita-terkait", Okezone's "ga_WidgetBeritaTerkait",
# Sporting News' "recommended-stories-module", Hearst's "most-popular", the Washington Post's
# "inline-gallery-embedded" (a slideshow's buttons and counters), the Seattle Times'
# "most-read-container", Medium's "postFooter-info" (the writer's card). The text rule for a
# bare "Baca Juga" line cannot tell such a list from a subheading after it.
_RELATED_BOX = re.compile(
    r"^(?:[a-z0-9]+[-_]+)*(?:baca-?juga|read-?also|lihat-?juga|related[a-z0-9]*|[a-z0-9]*terkait|"
    r"recommend[a-z]*|popular|similar[a-z]*|gallery|most[-_]?(?:read|shared|viewed|commented)|"
    r"[a-z]*footer)(?:[-_]+[a-z0-9]+)*$",
    re.IGNORECASE,
)

# A word every furniture token above contains ("ad" for "ads", "read-also" and "advert*"):
# three class strings in four have none, and this one search rules them out at a third of
# the cost of the token patterns. Only for ASCII: under IGNORECASE "ſhare" matches "share".
_FURNITURE_HINT = re.compile(
    r"ad|baca|related|shar|social|iklan|promo|newsletter|tag|comment|video|popul|recommend|"
    r"outbrain|taboola|caption|breadcrumb|byline|sidebar|hidden|sr-only|widget|"
    r"trending|similar|gallery|most|footer|author|paging|pagination|lihat|terkait"
)


# ARIA roles of <nav>, <aside> and <footer>, on other elements: Wikipedia's link tables at the
# foot of an article are <div role="navigation" class="navbox">.
FURNITURE_ROLES = frozenset({"navigation", "complementary", "contentinfo"})


def is_furniture(el: etree._Element) -> bool:
    # The names first, in one call: most text elements (<p>, <b>, <br>) have no attribute at
    # all, and an element with some has few, so only those present are read (a get() costs
    # about as much as the list of names).
    present = el.keys()
    if not present:
        return False
    get = el.get
    if "hidden" in present or ("aria-hidden" in present and get("aria-hidden") == "true"):
        return True
    if "role" in present:
        role = get("role")
        if role and role in FURNITURE_ROLES:
            return True
    if "style" in present:
        style = get("style")
        if style and hides(style):
            return True
    if "class" in present:
        names = get("class")
        if names and furniture_names(names):
            return True
    if "id" in present:
        names = get("id")
        return bool(names and furniture_names(names))
    return False


# Pages repeat the same few class strings on thousands of elements ("clearfix", "col-md-4"):
# the token regexes run once per distinct string.
def not_shown(el: etree._Element) -> bool:
    """Whether the walk leaves ``el`` out: hidden, an ARIA landmark of furniture, or named
    as furniture."""
    return is_furniture(el)


def named_as_furniture(el: etree._Element) -> bool:
    """Whether ``el``'s class or id names a furniture box ("baca-juga", "share-bar"),
    whatever hides it or shows it."""
    names = f"{el.get('class') or ''} {el.get('id') or ''}".strip()
    return bool(names) and furniture_names(names)


@lru_cache(maxsize=8192)
def furniture_names(value: str) -> bool:
    """Whether a class or id attribute holds a furniture token ("baca-juga", "share-bar")."""
    if value.isascii() and _FURNITURE_HINT.search(value.lower()) is None:
        return False
    tokens = value.split()
    if any(_POST_MARK.match(token) for token in tokens):
        return False
    found = [
        token
        for token in tokens
        if (_FURNITURE.match(token) or _RELATED_BOX.match(token)) and not _STATE.match(token)
    ]
    if not found:
        return False
    # "widget" names any box a CMS lets the owner place, the posts included: Blogger prints
    # every post inside <div class="widget Blog" id="Blog1">. Such a box is furniture unless
    # another of its names says it holds the text.
    return not (
        all(_WIDGET.match(token) for token in found)
        and any(token.lower() in _TEXT_BOX_NAMES for token in tokens)
    )


# WordPress prints the post's container with its own classes and one per tag, category and
# format: <article class="post-34222 post type-post hentry tag-politics format-gallery">.
# Such a box is the post, whatever its tags are called.
_POST_MARK = re.compile(r"^(?:hentry|type-post|status-publish|post-\d+)$", re.IGNORECASE)
# Names of a state or a layout, not of a box: "has-sidebar", "et-tb-has-footer" (Divi's
# wrapper of the whole page), "sidebar_enabled", "no-gallery", "format-video".
_STATE = re.compile(
    r"^(?:[\w-]*[-_])?(?:has|no|with|without|is)[-_]\w+$|^format[-_]\w+$|"
    r"^\w+[-_](?:enabled|disabled|active|layout|template)$",
    re.IGNORECASE,
)
_WIDGET = re.compile(r"^widget\w*$", re.IGNORECASE)
# Whole class names that say a box holds the article, beside "widget".
_TEXT_BOX_NAMES = frozenset({"blog", "post", "posts", "article", "content", "entry", "story"})


@lru_cache(maxsize=1024)
def hides(style: str) -> bool:
    return "display:none" in style.replace(" ", "").lower()
