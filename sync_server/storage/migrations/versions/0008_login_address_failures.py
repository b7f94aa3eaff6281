"""The console's per-address login throttle: failed logins per client address and (institution, login),
so that password spraying (one password against many user names from one address) is slowed as well
as guessing one account's password (``login_throttle``, migration 0002).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

AT = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "login_address_failures",
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("institution_id", sa.String(length=64), nullable=False),
        sa.Column("login", sa.String(length=100), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", AT, nullable=False),
        sa.PrimaryKeyConstraint("address", "institution_id", "login", name=op.f("pk_login_address_failures")),
    )
    op.create_index(
        op.f("ix_login_address_failures_last_failure_at"),
        "login_address_failures",
        ["last_failure_at"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_login_address_failures_last_failure_at"), table_name="login_address_failures")
    op.drop_table("login_address_failures")
