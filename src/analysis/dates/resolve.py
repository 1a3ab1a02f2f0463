"""Anchoring: the span of days one recognised expression denotes, at the precision the text
gives, against the publication date and the sentence's tense. An expression that needs more
of the publication date than is known stays unresolved, and ``how`` says why."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from .holidays import day_of, rule_of
from .words import NUMBERS, ORDINALS, PAST, SEASON_MONTHS, SEASONS, WEEKDAYS, months, phrases

_RANK = {None: 0, "century": 0.5, "decade": 0.7, "year": 1, "half": 1.5, "quarter": 1.6, "season": 1.6,
         "month": 2, "week": 2.5, "weekend": 2.7, "day": 3, "minute": 4}
_PAST_WORDS = re.compile(r"vergangen|letzt|vorig|last|previous|prior", re.I)
_NEXT_WORDS = re.compile(r"kommend|nächst|next|coming", re.I)
_THIS_WORDS = re.compile(r"diese|this", re.I)
_KINDS = {"duration": "duration", "set": "set", "present": "present reference"}
# words for the period just named, a year before ("sales rose from the year-earlier quarter")
_SAME_PERIOD_A_YEAR_BEFORE = {"year-earlier", "year-ago", "a year earlier", "the year-earlier", "a year before"}
DECADE_WORDS = {"zwanziger": 2, "dreißiger": 3, "vierziger": 4, "fünfziger": 5, "sechziger": 6, "siebziger": 7,
                "achtziger": 8, "neunziger": 9}


@dataclass(frozen=True)
class Anchor:
    """What an expression is resolved against: the publication date at its precision, and
    the tense of the sentence it stands in."""
    pub: date | None
    precision: str | None
    language: str
    future: bool = False
    past: bool = False
    # the article's last dated period before this expression (start, end, precision), for
    # words that point back to it: "the quarter", "the year-earlier quarter"
    previous: tuple | None = None
    # the last day and year the article named, for "am Tag darauf", "that year"
    named_day: date | None = None
    named_year: int | None = None
    # the article counts days from its publication elsewhere ("gestern", "morgen"): a daily's
    # report, in which a bare "heute" is the day too
    counts_days: bool = False

    def knows(self, unit: str) -> bool:
        return self.pub is not None and _RANK.get(self.precision, 0) >= _RANK[unit]

    def need(self, what: str) -> str:
        if self.pub is None:
            return f"unresolved: needs the publication {what}; the article has no publication date"
        shown = {"year": "%Y", "month": "%Y-%m"}.get(self.precision, "%Y-%m-%d")
        return (f"unresolved: needs the publication {what}; publication known only to the {self.precision} "
                f"({self.pub.strftime(shown)})")


# A resolved expression: (start, end, precision, resolved, how, kind)
Result = tuple


def _unresolved(precision: str | None, how: str, kind: str = "date") -> Result:
    return None, None, precision, False, how, kind


def _month_span(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


def _season_span(y: int, code: str) -> tuple[date, date]:
    a, b = SEASON_MONTHS[code]
    y2 = y + 1 if b < a else y               # winter runs into the next year, as TimeML counts it
    return date(y, a, 1), date(y2, b, calendar.monthrange(y2, b)[1])


GRACE_DAYS = 45


def _year_of(month: int, day: int | None, at: Anchor, rel: str = "") -> tuple[int | None, str]:
    """The year of a month (and day) written without one (see :func:`_year_by_offset`)."""
    if not at.knows("year"):
        return None, at.need("year")
    pub = at.pub
    if not at.knows("month"):
        return pub.year, "year from publication"

    def offset(y: int) -> int:       # days from publication to the date (0 inside the month named)
        if day:
            return (date(y, month, min(day, calendar.monthrange(y, month)[1])) - pub).days
        first, last = _month_span(y, month)
        return 0 if first <= pub <= last else (first - pub).days if first > pub else (last - pub).days

    return _year_by_offset(offset, at, rel)


def _year_by_offset(offset, at: Anchor, rel: str = "") -> tuple[int, str]:
    """The year of a day or month written without one, given ``offset(year)``: its distance in
    days from publication (None: no such day that year). The last one before publication after
    "letzten/last", the next one after "kommenden/next"; otherwise the nearest, unless the tense
    says the other side (a past-tense sentence about a date more than ``GRACE_DAYS`` after
    publication means last year's; a future one about a date that long before it, next year's)."""
    near = range(at.pub.year - 1, at.pub.year + 2)
    if sum(offset(y) is not None for y in near) < 2:            # a day held every other year
        near = range(at.pub.year - 2, at.pub.year + 3)
    years = sorted((y for y in near if offset(y) is not None), key=lambda y: (abs(offset(y)), y))
    if _PAST_WORDS.search(rel):
        return max((y for y in years if offset(y) < 0), key=offset), "year from publication (the last one before it)"
    if _NEXT_WORDS.search(rel):
        return min((y for y in years if offset(y) > 0), key=offset), "year from publication (the next one after it)"
    if at.past and not at.future:
        years = [y for y in years if offset(y) <= GRACE_DAYS] or years
        return years[0], "year from publication (past tense)"
    if at.future and not at.past:
        years = [y for y in years if offset(y) >= -GRACE_DAYS] or years
        return years[0], "year from publication (future tense)"
    return years[0], "year from publication (the nearest)"


def _holiday(name: str, written_year: int | None, at: Anchor) -> Result:
    rule = rule_of(name, at.language)
    if written_year:              # a year written out is taken as it is ("Election Day 2015")
        d = day_of(rule, written_year, any_year=True)
        return d, d, "day", True, f"absolute (holiday: {rule})", "date"
    if not at.knows("month"):
        return _unresolved("day", at.need("month"))
    days = {y: day_of(rule, y) for y in range(at.pub.year - 2, at.pub.year + 3)}
    yr, how = _year_by_offset(lambda y: None if days[y] is None else (days[y] - at.pub).days, at)
    return days[yr], days[yr], "day", True, f"{how} (holiday: {rule})", "date"


def _period_year(first_month: int, last_month: int, at: Anchor, rel: str) -> tuple[int | None, str]:
    """The year of a quarter, half or season written without one."""
    if not at.knows("year"):
        return None, at.need("year")
    pub = at.pub
    if not at.knows("month"):
        return pub.year, "year from publication"
    started = (pub.month >= first_month) if first_month <= last_month else True
    ended = pub.month > last_month if first_month <= last_month else (last_month < pub.month < first_month)
    if _PAST_WORDS.search(rel):
        return (pub.year if ended else pub.year - 1), "year from publication (the last one before it)"
    if _NEXT_WORDS.search(rel):
        return (pub.year if not started else pub.year + 1), "year from publication (the next one after it)"
    if _THIS_WORDS.search(rel):
        return pub.year, "year from publication"
    if at.future and not at.past:
        # a period that ended just before publication is still the one meant ("third-quarter
        # results are expected" in October): the same grace as for days
        end = _month_span(pub.year if first_month <= last_month else pub.year + 1, last_month)[1]
        recent = ended and (pub - end).days <= GRACE_DAYS
        return (pub.year if not ended or recent else pub.year + 1), "year from publication (future tense)"
    return (pub.year if started else pub.year - 1), "year from publication (past tense)"


def _number(text: str, language: str) -> int:
    t = text.lower()
    return int(t) if t.isdigit() else NUMBERS[language][t]


def _shift_month(pub: date, shift: int) -> tuple[int, int]:
    y, m = divmod(pub.year * 12 + pub.month - 1 + shift, 12)
    return y, m + 1


def _weekend(pub: date, shift: int, at: Anchor) -> tuple[date, date]:
    saturday = pub - timedelta(days=pub.weekday()) + timedelta(days=5)
    if shift < 0:
        saturday -= timedelta(days=7) if saturday + timedelta(days=1) >= pub else timedelta(0)
    elif shift > 0:
        saturday += timedelta(days=7) if saturday <= pub else timedelta(0)
    elif at.past and not at.future and saturday > pub:
        saturday -= timedelta(days=7)
    return saturday, saturday + timedelta(days=1)


def _unit_span(unit: str, shift: int, at: Anchor, how: str) -> Result:
    """The day, week, weekend, month or year ``shift`` units from the publication's."""
    need = {"weekend": "day", "week": "day"}.get(unit, unit)
    if not at.knows(need):
        return _unresolved(unit, at.need(need))
    pub = at.pub
    if unit == "day":
        d = pub + timedelta(days=shift)
        return d, d, "day", True, how, "date"
    if unit == "week":
        monday = pub - timedelta(days=pub.weekday()) + timedelta(days=7 * shift)
        return monday, monday + timedelta(days=6), "week", True, how, "date"
    if unit == "weekend":
        return *_weekend(pub, shift, at), "weekend", True, how, "date"
    if unit == "month":
        return *_month_span(*_shift_month(pub, shift)), "month", True, how, "date"
    if unit == "year":
        return date(pub.year + shift, 1, 1), date(pub.year + shift, 12, 31), "year", True, how, "date"
    return _unresolved(unit, "unresolved: expression not understood")


