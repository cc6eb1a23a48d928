"""Every `newscrawler` command documents itself: its --help text has an example."""

from __future__ import annotations

import click
from click.testing import CliRunner

from newscrawler.cli import main


def walk(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    found: list[tuple[str, click.Command]] = []
    for name, command in group.commands.items():
        path = f"{prefix} {name}".strip()
        found.append((path, command))
        if isinstance(command, click.Group):
            found += walk(command, path)
    return found


def test_every_command_has_help_with_an_example():
    commands = dict(walk(main))
    assert {"extract", "replay", "demo", "crawl-due", "schedule", "fixtures regenerate"} <= set(
        commands
    )
    for path, command in commands.items():
        if isinstance(command, click.Group):
            assert command.help, f"newscrawler {path} has no help"
            continue
        assert "Example" in (command.help or ""), f"newscrawler {path} --help has no example"
        result = CliRunner().invoke(main, [*path.split(), "--help"])
        assert result.exit_code == 0
        assert "Example" in result.output
