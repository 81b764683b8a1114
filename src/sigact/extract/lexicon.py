"""Compile the codebook's phrase lists into one fast matcher.

Every phrase of every list (triggers, weapons, actors, outlets, targets, cue words) goes
into one trie of its lower-case tokens, so a single pass over a document's tokens finds all
of them: the extractor reads hundreds of articles a second, and a regular expression of
a few hundred alternatives per list is ten times slower.

Phrases written in capitals or with inner capitals and dots ("US", "U.S.", "IRI", "SAA")
match case-sensitively, so the pronoun "us" never matches; all others ignore case. At each
position the longest phrase of a list wins, and hits of one list never overlap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import compress
from typing import NamedTuple

from sigact.codebook import Codebook, load_codebook
from sigact.extract.gates import COMPILED

# a word, or any other character but a space ("\w++|[^\w\s]", written the faster way)
TOKEN = re.compile(r"\w++|\S")


class Hit(NamedTuple):
    start: int  # character offsets in the scanned text
    end: int
    value: str  # what the phrase stands for (weapon class, actor name, trigger class...)
    phrase: str  # the text matched


def _case_sensitive(phrase: str) -> bool:
    letters = [c for c in phrase if c.isalpha()]
    if not letters:
        return False
    upper = sum(c.isupper() for c in letters)
    return upper >= 2 and (upper == len(letters) or "." in phrase or len(letters) <= 4)


@dataclass(slots=True)
class Tokens:
    """A text's tokens: their lower-case forms and offsets (the original forms on demand)."""

    text: str
    starts: list[int] = field(default_factory=list)  # offsets in text
    ends: list[int] = field(default_factory=list)
    lower: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, text: str) -> Tokens:
        low = text.lower()
        if len(low) == len(text):
            # lower() kept the offsets, and it never moves a letter between word, space and
            # punctuation: the lower-cased text has the same tokens, lower-cased
            out = cls(text)
            _tokenise(low, out.starts, out.ends, out.lower)
            return out
        out = cls(text)  # a few exotic letters grow when lower-cased
        _tokenise(text, out.starts, out.ends, out.lower)
        out.lower = [t.lower() for t in out.lower]
        return out

    def orig(self, i: int, j: int) -> tuple[str, ...]:
        """Tokens i to j (exclusive) as written."""
        text = self.text
        if j == i + 1:  # most phrases written in capitals are one token ("US", "IRGC")
            return (text[self.starts[i]:self.ends[i]],)
        return tuple([text[self.starts[k]:self.ends[k]] for k in range(i, j)])


def _tokenise(text: str, starts: list[int], ends: list[int], toks: list[str]) -> None:
    """The tokens of ``TOKEN.finditer(text)``, appended to the three lists."""
    if COMPILED:
        _tokenise_loop(text, starts, ends, toks)
        return
    for m in TOKEN.finditer(text):
        starts.append(m.start())
        ends.append(m.end())
        toks.append(m.group())


def _tokenise_loop(text: str, starts: list[int], ends: list[int], toks: list[str]) -> None:
    """_tokenise, by reading the text once, a character at a time (compiled, far faster
    than the pattern): a run of word characters (\\w: alphanumeric or "_"), or any other
    character but a space."""
    n = len(text)
    i = 0
    while i < n:
        o = ord(text[i])
        if o < 128:
            if o == 32 or 9 <= o <= 13 or 28 <= o <= 31:  # the ASCII spaces of str.isspace
                i += 1
                continue
            word = 97 <= o <= 122 or 65 <= o <= 90 or 48 <= o <= 57 or o == 95
        else:
            if text[i].isspace():
                i += 1
                continue
            word = text[i].isalnum()
        j = i + 1
        if word:
            while j < n:
                o = ord(text[j])
                if o < 128:
                    if not (97 <= o <= 122 or 65 <= o <= 90 or 48 <= o <= 57 or o == 95):
                        break
                elif not text[j].isalnum():
                    break
                j += 1
        starts.append(i)
        ends.append(j)
        toks.append(text[i:j])
        i = j


@dataclass(slots=True)
class _Node:
    """A phrase prefix (lower-case tokens): what it completes, and how it goes on."""

    depth: int  # its number of tokens
    next: dict[str, _Node] = field(default_factory=dict)
    ci: dict[str, tuple[int, str]] = field(default_factory=dict)  # list name -> (depth, value)
    cs: dict[tuple[str, ...], dict[str, tuple[int, str]]] = field(default_factory=dict)  # by exact tokens


