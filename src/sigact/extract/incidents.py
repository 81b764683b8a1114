"""From mentions in context to one report per incident in the document.

Mentions of the same place and event type are one incident per distinct day; undated
mentions join a dated one of the last two days (a lede that names three bases and later
paragraphs that detail each are three incidents, not six); an area-level mention ("strikes
in Deir ez-Zor province") folds into the towns the details name; "targeted twice" at one
place makes two.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from sigact.extract.context import AREA_OF_BEFORE, Mention
from sigact.extract.dates import WEEKDAYS
from sigact.extract.frames import Frame
from sigact.extract.roles import COMPASS
from sigact.extract.scan import SentenceScan
from sigact.models import Evidence, Report
from sigact.places import PlaceMention, haversine_km
from sigact.places.normalise import name_key
from sigact.places.rules import GOVERNORATE_WORDS

_SAME_PLACE_KM = 3.0
_RECENT_DAYS = 2
_CITY_SITE_KM = 15.0
_AREA_REACH_KM = 100.0  # a governorate's mention folds into towns this near its centroid
_SUBURB_KM = 30.0  # a city named for its province folds into towns this near it
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "unknown": 3}
_GEO_RANK = {"site": 0, "town": 1, "region": 2}


def _same_place(a: PlaceMention, b: PlaceMention) -> bool:
    if a.place.id == b.place.id:
        return True
    if _city_and_province(a, b) or _city_and_province(b, a):
        return True
    return haversine_km(a.place.lat, a.place.lon, b.place.lat, b.place.lon) <= _SAME_PLACE_KM


_PROVINCE_WORDS = re.compile(r"\s+(?:" + "|".join(sorted(GOVERNORATE_WORDS | {"region"})) + r")$",
                             re.IGNORECASE)


def _city_and_province(town: PlaceMention, area: PlaceMention) -> bool:
    """"Deir Ezzor" and "Deir Ezzor governorate" in one story: one name for the city and its
    province, which a report uses for either (a governorate sits at its centroid, far from
    its seat, so distance alone no longer joins them)."""
    return (town.place.precision == "town" and area.place.precision == "region"
            and town.place.country == area.place.country and town.place.admin1 == area.place.admin1
            and name_key(_PROVINCE_WORDS.sub("", area.text)) == name_key(town.text))


def group_incidents(mentions: list[Mention]) -> list[list[Mention]]:
    """Mentions grouped into incidents (each group may stand for several, see multiplicity)."""
    by_key: list[tuple[Mention, list[Mention]]] = []
    for m in mentions:
        for head, members in by_key:
            if head.event_type == m.event_type and _same_place(head.place, m.place):
                members.append(m)
                break
        else:
            by_key.append((m, [m]))
    groups: list[list[Mention]] = []
    for _, members in by_key:
        dated: dict[date, list[Mention]] = {}
        loose: list[Mention] = []
        for m in members:
            if m.precision == "day" and m.date is not None:
                dated.setdefault(m.date, []).append(m)
            else:
                loose.append(m)
        if dated:
            for m in loose:
                # an undated mention is news of the last days: it joins the latest dated
                # incident of the last two days before publication, and stays apart from
                # older ones ("footage of an operation on December 11")
                fits = [d for d in dated if m.date is None or _recent(m, d)]
                role = m.frame.roles.get(m.place.place.id)
                if (not fits and m.frame.definite and m.frame.date is None
                        and role is not None and not role.subordinate):
                    # "The attack on the Rumalyn Landing Zone comes days after ...": the
                    # attack told before, whenever it was
                    fits = list(dated)
                target = max(fits) if fits else None
                if target is not None:
                    dated[target].append(m)
                else:
                    dated.setdefault(m.date, []).append(m)  # type: ignore[arg-type]
            groups.extend(dated[d] for d in sorted(dated, key=lambda x: (x is None, x)))
        elif loose:
            groups.extend(_by_day_phrase(loose))
    groups.sort(key=lambda g: min(m.frame.index for m in g))
    return _fold_regions(groups)


_WEEKDAY = re.compile("|".join(WEEKDAYS))


def _day_phrase(m: Mention) -> tuple[str, str] | None:
    """The day an undated mention names, as written: ("weekday", "tuesday") or
    ("calendar", "31 october"); None for no day or a relative one ("yesterday")."""
    d = m.frame.date
    if d is None or d.kind != "day" or m.date is not None:
        return None
    low = d.text.lower()
    if d.explicit:
        return ("calendar", " ".join(low.split()))
    wd = _WEEKDAY.search(low)
    return ("weekday", wd.group()) if wd else None


def _by_day_phrase(loose: list[Mention]) -> list[list[Mention]]:
    """In a text with no date to resolve them against, "drones were shot down Tuesday" and
    "on Saturday, rockets were launched at the base" are still two days: mentions of one
    place part by the weekdays (or by the calendar days) they name; one that names none goes
    with the day told before it. A weekday and a calendar day may be one day: no parting."""
    keys = {k for m in loose if (k := _day_phrase(m))}
    if len(keys) < 2 or len({kind for kind, _ in keys}) > 1:
        return [loose]
    out: dict[tuple[str, str], list[Mention]] = {}
    current: tuple[str, str] | None = None
    pending: list[Mention] = []
    for m in sorted(loose, key=lambda m: m.frame.index):
        key = _day_phrase(m)
        if key is not None:
            current = key
            out.setdefault(key, []).extend(pending)
            pending = []
        if current is None:
            pending.append(m)
        else:
            out.setdefault(current, []).append(m)
    return list(out.values())


_LISTED = re.compile(r"^\s*(?:,|,?\s*and|,?\s*or)\s+(?:the\s+)?$")
_CITY_AFTER = re.compile(r"\s+city\b", re.IGNORECASE)
_CITY_BEFORE = re.compile(r"\bcity\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_AREA_AFTER = re.compile(r"\s+(?:regions?|provinces?|governorates?|countryside|areas?|desert|sector)\b",
                         re.IGNORECASE)


def _area(g: list[Mention]) -> bool:
    """A group placed only at a governorate or an area ("the Deir Ezzor region",
    "the province of Hasakah")."""
    def area(m: Mention) -> bool:
        text, at = m.frame.sentence.sentence.text, m.frame.sentence.start
        if m.place.place.precision == "site":
            return False  # "the base in the countryside of Rmeilan" is still at Rmelan
        return (m.place.place.precision == "region" or _directional(m)
                or (m.frame.sentence.sentence.heading and m.place.place.precision != "site")
                or bool(_AREA_AFTER.match(text, m.place.end - at))
                or bool(AREA_OF_BEFORE.search(text, 0, m.place.start - at))
                or _province_named(m, text, at))
    return all(area(m) for m in g)


_DIRECTION_BEFORE = re.compile(
    r"\b" + COMPASS + r"\s+of\s+(?:the\s+)?(?:(?:city|town|capital)\s+(?:of\s+)?)?$", re.IGNORECASE)


def _directional(m: Mention) -> bool:
    """"Fighters killed south of Damascus": somewhere in the area around the city."""
    text, at = m.frame.sentence.sentence.text, m.frame.sentence.start
    return bool(_DIRECTION_BEFORE.search(text, max(0, m.place.start - at - 40), m.place.start - at))


def _province_named(m: Mention, text: str, at: int) -> bool:
    """"Clashes in Deir ez-Zor", beside details in its towns: the city that gives its
    province its name stands for the province unless the text says "city"."""
    place = m.place.place
    if place.precision != "town" or not place.admin1 or name_key(m.place.text) != name_key(place.admin1):
        return False
    # "US bases in Al-Shaddadi and Al-Hasakah": listed beside a town, it is the city
    for q in m.frame.places:
        if q is not m.place and q.place.precision != "region" and (
                _LISTED.match(text[q.end - at:m.place.start - at])
                or _LISTED.match(text[m.place.end - at:q.start - at])):
            return False
    return not (_CITY_AFTER.match(text, m.place.end - at) or _CITY_BEFORE.search(text, 0, m.place.start - at))


def _fold_regions(groups: list[list[Mention]]) -> list[list[Mention]]:
    """A lede that says "strikes in Deir ez-Zor province" and details that name Abu Kamal
    and Mayadin tell of the towns' incidents, not of a fourth one: an area-level group
    folds into the more specific groups of the same type, area and day."""
    out: list[list[Mention]] = []
    specific = [g for g in groups if not _area(g)]
    sites = [g for g in specific if g[0].place.place.precision == "site"]
    # (by identity: a list is compared item by item; an equal group is as specific)
    specific_ids = {id(g) for g in specific}
    for g in groups:
        if id(g) in specific_ids:
            # "Erbil" beside "Erbil airport" in one document: the town names the site's city
            town = g[0].place.place
            host = [h for h in sites if h is not g and town.precision == "town"
                    and h[0].event_type == g[0].event_type and _days_fit(g, h, slack=0)
                    and haversine_km(town.lat, town.lon, h[0].place.place.lat,
                                     h[0].place.place.lon) <= _CITY_SITE_KM]
            if len(host) == 1:
                host[0].extend(g)
                continue
            out.append(g)
            continue
        head = g[0]
        into = [h for h in specific
                if h[0].event_type == head.event_type
                and h[0].place.place.country == head.place.place.country
                and (h[0].place.place.admin1 == head.place.place.admin1
                     # a governorate's centroid may lie far from the towns it holds; a city
                     # that names its province ("strikes in Damascus") folds into its own
                     # province or its suburbs, not into a city 90 km away (Suwayda)
                     or haversine_km(h[0].place.place.lat, h[0].place.place.lon,
                                     head.place.place.lat, head.place.place.lon) <= (
                         _AREA_REACH_KM if head.place.place.precision == "region" or _directional(head)
                         else _SUBURB_KM))
                and _days_fit(g, h)]
        if not into:
            out.append(g)
            continue
        for h in into:
            h.extend(g)
    return out


def _told_apart(group: list[Mention], groups: list[list[Mention]]) -> bool:
    """One of the attacks a count stands for is its own incident in the document: one of the
    same kind within a day, at the place or its city (undated, nothing tells them apart)."""
    here = group[0].place.place
    days = {m.date for m in group if m.date is not None}
    for other in groups:
        if other is group or other[0].event_type != group[0].event_type:
            continue
        there = other[0].place.place
        near = there.id == here.id or haversine_km(here.lat, here.lon, there.lat, there.lon) <= _CITY_SITE_KM
        when = {m.date for m in other if m.date is not None}
        if near and any(abs((a - b).days) <= 1 for a in days for b in when):
            return True
    return False


def _days_fit(a: list[Mention], b: list[Mention], slack: int = 1) -> bool:
    da = {m.date for m in a if m.precision == "day" and m.date}
    db = {m.date for m in b if m.precision == "day" and m.date}
    if not da or not db:
        return True
    return any(abs((x - y).days) <= slack for x in da for y in db)


def _recent(m: Mention, d: date) -> bool:
    if m.date is None:
        return True
    if m.precision == "month":
        return m.date - timedelta(days=31) <= d <= m.date + timedelta(days=1)
    return m.date - timedelta(days=_RECENT_DAYS) <= d <= m.date + timedelta(days=1)


def _as_named(perpetrator: str, group: list[Mention], descriptive: frozenset[str]) -> str:
    """A label for a kind of actor ("Iran-backed militias") in the words of the report
    ("Iranian-backed militias", "pro-Iran fighters"): the codebook's name stands for a named
    group, a description is the text's own."""
    if perpetrator not in descriptive:
        return perpetrator
    frames = [f for m in group for f in (m.frame, *m.extra, *m.inferred)]
    for f in sorted(frames, key=lambda f: f.index):
        for h in f.sentence.get("actor"):
            if h.value == perpetrator:
                words = h.phrase.split()
                if words and words[0].lower() in ("the", "a", "an"):
                    words = words[1:]
                return " ".join(words) or perpetrator
    return perpetrator


