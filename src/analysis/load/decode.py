"""Bytes to text, and facts of a text: language, word count, fingerprint."""
from __future__ import annotations

import hashlib
import re
import unicodedata

WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def decode(data: bytes) -> tuple[str, str]:
    """Decode a text file's bytes: UTF-8 (with or without BOM), else Windows-1252/Latin-1.

    Raises ``ValueError`` for empty and binary files. Returns the text with CRLF/CR
    line ends normalised and the name of the encoding used.
    """
    if not data.strip():
        raise ValueError("empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, encoding = data.decode("utf-16"), "utf-16"
    elif b"\x00" in data[:8192]:
        raise ValueError("binary file (contains NUL bytes), not text")
    else:
        for encoding in ("utf-8-sig", "cp1252", "latin-1"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        if encoding == "utf-8-sig" and not data.startswith(b"\xef\xbb\xbf"):
            encoding = "utf-8"
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    if controls > max(3, 0.01 * len(text)):
        raise ValueError(f"binary file ({controls} control characters), not text")
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


def detect_language(text: str) -> str:
    """``de`` or ``en`` by the share of each language's function words; ``und`` (undetermined)
    when most letters are not Latin (Cyrillic, Hangul, Chinese …): such a text is neither."""
    from stop_words import get_stop_words

    sample = text[:20000]
    letters = [ch for ch in sample if ch.isalpha()]
    latin = sum(ch < "\u0250" or "\u1e00" <= ch <= "\u1eff" for ch in letters)
    if letters and latin < 0.5 * len(letters):
        return "und"
    de, en = set(get_stop_words("de")), set(get_stop_words("en"))
    shared = de & en
    words = [w.lower() for w in WORD.findall(sample)]
    n_de = sum(w in de and w not in shared for w in words)
    n_en = sum(w in en and w not in shared for w in words)
    return "en" if n_en > n_de else "de"


def fingerprint(text: str) -> str:
    """Fingerprint for finding duplicate articles: white space does not count."""
    return hashlib.sha1(re.sub(r"\s+", " ", text).strip().encode()).hexdigest()


def count_words(text: str) -> int:
    return len(WORD.findall(text))
