"""Recognising date expressions: one list of (name, regex) per language, tried in order; a
later pattern never takes text an earlier one matched. Longer and more specific forms come
first ("jeden Montag" is a set before "Montag" is a day; "vor drei Jahren" before "Jahren"),
after the written dates ("Juli dieses Jahres" is one month, not "Juli" and "dieses Jahres")."""
from __future__ import annotations

import re
from functools import lru_cache

from .holidays import holiday_regex
from .words import NUMBERS, ORDINALS, SEASONS, WEEKDAYS, alternation, month_names, phrases, trie_alternation

def year(name: str = "y") -> str:
    return rf"(?P<{name}>(?:1[5-9]|20)\d\d)"


YEAR = year()
# a number after a year that makes it a count ("2000 Menschen", "1500 Euro"), not a date
_COUNT_NOUN = {
    "de": r"Euro|EUR|Dollar|Franken|Pfund|Mark|DM|Schilling|Lire|Prozent|Menschen|Personen|Einwohner|Mitglieder|Meter|Kilometer|"
          r"km|Tonnen|Stück|Besucher|Teilnehmer|Mal|Jahre|Jahren|Mitarbeiter|Soldaten|Polizisten|Häuser|"
          r"Wohnungen|Stimmen|Kinder|Schüler|Studenten|Fans|Zuschauer|Tote|Toten|Opfer|Fälle",
    "en": r"percent|per\s+cent|people|persons|residents|members|meters|metres|miles|kilometers|tons|tonnes|"
          r"troops|soldiers|employees|workers|jobs|votes|shares|dollars|euros|pounds|yen|feet|acres|units|cars|"
          r"times|years|students|children|deaths|cases",
}


def _sep(language: str) -> str:
    return r"(?:\s+(?:des\s+Jahres\s+)?|\s+of\s+(?:fiscal\s+)?|,\s*)" if language == "en" else r"\s+(?:des\s+Jahres\s+)?"