def to_reports(
    groups: list[list[Mention]], doc_id: str, outlet: str | None, published: date | None,
    descriptive: frozenset[str] = frozenset(),
) -> list[Report]:
    reports: list[Report] = []
    for group in groups:
        # a calendar day ("Tuesday, July 30") outranks a weekday read against publication
        best = min(group, key=lambda m: (_PRECISION_RANK.get(m.precision, 3), not _explicit(m),
                                         m.frame.index))
        place = min((m.place for m in group), key=lambda p: (_GEO_RANK.get(p.place.precision, 3),))
        claimed = [m for m in group if m.perpetrator and m.basis == "claimed"]
        named = claimed or [m for m in group if m.perpetrator]
        weapons: set[str] = set()
        for m in group:
            weapons |= m.weapons
        if "ballistic_missile" in weapons:
            weapons.discard("missile")  # "a ballistic missile ... the missile attack"
        if best.event_type == "air_strike" and not weapons:
            weapons.add("aircraft")  # an air strike that names no weapon was flown
        outcomes = {m.outcome for m in group} - {"unknown"}
        outcome = "hit" if "hit" in outcomes else ("intercepted" if outcomes else "unknown")
        killed = _max_or_none(m.killed for m in group)
        injured = _max_or_none(m.injured for m in group)
        if best.event_type == "armed_clash":
            outcome = "unknown"  # fighting has casualties, not a hit or a miss
        elif outcome == "unknown" and (best.event_type == "air_strike" or killed or injured):
            # a strike reported as carried out struck what it aimed at; an attack that
            # killed or wounded people hit
            outcome = "hit"
        target = next((m.target for m in group if m.target), None)
        evidence = _evidence(group, doc_id)
        count = max(m.multiplicity for m in group)
        if count > 1 and _told_apart(group, groups):
            count -= 1  # "for the second time in 24 hours ... On Friday, Israel targeted the airport"
        confidence = _confidence(best, place, named, len(evidence))
        for _ in range(count):
            reports.append(Report(
                doc_id=doc_id, event_type=best.event_type,
                date=best.date.isoformat() if best.date else None,
                date_precision=best.precision if best.date else "unknown",
                country=place.place.country, place=place.place.name, lat=place.place.lat,
                lon=place.place.lon, geo_precision=place.place.precision,
                place_id=place.place.id, admin1=place.place.admin1,
                weapons=sorted(weapons),
                perpetrator=_as_named(named[0].perpetrator, group, descriptive)  # type: ignore[arg-type]
                if named else None,
                perpetrator_basis=named[0].basis if named else "unknown", target=target,
                outcome=outcome, killed=killed, injured=injured, confidence=confidence,
                evidence=evidence, seq=len(reports), outlet=outlet,
                published=published.isoformat() if published else None,
            ))
    return reports


