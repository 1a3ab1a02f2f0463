"""Bytes to text, and facts of a text: language, word count, fingerprint."""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from functools import lru_cache

WORD = re.compile(r"\w+(?:[-'’]\w+)*")


# a valid multi-byte UTF-8 sequence: text holding one was written as UTF-8
_UTF8_MULTI = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# C0/C1 control characters other than tab, line and form feed, carriage return
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
MAX_BAD_BYTES = 20          # more than this many undecodable bytes in UTF-8 text: not UTF-8


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when every other byte is NUL, as in UTF-16 of Latin text."""
    head = data[:4096]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def decode(data: bytes) -> tuple[str, str]:
    """Decode a text file's bytes, by one rule: UTF-16 with a BOM, or without one when every
    other byte is NUL; else UTF-8 (with or without BOM); UTF-8 with a few bad bytes is read as
    UTF-8 with U+FFFD in their place and their byte offsets in the returned encoding name
    ("utf-8, 2 bad bytes replaced at 120, 455"); Windows-1252 (Latin-1 for its five undefined
    bytes) only when the file holds no valid multi-byte UTF-8 sequence at all.

    Raises ``ValueError`` for empty and binary files. Returns the text with CRLF/CR line ends
    normalised and the name of the encoding used.
    """
    if not data.strip():
        raise ValueError("empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, encoding = data.decode("utf-16"), "utf-16"
    elif (utf16 := _utf16_without_bom(data)) is not None:
        text, encoding = data.decode(utf16, errors="replace"), utf16
    elif b"\x00" in data[:8192]:
        raise ValueError("binary file (contains NUL bytes), not text")
    else:
        try:
            text = data.decode("utf-8-sig")
            encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
        except UnicodeDecodeError:
            bad = _bad_utf8_offsets(data)
            if _UTF8_MULTI.search(data) and len(bad) <= MAX_BAD_BYTES:
                text = data.decode("utf-8-sig", errors="replace")
                encoding = (f"utf-8, {len(bad)} bad byte{'s' if len(bad) > 1 else ''} replaced at "
                            + ", ".join(map(str, bad[:5])) + (" …" if len(bad) > 5 else ""))
            else:
                try:
                    text, encoding = data.decode("cp1252"), "cp1252"
                except UnicodeDecodeError:
                    text, encoding = data.decode("latin-1"), "latin-1"
    controls = len(_CONTROLS.findall(text))
    if controls > max(3, 0.01 * len(text)):
        raise ValueError(f"binary file ({controls} control characters), not text")
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


def _bad_utf8_offsets(data: bytes) -> list[int]:
    """Byte offsets where UTF-8 decoding fails (each undecodable stretch once)."""
    out, pos = [], 0
    while pos < len(data) and len(out) <= MAX_BAD_BYTES:
        try:
            data[pos:].decode("utf-8")
            break
        except UnicodeDecodeError as exc:
            out.append(pos + exc.start)
            pos += exc.end
    return out


# languages told apart by their function words (the stop-words package's lists), Latin script
DETECTED = ("de", "en", "es", "fr", "it", "pt", "nl", "sv", "da", "nb", "fi", "pl", "cs", "sk", "ro", "hu", "tr", "id", "ca")


@lru_cache(maxsize=1)
def _function_words() -> dict[str, frozenset[str]]:
    """Per language, its function words that no other listed language has."""
    from stop_words import get_stop_words

    words = {lang: set(get_stop_words(lang)) for lang in DETECTED}
    counts = Counter(w for ws in words.values() for w in ws)
    return {lang: frozenset(w for w in ws if counts[w] == 1) for lang, ws in words.items()}


def detect_language(text: str) -> str:
    """The language of ``text`` as an ISO 639-1 code, by its share of each language's own
    function words (German, English and 17 other Latin-script languages); ``und``
    (undetermined) when most letters are not Latin (Cyrillic, Hangul, Chinese …) or no
    function word is found. Only ``de`` and ``en`` are analysed."""
    sample = text[:20000]
    letters = [ch for ch in sample if ch.isalpha()]
    latin = sum(ch < "\u0250" or "\u1e00" <= ch <= "\u1eff" for ch in letters)
    if letters and latin < 0.5 * len(letters):
        return "und"
    words = Counter(w.lower() for w in WORD.findall(sample))
    scores = {lang: sum(n for w, n in words.items() if w in own) for lang, own in _function_words().items()}
    best = max(DETECTED, key=lambda lang: (scores[lang], lang in ("de", "en")))
    return best if scores[best] else "und"


def fingerprint(text: str) -> str:
    """Fingerprint for finding duplicate articles: white space does not count."""
    return hashlib.sha1(re.sub(r"\s+", " ", text).strip().encode()).hexdigest()


def count_words(text: str) -> int:
    return len(WORD.findall(text))
