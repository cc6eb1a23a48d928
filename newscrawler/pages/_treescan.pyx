# cython: language_level=3, boundscheck=False, wraparound=False
"""Walks of a parsed page that run over libxml2's nodes directly (lxml's public C API).

Every element a Python walk visits costs an lxml proxy object, a new string for its tag and
one for each attribute it reads; an XPath that tests ``contains(@class, ...)`` copies each
class string once per test. On a news page of 1,500 elements either costs a quarter of the
parse. These loops read the same nodes in C and make a Python object only for what they
return. ``newscrawler/pages/treescan.py`` holds the same walks in Python and picks this
module when it is compiled; ``tests/test_pages_treescan.py`` holds both side by side.
"""

from cpython.unicode cimport PyUnicode_DecodeUTF8
from libc.stdlib cimport free, malloc, realloc
from libc.string cimport memcpy, memset, strcmp, strlen, strstr
from lxml.includes cimport tree
from lxml.includes.etreepublic cimport _Document, _Element, elementFactory, import_lxml__etree

import_lxml__etree()


cdef inline tree.xmlNode* _next_node(tree.xmlNode* c, tree.xmlNode* top) noexcept:
    """The node after ``c`` in document order, children first, without leaving ``top``."""
    if c.type == tree.XML_ELEMENT_NODE and c.children is not NULL:
        return c.children
    while c is not top and c.next is NULL:
        c = c.parent
    if c is top:
        return NULL
    return c.next


cdef bytes _value(_Document doc, tree.xmlNode* element, tree.xmlAttr* attr):
    """An attribute's value as UTF-8 bytes. An HTML parse gives each value as one text node;
    anything else (entity references in XML) is read through lxml's own ``get``."""
    cdef tree.xmlNode* child = attr.children
    if child is NULL:
        return b""
    if child.next is NULL and child.type == tree.XML_TEXT_NODE:
        return <bytes>(<const char*>child.content) if child.content is not NULL else b""
    name = (<bytes>(<const char*>attr.name)).decode("utf-8")
    return elementFactory(doc, element).get(name, "").encode("utf-8")


cdef tree.xmlAttr* _attribute(tree.xmlNode* element, const char* name) noexcept:
    """The element's attribute ``name`` without a namespace, as ``@name`` finds it."""
    cdef tree.xmlAttr* attr = element.properties
    while attr is not NULL:
        if attr.ns is NULL and strcmp(<const char*>attr.name, name) == 0:
            return attr
        attr = attr.next
    return NULL


def attribute_contains(_Element root, bytes name, tuple words):
    """The elements under ``root`` (itself included), in page order, whose attribute
    ``name`` (no namespace) contains one of ``words`` (UTF-8 bytes): what
    ``descendant-or-self::*/@name[contains(., w1) or ...]/parent::*`` finds."""
    cdef list found = []
    cdef tree.xmlNode* top = root._c_node
    cdef tree.xmlNode* c = top
    cdef tree.xmlAttr* attr
    cdef bytes value
    cdef bytes word
    while c is not NULL:
        if c.type == tree.XML_ELEMENT_NODE:
            attr = _attribute(c, name)
            if attr is not NULL:
                value = _value(root._doc, c, attr)
                for word in words:
                    if strstr(value, word) is not NULL:
                        found.append(elementFactory(root._doc, c))
                        break
        c = _next_node(c, top)
    return found


def subtree_elements(list anchors, bytes tag, Py_ssize_t limit):
    """The elements under each of ``anchors`` (each included), in page order and each once,
    named ``tag`` (any name if empty), or None when there are more than ``limit``.

    ``anchors`` are in page order, as attribute_contains gives them: one inside an earlier
    one's subtree adds nothing.
    """
    cdef list found = []
    cdef _Element anchor
    cdef tree.xmlNode* last_top = NULL
    cdef tree.xmlNode* top
    cdef tree.xmlNode* c
    cdef const char* wanted = tag
    for item in anchors:
        anchor = <_Element?>item
        top = anchor._c_node
        if last_top is not NULL and _inside(top, last_top):
            continue
        last_top = top
        c = top
        while c is not NULL:
            if c.type == tree.XML_ELEMENT_NODE and (
                wanted[0] == 0 or (c.ns is NULL and strcmp(<const char*>c.name, wanted) == 0)
            ):
                if len(found) >= limit:
                    return None
                found.append(elementFactory(anchor._doc, c))
            c = _next_node(c, top)
    return found


