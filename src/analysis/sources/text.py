"""Tokens with character offsets, and where quotations are, for one sentence at a time."""
from __future__ import annotations

import re
from typing import NamedTuple

# Words keep inner hyphens, apostrophes, dots and ampersands ("US-Beamte", "U.S.", "AT&T");
# every other non-space character is a token of its own.
TOKEN = re.compile(r"\w+(?:[-'’.&]\w+)*|[^\w\s]")
QUOTE_MARKS = set("„“”\"«»")
# A sentence longer than this many tokens is tagged in windows, so cost stays linear.
MAX_TOKENS = 160
SHORT_QUOTE = 4


class Token(NamedTuple):
    start: int
    end: int
    text: str


_new = tuple.__new__       # C-level: several times faster than Token(...) for millions of tokens


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``."""
    end = len(text) if end is None else end
    return [_new(Token, (m.start(), m.end(), m.group())) for m in TOKEN.finditer(text, start, end)]


def quote_depth(tokens: list[Token], short: int = SHORT_QUOTE) -> list[int]:
    """1 for tokens inside a quotation, 0 outside (the marks themselves count as outside).

    A quoted stretch of at most ``short`` tokens is a name or a title (die „Automobilwoche“,
    the “Fox News Sunday” show), not a quotation: its tokens count as outside.
    """
    depth, out, opened = 0, [], None
    for i, tok in enumerate(tokens):
        mark = tok.text
        if mark in QUOTE_MARKS:
            if mark == "„":
                new = 1
            elif mark == "”":
                new = 0
            else:                      # “ closes German „…“ and opens English “…”; " « » toggle
                new = depth ^ 1
            if depth and not new and opened is not None and i - opened - 1 <= short:
                out[opened + 1:i] = [0] * (i - opened - 1)
            opened = i if new else None
            depth = new
            out.append(0)
        else:
            out.append(depth)
    return out


def windows(n: int, size: int = MAX_TOKENS, overlap: int = 20) -> list[tuple[int, int]]:
    """Token windows covering ``n`` tokens; one window when the sentence is short."""
    if n <= size:
        return [(0, n)]
    out, start = [], 0
    while start < n:
        out.append((start, min(n, start + size)))
        if start + size >= n:
            break
        start += size - overlap
    return out
