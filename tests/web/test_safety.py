"""Safe by default: archived text is escaped, errors show no traceback, the app cannot write,
and off this machine it asks for a password."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from starlette.testclient import TestClient

from archive.cli import main
from archive.cli.serve import is_loopback
from archive.web import pages
from archive.web.app import create_app

from .conftest import HOSTILE_TITLE


def test_a_script_title_renders_as_text_everywhere(client: TestClient) -> None:
    shown = "&lt;script&gt;alert(1)&lt;/script&gt; Banjir merendam Jakarta"
    for path in ("/articles/2", "/search?q=Banjir"):
        page = client.get(path)
        assert page.status_code == 200
        assert shown in page.text, path
        assert "<script" not in page.text, path
        assert "<svg/onload" not in page.text, path  # the body's title of the stored page
    feed = client.get("/search.atom?q=Banjir").text
    assert "&lt;script&gt;" in feed
    assert "<script" not in feed
    assert client.get("/api/articles/2").json()["title"] == HOSTILE_TITLE  # JSON is data


def test_pages_forbid_scripts(client: TestClient) -> None:
    policy = client.get("/search").headers["content-security-policy"]
    assert "default-src 'none'" in policy
    assert "script-src" not in policy  # so none runs, inline or not
    assert client.get("/api/health").headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("path", ["/sites", "/api/health"])
def test_an_error_shows_no_traceback(
    client: TestClient, path: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("secret detail of /srv/archive.sqlite3")

    monkeypatch.setattr(pages, "site_health", broken)
    monkeypatch.setattr("archive.web.api.site_health", broken)
    answer = client.get(path)
    assert answer.status_code == 500
    assert "Traceback" not in answer.text
    assert "secret detail" not in answer.text
    assert "internal server error" in answer.text
    assert "secret detail" in caplog.text  # the log has it


def test_the_apps_connections_cannot_write(client: TestClient) -> None:
    sessions = client.app.state.sessions  # type: ignore[attr-defined]
    with sessions() as session:
        assert session.execute(text("SELECT count(*) FROM articles")).scalar() == 2
        with pytest.raises(DBAPIError):
            session.execute(text("UPDATE articles SET site = 'x'"))
    with sessions() as session, pytest.raises(DBAPIError):
        session.execute(text("DELETE FROM fetches"))
    with sessions() as session:
        assert session.execute(text("SELECT count(*) FROM fetches")).scalar() == 5


def _basic(user: str, password: str) -> dict[str, str]:
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


def test_credentials_are_asked_for_on_every_path(client: TestClient) -> None:
    engine = client.app.state.engine  # type: ignore[attr-defined]
    app = create_app(engine, "Asia/Jakarta", ("editor", "s3:cret"))
    with TestClient(app) as guarded:
        for path in ("/search", "/api/health", "/static/style.css", "/articles/1"):
            refused = guarded.get(path)
            assert refused.status_code == 401, path
            assert refused.headers["www-authenticate"].startswith("Basic")
            assert guarded.get(path, headers=_basic("editor", "wrong")).status_code == 401
            assert guarded.get(path, headers=_basic("editor", "s3:cret")).status_code == 200
        assert guarded.get("/search", headers={"Authorization": "Basic !!"}).status_code == 401


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.0.0.2", True), ("::1", True), ("localhost", True),
     ("0.0.0.0", False), ("::", False), ("192.168.1.5", False), ("example.org", False)],
)  # fmt: skip
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_serve_refuses_a_public_host_without_auth(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NEWSARCHIVE_AUTH", raising=False)
    result = CliRunner().invoke(main, ["--db", sqlite_url, "serve", "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "refusing to serve on 0.0.0.0 without --auth" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_serve_runs_read_only_with_auth_off_loopback(
    web_archive: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: dict[str, Any] = {}

    def run(app: Any, **options: Any) -> None:
        started.update(options, app=app)

    monkeypatch.setattr("uvicorn.run", run)
    monkeypatch.setenv("NEWSARCHIVE_AUTH", "editor:s3cret")
    result = CliRunner().invoke(main, ["--db", web_archive, "serve", "--host", "0.0.0.0"])
    assert result.exit_code == 0, result.output
    assert started["host"] == "0.0.0.0"
    with TestClient(started["app"]) as served:
        assert served.get("/search").status_code == 401
        assert served.get("/search", headers=_basic("editor", "s3cret")).status_code == 200
        with served.app.state.sessions() as session, pytest.raises(DBAPIError):  # type: ignore[attr-defined]
            session.execute(text("DELETE FROM articles"))
    served.app.state.engine.dispose()  # type: ignore[attr-defined]


def test_serve_refuses_a_missing_archive(tmp_path: Any) -> None:
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "none.sqlite3"), "serve"])
    assert result.exit_code == 2
    assert "no archive at" in result.output
