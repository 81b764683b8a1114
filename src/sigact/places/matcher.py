"""Find place names in running text: token n-grams looked up in a spelling-key index.

Word tokens (offsets kept) that can start a name are found with one regex; from each,
the run of capitalised tokens joined by spaces or hyphens, allowed to contain articles
(al-, ash-...) and connectors (of, the), is read forward and looked up longest-first in
a dict from spelling keys (see `normalise.name_key`) to places. Context words around a
hit decide between a town, its governorate and a base of the same name, and turn away
people, TV channels and companies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from typing import Final, NamedTuple

from sigact import _native
from sigact.places import rules
from sigact.places.model import Place
from sigact.places.normalise import ARTICLES, fold_token, strip_accents

__all__ = ["Entry", "Token", "find_mentions", "key_prefixes", "tokenise"]

# A word, with inner apostrophes kept (Qa'im) and a possessive split off later.
_WORD_RE = re.compile(r"[^\W_]+(?:['’ʿʾ`][^\W_]+)*")
_POSSESSIVE = ("'s", "’s")
# What may sit between two tokens of one name: spaces (not a line break) or a hyphen.
_JOIN_RE = re.compile(r"[ \t\u00a0]*[-‐‑–]?[ \t\u00a0]*")
_CONNECTORS = frozenset({"of", "the", "de", "bin", "ibn", "abu", "umm", "bu"})
# lower-case words that go on a name ("the US embassy", "the American consulate")
_NAME_NOUNS = frozenset({"embassy", "consulate"})
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


# -- the scanner ----------------------------------------------------------------------
# Only tokens that can start a name are looked at: the text is not tokenised as a
# whole. `_CAND_RE` finds, at true token starts (the look-behinds reproduce where
# `_WORD_RE.finditer` would start a token), every token that is capitalised (or a
# digit, or starts with a non-ASCII letter) or may be an article (al-, ash-...): a
# superset of the candidates, which `_word_info` then decides exactly. Tokens after a
# candidate are read forward (`_NEXT_RE` when they must be joined to it by spaces or a
# hyphen), the one before it (rarely needed) from a short window behind it.
# A token is (start, end, info): `end` before a possessive is cut; info[4] says how much.
_J = "'’ʿʾ`"
_WORD = rf"[^\W_]+(?:[{_J}][^\W_]+)*"
_CAND_RE = re.compile(
    # the first letter: capital, digit, non-ASCII, or a vowel an article starts with
    r"[A-Z0-9aeiu\x80-\U0010ffff]"
    # ... at a token start (as `_WORD_RE.finditer` would start one), and a word letter
    rf"(?<![^\W_][\s\S])(?<![^\W_][{_J}][\s\S])(?<=[^\W_])"
    # a lower-case vowel only where an article may follow (short, or not plain ASCII)
    r"(?:(?<![aeiu])|(?=(?i:al|l|sh|s|dh|d|r|th|t|z|n)(?![a-zA-Z0-9])"
    r"|[a-zA-Z0-9]*(?:[^\x00-\x7f]|['`])))"
    rf"[^\W_]*(?:[{_J}][^\W_]+)*"
)
# The next token when the gap before it is a join (`_JOIN_RE`): spaces, one hyphen.
_NEXT_RE = re.compile(rf"[ \t\u00a0]*[-‐‑–]?[ \t\u00a0]*({_WORD})")
_SEARCH = _WORD_RE.search
_JOIN_FULL = _JOIN_RE.fullmatch
_GROUP0 = re.Match.group
_SITE_BY_FIRST: dict[str, tuple[tuple[str, ...], ...]] = {
    w: tuple(p for p in rules.SITE_WORDS if p[0] == w) for w in {p[0] for p in rules.SITE_WORDS}
}
_GOV_WORDS = rules.GOVERNORATE_WORDS
_PLACE_PREV = rules.PLACE_PREV
_PLACE_NEXT = rules.PLACE_NEXT
_NON_PLACE_NEXT = rules.NON_PLACE_NEXT
_SPEECH_NEXT = rules.SPEECH_NEXT
_OUTLET_NEXT = rules.OUTLET_NEXT
_OUTLET_PREV = rules.OUTLET_PREV

_Info = tuple[str, str, bool, bool, int]
_Tok = tuple[int, int, _Info]


def _tok(m: re.Match[str]) -> _Tok:
    info = _word_info(m.group())
    return m.start(), m.end() - info[4], info


class _Window:
    """Contiguous tokens from a candidate on (read forward on demand), the one before it."""

    __slots__ = ("_prev", "text", "toks")

    def __init__(self, text: str, toks: list[_Tok]) -> None:
        self.text = text
        self.toks = toks
        self._prev: _Tok | bool | None = False

    def get(self, k: int) -> _Tok | None:
        """Token k after the candidate (0 is the candidate), None past the end."""
        toks = self.toks
        while len(toks) <= k:
            _, end, info = toks[-1]
            m = _SEARCH(self.text, end + info[4])
            if m is None:
                return None
            toks.append(_tok(m))
        return toks[k]

    def prev(self) -> _Tok | None:
        """The token before the candidate, None at the start of the text."""
        if self._prev is False:
            self._prev = _prev_token(self.text, self.toks[0][0])
        return self._prev  # type: ignore[return-value]


def _prev_token(text: str, start: int) -> _Tok | None:
    """The last word token ending before `start` (itself a token start)."""
    size = 48
    while True:
        lo = max(0, start - size)
        found = list(_WORD_RE.finditer(text, lo, start))
        last = found[-1] if found else None
        count = len(found)
        if last is not None and (lo == 0 or count > 1):
            return _tok(last)
        if last is None and lo == 0:
            return None
        # The window may have cut the previous token (or held none): widen it.
        size *= 4


def key_prefixes(index: dict[tuple[str, ...], list[Entry]]) -> frozenset[tuple[str, ...]]:
    """Every non-empty prefix of every key of `index`."""
    return frozenset(k[:n] for k in index for n in range(1, len(k) + 1))


# Per index: (index, its key prefixes, word -> "can start a name" for its first tokens).
_PER_INDEX: dict[int, tuple[object, frozenset[tuple[str, ...]], dict[str, bool]]] = {}
_STARTS_MAX = 100_000


def _per_index(
    index: dict[tuple[str, ...], list[Entry]],
    first_tokens: frozenset[str],
    prefixes: frozenset[tuple[str, ...]] | None,
) -> tuple[frozenset[tuple[str, ...]], dict[str, bool]]:
    got = _PER_INDEX.get(id(index))
    if got is None or got[0] is not index:
        got = _PER_INDEX[id(index)] = (index, prefixes or key_prefixes(index), {})
    starts = got[2]
    if len(starts) > _STARTS_MAX:
        starts.clear()
    return got[1], starts


def _can_start(word: str, first_tokens: frozenset[str]) -> bool:
    info = _word_info(word)
    return (info[2] and info[1] in first_tokens) or info[0] in ARTICLES


# What _CAND_RE.finditer finds, found by reading the text once, a character at a time
# (compiled, that is far faster than the pattern's look-behinds at every letter).
# A token of _WORD_RE: word characters but "_" (W), joined by an apostrophe (J) to more.
# An ASCII token that starts with a lower-case vowel is a candidate when the rest is one
# of these (case aside: "al", "Ash") or a non-ASCII character or an apostrophe follows it.
COMPILED: Final = _native.compiled()  # this module: see sigact.extract.gates.COMPILED
_ARTICLE_TAILS = frozenset({"al", "l", "sh", "s", "dh", "d", "r", "th", "t", "z", "n"})


def _w(text: str, i: int) -> bool:
    """Whether text[i] is a word character but "_" ([^\\W_])."""
    o = ord(text[i])
    if o < 128:
        return 97 <= o <= 122 or 65 <= o <= 90 or 48 <= o <= 57
    return text[i].isalnum()


def _token_end(text: str, i: int, n: int) -> int:
    """The end of the _WORD_RE token that starts at i."""
    j = i + 1
    while j < n:
        o = ord(text[j])  # _w(text, j), its ASCII test written out: most characters are
        if (97 <= o <= 122 or 65 <= o <= 90 or 48 <= o <= 57) if o < 128 else text[j].isalnum():
            j += 1
        elif o in (39, 96, 0x2019, 0x2BE, 0x2BF) and j + 1 < n and _w(text, j + 1):
            j += 2  # "Qa'im"
        else:
            break
    return j


def _next_word(text: str, i: int) -> int:
    """Where the token of ``_NEXT_RE.match(text, i)`` starts (its group 1), or -1 when it
    does not match: spaces (" ", tab, no-break space), one hyphen, spaces, a word letter."""
    n = len(text)
    while i < n and ord(text[i]) in (32, 9, 0xA0):
        i += 1
    if i < n and ord(text[i]) in (0x2D, 0x2010, 0x2011, 0x2013):  # - ‐ ‑ –
        i += 1
        while i < n and ord(text[i]) in (32, 9, 0xA0):
            i += 1
    return i if i < n and _w(text, i) else -1


def candidates(text: str) -> tuple[list[int], list[int], list[str]]:
    """Start, end and text of each match of ``_CAND_RE.finditer(text)``."""
    if COMPILED:
        return _candidates_loop(text)
    ms = list(_CAND_RE.finditer(text))
    return [m.start() for m in ms], [m.end() for m in ms], list(map(_GROUP0, ms))


def _candidates_loop(text: str) -> tuple[list[int], list[int], list[str]]:
    """candidates(), by reading the text once, a character at a time."""
    starts: list[int] = []
    ends: list[int] = []
    words: list[str] = []
    n = len(text)
    i = 0
    while i < n:
        o = ord(text[i])  # not _w(text, i), written out
        if not ((97 <= o <= 122 or 65 <= o <= 90 or 48 <= o <= 57) if o < 128 else text[i].isalnum()):
            i += 1
            continue
        # a token starts here (the one before ended at a character that is no W), unless
        # an apostrophe joins it to that one
        if i > 1 and ord(text[i - 1]) in (39, 96, 0x2019) and _w(text, i - 2):
            i = _token_end(text, i, n)
            continue
        j = _token_end(text, i, n)
        if o >= 128 or 65 <= o <= 90 or 48 <= o <= 57:
            keep = True
        elif o in (97, 101, 105, 117):  # a e i u: an article ("al-", "ash-")?
            k = i + 1
            while k < n and (97 <= (ok := ord(text[k])) <= 122 or 65 <= ok <= 90 or 48 <= ok <= 57):
                k += 1
            keep = text[i + 1:k].lower() in _ARTICLE_TAILS or (
                k < n and (ord(text[k]) > 127 or ord(text[k]) in (39, 96)))
        else:
            keep = False
        if keep:
            starts.append(i)
            ends.append(j)
            words.append(text[i:j])
        i = j
    return starts, ends, words


def find_mentions(
    text: str,
    index: dict[tuple[str, ...], list[Entry]],
    first_tokens: frozenset[str],
    max_len: int,
    prefixes: frozenset[tuple[str, ...]] | None = None,
) -> list[tuple[int, int, Place, float]]:
    """(start, end, place, score) for every place name in `text`, in order.

    `first_tokens` must be the first elements of the keys of `index`; `prefixes` (every
    prefix of every key) is computed when not given. Both are cached per index.
    """
    prefixes, starts = _per_index(index, first_tokens, prefixes)
    out: list[tuple[int, int, Place, float]] = []
    c_starts, c_ends, words = candidates(text)
    flags = list(map(starts.get, words))
    if None in flags:
        for k, flag in enumerate(flags):
            if flag is None:
                flags[k] = starts[words[k]] = _can_start(words[k], first_tokens)
    articles = ARTICLES
    connectors = _CONNECTORS
    next_match = _NEXT_RE.match
    word_info = _word_info
    done = 0
    for k in compress(range(len(words)), flags):
        s = c_starts[k]
        if s < done:
            continue
        info = word_info(words[k])
        e = c_ends[k]
        toks: list[_Tok] = [(s, e - info[4], info)]
        # The run of name-like tokens starting here: each joined to the one before by
        # spaces or a hyphen, none after a possessive.
        run_end = 1
        last_info = info
        while run_end < max_len and not last_info[3]:
            if COMPILED:
                ns = _next_word(text, e)
                if ns < 0:
                    break
                e = _token_end(text, ns, len(text))
                last_info = word_info(text[ns:e])
            else:
                nm = next_match(text, e)
                if nm is None:
                    break
                ns, e = nm.span(1)
                last_info = word_info(nm.group(1))
            toks.append((ns, e - last_info[4], last_info))
            lower = last_info[0]
            if not (last_info[2] or lower in articles or lower in connectors or lower in _NAME_NOUNS):
                break
            run_end += 1
        # The usual case: one word, often no name at all.
        if run_end == 1 and (info[1] == "the" or (info[1],) not in index):
            continue
        hit = _best_at(text, toks, run_end, index, prefixes)
        if hit is None:
            continue
        start_i, end_j, place, score = hit
        _, last_end, last = toks[end_j - 1]
        if place is not None:
            out.append((toks[start_i][0], last_end, place, score))
        done = last_end + last[4]
    return out


def _best_at(
    text: str,
    toks: list[_Tok],
    run_end: int,
    index: dict[tuple[str, ...], list[Entry]],
    prefixes: frozenset[tuple[str, ...]],
) -> tuple[int, int, Place | None, float] | None:
    """The longest name starting at toks[0] (within the run), after context checks.

    Keys are tried longest first, as: the folded tokens of the span without articles
    (the first token alone when the span is one token); a span may not end in an
    article or connector; a leading "the" is dropped. The keys are built growing, and
    the growth stops once no key of the index starts with what is built.
    """
    hits: list[tuple[int, tuple[str, ...], list[Entry]]] = []
    lower0, folded0 = toks[0][2][0], toks[0][2][1]
    key: tuple[str, ...] = (folded0,)
    if folded0 == "the":
        key = ()
    if key:
        entries = index.get(key)
        if entries:
            hits.append((1, key, entries))
    grown: tuple[str, ...] = () if lower0 in ARTICLES else (folded0,)
    if not grown or grown[0] == "the" or grown in prefixes:
        for j in range(2, run_end + 1):
            lower, folded = toks[j - 1][2][0], toks[j - 1][2][1]
            if lower in ARTICLES:
                continue
            grown = (*grown, folded)
            if lower not in _CONNECTORS:
                key = grown[1:] if grown[0] == "the" else grown
                if key:
                    entries = index.get(key)
                    if entries:
                        hits.append((j, key, entries))
            if grown[0] != "the" and grown not in prefixes:
                break
    if not hits:
        return None
    win = _Window(text, toks)
    for j, key, entries in reversed(hits):
        chosen = _choose(text, win, j, key, entries)
        if chosen is None:
            continue
        place, end_j, score = chosen
        start_i = 0
        # "As Ain al-Asad..." at a sentence start: the English word is not the article.
        if j > 1 and lower0 in _ENGLISH_ARTICLES and text[toks[0][1] : toks[1][0]].strip() == "":
            start_i = 1
        return start_i, end_j, place, score
    return None


def _site_words(win: _Window, j: int, first: str) -> int:
    """Length of the first of `rules.SITE_WORDS` that starts at token j, else 0."""
    for phrase in _SITE_BY_FIRST.get(first, ()):
        n = len(phrase)
        for k in range(1, n):
            t = win.get(j + k)
            if t is None or t[2][0] != phrase[k]:
                break
        else:
            return n
    return 0


def _choose(
    text: str,
    win: _Window,
    j: int,
    key: tuple[str, ...],
    entries: list[Entry],
) -> tuple[Place | None, int, float] | None:
    """Pick the entry the context supports; (place, end token index, score) or None."""
    if entries[0].mode == "block":
        return None, j, 0.0
    toks = win.toks
    last_end, last_info = toks[j - 1][1], toks[j - 1][2]
    after = win.get(j)
    nxt_lower: str | None = None
    if after is not None and _JOIN_FULL(text, last_end, after[0]):
        nxt_lower = after[2][0]
    single = len(key) == 1

    if single and key[0] in NEVER:
        return None
    # Word after the name: governorate / site kind / not-a-place / speech.
    if nxt_lower is not None:
        if nxt_lower in _NON_PLACE_NEXT:
            return None
        if single and nxt_lower in _SPEECH_NEXT:
            return None
    possessive = last_info[3]
    if possessive and single and key[0] in PERSON:
        return None

    # Outlets named like towns (Al Mayadeen): a cue word or a possessive turns them away.
    if any("outlet" in e.flags for e in entries):
        if (nxt_lower is not None and nxt_lower in _OUTLET_NEXT) or possessive:
            return None
        prev = win.prev()
        if prev is not None and prev[2][0] in _OUTLET_PREV:
            return None

    if nxt_lower is not None:
        if nxt_lower in _GOV_WORDS:
            for e in entries:
                if e.place is not None and e.place.kind == "governorate":
                    return e.place, j + 1, 1.0
        site_n = _site_words(win, j, nxt_lower)
        if site_n:
            for e in entries:
                if e.place is not None and e.place.precision == "site" and e.mode in ("bare", "kind"):
                    return e.place, j + site_n, 1.0
    has_article: bool | None = None
    for e in entries:
        if e.place is None:
            continue
        if e.mode == "kind":
            continue
        guarded = e.mode == "guarded"
        if not guarded and single and key[0] in PERSON:
            if has_article is None:
                has_article = any(t[2][0] in ARTICLES for t in toks[:j])
            guarded = not has_article
        if guarded:
            start0, _, info0 = toks[0]
            if not info0[2] or _sentence_start_at(text, start0):
                continue
            if not _place_context(win, j):
                continue
            return e.place, j, 0.8
        return e.place, j, 1.0
    return None


def _sentence_start_at(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\u00a0'‘(":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


def _place_context(win: _Window, j: int) -> bool:
    """A place word right before the candidate or right after token j-1."""
    prev = win.prev()
    if prev is not None and prev[2][0] in _PLACE_PREV:
        return True
    after = win.get(j)
    return after is not None and after[2][0] in _PLACE_NEXT
