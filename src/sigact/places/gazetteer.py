"""The gazetteer: every known place, an index of their spellings, and look-ups."""

from __future__ import annotations

import math
import re
from functools import cache

from sigact.places import rules
from sigact.places.data import Record, load_records
from sigact.places.matcher import NEVER, PERSON, Entry, find_mentions, key_prefixes
from sigact.places.model import Place, PlaceMatch, PlaceMention
from sigact.places.normalise import name_key, tokens_of

__all__ = ["Gazetteer", "haversine_km", "load_gazetteer"]

_TOWN_RADIUS_KM = 30.0
_SITE_RADIUS_KM = 5.0
_FUZZY_CUTOFF = 88.0
# A one-word name a letter or two off a known town is mostly another place, not a typo:
# "Arman" (Urman, Suwayda) is not Amman, "Abriha" (Deir ez-Zor) not Ariha (Idlib), "Kuweires"
# not al-Quwayrah (Ma'an). Such names are matched fuzzily only when long enough for one
# slip to be a typo.
_FUZZY_MIN_ONE_WORD = 10


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))


def _risky(key: tuple[str, ...]) -> bool:
    """A one-word town name that is short or a given name: match only with place context."""
    return len(key) == 1 and (len(key[0]) <= 3 or key[0] in PERSON)


_INITIALS = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,3}")
_DOTTED = re.compile(r"[A-Z]\.[A-Z]\.")  # where every match of _INITIALS starts; found faster


def _undot_all(text: str) -> str:
    """``_INITIALS.sub(_undot, text)``, tried only where ``_DOTTED`` is."""
    out: list[str] = []
    pos = done = 0
    while (m := _DOTTED.search(text, pos)) is not None:
        found = _INITIALS.match(text, m.start())
        if found is None:
            pos = m.start() + 1
            continue
        out += [text[done:found.start()], _undot(found)]
        pos = done = found.end()
    return "".join([*out, text[done:]]) if out else text


def _undot(m: re.Match[str]) -> str:
    initials = m.group(0).replace(".", "")
    return initials + " " * (len(m.group(0)) - len(initials))