def _weekday(g: dict, at: Anchor, night: bool) -> Result:
    if not at.knows("day"):
        return _unresolved("day", at.need("day"))
    pub = at.pub
    target = [w.lower() for w in WEEKDAYS[at.language]].index(g["wd"].lower())
    rel = (g.get("rel") or "").lower()
    # the nearer tense marker decides (mentions._tense). A German sentence in the present tense
    # may report ("Am Montag meldet die Polizei …") or announce ("Am Freitag beginnt …"): with
    # neither marker the nearer of the two days is taken
    ahead, back = (target - pub.weekday()) % 7, (pub.weekday() - target) % 7
    present_de = at.language == "de" and not at.past and not at.future and 0 < ahead < back
    forward = bool(_NEXT_WORDS.search(rel)) or ((at.future or present_de) and not _PAST_WORDS.search(rel))
    if forward:
        delta = (target - pub.weekday()) % 7
        if _NEXT_WORDS.search(rel) and delta == 0:
            delta = 7
    else:
        delta = -((pub.weekday() - target) % 7)
        if _PAST_WORDS.search(rel) and delta == 0:
            delta = -7
    day = pub + timedelta(days=delta)
    start = day - timedelta(days=1) if night else day
    return start, day, "day", True, f"relative to publication ({'future' if forward else 'past'} tense)", "date"


