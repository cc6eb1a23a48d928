"""``newsarchive``: query the archive from a shell. Each command's docstring is its --help.

Exit codes: 0 ok; 1 nothing found (unknown article or revision, no search results);
2 bad usage or input (bad date, missing database, unreachable server); 3 ``health`` found a
site blocked, failing or degraded.
"""

from archive.cli import operations, reading, serve
from archive.cli.group import main

__all__ = ["main", "operations", "reading", "serve"]
