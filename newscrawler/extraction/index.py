"""What a page's helpers look up, read once instead of once per question.

A page object asks the document dozens of questions (every ``<meta>`` name of a cascade, the
JSON-LD blocks, a CSS selector per markup rule). Asked one by one, each is an XPath scan of the
whole tree, and on a 200 KB news page a scan costs about as much as a tenth of the parse.
:class:`PageIndex` walks the tags it needs once; :func:`compiled_css` turns each CSS selector
into an lxml XPath object once per process rather than once per call.

The answers are exactly those of the XPath they replace; ``tests/test_pages_index.py`` holds
both side by side.
"""

from __future__ import annotations

import re
import string
import weakref
from functools import lru_cache

import cssselect
import lxml.html
from lxml import etree
from parsel.csstranslator import HTMLTranslator

from newscrawler.extraction.treescan import having_attribute

# XPath's translate(@name, 'A..Z', 'a..z') lowercases ASCII letters only: an "İ" stays "İ".
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_LD_JSON = "application/ld+json"
# Elements PageIndex lists by tag: ``texts("h1")`` reads them without a walk of its own, and
# ``link[rel=canonical]`` tests a page's twenty ``<link>`` rather than every ``rel``.
INDEXED_TAGS = ("meta", "script", "title", "h1", "time", "link", "article")
# parsel's own translator, so `::text` and `::attr()` read as they do in `Selector.css`.
_TRANSLATOR = HTMLTranslator()
# The namespaces parsel's Selector.xpath passes to every query.
_NAMESPACES = {"re": "http://exslt.org/regular-expressions"}


def ascii_lower(value: str) -> str:
    """``value`` with A-Z lowercased and every other character kept (XPath ``translate``)."""
    # str.lower() is the same on ASCII and many times faster than translate().
    return value.lower() if value.isascii() else value.translate(_ASCII_LOWER)


@lru_cache(maxsize=512)
def compiled_css(css: str) -> etree.XPath:
    """An XPath finding what parsel's ``Selector.css(css)`` finds, compiled once.

    ``compiled_css(".byline a")(root)`` gives the elements ``Selector(root=root).css(".byline
    a")`` gives, in the same order, without a Selector per element; where every selector of
    the group names a class of its element, in one walk of the tree where parsel's XPath
    walks it once per selector (see :func:`one_walk_xpath`).
    """
    return etree.XPath(one_walk_xpath(css) or _TRANSLATOR.css_to_xpath(css), namespaces=_NAMESPACES)


def one_walk_xpath(css: str) -> str | None:
    """The CSS group as one walk of the tree screened by class, or None if it has ``::text``
    or a selector whose element has no class to screen by.

    cssselect writes ``.byline, .author`` as a union of two paths and ``.a .b`` as a path down
    from every ``.a``; libxml2 walks the whole document for each path. The same elements are
    those for which a test looking up from the element holds:
    ``descendant-or-self::*/@class[<"b" or "author">]/parent::*[(<.b> and ancestor::*[<.a>])
    or (<.author>)]``, one walk, still in document order and without repeats.

    ``.breadcrumb__item a`` names no class of its ``<a>``: a single walk would test every
    ``<a>`` of the page, each up through its ancestors: on the site pages that ask such
    selectors, parsel's paths down from each ``.breadcrumb__item`` cost a quarter as much.
    """
    plan = class_screen(css)
    if plan is None:
        return None
    tokens, test = plan
    # Each test asks for its class: elements without one of them are dropped by a plain
    # substring test on @class read once, before the token tests (normalize-space on @class,
    # once per selector) run on the few left. libxml2 screens the class attributes themselves
    # (``descendant-or-self::*/@class[...]/parent::*``) at two thirds the cost of a predicate
    # on every element; the parents come back in document order. ".byline, .author" walks in
    # a third of the time of the plain union.
    screens = " or ".join(f"contains(., {_literal(t)})" for t in tokens)
    return f"descendant-or-self::*/@class[{screens}]/parent::*[{test}]"


