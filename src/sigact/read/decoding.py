"""Bytes to clean text: binary sniffing, encoding fallbacks, newline normalisation."""

from __future__ import annotations

import codecs
import re

_MAGIC = (
    b"%PDF",
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"\x7fELF",
    b"BZh",
    b"\xfd7zXZ",
    b"7z\xbc\xaf",
    b"Rar!",
    b"\xd0\xcf\x11\xe0",
    b"MZ",
)
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# C0 controls other than tab, newline, form feed, carriage return, escape; and DEL
_CONTROL_BYTES = bytes([*range(0, 9), 11, *range(14, 27), *range(28, 32), 127])
_SAMPLE = 8192


def is_gzip(data: bytes) -> bool:
    """True for gzip-compressed bytes."""
    return data.startswith(b"\x1f\x8b")


def looks_binary(sample: bytes) -> str | None:
    """Why ``sample`` (a file's first bytes) is not text, or None if it may be."""
    if not sample or sample.startswith(_UTF16_BOMS):
        return None
    for magic in _MAGIC:
        if sample.startswith(magic):
            return f"magic number {magic[:4]!r}"
    sample = sample[:_SAMPLE]
    nuls = sample.count(0)
    if nuls / len(sample) > 0.01:
        return f"{nuls} NUL bytes in the first {len(sample)}"
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls / len(sample) > 0.05:
        return f"{controls / len(sample):.0%} control bytes"
    return None


def _sensible(text: str) -> bool:
    """A single-byte decoding that reads like text, not mojibake."""
    sample = text[:_SAMPLE]
    visible = sum(1 for c in sample if not c.isspace())
    if not visible:
        return True
    odd = sum(1 for c in sample if ord(c) > 127 and not c.isspace())
    c1 = sum(1 for c in sample if 0x80 <= ord(c) <= 0x9F)
    return c1 == 0 and odd / visible < 0.1


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str | None, str]:
    """Decode ``data``: declared charset, UTF-8(-sig), UTF-16 by BOM, then cp1252/latin-1.

    Returns ``(text, encoding)``, or ``(None, why)`` when no decoding reads as text.
    """
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            return None, f"bad UTF-16: {exc.reason}"
    tried: list[str] = []
    if declared:
        try:
            codecs.lookup(declared)
        except LookupError:
            declared = None
    for encoding in (declared, "utf-8-sig"):
        if not encoding:
            continue
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            tried.append(encoding)
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            tried.append(encoding)
            continue
        if _sensible(text):
            return text, encoding
        tried.append(f"{encoding} (not sensible text)")
    return None, "tried " + ", ".join(tried)


# odd line breaks and invisible characters, replaced only when present (str.translate
# with a table is slow)
_REPLACEMENTS = (
    ("\u2028", "\n"),
    ("\u2029", "\n\n"),
    ("\x0b", "\n"),
    ("\x0c", "\n"),
    ("\x85", "\n"),
    ("\ufeff", ""),
    ("\x00", ""),
)
_OTHER_CONTROLS = re.compile(r"[\x01-\x08\x0e-\x1f\x7f]")
_TRAILING_SPACE = re.compile(r"[ \t\u00a0]+\n")
_MANY_BLANKS = re.compile(r"\n{3,}")


def normalise_text(text: str) -> str:
    """Unify newlines, drop NULs and control characters, keep paragraph breaks, trim."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    for old, new in _REPLACEMENTS:
        if old in text:
            text = text.replace(old, new)
    if _OTHER_CONTROLS.search(text):
        text = _OTHER_CONTROLS.sub("", text)
    text = _TRAILING_SPACE.sub("\n", text)
    text = _MANY_BLANKS.sub("\n\n", text)
    return text.strip()


def count_words(text: str) -> int:
    """Number of whitespace-separated words in ``text``."""
    return len(text.split())
