"""``newsarchive serve``: the read-only web app (archive/web)."""

from __future__ import annotations

import ipaddress
import logging

import click

from archive.cli.common import BadInput, Settings, require_current_schema, require_existing
from archive.cli.group import main
from archive.db import resolve_url

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain"})


def is_loopback(host: str) -> bool:
    """Whether ``host`` binds to this machine only (127.0.0.0/8, ::1, localhost)."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a name or 0.0.0.0-like wildcard: reachable from elsewhere


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--auth",
    envvar="NEWSARCHIVE_AUTH",
    metavar="USER:PASSWORD",
    help="Ask every visitor for this user and password (HTTP basic auth); required on a "
    "host other than loopback. Default: $NEWSARCHIVE_AUTH.",
)
@click.pass_obj
def serve_command(settings: Settings, host: str, port: int, auth: str | None) -> None:
    """Serve the archive read-only on the web: search, articles, diffs, changes, sites.

    Pages are plain HTML (no JavaScript); /api/... returns what the commands' --json
    prints. The database is opened read-only. Binding beyond this machine needs --auth
    (use TLS in front of it: basic auth sends the password in the clear).

    \b
    Example:
      newsarchive --db archive.sqlite3 serve --port 8000
      NEWSARCHIVE_AUTH=editor:s3cret newsarchive serve --host 0.0.0.0
    """
    import uvicorn

    from archive.web.app import create_app, parse_credentials
    from archive.web.readonly import readonly_engine

    credentials = None
    if auth:
        try:
            credentials = parse_credentials(auth)
        except ValueError as error:
            raise BadInput(f"--auth: {error}") from error
    if credentials is None and not is_loopback(host):
        raise BadInput(
            f"refusing to serve on {host} without --auth USER:PASSWORD (or NEWSARCHIVE_AUTH):"
            " the archive would be open to the network"
        )
    url = resolve_url(settings.db)
    require_existing(url)
    engine = readonly_engine(url)
    require_current_schema(engine, url)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    click.echo(f"serving {url!r} read-only on http://{host}:{port}/", err=True)
    uvicorn.run(
        create_app(engine, settings.tz, credentials), host=host, port=port, log_level="info"
    )