@lru_cache(maxsize=512)
def class_screen(css: str) -> tuple[tuple[str, ...], str] | None:
    """For a CSS group whose every selector names a class of its element: the substrings one
    of which each element it finds has in its ``class``, and the XPath test (relative to an
    element) that holds when one of the selectors matches it; None for any other group.

    ``.byline, .author a`` is None; ``.byline, .author .name`` gives (("byline", "name"),
    "(<.byline>) or (<.name> and ancestor::*[<.author>])").
    """
    trees = _trees(css)
    if trees is None:
        return None
    tokens = [token for tree in trees if (token := _a_class_token(tree))]
    if len(tokens) < len(trees):
        return None
    return tuple(_shortest(tokens)), _group_test(trees)


def _group_test(trees: list[cssselect.parser.Tree]) -> str:
    """The XPath test, relative to an element, that holds when one selector of the group
    matches it."""
    return " or ".join(f"({_matches(tree)})" for tree in trees)


@lru_cache(maxsize=512)
def _boolean(test: str) -> etree.XPath:
    return etree.XPath(f"boolean({test})", namespaces=_NAMESPACES)


def _shortest(tokens: list[str]) -> list[str]:
    """The tokens no other token is part of: containing "author" screens "author-name" too."""
    unique = list(dict.fromkeys(tokens))
    return [t for t in unique if not any(o != t and o in t for o in unique)]


@lru_cache(maxsize=512)
def candidate_test(css: str) -> tuple[str, Screen, etree.XPath] | None:
    """Where every element the CSS group can find is listed, and the test each must pass.

    ``"h1[itemprop=headline], [itemprop=headline] h1"`` can only find ``<h1>`` elements, and
    ``"[itemprop~=author] [itemprop~=name]"`` only elements with an ``itemprop``; a
    :class:`PageIndex` lists both kinds, so testing its few candidates replaces a walk of the
    whole tree. The source is a tag of ``INDEXED_TAGS`` or ``ATTRIBUTED``; None when the
    selectors do not all draw from one source. The :class:`Screen` drops in Python, before
    the XPath test, the many candidates that cannot match (a call of the test costs more than
    a dozen ``el.get``).
    """
    trees = _trees(css)
    if trees is None:
        return None
    sources = {_source(tree) for tree in trees}
    if len(sources) != 1:
        return None
    source = sources.pop()
    if source is None:
        return None
    screen = Screen(tuple(_needs(tree) for tree in trees))
    return source, screen, _boolean(_group_test(trees))


# Elements with these attributes are listed by PageIndex.attributed (in one walk, on demand).
ATTRIBUTED = "itemprop|rel"
_ATTRIBUTED_TUPLE = tuple(ATTRIBUTED.split("|"))
_ATTRIBUTED_NAMES = frozenset(_ATTRIBUTED_TUPLE)

# What an element must have for a compound selector to match it: its tag (or None for any)
# and (attribute, operator, value) conditions, operator "=" (equal) or "in" (a substring).
Conditions = tuple[tuple[str, str, str], ...]
Needs = tuple[str | None, Conditions]
_PLAIN_TAG = re.compile(r"[a-z][a-z0-9]*\Z")
_PLAIN_NAME = re.compile(r"[a-z][a-z0-9_-]*\Z")


class Screen:
    """A cheap necessary condition for a CSS group: an element passes when it has what one
    of the selectors' last compounds asks for (``[itemprop~=name]`` -> an ``itemprop``
    containing "name"). Weaker than the selector, never stronger: what passes is then
    tested by the selector's XPath."""

    def __init__(self, needs: tuple[Needs, ...]) -> None:
        self.needs = needs
        # An attribute of ATTRIBUTED every selector asks for: ``[itemprop=datePublished]``
        # need only look at the page's eight itemprops, not its forty itemprops and rels.
        shared = set.intersection(*({name for name, _, _ in conditions} for _, conditions in needs))
        self.attribute = min(shared & _ATTRIBUTED_NAMES, default=None)

    def keep(self, elements: list[etree._Element]) -> list[etree._Element]:
        """The elements that pass, in their order (one loop: a page tests hundreds)."""
        if len(self.needs) == 1:
            tag, conditions = self.needs[0]
            return [el for el in elements if _has(el, tag, conditions)]
        return [el for el in elements if any(_has(el, *need) for need in self.needs)]


