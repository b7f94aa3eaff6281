"""The console's open cases: a partial index on the due date of the cases whose deadline runs, and
an index that counts open cases per unit without reading the table (the dashboard).

"Overdue" (``due_date < today`` among received, in review, forwarded and approved cases) is a small
part of a large, mostly closed history; without this index a million-row inbox walks the closed cases
to find it (1.1 s for a page on PostgreSQL, docs/PERFORMANCE.md), with it the page reads only open
cases. The list of statuses is :data:`sync_server.storage.inbox.RUNNING_STATUSES`; the queries repeat
it literally so that both databases can prove the index applies.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

INDEX = "ix_submissions_open_due"
BY_UNIT = "ix_submissions_institution_id_status_unit_code"
RUNNING = ("received", "in_review", "assigned", "approved")


def upgrade() -> None:
    where = sa.text("status IN (" + ", ".join(f"'{s}'" for s in RUNNING) + ")")
    op.create_index(
        INDEX,
        "submissions",
        ["institution_id", "due_date", "seq"],
        unique=False,
        postgresql_where=where,
        sqlite_where=where,
    )
    op.create_index(BY_UNIT, "submissions", ["institution_id", "status", "unit_code"], unique=False)


def downgrade() -> None:
    op.drop_index(BY_UNIT, table_name="submissions")
    op.drop_index(INDEX, table_name="submissions")
