"""Split a document into sentences with character offsets.

A rule-based splitter: every line break ends a block (scraped news puts one paragraph a
line), and inside a block a sentence ends at . ! or ? followed by a capital, unless the
dot closes a known abbreviation ("U.S.", "Gen.", "a.m.") or an initial. Offsets index
into the document text, so evidence spans point at the exact characters.
"""

from __future__ import annotations

import re
import string
from typing import NamedTuple

_ABBREVIATIONS = {
    "u.s", "u.k", "u.n", "u.s.a", "e.g", "i.e", "vs", "mr", "mrs", "ms", "dr", "gen", "lt",
    "col", "maj", "capt", "sgt", "brig", "adm", "cmdr", "rep", "sen", "gov", "st", "no", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "a.m", "p.m",
    "approx", "inc", "co", "corp", "ltd", "jr", "sr", "prof", "mt", "ft", "est", "dept",
}

_BLOCK = re.compile(r"[^\n]+")
# candidate boundary: terminal punctuation, optional closing quote/bracket, space, opener
_BOUNDARY = re.compile(r"([.!?])([\"'”’)\]]*)(\s+)(?=[\"“‘(\[]?[A-Z0-9])")
_WORD_CHARS = frozenset(string.ascii_letters + ".")


class Sentence(NamedTuple):
    index: int
    start: int
    end: int
    text: str
    block: int  # index of the line/paragraph it belongs to
    heading: bool  # a block with no terminal punctuation: a title or subheading


def _is_abbreviation(block: str, dot: int) -> bool:
    # the word before the dot: the run of ASCII letters and dots that ends there, from its
    # first letter on
    start = dot
    while start and block[start - 1] in _WORD_CHARS:
        start -= 1
    while start < dot and block[start] == ".":
        start += 1
    if start == dot:
        return False
    word = block[start:dot].lower().rstrip(".")
    if word in _ABBREVIATIONS:
        return True
    # a single capital initial: "John F. Kennedy"
    return len(word) == 1 and block[start].isupper()


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` in order, each with its offsets and block number."""
    out: list[Sentence] = []
    for b, bm in enumerate(_BLOCK.finditer(text)):
        block = bm.group(0)
        if not block.strip():
            continue
        heading = block.rstrip()[-1:] not in ".!?\"'”’:;)"
        start = 0
        for m in _BOUNDARY.finditer(block):
            if m.group(1) == "." and _is_abbreviation(block, m.start(1)):
                continue
            end = m.end(2)
            _emit(out, text, bm.start() + start, bm.start() + end, b, heading=False)
            start = m.end(3)
        _emit(out, text, bm.start() + start, bm.end(), b, heading=heading)
    return out


def _emit(out: list[Sentence], text: str, start: int, end: int, block: int, heading: bool) -> None:
    span = text[start:end]
    stripped = span.strip()  # the spaces str.isspace knows, as the offsets below
    if stripped:
        start += len(span) - len(span.lstrip())
        out.append(Sentence(len(out), start, start + len(stripped), stripped, block, heading))