def _has(element: etree._Element, tag: str | None, conditions: Conditions) -> bool:
    if tag is not None and element.tag != tag:
        return False
    for name, operator, value in conditions:
        found = element.get(name)
        if found is None or (found != value if operator == "=" else value not in found):
            return False
    return True


def _needs(tree: cssselect.parser.Tree) -> Needs:
    """The tag and attributes the selector's last compound requires, as far as they are
    plain: ``h1.title[itemprop=headline]`` -> ("h1", (("itemprop", "=", "headline"),
    ("class", "in", "title"))). A condition left out only lets more elements through."""
    node = tree.subselector if isinstance(tree, cssselect.parser.CombinedSelector) else tree
    conditions: list[tuple[str, str, str]] = []
    while not isinstance(node, cssselect.parser.Element):
        if isinstance(node, cssselect.parser.Class):
            conditions.append(("class", "in", str(node.class_name)))
        elif isinstance(node, cssselect.parser.Hash):
            conditions.append(("id", "=", str(node.id)))
        elif (
            isinstance(node, cssselect.parser.Attrib)
            and node.namespace is None
            and node.flag is None
            and node.operator in ("exists", "=", "~=")
            and _PLAIN_NAME.match(node.attrib.lower())
        ):
            # parsel's HTMLTranslator lowercases attribute names, not values.
            value = "" if node.value is None else str(node.value.value)
            conditions.append((node.attrib.lower(), "=" if node.operator == "=" else "in", value))
        # Negation, Pseudo, Function, ...: only add conditions; the compound goes on in
        # .selector (a Negation's own subselector is what the element must NOT be).
        node = node.selector
    tag = node.element.lower() if node.element and node.namespace is None else None
    if tag is not None and not _PLAIN_TAG.match(tag):
        tag = None
    return tag, tuple(conditions)


def _source(tree: cssselect.parser.Tree) -> str | None:
    """The indexed tag the selector's element has, else ATTRIBUTED if it needs one of those
    attributes, else None."""
    node = tree.subselector if isinstance(tree, cssselect.parser.CombinedSelector) else tree
    attributed = False
    while not isinstance(node, cssselect.parser.Element):
        if (
            isinstance(node, cssselect.parser.Attrib)
            and node.namespace is None
            and node.attrib.lower() in _ATTRIBUTED_NAMES
            # [rel!=x] also matches elements without a rel
            and node.operator != "!="
        ):
            attributed = True
        node = node.selector
    tag = node.element.lower() if node.element and node.namespace is None else None
    if tag in INDEXED_TAGS:
        return tag
    return ATTRIBUTED if attributed else None


def _trees(css: str) -> list[cssselect.parser.Tree] | None:
    """The parsed selectors of the group; None if one has a pseudo-element or it does not
    parse (parsel's translator then raises the same error, with its message)."""
    try:
        selectors = cssselect.parse(css)
    except cssselect.SelectorSyntaxError:
        return None
    if any(selector.pseudo_element is not None for selector in selectors):
        return None
    return [selector.parsed_tree for selector in selectors]


# How an element reaches the one on the left of a combinator: "a b" -> some ancestor is an
# "a"; "a > b" -> the parent; "a ~ b" -> an earlier sibling; "a + b" -> the sibling just before.
_UPWARD = {
    " ": "ancestor::*",
    ">": "parent::*",
    "~": "preceding-sibling::*",
    "+": "preceding-sibling::*[1]",
}