cdef inline bint _inside(tree.xmlNode* node, tree.xmlNode* ancestor) noexcept:
    node = node.parent
    while node is not NULL:
        if node is ancestor:
            return True
        node = node.parent
    return False


cdef inline object _text_of_attribute(_Document doc, tree.xmlNode* element, const char* name):
    cdef tree.xmlAttr* attr = _attribute(element, name)
    if attr is NULL:
        return None
    return _value(doc, element, attr).decode("utf-8")


def index_page(_Element root, tuple tags):
    """What ``PageIndex`` reads, from one walk: the elements named each of ``tags`` (UTF-8
    bytes) in page order, one list per tag; (content, name, property) of every ``<meta>``
    with a ``content``; and the own text nodes of every ``<script
    type="application/ld+json">`` (all of them joined where the script has no child element,
    comment or instruction, as lxml's ``text`` reads it; else one per node, as ``text()``).
    """
    cdef list lists = [[] for _ in tags]
    cdef list metas = []
    cdef list scripts = []
    cdef tree.xmlNode* top = root._c_node
    cdef tree.xmlNode* c = top
    cdef tree.xmlNode* child
    cdef _Document doc = root._doc
    cdef Py_ssize_t i
    cdef Py_ssize_t count = len(tags)
    cdef bytes tag
    cdef const char* name
    cdef Buffer joined
    while c is not NULL:
        if c.type == tree.XML_ELEMENT_NODE and c.ns is NULL:
            name = <const char*>c.name
            for i in range(count):
                tag = <bytes>tags[i]
                if name[0] == (<const char*>tag)[0] and strcmp(name, tag) == 0:
                    (<list>lists[i]).append(elementFactory(doc, c))
                    if strcmp(name, "meta") == 0:
                        content = _text_of_attribute(doc, c, "content")
                        if content is not None:
                            metas.append(
                                (
                                    content,
                                    _text_of_attribute(doc, c, "name"),
                                    _text_of_attribute(doc, c, "property"),
                                )
                            )
                    elif strcmp(name, "script") == 0 and _text_of_attribute(
                        doc, c, "type"
                    ) == "application/ld+json":
                        if not _has_children(c):
                            memset(&joined, 0, sizeof(Buffer))
                            try:
                                child = c.children
                                while child is not NULL:
                                    if _is_text(child):
                                        _append_text(&joined, child)
                                    child = child.next
                                if joined.length:
                                    scripts.append(_decoded(&joined))
                            finally:
                                free(joined.data)
                        else:
                            child = c.children
                            while child is not NULL:
                                if _is_text(child):
                                    scripts.append(
                                        (<bytes>(<const char*>child.content)).decode("utf-8")
                                        if child.content is not NULL
                                        else ""
                                    )
                                child = child.next
                    break
        c = _next_node(c, top)
    return lists, metas, scripts


def having_attribute(_Element root, tuple names):
    """The elements under ``root`` (itself included), in page order, with at least one of
    the attributes ``names`` (UTF-8 bytes, no namespace): what
    ``(descendant-or-self::*/@a | descendant-or-self::*/@b)/parent::*`` finds."""
    cdef list found = []
    cdef tree.xmlNode* top = root._c_node
    cdef tree.xmlNode* c = top
    cdef tree.xmlAttr* attr
    cdef bytes name
    while c is not NULL:
        if c.type == tree.XML_ELEMENT_NODE:
            attr = c.properties
            while attr is not NULL:
                if attr.ns is NULL and _one_of(<const char*>attr.name, names):
                    found.append(elementFactory(root._doc, c))
                    break
                attr = attr.next
        c = _next_node(c, top)
    return found


cdef inline bint _one_of(const char* name, tuple names):
    cdef bytes candidate
    for candidate in names:
        if strcmp(name, candidate) == 0:
            return True
    return False


# What TextWalk does with an element, by its tag (body.py's _SKIP_TAGS and _BLOCK_TAGS).
cdef enum Kind:
    OTHER = 0
    SKIPPED = 1
    BLOCK = 2
    BREAK_LINE = 3

# Tag names a walk has classified, by the address of the name: libxml2 keeps one copy of
# each name per dictionary, so a page's 600 <div>s share one address and are told apart
# from the tag sets once. Each walk has its own (the tree does not change during one).
cdef enum:
    _CACHE_SIZE = 256


cdef struct Buffer:
    char* data
    size_t length
    size_t capacity


