"""Read the package's data files (lexicons, cue lists, outlet table).

Every list the detectors use lives in ``analysis/data/`` as a tab-separated
file with a header row and ``#`` comment lines, so that a teacher can read and
extend it in any editor or spreadsheet.
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd

DATA_DIR = Path(str(resources.files("analysis") / "data"))


def read_tsv(name: str | Path) -> pd.DataFrame:
    """Read one data file: a name in ``analysis/data`` or a path of the user's."""
    path = Path(name)
    if not path.is_absolute() and not path.exists():
        path = DATA_DIR / name
    rows = []
    with open(path, encoding="utf-8", newline="") as fh:
        lines = (line for line in fh if line.strip() and not line.lstrip().startswith("#"))
        reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        for i, row in enumerate(reader, start=2):
            row = [c.strip() for c in row] + [""] * (len(header) - len(row))
            if len(row) > len(header):
                raise ValueError(f"{path}: row {i} has {len(row)} fields, header has {len(header)}")
            rows.append(row)
    return pd.DataFrame(rows, columns=[h.strip() for h in header]).fillna("")


def read_words(name: str | Path) -> list[str]:
    """Read a one-column word list (the first column of a TSV data file)."""
    table = read_tsv(name)
    return [w for w in table.iloc[:, 0].tolist() if w]


def split_aliases(cell: str) -> list[str]:
    return [a.strip() for a in cell.split("|") if a.strip()]


@lru_cache(maxsize=None)
def outlet_table() -> pd.DataFrame:
    """The outlet table: one row per outlet with ``name``, ``aliases``, ``state``, ``country``."""
    return read_tsv("outlets.tsv")


@lru_cache(maxsize=None)
def outlet_aliases() -> dict[str, str]:
    """Map every lower-cased spelling of an outlet to its canonical name."""
    mapping: dict[str, str] = {}
    for row in outlet_table().itertuples():
        for alias in [row.name, *split_aliases(row.aliases)]:
            mapping.setdefault(alias.lower(), row.name)
    return mapping


def canonical_outlet(name: str) -> str | None:
    """Canonical outlet name for a spelling, or None when the outlet table does not know it."""
    key = re.sub(r"\s+", " ", name.strip()).lower()
    return outlet_aliases().get(key)
