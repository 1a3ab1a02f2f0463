"""The load report: every file rejected and every warning, with the reason and the line."""
from __future__ import annotations

import sys
import warnings
from dataclasses import dataclass
from typing import Literal

import pandas as pd


class Records(tuple):
    """A load report's rows. Immutable, so a deep copy is the object itself: pandas deep-copies
    ``attrs`` in every operation on a frame, and a report of 100,000 rows copied per operation
    made streaming a large corpus quadratic in time."""

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


class ArticleLoadError(ValueError):
    """A problem with an input file or the manifest (raised with ``errors="raise"``)."""


class LoadWarning(UserWarning):
    """Summary of files rejected or loaded with warnings."""


@dataclass
class Problem:
    file: str
    status: Literal["rejected", "warning", "info"]
    reason: str
    line: int | None = None

    def message(self) -> str:
        where = f"{self.file} (manifest line {self.line})" if self.line else self.file
        return f"{where}: {self.reason}"


class Report:
    def __init__(self, errors: str):
        if errors not in ("raise", "warn", "ignore"):
            raise ValueError('errors must be "raise", "warn" or "ignore"')
        self.errors = errors
        # one plain tuple per problem (file, line, status, reason): a million-row table whose
        # every row has a warning keeps a million of these, and each chunk of a stream shows them
        self.rows: list[tuple] = []
        self._records: Records = Records()

    @property
    def problems(self) -> list[Problem]:
        return [Problem(file, status, reason, line) for file, line, status, reason in self.rows]

    def add(self, file, status, reason, line=None) -> None:
        """Record a problem (``rejected``/``warning``: raised with ``errors="raise"``) or a
        fact worth knowing (``info``: which table column was read as what; never raised)."""
        if self.errors == "raise" and status != "info":
            raise ArticleLoadError(Problem(str(file), status, reason, line).message())
        # many rows share a reason ("outlet 'x' is not in the outlet table"): held once
        self.rows.append((str(file), line, status, sys.intern(reason)))

    def records(self) -> tuple:
        """The report as plain tuples for ``DataFrame.attrs``: comparable with ``==``, so pandas
        can carry it through ``concat`` and ``merge`` (a DataFrame there makes both fail)."""
        if len(self._records) != len(self.rows):
            self._records = Records(self.rows)
        return self._records

    def summarise(self, n_loaded: int) -> None:
        problems = [p for p in self.problems if p.status != "info"]
        if self.errors != "warn" or not problems:
            return
        rejected = sum(p.status == "rejected" for p in problems)
        # one line per distinct reason: 998 articles of one outlet missing from the outlet
        # table are one line with a count, not 998 (the report keeps every row)
        groups: dict[tuple, list[Problem]] = {}
        for p in problems:
            groups.setdefault((p.status, p.reason), []).append(p)
        lines = [("  " + group[0].message() + (f"  [and {len(group) - 1} more like it]" if len(group) > 1 else ""))
                 for group in groups.values()]
        shown = "\n".join(lines[:10])
        more = f"\n  ... {len(lines) - 10} more kinds of problem" if len(lines) > 10 else ""
        warnings.warn(
            f"Loaded {n_loaded} articles; {rejected} files rejected, "
            f"{len(problems) - rejected} warnings (analysis.load_report(df)):\n{shown}{more}",
            LoadWarning,
            stacklevel=3,
        )


REPORT_COLUMNS = ["file", "line", "status", "reason"]


def load_report(articles: pd.DataFrame) -> pd.DataFrame:
    """The files rejected and the warnings recorded when ``articles`` was loaded: one row per
    problem (``file``, ``line`` in the manifest or table, ``status``, ``reason``). Empty for a
    frame not made by ``load_articles``, and after ``pd.concat`` of frames from different loads
    (pandas keeps ``attrs`` only where all inputs agree: ask each loaded frame first)."""
    frame = pd.DataFrame(list(articles.attrs.get("load_report", ())), columns=REPORT_COLUMNS)
    frame["line"] = frame["line"].astype("Int64")
    return frame
