"""Pending changes and audit entries: what pushes write, before a serialised pass gives them their place.

Pushes store each submission in its own transaction; holding the institution's journal lock until each
of those commits would let only one commit (one fsync) happen at a time per institution. They write
these two tables instead, and ``journal.flush_pending`` moves the rows into ``changes`` and
``audit_log`` in commit order (see sync_server/storage/journal.py).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "pending_changes",
        sa.Column("id", BIG_ID, autoincrement=True, nullable=False),
        sa.Column("institution_id", sa.String(length=64), nullable=False),
        sa.Column("device_id", sa.String(length=24), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institutions.id"],
            name=op.f("fk_pending_changes_institution_id_institutions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pending_changes")),
    )
    op.create_index(
        op.f("ix_pending_changes_institution_id_id"),
        "pending_changes",
        ["institution_id", "id"],
        unique=False,
    )
    op.create_table(
        "pending_audit",
        sa.Column("id", BIG_ID, autoincrement=True, nullable=False),
        sa.Column("institution_id", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("subject", sa.String(length=100), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institutions.id"],
            name=op.f("fk_pending_audit_institution_id_institutions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pending_audit")),
    )
    op.create_index(
        op.f("ix_pending_audit_institution_id_id"), "pending_audit", ["institution_id", "id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_pending_audit_institution_id_id"), table_name="pending_audit")
    op.drop_table("pending_audit")
    op.drop_index(op.f("ix_pending_changes_institution_id_id"), table_name="pending_changes")
    op.drop_table("pending_changes")
