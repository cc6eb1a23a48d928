"""How fast the replay server alone answers: the ceiling any crawl of it can reach.

The replay server is a threaded stdlib ``http.server``; if a crawl's rate comes close to
this ceiling, the crawl is waiting on the server rather than the other way round. The
client is a separate process (so it does not share the server's interpreter lock) fetching
every article once over keep-alive connections from ``THREADS`` threads. It is Python too,
so the figure is a lower bound of what the server can do.

    python -m bench.replayload http://127.0.0.1:8765 paths.txt   # prints JSON
"""

from __future__ import annotations

import http.client
import json
import queue
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newscrawler.demo.site import HOST, DemoArticle

THREADS = 8


def _worker(host: str, port: int, paths: queue.Queue[str], counts: list[int]) -> None:
    connection = http.client.HTTPConnection(host, port, timeout=30)
    done = received = 0
    while True:
        try:
            path = paths.get_nowait()
        except queue.Empty:
            break
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"{path}: HTTP {response.status}")
        done += 1
        received += len(body)
    connection.close()
    counts.extend([done, received])


def fetch_all(base_url: str, paths: list[str], threads: int = THREADS) -> dict[str, Any]:
    parts = urlsplit(base_url)
    work: queue.Queue[str] = queue.Queue()
    for path in paths:
        work.put(path)
    counts: list[list[int]] = [[] for _ in range(threads)]
    workers = [
        threading.Thread(target=_worker, args=(parts.hostname, parts.port, work, counts[i]))
        for i in range(threads)
    ]
    start = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    seconds = time.perf_counter() - start
    requests = sum(c[0] for c in counts if c)
    if requests != len(paths):
        raise RuntimeError(f"fetched {requests} of {len(paths)} pages")
    return {
        "requests": requests,
        "seconds": seconds,
        "pages_per_second": requests / seconds,
        "megabytes": sum(c[1] for c in counts if c) / 1e6,
        "client_threads": threads,
    }


def measure(base_url: str, articles: list[DemoArticle]) -> dict[str, Any]:
    """Fetch every article from the server at ``base_url``, from a subprocess."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as listing:
        listing.write("".join(f"/{HOST}{a.path}\n" for a in articles))
    result = subprocess.run(
        [sys.executable, "-m", "bench.replayload", base_url, listing.name],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        check=True,
    )
    Path(listing.name).unlink()
    return dict(json.loads(result.stdout))


if __name__ == "__main__":
    url, listing_path = sys.argv[1], sys.argv[2]
    wanted = Path(listing_path).read_text(encoding="utf-8").split()
    print(json.dumps(fetch_all(url, wanted)))