class Matcher:
    """Many named phrase lists matched in one pass over the tokens."""

    def __init__(self, lists: dict[str, list[tuple[str, str]]]) -> None:
        # a trie of lower-case tokens; a case-sensitive phrase hangs on the node of its
        # lower-case form, keyed by its exact tokens
        self._trie: dict[str, _Node] = {}
        self.names = list(lists)
        for name, entries in lists.items():
            for phrase, value in entries:
                toks = tuple(TOKEN.findall(phrase))
                if not toks:
                    continue
                node = self._node(tuple(t.lower() for t in toks))
                bucket = node.cs.setdefault(toks, {}) if _case_sensitive(phrase) else node.ci
                bucket.setdefault(name, (node.depth, value))  # the first listed wins

    def _node(self, key: tuple[str, ...]) -> _Node:
        level, node = self._trie, None
        for depth, tok in enumerate(key, 1):
            node = level.get(tok)
            if node is None:
                node = level[tok] = _Node(depth)
            level = node.next
        assert node is not None
        return node

    def scan(self, text: str, tokens: Tokens | None = None) -> dict[str, list[Hit]]:
        """Hits of every list in ``text``: per list, in order, longest first, no overlaps."""
        t = tokens or Tokens.of(text)
        lower, starts, ends, n_tok = t.lower, t.starts, t.ends, len(t.lower)
        trie = self._trie
        out: dict[str, list[Hit]] = {n: [] for n in self.names}
        last_end = dict.fromkeys(self.names, -1)  # per list: token after its last hit
        for i in _in_trie(lower, trie):
            # grow the phrase a token at a time while some phrase still starts this way;
            # per list, the longest phrase from here (the first listed, among equals)
            # (made when there is one: most tokens that begin a phrase begin none here)
            best: dict[str, tuple[int, str]] | None = None
            node: _Node | None = trie[lower[i]]
            while node is not None:
                if node.ci:
                    if best is None:
                        best = {}
                    best.update(node.ci)  # longer than what came before
                j = i + node.depth
                if node.cs:
                    for name, found in node.cs.get(t.orig(i, j), {}).items():
                        if best is None:
                            best = {}
                        if best.get(name, _NONE)[0] < node.depth:
                            best[name] = found
                node = node.next.get(lower[j]) if j < n_tok else None
            if best is None:
                continue
            for name, (depth, value) in best.items():
                if i >= last_end[name]:  # hits of one list never overlap
                    j = i + depth
                    s, e = starts[i], ends[j - 1]
                    out[name].append(_hit(Hit, (s, e, value, text[s:e])))
                    last_end[name] = j
        return out


def _in_trie(lower: list[str], trie: dict[str, _Node]) -> list[int]:
    """The indices of the tokens that begin some phrase (a loop in compiled code, C
    functions of the standard library for the interpreter)."""
    if COMPILED:
        return [i for i in range(len(lower)) if lower[i] in trie]
    return list(compress(range(len(lower)), map(trie.__contains__, lower)))


_NONE = (0, "")
_hit = tuple.__new__  # Hit(...) without the Python-level __new__ of a named tuple


@dataclass(frozen=True)
class Lexicon:
    """The compiled codebook: one matcher and the facts the extractor looks up."""

    codebook: Codebook
    matcher: Matcher
    actor_kind: dict[str, str]
    cue_names: tuple[str, ...]
    descriptive: frozenset[str]  # actors named by a description ("Iran-backed militias")
    defenders: frozenset[str]  # the theatre's defenders (codebook theatre.defenders)
    abroad: frozenset[str] = frozenset()  # actors fighting outside the theatre
    remote_fire: frozenset[str] = frozenset()  # states that fire from afar, never air strikes
    ground: frozenset[str] = frozenset()  # forces that fight on the ground (codebook `ground`)


def _build(codebook: Codebook) -> Lexicon:
    ev = codebook.events
    cue_names = tuple(type(ev.cues).model_fields)
    lists: dict[str, list[tuple[str, str]]] = {
        "trigger": [
            (p, g.class_ + (":definite" if g.definite else ""))
            for g in ev.triggers
            for p in g.phrases
        ],
        "weapon": [(p, w) for w, ps in codebook.weapons.weapons.items() for p in ps],
        "not_weapon": [(p, "-") for p in codebook.weapons.not_weapons],
        "not_trigger": [(p, "-") for p in ev.not_triggers],
        "actor": [(p, a.name) for a in codebook.actors.actors for p in [a.name, *a.aliases]],
        "generic": [(p, a.name) for a in codebook.actors.actors for p in a.generic],
        "outlet": [(p, o.name) for o in codebook.outlets.outlets for p in [o.name, *o.aliases]],
        "target": [(p, t) for t, ps in codebook.actors.targets.items() for p in ps],
        "outside": [(p, "outside") for p in codebook.theatre.outside],
    }
    for name in cue_names:
        lists["cue:" + name] = [(p, name) for p in getattr(ev.cues, name)]
    return Lexicon(
        codebook=codebook,
        matcher=Matcher(lists),
        actor_kind={a.name: a.kind for a in codebook.actors.actors},
        cue_names=cue_names,
        descriptive=frozenset(a.name for a in codebook.actors.actors if a.descriptive),
        defenders=frozenset(codebook.theatre.defenders),
        abroad=frozenset(a.name for a in codebook.actors.actors if a.abroad),
        remote_fire=frozenset(a.name for a in codebook.actors.actors if a.remote_fire),
        ground=frozenset(a.name for a in codebook.actors.actors if a.ground),
    )


_CACHE: dict[int, Lexicon] = {}


def lexicon(codebook: Codebook | None = None) -> Lexicon:
    """The compiled matcher for ``codebook`` (default: the loaded one), cached."""
    cb = codebook or load_codebook()
    lx = _CACHE.get(id(cb))
    if lx is None or lx.codebook is not cb:
        lx = _CACHE[id(cb)] = _build(cb)
    return lx
