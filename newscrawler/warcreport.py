"""What an import did: the counts of its summary line and the run's stats."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from archive.store import FETCH_ONLY_OUTCOMES
from newscrawler.operations.crawl_summary import reason_kind

EXIT_OK, EXIT_USAGE, EXIT_PROBLEM = 0, 2, 3

# The summary line's order: what was stored, then the visits that stored nothing.
_SUMMARY_ORDER = (
    *("new", "revised", "reverted", "unchanged", "not-modified", "gone"),
    *("retired-alias", "incomplete", "blocked", "failed", "dropped"),
)


@dataclass
class ImportReport:
    """What the import did: the counts of its summary line, the run's stats."""

    run_id: int | None = None
    records: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)  # new, revised, gone, dropped, …
    reasons: dict[str, Counter[str]] = field(default_factory=dict)  # outcome -> reason kinds
    skipped: Counter[str] = field(default_factory=Counter)  # kind of record -> count
    already_imported: int = 0
    errors: int = 0
    stats: Counter[str] = field(default_factory=Counter)  # crawl-style counters

    @property
    def exit_code(self) -> int:
        return EXIT_PROBLEM if self.errors else EXIT_OK

    def count(self, outcome: str, reason: str | None = None) -> None:
        self.outcomes[outcome] += 1
        fetch_only = outcome in FETCH_ONLY_OUTCOMES
        self.stats[f"archive/fetch/{outcome}" if fetch_only else f"archive/{outcome}"] += 1
        if reason is not None and fetch_only:
            self.reasons.setdefault(outcome, Counter())[reason_kind(reason)] += 1

    def skip(self, why: str) -> None:
        self.skipped[why] += 1
        self.stats[f"import-warc/skipped/{why}"] += 1

    def problems(self) -> list[str]:
        """The ``problem …`` lines after the summary, as a crawl's (exit code 3)."""
        if not self.errors:
            return []
        return [f"import-warc: {self.errors} errors in our code on records (see the log)"]

    def line(self) -> str:
        """``import-warc (run 4): 120 records, 87 new, …, 5 skipped (not HTML), 0 errors``."""
        parts = [f"{self.records} record{'' if self.records == 1 else 's'}"]
        for outcome in _SUMMARY_ORDER:
            if self.outcomes[outcome]:
                kinds = _kinds(self.reasons.get(outcome, Counter()))
                parts.append(f"{self.outcomes[outcome]} {outcome}{kinds}")
        if self.skipped:
            parts.append(f"{sum(self.skipped.values())} skipped{_kinds(self.skipped, most=5)}")
        if self.already_imported:
            parts.append(f"{self.already_imported} already imported")
        parts.append(f"{self.errors} errors")
        run = f" (run {self.run_id})" if self.run_id is not None else ""
        return f"import-warc{run}: {', '.join(parts)}"


def _kinds(kinds: Counter[str], most: int = 3) -> str:
    if not kinds:
        return ""
    ranked = kinds.most_common()
    shown = [f"{kind} ×{n}" if n > 1 else kind for kind, n in ranked[:most]]
    if len(ranked) > most:
        shown.append(f"{len(ranked) - most} more")
    return f" ({', '.join(shown)})"
