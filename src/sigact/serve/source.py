"""The ledger as the API sees it: a thin adapter over ``sigact.store.Ledger``.

The store answers with its own rows (made plain by ``rows.py``); this module adds the
aggregates the dashboard needs (compact
GeoJSON, incidents per day and country, facets), computed server-side so the browser
never receives every incident's details at once.
"""

from __future__ import annotations

import gzip
import json
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Protocol

from sigact.models import Document
from sigact.serve.exports import TextSink, chunks, keep_ids
from sigact.serve.filters import IncidentFilters
from sigact.serve.rows import (
    day,
    norm_disagreements,
    norm_document,
    norm_incident,
    norm_report,
    norm_tally,
    plain,
)

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
                    r[k] = day(d[k]) if k == "published" else d[k]
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
                    self.ledger.export(fmt, self._store_filter(f), stream=TextSink(spool))
                else:  # adapter: the store has no basis filter, so keep the matching ids
                    ids = {i["id"] for i in self.all_incidents(f)}
                    text = self.ledger.export(fmt, self._store_filter(f)) or ""
                    spool.write(keep_ids(fmt, text, ids).encode("utf-8"))
        except BaseException:
            spool.close()
            raise
        spool.seek(0)
        return chunks(spool)
