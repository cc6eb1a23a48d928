"""One spider per site (``scrapy crawl <site>``) plus ``generic`` for any news site."""
