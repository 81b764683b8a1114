"""The ledger as the API sees it: a thin adapter over ``sigact.store.Ledger``.

The store answers with its own row objects; this module turns them into plain dicts of
the API's shapes (``schemas.py``) and adds the aggregates the dashboard needs (compact
GeoJSON, incidents per day and country, facets), computed server-side so the browser
never receives every incident's details at once.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import gzip
import io
import json
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Protocol

from sigact.models import Document
from sigact.serve.filters import IncidentFilters

#: export files larger than this spill from memory to a temporary file
SPOOL_BYTES = 8 * 1024 * 1024
#: how long (at most) and how many full filter results are kept for the aggregates
CACHE_SECONDS = 60.0
CACHE_ENTRIES = 24


class LedgerLike(Protocol):
    """What sigact.store.Ledger offers (see its docstrings for the row shapes)."""

    def incidents(self, filters: Any = None, sort: str = "date", limit: int | None = 50,
                  offset: int = 0) -> tuple[list[dict], int]: ...
    def incident(self, incident_id: str) -> dict: ...
    def documents(self, limit: int | None = 50, offset: int = 0) -> tuple[list[dict], int]: ...
    def document(self, doc_id: str) -> dict: ...
    def tallies(self) -> list[dict]: ...
    def stats(self) -> dict[str, int]: ...
    def ingest_document(self, doc: Document, extraction: Any = None) -> Any: ...
    def export(self, fmt: str, filters: Any = None, stream: Any = None) -> str | None: ...


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


def _day(v: Any) -> str | None:
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
    r["published"] = _day(r.get("published"))
    r["date"] = _day(r.get("date"))
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
    i["date"] = _day(i.get("date"))
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
    d["published"] = _day(d.get("published"))
    reports = d.get("reports")
    if isinstance(reports, list):
        d["reports"] = [norm_report(r) for r in reports]
    d["n_reports"] = int(d.get("n_reports", len(reports) if isinstance(reports, list) else 0))
    if isinstance(d.get("tallies"), list):
        d["tallies"] = [norm_tally(t) for t in d["tallies"]]
    return d


def norm_tally(t: Any) -> dict:
    t = plain(t)
    t["as_of"] = _day(t.get("as_of"))
    t["since"] = _day(t.get("since"))
    t["window_since"] = _day(t.get("window_since"))
    t["total"] = int(t.get("total") or 0)
    t["by_country"] = {str(k): int(v) for k, v in (t.get("by_country") or {}).items()}
    lc = t.get("ledger_count", t.get("ledger_total", t.get("ledger")))
    t["ledger_count"] = int(lc) if lc is not None else None
    t["ledger_by_country"] = {str(k): int(v)
                              for k, v in (t.get("ledger_by_country") or {}).items()}
    t["evidence"] = [norm_evidence(e) for e in t.get("evidence") or []]
    t["doc_id"] = str(t.get("doc_id") or "")
    return t


class LedgerSource:
    """What the routes call; every method answers plain dicts.

    Calls into the ledger are serialised by a lock: the store asks for one thread at a
    time per ``Ledger``, and FastAPI runs sync routes in a thread pool.
    """

    def __init__(self, ledger: LedgerLike) -> None:
        self.ledger = ledger
        self.lock = threading.RLock()
        self._cache: dict[tuple[str, IncidentFilters], tuple[tuple, float, Any]] = {}

    @classmethod
    def open(cls, url: str | None) -> LedgerSource:
        from sigact.store import Ledger

        return cls(Ledger(url))

    def close(self) -> None:
        close = getattr(self.ledger, "close", None)
        if close:
            close()

    # --- incidents -----------------------------------------------------------------
    def _store_filter(self, f: IncidentFilters) -> Any:
        from sigact.store import IncidentFilter

        d = f.as_dict()
        d.pop("basis", None)  # the store has no basis filter: applied here (see incidents)
        return IncidentFilter(**d)

    def incidents(self, f: IncidentFilters, sort: str, limit: int | None,
                  offset: int) -> tuple[list[dict], int]:
        with self.lock:
            if f.basis is None:
                rows, total = self.ledger.incidents(self._store_filter(f), sort=sort,
                                                    limit=limit, offset=offset)
            else:  # adapter: filter by perpetrator_basis here, then page
                every, _ = self.ledger.incidents(self._store_filter(f), sort=sort,
                                                 limit=None, offset=0)
                kept = [r for r in every if (r.get("perpetrator_basis") or "unknown") == f.basis]
                total = len(kept)
                rows = kept[offset:] if limit is None else kept[offset:offset + limit]
        return [norm_incident(r) for r in rows], int(total)

    def all_incidents(self, f: IncidentFilters) -> list[dict]:
        """Every incident matching ``f`` (for the aggregates)."""
        return self._cached("rows", f, lambda: self.incidents(f, "date", None, 0)[0])

    def _cached(self, kind: str, f: IncidentFilters, compute: Callable[[], Any]) -> Any:
        """The dashboard asks for several aggregates of one filter at once, and again on
        each visit: answers are kept while the ledger's counts stay the same (and for at
        most ``CACHE_SECONDS``), the last ``CACHE_ENTRIES`` of them."""
        with self.lock:
            stamp = self._stamp()
            hit = self._cache.get((kind, f))
            if hit and hit[0] == stamp and time.monotonic() - hit[1] < CACHE_SECONDS:
                return hit[2]
            value = compute()
            self._cache[(kind, f)] = (stamp, time.monotonic(), value)
            while len(self._cache) > CACHE_ENTRIES:
                self._cache.pop(next(iter(self._cache)))
            return value

    def _stamp(self) -> tuple:
        stats = getattr(self.ledger, "stats", None)
        return tuple(sorted(stats().items())) if stats else ()

    def forget(self) -> None:
        with self.lock:
            self._cache.clear()

    def incident(self, ident: str) -> dict | None:
        from sigact.store import NotFound

        try:
            with self.lock:
                raw = self.ledger.incident(ident)
        except NotFound:
            return None
        i = norm_incident(raw)
        i["reports"] = [norm_report(r) for r in i.get("reports") or []]
        docs = {str(d.get("id")): d for d in (plain(x) for x in i.get("documents") or [])}
        for r in i["reports"]:
            d = docs.get(r["doc_id"], {})
            for k in ("title", "url", "outlet", "published"):
                if not r.get(k) and d.get(k):
                    r[k] = _day(d[k]) if k == "published" else d[k]
        i["disagreements"] = norm_disagreements(i.get("disagreements"))
        i["n_reports"] = max(i["n_reports"], len(i["reports"]))
        return i

    # --- aggregates for the dashboard ---------------------------------------------
    def geojson(self, f: IncidentFilters) -> dict:
        rows = self.all_incidents(f)
        features = [
            {"type": "Feature",
             "geometry": {"type": "Point",
                          "coordinates": [round(i["lon"], 5), round(i["lat"], 5)]},
             "properties": {"id": i["id"], "date": i["date"], "country": i.get("country"),
                            "place": i.get("place"), "event_type": i.get("event_type"),
                            "n_reports": i["n_reports"], "perpetrator": i.get("perpetrator")}}
            for i in rows if i["lat"] is not None and i["lon"] is not None
        ]
        return {"type": "FeatureCollection", "features": features, "total": len(rows)}

    def geojson_bytes(self, f: IncidentFilters, gzipped: bool = False) -> bytes:
        """``geojson(f)`` serialised, and gzipped when asked: it is the dashboard's largest
        answer, so both forms are kept (see ``_cached``) rather than redone per visit."""
        if gzipped:
            return self._cached("geojson.gz", f, lambda: gzip.compress(
                self.geojson_bytes(f), compresslevel=6, mtime=0))
        return self._cached("geojson", f, lambda: json.dumps(
            self.geojson(f), ensure_ascii=False, separators=(",", ":")).encode("utf-8"))

    def timeline(self, f: IncidentFilters) -> dict:
        counts: Counter[tuple[str, str]] = Counter()
        rows = self.all_incidents(f)
        undated = 0
        for i in rows:
            if not i["date"]:
                undated += 1
            else:
                counts[(i["date"], i.get("country") or "??")] += 1
        days = [{"date": d, "country": c, "count": n} for (d, c), n in sorted(counts.items())]
        return {"days": days, "undated": undated, "total": len(rows)}

    def facets(self, f: IncidentFilters) -> dict:
        keys = {"country": "country", "event_type": "event_type", "actor": "perpetrator",
                "basis": "perpetrator_basis"}
        counters: dict[str, Counter[str]] = {k: Counter() for k in keys}
        dates = []
        for i in self.all_incidents(f):
            for k, name in keys.items():
                if i.get(name):
                    counters[k][str(i[name])] += 1
            if i["date"]:
                dates.append(i["date"])
        out: dict[str, Any] = {k: [{"value": v, "count": n} for v, n in c.most_common(200)]
                               for k, c in counters.items()}
        out["date_min"] = min(dates) if dates else None
        out["date_max"] = max(dates) if dates else None
        return out

    # --- documents and tallies -----------------------------------------------------
    def documents(self, limit: int, offset: int) -> tuple[list[dict], int]:
        with self.lock:
            rows, total = self.ledger.documents(limit=limit, offset=offset)
        docs = [norm_document(d) for d in rows]
        for d in docs:
            d.pop("text", None)
        return docs, int(total)

    def document(self, ident: str) -> dict | None:
        from sigact.store import NotFound

        try:
            with self.lock:
                raw = self.ledger.document(ident)
        except NotFound:
            return None
        return norm_document(raw)

    def tallies(self) -> dict:
        with self.lock:
            items = [norm_tally(t) for t in self.ledger.tallies()]
            ledger_total = int(self.ledger.stats().get("incidents", 0))
        items.sort(key=lambda t: (t["as_of"] or "", t["doc_id"]))
        return {"items": items, "ledger_total": ledger_total}

    # --- writes and exports --------------------------------------------------------
    def ingest(self, doc: Document) -> dict:
        with self.lock:
            raw = plain(self.ledger.ingest_document(doc))
            self._cache.clear()
        return {
            "id": str(raw.get("doc_id") or doc.id),
            "status": str(raw.get("status") or "added"),
            "reports": int(raw.get("reports") or 0),
            "tallies": int(raw.get("tallies") or 0),
            "incidents": [str(x) for x in raw.get("incidents") or []],
            "replaced": [str(x) for x in raw.get("replaced") or []],
            "rejections": [f"{r.get('stage')}:{r.get('reason')}" if isinstance(r, Mapping)
                           else str(r) for r in raw.get("rejections") or []],
        }

    def export(self, fmt: str, f: IncidentFilters) -> Iterator[bytes]:
        """The store's export (CSV, JSONL, GeoJSON), spooled under the lock and then
        streamed without it, so a slow client holds up no other request."""
        # closed by _chunks once streamed, or here on failure
        spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES, mode="w+b")  # noqa: SIM115
        try:
            with self.lock:
                if f.basis is None:
                    self.ledger.export(fmt, self._store_filter(f), stream=_TextSink(spool))
                else:  # adapter: the store has no basis filter, so keep the matching ids
                    ids = {i["id"] for i in self.all_incidents(f)}
                    text = self.ledger.export(fmt, self._store_filter(f)) or ""
                    spool.write(keep_ids(fmt, text, ids).encode("utf-8"))
        except BaseException:
            spool.close()
            raise
        spool.seek(0)
        return _chunks(spool)


def keep_ids(fmt: str, text: str, ids: set[str]) -> str:
    """Only the incidents of ``ids`` from an export's text."""
    if fmt == "jsonl":
        lines = [ln for ln in text.splitlines() if ln.strip()]
        return "".join(ln + "\n" for ln in lines if str(json.loads(ln).get("id")) in ids)
    if fmt == "geojson":
        geo = json.loads(text)
        geo["features"] = [ft for ft in geo.get("features", [])
                           if str((ft.get("properties") or {}).get("id")) in ids
                           or str(ft.get("id")) in ids]
        return json.dumps(geo, ensure_ascii=False)
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return text
    header, body = rows[0], rows[1:]
    col = next((n for n, h in enumerate(header) if h in ("id", "event_id_cnty", "event_id")), 0)
    # the store's CSV names an incident "IRQ" + the hash of its id "i-<hash>"
    tails = {i.split("-", 1)[-1] for i in ids}

    sizes = {len(t) for t in tails}

    def kept(cell: str) -> bool:
        return cell in ids or any(len(cell) - n <= 3 and cell[-n:] in tails for n in sizes)

    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(header)
    w.writerows(r for r in body if r and kept(r[col]))
    return out.getvalue()


def _chunks(spool: Any, size: int = 64 * 1024) -> Iterator[bytes]:
    try:
        while chunk := spool.read(size):
            yield chunk
    finally:
        spool.close()


class _TextSink:
    """A minimal text stream over a binary file (what ``Ledger.export`` writes to)."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw

    def write(self, s: str) -> int:
        self.raw.write(s.encode("utf-8"))
        return len(s)

    def flush(self) -> None:
        pass
