"""The ``newscrawler`` command: extract a saved page, replay a saved site, run the demo.

Crawling itself is Scrapy's: ``scrapy crawl liputan6``. Querying the archive is
``newsarchive`` (see ``newsarchive --help``).
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from archive.urls import archive_url_option
from newscrawler.extract import extract_raw, response_from_file, snapshot_json


def _parse_iso(
    _ctx: click.Context | None, _param: click.Parameter | None, value: str | None
) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO 8601 time") from None
    if parsed.tzinfo is None:
        raise click.BadParameter(f"{value!r} has no UTC offset (e.g. 2019-11-24T14:00:00+07:00)")
    return parsed


@click.group()
@click.version_option(package_name="newscrawler")
def main() -> None:
    """newscrawler: crawl news sites into an archive that keeps every revision."""


@main.command("extract")
@click.argument("path", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--url", help="The URL the page was fetched from (picks the site's page object).")
@click.option(
    "--fetched-at",
    callback=_parse_iso,
    help="When it was fetched, ISO 8601 with offset (anchors relative dates).",
)
@click.option("--raw", is_flag=True, help="Print the raw fields with their sources instead.")
def extract_command(path: str, url: str | None, fetched_at: datetime | None, raw: bool) -> None:
    """Extract one saved HTML page and print it as one JSON object.

    The site's page object is chosen from --url (or the page's own canonical URL), else the
    generic page. Exit code 1 means the page holds no article: no title or no text, or a
    feed, a listing or a video-only page (the message names which); 2 that the file cannot
    be read.

    Example:

        newscrawler extract saved.html --url https://www.liputan6.com/news/read/4117380/x
    """
    if path == "-":
        body, page_url = sys.stdin.buffer.read(), url or "file:///dev/stdin"
    else:
        try:
            body = Path(path).read_bytes()
        except OSError as error:
            click.echo(f"newscrawler extract: cannot read {path}: {error.strerror}", err=True)
            sys.exit(2)
        page_url = url or Path(path).resolve().as_uri()
    result = extract_raw(response_from_file(body, page_url), fetched_at=fetched_at)
    if raw:
        from dataclasses import asdict

        click.echo(json.dumps(asdict(result.raw), ensure_ascii=False, indent=2, default=str))
        return
    if result.snapshot is None:
        click.echo(f"not an article: {result.error} ({page_url})", err=True)
        sys.exit(1)
    click.echo(json.dumps(snapshot_json(result.snapshot), ensure_ascii=False, indent=2))


@main.command("import-warc")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--db",
    envvar="ARCHIVE_URL",
    default="archive.sqlite3",
    metavar="URL",
    callback=archive_url_option,
    help="Archive database URL or SQLite file (default: $ARCHIVE_URL, else archive.sqlite3).",
)
@click.option(
    "--site",
    "site_name",
    metavar="NAME",
    help="Read every page with this site's page object (default: the site the URL picks).",
)
def import_warc_command(files: tuple[Path, ...], db: str, site_name: str | None) -> None:
    """Archive the pages of WARC files (1.0/1.1, .warc or .warc.gz) crawled elsewhere.

    Each HTML response with status 200 is read as a crawl reads it and stored with the
    record's WARC-Date as its fetch time; records are taken in time order, so an article
    seen twice gets its revisions in order. A 404/410 of an archived article marks it gone.
    Everything else is counted in the summary line (not HTML, redirects, request and
    metadata records, ...). Records the archive already has (same URL and fetch time) are
    skipped, so importing a file twice adds nothing. Exit code 2 when a file is missing or
    not a WARC (nothing is imported then), 3 when our code raised on a page (it is recorded
    as a failed visit and the import goes on). See docs/crawling.md.

    Example:

        newscrawler import-warc news-2019-11.warc.gz --db news.sqlite3
    """
    from newscrawler.warcimport import EXIT_USAGE, BadImportError, import_warcs, site_named

    try:
        site = site_named(site_name) if site_name else None
        report = import_warcs(db, list(files), site)
    except BadImportError as error:
        click.echo(f"import-warc: {error}", err=True)
        sys.exit(EXIT_USAGE)
    click.echo(report.line(), err=True)
    for problem in report.problems():
        click.echo(f"problem {problem}", err=True)
    sys.exit(report.exit_code)


@main.command("replay")
@click.argument("root", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--port", default=8765, show_default=True, help="Port on 127.0.0.1.")
def replay_command(root: Path, port: int) -> None:
    """Serve a saved site folder on 127.0.0.1 for crawls with NEWSCRAWLER_REPLAY_URL.

    The folder holds <host>/<path> files (see "The replay server" in docs/crawling.md).

    Example:

        newscrawler replay ./site --port 8765 &
        scrapy crawl liputan6 -s NEWSCRAWLER_REPLAY_URL=http://127.0.0.1:8765
    """
    from newscrawler.operations.replay import ReplayServer

    server = ReplayServer(root, port, verbose=True)
    click.echo(f"replaying {root} at {server.url} (Ctrl-C to stop)", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@main.command("demo")
@click.option(
    "--db",
    "db_path",
    default="demo.sqlite3",
    show_default=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="New SQLite file to crawl into.",
)
@click.option(
    "--keep",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="DIR",
    help="Leave the demo site in DIR and print how to serve it and debug its pages.",
)
def demo_command(db_path: Path, keep: Path | None) -> None:
    """Offline demo: crawl a local Liputan6-style site twice, with an article edited between
    the crawls, and show that article's revisions and what changed.

    Starts the replay server on 127.0.0.1 with a generated site (feed, news sitemap, indeks
    pages, articles), runs `scrapy crawl liputan6` against it, shows what was archived,
    rewrites one paragraph of one article, crawls again, and ends with the exact
    `newsarchive history` and `newsarchive diff` commands for that article and their output.

    Example:

        newscrawler demo --db demo.sqlite3 --keep demo-site
    """
    from newscrawler.demo.run import EXIT_USAGE, DemoError, run_demo

    try:
        run_demo(db_path, keep, click.echo)
    except DemoError as error:
        click.echo(f"newscrawler demo: {error}", err=True)
        sys.exit(EXIT_USAGE)
    except subprocess.CalledProcessError as error:
        click.echo(f"newscrawler demo: {error.cmd} exited {error.returncode} (see above)", err=True)
        sys.exit(1)


def _crawl_options(command: Any) -> Any:
    """Options crawl-due and schedule share."""
    command = click.option(
        "--set",
        "-s",
        "overrides",
        multiple=True,
        metavar="NAME=VALUE",
        help="A Scrapy or newscrawler setting, as `scrapy crawl -s` takes it (repeatable).",
    )(command)
    command = click.option(
        "--db",
        envvar="ARCHIVE_URL",
        default=None,
        metavar="URL",
        callback=archive_url_option,
        help="Archive database URL or SQLite file (default: $ARCHIVE_URL, else archive.sqlite3).",
    )(command)
    command = click.option(
        "--sites-file",
        envvar="NEWSCRAWLER_SITES_FILE",
        default=None,
        metavar="PATH",
        help="Sites defined without code (default: $NEWSCRAWLER_SITES_FILE, else ./sites.toml).",
    )(command)
    return click.option(
        "--sites",
        default="",
        metavar="A,B",
        help="Sites to crawl (`newscrawler sites` lists them); default: NEWSCRAWLER_SITES, "
        "else all but generic.",
    )(command)


def _configured_sites(sites_file: str | None, command: str) -> tuple[Path | None, list[str]]:
    """The sites file and the names it defines; each mistake in it on a line, exit 2."""
    from newscrawler.operations.crawl_due import EXIT_USAGE
    from newscrawler.sites import spider_names
    from newscrawler.sitesfile import SitesFileError, load_sites
    from newscrawler.sitesfile import sites_file as find_sites_file

    try:
        path = find_sites_file(sites_file)
        names = [s.name for s in load_sites(path, spider_names())] if path is not None else []
    except SitesFileError as error:
        for problem in error.problems:
            click.echo(f"{command}: {problem}", err=True)
        sys.exit(EXIT_USAGE)
    return path, names


@main.command("crawl-due")
@_crawl_options
@click.option("--quiet", is_flag=True, help="Log warnings only; the summary table still prints.")
@click.option(
    "--now",
    "everything_due",
    is_flag=True,
    help="Treat every scheduled article as due now (revisit all whose schedule is not over).",
)
def crawl_due_command(
    sites: str,
    sites_file: str | None,
    db: str | None,
    overrides: tuple[str, ...],
    quiet: bool,
    everything_due: bool,
) -> None:
    """Crawl new articles and due revisits of every enabled site, then report their health.

    Incremental: articles already archived are fetched again only when their revisit is due
    (or a sitemap says they changed), with conditional requests; --now revisits every
    article whose revisit schedule is not over yet. Safe to interrupt and re-run. Sites of
    the sites file (docs/sites-file.md) run beside the built-in ones. Ends with a summary
    table; the exit code is 0 when every site is healthy, 3 when one is blocked, failing or
    lost a field (see `newsarchive health`), 1 when a site's crawl did not start, 2 on bad
    usage or a mistake in the sites file. See docs/scheduling.md.

    Example (crontab, every 15 minutes):

        */15 * * * * cd /srv/news && .venv/bin/newscrawler crawl-due --quiet
    """
    from rich.console import Console

    from archive.health import health_table, problem_lines
    from newscrawler.operations.crawl_due import (
        EXIT_USAGE,
        crawl_due,
        due_settings,
        enabled_sites,
        judge,
    )
    from newscrawler.operations.crawl_summary import run_summary
    from newscrawler.pipelines import crawl_archive_url

    path, configured = _configured_sites(sites_file, "crawl-due")
    try:
        settings = due_settings(
            db,
            [*overrides, *(["LOG_LEVEL=WARNING"] if quiet else [])],
            sites_file=str(path.resolve()) if path is not None else None,
            everything_due=everything_due,
        )
        chosen = enabled_sites(settings, sites.split(","), configured)
    except ValueError as error:
        click.echo(f"crawl-due: {error}", err=True)
        sys.exit(EXIT_USAGE)
    runs = crawl_due(chosen, settings, configured)
    verdict = judge(settings.get("ARCHIVE_URL") or None, runs)
    console = Console(width=160)
    # The line `scrapy crawl` ends with, per site: what the crawl did, failures by kind.
    for site, run_id in runs.items():
        summary = run_summary(crawl_archive_url(settings), site, run_id)
        if summary is not None:
            console.print(summary.line(), highlight=False, markup=False)
    console.print(health_table(verdict.healths))
    for line in problem_lines(verdict.healths):
        console.print(f"[bold red]problem[/] {line}")
    for site in verdict.missing:
        console.print(f"[bold red]problem[/] {site}: the crawl did not start (see the log)")
    sys.exit(verdict.exit_code)


@main.command("schedule")
@_crawl_options
@click.option("--every", default="15m", show_default=True, help="Interval: 15m, 1h, 1d, ...")
@click.option("--rounds", default=0, show_default=True, help="Stop after N rounds (0: never).")
def schedule_command(
    sites: str,
    sites_file: str | None,
    db: str | None,
    overrides: tuple[str, ...],
    every: str,
    rounds: int,
) -> None:
    """Run crawl-due now and then every interval, until stopped (SIGTERM or Ctrl-C).

    Each round is a fresh `newscrawler crawl-due` process with the same options; a stop
    signal is passed to the running round, which finishes gracefully. For production, a
    cron job or systemd timer calling crawl-due is simpler to watch (docs/scheduling.md).

    Example:

        newscrawler schedule --every 15m --sites liputan6,detik --db sqlite:///news.sqlite3
    """
    from archive.schedule import parse_duration
    from newscrawler.operations.crawl_due import run_every

    try:
        interval = parse_duration(every)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--every") from None
    arguments = ["--sites", sites] if sites else []
    if sites_file:
        arguments += ["--sites-file", str(Path(sites_file).resolve())]
    for pair in overrides:
        arguments += ["-s", pair]
    code = run_every(
        interval, arguments, rounds, log=lambda text: click.echo(text, err=True), archive_url=db
    )
    sys.exit(code)


@main.command("sites")
@click.option(
    "--sites-file",
    envvar="NEWSCRAWLER_SITES_FILE",
    default=None,
    metavar="PATH",
    help="Sites defined without code (default: $NEWSCRAWLER_SITES_FILE, else ./sites.toml).",
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list instead of a table.")
def sites_command(sites_file: str | None, as_json: bool) -> None:
    """List the sites: the built-in ones and those of the sites file.

    Each with its domains, the time zone its times are read in, and where it is defined
    (built-in: a spider and a page in the code; else the sites file). A mistake in the
    sites file is printed one line each, exit code 2.

    Example:

        newscrawler sites --sites-file sites.toml --json
    """
    from newscrawler.sites import BUILT_IN, all_sites

    path, _names = _configured_sites(sites_file, "sites")
    sites = all_sites(path)
    if as_json:
        rows = [
            {"name": s.name, "domains": list(s.domains), "timezone": s.timezone, "source": s.source}
            for s in sites
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("name", "domains", "zone", "source")
    for site in sites:
        table.add_row(
            site.name,
            ", ".join(site.domains),
            site.timezone or "as the page says",
            BUILT_IN if site.source == BUILT_IN else f"sites file ({site.source})",
        )
    Console(width=160).print(table)


@main.group("fixtures")
def fixtures_group() -> None:
    """Site fixtures: saved pages with the values each site's page object must extract."""


@fixtures_group.command("regenerate")
@click.argument("site", required=False)
@click.option(
    "--root",
    default="tests/fixtures/sites",
    show_default=True,
    type=click.Path(file_okay=False, exists=True, path_type=Path),
)
@click.option(
    "--shared",
    default="../shared/pages",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of real pages that cases name with 'shared'.",
)
def regenerate_command(site: str | None, root: Path, shared: Path) -> None:
    """Rewrite every case's expected values from the current code; review with git diff.

    Example:

        newscrawler fixtures regenerate liputan6 && git diff tests/fixtures/sites
    """
    from newscrawler.fixtures import regenerate

    changed = regenerate(root, shared, site)
    for path in changed:
        click.echo(f"updated {path}")
    click.echo(f"{len(changed)} case(s) changed", err=True)


if __name__ == "__main__":
    main()