# "19.30 Uhr", "ab 15 Uhr", "21:30 Uhr": nowadays has no clock time
_CLOCK = re.compile(r"\s*(?:um\s+)?\b\d{1,2}(?:[.:]\d{2})?\s*Uhr\b")


def _past_verb_beside(sentence: str, m: re.Match, reach: int = 40) -> bool:
    """A past-tense verb in the same clause, close to the match ("Heute wurde Watzke gewählt",
    "gewann heute die Etappe"): nowadays is told in the present tense. Only the clause counts,
    so "Früher war alles klar. Heute ist es kompliziert" stays the present."""
    left = re.split(r"[.,;:?!\"»«„“”]", sentence[max(0, m.start() - reach):m.start()])[-1]
    right = re.split(r"[.,;:?!\"»«„“”]", sentence[m.end():m.end() + reach])[0]
    return bool(PAST["de"].search(left) or PAST["de"].search(right))


def _today(sentence: str, m: re.Match, at: Anchor) -> Result:
    """German "heute" is the publication day only when the text ties it to the day: a time of
    day ("heute Abend"), a clock time in its sentence ("Heute um 19.30 Uhr trifft sich …"), the
    day named beside it ("heute, Montag"), a past-tense verb in its clause ("Heute wurde …
    gewählt") or an article that counts days from its publication ("gestern"). Otherwise it may
    mean nowadays ("Heute leben dort …"; weekly papers use it so most of the time), and a day
    would claim a precision the text does not give: it is reported as a present reference."""
    text = m.group()
    if text.lower() != "heute":
        shift = 0 if text.lower() == "today" else 1          # morgen, tomorrow
        return _unit_span("day", shift, at, "relative to publication")
    after = sentence[m.end():m.end() + 24]
    weekday = "|".join(WEEKDAYS["de"])
    if re.match(rf"\s+(?:Abend|Morgen|Nachmittag|Vormittag|Mittag|Nacht|früh)|,?\s*\(?(?:am\s+)?(?:{weekday}|\d{{1,2}}\.)", after):
        return _unit_span("day", 0, at, "relative to publication")
    if _CLOCK.search(sentence):
        return _unit_span("day", 0, at, "relative to publication (a clock time in the sentence)")
    if _past_verb_beside(sentence, m) and not re.match(r"\s+\d+[- ]?[Jj]ährig", after):   # "der heute 77-jährige"
        return _unit_span("day", 0, at, "relative to publication (a past-tense verb beside it)")
    if at.counts_days:
        return _unit_span("day", 0, at, "relative to publication (the article counts days from it: gestern, morgen)")
    return _unresolved(None, "present reference: 'heute' without a time of day or a date beside it may mean "
                             "nowadays, so no day is claimed", "present reference")


