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


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    lower: str  # accent-free, lower-case, possessive removed
    folded: str
    cap: bool  # starts with a capital letter or digit
    possessive: bool


@dataclass(frozen=True, slots=True)
class Entry:
    """One way a key can name a place. mode: bare | kind | guarded | block."""

    place: Place | None
    mode: str
    rank: int  # lower wins among entries of one key
    flags: frozenset[str] = frozenset()  # from sites.yaml `guards`, e.g. {"outlet"}


def tokenise(text: str) -> list[Token]:
    out: list[Token] = []
    for m in _WORD_RE.finditer(text):
        word = m.group()
        end = m.end()
        possessive = False
        if word.endswith(_POSSESSIVE) and len(word) > 2:
            word = word[:-2]
            end -= 2
            possessive = True
        lower = strip_accents(word).lower()
        if not lower:
            continue
        first = word[0]
        out.append(
            Token(
                m.start(),
                end,
                lower,
                fold_token(lower),
                first.isupper() or first.isdigit(),
                possessive,
            )
        )
    return out


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


def _match_words(tokens: list[Token], j: int, phrases: tuple[tuple[str, ...], ...]) -> int:
    """Length of the first phrase in `phrases` that starts at tokens[j], else 0."""
    for phrase in phrases:
        n = len(phrase)
        if j + n <= len(tokens) and all(tokens[j + k].lower == phrase[k] for k in range(n)):
            return n
    return 0


_GOV_PHRASES = tuple((w,) for w in rules.GOVERNORATE_WORDS)


def _has_place_context(text: str, tokens: list[Token], i: int, j: int) -> bool:
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
    tokens = tokenise(text)
    n_tok = len(tokens)
    out: list[tuple[int, int, Place, float]] = []
    i = 0
    while i < n_tok:
        tok = tokens[i]
        if not (tok.cap or tok.lower in ARTICLES) or (
            tok.folded not in first_tokens and tok.lower not in ARTICLES
        ):
            i += 1
            continue
        # The run of name-like tokens starting here.
        run_end = i + 1
        while (
            run_end < n_tok
            and run_end - i < max_len
            and _joined(text, tokens[run_end - 1], tokens[run_end])
            and _name_like(tokens[run_end])
        ):
            run_end += 1
        hit = _best_at(text, tokens, i, run_end, index)
        if hit is None:
            i += 1
            continue
        start_i, end_j, place, score = hit
        if place is not None:
            out.append((tokens[start_i].start, tokens[end_j - 1].end, place, score))
        i = end_j
    return out


def _best_at(
    text: str,
    tokens: list[Token],
    i: int,
    run_end: int,
    index: dict[tuple[str, ...], list[Entry]],
) -> tuple[int, int, Place | None, float] | None:
    """The longest name starting at tokens[i] (within the run), after context checks."""
    for j in range(run_end, i, -1):
        last = tokens[j - 1]
        if j - 1 > i and (last.lower in ARTICLES or last.lower in _CONNECTORS):
            continue
        key = tuple(t.folded for t in tokens[i:j] if t.lower not in ARTICLES) or (tokens[i].folded,)
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
    tokens: list[Token],
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
    has_article = any(t.lower in ARTICLES for t in tokens[i:j])
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
