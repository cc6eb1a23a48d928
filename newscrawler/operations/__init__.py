"""Running the crawler over time rather than extracting a page: scheduled and incremental
crawls (``crawl_due``, ``incremental``), what a crawl counts for health
(``crawl_health``), replaying a saved site from 127.0.0.1 (``replay``) and keeping the
garbage collector off start-up objects (``gcfreeze``)."""
