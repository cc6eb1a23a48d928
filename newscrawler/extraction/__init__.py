"""The extraction engine the page objects use: reading a page's metadata (``index``,
``jsonld``, ``byline``, ``datelines``, ``zonehint``, ``urldates``), walking its text
(``body``, ``prune``), choosing the article's block by evidence (``mainblock``), telling
articles from listings (``pagekind``) and following an article over its pages
(``pagination``). Site knowledge lives in ``newscrawler/pages``; nothing here names a site.
"""
