"""The incident ledger: documents, reports, evidence, incidents and tallies in SQL.

One class, :class:`Ledger`, is the whole API; the CLI (``sigact ingest|incidents|export|
tallies``) and the HTTP layer are thin shells over it::

    from sigact.store import Ledger, IncidentFilter

    with Ledger("ledger.db") as ledger:               # or None (default path), or a URL
        result = ledger.ingest_document(doc)          # read -> extract -> store -> merge
        rows, total = ledger.incidents(IncidentFilter(country="IQ"), sort="-date", limit=20)
        detail = ledger.incident(rows[0]["id"])       # + reports, evidence, documents
        ledger.export("jsonl", stream=sys.stdout)

Where the database lives (:func:`resolve_url`): an explicit argument, else ``$SIGACT_DB``,
else ``platformdirs.user_data_dir("sigact")/ledger.db``.  A plain path means SQLite (WAL,
foreign keys on); anything with ``://`` is an SQLAlchemy URL, e.g.
``postgresql+psycopg://user@host/db``.  The schema is created and upgraded by Alembic
when the ledger is opened.

Errors are :class:`LedgerError` subclasses; each carries a one-line message fit for a
CLI or an HTTP error body.
"""

from __future__ import annotations

from sigact.store.errors import (
    DatabaseUnavailable,
    LedgerError,
    NotFound,
    UnknownFormat,
)
from sigact.store.ledger import IngestResult, IngestSummary, Ledger, resolve_url
from sigact.store.queries import SORTS, IncidentFilter

__all__ = [
    "SORTS",
    "DatabaseUnavailable",
    "IncidentFilter",
    "IngestResult",
    "IngestSummary",
    "Ledger",
    "LedgerError",
    "NotFound",
    "UnknownFormat",
    "resolve_url",
]