cdef struct Walk:
    const void* names[_CACHE_SIZE]
    int kinds[_CACHE_SIZE]
    Buffer out


cdef int _append(Buffer* buffer, const char* text, size_t size) except -1:
    cdef char* grown
    cdef size_t wanted
    if buffer.length + size > buffer.capacity:
        wanted = 2 * buffer.capacity
        if wanted < buffer.length + size:
            wanted = buffer.length + size
        if wanted < 4096:
            wanted = 4096
        grown = <char*>realloc(buffer.data, wanted)
        if grown is NULL:
            raise MemoryError()
        buffer.data = grown
        buffer.capacity = wanted
    memcpy(buffer.data + buffer.length, text, size)
    buffer.length += size
    return 0


cdef inline int _append_text(Buffer* buffer, tree.xmlNode* node) except -1:
    if node.content is not NULL:
        _append(buffer, <const char*>node.content, strlen(<const char*>node.content))
    return 0


cdef inline bint _is_text(tree.xmlNode* node) noexcept:
    return node.type == tree.XML_TEXT_NODE or node.type == tree.XML_CDATA_SECTION_NODE


cdef inline str _decoded(Buffer* buffer):
    return PyUnicode_DecodeUTF8(buffer.data, buffer.length, NULL)


# Deeper than any parse gives (libxml2 stops at 2,048 levels); a tree built by hand that
# goes deeper gets Python's error rather than the C stack's end.
cdef enum:
    _MAX_DEPTH = 10000


cdef int _string_value(Buffer* buffer, tree.xmlNode* node) except -1:
    """Appends every text node under ``node`` in page order: XPath's string(), lxml.html's
    text_content()."""
    cdef tree.xmlNode* top = node
    cdef tree.xmlNode* c = node
    while c is not NULL:
        if _is_text(c):
            _append_text(buffer, c)
        c = _next_node(c, top)
    return 0


cdef inline bint _has_children(tree.xmlNode* node) noexcept:
    """len(element) > 0: a child element, comment or processing instruction (lxml counts
    those, not text)."""
    cdef tree.xmlNode* child = node.children
    while child is not NULL:
        if (
            child.type == tree.XML_ELEMENT_NODE
            or child.type == tree.XML_COMMENT_NODE
            or child.type == tree.XML_PI_NODE
            or child.type == tree.XML_ENTITY_REF_NODE
        ):
            return True
        child = child.next
    return False


cdef class Rules:
    """body.py's test for furniture (``_is_furniture``): the ARIA ``roles`` of furniture,
    ``furniture_names(value)`` for a class or id, ``hides(style)`` for a style. Given by
    the caller, so the rules live in one place."""

    cdef frozenset roles
    cdef object furniture_names
    cdef object hides

    def __init__(self, roles, furniture_names, hides):
        self.roles = frozenset(roles)
        self.furniture_names = furniture_names
        self.hides = hides

    cdef bint _is_furniture(self, _Document doc, tree.xmlNode* element) except -1:
        cdef tree.xmlAttr* attr
        cdef bytes value
        if element.properties is NULL:
            return False
        if _attribute(element, "hidden") is not NULL:
            return True
        attr = _attribute(element, "aria-hidden")
        if attr is not NULL and _value(doc, element, attr) == b"true":
            return True
        attr = _attribute(element, "role")
        if attr is not NULL:
            value = _value(doc, element, attr)
            if value and value.decode("utf-8") in self.roles:
                return True
        attr = _attribute(element, "style")
        if attr is not NULL:
            value = _value(doc, element, attr)
            if value and self.hides(value.decode("utf-8")):
                return True
        return self._names_furniture(doc, element, "class") or self._names_furniture(
            doc, element, "id"
        )

    cdef bint _names_furniture(
        self, _Document doc, tree.xmlNode* element, const char* name
    ) except -1:
        cdef tree.xmlAttr* attr = _attribute(element, name)
        cdef bytes value
        if attr is NULL:
            return False
        value = _value(doc, element, attr)
        return bool(value) and bool(self.furniture_names(value.decode("utf-8")))


