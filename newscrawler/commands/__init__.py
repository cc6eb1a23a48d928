"""Scrapy commands of our own (``COMMANDS_MODULE``): ``scrapy savefixture URL``."""
