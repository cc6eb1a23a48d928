"""A small Liputan6-style site for the offline demo, the end-to-end tests and the benchmarks.

``build_site(root)`` writes feeds, a news sitemap, robots.txt, two indeks pages and article
pages in the 2019 markup under ``root/<host>/<path>``, the layout the replay server serves.
"""