cdef class TextWalk(Rules):
    """The visible text of a container, with "\\x00" where a block starts or ends and at
    each ``<br>``, as ``newscrawler.pages.body.paragraphs`` joins it before splitting:
    body.py's ``_walk`` in C, tag sets (``skipped``, ``blocks``) and furniture from it.
    """

    cdef frozenset skipped
    cdef frozenset blocks

    def __init__(self, skipped, blocks, roles, furniture_names, hides):
        super().__init__(roles, furniture_names, hides)
        self.skipped = frozenset(tag.encode() for tag in skipped)
        self.blocks = frozenset(tag.encode() for tag in blocks)

    cdef Kind _kind(self, Walk* walk, tree.xmlNode* element) except *:
        cdef size_t slot
        cdef size_t probe
        cdef Kind kind
        if element.ns is not NULL:
            return OTHER
        slot = (<size_t>element.name >> 4) % _CACHE_SIZE
        for probe in range(_CACHE_SIZE):
            if walk.names[slot] == <const void*>element.name:
                return <Kind>walk.kinds[slot]
            if walk.names[slot] is NULL:
                break
            slot = (slot + 1) % _CACHE_SIZE
        # Python's str.lower() of the tag, as the walk in body.py reads it.
        name = (<bytes>(<const char*>element.name)).decode("utf-8").lower().encode("utf-8")
        if name in self.skipped:
            kind = SKIPPED
        elif name == b"br":
            kind = BREAK_LINE
        elif name in self.blocks:
            kind = BLOCK
        else:
            kind = OTHER
        if walk.names[slot] is NULL:
            walk.names[slot] = <const void*>element.name
            walk.kinds[slot] = <int>kind
        return kind

    cdef int _inside(
        self, _Document doc, Walk* walk, tree.xmlNode* element, Kind kind, int depth
    ) except -1:
        """Appends the element's visible text: it is shown (not skipped, not furniture)."""
        cdef tree.xmlNode* child
        cdef Kind child_kind
        if depth > _MAX_DEPTH:
            raise RecursionError("page nested too deep to walk")
        if kind == BREAK_LINE or kind == BLOCK:
            _append(&walk.out, "\0", 1)
        child = element.children
        while child is not NULL:
            if child.type == tree.XML_TEXT_NODE or child.type == tree.XML_CDATA_SECTION_NODE:
                _append_text(&walk.out, child)
            elif child.type == tree.XML_ELEMENT_NODE:
                child_kind = self._kind(walk, child)
                if child_kind != SKIPPED and not self._is_furniture(doc, child):
                    self._inside(doc, walk, child, child_kind, depth + 1)
            child = child.next
        if kind == BLOCK:
            _append(&walk.out, "\0", 1)
        return 0

    cdef int _walk(self, _Element container, Walk* walk) except -1:
        """Fills ``walk.out`` with the container's text and its tail, "\\x00" where a
        paragraph ends."""
        cdef tree.xmlNode* top = container._c_node
        cdef tree.xmlNode* after
        cdef Kind kind
        if top.type == tree.XML_ELEMENT_NODE:
            kind = self._kind(walk, top)
            if kind != SKIPPED:
                self._inside(container._doc, walk, top, kind, 0)
        after = top.next
        while after is not NULL and (
            after.type == tree.XML_TEXT_NODE or after.type == tree.XML_CDATA_SECTION_NODE
        ):
            _append_text(&walk.out, after)
            after = after.next
        return 0

    def text(self, _Element container):
        """The container's text and its tail, "\\x00" where a paragraph ends."""
        cdef Walk walk
        memset(&walk, 0, sizeof(Walk))
        try:
            self._walk(container, &walk)
            return _decoded(&walk.out)
        finally:
            free(walk.out.data)

    def has_text(self, _Element container):
        """Whether ``paragraphs(container)`` is not empty: a character that is neither
        whitespace nor a break anywhere in the text."""
        cdef Walk walk
        cdef const unsigned char* text
        cdef size_t at = 0
        cdef size_t size
        memset(&walk, 0, sizeof(Walk))
        try:
            self._walk(container, &walk)
            text = <const unsigned char*>walk.out.data
            while at < walk.out.length:
                if text[at] == 0:
                    at += 1
                    continue
                size = _space_at(text, at, walk.out.length)
                if not size:
                    return True
                at += size
            return False
        finally:
            free(walk.out.data)

    def paragraphs(self, _Element container):
        """The text's paragraphs, whitespace collapsed as ``" ".join(chunk.split())`` does
        and empty ones dropped: ``body.paragraphs``, without a Python string per word."""
        cdef Walk walk
        memset(&walk, 0, sizeof(Walk))
        try:
            self._walk(container, &walk)
            return _split_paragraphs(walk.out.data, walk.out.length)
        finally:
            free(walk.out.data)


