"""Write side of the ledger: one document in, its reports merged, in one transaction.

Merging is incremental but gives the same incidents as ``sigact.merge.merge`` over all
stored reports, whatever the ingestion order:

1. each new dated report looks up the stored reports it could be compatible with through
   the ``(event_type, date_lo)`` index plus a lat/lon box (the bucket index), and collects
   their compatibility components (``reports.group_id``);
2. those components (plus any a replaced document left behind) are re-cut into
   components and re-clustered from scratch — a deterministic function of their reports;
3. undated reports are re-decided for every (event type, place id) touched;
4. only incidents whose membership changed are rewritten (ids derive from content).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, and_, bindparam, delete, insert, or_, select, update

from sigact import merge
from sigact.models import Document, Report, Tally
from sigact.store.schema import documents, evidence, incidents, reports, tallies

#: report columns loaded for merging (everything but bookkeeping)
_REPORT_COLS = [c for c in reports.c if c.name not in ("date_lo", "date_hi")]
_SELECT = select(*_REPORT_COLS)
_SET_GROUP = (update(reports).where(reports.c.id == bindparam("rid"))
              .values(group_id=bindparam("gid")))
_SET_INCIDENT = (update(reports).where(reports.c.id == bindparam("rid"))
                 .values(incident_id=bindparam("iid")))
_CHUNK = 500
# statements of the undated phase, built once (index: event_type, place_id, date_lo)
_AT = and_(reports.c.event_type == bindparam("et"), reports.c.place_id == bindparam("pid"))
_HAS_UNDATED = select(reports.c.id).where(_AT, reports.c.date_lo.is_(None)).limit(1)
_DATED_INCIDENTS = (select(reports.c.incident_id)
                    .where(_AT, reports.c.date_lo.is_not(None), reports.c.incident_id.is_not(None))
                    .distinct().limit(2))
_dated = reports.alias("dated")
_UNDATED_ATTACHED = select(reports.c.id).where(
    _AT, reports.c.date_lo.is_(None),
    select(_dated.c.id).where(_dated.c.incident_id == reports.c.incident_id,
                              _dated.c.date_lo.is_not(None)).exists(),
).limit(1)
_MEMBER_IDS = select(reports.c.id, reports.c.incident_id).where(
    reports.c.incident_id.in_(bindparam("iids", expanding=True)))
_UNDATED_IN_INCIDENTS = select(reports.c.event_type, reports.c.place_id).where(
    reports.c.date_lo.is_(None), reports.c.place_id.is_not(None),
    reports.c.incident_id.in_(bindparam("iids", expanding=True)))


def _chunks(items: Sequence[Any], n: int = _CHUNK) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), n):
        yield items[i:i + n]


def row_to_report(row: Any) -> Report:
    """A stored report row as a ``Report`` (without evidence); its id is the stored id."""
    m = row._mapping
    r = Report(
        doc_id=m["document_id"], event_type=m["event_type"], date=m["date"],
        date_precision=m["date_precision"], country=m["country"], place=m["place"],
        lat=m["lat"], lon=m["lon"], geo_precision=m["geo_precision"],
        place_id=m["place_id"], admin1=m["admin1"], weapons=list(m["weapons"] or []),
        perpetrator=m["perpetrator"], perpetrator_basis=m["perpetrator_basis"],
        target=m["target"], outcome=m["outcome"], killed=m["killed"],
        injured=m["injured"], confidence=m["confidence"], seq=m["seq"],
        outlet=m["outlet"], published=m["published"],
    )
    return StoredReport.wrap(r, m["id"], m.get("incident_id"), m.get("group_id"))


class StoredReport(Report):
    """A Report whose id is the stored one (a suffixed id survives a round trip)."""

    __slots__ = ("_id", "group_id", "incident_id")

    @classmethod
    def wrap(cls, r: Report, rid: str, incident_id: str | None = None,
             group_id: str | None = None) -> StoredReport:
        s = cls.__new__(cls)
        for f in Report.__slots__:  # type: ignore[attr-defined]
            object.__setattr__(s, f, getattr(r, f))
        s._id, s.incident_id, s.group_id = rid, incident_id, group_id
        return s

    @property
    def id(self) -> str:  # type: ignore[override]
        return self._id


def _iso(d: Any) -> str | None:
    if d is None or d == "":
        return None
    return d.isoformat() if hasattr(d, "isoformat") else str(d)[:10]


# -- documents -----------------------------------------------------------------------

def find_existing(conn: Connection, doc: Document) -> tuple[Any, list[Any]]:
    """(row of the same id or None, rows of other documents with the same URL)."""
    same = conn.execute(select(documents.c.id, documents.c.content_hash,
                               documents.c.published)
                        .where(documents.c.id == doc.id)).first()
    by_url: list[Any] = []
    if doc.url:
        by_url = list(conn.execute(select(documents.c.id, documents.c.content_hash,
                                          documents.c.published)
                                   .where(documents.c.url == doc.url,
                                          documents.c.id != doc.id)))
    return same, by_url


class Touched:
    """What a write left to re-merge."""

    def __init__(self) -> None:
        self.groups: set[str] = set()
        self.keys: set[tuple[str, str]] = set()  # (event_type, place_id)
        self.incidents: set[str] = set()

    def note(self, r: StoredReport) -> None:
        if r.group_id:
            self.groups.add(r.group_id)
        if r.incident_id:
            self.incidents.add(r.incident_id)
        if r.place_id:
            self.keys.add((r.event_type, r.place_id))


def remove_documents(conn: Connection, doc_ids: Sequence[str], touched: Touched) -> None:
    """Delete documents (reports, evidence, tallies cascade), noting what to re-merge."""
    if not doc_ids:
        return
    for row in conn.execute(select(*_REPORT_COLS).where(reports.c.document_id.in_(doc_ids))):
        touched.note(row_to_report(row))  # type: ignore[arg-type]
    rids = [r for (r,) in conn.execute(select(reports.c.id)
                                       .where(reports.c.document_id.in_(doc_ids)))]
    for chunk in _chunks(rids):
        conn.execute(delete(evidence).where(evidence.c.report_id.in_(chunk)))
    conn.execute(delete(reports).where(reports.c.document_id.in_(doc_ids)))
    conn.execute(delete(tallies).where(tallies.c.doc_id.in_(doc_ids)))
    conn.execute(delete(documents).where(documents.c.id.in_(doc_ids)))


def insert_document(conn: Connection, doc: Document, new_reports: Sequence[Report],
                    new_tallies: Sequence[Tally]) -> list[StoredReport]:
    """Insert the document, its reports (with evidence) and tallies; returns the stored
    reports (ids made unique within the document)."""
    published = _iso(doc.published)
    conn.execute(insert(documents).values(
        id=doc.id, url=doc.url, outlet=doc.outlet, title=doc.title, published=published,
        content_hash=doc.content_hash, text=doc.text, path=doc.path,
        n_reports=len(new_reports), ingested_at=datetime.now(UTC),
    ))
    stored: list[StoredReport] = []
    seen: set[str] = set()
    rows, ev_rows = [], []
    for r in new_reports:
        rid, k = r.id, 1
        while rid in seen:
            k += 1
            rid = f"{r.id}-{k}"
        seen.add(rid)
        s = StoredReport.wrap(r, rid, None, rid)
        s.doc_id = doc.id
        s.outlet = s.outlet or doc.outlet
        s.published = s.published or published
        w = merge.day_window(s)
        rows.append({
            "id": rid, "document_id": doc.id, "incident_id": None, "group_id": rid,
            "seq": s.seq, "event_type": s.event_type, "date": s.date,
            "date_precision": s.date_precision, "date_lo": w[0] if w else None,
            "date_hi": w[1] if w else None, "country": s.country, "place": s.place,
            "place_id": s.place_id, "admin1": s.admin1, "lat": s.lat, "lon": s.lon,
            "geo_precision": s.geo_precision, "weapons": list(s.weapons),
            "perpetrator": s.perpetrator, "perpetrator_basis": s.perpetrator_basis,
            "target": s.target, "outcome": s.outcome, "killed": s.killed,
            "injured": s.injured, "confidence": s.confidence, "outlet": s.outlet,
            "published": s.published,
        })
        for i, e in enumerate(r.evidence):
            ev_rows.append({"report_id": rid, "seq": i, "start": e.start, "end": e.end,
                            "text": e.text, "fields": list(e.fields),
                            "marks": [list(m) for m in e.marks]})
        stored.append(s)
    if rows:
        conn.execute(insert(reports), rows)
    if ev_rows:
        conn.execute(insert(evidence), ev_rows)
    if new_tallies:
        conn.execute(insert(tallies), [{
            "doc_id": doc.id, "seq": i, "as_of": _iso(t.as_of), "total": t.total,
            "by_country": dict(t.by_country), "since": _iso(t.since), "source": t.source,
            "evidence": [{"doc_id": e.doc_id, "start": e.start, "end": e.end,
                          "text": e.text, "fields": list(e.fields)} for e in t.evidence],
        } for i, t in enumerate(new_tallies)])
    return stored


# -- merging -------------------------------------------------------------------------

def _load(conn: Connection, where: Any) -> list[StoredReport]:
    return [row_to_report(row) for row in  # type: ignore[misc]
            conn.execute(_SELECT.where(where))]


def _load_in(conn: Connection, col: Any, values: Iterable[str]) -> list[StoredReport]:
    vals = sorted(set(values))
    out: list[StoredReport] = []
    for chunk in _chunks(vals):
        out.extend(_load(conn, col.in_(chunk)))
    return out


def candidates(conn: Connection, r: Report) -> list[StoredReport]:
    """Stored dated reports of other documents that may be compatible with ``r``:
    an index range on (event_type, date_lo) and a lat/lon box of the widest radius."""
    w = merge.day_window(r)
    if w is None:
        return []
    lo, hi = w
    slack = merge.SLACK_DAYS
    conds = [reports.c.event_type == r.event_type,
             reports.c.date_lo >= lo - merge.MAX_WINDOW - slack,
             reports.c.date_lo <= hi + slack,
             reports.c.date_hi >= lo - slack,
             reports.c.document_id != r.doc_id]
    near = []
    if r.lat is not None and r.lon is not None:
        dlat = merge.REGION_RADIUS_KM / 110.0
        dlon = dlat / max(0.1, math.cos(math.radians(r.lat)))
        near.append(and_(reports.c.lat.between(r.lat - dlat, r.lat + dlat),
                         reports.c.lon.between(r.lon - dlon, r.lon + dlon)))
    if r.place_id:
        near.append(reports.c.place_id == r.place_id)
    if not near:
        return []
    found = _load(conn, and_(*conds, or_(*near)))
    return [s for s in found if merge.compatible(r, s)]


def remerge(conn: Connection, new: Sequence[StoredReport], touched: Touched) -> set[str]:
    """Re-merge the neighbourhood of ``new`` reports and of what ``touched`` records.
    Returns the ids of incidents rewritten."""
    changed: set[str] = set(touched.incidents)
    groups = set(touched.groups)
    keys = set(touched.keys)
    for r in new:
        if r.place_id:
            keys.add((r.event_type, r.place_id))
        if merge.day_window(r) is not None:
            groups.add(r.id)
            groups.update(s.group_id for s in candidates(conn, r) if s.group_id)
    # phase 1: dated components and clusters
    loaded = [r for r in _load_in(conn, reports.c.group_id, groups)
              if merge.day_window(r) is not None]
    by_id = {r.id: r for r in loaded}
    moves: dict[str, list[str]] = {}
    regroup: dict[str, list[str]] = {}
    for comp in merge.components(loaded):
        gid = min(r.id for r in comp)
        for r in comp:
            if r.group_id != gid:
                regroup.setdefault(gid, []).append(r.id)
        for members in merge.cluster(comp):
            iid = merge.incident_id(members)
            for r in members:
                if r.incident_id != iid:
                    moves.setdefault(iid, []).append(r.id)
                    changed.add(iid)
                    if r.incident_id:
                        changed.add(r.incident_id)
            if iid in changed:
                keys.update((r.event_type, r.place_id) for r in members if r.place_id)
    if regroup:
        conn.execute(_SET_GROUP, [{"rid": r, "gid": g} for g, ids in regroup.items()
                                  for r in ids])
    if moves:
        conn.execute(_SET_INCIDENT, [{"rid": r, "iid": i} for i, ids in moves.items()
                                     for r in ids])
        for iid, ids in moves.items():
            for rid in ids:
                by_id[rid].incident_id = iid
    # undated reports whose incident changed must be re-decided
    for chunk in _chunks(sorted(changed)):
        keys.update(tuple(k) for k in conn.execute(  # type: ignore[misc]
            _UNDATED_IN_INCIDENTS, {"iids": list(chunk)}))
    # phase 2: undated reports, by (event type, place id) — only where there are some
    new_undated = {(r.event_type, r.place_id) for r in new
                   if merge.day_window(r) is None and r.place_id}
    for event_type, place_id in sorted(keys):
        key = {"et": event_type, "pid": place_id}
        if conn.execute(_HAS_UNDATED, key).first() is None:
            continue
        if (event_type, place_id) in new_undated or _undated_may_move(conn, key):
            changed |= _undated(conn, event_type, place_id)
    # reports without a place id and without a date: an incident each
    for r in new:
        if merge.day_window(r) is None and not r.place_id:
            iid = merge.incident_id([r])
            conn.execute(update(reports).where(reports.c.id == r.id).values(incident_id=iid))
            changed.add(iid)
    changed.discard("")
    refresh(conn, changed, by_id)
    return changed


def _undated_may_move(conn: Connection, key: dict[str, str]) -> bool:
    """Can re-deciding the (unchanged) undated reports of one (event type, place id) move
    any? Only while the place has at most one dated incident (an undated report may join
    it) or some undated report still sits in a dated incident (it may have to leave).
    Otherwise the decision is the one already stored, and reading every undated report of
    a busy base on each new document would make ingestion quadratic."""
    if len(conn.execute(_DATED_INCIDENTS, key).all()) <= 1:
        return True
    return conn.execute(_UNDATED_ATTACHED, key).first() is not None


def _undated(conn: Connection, event_type: str, place_id: str) -> set[str]:
    """Re-decide the undated reports at one (event type, place id)."""
    at = and_(reports.c.event_type == event_type, reports.c.place_id == place_id)
    us = _load(conn, and_(at, reports.c.date_lo.is_(None)))
    if not us:
        return set()
    dated_ids = [i for (i,) in conn.execute(
        _DATED_INCIDENTS, {"et": event_type, "pid": place_id})]
    dated = []
    if len(dated_ids) == 1:
        dated = [[r for r in _load(conn, reports.c.incident_id == dated_ids[0])
                  if merge.day_window(r) is not None]]
    joined, rest = merge.attach_undated(us, dated)
    want: dict[str, str] = {u.id: dated_ids[0] for u in us if u.id in joined}
    for c in rest:
        iid = merge.incident_id(c)
        want.update({u.id: iid for u in c})
    changed: set[str] = set()
    params = []
    for u in us:
        if u.incident_id != want[u.id]:
            params.append({"rid": u.id, "iid": want[u.id]})
            changed.add(want[u.id])
            if u.incident_id:
                changed.add(u.incident_id)
    if params:
        conn.execute(_SET_INCIDENT, params)
    return changed


def refresh(conn: Connection, ids: Iterable[str],
            known: Mapping[str, StoredReport] | None = None) -> None:
    """Rewrite the incident rows of ``ids`` from their current member reports (delete
    those left without members).  ``known`` are reports already read in this transaction, by id,
    with their current incident ids: only the other members are read again."""
    ids = sorted(set(ids))
    if not ids:
        return
    have = known or {}
    members: dict[str, list[StoredReport]] = {}
    missing: list[str] = []
    for chunk in _chunks(ids):
        for rid, iid in conn.execute(_MEMBER_IDS, {"iids": list(chunk)}):
            r = have.get(rid)
            if r is None:
                missing.append(rid)
            else:
                members.setdefault(iid, []).append(r)
    for r in _load_in(conn, reports.c.id, missing):
        members.setdefault(r.incident_id or "", []).append(r)
    for chunk in _chunks(ids):
        conn.execute(delete(incidents).where(incidents.c.id.in_(chunk)))
    wanted = set(ids)
    rows = [{**incident_row(ms), "id": iid} for iid, ms in sorted(members.items())
            if iid in wanted]
    if rows:
        conn.execute(insert(incidents), rows)


def incident_row(ms: Sequence[Report]) -> dict:
    """The ``incidents`` row of a group of member reports."""
    rec = merge.reconcile(ms)
    rec.pop("reports")
    rec["n_disagreements"] = len(rec["disagreements"])
    rec["outlets"] = sorted({r.outlet for r in ms if r.outlet})
    pubs = [r.published for r in ms if r.published]
    rec["last_published"] = max(pubs) if pubs else None
    return rec
