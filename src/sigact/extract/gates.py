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
from collections.abc import Iterator

_ODD_CASE = ("\u0130", "\u0131", "\u017f")

GATED: list[Gated] = []  # every gated pattern, for the tests
# the last text a case-insensitive pattern was asked about: (text, its lower-cased form,
# whether it has an odd letter). A sentence is asked about by many patterns in a row.
_LAST: tuple[str, str, bool] = ("", "", False)


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
            if last[0] is text:
                low, odd = last[1], last[2]
            else:
                odd = not text.isascii() and any(map(text.__contains__, _ODD_CASE))
                low = text.lower()
                _LAST = (text, low, odd)
            if odd:
                return True
        else:
            low = text
        if not any(map(low.__contains__, self.words)):
            return False
        for group in self.also:
            if isinstance(group, tuple):
                if not any(map(low.__contains__, group)):
                    return False
            elif group.search(text) is None:
                return False
        return True

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text) if self.may_match(text) else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text) if self.may_match(text) else iter(())