cdef inline size_t _space_at(const unsigned char* text, size_t at, size_t end) noexcept:
    """The length in bytes of the whitespace character (``str.isspace``) at ``at``, or 0."""
    cdef unsigned char c = text[at]
    if c == 0x20 or (0x09 <= c <= 0x0D) or (0x1C <= c <= 0x1F):
        return 1
    if c == 0xC2 and at + 1 < end and (text[at + 1] == 0x85 or text[at + 1] == 0xA0):
        return 2  # U+0085, U+00A0
    if at + 2 >= end or c < 0xE1 or c > 0xE3:
        return 0
    if c == 0xE1:
        return 3 if text[at + 1] == 0x9A and text[at + 2] == 0x80 else 0  # U+1680
    if c == 0xE3:
        return 3 if text[at + 1] == 0x80 and text[at + 2] == 0x80 else 0  # U+3000
    if text[at + 1] == 0x80:
        c = text[at + 2]
        # U+2000-U+200A, U+2028, U+2029, U+202F
        return 3 if (0x80 <= c <= 0x8A) or c == 0xA8 or c == 0xA9 or c == 0xAF else 0
    return 3 if text[at + 1] == 0x81 and text[at + 2] == 0x9F else 0  # U+205F


cdef list _split_paragraphs(const char* data, size_t length):
    """Paragraphs of UTF-8 text with "\\x00" breaks: each chunk's whitespace runs made one
    space, its ends trimmed, empty chunks dropped (what Python's split and join give)."""
    cdef list out = []
    cdef const unsigned char* text = <const unsigned char*>data
    cdef char* compact
    cdef size_t at = 0
    cdef size_t size
    cdef size_t kept = 0
    cdef bint pending_space = False
    if length == 0:
        return out
    compact = <char*>malloc(length)
    if compact is NULL:
        raise MemoryError()
    try:
        while at <= length:
            if at == length or text[at] == 0:
                if kept:
                    out.append(PyUnicode_DecodeUTF8(compact, kept, NULL))
                kept = 0
                pending_space = False
                at += 1
                continue
            size = _space_at(text, at, length)
            if size:
                pending_space = kept > 0
                at += size
                continue
            if pending_space:
                compact[kept] = 32
                kept += 1
                pending_space = False
            compact[kept] = data[at]
            kept += 1
            at += 1
        return out
    finally:
        free(compact)


# What ProseWalk needs to know of a tag, as flags (the raw name, as body.py's sets hold it).
cdef enum:
    F_SKIP = 1
    F_PARAGRAPH = 2
    F_BLOCK_OR_SKIP = 4
    F_WALKED_LEAF = 8
    F_BR = 16
    F_TD = 32
    F_DIV = 64
    F_BODY = 128


