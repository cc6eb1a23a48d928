"""Spiders with a bug on purpose, for crawls that check a bug in a page object or in the
normalizer is recorded and counted, never lost (``-s SPIDER_MODULES=...``)."""