def resolve(kind: str, m: re.Match, sentence: str, at: Anchor) -> Result:
    """(start, end, precision, resolved, how, kind) for one match of pattern ``kind``."""
    g = m.groupdict()
    lang = at.language
    names = months(lang)
    month = lambda key: names.get((g.get(key) or "").lower().rstrip("."))
    written_year = next((int(g[k]) for k in ("y", "y0", "y2") if g.get(k)), None)
    if g.get("ry") and at.knows("year"):              # "Juli dieses Jahres", "8. Mai des vergangenen Jahres"
        written_year = at.pub.year + (-1 if _PAST_WORDS.search(g["ry"]) else 1 if _NEXT_WORDS.search(g["ry"]) else 0)
    elif g.get("ry"):
        return _unresolved("month", at.need("year"))
    try:
        if kind == "phrase":
            said = re.sub(r"\s+", " ", m.group().lower())
            unit, shift, what = phrases(lang)[said]
            # "the year-earlier quarter": the period named before, a year back, when the sentence
            # names that kind of period (otherwise the text gives only the year)
            if (said in _SAME_PERIOD_A_YEAR_BEFORE and at.previous and at.previous[2] in ("quarter", "half")
                    and re.search(rf"\b(?:{at.previous[2]}|period)s?\b", sentence, re.I)):
                start, end, precision = at.previous
                return (start.replace(year=start.year - 1), end.replace(year=end.year - 1, day=min(end.day, 28) if end.month == 2 else end.day),
                        precision, True, "the period named before, a year earlier", "date")
            if unit in ("named-day", "named-year"):
                if unit == "named-day" and at.named_day:
                    d = at.named_day + timedelta(days=shift)
                    return d, d, "day", True, "the day named before" + (f", {shift:+d} day" if shift else ""), "date"
                if unit == "named-year" and at.named_year:
                    y = at.named_year + shift
                    return date(y, 1, 1), date(y, 12, 31), "year", True, "the year named before" + (f", {shift:+d}" if shift else ""), "date"
                return _unresolved(unit[6:], f"unresolved: refers to a {unit[6:]} named before, and the text names none")
            if what == "present" and said.endswith("heute") and _CLOCK.match(sentence, m.end()):
                return _unit_span("day", 0, at, "relative to publication (until a clock time today)")
            if what != "date":
                label = _KINDS[what]
                return _unresolved(None, f"{label}: {'a stretch of time' if what == 'duration' else 'a recurring time' if what == 'set' else 'the present, not a day'}, not a date", label)
            return _unit_span(unit, shift, at, "relative to publication")
        if kind == "holiday":
            return _holiday(g["hol"], written_year, at)
        if kind == "range":
            mo = month("m") or month("m0")
            d1 = int(g.get("d1") or g.get("d1a") or g.get("d1b"))
            d2 = int(g.get("d2") or g.get("d2a") or g.get("d2b"))
            mo1 = month("m1") or mo
            yr, how = (written_year, "absolute") if written_year else _year_of(mo, d2, at)
            if yr is None:
                return _unresolved("day", how)
            return date(yr, mo1, d1), date(yr, mo, d2), "day", True, how, "date"
        if kind in ("numeric", "iso", "day_month"):
            if kind == "day_month":
                mo, d = month("m") or month("m0"), int(g.get("d") or g.get("d1") or g.get("d2"))
            else:
                mo, d = int(g["mn"]), int(g["d"])
            if g.get("y"):
                yr = int(g["y"]) + (2000 if len(g["y"]) == 2 else 0)
                return date(yr, mo, d), date(yr, mo, d), "day", True, "absolute", "date"
            if written_year:                               # "8. Mai dieses Jahres"
                return date(written_year, mo, d), date(written_year, mo, d), "day", True, "year from publication", "date"
            yr, how = _year_of(mo, d, at)
            if yr is None:
                return _unresolved("day", how)
            return date(yr, mo, d), date(yr, mo, d), "day", True, how, "date"
        if kind in ("month_year", "month"):
            mo = month("m")
            yr, how = (written_year, "absolute") if written_year else _year_of(mo, None, at, g.get("pre") or "")
            if yr is None:
                return _unresolved("month", how)
            return *_month_span(yr, mo), "month", True, how, "date"
        if kind in ("year", "bare_year"):
            yr = written_year
            return date(yr, 1, 1), date(yr, 12, 31), "year", True, "absolute", "date"
        if kind in ("quarter", "half"):
            if kind == "quarter":
                n = int(g["q2"]) if g.get("q2") else ORDINALS[lang][g["q"].lower()]
                first, last, precision = 3 * n - 2, 3 * n, "quarter"
            else:
                n = ORDINALS[lang][g["h"].lower()]
                first, last, precision = 6 * n - 5, 6 * n, "half"
            yr, how = (written_year, "absolute") if written_year else _period_year(first, last, at, m.group())
            if yr is None:
                return _unresolved(precision, how)
            return date(yr, first, 1), _month_span(yr, last)[1], precision, True, how, "date"
        if kind == "season":
            code = SEASONS[lang][(g.get("s") or g.get("s2")).lower()]
            first, last = SEASON_MONTHS[code]
            yr, how = (written_year, "absolute") if written_year else _period_year(first, last, at, g.get("pre") or m.group())
            if yr is None:
                return _unresolved("season", how)
            return *_season_span(yr, code), "season", True, how, "date"
        if kind == "decade":
            d = int(g.get("d") or g.get("d2")) if (g.get("d") or g.get("d2")) else DECADE_WORDS[g["dw"].lower()]
            if g.get("c"):
                start = int(g["c"]) * 100 + d * 10
            elif at.knows("year"):
                start = 1900 + d * 10 if 1900 + d * 10 <= at.pub.year else 1800 + d * 10
                start = 2000 + d * 10 if 2000 + d * 10 <= at.pub.year else start
            else:
                return _unresolved("decade", at.need("year") + " (to know the century)")
            return date(start, 1, 1), date(start + 9, 12, 31), "decade", True, "absolute", "date"
        if kind == "century":
            if g.get("rel"):
                if not at.knows("year"):
                    return _unresolved("century", at.need("year"))
                n = at.pub.year // 100 + 1 - (0 if _THIS_WORDS.search(g["rel"]) else 1)
            else:
                n = int(g["n"])
            return date(max(1, (n - 1) * 100), 1, 1), date((n - 1) * 100 + 99, 12, 31), "century", True, "absolute", "date"
        if kind == "ago":
            n = _number(g["n"], lang)
            unit = g["u"].lower()
            unit = "year" if unit.startswith(("jahr", "year")) else "month" if unit.startswith(("monat", "month")) \
                else "week" if unit.startswith(("woche", "week")) else "day"
            ahead = (g.get("dir") or "").lower() == "in"          # "in zwei Wochen"
            return _unit_span(unit, n if ahead else -n, at,
                              f"relative to publication ({n} {unit}{'s' if n != 1 else ''} {'after' if ahead else 'before'})")
        if kind in ("weekday", "night"):
            return _weekday(g, at, night=kind == "night")
        if kind == "the_period":
            unit = g["unit"].lower()
            if at.previous and at.previous[2] == unit and not (g.get("adj") or "").strip().lower() == "current":
                return *at.previous, True, f"the {unit} named before", "date"
            if not at.knows("month"):
                return _unresolved(unit, at.need("month"))
            size = 3 if unit == "quarter" else 6
            n = (at.pub.month - 1) // size + (1 if "current" in (g.get("adj") or "").lower() else 0)
            yr = at.pub.year if n > 0 else at.pub.year - 1
            n = n if n > 0 else 12 // size
            first, last = size * n - size + 1, size * n
            return (date(yr, first, 1), _month_span(yr, last)[1], unit, True,
                    f"the {'current' if 'current' in (g.get('adj') or '') else 'last completed'} {unit} at publication", "date")
        if kind == "deictic":
            return _today(sentence, m, at)
    except (ValueError, KeyError) as exc:              # "31. Februar", a month name not in the table
        return _unresolved("day", f"unresolved: not a calendar date ({exc})")
    return _unresolved("day", "unresolved: expression not understood")
