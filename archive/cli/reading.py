"""``newsarchive`` commands that read articles: search, show, history, diff, changes."""

from __future__ import annotations

from datetime import datetime

import click
from rich.console import Console
from rich.table import Table

from archive import queries
from archive.cli.common import (
    BadInput,
    NotFound,
    Settings,
    find_article,
    json_option,
    new_table,
    open_session,
    parse_optional,
    print_json,
)
from archive.cli.group import main
from archive.reports import NothingToDiffError, article_report, diff_report, history_report
from archive.revisions import REVISED_FIELDS
from archive.search import BadQueryError, SearchFilters, search
from archive.timestamps import table_time

# The show table's times, printed to the second like every table's.
_SHOWN_TIMES = ("revision_first_seen_at", "published_at", "modified_at")


@main.command("search")
@click.argument("query")
@click.option("--site", help="Only this site (spider name), e.g. liputan6.")
@click.option("--section", help="Only this section (case-insensitive).")
@click.option("--author", help="Only articles by this author (whole name, case-insensitive).")
@click.option("--tag", help="Only articles with this tag (case-insensitive).")
@click.option("--since", help="Published at or after this date/time.")
@click.option("--until", help="Published at or before this date/time.")
@click.option("--changed-since", help="Only articles edited at or after this date/time.")
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
    changed_since: str | None,
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
        since=parse_optional(since, settings.tz),
        until=parse_optional(until, settings.tz),
        changed_since=parse_optional(changed_since, settings.tz),
    )
    with open_session(settings) as session:
        try:
            hits = search(session, query, filters, limit=limit)
        except BadQueryError as error:
            raise BadInput(str(error)) from error
    if as_json:
        print_json([hit.to_dict() for hit in hits])
    else:
        table = new_table("id", "site", "published", "title", "snippet")
        for hit in hits:
            table.add_row(
                str(hit.article_id),
                hit.site,
                table_time(hit.published_at, hit.timezone),
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

    Times are in the article's zone. An article whose latest visits answered 404/410 (and
    none since found it) shows "gone: since TIME (HTTP 404)"; with --as-of, as it stood then.

    \b
    Example:
      newsarchive show https://www.liputan6.com/read/4117380/judul --as-of 2019-11-24T14:00
    """
    if as_of is not None and revision is not None:
        raise click.UsageError("give --as-of or --revision, not both")
    moment = parse_optional(as_of, settings.tz)
    with open_session(settings) as session:
        article_id = find_article(session, ref)
        try:
            report = article_report(session, article_id, as_of=moment, revision=revision)
        except queries.RevisionNotFoundError as error:
            raise NotFound(str(error)) from error
    view, gone, record = report.view, report.gone, report.to_dict()
    if as_json:
        print_json(record)
        return
    console = Console()
    table = Table(show_header=False, box=None)
    table.add_column(style="bold")
    table.add_column(overflow="fold")
    if gone is not None:
        table.add_row("gone", gone.describe(view.timezone))
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
        if name in _SHOWN_TIMES:
            value = table_time(getattr(view, name), view.timezone)
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

    Times of takedowns (404/410 visits in a row, until a visit found the article again)
    are listed between them as "gone" entries, with no revision number.

    \b
    Example:
      newsarchive history 42 --json
    """
    with open_session(settings) as session:
        article_id = find_article(session, ref)
        entries = history_report(session, article_id)
    if as_json:
        print_json([record for record, _ in entries])
        return
    table = new_table("rev", "kind", "first seen", "last seen", "changed")
    for _, row in entries:
        table.add_row(*row)
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

    Times, in the header and in changed time fields, are in the article's zone.

    \b
    Example:
      newsarchive diff 42          # latest revision against its predecessor
      newsarchive diff 42 1 3      # revision 1 against revision 3
    """
    if (rev_a is None) != (rev_b is None):
        raise click.UsageError("give both REV_A and REV_B, or neither")
    with open_session(settings) as session:
        article_id = find_article(session, ref)
        try:
            result, zone = diff_report(session, article_id, rev_a, rev_b)
        except NothingToDiffError as error:
            raise NotFound(str(error)) from error
    rev_a, rev_b = result["from_revision"], result["to_revision"]
    if as_json:
        print_json(result)
        return
    console = Console(highlight=False)
    first_a = table_time(datetime.fromisoformat(result["from_first_seen_at"]), zone)
    first_b = table_time(datetime.fromisoformat(result["to_first_seen_at"]), zone)
    console.print(
        f"article {article_id}: revision {rev_a} ({first_a}) -> {rev_b} ({first_b})",
        markup=False,
    )
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
    moment = parse_optional(since, settings.tz)
    with open_session(settings) as session:
        found = queries.changes(session, site=site, field=field, since=moment, limit=limit)
    if as_json:
        print_json([change.to_dict() for change in found])
        return
    table = new_table("id", "rev", "kind", "first seen", "site", "title", "changed")
    for change in found:
        shown = change.revision.to_dict()
        table.add_row(
            str(change.article_id),
            str(change.revision.number),
            change.revision.kind,
            table_time(change.revision.first_seen_at, change.revision.timezone),
            change.site,
            change.title,
            ", ".join(shown["changed_fields"]),
        )
    Console().print(table)