@lru_cache(maxsize=4)
def patterns(language: str) -> list[tuple[str, re.Pattern]]:
    mon = "(?:" + alternation(month_names(language)) + r")\.?"
    wd = alternation(WEEKDAYS[language])
    y = YEAR
    words = phrases(language)
    phrase = re.compile(rf"(?<![\w-])(?:{trie_alternation(words)})(?![\w-])", re.I)
    season = alternation(SEASONS[language])
    ordinal = alternation(ORDINALS[language])
    number = alternation(NUMBERS[language]) + r"|\d{1,3}"
    count = _COUNT_NOUN[language]
    # a named day, with its year if one follows ("Weihnachten 2015", "Election Day 2016")
    holiday = ("holiday", re.compile(rf"(?<![\w-])(?P<hol>{holiday_regex(language)})(?:,?\s+{y})?(?![\w-])"))
    if language == "de":
        return [
            ("range", re.compile(rf"(?<![\w-])(?:(?:vom|von|zwischen dem)\s+)?(?P<d1>[0-3]?\d)\.\s*(?:(?P<m1>{mon})\s+)?(?:bis(?:\s+zum)?|und(?:\s+dem)?|[-–])\s*(?P<d2>[0-3]?\d)\.\s*(?P<m>{mon})(?:\s+{y})?", re.I)),
            ("numeric", re.compile(r"(?<![\d.])(?P<d>[0-3]?\d)\.(?P<mn>[01]?\d)\.(?P<y>(?:19|20)?\d\d)?(?![\d])")),
            # "9. Maikol Demetz" is a rank and a name: a month must follow as a word of its own
            ("day_month", re.compile(rf"(?<![\w-])(?:am\s+)?(?:(?:{wd}),?\s+(?:dem\s+)?)?(?P<d>[0-3]?\d)\.\s*(?P<m>{mon})(?![\w-])(?:\s+{y}|(?:\s+(?P<ry>(?i:dieses|diesen|des\s+vergangenen|vergangenen|des\s+letzten|letzten|des\s+vorigen|vorigen|kommenden|nächsten|des\s+laufenden|laufenden))\s+(?i:Jahres))(?![\w-]))?", re.I)),
            ("month_year", re.compile(rf"(?<![\w-])(?:(?i:im|seit|bis|ab|anfang|mitte|ende)\s+)?(?P<m>{mon})(?:\s+{y}|(?:\s+(?P<ry>(?i:dieses|diesen|des\s+vergangenen|vergangenen|des\s+letzten|letzten|des\s+vorigen|vorigen|kommenden|nächsten|des\s+laufenden|laufenden))\s+(?i:Jahres))(?![\w-]))", re.I)),
            holiday,
            ("phrase", phrase),
            ("month", re.compile(rf"(?<![\w-])(?P<pre>(?i:im|seit|bis|ab|anfang|mitte|ende|vergangenen|letzten|kommenden|nächsten|diesen))\s+(?P<m>{mon})(?![\w-])")),
            ("quarter", re.compile(rf"(?<![\w-])(?:im\s+)?(?P<q>{ordinal})\s+Quartal(?:s|es)?(?:{_sep(language)}{y})?|(?<![\w-])Q(?P<q2>[1-4])(?:/|\s+){year('y2')}", re.I)),
            ("half", re.compile(rf"(?<![\w-])(?:in\s+der\s+)?(?P<h>ersten|zweiten|1\.|2\.)\s+(?:Jahreshälfte|Halbjahr(?:es|s)?)(?:{_sep(language)}{y})?", re.I)),
            ("season", re.compile(rf"(?<![\w-])(?:(?P<pre>(?i:im|in|des|dem|den|der|diesen|diesem|dieses|vergangenen|letzten|kommenden|nächsten|ab|bis|seit))\s+(?:(?i:vergangenen|letzten|kommenden|nächsten)\s+)?)?(?P<s>(?i:{season}))s?(?:\s+(?:des\s+Jahres\s+)?{y}|(?:\s+(?P<ry>(?i:dieses|diesen|des\s+vergangenen|vergangenen|des\s+letzten|letzten|des\s+vorigen|vorigen|kommenden|nächsten|des\s+laufenden|laufenden))\s+(?i:Jahres)))?(?![\w-])")),
            ("decade", re.compile(r"(?<![\w-])(?:(?P<c>1[5-9]|20)(?P<d>\d)0er(?:[- ]?Jahren?)?|(?P<d2>\d)0er[- ]?Jahren?|"
                                  r"(?:den\s+|die\s+)?(?P<dw>(?i:zwanziger|dreißiger|vierziger|fünfziger|sechziger|siebziger|achtziger|neunziger))(?:[- ]?(?i:Jahren?))(?![\w-]))(?![\w-])")),
            ("century", re.compile(r"(?<![\w-])(?:(?P<n>1?\d|2[01])\.\s*|(?P<rel>(?i:dieses|diesem|vorigen|vergangenen|letzten|des\s+vorigen|des\s+vergangenen|des\s+letzten))\s+)(?i:Jahrhunderts?)(?![\w-])")),
            ("ago", re.compile(rf"(?<![\w-])(?P<dir>(?i:vor|in))\s+(?P<n>{number})\s+(?P<u>Jahren|Jahr|Monaten|Monat|Wochen|Woche|Tagen|Tag)(?![\w-])", re.I)),
            ("year", re.compile(rf"(?<![\w-])(?:(?i:im\s+jahre?|seit|bis|ab|anfang|mitte|ende|um|nach|vor|zwischen|von|jahr(?:es)?)\s+){y}(?![\d-])|"
                                # "im Jahr 800", but not "im vergangen Jahr 513 Menschen" (a count)
                                rf"(?<![\w-])(?i:im\s+)?(?i:jahre?s?)\s+(?P<y2>\d{{4}}|\d{{3}}(?!\s+[A-ZÄÖÜ][a-zäöüß]+))"
                                rf"(?![\d-]|\s*(?:{count})(?![\w-]))")),
            # a year for a thing counted ("1500 Grenzschützer", "2000 Quadratmeter") is a number:
            # in German a capitalised noun after it says so; so is a document's ("Resolution 1701")
            ("bare_year", re.compile(rf"(?<![\w.,/-])(?<!Nr\.\s)(?<![Rr]esolution\s){y}(?![\w-]|[.,]\d|\s*(?:{count})(?![\w-])|\s+(?!{mon}(?![\w-]))[A-ZÄÖÜ][a-zäöüß]+)")),
            ("night", re.compile(rf"in\s+der\s+Nacht\s+(?:zum|auf\s+den)\s+(?P<wd>{wd})")),
            ("weekday", re.compile(rf"(?<![\w-])(?:(?i:am)\s+|(?P<rel>(?i:vergangenen|letzten|kommenden|nächsten|diesen))\s+)?(?P<wd>(?i:{wd}))(?:abend|morgen|nachmittag|vormittag|mittag|nacht)?(?![\w-])")),
            ("deictic", re.compile(r"(?<![\w-])(?:heute|Heute|(?<!am\s)(?<!Am\s)(?<!heute\s)(?<!Heute\s)(?<!gestern\s)(?<!Gestern\s)morgen|^Morgen)(?![\w-])")),
        ]
    return [
        ("range", re.compile(rf"(?<![\w-])(?:(?:from|between)\s+)?(?:(?P<m0>{mon})\s+(?P<d1a>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|–|to|and|through)\s*(?P<d2a>[0-3]?\d)(?:st|nd|rd|th)?|(?P<d1b>[0-3]?\d)\s*(?:-|–|to|and)\s*(?P<d2b>[0-3]?\d)\s+(?P<m>{mon}))(?:,?\s+{y})?")),
        ("iso", re.compile(r"(?<![\d-])(?P<y>(?:19|20)\d\d)-(?P<mn>[01]\d)-(?P<d>[0-3]\d)(?![\d])")),
        ("day_month", re.compile(rf"(?<![\w-])(?:(?P<m0>{mon})\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])|(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<m>{mon}))(?:,?\s+{y})?")),
        ("month_year", re.compile(rf"(?<![\w-])(?:(?i:in|since|until|by|early|mid-|late)\s*)?(?P<m>{mon}),?\s+{y}")),
        holiday,
        ("phrase", phrase),
        ("month", re.compile(rf"(?<![\w-])(?P<pre>(?i:in|since|until|by|early|mid-|late|last|next|this|of|for|to|from|during|through))\s*(?P<m>{mon})(?![\w-])")),
        ("quarter", re.compile(rf"(?<![\w-])(?:(?i:the)\s+)?(?:{year('y0')}\s+)?(?P<q>(?i:{ordinal}))[- ](?:(?i:fiscal)[- ])?(?i:quarter)(?:{_sep(language)}{y})?(?![\w-])|(?<![\w-])Q(?P<q2>[1-4])(?:\s+|/){year('y2')}")),
        ("half", re.compile(rf"(?<![\w-])(?:(?i:the)\s+)?(?P<h>(?i:first|second))[- ](?i:half)(?:\s+of\s+(?:(?i:the\s+year)|{y}))?(?![\w-])")),
        ("season", re.compile(rf"(?<![\w-])(?:(?P<pre>(?i:this|last|next|the|in|early|late|mid-?|since|until|by))\s+)(?P<s>(?i:{season}))(?:\s+(?:of\s+)?{y})?(?![\w-])|(?<![\w-])(?P<s2>(?i:{season}))\s+{year('y2')}")),
        ("decade", re.compile(r"(?<![\w-])(?:the\s+)?(?:(?P<c>1[5-9]|20)(?P<d>\d)0s|'(?P<d2>\d)0s)(?![\w-])")),
        ("century", re.compile(r"(?<![\w-])(?:the\s+)?(?P<n>1?\d|2[01])(?:st|nd|rd|th)[- ]century(?![\w-])", re.I)),
        ("ago", re.compile(rf"(?<![\w-])(?P<n>{number})\s+(?P<u>years?|months?|weeks?|days?)\s+(?:ago|earlier|before)(?![\w-])", re.I)),
        ("year", re.compile(rf"(?<![\w-])(?:(?i:in|since|until|by|early|late|fiscal|before|after|from|of|around|between)\s+){y}(?![\d-])")),
        ("bare_year", re.compile(rf"(?<![\w.,/$-])(?<![Rr]esolution\s)(?<!No\.\s){y}(?![\w-]|[.,]\d|\s*(?:{count})(?![\w-]))")),
        ("the_period", re.compile(r"the(?:(?<=\bfor the)|(?<=\bin the)|(?<=\bof the)|(?<=\bduring the)|(?<=\bover the))\s+(?P<adj>latest\s+|most\s+recent\s+|current\s+)?(?P<unit>quarter|half)(?![\w-])", re.I)),
        ("weekday", re.compile(rf"(?<![\w-])(?:(?P<rel>last|next|this|on|late|early)\s+)?(?P<wd>{wd})(?:\s+(?:night|morning|evening|afternoon))?(?![\w-])")),
        ("deictic", re.compile(r"(?<![\w-])(?:today|tomorrow)(?![\w-])", re.I)),
    ]