def _explicit(m: Mention) -> bool:
    d = m.frame.date
    return d is not None and d.explicit and m.date == d.value


def _max_or_none(values) -> int | None:  # type: ignore[no-untyped-def]
    vals = [v for v in values if v is not None]
    return max(vals) if vals else None


def _evidence(group: list[Mention], doc_id: str) -> list[Evidence]:
    by_sentence: dict[int, tuple[SentenceScan, set[str], set[tuple[int, int, str]]]] = {}

    def add(f: Frame, fields: set[str]) -> None:
        sc = f.sentence
        entry = by_sentence.get(f.index)
        if entry is None:
            entry = by_sentence[f.index] = (sc, set(), set())
        entry[1].update(fields)
        base = sc.start
        entry[2].update([(s - base, e - base, kind) for s, e, kind in f.marks])

    for m in group:
        fields = {"event_type", "place"}
        if m.frame.date is not None:
            fields.add("date")
        if m.frame.weapons:
            fields.add("weapons")
        if m.frame.agent is not None:
            fields.update({"perpetrator", "perpetrator_basis"})
        if m.frame.outcome != "unknown":
            fields.add("outcome")
        if m.frame.killed is not None or m.frame.injured is not None:
            fields.update({"killed", "injured"})
        add(m.frame, fields)
        for f in m.extra:
            extra = {"event_type"}
            if f.agent is not None:
                extra.update({"perpetrator", "perpetrator_basis"})
            if f.weapons:
                extra.add("weapons")
            if f.outcome != "unknown":
                extra.add("outcome")
            if f.killed is not None or f.injured is not None:
                extra.update({"killed", "injured"})
            add(f, extra)
        for f in m.inferred:
            add(f, {"perpetrator"})
    out = []
    for i in sorted(by_sentence):
        sc, fields, marks = by_sentence[i]
        # (positional: a dataclass's __init__ takes keywords slower)
        out.append(Evidence(doc_id, sc.start, sc.sentence.end, sc.text, sorted(fields), sorted(marks)))
    return out


def _confidence(best: Mention, place: PlaceMention, named: list[Mention], n_evidence: int) -> float:
    c = 0.45
    c += {"site": 0.2, "town": 0.12, "region": 0.05}.get(place.place.precision, 0.0)
    c += {"day": 0.15, "week": 0.05, "month": 0.02}.get(best.precision, 0.0)
    if named:
        c += 0.05
    c += min(0.1, 0.05 * (n_evidence - 1))
    c *= min(1.0, max(0.5, place.score))
    return round(min(c, 0.98), 2)
