"""The ledger's tables (SQLAlchemy Core).  Changes go through ``migrations/``.

JSON columns use ``sqlalchemy.JSON`` (TEXT on SQLite, ``json`` on PostgreSQL); dates are
ISO strings so both backends sort and export them identically.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

documents = Table(
    "documents", metadata,
    Column("id", String(255), primary_key=True),
    Column("url", Text),
    Column("outlet", String(255)),
    Column("title", Text),
    Column("published", String(10)),
    Column("content_hash", String(64), nullable=False),
    Column("text", Text, nullable=False),
    Column("path", Text),
    Column("n_reports", Integer, nullable=False, default=0),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Index("ix_documents_url", "url"),
    Index("ix_documents_published", "published"),
)

def _incident_fields() -> list[Column]:
    """Where, with what, by whom, with what result: the fields a report and an incident
    share (fresh Column objects for each table)."""
    return [
        Column("country", String(2)),
        Column("place", Text),
        Column("place_id", String(128)),
        Column("admin1", Text),
        Column("lat", Float),
        Column("lon", Float),
        Column("geo_precision", String(16)),
        Column("weapons", JSON, nullable=False),
        Column("perpetrator", Text),
        Column("perpetrator_basis", String(16), nullable=False),
        Column("target", Text),
        Column("outcome", String(16), nullable=False),
        Column("killed", Integer),
        Column("injured", Integer),
    ]


reports = Table(
    "reports", metadata,
    Column("id", String(64), primary_key=True),
    Column("document_id", String(255), ForeignKey("documents.id", ondelete="CASCADE"),
           nullable=False),
    Column("incident_id", String(32)),
    #: connected component of the compatibility graph (see sigact.merge)
    Column("group_id", String(64)),
    Column("seq", Integer, nullable=False, default=0),
    Column("event_type", String(32), nullable=False),
    Column("date", String(10)),
    Column("date_precision", String(16), nullable=False),
    #: the report's day window as ordinal days (None when undated), for range lookups
    Column("date_lo", Integer),
    Column("date_hi", Integer),
    *_incident_fields(),
    Column("confidence", Float, nullable=False, default=0.5),
    Column("outlet", String(255)),
    Column("published", String(10)),
    Index("ix_reports_document", "document_id"),
    Index("ix_reports_incident", "incident_id"),
    Index("ix_reports_group", "group_id"),
    Index("ix_reports_bucket", "event_type", "date_lo"),
    Index("ix_reports_place_date", "event_type", "place_id", "date_lo"),
)

evidence = Table(
    "evidence", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("report_id", String(64), ForeignKey("reports.id", ondelete="CASCADE"),
           nullable=False),
    Column("seq", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("fields", JSON, nullable=False),
    Column("marks", JSON, nullable=False),
    Index("ix_evidence_report", "report_id"),
)

incidents = Table(
    "incidents", metadata,
    Column("id", String(32), primary_key=True),
    Column("event_type", String(32), nullable=False),
    Column("date", String(10)),
    Column("date_precision", String(16), nullable=False),
    *_incident_fields(),
    Column("n_reports", Integer, nullable=False),
    Column("n_docs", Integer, nullable=False),
    Column("n_disagreements", Integer, nullable=False),
    Column("docs", JSON, nullable=False),
    Column("disagreements", JSON, nullable=False),
    Column("outlets", JSON, nullable=False),
    Column("last_published", String(10)),
    Index("ix_incidents_date", "date"),
    Index("ix_incidents_country", "country", "date"),
    Index("ix_incidents_place", "event_type", "place_id"),
)

tallies = Table(
    "tallies", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(255), ForeignKey("documents.id", ondelete="CASCADE"),
           nullable=False),
    Column("seq", Integer, nullable=False),
    Column("as_of", String(10)),
    Column("total", Integer, nullable=False),
    Column("by_country", JSON, nullable=False),
    Column("since", String(10)),
    Column("source", Text),
    Column("evidence", JSON, nullable=False),
    Index("ix_tallies_doc", "doc_id"),
)
