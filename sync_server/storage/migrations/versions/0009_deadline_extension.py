"""A case's deadline extended once (Ley 27806, art. 11 b): when it was extended, the due date it
replaced, the date announced to the applicant and the official's justification, on the submission.
Nullable columns added in place: no table copy on either backend.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

COLUMNS = ("deadline_extended_at", "original_due_date", "extended_due_date", "deadline_extension_reason")


def upgrade() -> None:
    op.add_column("submissions", sa.Column("deadline_extended_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("submissions", sa.Column("original_due_date", sa.Date(), nullable=True))
    op.add_column("submissions", sa.Column("extended_due_date", sa.Date(), nullable=True))
    op.add_column("submissions", sa.Column("deadline_extension_reason", sa.Text(), nullable=True))


def downgrade() -> None:
    # Plain ALTER TABLE ... DROP COLUMN (SQLite 3.35+): a batch copy of the table would lose the
    # expression and partial indexes of migrations 0002, 0005 and 0007 on SQLite.
    for column in reversed(COLUMNS):
        op.drop_column("submissions", column)