class Gazetteer:
    """Places (sites, towns, governorates) and the index that finds them in text."""

    def __init__(self, records: list[Record]) -> None:
        self._places: list[Place] = [r.place for r in records]
        self._by_id: dict[str, Place] = {p.id: p for p in self._places}
        self._gov_of: dict[tuple[str, str], Place] = {
            (p.country, p.admin1): p for p in self._places if p.kind == "governorate" and p.admin1
        }
        index: dict[tuple[str, ...], list[Entry]] = {}

        def add(name: str, entry: Entry) -> None:
            key = name_key(name)
            if not key or (len(key) == 1 and key[0] in NEVER):
                return
            bucket = index.setdefault(key, [])
            if any(e.place is entry.place and e.mode == entry.mode for e in bucket):
                return
            bucket.append(entry)

        for rec in records:
            place = rec.place
            curated = not place.id.startswith("gn-") and place.kind != "governorate"
            if place.kind == "governorate":
                rank = 30
            elif curated:
                rank = 0
            else:
                rank = 20 - min(9, int(math.log10(rec.population + 1)))
            for name in rec.bare:
                key = name_key(name)
                mode = "guarded" if (not curated and _risky(key)) else "bare"
                add(name, Entry(place, mode, rank, rec.flags))
            for name in rec.with_kind:
                add(name, Entry(place, "kind", rank + 5, rec.flags))
            for name in rec.guarded:
                add(name, Entry(place, "guarded", rank, rec.flags))
        for phrase in rules.BLOCKED_PHRASES:
            index[name_key(phrase)] = [Entry(None, "block", -1)]
        for bucket in index.values():
            bucket.sort(key=lambda e: e.rank)
        self._index = index
        self._first = frozenset(k[0] for k in index)
        self._max_len = max(len(k) for k in index) + 1
        self._prefixes = key_prefixes(index)
        self._fuzzy_keys: list[str] | None = None
        self._fuzzy_vals: list[tuple[str, ...]] = []

    # -- look-ups ---------------------------------------------------------------------
    @property
    def places(self) -> list[Place]:
        return list(self._places)

    def get(self, place_id: str) -> Place:
        """The place with this id (KeyError when unknown)."""
        return self._by_id[place_id]

    def governorate_of(self, place: Place) -> Place | None:
        """The governorate a place lies in, if known."""
        if place.admin1 is None:
            return None
        return self._gov_of.get((place.country, place.admin1))

    def mentions(self, text: str) -> list[PlaceMention]:
        """Every place name in `text`, in order, non-overlapping (longest wins)."""
        # "U.S. Embassy": the matcher joins words by spaces, so dotted initials are read as
        # one word with the dots turned into trailing spaces (offsets stay the same)
        return self.mentions_at(text, 0, len(text))

    def mentions_at(self, text: str, lo: int, hi: int) -> list[PlaceMention]:
        """``mentions(text[lo:hi])``, with offsets into ``text``."""
        part = text[lo:hi] if lo or hi != len(text) else text
        scan = _undot_all(part) if "." in part else part
        found = find_mentions(scan, self._index, self._first, self._max_len, self._prefixes)
        return [PlaceMention(s + lo, e + lo, part[s:e], p, sc) for s, e, p, sc in found]

    def homonyms(self, mention: PlaceMention) -> list[Place]:
        """Every place that shares the mention's name ("Dhiban" in Syria and in Jordan)."""
        entries = self._index.get(name_key(mention.text)) or []
        out: list[Place] = []
        for e in entries:
            if e.place is not None and e.place not in out and e.place.kind == mention.place.kind:
                out.append(e.place)
        return out or [mention.place]

    def resolve(self, query: str) -> PlaceMatch | None:
        """The best place for a name, with a score in [0, 1] and the reason."""
        q = re.sub(r"\([^)]*\)", " ", query).strip()
        if not q:
            return None
        toks = tokens_of(q)
        want = ""
        if toks and toks[-1] in rules.GOVERNORATE_WORDS:
            want, toks = "governorate", toks[:-1]
        else:
            for phrase in rules.SITE_WORDS:
                n = len(phrase)
                if len(toks) > n and tuple(toks[-n:]) == phrase:
                    want, toks = "site", toks[:-n]
                    break
        fallback: PlaceMatch | None = None
        for attempt in (name_key(" ".join(toks)), name_key(q)):
            entries = self._index.get(attempt)
            if not entries or entries[0].place is None:
                continue
            pick = self._pick(entries, want)
            if pick is not None:
                why = f"spelling key {' '.join(attempt)!r} is a known name of {pick.name}"
                if want:
                    why += f" (kind word -> {want})"
                # "Deir ez-Zor Airport": the town wins on "Deir ez-Zor" only when no site
                # carries the whole name.
                if want == "site" and pick.precision != "site":
                    fallback = fallback or PlaceMatch(pick, 1.0, why)
                    continue
                return PlaceMatch(pick, 1.0, why)
        if fallback is not None:
            return fallback
        found = self.mentions(q if q[:1].isupper() else q.title())
        if found:
            m = max(found, key=lambda m: m.end - m.start)
            return PlaceMatch(m.place, 0.9, f"found {m.text!r} inside the query")
        return self._fuzzy(name_key(" ".join(toks)) or name_key(q), want)

    def _pick(self, entries: list[Entry], want: str) -> Place | None:
        places = [e.place for e in entries if e.place is not None]
        if want == "governorate":
            for p in places:
                if p.kind == "governorate":
                    return p
        if want == "site":
            for p in places:
                if p.precision == "site":
                    return p
        for e in entries:
            if e.place is not None and e.mode != "kind":
                return e.place
        return places[0] if places else None

    def _fuzzy(self, key: tuple[str, ...], want: str) -> PlaceMatch | None:
        from rapidfuzz import fuzz, process

        if not key or (len(key) == 1 and len(key[0]) < _FUZZY_MIN_ONE_WORD):
            return None
        if self._fuzzy_keys is None:
            vals = [k for k, v in self._index.items() if v[0].place is not None]
            self._fuzzy_vals = vals
            self._fuzzy_keys = [" ".join(k) for k in vals]
        q = " ".join(key)
        best = process.extractOne(
            q, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF
        )
        if best is None:
            return None
        _, score, idx = best
        pick = self._pick(self._index[self._fuzzy_vals[idx]], want)
        if pick is None:
            return None
        why = f"fuzzy: {q!r} ~ {self._fuzzy_keys[idx]!r} ({score:.0f}/100)"
        return PlaceMatch(pick, round(score / 100 * 0.9, 3), why)

    # -- geometry ---------------------------------------------------------------------
    def contains(self, outer: Place, inner: Place) -> bool:
        """True when `inner` lies in `outer`.

        A governorate/region contains what shares its admin1 (or is its child region);
        a town contains what is within 30 km; a site contains its children and what
        is within 5 km. Everything contains itself.
        """
        if outer.id == inner.id:
            return True
        p: Place | None = inner
        seen: set[str] = set()
        while p is not None and p.parent and p.parent not in seen:
            if p.parent == outer.id:
                return True
            seen.add(p.parent)
            p = self._by_id.get(p.parent)
        if outer.country != inner.country:
            return False
        if outer.precision == "region":
            if inner.admin1 and inner.admin1 == outer.admin1:
                return True
            gov = self.governorate_of(inner)
            return gov is not None and gov.parent == outer.id
        d = haversine_km(outer.lat, outer.lon, inner.lat, inner.lon)
        if outer.precision == "town":
            return inner.precision != "region" and d <= _TOWN_RADIUS_KM
        return inner.precision == "site" and d <= _SITE_RADIUS_KM


@cache
def load_gazetteer() -> Gazetteer:
    """The shipped gazetteer, built once per process."""
    return Gazetteer(load_records())
