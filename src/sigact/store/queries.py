"""Read side of the ledger: filters, sorting and the row shapes the API returns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, Text, cast, func, or_, select

from sigact.merge import canonical_key
from sigact.models import Report
from sigact.store.errors import UnknownFormat
from sigact.store.schema import evidence, incidents, reports

#: sort keys accepted by ``Ledger.incidents`` ("-" prefix = descending)
SORTS = ("date", "-date", "n_reports", "-n_reports", "n_docs", "-n_docs", "country",
         "-country", "place", "-place", "id", "-id")


@dataclass(slots=True)
class IncidentFilter:
    """What ``Ledger.incidents`` / ``Ledger.export`` keep.  Every field is optional (None =
    no constraint) and they combine with AND.

    - ``date_from`` / ``date_to``: inclusive ISO days (``date`` objects are accepted);
      undated incidents are dropped as soon as either bound is set.
    - ``country``: ISO2 code (``IQ``, ``SY``, ``JO``), case-insensitive.
    - ``place``: case-insensitive substring of the incident's place name, or its exact
      place id (e.g. a gazetteer id).
    - ``event_type``: ``remote_attack`` | ``air_strike`` | ``armed_clash``.
    - ``actor``: case-insensitive substring of the perpetrator (or the target).
    - ``doc_id``: only incidents reported by that document.
    - ``min_reports``: at least that many reports (2 = corroborated across documents).
    - ``weapon``: incidents whose reconciled weapons include it (e.g. ``drone``).
    - ``disputed``: True = only incidents with disagreements, False = only without.
    """

    date_from: str | date | None = None
    date_to: str | date | None = None
    country: str | None = None
    place: str | None = None
    event_type: str | None = None
    actor: str | None = None
    doc_id: str | None = None
    min_reports: int | None = None
    weapon: str | None = None
    disputed: bool | None = None

    def normalised(self) -> IncidentFilter:
        """A copy with ISO-string dates and an upper-case country; raises UnknownFormat
        on a malformed date."""
        def iso(v: str | date | None) -> str | None:
            if v is None or v == "":
                return None
            if isinstance(v, date):
                return v.isoformat()
            try:
                return date.fromisoformat(str(v)[:10]).isoformat()
            except ValueError as e:
                raise UnknownFormat(f"not an ISO date: {v!r}") from e
        return IncidentFilter(
            date_from=iso(self.date_from), date_to=iso(self.date_to),
            country=self.country.upper() if self.country else None,
            place=self.place or None, event_type=self.event_type or None,
            actor=self.actor or None, doc_id=self.doc_id or None,
            min_reports=self.min_reports, weapon=self.weapon or None,
            disputed=self.disputed,
        )


# -- SQL -----------------------------------------------------------------------------

INCIDENT_FIELDS = ("id", "docs", "date", "date_precision", "country", "place", "place_id",
                   "admin1", "lat", "lon", "geo_precision", "event_type", "weapons",
                   "perpetrator", "perpetrator_basis", "target", "outcome", "killed",
                   "injured", "n_reports", "n_docs", "disagreements")
REPORT_FIELDS = ("id", "doc_id", "incident_id", "seq", "event_type", "date",
                 "date_precision", "country", "place", "place_id", "admin1", "lat", "lon",
                 "geo_precision", "weapons", "perpetrator", "perpetrator_basis", "target",
                 "outcome", "killed", "injured", "confidence", "outlet", "published")
DOCUMENT_FIELDS = ("id", "url", "outlet", "title", "published", "content_hash",
                   "ingested_at", "n_reports")


def incident_conditions(f: IncidentFilter | None) -> list[Any]:
    """SQL conditions on ``incidents`` for a filter."""
    if f is None:
        return []
    f = f.normalised()
    t = incidents.c
    conds: list[Any] = []
    if f.date_from:
        conds.append(t.date >= f.date_from)
    if f.date_to:
        conds.append(t.date <= f.date_to)
    if f.country:
        conds.append(t.country == f.country)
    if f.event_type:
        conds.append(t.event_type == f.event_type)
    if f.place:
        conds.append(or_(func.lower(t.place).contains(f.place.lower(), autoescape=True),
                         t.place_id == f.place))
    if f.actor:
        a = f.actor.lower()
        conds.append(or_(func.lower(t.perpetrator).contains(a, autoescape=True),
                         func.lower(t.target).contains(a, autoescape=True)))
    if f.min_reports:
        conds.append(t.n_reports >= f.min_reports)
    if f.disputed is not None:
        conds.append(t.n_disagreements > 0 if f.disputed else t.n_disagreements == 0)
    if f.doc_id:
        conds.append(t.id.in_(select(reports.c.incident_id)
                              .where(reports.c.document_id == f.doc_id)))
    if f.weapon:
        # JSON containment differs by backend: match the serialised list text
        conds.append(cast(t.weapons, Text).contains(f'"{f.weapon}"', autoescape=True))
    return conds


def order_by(sort: str) -> list[Any]:
    """ORDER BY for a sort key of ``SORTS`` (ties by id); undated / NULL values last."""
    if sort not in SORTS:
        raise UnknownFormat(f"unknown sort {sort!r} (one of {', '.join(SORTS)})")
    name = sort.lstrip("-")
    col = incidents.c[name]
    primary = col.desc() if sort.startswith("-") else col.asc()
    return [col.is_(None), primary, incidents.c.id.asc()]


def incident_dict(row: Any) -> dict:
    m = row._mapping
    return {k: m[k] for k in INCIDENT_FIELDS}


def document_dict(row: Any) -> dict:
    m = row._mapping
    d = {k: m[k] for k in DOCUMENT_FIELDS}
    if d["ingested_at"] is not None:
        d["ingested_at"] = d["ingested_at"].isoformat()
    return d


def evidence_by_report(conn: Connection, report_ids: list[str]) -> dict[str, list[dict]]:
    """Evidence dicts of reports, in document order."""
    out: dict[str, list[dict]] = {rid: [] for rid in report_ids}
    for i in range(0, len(report_ids), 500):
        chunk = report_ids[i:i + 500]
        q = (select(evidence, reports.c.document_id).join(reports,
                                                          reports.c.id == evidence.c.report_id)
             .where(evidence.c.report_id.in_(chunk))
             .order_by(evidence.c.report_id, evidence.c.seq))
        for row in conn.execute(q):
            m = row._mapping
            out[m["report_id"]].append({
                "doc_id": m["document_id"], "start": m["start"], "end": m["end"],
                "text": m["text"], "fields": list(m["fields"]),
                "marks": [list(x) for x in m["marks"]],
            })
    return out


def report_dicts(conn: Connection, where: Any) -> list[dict]:
    """Report rows with their evidence, in canonical merge order."""
    rows = list(conn.execute(select(reports).where(where)))
    reps = []
    for row in rows:
        m = dict(row._mapping)
        m["doc_id"] = m.pop("document_id")
        reps.append({k: m[k] for k in REPORT_FIELDS})
    reps.sort(key=lambda r: canonical_key(_as_report(r)))
    ev = evidence_by_report(conn, [r["id"] for r in reps])
    for r in reps:
        r["evidence"] = ev[r["id"]]
    return reps


def _as_report(d: dict) -> Report:
    from sigact.store.writer import StoredReport

    r = Report(doc_id=d["doc_id"], event_type=d["event_type"], date=d["date"],
               date_precision=d["date_precision"], country=d["country"], place=d["place"],
               lat=d["lat"], lon=d["lon"], geo_precision=d["geo_precision"],
               place_id=d["place_id"])
    return StoredReport.wrap(r, d["id"])
