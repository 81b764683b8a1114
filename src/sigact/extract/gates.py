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
# the last text a case-insensitive pattern was asked about: (text, its lower-cased form,
# whether it has an odd letter). A sentence is asked about by many patterns in a row.
_LAST: tuple[str, str, bool] = ("", "", False)


def contains_any(text: str, words: tuple[str, ...]) -> bool:
    """Whether one of ``words`` is in ``text`` (``any(map(text.__contains__, words))``,
    which compiled code runs slower than this loop)."""
    if COMPILED:
        return any(w in text for w in words)
    return any(map(text.__contains__, words))


def finditer_from(pattern: re.Pattern[str], lead: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """``list(pattern.finditer(text))``, with ``pattern`` tried only where ``lead`` matches:
    wherever ``pattern`` matches, ``lead`` must match at the same position (``lead`` is,
    say, ``pattern`` without its leading ``\\b``, which the engine cannot look for fast)."""
    out: list[re.Match[str]] = []
    pos, n = 0, len(text)
    while pos <= n:
        m = lead.search(text, pos)
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


class Gated:
    """``pattern``, searched only in texts that contain one of ``words``; further groups of
    words (``also``), or a pattern standing for one (``r"\\d"``), must each be met too."""

    __slots__ = ("_fold", "also", "pattern", "words")

    def __init__(
        self, pattern: re.Pattern[str], *words: str, also: tuple[tuple[str, ...] | re.Pattern[str], ...] = ()
    ) -> None:
        self.pattern = pattern
        self.words = words
        self.also = also
        self._fold = bool(pattern.flags & re.IGNORECASE)
        if self._fold and any(w != w.lower() for g in (words, *also) if isinstance(g, tuple) for w in g):
            raise ValueError(f"words of a case-insensitive pattern are lower-case: {words} {also}")
        GATED.append(self)

    def may_match(self, text: str) -> bool:
        """False when the pattern cannot match ``text``: a word it needs is not in it."""
        if self._fold:
            global _LAST
            last = _LAST  # one tuple, read and written whole: safe across threads
            if last[0] is not text:
                odd = not text.isascii() and contains_any(text, _ODD_CASE)
                last = _LAST = (text, text.lower(), odd)
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
        return self.pattern.search(text) if self.may_match(text) else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text) if self.may_match(text) else iter(())


class Ending:
    """``pattern`` (which ends in ``$``) tested as a yes/no question on a short text; a
    gated pattern (:class:`Gated`) is asked only where its words are.

    The pattern's mirror image is matched once at the start of the reversed text (see
    :mod:`sigact.extract.endings`, which builds the mirror and re-exports this class)."""

    __slots__ = ("_gate", "_mirror", "pattern")

    def __init__(self, pattern: re.Pattern[str] | Gated) -> None:
        from sigact.extract.endings import mirror  # re's private parser, kept out of here

        self._gate: Gated | None = pattern if isinstance(pattern, Gated) else None
        self.pattern: re.Pattern[str] = pattern.pattern if isinstance(pattern, Gated) else pattern
        mirrored = mirror(self.pattern)
        # a mirror anchored at its start is tried there only
        self._mirror: Callable[[str], re.Match[str] | None] | None = None if mirrored is None else (
            mirrored[0].match if mirrored[1] else mirrored[0].search)
        ENDINGS.append(self)

    def ends(self, text: str) -> bool:
        """Whether the pattern matches in ``text`` (as ``bool(pattern.search(text))``)."""
        if self._gate is not None and not self._gate.may_match(text):
            return False
        if self._mirror is None or "\n" in text:
            return self.pattern.search(text) is not None
        return self._mirror(text[::-1]) is not None
