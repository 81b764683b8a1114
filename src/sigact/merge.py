"""Reports -> incidents across documents: pure functions, no database.

Two reports (from *different* documents) are **compatible** when they have the same
event type, their places are close enough, their dates can be the same day and their
weapons do not contradict each other:

- place: the same ``place_id`` is the strongest signal (distance 0); otherwise the
  great-circle distance is at most 25 km, or 100 km when either is ``region`` precision,
  but two *sites* more than 5 km apart are two bases (Tower 22 and al-Tanf, 20 km apart,
  are never one place). A report with neither coordinates nor a place id is compatible
  with nothing.
- date: each report covers a window of days — ``day``: its date; ``week``: the 7 days
  ending at its date; ``month``: the 31 days ending at it — and the two windows must come
  within one day of each other, and one of the two must give a day: two reports that
  both say only "this week" at a busy base carry no evidence of one attack (on six
  held-out sets this cost one set 0.006 F1 and gained another 0.03) — unless both name
  the same place id and the same week (two outlets' news of the same days: on a seventh
  set this gained 0.02, the other six were even).  Undated reports are handled apart
  (below).
- weapons: an aircraft-only report contradicts a report that names only ground-launched
  weapons or drones (and the reverse); an empty list contradicts nothing.

**Clustering** is defined on the *set* of dated reports, so that any ingestion order
gives the same incidents:

1. the compatibility graph is cut into connected components (the store keeps each
   report's component, so a new report only touches the components it links to);
2. inside a component, reports are taken in canonical order (most precise date first,
   then most precise place, date, place id, report id) and each joins the best cluster
   whose members are *all* compatible with it and none comes from the same document
   (same place id first, then nearest in days, then most shared weapons, then nearest in
   km, then cluster id), or opens a
   new cluster.  Two reports of one document are therefore never merged: the extractor
   already decided they are distinct incidents.

**Undated** reports (no date at all) join the dated incident at their place id only when
it is the *only* dated incident of that event type there, has no report from the same
document, and the weapons the undated report names (it must name some besides
``aircraft``, which every air strike has) are all among the incident's: the weapons are
the evidence that it tells of that attack and not of another one at a busy base.
Otherwise each undated report is an incident of its own: two undated reports of one base
carry no evidence that they tell of one attack (measured on six held-out sets of real
reports: merging them and joining without the weapons cost the ledger's export 0.06 to
0.18 F1 on three sets, gained 0.01 on two, and was even on one).

The incident **id** is ``"i-" + sha1(seed report id)[:12]`` where the seed is the first
member in canonical order: it depends on content, not on ingestion order.

**Reconciliation** (:func:`reconcile`): the most specific place (site > town > region;
ties: most reported place id, then canonical order); the most precise date (among
day-precision reports the most reported day, earliest on ties; likewise among
week/month ones when no report gives a day); the union of weapons; a ``claimed``
perpetrator over an ``attributed`` one (most frequent name, then canonical order); the
most reported target; outcome ``hit`` when reports say hit at least as often as
``intercepted`` (a disagreement is recorded either way); the maximum stated
``killed`` / ``injured``.  Every field on which reports differ is kept in
``disagreements``: ``{"field", "values": [{"value", "docs"}]}``.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from typing import NamedTuple

from sigact.models import WEAPONS, Report

SITE_RADIUS_KM = 25.0
SAME_SITE_KM = 5.0  # two sites further apart than this are two bases
WEEK = 6  # days a week window spans before its last day
REGION_RADIUS_KM = 100.0
#: days a report's date may cover before the stated day, by precision
WINDOW_DAYS = {"day": 0, "week": 6, "month": 30}
#: the widest window, for index range queries
MAX_WINDOW = max(WINDOW_DAYS.values())
#: how far apart (in days) two windows may be and still be compatible
SLACK_DAYS = 1

_DATE_RANK = {"day": 0, "week": 1, "month": 2}
_GEO_RANK = {"site": 0, "town": 1, "region": 2}
_AIR = frozenset({"aircraft"})
_GROUND = frozenset({"drone", "rocket", "missile", "ballistic_missile", "mortar", "artillery"})
#: fields compared for disagreements, in output order
DISAGREEMENT_FIELDS = ("date", "place", "weapons", "perpetrator", "target", "outcome",
                       "killed", "injured")


# -- compatibility -------------------------------------------------------------------

def day_window(r: Report) -> tuple[int, int] | None:
    """(first, last) proleptic ordinal day a report's date may denote, or None if undated."""
    if not r.date:
        return None
    try:
        hi = date.fromisoformat(r.date[:10]).toordinal()
    except ValueError:
        return None
    return hi - WINDOW_DAYS.get(r.date_precision, 0), hi


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = (math.sin((la2 - la1) / 2) ** 2
         + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def distance(a: Report, b: Report) -> float | None:
    """Kilometres between two reports' places (0 for the same place id), None if unknown."""
    if a.place_id and a.place_id == b.place_id:
        return 0.0
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    return km(a.lat, a.lon, b.lat, b.lon)


def _sides(weapons: Iterable[str]) -> tuple[bool, bool]:
    """(names only aircraft, names only ground weapons or drones)."""
    ws = set(weapons)
    air, ground = bool(ws & _AIR), bool(ws & _GROUND)
    return air and not ground, ground and not air


def weapons_compatible(a: Iterable[str], b: Iterable[str]) -> bool:
    """False when one side names only aircraft and the other only ground weapons/drones."""
    (a_air, a_ground), (b_air, b_ground) = _sides(a), _sides(b)
    return not ((a_air and b_ground) or (b_air and a_ground))


class Facts(NamedTuple):
    """What compatibility reads of a dated report, computed once per report."""

    doc_id: str
    event_type: str
    lo: int
    hi: int
    place_id: str | None
    lat: float | None
    lon: float | None
    region: bool
    site: bool
    air_only: bool
    ground_only: bool


def facts(r: Report) -> Facts | None:
    """The compatibility facts of a report, None when it is undated."""
    w = day_window(r)
    if w is None:
        return None
    return Facts(r.doc_id, r.event_type, w[0], w[1], r.place_id, r.lat, r.lon,
                 r.geo_precision == "region", r.geo_precision == "site", *_sides(r.weapons))


def facts_compatible(a: Facts, b: Facts) -> bool:
    """``compatible`` on precomputed facts (the same rule, in the cheapest order)."""
    if a.doc_id == b.doc_id or a.event_type != b.event_type:
        return False
    if max(a.lo, b.lo) - min(a.hi, b.hi) > SLACK_DAYS:
        return False
    if a.hi > a.lo and b.hi > b.lo and not (
            a.place_id and a.place_id == b.place_id and a.hi == b.hi and a.hi - a.lo <= WEEK):
        return False  # neither gives a day (unless both tell of one place the same week)
    if (a.air_only and b.ground_only) or (b.air_only and a.ground_only):
        return False
    if a.place_id and a.place_id == b.place_id:
        return True
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return False
    d = km(a.lat, a.lon, b.lat, b.lon)
    if a.site and b.site and d > SAME_SITE_KM:
        return False  # two named bases (Tower 22 and al-Tanf, 20 km apart) are two places
    limit = REGION_RADIUS_KM if a.region or b.region else SITE_RADIUS_KM
    return d <= limit


def compatible(a: Report, b: Report) -> bool:
    """May two dated reports describe the same use of force?  Never for one document."""
    fa, fb = facts(a), facts(b)
    return fa is not None and fb is not None and facts_compatible(fa, fb)


# -- ordering and ids ----------------------------------------------------------------

def canonical_key(r: Report) -> tuple:
    """Most precise date first, then most precise place, date, place id, report id;
    undated reports last."""
    return (
        _DATE_RANK.get(r.date_precision, 3) if r.date else 4,
        _GEO_RANK.get(r.geo_precision or "", 3),
        r.date or "9999-99-99",
        r.place_id or "",
        r.id,
    )


def incident_id(members: Sequence[Report]) -> str:
    """``i-`` + 12 hex of the sha1 of the seed (first in canonical order) report id."""
    seed = min(members, key=canonical_key)
    return "i-" + hashlib.sha1(seed.id.encode()).hexdigest()[:12]


# -- clustering ----------------------------------------------------------------------

def components(reports: Sequence[Report]) -> list[list[Report]]:
    """Connected components of the compatibility graph of dated reports (a sweep over
    day windows, so only reports close in time are compared).  Each component is in
    canonical order; components are ordered by their first member."""
    dated = [(f, r) for r in reports if (f := facts(r)) is not None]
    dated.sort(key=lambda x: (x[0].lo, x[1].id))
    parent = list(range(len(dated)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (fi, _ri) in enumerate(dated):
        for j in range(i + 1, len(dated)):
            fj = dated[j][0]
            if fj.lo - fi.hi > SLACK_DAYS:
                break
            if facts_compatible(fi, fj):
                a, b = find(i), find(j)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    groups: dict[int, list[Report]] = {}
    for i, (_, r) in enumerate(dated):
        groups.setdefault(find(i), []).append(r)
    out = [sorted(g, key=canonical_key) for g in groups.values()]
    out.sort(key=lambda g: canonical_key(g[0]))
    return out


def _gap(a: Report, b: Report) -> int:
    wa, wb = day_window(a), day_window(b)
    if wa is None or wb is None:
        return 0
    return max(0, max(wa[0], wb[0]) - min(wa[1], wb[1]))


def _overlap(weapons: Sequence[str], members: Sequence[Report]) -> float:
    """Jaccard overlap of a report's weapons with a cluster's (rounded, for ordering)."""
    a, b = set(weapons), {w for m in members for w in m.weapons}
    return round(len(a & b) / len(a | b), 6) if a | b else 0.0


def cluster(reports: Sequence[Report]) -> list[list[Report]]:
    """Greedy complete-linkage clustering in canonical order (see the module docstring).
    Deterministic for a given set of reports, whatever the order of ``reports``."""
    clusters: list[list[Report]] = []
    member_facts: list[list[Facts] | None] = []  # None: a cluster of an undated report
    docs: list[set[str]] = []
    for r in sorted(reports, key=canonical_key):
        fr = facts(r)
        best: tuple | None = None
        for k, members in enumerate(clusters):
            fs = member_facts[k]
            if (fr is None or fs is None or r.doc_id in docs[k]
                    or not all(facts_compatible(fr, fm) for fm in fs)):
                continue
            seed = members[0]
            d = distance(r, seed) or 0.0
            score = (0 if r.place_id and r.place_id == seed.place_id else 1,
                     _gap(r, seed), -_overlap(r.weapons, members), round(d, 6), seed.id)
            if best is None or score < best[0]:
                best = (score, k)
        if best is None:
            clusters.append([r])
            member_facts.append([fr] if fr is not None else None)
            docs.append({r.doc_id})
        else:
            clusters[best[1]].append(r)
            member_facts[best[1]].append(fr)  # type: ignore[union-attr,arg-type]
            docs[best[1]].add(r.doc_id)
    return clusters


def cluster_dated(reports: Sequence[Report]) -> list[list[Report]]:
    """Components, then greedy clustering inside each: the dated incidents of a set."""
    out: list[list[Report]] = []
    for comp in components(reports):
        out.extend(cluster(comp))
    return out


def undated_compatible(u: Report, members: Sequence[Report]) -> bool:
    """May undated report ``u`` join an incident of ``members``?"""
    return all(u.doc_id != m.doc_id and u.event_type == m.event_type
               and weapons_compatible(u.weapons, m.weapons) for m in members)


def undated_joins(u: Report, members: Sequence[Report]) -> bool:
    """Does undated report ``u`` tell of the incident of ``members`` (the only dated one
    at its place)?  Only when the weapons it names are all among the incident's."""
    incident_weapons = {w for m in members for w in m.weapons}
    # every air strike is flown: "aircraft" says nothing of which strike a report tells
    evidence = set(u.weapons) - {"aircraft"}
    return bool(evidence) and evidence <= incident_weapons and undated_compatible(u, members)


def cluster_undated(reports: Sequence[Report]) -> list[list[Report]]:
    """Undated reports that join no dated incident: an incident each."""
    return [[r] for r in sorted(reports, key=canonical_key)]


def attach_undated(undated: Sequence[Report], dated_incidents: Sequence[Sequence[Report]]
                   ) -> tuple[dict[str, int], list[list[Report]]]:
    """Decide the undated reports of ONE (event type, place id).

    ``dated_incidents`` are the dated incidents with a report of that event type at that
    place id.  Returns ``({undated report id: index of the incident it joins}, the
    undated-only incidents of the rest)``."""
    joined: dict[str, int] = {}
    rest: list[Report] = []
    for u in sorted(undated, key=canonical_key):
        if len(dated_incidents) == 1 and undated_joins(u, dated_incidents[0]):
            joined[u.id] = 0
        else:
            rest.append(u)
    return joined, cluster_undated(rest)


# -- reconciliation -----------------------------------------------------------------

def _most_common(values: list, order: list) -> object:
    """The most frequent value; ties go to the first in ``order``."""
    counts = Counter(values)
    top = max(counts.values())
    return next(v for v in order if counts[v] == top)


def _weapon_order(ws: Iterable[str]) -> list[str]:
    s = set(ws)
    return [w for w in WEAPONS if w in s] + sorted(s - set(WEAPONS))


def disagreements(members: Sequence[Report]) -> list[dict]:
    """Fields on which the reports differ, with the documents behind each value."""
    out: list[dict] = []
    names: dict[str, str | None] = {}
    for name in DISAGREEMENT_FIELDS:
        by_value: dict[object, set[str]] = {}
        for r in members:
            if name == "weapons":
                v: object = tuple(_weapon_order(r.weapons)) if r.weapons else None
            elif name == "place":  # one place id under two spellings is no disagreement
                v = names.setdefault(r.place_id, r.place) if r.place_id else r.place
            elif name == "outcome":
                v = r.outcome if r.outcome != "unknown" else None
            else:
                v = getattr(r, name)
            if v is None or v == "":
                continue
            by_value.setdefault(v, set()).add(r.doc_id)
        if len(by_value) > 1:
            values = [{"value": list(v) if isinstance(v, tuple) else v, "docs": sorted(d)}
                      for v, d in sorted(by_value.items(), key=lambda kv: str(kv[0]))]
            out.append({"field": name, "values": values})
    return out


def reconcile(members: Sequence[Report]) -> dict:
    """One incident from its reports (rule in the module docstring).  Returns a dict with
    the scorer's fields plus ``place_id``, ``admin1``, ``n_reports``, ``n_docs``,
    ``reports`` (ids, canonical order) and ``disagreements``."""
    ms = sorted(members, key=canonical_key)
    # place: most specific precision, then most reported place id, then canonical order
    placed = [r for r in ms if r.lat is not None or r.place_id]
    where = ms[0]
    if placed:
        best_rank = min(_GEO_RANK.get(r.geo_precision or "", 3) for r in placed)
        tier = [r for r in placed if _GEO_RANK.get(r.geo_precision or "", 3) == best_rank]
        keys = [r.place_id or r.place or "" for r in tier]
        top = _most_common(keys, keys)
        where = next(r for r, k in zip(tier, keys, strict=True) if k == top)
    # date: most precise precision, then most reported day, earliest on ties
    dated = [r for r in ms if r.date]
    when_date, when_prec = None, "unknown"
    if dated:
        best = min(_DATE_RANK.get(r.date_precision, 3) for r in dated)
        tier_d = [r for r in dated if _DATE_RANK.get(r.date_precision, 3) == best]
        days = [r.date for r in tier_d]
        when_date = _most_common(days, sorted(set(days)))
        when_prec = tier_d[0].date_precision
    # perpetrator: claimed > attributed; most frequent name, then canonical order
    perp, basis = None, "unknown"
    for b in ("claimed", "attributed"):
        names = [r.perpetrator for r in ms if r.perpetrator and r.perpetrator_basis == b]
        if names:
            perp, basis = _most_common(names, names), b
            break
    if perp is None:
        names = [r.perpetrator for r in ms if r.perpetrator]
        if names:
            perp = _most_common(names, names)
    targets = [r.target for r in ms if r.target]
    outcomes = [r.outcome for r in ms if r.outcome in ("hit", "intercepted")]
    outcome = "unknown"
    if outcomes:
        outcome = "hit" if outcomes.count("hit") >= outcomes.count("intercepted") \
            else "intercepted"
    killed = [r.killed for r in ms if r.killed is not None]
    injured = [r.injured for r in ms if r.injured is not None]
    docs = sorted({r.doc_id for r in ms})
    return {
        "id": incident_id(ms),
        "docs": docs,
        "date": when_date,
        "date_precision": when_prec,
        "country": where.country,
        "place": where.place,
        "place_id": where.place_id,
        "admin1": where.admin1,
        "lat": where.lat,
        "lon": where.lon,
        "geo_precision": where.geo_precision,
        "event_type": ms[0].event_type,
        "weapons": _weapon_order(w for r in ms for w in r.weapons),
        "perpetrator": perp,
        "perpetrator_basis": basis,
        "target": _most_common(targets, targets) if targets else None,
        "outcome": outcome,
        "killed": max(killed) if killed else None,
        "injured": max(injured) if injured else None,
        "n_reports": len(ms),
        "n_docs": len(docs),
        "reports": [r.id for r in ms],
        "disagreements": disagreements(ms),
    }


def merge(reports: Sequence[Report]) -> list[dict]:
    """All incidents of a set of reports, in one go (what the store computes
    incrementally): dated clusters, then undated reports by (event type, place id)."""
    dated_clusters = cluster_dated([r for r in reports if day_window(r) is not None])
    undated = [r for r in reports if day_window(r) is None]
    final = [list(c) for c in dated_clusters]
    by_key: dict[tuple[str, str | None], list[Report]] = {}
    for u in undated:
        by_key.setdefault((u.event_type, u.place_id), []).append(u)
    for (event_type, place_id), us in sorted(by_key.items(), key=lambda kv: str(kv[0])):
        if place_id is None:
            final.extend([u] for u in us)
            continue
        at_place = [c for c in final if any(r.date and r.place_id == place_id
                                            and r.event_type == event_type for r in c)]
        joined, rest = attach_undated(us, at_place)
        for u in us:
            if u.id in joined:
                at_place[joined[u.id]].append(u)
        final.extend(rest)
    incidents = [reconcile(c) for c in final]
    incidents.sort(key=lambda i: (i["date"] or "9999-99-99", i["id"]))
    return incidents
