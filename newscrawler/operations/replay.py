"""A local replay server: serves saved sites from a folder, on 127.0.0.1 only.

Layout: ``<root>/<host>/<path>``. ``https://www.liputan6.com/indeks/2019/11/24`` is read from
``<root>/www.liputan6.com/indeks/2019/11/24`` (or ``.../24/index.html``); a query string is
part of the name after ``@`` (``indeks/2019/11/24@page=2``). The server speaks enough HTTP for
a crawler to be tested honestly: ETag and Last-Modified with 304 answers, 404 for what is not
there, and ``<file>.status`` beside a file to answer with another code (``410``, ``503``,
``301 https://...`` for a redirect).
"""

from __future__ import annotations

import hashlib
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email.utils import formatdate, parsedate_to_datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

CONTENT_TYPES = {
    ".xml": "application/xml; charset=utf-8",
    ".rss": "application/rss+xml; charset=utf-8",
    ".gz": "application/x-gzip",
    ".txt": "text/plain; charset=utf-8",
    ".json": "application/json",
}


def resolve(root: Path, target: str) -> Path | None:
    """The file under ``root`` for a request target ``/<host>/<path>[?query]``, if any."""
    parts = urlsplit(target)
    relative = unquote(parts.path).lstrip("/")
    if parts.query:
        relative = f"{relative.rstrip('/')}@{unquote(parts.query)}"
    candidate = (root / relative).resolve()
    root = root.resolve()
    if root not in candidate.parents and candidate != root:
        return None  # no escaping the folder with ../
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def content_type(path: Path) -> str:
    if path.name == "robots.txt":
        return "text/plain; charset=utf-8"
    return CONTENT_TYPES.get(path.suffix, "text/html; charset=utf-8")


class ReplayHandler(BaseHTTPRequestHandler):
    server: ReplayServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        if self.server.verbose:
            super().log_message(format, *args)

    def do_HEAD(self) -> None:
        self._serve(send_body=False)

    def do_GET(self) -> None:
        self._serve(send_body=True)

    def _send(self, status: int, body: bytes, headers: dict[str, str], send_body: bool) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)
        self.server.hits.append((self.path, status))

    def _serve(self, send_body: bool) -> None:
        path = resolve(self.server.root, self.path)
        if path is None:
            self._send(404, b"<html><body>Not found</body></html>", {}, send_body)
            return
        status_file = path.with_name(path.name + ".status")
        if status_file.is_file():
            code, _, location = status_file.read_text().strip().partition(" ")
            headers = {"Location": location} if location else {}
            phrase = HTTPStatus(int(code)).phrase.encode()
            self._send(int(code), b"<html><body>" + phrase + b"</body></html>", headers, send_body)
            return
        body = path.read_bytes()
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        mtime = path.stat().st_mtime
        last_modified = formatdate(mtime, usegmt=True)
        headers = {
            "Content-Type": content_type(path),
            "ETag": etag,
            "Last-Modified": last_modified,
        }
        if self._not_modified(etag, mtime):
            self._send(304, b"", {"ETag": etag, "Last-Modified": last_modified}, False)
            return
        self._send(200, body, headers, send_body)

    def _not_modified(self, etag: str, mtime: float) -> bool:
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:
            return etag in [tag.strip() for tag in if_none_match.split(",")]
        if_modified_since = self.headers.get("If-Modified-Since")
        if if_modified_since:
            try:
                since = parsedate_to_datetime(if_modified_since).timestamp()
            except (TypeError, ValueError):
                return False
            return int(mtime) <= int(since)
        return False


class ReplayServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, root: Path, port: int = 0, verbose: bool = False) -> None:
        self.root = Path(root)
        self.verbose = verbose
        self.hits: list[tuple[str, int]] = []
        super().__init__(("127.0.0.1", port), ReplayHandler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"


@contextmanager
def serving(root: Path, port: int = 0) -> Iterator[ReplayServer]:
    """Run a replay server in a background thread for the duration of the block."""
    server = ReplayServer(root, port)
    thread = threading.Thread(target=server.serve_forever, name="replay", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def replay_crawl_command(
    spider: str,
    replay_url: str,
    archive_url: str,
    *extra: str,
    settings: dict[str, str] | None = None,
) -> list[str]:
    """``scrapy crawl SPIDER`` against a replay server, at full speed, into ``archive_url``.

    A replayed site is our own on 127.0.0.1, so AutoThrottle and the download delay (there for
    real sites) are off. ``settings`` adds or overrides ``-s NAME=VALUE`` pairs; ``extra``
    goes last (e.g. ``-a date=2019-11-24``).
    """
    chosen = {
        "NEWSCRAWLER_REPLAY_URL": replay_url,
        "ARCHIVE_URL": archive_url,
        "AUTOTHROTTLE_ENABLED": "False",
        "DOWNLOAD_DELAY": "0",
        "TELNETCONSOLE_ENABLED": "False",
        **(settings or {}),
    }
    command = [sys.executable, "-m", "scrapy", "crawl", spider]
    for name, value in chosen.items():
        command += ["-s", f"{name}={value}"]
    return [*command, *extra]


def crawl_environment() -> dict[str, str]:
    """The environment for a crawl process: our settings module, and no ARCHIVE_URL leaking
    in from the caller's shell (the command names the archive)."""
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "newscrawler.settings"}
    env.pop("ARCHIVE_URL", None)
    return env
