"""Regular expressions behind a cheap test: no search where a word they need is missing.

Most of the extractor's patterns look for phrases that most sentences lack ("from Aug.
27 to Sept. 12", "a ground assault", "24 km west of"), and Python's engine tries them at
every position of the text, where ``str.__contains__`` scans for a word many times
faster. A :class:`Gated` pattern searches only a text that contains one of its words:
every match of the pattern must contain one of them, so its answers are the pattern's
own, only sooner when there is none.

The words of a case-insensitive pattern are lower-case and are looked for in the
lower-cased text. Three letters that such a pattern equates with an ASCII letter but
``str.lower`` does not turn into it (dotted İ, dotless ı, long ſ) send the text to the
pattern unchecked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Final

from sigact import _native

#: whether this module runs compiled (mypyc): some loops are written two ways, the one
#: for compiled code (a loop, a character at a time) and the one for the interpreter
#: (the same done by C functions of the standard library); they give the same results
COMPILED: Final = _native.compiled()

_ODD_CASE = ("\u0130", "\u0131", "\u017f")

GATED: list[Gated] = []  # every gated pattern, for the tests
ENDINGS: list[Ending] = []  # every ending pattern, for the tests
# the last two texts a case-insensitive pattern was asked about: (text, its lower-cased
# form, whether it has an odd letter, whether the lower-cased form can stand for it: no odd
# letter and the same length). A sentence is asked about by many patterns in a row, with
# short windows of it between.
_LAST: tuple[str, str, bool, bool] = ("", "", False, True)
_PREV: tuple[str, str, bool, bool] = ("", "", False, True)


def _lowered(text: str) -> tuple[str, str, bool, bool]:
    """(text, lower-cased, odd, stands for it) of ``text``, from the last two asked about."""
    global _LAST, _PREV
    last = _LAST  # one tuple, read and written whole: safe across threads
    if last[0] is text:
        return last
    prev = _PREV
    if prev[0] is not text:
        odd = not text.isascii() and contains_any(text, _ODD_CASE)
        low = text.lower()
        prev = (text, low, odd, not odd and len(low) == len(text))
    _PREV = last
    _LAST = prev
    return prev


def lowered(text: str) -> str:
    """``text.lower()``, kept for the last two texts asked about (a sentence is lower-cased
    for many tests in a row)."""
    return _lowered(text)[1]


def odd_case(text: str) -> bool:
    """Whether ``text`` has one of the three letters that a case-insensitive pattern equates
    with an ASCII letter but ``str.lower`` does not turn into it (see the module doc)."""
    return _lowered(text)[2]


def contains_any(text: str, words: tuple[str, ...]) -> bool:
    """Whether one of ``words`` is in ``text`` (``any(map(text.__contains__, words))``,
    which compiled code runs slower than this loop)."""
    if COMPILED:
        return any(w in text for w in words)
    return any(map(text.__contains__, words))


def finditer_from(pattern: re.Pattern[str], lead: re.Pattern[str], text: str,
                  lead_text: str | None = None) -> list[re.Match[str]]:
    """``list(pattern.finditer(text))``, with ``pattern`` tried only where ``lead`` matches:
    wherever ``pattern`` matches, ``lead`` must match at the same position (``lead`` is,
    say, ``pattern`` without its leading ``\\b``, which the engine cannot look for fast).
    ``lead`` is searched in ``lead_text`` when given (the lower-cased text, same offsets)."""
    out: list[re.Match[str]] = []
    where = text if lead_text is None else lead_text
    pos, n = 0, len(text)
    while pos <= n:
        m = lead.search(where, pos)
        if m is None:
            break
        found = pattern.match(text, m.start())  # look-behinds still see what is before
        if found is None:
            pos = m.start() + 1
        elif found.end() == found.start():  # an empty match: the pattern's own steps from here
            out.extend(pattern.finditer(text, found.start()))
            break
        else:
            out.append(found)
            pos = found.end()
    return out


class Led:
    """A case-insensitive ``pattern``, found faster in texts that lower-case letter for
    letter: its lower-case form (:func:`sigact.extract.endings.lower_case`) looks in the
    lower-cased text for where it matches, only where a match can begin (a lead, see
    :func:`sigact.extract.endings.lead_of`), and ``pattern`` itself is matched there. Its
    answers are ``pattern``'s own (the same match objects), only sooner: Python's engine
    tries a case-insensitive pattern that begins with a word at every position."""

    __slots__ = ("_lead", "_ready", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._lead: re.Pattern[str] | None = None
        self._ready = False  # the lead is built on first use

    def _lead_for(self, text: str) -> tuple[re.Pattern[str] | None, str]:
        """The lead and the lower-cased text it reads, or None when ``text`` needs the
        pattern itself."""
        if not self._ready:
            from sigact.extract.endings import lower_case_lead  # re's private parser

            self._lead = lower_case_lead(self.pattern)
            self._ready = True
        if self._lead is None:
            return None, text
        last = _lowered(text)
        return (self._lead, last[1]) if last[3] else (None, text)

    def search(self, text: str) -> re.Match[str] | None:
        """``pattern.search(text)``."""
        lead, low = self._lead_for(text)
        if lead is None:
            return self.pattern.search(text)
        m = lead.search(low)
        return None if m is None else self.pattern.match(text, m.start())

    def findall(self, text: str) -> list[re.Match[str]]:
        """``list(pattern.finditer(text))``."""
        lead, low = self._lead_for(text)
        if lead is None:
            return list(self.pattern.finditer(text))
        return finditer_from(self.pattern, lead, text, low)


class Gated:
    """``pattern``, searched only in texts that contain one of ``words``; further groups of
    words (``also``), or a pattern standing for one (``r"\\d"``), must each be met too."""

    __slots__ = ("_fold", "_led", "also", "pattern", "words")

    def __init__(
        self, pattern: re.Pattern[str], *words: str, also: tuple[tuple[str, ...] | re.Pattern[str], ...] = ()
    ) -> None:
        self.pattern = pattern
        self.words = words
        self.also = also
        self._fold = bool(pattern.flags & re.IGNORECASE)
        self._led = Led(pattern)
        if self._fold and any(w != w.lower() for g in (words, *also) if isinstance(g, tuple) for w in g):
            raise ValueError(f"words of a case-insensitive pattern are lower-case: {words} {also}")
        GATED.append(self)

    def may_match(self, text: str) -> bool:
        """False when the pattern cannot match ``text``: a word it needs is not in it."""
        if self._fold:
            last = _lowered(text)
            if last[2]:
                return True
            low = last[1]
        else:
            low = text
        if not contains_any(low, self.words):
            return False
        for group in self.also:
            if isinstance(group, tuple):
                if not contains_any(low, group):
                    return False
            elif group.search(text) is None:
                return False
        return True

    def search(self, text: str) -> re.Match[str] | None:
        if not self.may_match(text):
            return None
        if self._fold:
            return self._led.search(text)
        return self.pattern.search(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if not self.may_match(text):
            return iter(())
        if self._fold:
            return iter(self._led.findall(text))
        return self.pattern.finditer(text)


class Ending:
    """``pattern`` (which ends in ``$``) tested as a yes/no question on a short text; a
    gated pattern (:class:`Gated`) is asked only where its words are.

    The pattern's mirror image is matched once at the start of the reversed text (see
    :mod:`sigact.extract.endings`, which builds the mirror and re-exports this class)."""

    __slots__ = ("_gate", "_low_mirror", "_mirror", "pattern")

    def __init__(self, pattern: re.Pattern[str] | Gated) -> None:
        from sigact.extract.endings import lower_case, mirror  # re's private parser, kept out of here

        self._gate: Gated | None = pattern if isinstance(pattern, Gated) else None
        self.pattern: re.Pattern[str] = pattern.pattern if isinstance(pattern, Gated) else pattern
        mirrored = mirror(self.pattern)
        # a mirror anchored at its start is tried there only
        self._mirror: Callable[[str], re.Match[str] | None] | None = None if mirrored is None else (
            mirrored[0].match if mirrored[1] else mirrored[0].search)
        # a case-insensitive pattern's mirror, lower-cased, for the reversed lower-cased text
        # (see Led): compared letter for letter, which the engine does faster
        lowered = lower_case(self.pattern) if mirrored is not None else None
        low_mirrored = None if lowered is None else mirror(lowered)
        self._low_mirror: Callable[[str], re.Match[str] | None] | None = None if low_mirrored is None else (
            low_mirrored[0].match if low_mirrored[1] else low_mirrored[0].search)
        ENDINGS.append(self)

    def ends(self, text: str) -> bool:
        """Whether the pattern matches in ``text`` (as ``bool(pattern.search(text))``)."""
        if self._gate is not None and not self._gate.may_match(text):
            return False
        if self._mirror is None or "\n" in text:
            return self.pattern.search(text) is not None
        if self._low_mirror is not None:
            last = _LAST  # the gate's, when it lower-cased this text
            if last[0] is text:
                low, usable = last[1], last[3]
            else:
                low = text.lower()
                usable = len(low) == len(text) and (text.isascii() or not contains_any(text, _ODD_CASE))
            if usable:
                return self._low_mirror(low[::-1]) is not None
        return self._mirror(text[::-1]) is not None
