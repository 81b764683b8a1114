"""Spelling-insensitive keys for Arabic place names written in Latin script.

Reports spell one base many ways (Ain al-Asad, Ayn al-Assad, Ein el-Asad...). `name_key`
folds those to one key so an exact dictionary lookup finds them; `rapidfuzz` is left
for what the rules below cannot reach.

Folding, applied to each token after diacritics, apostrophes and ʿayn are removed:
- the article is dropped (al-, el-, ash-, ad-, ar-, as-, at-, az-, an-, ...);
- ee -> i, oo/ou -> u, aw -> u, ei/ai/ay -> ai (so Deir = Dayr = Dair);
- e -> a, o -> u, y -> i, c/q -> k, ph -> f;
- doubled letters are single (Shaddadi = Shadadi, Assad = Asad);
- a final h after a vowel goes (Hasakah = Hasaka = Hassakeh).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["ARTICLES", "fold_token", "name_key", "strip_accents", "tokens_of"]

# Article forms, before folding (the text side) and after (the key side).
ARTICLES: frozenset[str] = frozenset(
    {
        "al",
        "el",
        "il",
        "ul",
        "ash",
        "esh",
        "as",
        "es",
        "ad",
        "ed",
        "adh",
        "edh",
        "ar",
        "er",
        "at",
        "et",
        "ath",
        "eth",
        "az",
        "ez",
        "an",
        "en",
        "aal",
    }
)
_FOLDED_ARTICLES = frozenset(
    {"al", "il", "ul", "ash", "as", "ad", "adh", "ar", "at", "ath", "az", "an", "aal"}
)

_APOSTROPHES = "'’‘`ʿʾʻʼ´"
_TOKEN_RE = re.compile(r"[^\W_]+")
# Compound words written as one: "airbase" keys like "air base".
_SPLIT = {
    "airbase": ("air", "base"),
    "airfield": ("air", "field"),
    "oilfield": ("oil", "field"),
    "gasfield": ("gas", "field"),
}


_DROP_APOSTROPHES = str.maketrans("", "", _APOSTROPHES)


def strip_accents(text: str) -> str:
    """Remove combining marks (ā -> a, ḩ -> h) and apostrophe-like letters."""
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return text.translate(_DROP_APOSTROPHES)


_RULES: tuple[tuple[str, str], ...] = (
    ("ee", "i"),
    ("oo", "u"),
    ("ou", "u"),
    ("aw", "u"),
    ("ph", "f"),
    ("ei", "ai"),
    ("ay", "ai"),
    ("ey", "ai"),
)
_SINGLE = str.maketrans({"e": "a", "o": "u", "y": "i", "c": "k", "q": "k"})
_DOUBLE_RE = re.compile(r"(.)\1+")
_VOWELS = set("aiu")


@lru_cache(maxsize=65536)
def fold_token(token: str) -> str:
    """Fold one token (already lower-case, accent-free) to its spelling key."""
    t = token
    for old, new in _RULES:
        t = t.replace(old, new)
    t = t.translate(_SINGLE)
    t = _DOUBLE_RE.sub(r"\1", t)
    if len(t) > 3 and t.endswith("h") and t[-2] in _VOWELS:
        t = t[:-1]
    return t


def tokens_of(text: str) -> list[str]:
    """Lower-case, accent-free word tokens of `text` (hyphens and spaces split)."""
    out: list[str] = []
    for tok in _TOKEN_RE.findall(strip_accents(text).lower()):
        out.extend(_SPLIT.get(tok, (tok,)))
    return out


def key_of_tokens(tokens: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Folded key of lower-case tokens, with articles and a leading "the" dropped."""
    out: list[str] = []
    for i, tok in enumerate(tokens):
        if tok in ARTICLES and len(tokens) > 1:
            continue
        if tok == "the" and i == 0:
            continue
        out.append(fold_token(tok))
    return tuple(out)


def name_key(text: str) -> tuple[str, ...]:
    """The spelling key of a name: `name_key("Ayn al-Assad") == name_key("Ain al-Asad")`."""
    return key_of_tokens(tokens_of(text))
