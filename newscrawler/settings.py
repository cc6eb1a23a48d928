"""Scrapy settings for newscrawler: polite by default.

Our own settings carry a prefix (``ARCHIVE_URL``, ``NEWSCRAWLER_*``); everything else is
Scrapy's, documented at https://docs.scrapy.org/en/latest/topics/settings.html.
"""

BOT_NAME = "newscrawler"
SPIDER_MODULES = ["newscrawler.spiders"]
NEWSPIDER_MODULE = "newscrawler.spiders"

# Identify ourselves and how to reach whoever runs the crawl (sent as the From header).
USER_AGENT = "newscrawler/0.1 (+https://github.com/newscrawler/newscrawler)"
NEWSCRAWLER_CONTACT = ""  # e.g. "newsroom-research@example.org"

# Politeness.
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408]
# A 429 or 503 with Retry-After is retried after that long, waiting at most this many seconds.
NEWSCRAWLER_RETRY_AFTER_MAX = 120.0
DOWNLOAD_TIMEOUT = 30
# News pages are 100-500 KB. A download over 16 MiB is cancelled (Scrapy's default is 1 GiB),
# also while a compressed body is inflated: a 1 MB gzip page that inflates to 1 GB stops at
# 16 MiB instead of filling memory. The fetch is recorded as failed, "too large: ...".
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
# 404/410/403/429 reach the spider's errback so they are recorded, not just logged.
HTTPERROR_ALLOW_ALL = False

DOWNLOADER_MIDDLEWARES = {
    "newscrawler.middlewares.ContactHeaderMiddleware": 550,
    # Just outside Scrapy's RetryMiddleware (550): sees 429/503 first, waits for Retry-After.
    "newscrawler.middlewares.RetryAfterMiddleware": 555,
    # Scrapy's redirects, but a loop or a redirect off the site is a recorded visit, not a
    # silent drop by the duplicate or offsite filter.
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "newscrawler.middlewares.CheckedMetaRefreshMiddleware": 580,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "newscrawler.middlewares.CheckedRedirectMiddleware": 600,
    # Last before the downloader: rewrites requests to the local replay server when asked.
    "newscrawler.middlewares.ReplayMiddleware": 990,
}

ITEM_PIPELINES = {
    "newscrawler.pipelines.NormalizePipeline": 300,
    "newscrawler.pipelines.ArchivePipeline": 800,
}

# Where articles go; the environment variable of the same name works too.
ARCHIVE_URL = None  # default: sqlite:///archive.sqlite3
# Articles are written in batches (one transaction each) of this many, or whatever has
# waited this long, and at the end of the crawl. A killed crawl loses at most the unwritten
# batch, whose articles the next run simply fetches again.
NEWSCRAWLER_ARCHIVE_BATCH = 50
NEWSCRAWLER_ARCHIVE_FLUSH_SECONDS = 5.0
# SQLite's own default page cache: the crawl's archive connection grows no further with the
# archive (the 64 MB of bulk ingest grew a 2,000-article crawl's memory by a fifth).
NEWSCRAWLER_ARCHIVE_CACHE_KB = 2048
# Keep every response body (and its headers) in the archive, compressed and stored once per
# distinct body, so a later parser can read the pages again (docs/archive.md, "Raw pages").
NEWSCRAWLER_KEEP_RAW = True
# Serve every request from a local replay server (see `newscrawler replay`), e.g.
# "http://127.0.0.1:8765": https://www.liputan6.com/x -> http://127.0.0.1:8765/www.liputan6.com/x
NEWSCRAWLER_REPLAY_URL = None
NEWSCRAWLER_LISTING_MAX_PAGES = 50
# Pages of one article split over pages fetched at most, the first included (docs/crawling.md).
NEWSCRAWLER_ARTICLE_MAX_PAGES = 20

# Scheduled crawls (docs/scheduling.md). Incremental: fetch only new articles and due
# revisits, with the archive as memory (`newscrawler crawl-due` turns it on).
NEWSCRAWLER_INCREMENTAL = False
# Revisit checkpoints after an article's publication; a spider's revisit_schedule wins.
NEWSCRAWLER_REVISIT_SCHEDULE = "15m,1h,3h,12h,1d,3d,7d"
NEWSCRAWLER_REVISIT_LIMIT = 0  # most due revisits per run and site; 0: all
NEWSCRAWLER_NOW = None  # ISO 8601 with offset: judge "due" at this time instead of now
# Sites `newscrawler crawl-due` crawls when --sites is not given; empty: every spider but generic.
NEWSCRAWLER_SITES: list[str] = []
NEWSCRAWLER_PROGRESS_INTERVAL = 30.0  # seconds between a crawl's progress lines (0: none)

EXTENSIONS = {
    # Start-up objects out of full garbage collections (NEWSCRAWLER_GC_FREEZE = False: off).
    "newscrawler.operations.gcfreeze.FreezeStartupObjects": 0,
    # Sets the levels of NEWSCRAWLER_QUIET_LOGGERS (below) as the crawl starts.
    "newscrawler.library_logs.QuietLibraryLogs": 0,
    # "progress: liputan6: fetched 120 new 31 ..." every NEWSCRAWLER_PROGRESS_INTERVAL seconds.
    "newscrawler.operations.progress.ProgressLine": 500,
}
NEWSCRAWLER_GC_FREEZE = True

SPIDER_MIDDLEWARES = {
    # Drops requests for archived articles not due for a revisit; off unless incremental.
    "newscrawler.operations.incremental.IncrementalMiddleware": 550,
}

LOG_LEVEL = "INFO"
# Libraries whose INFO lines are noise in a crawl's log (Alembic: "Context impl SQLiteImpl."
# and a line per migration whenever the archive opens): shown only when LOG_LEVEL is DEBUG.
NEWSCRAWLER_QUIET_LOGGERS = ["alembic", "trafilatura", "htmldate", "courlan"]
FEED_EXPORT_ENCODING = "utf-8"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
LOG_FORMATTER = "newscrawler.logformatter.NewsLogFormatter"
COMMANDS_MODULE = "newscrawler.commands"
