"""The newscrawler archive: articles, their revisions and every fetch, in SQLite or PostgreSQL.

This package never imports Scrapy: the query CLI and its tests run without a crawler.
"""