def _matches(tree: cssselect.parser.Tree) -> str:
    """An XPath test, relative to an element, that holds when the selector matches it."""
    if isinstance(tree, cssselect.parser.CombinedSelector):
        return (
            f"{_compound(tree.subselector)} and "
            f"{_UPWARD[tree.combinator]}[{_matches(tree.selector)}]"
        )
    return _compound(tree)


def _a_class_token(tree: cssselect.parser.Tree) -> str | None:
    """A class the selector's element must have (``.a .b.c`` -> "c"), or None."""
    node = tree.subselector if isinstance(tree, cssselect.parser.CombinedSelector) else tree
    while not isinstance(node, cssselect.parser.Element):
        if isinstance(node, cssselect.parser.Class):
            return str(node.class_name)
        # Attrib, Hash, Pseudo, Function, Negation, ...: the compound goes on in .selector
        # (a Negation's own subselector is what the element must NOT be).
        node = node.selector
    return None


def _literal(text: str) -> str:
    return str(_TRANSLATOR.xpath_literal(text))


def _compound(tree: cssselect.parser.Tree) -> str:
    """The test for one compound selector (``h1.title[itemprop=headline]``)."""
    expr = _TRANSLATOR.xpath(tree)
    if expr.path:
        raise ValueError(f"not a compound selector: {tree!r}")
    parts = [f"self::{expr.element}"] if expr.element != "*" else []
    if expr.condition:
        parts.append(f"({expr.condition})")
    return " and ".join(parts) or "true()"


@lru_cache(maxsize=512)
def compiled_xpath(xpath: str) -> etree.XPath:
    """``xpath`` compiled once, with parsel's namespaces."""
    return etree.XPath(xpath, namespaces=_NAMESPACES)


def text_of(element: etree._Element) -> str:
    """The element's text nodes joined by spaces, whitespace collapsed.

    The same as ``" ".join(" ".join(sel.css("::text").getall()).split())``: ``itertext``
    yields the text nodes ``descendant-or-self::text()`` finds, comments' text left out.
    ``<p>Oleh <b>Ani</b>,\\n Jakarta</p>`` gives ``"Oleh Ani , Jakarta"``.
    """
    return " ".join(" ".join(element.itertext()).split())


def _html_classes() -> etree.ElementNamespaceClassLookup:
    """The element classes lxml.html's lookup gives (``FormElement`` for ``<form>``,
    ``HtmlComment`` for a comment, ``HtmlElement`` otherwise), chosen inside lxml.

    lxml.html's own lookup is a Python method, called each time an element of the tree gets
    a Python object: a walk of a page's 1,500 elements calls it 1,500 times, and it costs
    about 0.2 us of the 0.5 us an element's object takes.
    """
    fallback = etree.ElementDefaultClassLookup(
        element=lxml.html.HtmlElement,
        comment=lxml.html.HtmlComment,
        pi=lxml.html.HtmlProcessingInstruction,
        entity=lxml.html.HtmlEntity,
    )
    lookup = etree.ElementNamespaceClassLookup(fallback)
    # Tags without a namespace: all of an HTML parse's (libxml2 lowercases them).
    by_tag = lookup.get_namespace(None)
    for tag, element_class in lxml.html.HtmlElementClassLookup._default_element_classes.items():
        by_tag[tag] = element_class
    return lookup


HTML_CLASSES = _html_classes()


def faster_element_classes(root: etree._Element) -> None:
    """Let the tree of ``root``, parsed by ``lxml.html.HTMLParser`` (as parsel parses every
    HTML response), choose its elements' classes without calling back into Python.

    The classes are the same ones: only the way to them changes. The parser belongs to this
    one tree (parsel makes one per document); lxml.html's shared parser, which
    ``lxml.html.fromstring`` parses every document with, is left as it is.
    """
    parser = root.getroottree().parser
    if type(parser) is lxml.html.HTMLParser and parser is not lxml.html.html_parser:
        parser.set_element_class_lookup(HTML_CLASSES)


