"""``/api/...`` answers with what ``newsarchive ... --json`` prints, on each backend."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from archive.cli import main


def cli_json(db: str, *args: str) -> object:
    result = CliRunner().invoke(main, ["--db", db, *args, "--json"])
    assert result.exit_code in (0, 3), result.output
    return json.loads(result.output)


@pytest.mark.parametrize(
    ("path", "command"),
    [
        ("/api/search?q=beras", ["search", "beras"]),
        ("/api/search?q=Jakarta&site=detik", ["search", "Jakarta", "--site", "detik"]),
        ("/api/articles/1", ["show", "1"]),
        ("/api/articles/2", ["show", "2"]),
        ("/api/articles/1?revision=1", ["show", "1", "--revision", "1"]),
        ("/api/articles/2/history", ["history", "2"]),
        ("/api/articles/1/history", ["history", "1"]),
        ("/api/articles/1/diff", ["diff", "1"]),
        ("/api/articles/1/diff?from=1&to=3", ["diff", "1", "1", "3"]),
        ("/api/changes?site=liputan6", ["changes", "--site", "liputan6"]),
        ("/api/health", ["health"]),
    ],
)
def test_api_returns_the_cli_json(
    client: TestClient, web_archive: str, path: str, command: list[str]
) -> None:
    answer = client.get(path)
    assert answer.status_code == 200
    assert answer.json() == cli_json(web_archive, *command)


def test_api_errors_are_json(client: TestClient) -> None:
    missing = client.get("/api/articles/999")
    assert missing.status_code == 404
    assert missing.json() == {"error": "no article with id 999"}
    assert client.get("/api/search?q=").status_code == 400
    assert client.get("/api/articles/1/diff?from=1").json() == {
        "error": "give both from and to, or neither"
    }
