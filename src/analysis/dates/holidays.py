"""Named days ("an Weihnachten", "on Labor Day", "Election Day 2016"): their names come from
data/holidays.tsv, their date in a given year from its rule (a fixed day, days from Easter, or
the first weekday on or after a day)."""
from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from dateutil.easter import easter

from ..lexicon import read_tsv
from .words import WEEKDAYS

_FIRST_ON_OR_AFTER = re.compile(r"(?P<wd>[A-Z][a-z]{2})>=(?P<m>\d\d)-(?P<d>\d\d)$")
_FIXED = re.compile(r"(?P<m>\d\d)-(?P<d>\d\d)$")
_EASTER = re.compile(r"easter(?P<shift>[+-]\d+)$")


@lru_cache(maxsize=4)
def holidays(language: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    """name -> (rule, words after which the name is not the day)."""
    table = read_tsv("holidays.tsv")
    out = {}
    for row in table[table["language"] == language].itertuples():
        day_of(row.rule, 2000)                         # a broken rule fails here, naming itself
        not_before = tuple(w for w in row.not_before.split("|") if w.strip())
        for name in row.names.split("|"):
            if name.strip():
                out[name.strip()] = (row.rule, not_before)
    return out


def holiday_regex(language: str) -> str:
    """The names, longest first, each with its own "not before" words ("Christmas tree")."""
    names = sorted(holidays(language), key=len, reverse=True)
    parts = []
    for name in names:
        not_before = holidays(language)[name][1]
        guard = rf"(?!\s+(?:{'|'.join(map(re.escape, not_before))})(?![\w-]))" if not_before else ""
        parts.append(re.escape(name).replace(r"\ ", r"\s+") + guard)
    return "|".join(parts)


def day_of(rule: str, year: int, *, any_year: bool = False) -> date | None:
    """The date of a holiday ``rule`` in ``year`` (None in an odd year for an "even" rule,
    unless ``any_year``: a year the text writes out is taken as it is)."""
    rule, _, every = rule.partition(" ")
    if every == "even" and year % 2 and not any_year:
        return None
    if every not in ("", "even"):
        raise ValueError(f"holidays.tsv: rule {rule!r} {every!r}: only 'even' may follow a rule")
    if m := _FIXED.match(rule):
        return date(year, int(m["m"]), int(m["d"]))
    if m := _EASTER.match(rule):
        return easter(year) + timedelta(days=int(m["shift"]))
    if m := _FIRST_ON_OR_AFTER.match(rule):
        start = date(year, int(m["m"]), int(m["d"]))
        target = [w[:3] for w in WEEKDAYS["en"]].index(m["wd"])
        return start + timedelta(days=(target - start.weekday()) % 7)
    raise ValueError(f"holidays.tsv: rule {rule!r} is none of MM-DD, easter+N, Mon>=MM-DD")


def rule_of(name: str, language: str) -> str:
    """The rule of a name as the text writes it (its spaces may differ from the table's)."""
    return holidays(language)[re.sub(r"\s+", " ", name)][0]
