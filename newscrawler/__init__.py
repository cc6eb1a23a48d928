"""newscrawler: a Scrapy crawler for news sites that feeds a revision-keeping archive."""
