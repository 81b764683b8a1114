"""Find place names in running text: token n-grams looked up in a spelling-key index.

The text is cut into word tokens (offsets kept). Runs of capitalised tokens, joined by
spaces or hyphens and allowed to contain articles (al-, ash-...) and connectors (of, the),
are looked up longest-first in a dict from spelling keys (see `normalise.name_key`) to
places. Context words around a hit decide between a town, its governorate and a base of
the same name, and turn away people, TV channels and companies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from sigact.places import rules
from sigact.places.model import Place
from sigact.places.normalise import ARTICLES, fold_token, strip_accents

__all__ = ["Entry", "Token", "find_mentions", "tokenise"]

# A word, with inner apostrophes kept (Qa'im) and a possessive split off later.
_WORD_RE = re.compile(r"[^\W_]+(?:['’ʿʾ`][^\W_]+)*")
_POSSESSIVE = ("'s", "’s")
# What may sit between two tokens of one name: spaces (not a line break) or a hyphen.
_JOIN_RE = re.compile(r"[ \t\u00a0]*[-‐‑–]?[ \t\u00a0]*")
_CONNECTORS = frozenset({"of", "the", "de", "bin", "ibn", "abu", "umm", "bu"})
_ENGLISH_ARTICLES = frozenset({"as", "at", "an", "ad", "ar", "ed", "es", "en", "et", "il"})
_SENTENCE_END = frozenset('.!?\n"“”:;')

NEVER = frozenset(fold_token(w) for w in rules.NEVER_PLACES)
PERSON = frozenset(fold_token(w) for w in rules.PERSON_NAMES)


class Token(NamedTuple):
    start: int
    end: int
    lower: str  # accent-free, lower-case, possessive removed
    folded: str
    cap: bool  # starts with a capital letter or digit
    possessive: bool


@lru_cache(maxsize=200_000)
def _word_info(word: str) -> tuple[str, str, bool, bool, int]:
    """(lower, folded, cap, possessive, characters to trim at the end) of one word."""
    trim = 0
    possessive = False
    if word.endswith(_POSSESSIVE) and len(word) > 2:
        word = word[:-2]
        trim = 2
        possessive = True
    lower = strip_accents(word).lower()
    first = word[0]
    return (
        lower,
        fold_token(lower) if lower else "",
        first.isupper() or first.isdigit(),
        (possessive),
        trim,
    )


@dataclass(frozen=True, slots=True)
class Entry:
    """One way a key can name a place. mode: bare | kind | guarded | block."""

    place: Place | None
    mode: str
    rank: int  # lower wins among entries of one key
    flags: frozenset[str] = frozenset()  # from sites.yaml `guards`, e.g. {"outlet"}


_GROUP = re.Match.group


class Tokens:
    """The word tokens of a text, built lazily: `Token`s exist only where looked at."""

    __slots__ = ("_cache", "infos", "matches")

    def __init__(self, text: str) -> None:
        self.matches = list(_WORD_RE.finditer(text))
        self.infos = list(map(_word_info, map(_GROUP, self.matches)))
        self._cache: dict[int, Token] = {}

    def __len__(self) -> int:
        return len(self.matches)

    def __getitem__(self, k: int) -> Token:
        tok = self._cache.get(k)
        if tok is None:
            start, end = self.matches[k].span()
            lower, folded, cap, possessive, trim = self.infos[k]
            tok = self._cache[k] = Token(start, end - trim, lower, folded, cap, possessive)
        return tok


def tokenise(text: str) -> list[Token]:
    """Word tokens of `text` with their offsets (possessive 's left out of the span)."""
    toks = Tokens(text)
    return [toks[k] for k in range(len(toks))]


def _joined(text: str, a: Token, b: Token) -> bool:
    """True when tokens a and b are adjacent parts of one name."""
    if a.possessive:
        return False
    gap = text[a.end : b.start]
    if not gap:
        return True
    m = _JOIN_RE.fullmatch(gap)
    return m is not None


def _name_like(tok: Token) -> bool:
    return tok.cap or tok.lower in ARTICLES or tok.lower in _CONNECTORS


def _sentence_start(text: str, tok: Token) -> bool:
    i = tok.start - 1
    while i >= 0 and text[i] in " \t\u00a0'‘(":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


def _match_words(tokens: Tokens, j: int, phrases: tuple[tuple[str, ...], ...]) -> int:
    """Length of the first phrase in `phrases` that starts at tokens[j], else 0."""
    if j >= len(tokens) or tokens.infos[j][0] not in _PHRASE_FIRST:
        return 0
    for phrase in phrases:
        n = len(phrase)
        if j + n <= len(tokens) and all(tokens[j + k].lower == phrase[k] for k in range(n)):
            return n
    return 0


_GOV_PHRASES = tuple((w,) for w in rules.GOVERNORATE_WORDS)
_PHRASE_FIRST = frozenset(p[0] for p in (*_GOV_PHRASES, *rules.SITE_WORDS))


def _has_place_context(text: str, tokens: Tokens, i: int, j: int) -> bool:
    """A place word right before tokens[i] or right after tokens[j-1]."""
    if i > 0 and tokens[i - 1].lower in rules.PLACE_PREV:
        return True
    return j < len(tokens) and tokens[j].lower in rules.PLACE_NEXT


def find_mentions(
    text: str,
    index: dict[tuple[str, ...], list[Entry]],
    first_tokens: frozenset[str],
    max_len: int,
) -> list[tuple[int, int, Place, float]]:
    """(start, end, place, score) for every place name in `text`, in order."""
    tokens = Tokens(text)
    n_tok = len(tokens)
    out: list[tuple[int, int, Place, float]] = []
    articles = ARTICLES
    candidates = [
        k
        for k, (lower, folded, cap, _, _) in enumerate(tokens.infos)
        if (cap and folded in first_tokens) or lower in articles
    ]
    infos = tokens.infos
    matches = tokens.matches
    done = 0
    for i in candidates:
        if i < done:
            continue
        # The run of name-like tokens starting here.
        run_end = i + 1
        limit = min(n_tok, i + max_len)
        while run_end < limit:
            lower, _, cap, _, _ = infos[run_end]
            if not (cap or lower in articles or lower in _CONNECTORS):
                break
            prev = infos[run_end - 1]
            if prev[3]:  # possessive ends a name
                break
            gap_start = matches[run_end - 1].end()
            gap_end = matches[run_end].start()
            if gap_end > gap_start and _JOIN_RE.fullmatch(text, gap_start, gap_end) is None:
                break
            run_end += 1
        hit = _best_at(text, tokens, i, run_end, index)
        if hit is None:
            continue
        start_i, end_j, place, score = hit
        if place is not None:
            out.append((tokens[start_i].start, tokens[end_j - 1].end, place, score))
        done = end_j
    return out


def _best_at(
    text: str,
    tokens: Tokens,
    i: int,
    run_end: int,
    index: dict[tuple[str, ...], list[Entry]],
) -> tuple[int, int, Place | None, float] | None:
    """The longest name starting at tokens[i] (within the run), after context checks."""
    infos = tokens.infos
    for j in range(run_end, i, -1):
        last = infos[j - 1][0]
        if j - 1 > i and (last in ARTICLES or last in _CONNECTORS):
            continue
        key = tuple(inf[1] for inf in infos[i:j] if inf[0] not in ARTICLES) or (infos[i][1],)
        if key[0] == "the":
            key = key[1:]
        if not key:
            continue
        entries = index.get(key)
        if not entries:
            continue
        chosen = _choose(text, tokens, i, j, key, entries)
        if chosen is None:
            continue
        place, end_j, score = chosen
        start_i = i
        # "As Ain al-Asad..." at a sentence start: the English word is not the article.
        if (
            tokens[i].lower in _ENGLISH_ARTICLES
            and j - i > 1
            and text[tokens[i].end : tokens[i + 1].start].strip() == ""
        ):
            start_i = i + 1
        return start_i, end_j, place, score
    return None


def _choose(
    text: str,
    tokens: Tokens,
    i: int,
    j: int,
    key: tuple[str, ...],
    entries: list[Entry],
) -> tuple[Place | None, int, float] | None:
    """Pick the entry the context supports; (place, end token index, score) or None."""
    if entries[0].mode == "block":
        return None, j, 0.0
    nxt = tokens[j] if j < len(tokens) and _joined_loose(text, tokens[j - 1], tokens[j]) else None
    prev = tokens[i - 1] if i > 0 else None
    has_article = any(inf[0] in ARTICLES for inf in tokens.infos[i:j])
    single = len(key) == 1

    if single and key[0] in NEVER:
        return None
    # Word after the name: governorate / site kind / not-a-place / speech.
    gov_n = _match_words(tokens, j, _GOV_PHRASES) if nxt is not None else 0
    site_n = _match_words(tokens, j, rules.SITE_WORDS) if nxt is not None else 0
    if nxt is not None and nxt.lower in rules.NON_PLACE_NEXT:
        return None
    if nxt is not None and nxt.lower in rules.SPEECH_NEXT and single:
        return None
    if tokens[j - 1].possessive and single and key[0] in PERSON:
        return None

    # Outlets named like towns (Al Mayadeen): a cue word or a possessive turns them away.
    outlet = any("outlet" in e.flags for e in entries)
    if outlet and (
        (nxt is not None and nxt.lower in rules.OUTLET_NEXT)
        or tokens[j - 1].possessive
        or (prev is not None and prev.lower in rules.OUTLET_PREV)
    ):
        return None

    if gov_n:
        govs = [e for e in entries if e.place is not None and e.place.kind == "governorate"]
        if govs:
            return govs[0].place, j + gov_n, 1.0
    if site_n:
        sites = [
            e
            for e in entries
            if e.place is not None and e.place.precision == "site" and e.mode in ("bare", "kind")
        ]
        if sites:
            return sites[0].place, j + site_n, 1.0
    for e in entries:
        if e.place is None:
            continue
        if e.mode == "kind":
            continue
        if e.mode == "guarded" or (single and key[0] in PERSON and not has_article):
            if tokens[i].cap is False or _sentence_start(text, tokens[i]):
                continue
            if not _has_place_context(text, tokens, i, j):
                continue
            return e.place, j, 0.8
        return e.place, j, 1.0
    return None


def _joined_loose(text: str, a: Token, b: Token) -> bool:
    """Tokens separated only by spaces or a hyphen (kind words may follow a name)."""
    gap = text[a.end : b.start]
    return _JOIN_RE.fullmatch(gap) is not None
