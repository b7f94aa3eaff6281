"""Sync bundles received (with their acknowledgement files) and the clock skew devices report: the
coordinator's view of sites that sync by USB stick, and of device health (sync_server/storage/bundles.py).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

AT = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "bundles",
        sa.Column("bundle_id", sa.String(length=26), nullable=False),
        sa.Column("institution_id", sa.String(length=64), nullable=False),
        sa.Column("device_id", sa.String(length=24), nullable=False),
        sa.Column("created_at", AT, nullable=False),
        sa.Column("received_at", AT, nullable=False),
        sa.Column("last_received_at", AT, nullable=False),
        sa.Column("uploads", sa.Integer(), nullable=False),
        sa.Column("uploaded_by", sa.String(length=100), nullable=False),
        sa.Column("items", sa.Integer(), nullable=False),
        sa.Column("accepted", sa.Integer(), nullable=False),
        sa.Column("duplicates", sa.Integer(), nullable=False),
        sa.Column("rejected", sa.Integer(), nullable=False),
        sa.Column("waiting", sa.Integer(), nullable=False),
        sa.Column("pending_count", sa.Integer(), nullable=False),
        sa.Column("app_version", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("ack", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["institution_id"], ["institutions.id"], name=op.f("fk_bundles_institution_id_institutions")
        ),
        sa.PrimaryKeyConstraint("bundle_id", name=op.f("pk_bundles")),
    )
    op.create_index(
        op.f("ix_bundles_institution_id_device_id_created_at"),
        "bundles",
        ["institution_id", "device_id", "created_at"],
        unique=False,
    )
    op.create_table(
        "device_clocks",
        sa.Column("device_id", sa.String(length=24), nullable=False),
        sa.Column("institution_id", sa.String(length=64), nullable=False),
        sa.Column("skew_seconds", sa.Integer(), nullable=False),
        sa.Column("checked_at", AT, nullable=False),
        sa.ForeignKeyConstraint(
            ["institution_id"], ["institutions.id"], name=op.f("fk_device_clocks_institution_id_institutions")
        ),
        sa.PrimaryKeyConstraint("device_id", name=op.f("pk_device_clocks")),
    )


def downgrade() -> None:
    op.drop_table("device_clocks")
    op.drop_index(op.f("ix_bundles_institution_id_device_id_created_at"), table_name="bundles")
    op.drop_table("bundles")