cdef class ProseWalk(Rules):
    """body.py's ``_prose_blocks`` in C: each paragraph outside skipped and furniture boxes
    as (element, points, whether it holds text loose between ``<br>``s), in page order.

    ``points(text)`` scores a paragraph's text; where it reaches ``checked_points``,
    ``paragraph_points(element)`` scores the element itself (its links and scripts looked
    into), both from body.py.
    """

    cdef frozenset skipped
    cdef frozenset paragraph_tags
    cdef frozenset blocks_or_skipped
    cdef frozenset walked_leaves
    cdef object points
    cdef object paragraph_points
    cdef int checked_points

    def __init__(
        self,
        skipped,
        paragraph_tags,
        blocks_or_skipped,
        walked_leaves,
        roles,
        furniture_names,
        hides,
        points,
        paragraph_points,
        int checked_points,
    ):
        super().__init__(roles, furniture_names, hides)
        self.skipped = frozenset(tag.encode() for tag in skipped)
        self.paragraph_tags = frozenset(tag.encode() for tag in paragraph_tags)
        self.blocks_or_skipped = frozenset(tag.encode() for tag in blocks_or_skipped)
        self.walked_leaves = frozenset(tag.encode() for tag in walked_leaves)
        self.points = points
        self.paragraph_points = paragraph_points
        self.checked_points = checked_points

    cdef int _flags(self, Walk* walk, tree.xmlNode* element) except -1:
        cdef size_t slot
        cdef size_t probe
        cdef int flags = 0
        if element.ns is not NULL:
            return 0
        slot = (<size_t>element.name >> 4) % _CACHE_SIZE
        for probe in range(_CACHE_SIZE):
            if walk.names[slot] == <const void*>element.name:
                return walk.kinds[slot]
            if walk.names[slot] is NULL:
                break
            slot = (slot + 1) % _CACHE_SIZE
        name = <bytes>(<const char*>element.name)
        if name in self.skipped:
            flags |= F_SKIP
        if name in self.paragraph_tags:
            flags |= F_PARAGRAPH
        if name in self.blocks_or_skipped:
            flags |= F_BLOCK_OR_SKIP
        if name in self.walked_leaves:
            flags |= F_WALKED_LEAF
        if name == b"br":
            flags |= F_BR
        elif name == b"td":
            flags |= F_TD
        elif name == b"div":
            flags |= F_DIV
        elif name == b"body":
            flags |= F_BODY
        if walk.names[slot] is NULL:
            walk.names[slot] = <const void*>element.name
            walk.kinds[slot] = flags
        return flags

    cdef object _paragraph(self, _Document doc, tree.xmlNode* element):
        cdef Buffer buffer
        memset(&buffer, 0, sizeof(Buffer))
        try:
            _string_value(&buffer, element)
            text = _decoded(&buffer)
        finally:
            free(buffer.data)
        points = self.points(text)
        if points < self.checked_points:
            return points
        return self.paragraph_points(elementFactory(doc, element))

    cdef object _loose(self, tree.xmlNode* element):
        """The points of the text straight inside ``element``, a paragraph per run between
        two ``<br>``s (body.py's ``_loose_text_points``)."""
        cdef Buffer chunk
        cdef tree.xmlNode* child = element.children
        total = 0
        memset(&chunk, 0, sizeof(Buffer))
        try:
            while child is not NULL:
                if _is_text(child):
                    _append_text(&chunk, child)
                elif (
                    child.type == tree.XML_ELEMENT_NODE
                    and child.ns is NULL
                    and strcmp(<const char*>child.name, "br") == 0
                ):
                    total += self.points(_decoded(&chunk))
                    chunk.length = 0
                child = child.next
            total += self.points(_decoded(&chunk))
        finally:
            free(chunk.data)
        return total

    cdef bint _walkable(self, Walk* walk, tree.xmlNode* child) except -1:
        cdef int flags
        if child.type != tree.XML_ELEMENT_NODE:
            return False
        flags = self._flags(walk, child)
        return (flags & F_WALKED_LEAF) or (not (flags & F_SKIP) and _has_children(child))

    cdef int _visit(
        self, _Document doc, Walk* walk, tree.xmlNode* element, bint is_root, list found,
        int depth,
    ) except -1:
        cdef int flags = self._flags(walk, element)
        cdef int child_flags
        cdef tree.xmlNode* child
        cdef bint has_br = False
        cdef bint has_block = False
        if depth > _MAX_DEPTH:
            raise RecursionError("page nested too deep to walk")
        # <body>'s classes name the layout: Drupal's <body class="one-sidebar sidebar-second">.
        if not is_root and not (flags & F_BODY) and self._is_furniture(doc, element):
            return 0
        if flags & F_PARAGRAPH:
            points = self._paragraph(doc, element)
            if points:
                found.append((elementFactory(doc, element), points, False))
            if not (flags & F_TD):
                return 0
        else:
            child = element.children
            while child is not NULL:
                if child.type == tree.XML_ELEMENT_NODE:
                    child_flags = self._flags(walk, child)
                    if child_flags & F_BR:
                        has_br = True
                    elif child_flags & F_BLOCK_OR_SKIP:
                        has_block = True
                child = child.next
            loose = self._loose(element) if has_br else 0
            if loose:
                found.append((elementFactory(doc, element), loose, True))
            elif flags & F_DIV and not has_block:
                points = self._paragraph(doc, element)
                if points:
                    found.append((elementFactory(doc, element), points, False))
        child = element.children
        while child is not NULL:
            if self._walkable(walk, child):
                self._visit(doc, walk, child, False, found, depth + 1)
            child = child.next
        return 0

    def blocks(self, _Element root):
        """(element, points, holds loose text) for each paragraph under ``root``."""
        cdef tree.xmlNode* top = root._c_node
        cdef Walk walk
        cdef list found = []
        if top.type != tree.XML_ELEMENT_NODE or (self._flags_of_root(top) & F_SKIP):
            return found
        memset(&walk, 0, sizeof(Walk))
        self._visit(root._doc, &walk, top, True, found, 0)
        return found

    cdef int _flags_of_root(self, tree.xmlNode* element) except -1:
        cdef Walk walk
        memset(&walk, 0, sizeof(Walk))
        return self._flags(&walk, element)