class PageIndex:
    """The document's ``<meta>`` contents by name, its JSON-LD script texts and the elements
    of ``INDEXED_TAGS`` by tag, in page order, from one walk of the tree.

    ``metas["og:title"]`` lists, in document order, the ``content`` of every ``<meta>`` whose
    ``name`` or ``property`` is ``og:title`` in any ASCII case (a tag with both counts once),
    as ``//meta[translate(@name, ...)=$n or translate(@property, ...)=$n]/@content`` does;
    a space-separated list (``property="og:title twitter:title"``) names each of its words.
    """

    def __init__(self, root: etree._Element) -> None:
        self.metas: dict[str, list[str]] = {}
        self.ld_scripts: list[str] = []
        # The elements with an itemprop or a rel (key None), and those with one of them.
        self._attributed: dict[str | None, list[etree._Element]] = {}
        self.tags: dict[str, list[etree._Element]] = {tag: [] for tag in INDEXED_TAGS}
        for element in root.iter(*INDEXED_TAGS):
            tag = element.tag
            assert isinstance(tag, str)
            self.tags[tag].append(element)
            if tag == "meta":
                self._add_meta(element)
            elif tag == "script" and element.get("type") == _LD_JSON:
                self.ld_scripts.extend(_text_nodes(element))

    @classmethod
    def of(cls, root: etree._Element) -> PageIndex:
        """The index of the tree under ``root``, built once however many pages read it.

        ``newscrawler extract`` builds the generic page to learn the canonical URL, then the
        site's page for the same response: both read one index.
        """
        index = _INDEXES.get(root)
        if index is None:
            index = _INDEXES[root] = cls(root)
        return index

    def _add_meta(self, element: etree._Element) -> None:
        get = element.get
        content = get("content")
        if content is None:
            return
        # One tag may name several properties: RDFa allows a list, <meta
        # property="og:title twitter:title" content="...">.
        words = (get("name") or "").split() + (get("property") or "").split()
        # Most metas carry one name (10,000 metas of 340 bench pages): no set to build.
        keys = [ascii_lower(words[0])] if len(words) == 1 else {ascii_lower(w) for w in words}
        for key in keys:
            self.metas.setdefault(key, []).append(content)

    def select(self, root: etree._Element, css: str) -> list[etree._Element]:
        """The elements under ``root`` (the tree this index read) that ``css`` finds, in
        page order: from the index where :func:`candidate_test` says it lists them all,
        else by one walk (:func:`compiled_css`)."""
        if css in self.tags:
            return list(self.tags[css])
        plan = candidate_test(css)
        if plan is None:
            found = compiled_css(css)(root)
            assert isinstance(found, list)
            return [el for el in found if isinstance(el, etree._Element)]
        source, screen, test = plan
        if source == ATTRIBUTED:
            candidates = self.attributed_with(root, screen.attribute)
        else:
            candidates = self.tags[source]
        return [el for el in screen.keep(candidates) if test(el)]

    def attributed_with(self, root: etree._Element, name: str | None) -> list[etree._Element]:
        """The elements with an itemprop or a rel (one walk, on first use), or those of them
        with attribute ``name``."""
        lists = self._attributed
        if None not in lists:
            lists[None] = having_attribute(root, _ATTRIBUTED_TUPLE)
        if name not in lists:
            lists[name] = [el for el in lists[None] if el.get(name) is not None]
        return lists[name]

    def meta(self, name: str) -> list[str]:
        """Contents of the metas named ``name`` (matched as ``name.lower()``), page order."""
        return self.metas.get(name.lower(), [])


# Keyed by the parsed tree's root element: an entry goes when the response's tree does.
_INDEXES: weakref.WeakKeyDictionary[etree._Element, PageIndex] = weakref.WeakKeyDictionary()


def _text_nodes(element: etree._Element) -> list[str]:
    """The element's own text nodes (``text()``): a script holds one, or none when empty."""
    if len(element) == 0:
        return [element.text] if element.text else []
    return [str(node) for node in element.xpath("text()")]
