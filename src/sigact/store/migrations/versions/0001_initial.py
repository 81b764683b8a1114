"""Initial ledger schema: documents, reports, evidence, incidents, tallies.

Revision ID: 0001
Revises:
Create Date: 2024-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(255), primary_key=True),
        sa.Column("url", sa.Text),
        sa.Column("outlet", sa.String(255)),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.String(10)),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("path", sa.Text),
        sa.Column("n_reports", sa.Integer, nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_documents_url", "documents", ["url"])
    op.create_index("ix_documents_published", "documents", ["published"])
    op.create_table(
        "reports",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("document_id", sa.String(255),
                  sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("incident_id", sa.String(32)),
        sa.Column("group_id", sa.String(64)),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("event_type", sa.String(32), nullable=False),
        sa.Column("date", sa.String(10)),
        sa.Column("date_precision", sa.String(16), nullable=False),
        sa.Column("date_lo", sa.Integer),
        sa.Column("date_hi", sa.Integer),
        sa.Column("country", sa.String(2)),
        sa.Column("place", sa.Text),
        sa.Column("place_id", sa.String(128)),
        sa.Column("admin1", sa.Text),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("geo_precision", sa.String(16)),
        sa.Column("weapons", sa.JSON, nullable=False),
        sa.Column("perpetrator", sa.Text),
        sa.Column("perpetrator_basis", sa.String(16), nullable=False),
        sa.Column("target", sa.Text),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("killed", sa.Integer),
        sa.Column("injured", sa.Integer),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("outlet", sa.String(255)),
        sa.Column("published", sa.String(10)),
    )
    op.create_index("ix_reports_document", "reports", ["document_id"])
    op.create_index("ix_reports_incident", "reports", ["incident_id"])
    op.create_index("ix_reports_group", "reports", ["group_id"])
    op.create_index("ix_reports_bucket", "reports", ["event_type", "date_lo"])
    op.create_index("ix_reports_place", "reports", ["event_type", "place_id"])
    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("report_id", sa.String(64),
                  sa.ForeignKey("reports.id", ondelete="CASCADE"), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("fields", sa.JSON, nullable=False),
        sa.Column("marks", sa.JSON, nullable=False),
    )
    op.create_index("ix_evidence_report", "evidence", ["report_id"])
    op.create_table(
        "incidents",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("event_type", sa.String(32), nullable=False),
        sa.Column("date", sa.String(10)),
        sa.Column("date_precision", sa.String(16), nullable=False),
        sa.Column("country", sa.String(2)),
        sa.Column("place", sa.Text),
        sa.Column("place_id", sa.String(128)),
        sa.Column("admin1", sa.Text),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("geo_precision", sa.String(16)),
        sa.Column("weapons", sa.JSON, nullable=False),
        sa.Column("perpetrator", sa.Text),
        sa.Column("perpetrator_basis", sa.String(16), nullable=False),
        sa.Column("target", sa.Text),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("killed", sa.Integer),
        sa.Column("injured", sa.Integer),
        sa.Column("n_reports", sa.Integer, nullable=False),
        sa.Column("n_docs", sa.Integer, nullable=False),
        sa.Column("n_disagreements", sa.Integer, nullable=False),
        sa.Column("docs", sa.JSON, nullable=False),
        sa.Column("disagreements", sa.JSON, nullable=False),
        sa.Column("outlets", sa.JSON, nullable=False),
        sa.Column("last_published", sa.String(10)),
    )
    op.create_index("ix_incidents_date", "incidents", ["date"])
    op.create_index("ix_incidents_country", "incidents", ["country", "date"])
    op.create_index("ix_incidents_place", "incidents", ["event_type", "place_id"])
    op.create_table(
        "tallies",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("doc_id", sa.String(255),
                  sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("as_of", sa.String(10)),
        sa.Column("total", sa.Integer, nullable=False),
        sa.Column("by_country", sa.JSON, nullable=False),
        sa.Column("since", sa.String(10)),
        sa.Column("source", sa.Text),
        sa.Column("evidence", sa.JSON, nullable=False),
    )
    op.create_index("ix_tallies_doc", "tallies", ["doc_id"])


def downgrade() -> None:
    for name in ("tallies", "incidents", "evidence", "reports", "documents"):
        op.drop_table(name)
