"""``newsarchive`` commands about the archive as a whole: stats, export, health, due, db."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

import click
from rich.console import Console
from sqlalchemy.exc import OperationalError

from archive import export as exporting
from archive import queries
from archive.cli.common import (
    BadInput,
    NotFound,
    Settings,
    json_option,
    new_table,
    open_archive,
    open_session,
    parse_optional,
    print_json,
)
from archive.cli.group import main
from archive.db import resolve_url
from archive.migrate import head_revision
from archive.models import Fetch
from archive.rawpages import body_of
from archive.store import Archive
from archive.timestamps import iso_in_zone, table_time


@main.command("stats")
@json_option
@click.pass_obj
def stats_command(settings: Settings, as_json: bool) -> None:
    """Counts: articles, revisions, distinct contents, reverts, fetches by outcome, raw
    pages and their size, per site.

    \b
    Example:
      newsarchive stats --json
    """
    with open_session(settings) as session:
        numbers = queries.stats(session)
    if as_json:
        print_json(numbers)
        return
    console = Console()
    table = new_table("measure", "value")
    for name in ("articles", "revisions", "distinct_contents", "reverts", "near_duplicate_pairs"):
        table.add_row(name, str(numbers[name]))
    table.add_row("fetches", str(numbers["fetches"]))
    for outcome, count in numbers["fetches_by_outcome"].items():
        table.add_row(f"  {outcome}", str(count))
    table.add_row("runs", str(numbers["runs"]))
    raw = numbers["raw_pages"]
    table.add_row("raw pages", str(raw["count"]))
    table.add_row("  stored MB", f"{raw['stored_bytes'] / 1e6:,.1f}")
    table.add_row("  as served MB", f"{raw['original_bytes'] / 1e6:,.1f}")
    table.add_row("  visits with a body", str(raw["fetches_with_body"]))
    console.print(table)
    sites = new_table("site", "articles", "revisions")
    for site, counts in numbers["sites"].items():
        sites.add_row(site, str(counts["articles"]), str(counts["revisions"]))
    console.print(sites)


@main.command("export")
@click.option(
    "--format", "fmt", type=click.Choice(exporting.FORMATS), default="jsonl", show_default=True
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: standard output; required for parquet).",
)
@click.option("--site", help="Only this site.")
@click.option("--since", help="Only revisions first seen at or after this date/time.")
@click.option("--until", help="Only revisions first seen at or before this date/time.")
@click.option("--latest", is_flag=True, help="Only each article's latest revision.")
@click.option(
    "--raw-cells",
    is_flag=True,
    help="CSV only: write cells verbatim, without the ' that keeps a spreadsheet from "
    "running a cell starting with = + - @ as a formula.",
)
@click.pass_obj
def export_command(
    settings: Settings,
    fmt: str,
    output: Path | None,
    site: str | None,
    since: str | None,
    until: str | None,
    latest: bool,
    raw_cells: bool,
) -> None:
    """Export revisions (one row each) as JSONL, CSV or Parquet.

    CSV is made for spreadsheets: a text cell starting with = + - @, a tab or a carriage
    return gets a leading ' so it shows as text instead of running as a formula (a scraped
    title can say =HYPERLINK(...)). --raw-cells writes the values as they are.

    \b
    Example:
      newsarchive export --format parquet -o liputan6.parquet --site liputan6 --latest
      newsarchive export --format csv -o liputan6.csv --site liputan6
    """
    if fmt == "parquet" and output is None:
        raise click.UsageError("parquet is binary: give --output FILE")
    if raw_cells and fmt != "csv":
        raise click.UsageError("--raw-cells is for --format csv; JSONL and Parquet are raw")
    filters = exporting.ExportFilters(
        site=site,
        since=parse_optional(since, settings.tz),
        until=parse_optional(until, settings.tz),
        latest_only=latest,
    )
    with open_session(settings) as session:
        records = exporting.export_records(session, filters)
        if fmt == "parquet":
            assert output is not None  # checked above
            count = exporting.write_parquet(records, output)
        else:

            def write(out: IO[str]) -> int:
                if fmt == "jsonl":
                    return exporting.write_jsonl(records, out)
                return exporting.write_csv(records, out, raw_cells=raw_cells)

            if output is None:
                count = write(sys.stdout)
            else:
                with output.open("w", encoding="utf-8", newline="") as out:
                    count = write(out)
    click.echo(f"exported {count} revisions", err=True)


@main.command("health")
@click.option("--site", help="Only this site.")
@click.option(
    "--window", default=5, show_default=True, help="Earlier runs whose median is the baseline."
)
@json_option
@click.pass_obj
def health_command(settings: Settings, site: str | None, window: int, as_json: bool) -> None:
    """Each site's latest finished crawl judged against its own recent runs.

    A site is "blocked" (403/429 storms, challenge pages), "failing" (errors, a crawl that
    did not finish, or whose process died: its run is closed as "interrupted" here) or
    "degraded" (a field such as authors found far less often than the
    median of its last runs). Exit code 3 when any site is not ok, so cron mail tells you.

    \b
    Example:
      newsarchive health --site liputan6 || echo "liputan6 needs attention"
    """
    from dataclasses import replace

    from archive.health import DEFAULT_RULES, health_table, problem_lines, site_health
    from archive.runs import close_dead_runs

    with open_session(settings) as session:
        # A crawl of this host that died without recording its end is judged as interrupted.
        if close_dead_runs(session, datetime.now(UTC)):
            session.commit()
        healths = site_health(session, site=site, rules=replace(DEFAULT_RULES, window=window))
    if site is not None and not healths:
        raise NotFound(f"no finished run of site {site!r}")
    if as_json:
        print_json([h.to_json() for h in healths])
    else:
        console = Console(width=160)
        console.print(health_table(healths))
        for line in problem_lines(healths):
            console.print(f"problem {line}")
    if any(h.status != "ok" for h in healths):
        sys.exit(3)


@main.command("due")
@click.option("--site", help="Only this site.")
@click.option(
    "--within",
    default="0m",
    show_default=True,
    help="Also list revisits due this far ahead (15m, 3h, 1d).",
)
@click.option("--limit", default=50, show_default=True, help="At most this many rows.")
@json_option
@click.pass_obj
def due_command(
    settings: Settings, site: str | None, within: str, limit: int, as_json: bool
) -> None:
    """Articles due for a revisit (now, or within a window), soonest first.

    Times are shown in each article's zone. A scheduled crawl (`newscrawler crawl-due`)
    fetches these again with conditional requests.

    \b
    Example:
      newsarchive due --site liputan6 --within 3h
    """
    from datetime import UTC

    from archive.schedule import due_visits, parse_duration

    try:
        window = parse_duration(within)
    except ValueError as error:
        raise BadInput(str(error)) from error
    with open_session(settings) as session:
        due = due_visits(session, datetime.now(UTC) + window, site=site, limit=limit)
    rows = [
        {
            "article_id": d.article_id,
            "site": d.site,
            "url": d.url,
            "next_visit_at": iso_in_zone(d.next_visit_at, d.timezone),
            "last_visit_at": iso_in_zone(d.last_visit_at, d.timezone),
            "last_outcome": d.last_outcome,
            "visits": d.visits,
        }
        for d in due
    ]
    if as_json:
        print_json(rows)
        return
    table = new_table("id", "site", "due", "last visit", "outcome", "visits", "url")
    for d in due:
        table.add_row(
            str(d.article_id),
            d.site,
            table_time(d.next_visit_at, d.timezone),
            table_time(d.last_visit_at, d.timezone),
            d.last_outcome or "",
            str(d.visits),
            d.url,
        )
    Console().print(table)


@main.group("db")
def db_group() -> None:
    """Manage the archive database itself.

    \b
    Example:
      newsarchive --db sqlite:///archive.sqlite3 db upgrade
    """


@db_group.command("upgrade")
@click.pass_obj
def db_upgrade_command(settings: Settings) -> None:
    """Create the archive, or migrate it to this version's schema (safe to repeat).

    \b
    Example:
      ARCHIVE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/news newsarchive db upgrade
    """
    url = resolve_url(settings.db)
    try:
        Archive.open(url.render_as_string(hide_password=False), upgrade=True).close()
    except OperationalError as error:
        raise BadInput(f"cannot open the archive at {url!r}: {error.orig}") from error
    click.echo(f"archive at {url!r} is at schema {head_revision()}")


@main.group("raw")
def raw_group() -> None:
    """The raw pages: every response body the crawler received, compressed, kept once.

    \b
    Example:
      newsarchive raw prune --keep first-last --dry-run
    """


@raw_group.command("prune")
@click.option(
    "--keep",
    type=click.Choice(["first-last"]),
    required=True,
    help="first-last: keep the bodies of the first and last visit of each revision.",
)
@click.option("--dry-run", is_flag=True, help="Say what would be freed; change nothing.")
@json_option
@click.pass_obj
def raw_prune_command(settings: Settings, keep: str, dry_run: bool, as_json: bool) -> None:
    """Free the raw pages of visits that only saw a revision again.

    Each revision keeps the bodies of its first and last visit (the page as it appeared
    and as it was last seen); the visits between let go of theirs, and a body no visit
    points at any more is deleted. Visits that stored no revision (dropped, failed,
    blocked, gone, incomplete) keep their bodies. The visits stay, with their headers.

    \b
    Example:
      newsarchive raw prune --keep first-last --dry-run
      newsarchive raw prune --keep first-last
    """
    with open_archive(settings) as archive:
        plan = archive.prune_raw_pages(dry_run=dry_run)
    figures = {
        "keep": keep,
        "dry_run": dry_run,
        "fetches_unlinked": plan.fetches,
        "raw_pages_freed": plan.raw_pages,
        "stored_bytes_freed": plan.stored_bytes,
        "original_bytes_freed": plan.original_bytes,
    }
    if as_json:
        print_json(figures)
        return
    verb = "would free" if dry_run else "freed"
    click.echo(
        f"{verb} {plan.raw_pages} raw pages ({plan.stored_bytes:,} bytes stored, "
        f"{plan.original_bytes:,} before compression) of {plan.fetches} visits"
    )


@raw_group.command("body")
@click.argument("fetch_id", type=int)
@click.option("--headers", is_flag=True, help="Print the visit's response headers first.")
@click.pass_obj
def raw_body_command(settings: Settings, fetch_id: int, headers: bool) -> None:
    """Write the body one visit received, byte for byte, to standard output.

    FETCH_ID is a visit's id (``fetches.id``). Exit code 1 when the visit has no body kept
    (none received, NEWSCRAWLER_KEEP_RAW off, or pruned).

    \b
    Example:
      newsarchive raw body 1234 > page.html
      newsarchive raw body 1234 --headers | head -20
    """
    with open_session(settings) as session:
        fetch = session.get(Fetch, fetch_id)
        if fetch is None:
            raise NotFound(f"no visit {fetch_id}")
        if fetch.raw_page_id is None:
            raise NotFound(f"visit {fetch_id} ({fetch.outcome}, {fetch.url}) has no body kept")
        body = body_of(session, fetch.raw_page_id)
        response_headers = fetch.response_headers or []
    out = sys.stdout.buffer
    if headers:
        for name, value in response_headers:
            out.write(f"{name}: {value}\r\n".encode("latin-1"))
        out.write(b"\r\n")
    out.write(body)
