"""Split a document into sentences with character offsets.

A rule-based splitter: every line break ends a block (scraped news puts one paragraph a
line), and inside a block a sentence ends at . ! or ? followed by a capital, unless the
dot closes a known abbreviation ("U.S.", "Gen.", "a.m.") or an initial. Offsets index
into the document text, so evidence spans point at the exact characters.

Hard-wrapped text (plain-text archives and e-mail cut every line at ~70 characters) is
recognised by its lines: when most long lines stop without a sentence's end, a break
after such a line is a soft wrap and the block goes on.
"""

from __future__ import annotations

import re
import string

_ABBREVIATIONS = {
    "u.s", "u.k", "u.n", "u.s.a", "e.g", "i.e", "vs", "mr", "mrs", "ms", "dr", "gen", "lt",
    "col", "maj", "capt", "sgt", "brig", "adm", "cmdr", "rep", "sen", "gov", "st", "no", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "a.m", "p.m",
    "approx", "inc", "co", "corp", "ltd", "jr", "sr", "prof", "mt", "ft", "est", "dept",
}

_BLOCK = re.compile(r"[^\n]+")
_TERMINAL = ".!?\"'”’:;)"
_WRAP_MAX_WIDTH = 110  # a line longer than this is a paragraph, not a wrapped line
# candidate boundary: terminal punctuation, optional closing quote/bracket, space, opener
# (a scraped page may drop the space: "damage to the base.No groups have claimed it")
_BOUNDARY = re.compile(r"([.!?])([\"'”’)\]]*)(\s+|(?<=[a-z]{2}[.!?])(?=[A-Z][a-z]))(?=[\"“‘(\[]?[A-Z0-9])")
_WORD_CHARS = frozenset(string.ascii_letters + ".")


class Sentence:
    """One sentence: its position among the document's sentences, its offsets, its text."""

    __slots__ = ("block", "end", "heading", "index", "start", "text")

    def __init__(self, index: int, start: int, end: int, text: str, block: int, heading: bool) -> None:
        self.index = index
        self.start = start
        self.end = end
        self.text = text
        self.block = block  # index of the line/paragraph it belongs to
        self.heading = heading  # a block with no terminal punctuation: a title or subheading

    def __repr__(self) -> str:
        return (f"Sentence(index={self.index!r}, start={self.start!r}, end={self.end!r}, "
                f"text={self.text!r}, block={self.block!r}, heading={self.heading!r})")


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


def blocks(text: str) -> list[tuple[int, int]]:
    """(start, end) of each block: a line, or the lines of one paragraph of hard-wrapped
    text joined (see the module doc)."""
    lines = [(m.start(), m.end()) for m in _BLOCK.finditer(text) if text[m.start():m.end()].strip()]
    if len(lines) < 5:
        return lines
    widths = sorted(len(text[a:b].rstrip()) for a, b in lines)
    width = widths[int(0.9 * (len(widths) - 1))]
    if width > _WRAP_MAX_WIDTH:
        return lines

    def soft(a: int, b: int) -> bool:  # a wrapped line: long, and no sentence ends there
        line = text[a:b].rstrip()
        return len(line) >= 0.6 * width and line[-1:] not in _TERMINAL

    if sum(soft(a, b) for a, b in lines[:-1]) < 0.3 * len(lines):
        return lines
    out: list[tuple[int, int]] = []
    joined = False
    for i, (a, b) in enumerate(lines):
        if joined:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
        # only a single line break wraps (a blank line still ends the paragraph); a line
        # that goes on in lower case is wrapped whatever its length; the first line is
        # the title unless it goes on in lower case
        joined = False
        if i + 1 < len(lines) and text.count("\n", b, lines[i + 1][0]) == 1:
            line = text[a:b].rstrip()
            nxt = text[lines[i + 1][0]:lines[i + 1][1]].lstrip()[:1]
            if line[-1:] not in _TERMINAL:
                joined = nxt.islower() or (i > 0 and len(line) >= 0.5 * width)
    return out


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` in order, each with its offsets and block number."""
    out: list[Sentence] = []
    for b, (bs, be) in enumerate(blocks(text)):
        block = text[bs:be]
        heading = block.rstrip()[-1:] not in _TERMINAL
        start = 0
        for m in _BOUNDARY.finditer(block):
            if m.group(1) == "." and _is_abbreviation(block, m.start(1)):
                continue
            end = m.end(2)
            _emit(out, text, bs + start, bs + end, b, heading=False)
            start = m.end(3)
        _emit(out, text, bs + start, be, b, heading=heading)
    return out


def _emit(out: list[Sentence], text: str, start: int, end: int, block: int, heading: bool) -> None:
    span = text[start:end]
    stripped = span.strip()  # the spaces str.isspace knows, as the offsets below
    if stripped:
        start += len(span) - len(span.lstrip())
        out.append(Sentence(len(out), start, start + len(stripped), stripped, block, heading))
