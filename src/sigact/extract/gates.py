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

_ODD_CASE = ("\u0130", "\u0131", "\u017f")

GATED: list[Gated] = []  # every gated pattern, for the tests


class Gated:
    """``pattern``, searched only in texts that contain one of ``words``."""

    __slots__ = ("_fold", "pattern", "words")

    def __init__(self, pattern: re.Pattern[str], *words: str) -> None:
        self.pattern = pattern
        self.words = words
        self._fold = bool(pattern.flags & re.IGNORECASE)
        if self._fold and any(w != w.lower() for w in words):
            raise ValueError(f"words of a case-insensitive pattern are lower-case: {words}")
        GATED.append(self)

    def may_match(self, text: str) -> bool:
        """False when the pattern cannot match ``text``: none of the words is in it."""
        if self._fold:
            if not text.isascii() and any(map(text.__contains__, _ODD_CASE)):
                return True
            text = text.lower()
        return any(map(text.__contains__, self.words))

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text) if self.may_match(text) else None
