"""The :class:`Ledger`: open a database, ingest documents, query and export incidents."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TextIO

from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from sigact.models import Document, Rejection
from sigact.store import db as _db
from sigact.store import exports, writer
from sigact.store.db import ENV_VAR, resolve_url
from sigact.store.errors import DatabaseUnavailable, NotFound, UnknownFormat
from sigact.store.queries import (
    IncidentFilter,
    document_dict,
    incident_conditions,
    incident_dict,
    order_by,
    report_dicts,
)
from sigact.store.schema import documents, incidents, reports, tallies


@dataclass(slots=True)
class IngestResult:
    """What ``Ledger.ingest_document`` did with one document.

    ``status`` is one of:
    - ``"added"``: a new document, its reports and tallies are stored and merged;
    - ``"replaced"``: an earlier version (same id, or same URL) was replaced — its reports
      and tallies are gone, ``replaced`` lists the document ids removed;
    - ``"unchanged"``: the same id with the same content hash is already stored (no write);
    - ``"older"``: a newer version of the same URL is stored (by publication date): skipped.
    """

    doc_id: str
    status: str
    reports: int = 0
    tallies: int = 0
    #: ids of the incidents the document's reports belong to after merging
    incidents: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)


@dataclass(slots=True)
class IngestSummary:
    """Totals of ``Ledger.ingest_paths`` (what ``sigact ingest`` prints)."""

    read: int = 0
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    older: int = 0
    reports: int = 0
    tallies: int = 0
    #: documents (or files) skipped by the reader or the extractor, with their reasons
    rejections: list[Rejection] = field(default_factory=list)
    #: incidents in the ledger after the run
    incidents: int = 0

    def skipped_by_reason(self) -> dict[str, int]:
        """``{"read:binary": 2, "extract:not-english": 1, ...}``, sorted by reason."""
        out: dict[str, int] = {}
        for r in self.rejections:
            key = f"{r.stage}:{r.reason}"
            out[key] = out.get(key, 0) + 1
        return dict(sorted(out.items()))


class Ledger:
    """An incident ledger in one database (SQLite file or PostgreSQL).

    ``Ledger(db)`` connects and migrates the schema (``db`` as in :func:`resolve_url`);
    use it as a context manager or call :meth:`close`.  Methods are safe to call from
    one thread at a time per instance; several processes may read while one ingests.

    Row shapes (plain JSON-ready dicts; dates are ISO strings):

    - *incident row*: ``id, docs, date, date_precision, country, place, place_id, admin1,
      lat, lon, geo_precision, event_type, weapons, perpetrator, perpetrator_basis, target,
      outcome, killed, injured, n_reports, n_docs, disagreements`` — the scorer's schema
      plus ledger fields.  ``disagreements`` is a list of
      ``{"field": "outcome", "values": [{"value": "hit", "docs": ["d1"]},
      {"value": "intercepted", "docs": ["d2"]}]}``.
    - *report row*: the ``Report`` fields (``id, doc_id, seq, event_type, date, ...``) plus
      ``incident_id`` and ``evidence`` (list of ``{doc_id, start, end, text, fields,
      marks}``).
    - *document row*: ``id, url, outlet, title, published, content_hash, ingested_at,
      n_reports`` (``ingested_at`` is an ISO timestamp, UTC).
    """

    def __init__(self, db: str | os.PathLike[str] | None = None, *, migrate: bool = True,
                 echo: bool = False) -> None:
        """Open (and unless ``migrate=False`` create/upgrade) the ledger at ``db``.
        Raises DatabaseUnavailable when the URL is bad or the server unreachable."""
        self._url = resolve_url(db)
        self._engine = _db.make_engine(self._url, echo=echo)
        self._closed = False
        if migrate:
            _db.migrate(self._engine)
        elif not self._guard(lambda: _db.has_schema(self._engine)):
            raise DatabaseUnavailable(f"no ledger schema at {self.url}")

    # -- lifecycle -------------------------------------------------------------------
    @property
    def url(self) -> str:
        """The SQLAlchemy URL in use, password masked."""
        return self._engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        """Dispose of the connection pool.  Idempotent."""
        if not self._closed:
            self._engine.dispose()
            self._closed = True

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------
    def ingest_document(self, doc: Document, extraction: Any = None) -> IngestResult:
        """Store one document with its reports and tallies and merge its reports into
        incidents — all in ONE transaction (a crash loses at most this document).

        ``extraction`` is an ``Extraction`` (``reports``, ``tallies``, ``rejections``); when
        None, ``sigact.extract.extract_document(doc)`` is called.  Idempotent: the same id
        with the same content hash is ``"unchanged"``; a new hash for a stored id, or a
        document with a stored URL, replaces the old version (its reports leave their
        incidents, which are re-merged).  The resulting incidents depend only on the set of
        stored reports, never on the order of ingestion."""
        if extraction is None:
            from sigact.extract import extract_document

            extraction = extract_document(doc)
        rejections = list(getattr(extraction, "rejections", []) or [])
        new_reports = list(getattr(extraction, "reports", []) or [])
        new_tallies = list(getattr(extraction, "tallies", []) or [])

        def work() -> IngestResult:
            with self._engine.begin() as conn:
                same, by_url = writer.find_existing(conn, doc)
                if same is not None and same.content_hash == doc.content_hash:
                    return IngestResult(doc.id, "unchanged", rejections=rejections)
                pub = doc.published.isoformat() if doc.published else None
                if pub and any(o.published and o.published > pub for o in by_url):
                    return IngestResult(doc.id, "older", rejections=rejections)
                old = ([same.id] if same is not None else []) + [o.id for o in by_url]
                touched = writer.Touched()
                writer.remove_documents(conn, old, touched)
                stored = writer.insert_document(conn, doc, new_reports, new_tallies)
                writer.remerge(conn, stored, touched)
                ids = sorted({i for (i,) in conn.execute(
                    select(reports.c.incident_id).where(reports.c.document_id == doc.id))
                    if i})
            return IngestResult(doc.id, "replaced" if old else "added",
                                reports=len(stored), tallies=len(new_tallies),
                                incidents=ids, replaced=old, rejections=rejections)

        return self._guard(work)

    def ingest_paths(self, paths: Iterable[str | os.PathLike[str]],
                     progress: Callable[[int, str], None] | None = None,
                     extractor: Callable[[Document], Any] | None = None) -> IngestSummary:
        """Read ``paths`` with ``sigact.read.iter_documents``, extract and ingest each
        document; ``progress(n_done, doc_id)`` is called after each one.  Reader and
        extractor rejections are collected in the summary, never raised."""
        from sigact.read import iter_documents

        if extractor is None:
            from sigact.extract import extract_document as extractor
        summary = IngestSummary()
        for item in iter_documents(paths):
            if isinstance(item, Rejection):
                summary.rejections.append(item)
                continue
            summary.read += 1
            try:
                extraction = extractor(item)
            except Exception as e:  # an extractor bug must not stop the run
                summary.rejections.append(Rejection("extract", "error", item.id,
                                                    f"{type(e).__name__}: {e}"))
                continue
            res = self.ingest_document(item, extraction)
            setattr(summary, res.status, getattr(summary, res.status) + 1)
            if res.status in ("added", "replaced"):
                summary.reports += res.reports
                summary.tallies += res.tallies
            summary.rejections.extend(res.rejections)
            if progress is not None:
                progress(summary.read, item.id)
        summary.incidents = self.stats()["incidents"]
        return summary

    def delete_document(self, doc_id: str) -> None:
        """Remove a document, its reports and tallies; re-merge what they touched.
        Raises NotFound."""
        def work() -> None:
            with self._engine.begin() as conn:
                if conn.execute(select(documents.c.id)
                                .where(documents.c.id == doc_id)).first() is None:
                    raise _not_found("document", doc_id)
                touched = writer.Touched()
                writer.remove_documents(conn, [doc_id], touched)
                writer.remerge(conn, [], touched)

        self._guard(work)

    # -- reading ---------------------------------------------------------------------
    def incidents(self, filters: IncidentFilter | None = None, sort: str = "date",
                  limit: int | None = 50, offset: int = 0) -> tuple[list[dict], int]:
        """Incident rows matching ``filters``, sorted by ``sort`` (one of ``SORTS``; ties
        broken by id), paged by ``limit``/``offset`` (``limit=None``: all).  Returns
        ``(rows, total)`` where ``total`` counts every match, ignoring the page.
        Raises UnknownFormat for an unknown sort key or a malformed date."""
        conds = incident_conditions(filters)
        order = order_by(sort)

        def work() -> tuple[list[dict], int]:
            with self._engine.connect() as conn:
                total = conn.execute(select(func.count()).select_from(incidents)
                                     .where(*conds)).scalar_one()
                q = select(incidents).where(*conds).order_by(*order).offset(offset)
                if limit is not None:
                    q = q.limit(limit)
                return [incident_dict(r) for r in conn.execute(q)], total

        return self._guard(work)

    def incident(self, incident_id: str) -> dict:
        """One incident row plus ``reports`` (report rows with evidence, in canonical
        order) and ``documents`` (document rows of the reporting documents).
        Raises NotFound."""
        def work() -> dict:
            with self._engine.connect() as conn:
                row = conn.execute(select(incidents)
                                   .where(incidents.c.id == incident_id)).first()
                if row is None:
                    raise _not_found("incident", incident_id)
                out = incident_dict(row)
                out["reports"] = report_dicts(conn, reports.c.incident_id == incident_id)
                docs = conn.execute(select(documents).where(documents.c.id.in_(out["docs"]))
                                    .order_by(documents.c.id))
                out["documents"] = [document_dict(d) for d in docs]
                return out

        return self._guard(work)

    def documents(self, limit: int | None = 50, offset: int = 0) -> tuple[list[dict], int]:
        """Document rows (no text), newest publication first; ``(rows, total)``."""
        def work() -> tuple[list[dict], int]:
            with self._engine.connect() as conn:
                total = conn.execute(select(func.count()).select_from(documents)).scalar_one()
                q = (select(documents)
                     .order_by(documents.c.published.is_(None), documents.c.published.desc(),
                               documents.c.id).offset(offset))
                if limit is not None:
                    q = q.limit(limit)
                return [document_dict(r) for r in conn.execute(q)], total

        return self._guard(work)

    def document(self, doc_id: str) -> dict:
        """One document row plus ``text``, ``reports`` (report rows with ``incident_id``
        and evidence) and ``tallies``.  Raises NotFound."""
        def work() -> dict:
            with self._engine.connect() as conn:
                row = conn.execute(select(documents).where(documents.c.id == doc_id)).first()
                if row is None:
                    raise _not_found("document", doc_id)
                out = document_dict(row)
                out["text"] = row._mapping["text"]
                out["reports"] = report_dicts(conn, reports.c.document_id == doc_id)
                out["tallies"] = [_tally_dict(t) for t in conn.execute(
                    select(tallies).where(tallies.c.doc_id == doc_id).order_by(tallies.c.seq))]
                return out

        return self._guard(work)

    def tallies(self) -> list[dict]:
        """Every stored tally next to the ledger's own count for the same window:
        ``doc_id, as_of, total, by_country, since, source, evidence, window_since,
        ledger_count, ledger_by_country``.  The window is ``since`` (or, when the tally
        does not say, the earliest dated incident) to ``as_of`` inclusive; the ledger
        counts dated ``remote_attack`` incidents in the tally's countries (all countries
        when it gives no breakdown).  Sorted by ``as_of`` then doc id."""
        def work() -> list[dict]:
            with self._engine.connect() as conn:
                earliest = conn.execute(select(func.min(incidents.c.date))
                                        .where(incidents.c.event_type == "remote_attack")
                                        ).scalar()
                out = []
                rows = conn.execute(select(tallies).order_by(
                    tallies.c.as_of.is_(None), tallies.c.as_of, tallies.c.doc_id,
                    tallies.c.seq))
                for t in rows:
                    d = _tally_dict(t)
                    since = d["since"] or earliest
                    d["window_since"] = since
                    countries = sorted(d["by_country"]) or None
                    q = (select(incidents.c.country, func.count())
                         .where(incidents.c.event_type == "remote_attack",
                                incidents.c.date.is_not(None))
                         .group_by(incidents.c.country))
                    if since:
                        q = q.where(incidents.c.date >= since)
                    if d["as_of"]:
                        q = q.where(incidents.c.date <= d["as_of"])
                    if countries:
                        q = q.where(incidents.c.country.in_(countries))
                    counts = {c or "": n for c, n in conn.execute(q)}
                    d["ledger_count"] = sum(counts.values())
                    d["ledger_by_country"] = ({c: counts.get(c, 0) for c in countries}
                                              if countries else dict(sorted(counts.items())))
                    out.append(d)
                return out

        return self._guard(work)

    def stats(self) -> dict[str, int]:
        """``{"documents": n, "reports": n, "incidents": n, "tallies": n}``."""
        def work() -> dict[str, int]:
            with self._engine.connect() as conn:
                return {name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                        for name, t in (("documents", documents), ("reports", reports),
                                        ("incidents", incidents), ("tallies", tallies))}

        return self._guard(work)

    def export(self, fmt: str, filters: IncidentFilter | None = None,
               stream: TextIO | None = None) -> str | None:
        """Write every matching incident as ``fmt`` — ``"jsonl"`` (the scorer's schema plus
        ``n_reports``, ``disagreements``, ``evidence``), ``"csv"`` (ACLED's columns) or
        ``"geojson"`` (a FeatureCollection of Points) — to ``stream``; with no stream,
        return the text.  Incidents come in a stable order (date, then id), so the same
        ledger always exports the same bytes.  Raises UnknownFormat."""
        if fmt not in exports.WRITERS:
            raise UnknownFormat(f"unknown export format {fmt!r} "
                                f"(one of {', '.join(exports.FORMATS)})")
        conds = incident_conditions(filters)
        out = stream if stream is not None else io.StringIO()

        def work() -> None:
            with self._engine.connect() as conn:
                exports.WRITERS[fmt](self._records(conn, conds), out)

        self._guard(work)
        return out.getvalue() if stream is None else None  # type: ignore[union-attr]

    def _records(self, conn: Any, conds: list[Any], page: int = 500) -> Iterator[dict]:
        """Export records (incident rows + evidence, outlets), ordered by date then id."""
        order = [incidents.c.date.is_(None), incidents.c.date, incidents.c.id]
        last: tuple | None = None
        offset = 0
        while True:
            rows = list(conn.execute(select(incidents).where(*conds).order_by(*order)
                                     .offset(offset).limit(page)))
            if not rows:
                return
            offset += len(rows)
            ids = [r._mapping["id"] for r in rows]
            reps = report_dicts(conn, reports.c.incident_id.in_(ids))
            ev: dict[str, list[dict]] = {}
            for r in reps:
                ev.setdefault(r["incident_id"], []).extend(r["evidence"])
            for row in rows:
                rec = incident_dict(row)
                m = row._mapping
                rec["outlets"] = list(m["outlets"])
                rec["last_published"] = m["last_published"]
                rec["evidence"] = ev.get(rec["id"], [])
                yield rec
            last = (len(rows),)
            if last[0] < page:
                return

    def _guard(self, fn: Callable[[], Any]) -> Any:
        """Run ``fn``, turning connection failures into DatabaseUnavailable."""
        try:
            return fn()
        except OperationalError as e:
            raise DatabaseUnavailable(_db._one_line(e)) from e
        except SQLAlchemyError as e:
            if isinstance(e.__cause__, LookupError):
                raise
            raise DatabaseUnavailable(_db._one_line(e)) from e


def _tally_dict(row: Any) -> dict:
    m = row._mapping
    return {"doc_id": m["doc_id"], "as_of": m["as_of"], "total": m["total"],
            "by_country": dict(m["by_country"] or {}), "since": m["since"],
            "source": m["source"], "evidence": list(m["evidence"] or [])}


def _not_found(kind: str, key: str) -> NotFound:
    return NotFound(f"no {kind} with id {key!r}")


__all__ = ["ENV_VAR", "IngestResult", "IngestSummary", "Ledger", "resolve_url"]
