"""Compile the codebook's phrase lists into one fast matcher.

Every phrase of every list (triggers, weapons, actors, outlets, targets, cue words) goes
into one table keyed by its tokens, so a single pass over a document's tokens finds all
of them: the extractor reads hundreds of articles a second, and a regular expression of
a few hundred alternatives per list is ten times slower.

Phrases written in capitals or with inner capitals and dots ("US", "U.S.", "IRI", "SAA")
match case-sensitively, so the pronoun "us" never matches; all others ignore case. At each
position the longest phrase of a list wins, and hits of one list never overlap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sigact.codebook import Codebook, load_codebook

TOKEN = re.compile(r"\w+|[^\w\s]")


@dataclass(slots=True, frozen=True)
class Hit:
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
    """A text's tokens: offsets, original and lower-case forms."""

    text: str
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    orig: list[str] = field(default_factory=list)
    lower: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, text: str) -> Tokens:
        t = cls(text)
        spans = [m.span() for m in TOKEN.finditer(text)]
        t.starts = [s for s, _ in spans]
        t.ends = [e for _, e in spans]
        t.orig = [text[s:e] for s, e in spans]
        low = text.lower()
        # lower() keeps offsets for all but a few exotic letters; fall back when it doesn't
        t.lower = [low[s:e] for s, e in spans] if len(low) == len(text) else [
            w.lower() for w in t.orig]
        return t


class Matcher:
    """Many named phrase lists matched in one pass over the tokens."""

    def __init__(self, lists: dict[str, list[tuple[str, str]]]) -> None:
        # key: token tuple -> list of (list name, value); separate tables by case handling
        self._cs: dict[tuple[str, ...], list[tuple[str, str]]] = {}
        self._ci: dict[tuple[str, ...], list[tuple[str, str]]] = {}
        self._lengths: dict[str, set[int]] = {}  # first token (lower) -> phrase lengths
        self.names = list(lists)
        for name, entries in lists.items():
            for phrase, value in entries:
                toks = tuple(TOKEN.findall(phrase))
                if not toks:
                    continue
                if _case_sensitive(phrase):
                    table, key = self._cs, toks
                else:
                    table, key = self._ci, tuple(t.lower() for t in toks)
                bucket = table.setdefault(key, [])
                if all(n != name for n, _ in bucket):
                    bucket.append((name, value))
                self._lengths.setdefault(toks[0].lower(), set()).add(len(toks))
        # every leading part of every phrase (lower-cased), to stop growing a phrase early
        self._prefixes: set[tuple[str, ...]] = set()
        for key in [*self._ci, *(tuple(w.lower() for w in k) for k in self._cs)]:
            for n in range(1, len(key) + 1):
                self._prefixes.add(key[:n])
        self._longest = max((len(k) for k in self._prefixes), default=1)

    def scan(self, text: str, tokens: Tokens | None = None) -> dict[str, list[Hit]]:
        """Hits of every list in ``text``: per list, in order, longest first, no overlaps."""
        t = tokens or Tokens.of(text)
        found: dict[str, list[tuple[int, int, str]]] = {n: [] for n in self.names}
        lower, orig, n_tok = t.lower, t.orig, len(t.lower)
        cs, ci, prefixes, firsts = self._cs, self._ci, self._prefixes, self._lengths
        for i in [k for k, w in enumerate(lower) if w in firsts]:
            # grow the phrase a token at a time while some phrase still starts this way
            for j in range(i + 1, min(n_tok, i + self._longest) + 1):
                key = tuple(lower[i:j])
                if key not in prefixes:
                    break
                for name, value in ci.get(key, ()):
                    found[name].append((i, j, value))
                for name, value in cs.get(tuple(orig[i:j]), ()):
                    found[name].append((i, j, value))
        out: dict[str, list[Hit]] = {}
        for name, spans in found.items():
            hits: list[Hit] = []
            last_end = -1
            # longest first at each start, then skip what overlaps a kept hit
            for i, j, value in sorted(spans, key=lambda s: (s[0], -s[1])):
                if i < last_end:
                    continue
                s, e = t.starts[i], t.ends[j - 1]
                hits.append(Hit(s, e, value, text[s:e]))
                last_end = j
            out[name] = hits
        return out


@dataclass(frozen=True)
class Lexicon:
    """The compiled codebook: one matcher and the facts the extractor looks up."""

    codebook: Codebook
    matcher: Matcher
    actor_kind: dict[str, str]
    cue_names: tuple[str, ...]


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
    )


_CACHE: dict[int, Lexicon] = {}


def lexicon(codebook: Codebook | None = None) -> Lexicon:
    """The compiled matcher for ``codebook`` (default: the loaded one), cached."""
    cb = codebook or load_codebook()
    lx = _CACHE.get(id(cb))
    if lx is None or lx.codebook is not cb:
        lx = _CACHE[id(cb)] = _build(cb)
    return lx
