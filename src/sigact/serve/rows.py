"""Store rows -> plain dicts of the API's shapes (``schemas.py``), whatever row objects
the store hands back (dicts, dataclasses, pydantic models, SQL rows)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import Any


def plain(obj: Any) -> Any:
    """Dataclasses, pydantic models, mappings and rows -> dicts and lists, recursively."""
    if obj is None or isinstance(obj, str | int | float | bool):
        return obj
    if isinstance(obj, dt.date):
        return obj.isoformat()
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        d = {f.name: plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
        ident = getattr(obj, "id", None)
        if "id" not in d and isinstance(ident, str):
            d["id"] = ident
        return d
    if hasattr(obj, "model_dump"):
        return plain(obj.model_dump())
    if isinstance(obj, Mapping):
        return {str(k): plain(v) for k, v in obj.items()}
    if hasattr(obj, "_mapping"):
        return plain(dict(obj._mapping))
    if isinstance(obj, list | tuple | set | frozenset):
        return [plain(x) for x in obj]
    return str(obj)


def day(v: Any) -> str | None:
    if v is None or v == "":
        return None
    return v.isoformat()[:10] if isinstance(v, dt.date) else str(v)[:10]


def _marks(raw: Any) -> list[dict]:
    out = []
    for m in raw or []:
        if isinstance(m, Mapping):
            out.append({"start": int(m.get("start", 0)), "end": int(m.get("end", 0)),
                        "label": str(m.get("label") or m.get("field") or "")})
        elif isinstance(m, list | tuple) and len(m) >= 2:
            out.append({"start": int(m[0]), "end": int(m[1]),
                        "label": str(m[2]) if len(m) > 2 else ""})
    return out


def norm_evidence(e: Any) -> dict:
    e = plain(e)
    return {"doc_id": str(e.get("doc_id") or ""), "start": e.get("start"), "end": e.get("end"),
            "text": str(e.get("text") or ""), "fields": list(e.get("fields") or []),
            "marks": _marks(e.get("marks"))}


def norm_report(r: Any) -> dict:
    r = plain(r)
    r["id"] = str(r.get("id") or f"{r.get('doc_id')}#{r.get('seq', 0)}")
    r["doc_id"] = str(r.get("doc_id") or (r.get("docs") or [""])[0])
    r["published"] = day(r.get("published"))
    r["date"] = day(r.get("date"))
    r["weapons"] = list(r.get("weapons") or [])
    r["evidence"] = [norm_evidence(e) for e in r.get("evidence") or []]
    r.setdefault("event_type", "unknown")
    r["perpetrator_basis"] = r.get("perpetrator_basis") or "unknown"
    r["outcome"] = r.get("outcome") or "unknown"
    return r


def norm_incident(i: Any) -> dict:
    # the store's rows are JSON-ready dicts already: a shallow copy is enough (and fast)
    i = dict(i) if isinstance(i, dict) else plain(i)
    i["id"] = str(i.get("id"))
    i["date"] = day(i.get("date"))
    i["weapons"] = list(i.get("weapons") or [])
    i["perpetrator_basis"] = i.get("perpetrator_basis") or "unknown"
    i["outcome"] = i.get("outcome") or "unknown"
    docs = i.get("docs") or i.get("doc_ids") or []
    i["docs"] = [str(d) for d in docs]
    n = i.get("n_reports", i.get("report_count"))
    if n is None:
        n = len(i["reports"]) if isinstance(i.get("reports"), list) else len(i["docs"])
    i["n_reports"] = int(n)
    for k in ("lat", "lon"):
        i[k] = float(i[k]) if i.get(k) is not None else None
    return i


def norm_disagreements(raw: Any) -> list[dict]:
    raw = plain(raw) or []
    if isinstance(raw, Mapping):  # {"field": {value: [docs]}} or {"field": [values]}
        raw = [{"field": k, "values": v} for k, v in raw.items()]
    out = []
    for d in raw:
        values = d.get("values") or []
        if isinstance(values, Mapping):
            values = [{"value": k, "docs": v} for k, v in values.items()]
        vals = []
        for v in values:
            if isinstance(v, Mapping):
                docs = v.get("docs") or v.get("doc_ids") or v.get("reports") or []
                vals.append({"value": v.get("value"), "docs": [str(x) for x in docs]})
            else:
                vals.append({"value": v, "docs": []})
        out.append({"field": str(d.get("field") or d.get("name") or ""), "values": vals})
    return out


def norm_document(d: Any) -> dict:
    d = plain(d)
    d["id"] = str(d.get("id"))
    d["published"] = day(d.get("published"))
    reports = d.get("reports")
    if isinstance(reports, list):
        d["reports"] = [norm_report(r) for r in reports]
    d["n_reports"] = int(d.get("n_reports", len(reports) if isinstance(reports, list) else 0))
    if isinstance(d.get("tallies"), list):
        d["tallies"] = [norm_tally(t) for t in d["tallies"]]
    return d


def norm_tally(t: Any) -> dict:
    t = plain(t)
    t["as_of"] = day(t.get("as_of"))
    t["since"] = day(t.get("since"))
    t["window_since"] = day(t.get("window_since"))
    t["total"] = int(t.get("total") or 0)
    t["by_country"] = {str(k): int(v) for k, v in (t.get("by_country") or {}).items()}
    lc = t.get("ledger_count", t.get("ledger_total", t.get("ledger")))
    t["ledger_count"] = int(lc) if lc is not None else None
    t["ledger_by_country"] = {str(k): int(v)
                              for k, v in (t.get("ledger_by_country") or {}).items()}
    t["evidence"] = [norm_evidence(e) for e in t.get("evidence") or []]
    t["doc_id"] = str(t.get("doc_id") or "")
    return t
