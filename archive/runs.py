"""Runs whose crawl died: closed as ``interrupted``, so no dead crawl stays ``running``.

A crawl records its run's end when it closes; one killed with SIGKILL, by the OOM killer or
a reboot never does. Each run keeps the host and process id of its crawl: when a new run
starts, and when ``newsarchive health`` looks, a ``running`` run of this host whose process
no longer exists is closed. Runs of other hosts are left alone (their processes cannot be
seen from here); a run whose pid was reused by an unrelated process stays ``running`` until
that process ends, which errs on the side of not closing a live crawl.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from archive.models import Run

INTERRUPTED = "interrupted"


def this_process() -> tuple[str, int]:
    """(host, pid) of the running process."""
    return socket.gethostname(), os.getpid()


def process_alive(pid: int) -> bool:
    """Whether a process with this id exists on this host (signal 0 tests, sends nothing)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, owned by another user
    return True


def close_dead_runs(
    session: Session, now: datetime, alive: Callable[[int], bool] = process_alive
) -> list[int]:
    """Mark this host's ``running`` runs whose process is gone as ``interrupted`` (ended
    ``now``, stats left as they were: empty, the crawl never reported them); returns their
    ids."""
    host, pid = this_process()
    stale = session.scalars(
        select(Run).where(Run.status == "running", Run.host == host, Run.pid.is_not(None))
    ).all()
    closed = []
    for run in stale:
        if run.pid != pid and run.pid is not None and not alive(run.pid):
            run.status = INTERRUPTED
            run.finished_at = now
            closed.append(run.id)
    return closed
