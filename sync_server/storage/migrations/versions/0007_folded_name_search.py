"""The inbox's name search ignores accents: ``tambo_fold(applicant_name)`` (lower case, accents
removed) replaces ``lower(applicant_name)`` in the search and in its index.

On PostgreSQL ``tambo_fold`` is an immutable SQL function (``translate`` over ``lower``) and the
trigram index is rebuilt over it, so "ramirez" finds "Ramírez" with the index on a million rows. On
SQLite the function is registered in Python on every connection (``sync_server.storage.database``);
the old ``lower()`` expression index, which a "contains" search never used, is dropped and not
replaced (an index over an application function would make the file unwritable to any tool that
lacks the function).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

INDEX = "ix_submissions_applicant_name_trgm"
# A copy of sync_server.storage.folding's table at the time of this migration.
FOLD_FROM = "ÁÀÄÂÉÈËÊÍÌÏÎÓÒÖÔÚÙÜÛÑÇáàäâéèëêíìïîóòöôúùüûñç"
FOLD_TO = "aaaaeeeeiiiioooouuuuncaaaaeeeeiiiioooouuuunc"


def upgrade() -> None:
    op.execute(f"DROP INDEX IF EXISTS {INDEX}")
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "CREATE FUNCTION tambo_fold(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE "
        f"AS $$ SELECT lower(translate($1, '{FOLD_FROM}', '{FOLD_TO}')) $$"
    )
    op.execute(f"CREATE INDEX {INDEX} ON submissions USING gin (tambo_fold(applicant_name) gin_trgm_ops)")


def downgrade() -> None:
    op.execute(f"DROP INDEX IF EXISTS {INDEX}")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS tambo_fold(text)")
        op.execute(f"CREATE INDEX {INDEX} ON submissions USING gin (lower(applicant_name) gin_trgm_ops)")
    else:
        op.execute(f"CREATE INDEX {INDEX} ON submissions (lower(applicant_name))")
