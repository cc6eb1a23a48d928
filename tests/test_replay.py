"""The replay server speaks enough HTTP for honest crawl tests."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from newscrawler.middlewares import replay_url
from newscrawler.operations.replay import serving


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture
def server(tmp_path):
    host = tmp_path / "site" / "www.example.co.id"
    (host / "read" / "1").mkdir(parents=True)
    (host / "read" / "1" / "judul").write_text("<html><body>artikel</body></html>")
    (host / "indeks@page=2").write_text("<html>halaman 2</html>")
    (host / "hilang").write_text("x")
    (host / "hilang.status").write_text("410")
    (host / "pindah").write_text("x")
    (host / "pindah.status").write_text("301 https://www.example.co.id/read/1/judul")
    (tmp_path / "secret.txt").write_text("outside")
    with serving(tmp_path / "site") as srv:
        yield srv


def test_serves_files_by_host_and_path_with_validators(server):
    status, headers, body = get(f"{server.url}/www.example.co.id/read/1/judul")
    assert (status, body) == (200, b"<html><body>artikel</body></html>")
    assert headers["Content-Type"].startswith("text/html")
    etag = headers["ETag"]
    status, _, body = get(f"{server.url}/www.example.co.id/read/1/judul", {"If-None-Match": etag})
    assert (status, body) == (304, b"")
    since = {"If-Modified-Since": headers["Last-Modified"]}
    assert get(f"{server.url}/www.example.co.id/read/1/judul", since)[0] == 304


def test_query_strings_missing_files_and_status_files(server):
    assert get(f"{server.url}/www.example.co.id/indeks?page=2")[2] == b"<html>halaman 2</html>"
    assert get(f"{server.url}/www.example.co.id/nope")[0] == 404
    assert get(f"{server.url}/www.example.co.id/hilang")[0] == 410


def test_redirect_status_file_sends_location(server):
    request = urllib.request.Request(f"{server.url}/www.example.co.id/pindah")
    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as caught:
        opener.open(request, timeout=5)
    assert caught.value.code == 301
    assert caught.value.headers["Location"] == "https://www.example.co.id/read/1/judul"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_no_escape_from_the_site_folder(server):
    assert get(f"{server.url}/www.example.co.id/../../secret.txt")[0] == 404
    assert get(f"{server.url}/%2e%2e/secret.txt")[0] == 404
    assert get(f"{server.url}/www.example.co.id/%2e%2e/%2e%2e/secret.txt")[0] == 404


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://www.liputan6.com/news/read/4117380/x",
            "http://127.0.0.1:1/www.liputan6.com/news/read/4117380/x",
        ),
        ("https://feed.liputan6.com/rss?page=2", "http://127.0.0.1:1/feed.liputan6.com/rss?page=2"),
        ("https://www.detik.com", "http://127.0.0.1:1/www.detik.com/"),
    ],
)
def test_replay_url(url, expected):
    assert replay_url("http://127.0.0.1:1/", url) == expected
