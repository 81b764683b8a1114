"""Reports indexed by (event type, place id, date_lo): undated reports of a place are an
index range, not a scan of every report there.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_reports_place", table_name="reports")
    op.create_index("ix_reports_place_date", "reports", ["event_type", "place_id", "date_lo"])


def downgrade() -> None:
    op.drop_index("ix_reports_place_date", table_name="reports")
    op.create_index("ix_reports_place", "reports", ["event_type", "place_id"])
