"""A fast English check: script of the letters and the share of English function words."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SAMPLE = 2000
_FUNCTION_WORD_LIST = (
    "the of and to in a an is are was were be been has have had it its that this which "
    "for on with by as at from they their he she his her not or but also said after "
    "against over who will would into than about there"
)
_FUNCTION_WORDS = frozenset(_FUNCTION_WORD_LIST.split())
_WORD = re.compile(r"[^\W\d_]+")
_SCRIPTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("Latin", re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")),
    ("Arabic", re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")),
    ("Cyrillic", re.compile(r"[\u0400-\u052f]")),
    ("Hebrew", re.compile(r"[\u0590-\u05ff]")),
    ("Greek", re.compile(r"[\u0370-\u03ff]")),
    ("CJK", re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")),
    ("Devanagari", re.compile(r"[\u0900-\u097f]")),
)
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]+")
MIN_LATIN = 0.7
MIN_FUNCTION_WORDS = 0.12


@dataclass(frozen=True, slots=True)
class LanguageProfile:
    """What ``is_english`` looked at."""

    script: str  # the script most letters are in
    latin_ratio: float  # Latin letters / all letters
    function_ratio: float  # English function words / words
    words: int

    @property
    def english(self) -> bool:
        return self.latin_ratio >= MIN_LATIN and self.function_ratio >= MIN_FUNCTION_WORDS

    def describe(self) -> str:
        return (
            f"script={self.script} latin={self.latin_ratio:.2f} "
            f"english-function-words={self.function_ratio:.2f}"
        )


def language_profile(text: str) -> LanguageProfile:
    """Script and function-word figures for a sample of ``text`` (its first 2,000 chars)."""
    sample = text[:_SAMPLE]
    tokens = sample.lower().split()
    function = sum(map(_FUNCTION_WORDS.__contains__, tokens))
    if sample.isascii():  # the common case, and a fast one
        letters = latin = sum(map(str.isalpha, sample))
    else:
        letters = sum(map(len, _WORD.findall(sample)))
        latin = sum(map(len, _LATIN.findall(sample)))
    if not letters:
        script = "none"
    elif latin * 2 >= letters:
        script = "Latin"
    else:  # only now look for the other scripts
        counts = {name: len(pattern.findall(sample)) for name, pattern in _SCRIPTS[1:]}
        script = max(counts, key=counts.__getitem__)
        if counts[script] * 2 < letters:
            script = "other"
    return LanguageProfile(
        script=script,
        latin_ratio=latin / letters if letters else 0.0,
        function_ratio=function / len(tokens) if tokens else 0.0,
        words=len(tokens),
    )


def is_english(text: str) -> bool:
    """True when ``text`` reads as English (Latin script, enough English function words)."""
    return language_profile(text).english
