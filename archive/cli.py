"""``newsarchive``: query the archive from a shell. Each command's docstring is its --help.

Exit codes: 0 ok; 1 nothing found (unknown article or revision, no search results);
2 bad usage or input (bad date, missing database, unreachable server); 3 ``health`` found a
site blocked, failing or degraded.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import click
from rich.console import Console
from rich.table import Table
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from archive import export as exporting
from archive import queries
from archive.db import make_engine, resolve_url, sqlite_path
from archive.diff import body_diff, field_diff
from archive.migrate import current_revision, head_revision
from archive.revisions import REVISED_FIELDS
from archive.search import BadQueryError, SearchFilters, search
from archive.store import Archive
from archive.timestamps import iso_in_zone

HOME_ZONE = "Asia/Jakarta"
F = TypeVar("F", bound=Callable[..., Any])


class NotFound(click.ClickException):
    """Nothing matched: exit code 1, so scripts can tell "no" from "broken"."""

    exit_code = 1


class BadInput(click.ClickException):
    """Unusable input or environment: exit code 2, like a usage error."""

    exit_code = 2


class Settings:
    def __init__(self, db: str | None, tz: str) -> None:
        self.db = db
        self.tz = tz


def json_option(command: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")(command)


def _print_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


def parse_time(text: str, zone: str) -> datetime:
    """An ISO 8601 date or time; without an offset it is read in ``zone``.

    >>> parse_time("2024-08-14", "Asia/Jakarta").isoformat()
    '2024-08-14T00:00:00+07:00'
    """
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError as error:
        raise BadInput(
            f"bad date/time {text!r}: use ISO 8601, e.g. 2024-08-14, 2024-08-14T10:30 "
            "or 2024-08-14T10:30:00+07:00"
        ) from error
    if value.tzinfo is None:
        value = value.replace(tzinfo=ZoneInfo(zone))
    return value


def _parse_optional(text: str | None, zone: str) -> datetime | None:
    return parse_time(text, zone) if text is not None else None


@contextmanager
def open_session(settings: Settings) -> Iterator[Session]:
    """A read session on an existing, up-to-date archive; never creates one."""
    url = resolve_url(settings.db)
    path = sqlite_path(url)
    if path is not None and not path.exists():
        raise BadInput(
            f"no archive at {path}. Create one by crawling (make crawl) or with "
            f"`newsarchive --db {url.render_as_string()} db upgrade`, or point --db / "
            "ARCHIVE_URL at an existing archive."
        )
    engine = make_engine(url)
    try:
        revision = current_revision(engine)
    except OperationalError as error:
        engine.dispose()
        raise BadInput(f"cannot open the archive at {url!r}: {error.orig}") from error
    if revision != head_revision():
        engine.dispose()
        raise BadInput(
            f"the archive at {url!r} has schema {revision or 'none'}, this version needs "
            f"{head_revision()}: run `newsarchive --db URL db upgrade`."
        )
    archive = Archive(engine)
    try:
        with archive.session() as session:
            yield session
    finally:
        archive.close()


def _article_id(session: Session, ref: str) -> int:
    try:
        return queries.resolve_article(session, ref)
    except queries.ArticleNotFoundError as error:
        raise NotFound(str(error)) from error


def _table(*columns: str) -> Table:
    table = Table(show_header=True, header_style="bold", show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


@click.group()
@click.option(
    "--db",
    envvar="ARCHIVE_URL",
    default=None,
    metavar="URL",
    help="Archive database URL (default: $ARCHIVE_URL, else sqlite:///archive.sqlite3).",
)
@click.option(
    "--tz",
    default=HOME_ZONE,
    show_default=True,
    help="IANA zone for dates given without an offset.",
)
@click.pass_context
def main(ctx: click.Context, db: str | None, tz: str) -> None:
    """Query the news archive: search, show, history, diff, changes, stats, export.

    \b
    Example:
      newsarchive --db sqlite:///archive.sqlite3 search "banjir jakarta" --site liputan6
    """
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise BadInput(
            f"unknown time zone {tz!r}: use an IANA name such as Asia/Jakarta"
        ) from error
    ctx.obj = Settings(db, tz)


@main.command("search")
@click.argument("query")
@click.option("--site", help="Only this site (spider name), e.g. liputan6.")
@click.option("--section", help="Only this section (case-insensitive).")
@click.option("--author", help="Only articles by this author (whole name, case-insensitive).")
@click.option("--tag", help="Only articles with this tag (case-insensitive).")
@click.option("--since", help="Published at or after this date/time.")
@click.option("--until", help="Published at or before this date/time.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 10_000))
@json_option
@click.pass_obj
def search_command(
    settings: Settings,
    query: str,
    site: str | None,
    section: str | None,
    author: str | None,
    tag: str | None,
    since: str | None,
    until: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """Full-text search over titles and bodies, best match first. Exit 1 if nothing matches.

    Words must all occur; "quoted words" must occur as a phrase.

    \b
    Example:
      newsarchive search '"harga beras" naik' --site liputan6 --since 2024-08-01
    """
    filters = SearchFilters(
        site=site,
        section=section,
        author=author,
        tag=tag,
        since=_parse_optional(since, settings.tz),
        until=_parse_optional(until, settings.tz),
    )
    with open_session(settings) as session:
        try:
            hits = search(session, query, filters, limit=limit)
        except BadQueryError as error:
            raise BadInput(str(error)) from error
    if as_json:
        _print_json([hit.to_dict() for hit in hits])
    else:
        table = _table("id", "site", "published", "title", "snippet")
        for hit in hits:
            table.add_row(
                str(hit.article_id),
                hit.site,
                iso_in_zone(hit.published_at, hit.timezone) or "",
                hit.title,
                hit.snippet.replace("\n", " "),
            )
        Console().print(table)
    if not hits:
        raise NotFound(f"no articles match {query!r}")


@main.command("show")
@click.argument("ref", metavar="URL|ID")
@click.option("--as-of", "as_of", help="Show the version a reader saw at this date/time.")
@click.option("--revision", type=click.IntRange(1), help="Show this revision number.")
@json_option
@click.pass_obj
def show_command(
    settings: Settings, ref: str, as_of: str | None, revision: int | None, as_json: bool
) -> None:
    """Show one article (any of its URLs, or its id): the latest version, or an earlier one.

    \b
    Example:
      newsarchive show https://www.liputan6.com/read/4117380/judul --as-of 2019-11-24T14:00
    """
    if as_of is not None and revision is not None:
        raise click.UsageError("give --as-of or --revision, not both")
    moment = _parse_optional(as_of, settings.tz)
    with open_session(settings) as session:
        article_id = _article_id(session, ref)
        try:
            if moment is not None:
                view = queries.article_as_of(session, article_id, moment)
            else:
                view = queries.load_article(session, article_id, revision)
        except queries.RevisionNotFoundError as error:
            raise NotFound(str(error)) from error
        duplicates = queries.near_duplicates(session, article_id)
    record = view.to_dict() | {"near_duplicates": [d for d, _ in duplicates]}
    if as_json:
        _print_json(record)
        return
    console = Console()
    table = Table(show_header=False, box=None)
    table.add_column(style="bold")
    table.add_column(overflow="fold")
    for name in (
        "id",
        "site",
        "canonical_url",
        "revision",
        "revision_kind",
        "revision_first_seen_at",
        "title",
        "subtitle",
        "authors",
        "tags",
        "section",
        "published_at",
        "modified_at",
        "near_duplicates",
    ):
        value = record[name]
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        if name == "revision":
            value = f"{value} of {record['revision_count']}"
        table.add_row(name, "" if value is None else str(value))
    console.print(table)
    console.print()
    console.print(view.body, markup=False, highlight=False)


@main.command("history")
@click.argument("ref", metavar="URL|ID")
@json_option
@click.pass_obj
def history_command(settings: Settings, ref: str, as_json: bool) -> None:
    """List an article's revisions: when each was first and last seen, and what changed.

    \b
    Example:
      newsarchive history 42 --json
    """
    with open_session(settings) as session:
        revisions = queries.history(session, _article_id(session, ref))
    if as_json:
        _print_json([rev.to_dict() for rev in revisions])
        return
    table = _table("rev", "kind", "first seen", "last seen", "changed")
    for rev in revisions:
        shown = rev.to_dict()
        kind = f"reverted to {rev.reverts_to}" if rev.kind == "reverted" else rev.kind
        table.add_row(
            str(rev.number),
            kind,
            shown["first_seen_at"],
            shown["last_seen_at"],
            ", ".join(shown["changed_fields"]),
        )
    Console().print(table)


@main.command("diff")
@click.argument("ref", metavar="URL|ID")
@click.argument("rev_a", required=False, type=click.IntRange(1))
@click.argument("rev_b", required=False, type=click.IntRange(1))
@json_option
@click.pass_obj
def diff_command(
    settings: Settings, ref: str, rev_a: int | None, rev_b: int | None, as_json: bool
) -> None:
    """What changed between two revisions (default: the latest and the one before it).

    \b
    Example:
      newsarchive diff 42          # latest revision against its predecessor
      newsarchive diff 42 1 3      # revision 1 against revision 3
    """
    if (rev_a is None) != (rev_b is None):
        raise click.UsageError("give both REV_A and REV_B, or neither")
    with open_session(settings) as session:
        article_id = _article_id(session, ref)
        latest = queries.load_article(session, article_id)
        if rev_a is None or rev_b is None:
            if latest.revision < 2:
                raise NotFound(f"article {article_id} has one revision only; nothing to diff")
            rev_a, rev_b = latest.revision - 1, latest.revision
        try:
            before = queries.load_article(session, article_id, rev_a)
            after = queries.load_article(session, article_id, rev_b)
        except queries.RevisionNotFoundError as error:
            raise NotFound(f"{error} (it has {latest.revision_count})") from error
    old, new = before.content, after.content
    sentences = body_diff(old.body, new.body)
    result: dict[str, Any] = {
        "article_id": article_id,
        "from_revision": rev_a,
        "to_revision": rev_b,
        "fields": field_diff(old, new, sentences),
        "body": sentences,
    }
    if as_json:
        _print_json(result)
        return
    console = Console(highlight=False)
    console.print(f"article {article_id}: revision {rev_a} -> {rev_b}", markup=False)
    for name, change in result["fields"].items():
        if name != "body":
            console.print(f"{name}: {change['before']!r} -> {change['after']!r}", markup=False)
    for sentence in result["body"]["removed"]:
        console.print(f"- {sentence}", style="red", markup=False)
    for sentence in result["body"]["added"]:
        console.print(f"+ {sentence}", style="green", markup=False)
    for pair in result["body"]["changed"]:
        console.print(f"~ {pair['before']}", style="red", markup=False)
        console.print(f"~ {pair['after']}", style="green", markup=False)
    if not result["fields"]:
        console.print("no differences", markup=False)


@main.command("changes")
@click.option("--site", help="Only this site.")
@click.option("--field", help="Only revisions that changed this field (title, body, tags, ...).")
@click.option("--since", help="Only revisions first seen at or after this date/time.")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(1, 100_000))
@json_option
@click.pass_obj
def changes_command(
    settings: Settings,
    site: str | None,
    field: str | None,
    since: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """List edits to already-archived articles, newest first (first versions are not edits).

    \b
    Example:
      newsarchive changes --site liputan6 --field title --since 2024-08-01
    """
    if field is not None and field not in REVISED_FIELDS:
        raise click.BadParameter(f"choose one of {', '.join(REVISED_FIELDS)}", param_hint="--field")
    moment = _parse_optional(since, settings.tz)
    with open_session(settings) as session:
        found = queries.changes(session, site=site, field=field, since=moment, limit=limit)
    if as_json:
        _print_json([change.to_dict() for change in found])
        return
    table = _table("id", "rev", "kind", "first seen", "site", "title", "changed")
    for change in found:
        shown = change.revision.to_dict()
        table.add_row(
            str(change.article_id),
            str(change.revision.number),
            change.revision.kind,
            shown["first_seen_at"],
            change.site,
            change.title,
            ", ".join(shown["changed_fields"]),
        )
    Console().print(table)


@main.command("stats")
@json_option
@click.pass_obj
def stats_command(settings: Settings, as_json: bool) -> None:
    """Counts: articles, revisions, distinct contents, reverts, fetches by outcome, per site.

    \b
    Example:
      newsarchive stats --json
    """
    with open_session(settings) as session:
        numbers = queries.stats(session)
    if as_json:
        _print_json(numbers)
        return
    console = Console()
    table = _table("measure", "value")
    for name in ("articles", "revisions", "distinct_contents", "reverts", "near_duplicate_pairs"):
        table.add_row(name, str(numbers[name]))
    table.add_row("fetches", str(numbers["fetches"]))
    for outcome, count in numbers["fetches_by_outcome"].items():
        table.add_row(f"  {outcome}", str(count))
    table.add_row("runs", str(numbers["runs"]))
    console.print(table)
    sites = _table("site", "articles", "revisions")
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
@click.pass_obj
def export_command(
    settings: Settings,
    fmt: str,
    output: Path | None,
    site: str | None,
    since: str | None,
    until: str | None,
    latest: bool,
) -> None:
    """Export revisions (one row each) as JSONL, CSV or Parquet.

    \b
    Example:
      newsarchive export --format parquet -o liputan6.parquet --site liputan6 --latest
    """
    if fmt == "parquet" and output is None:
        raise click.UsageError("parquet is binary: give --output FILE")
    filters = exporting.ExportFilters(
        site=site,
        since=_parse_optional(since, settings.tz),
        until=_parse_optional(until, settings.tz),
        latest_only=latest,
    )
    with open_session(settings) as session:
        records = exporting.export_records(session, filters)
        if fmt == "parquet":
            assert output is not None  # checked above
            count = exporting.write_parquet(records, output)
        else:
            write = exporting.write_jsonl if fmt == "jsonl" else exporting.write_csv
            if output is None:
                count = write(records, sys.stdout)
            else:
                with output.open("w", encoding="utf-8", newline="") as out:
                    count = write(records, out)
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
    did not finish) or "degraded" (a field such as authors found far less often than the
    median of its last runs). Exit code 3 when any site is not ok, so cron mail tells you.

    \b
    Example:
      newsarchive health --site liputan6 || echo "liputan6 needs attention"
    """
    from dataclasses import replace

    from archive.health import DEFAULT_RULES, health_table, problem_lines, site_health

    with open_session(settings) as session:
        healths = site_health(session, site=site, rules=replace(DEFAULT_RULES, window=window))
    if site is not None and not healths:
        raise NotFound(f"no finished run of site {site!r}")
    if as_json:
        _print_json([h.to_json() for h in healths])
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
        _print_json(rows)
        return
    table = _table("id", "site", "due", "last visit", "outcome", "visits", "url")
    for d in due:
        table.add_row(
            str(d.article_id),
            d.site,
            iso_in_zone(d.next_visit_at, d.timezone),
            iso_in_zone(d.last_visit_at, d.timezone),
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
