"""Split a scraped news page into the article's body and what the page wrapped around it.

Web pages saved as text run several things into the article: a date prefix, the
kicker and title with a "Stand:" stamp, photo captions with credit lines, sub-headings,
an end-of-article source list, correction notes, agency codes glued to the last
sentence, teasers for other articles. :func:`parse_page` sorts every line of a page
into one of these zones with general rules about such pages, so that detectors only
ever read the body and nothing is dropped silently.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import canonical_outlet

# " date 2023-09" run into the first line by some scrapers.
DATE_PREFIX = re.compile(r"^\s*date\s+(\d{4}(?:-\d{2}(?:-\d{2})?)?)\b\s*")
# "(In der dritten Zeile ... wurde korrigiert: einzigen)" and English equivalents.
CORRECTION = re.compile(
    r"\((?=[^()]*\b(?:korrigiert|Korrektur|berichtigt|aktualisiert|ergänzt|corrected|"
    r"correction|updated|clarified)\b)[^()]{5,300}\)"
)
# "Stand: 14.09.2023 07:12 Uhr" / "Updated: 14.09.2023, 07:12" at the end of a header line.
# (No leading \s*: searched in a line of spaces it would backtrack quadratically.)
STAMP = re.compile(
    r"\b(?:Stand|Aktualisiert|Zuletzt aktualisiert|Veröffentlicht|Updated|Published)\s*:?\s*"
    r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})"
    r"(?:,?\s*(?P<H>\d{1,2})[:.](?P<M>\d{2})\s*(?:Uhr|h)?)?\s*$"
)
# "MOSKAU/SEOUL (dpa-AFX) - " or "Washington (dpa) – " at the start of the body.
DATELINE = re.compile(
    r"^(?P<place>[A-ZÄÖÜ][\wÄÖÜäöüß.'’/ -]{0,60}?)\s*\((?P<agency>[A-Za-z][\w./ -]{0,24}?)\)"
    r"\s*[-–—]\s+"
)
# "/dg/bal/DP/nas" glued to the last sentence.
AGENCY_CODES = re.compile(r"(?<=[.!?\"“”»])\s*(?P<codes>(?:/[A-Za-z0-9]{1,6}){2,})\s*$")
SOURCE_LIST = re.compile(
    r"^(?:Verwendete Quellen|Quellen|Quelle|Mit Material von|Sources?|Sourcing)\s*:\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
# Photo credits: "©" anywhere, "Foto: ...", or short "Agency/Agency" lines.
CREDIT_PREFIX = re.compile(r"^(?:Fotos?|Bild(?:er|quelle)?|Photos?|Images?|Credit|Grafik)\s*:", re.I)
CREDIT_SLASHED = re.compile(r"^[\w.&@'’ -]{1,30}(?:\s*[/|]\s*[\w.&@'’ -]{1,30})+$")
SENTENCE_END = re.compile(r"[.!?:;,…\"“”»«'’)。！？]\s*$")
WORD = re.compile(r"\w+(?:[-'’.]\w+)*")
LOWER_FUNCTION = {
    "in", "im", "an", "am", "auf", "aus", "bei", "mit", "nach", "von", "vom", "zu", "zum", "zur",
    "und", "oder", "der", "die", "das", "den", "dem", "des", "ein", "eine", "für", "über", "vor",
    "of", "the", "and", "to", "for", "on", "at", "with", "a", "an", "by",
}


@dataclass
class ParsedPage:
    """The zones of one page. ``paragraphs`` is the body; everything else is kept aside."""

    paragraphs: list[str] = field(default_factory=list)
    title: str | None = None
    kicker: str | None = None
    headings: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    cited_sources: list[str] = field(default_factory=list)   # heading first, then entries
    notes: list[str] = field(default_factory=list)
    dateline: str | None = None
    dateline_agency: str | None = None
    date_prefix: str | None = None   # " date 2023-09"
    stamp: dict | None = None        # parts of a "Stand:" stamp

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def _words(line: str) -> int:
    return len(WORD.findall(line))


def is_credit(line: str) -> bool:
    """A photo credit line such as "Reuters/KCNA", "IMAGO/Xinhua/Sputnik", "© Bloomberg"."""
    s = line.strip()
    if not s or len(s) > 80:
        return False
    if "©" in s or s.lower().startswith("(c) ") or CREDIT_PREFIX.match(s):
        return True
    return bool(CREDIT_SLASHED.match(s)) and _words(s) <= 6 and not s.endswith(".")


def is_doubled(line: str) -> bool:
    """A teaser rendered twice in one line: "X: Y X: Y"."""
    s = re.sub(r"\s+", " ", line.strip())
    n = len(s)
    if n < 20:
        return False
    half = (n - 1) // 2
    return s[:half].strip() == s[half + 1 :].strip() or s[: n // 2].strip() == s[n // 2 :].strip()


def is_headline(line: str) -> bool:
    """A short line that does not end like a sentence: a title, kicker or sub-heading."""
    s = line.strip()
    n = _words(s)
    if not s or n == 0 or s[0].islower() or DATELINE.match(s):
        return False
    if s.endswith("?"):
        return n <= 10
    return n <= 16 and not SENTENCE_END.search(s)


def split_kicker_title(header: str) -> tuple[str | None, str]:
    """Split "Nordkoreas Machthaber Kim in Russland Putin nimmt ... an" into kicker and title.

    Kicker and title run together without a separator. The title is taken to start at
    the first capitalised word that follows another capitalised word and is itself
    followed by a lower-case word that is not a function word: a subject and its verb.
    """
    tokens = header.split()
    for i in range(2, len(tokens) - 1):
        prev, cur, nxt = tokens[i - 1], tokens[i], tokens[i + 1]
        if (
            cur[:1].isupper()
            and prev[:1].isupper()
            and nxt[:1].islower()
            and nxt.lower() not in LOWER_FUNCTION
        ):
            return " ".join(tokens[:i]), " ".join(tokens[i:])
    return None, header


def _blocks(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _is_hard_wrapped(block: list[str]) -> bool:
    """Lines of one paragraph wrapped at a fixed width (all but the last end mid-sentence)."""
    return len(block) > 1 and all(
        len(line) >= 50 and not re.search(r"[.!?:\"“”»]$", line) for line in block[:-1]
    )


def parse_page(raw: str) -> ParsedPage:
    """Sort the lines of a scraped page into body paragraphs and the zones around them."""
    page = ParsedPage()
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")

    # First line: " date 2023-09" prefix, correction note, "Stand:" header.
    if lines:
        first = lines[0]
        m = DATE_PREFIX.match(first)
        if m:
            page.date_prefix = m.group(1)
            first = first[m.end():]
        lines[0] = first

    blocks = _blocks(lines)
    body_started = False
    in_source_list = False
    pre_body_headlines: list[str] = []

    for block in blocks:
        if in_source_list:
            # Whatever follows the end-of-article source list is page furniture (teasers).
            page.notes.extend(_dedupe_doubled(line) for line in block)
            continue

        credit_idx = [i for i, line in enumerate(block) if is_credit(line)]
        if credit_idx:
            _caption_block(block, credit_idx, page)
            # Lines of the block that are neither credit nor adjacent caption stay as text.
            near = {j for i in credit_idx for j in (i - 1, i, i + 1)}
            block = [line for j, line in enumerate(block) if j not in near]
            if not block:
                continue

        paragraphs = [" ".join(block)] if _is_hard_wrapped(block) else block
        for para in paragraphs:
            para = _strip_notes(para, page)
            if not para:
                continue
            m = SOURCE_LIST.match(para)
            if m and body_started:
                in_source_list = True
                page.cited_sources.append(para)   # the list's own heading, as on the page
                if m.group("rest").strip():
                    page.cited_sources.extend(
                        s.strip() for s in re.split(r"[;,]\s*", m.group("rest")) if s.strip()
                    )
                continue
            if in_source_list:
                page.cited_sources.append(para)
                continue
            stamp = STAMP.search(para)
            if stamp and not body_started and _words(para[: stamp.start()]) <= 30:
                page.stamp = stamp.groupdict()
                kicker, title = split_kicker_title(para[: stamp.start()].strip())
                page.kicker, page.title = kicker, title or None
                continue
            if is_doubled(para):
                page.notes.append(_dedupe_doubled(para))
                continue
            if is_headline(para):
                if body_started:
                    page.headings.append(para)
                else:
                    pre_body_headlines.append(para)
                continue
            if not body_started:
                m = DATELINE.match(para)
                if m and (canonical_outlet(m.group("agency")) or len(m.group("agency")) <= 8):
                    page.dateline = para[: m.end()].strip()
                    page.dateline_agency = m.group("agency").strip()
                    para = para[m.end():]
            body_started = True
            page.paragraphs.append(para)

    if pre_body_headlines and page.title is None:
        page.title = pre_body_headlines[-1]
        if len(pre_body_headlines) > 1:
            page.kicker = pre_body_headlines[-2]
            page.notes.extend(pre_body_headlines[:-2])
    elif pre_body_headlines:
        page.headings = pre_body_headlines + page.headings
    return page


def _dedupe_doubled(line: str) -> str:
    s = re.sub(r"\s+", " ", line.strip())
    if is_doubled(s):
        return s[: len(s) // 2].strip()
    return s


def _strip_notes(para: str, page: ParsedPage) -> str:
    """Move correction notes and trailing agency codes out of a paragraph."""
    for m in list(CORRECTION.finditer(para)):
        page.notes.append(m.group(0))
    para = CORRECTION.sub("", para).strip()
    m = AGENCY_CODES.search(para)
    if m:
        page.notes.append(m.group("codes"))
        para = para[: m.start("codes")].rstrip()
    return para


def _caption_block(block: list[str], credit_idx: list[int], page: ParsedPage) -> None:
    """A credit line and the lines right next to it: captions, or short meta labels."""
    for i in credit_idx:
        page.credits.append(block[i])
        for j in (i - 1, i + 1):
            if 0 <= j < len(block) and j not in credit_idx:
                line = block[j]
                if _words(line) <= 3 and not line.endswith("."):
                    if line not in page.notes:
                        page.notes.append(line)   # a short label such as „NYT“
                elif line not in page.captions:
                    page.captions.append(line)
