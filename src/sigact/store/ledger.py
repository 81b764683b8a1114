"""The :class:`Ledger`: open a database, ingest documents, query and export incidents."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from sigact.models import Document, Rejection
from sigact.store.errors import NotFound
from sigact.store.queries import IncidentFilter

#: environment variable that names the database when no ``--db`` is given
ENV_VAR = "SIGACT_DB"


def resolve_url(db: str | os.PathLike[str] | None = None) -> str:
    """The SQLAlchemy URL for ``db``: an explicit path or URL, else ``$SIGACT_DB``, else
    ``platformdirs.user_data_dir("sigact")/ledger.db``.  A value containing ``://`` is
    taken as a URL as is; anything else is a SQLite file path (its folder is created)."""
    raise NotImplementedError


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
        raise NotImplementedError

    # -- lifecycle -------------------------------------------------------------------
    @property
    def url(self) -> str:
        """The SQLAlchemy URL in use, password masked."""
        raise NotImplementedError

    def close(self) -> None:
        """Dispose of the connection pool.  Idempotent."""
        raise NotImplementedError

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
        raise NotImplementedError

    def ingest_paths(self, paths: Iterable[str | os.PathLike[str]],
                     progress: Callable[[int, str], None] | None = None,
                     extractor: Callable[[Document], Any] | None = None) -> IngestSummary:
        """Read ``paths`` with ``sigact.read.iter_documents``, extract and ingest each
        document; ``progress(n_done, doc_id)`` is called after each one.  Reader and
        extractor rejections are collected in the summary, never raised."""
        raise NotImplementedError

    def delete_document(self, doc_id: str) -> None:
        """Remove a document, its reports and tallies; re-merge what they touched.
        Raises NotFound."""
        raise NotImplementedError

    # -- reading ---------------------------------------------------------------------
    def incidents(self, filters: IncidentFilter | None = None, sort: str = "date",
                  limit: int | None = 50, offset: int = 0) -> tuple[list[dict], int]:
        """Incident rows matching ``filters``, sorted by ``sort`` (one of ``SORTS``; ties
        broken by id), paged by ``limit``/``offset`` (``limit=None``: all).  Returns
        ``(rows, total)`` where ``total`` counts every match, ignoring the page.
        Raises UnknownFormat for an unknown sort key or a malformed date."""
        raise NotImplementedError

    def incident(self, incident_id: str) -> dict:
        """One incident row plus ``reports`` (report rows with evidence, in canonical
        order) and ``documents`` (document rows of the reporting documents).
        Raises NotFound."""
        raise NotImplementedError

    def documents(self, limit: int | None = 50, offset: int = 0) -> tuple[list[dict], int]:
        """Document rows (no text), newest publication first; ``(rows, total)``."""
        raise NotImplementedError

    def document(self, doc_id: str) -> dict:
        """One document row plus ``text``, ``reports`` (report rows with ``incident_id``
        and evidence) and ``tallies``.  Raises NotFound."""
        raise NotImplementedError

    def tallies(self) -> list[dict]:
        """Every stored tally next to the ledger's own count for the same window:
        ``doc_id, as_of, total, by_country, since, source, evidence, window_since,
        ledger_count, ledger_by_country``.  The window is ``since`` (or, when the tally
        does not say, the earliest dated incident) to ``as_of`` inclusive; the ledger
        counts dated ``remote_attack`` incidents in the tally's countries (all countries
        when it gives no breakdown).  Sorted by ``as_of`` then doc id."""
        raise NotImplementedError

    def stats(self) -> dict[str, int]:
        """``{"documents": n, "reports": n, "incidents": n, "tallies": n}``."""
        raise NotImplementedError

    def export(self, fmt: str, filters: IncidentFilter | None = None,
               stream: TextIO | None = None) -> str | None:
        """Write every matching incident as ``fmt`` — ``"jsonl"`` (the scorer's schema plus
        ``n_reports``, ``disagreements``, ``evidence``), ``"csv"`` (ACLED's columns) or
        ``"geojson"`` (a FeatureCollection of Points) — to ``stream``; with no stream,
        return the text.  Incidents come in a stable order (date, then id), so the same
        ledger always exports the same bytes.  Raises UnknownFormat."""
        raise NotImplementedError


def _not_found(kind: str, key: str) -> NotFound:
    return NotFound(f"no {kind} with id {key!r}")


__all__ = ["ENV_VAR", "IngestResult", "IngestSummary", "Ledger", "Path", "resolve_url"]
