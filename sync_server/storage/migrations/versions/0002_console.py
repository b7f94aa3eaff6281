"""The officials' console: case state on submissions, inbox indexes, sessions, login throttle,
coordinators' institutions, the case log and catalog drafts.

On PostgreSQL a trigram index (extension ``pg_trgm``, shipped with PostgreSQL's contrib and trusted,
so the database owner may create it) on the lower-cased applicant name lets the inbox's "name
contains" search use an index on a million rows; SQLite gets a plain expression index.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
AT = sa.DateTime(timezone=True)
FINAL_STATUSES = ("rejected", "resolved", "archived", "not_submitted")
INBOX_INDEXES = ("seq", "status", "service_id", "unit_code", "assignee_id", "due_date", "official_date")
TRIGRAM_INDEX = "ix_submissions_applicant_name_trgm"


def _inbox_index(column: str) -> tuple[str, list[str]]:
    columns = ["institution_id", column] if column == "seq" else ["institution_id", column, "seq"]
    return "ix_submissions_" + "_".join(columns), columns


def upgrade() -> None:
    with op.batch_alter_table("submissions") as batch:
        batch.add_column(sa.Column("unit_code", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("assignee_id", sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column("closed_at", AT, nullable=True))
    op.execute(
        "UPDATE submissions SET unit_code = (SELECT services.unit_code FROM services"
        " WHERE services.institution_id = submissions.institution_id"
        " AND services.service_id = submissions.service_id)"
    )
    finals = ", ".join(f"'{status}'" for status in FINAL_STATUSES)
    op.execute(f"UPDATE submissions SET closed_at = status_at WHERE status IN ({finals})")
    for column in INBOX_INDEXES:
        name, columns = _inbox_index(column)
        op.create_index(name, "submissions", columns, unique=False)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")  # a trusted extension: the owner may create it
        op.execute(
            f"CREATE INDEX {TRIGRAM_INDEX} ON submissions USING gin (lower(applicant_name) gin_trgm_ops)"
        )
    else:
        op.execute(f"CREATE INDEX {TRIGRAM_INDEX} ON submissions (lower(applicant_name))")

    op.create_table(
        "console_sessions",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("institution_id", sa.String(length=64), nullable=False),
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        sa.Column("created_at", AT, nullable=False),
        sa.Column("last_seen_at", AT, nullable=False),
        sa.Column("expires_at", AT, nullable=False),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institutions.id"],
            name=op.f("fk_console_sessions_institution_id_institutions"),
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_console_sessions_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_console_sessions")),
    )
    op.create_index(op.f("ix_console_sessions_user_id"), "console_sessions", ["user_id"], unique=False)
    op.create_index(op.f("ix_console_sessions_expires_at"), "console_sessions", ["expires_at"], unique=False)
    op.create_table(
        "login_throttle",
        sa.Column("institution_id", sa.String(length=64), nullable=False),
        sa.Column("login", sa.String(length=100), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", AT, nullable=False),
        sa.Column("locked_until", AT, nullable=True),
        sa.PrimaryKeyConstraint("institution_id", "login", name=op.f("pk_login_throttle")),
    )
    op.create_table(
        "user_institutions",
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("institution_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institutions.id"],
            name=op.f("fk_user_institutions_institution_id_institutions"),
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_user_institutions_user_id_users")),
        sa.PrimaryKeyConstraint("user_id", "institution_id", name=op.f("pk_user_institutions")),
    )
    op.create_table(
        "case_log",
        sa.Column("id", BIG_ID, autoincrement=True, nullable=False),
        sa.Column("institution_id", sa.String(length=64), nullable=False),
        sa.Column("submission_id", sa.String(length=26), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("at", AT, nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("unit_code", sa.String(length=100), nullable=True),
        sa.Column("assignee_id", sa.BigInteger(), nullable=True),
        sa.Column("body", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["institution_id"], ["institutions.id"], name=op.f("fk_case_log_institution_id_institutions")
        ),
        sa.ForeignKeyConstraint(
            ["submission_id"], ["submissions.id"], name=op.f("fk_case_log_submission_id_submissions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_log")),
    )
    op.create_index(op.f("ix_case_log_submission_id"), "case_log", ["submission_id"], unique=False)
    op.create_table(
        "catalog_drafts",
        sa.Column("institution_id", sa.String(length=64), nullable=False),
        sa.Column("service_id", sa.String(length=100), nullable=False),
        sa.Column("definition", sa.Text(), nullable=False),
        sa.Column("base_version", sa.Integer(), nullable=True),
        sa.Column("updated_at", AT, nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institutions.id"],
            name=op.f("fk_catalog_drafts_institution_id_institutions"),
        ),
        sa.PrimaryKeyConstraint("institution_id", "service_id", name=op.f("pk_catalog_drafts")),
    )


def downgrade() -> None:
    op.drop_table("catalog_drafts")
    op.drop_table("case_log")
    op.drop_table("user_institutions")
    op.drop_table("login_throttle")
    op.drop_table("console_sessions")
    op.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")
    for column in INBOX_INDEXES:
        op.drop_index(_inbox_index(column)[0], table_name="submissions")
    with op.batch_alter_table("submissions") as batch:
        batch.drop_column("closed_at")
        batch.drop_column("assignee_id")
        batch.drop_column("unit_code")
