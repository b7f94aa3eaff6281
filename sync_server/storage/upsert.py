"""``INSERT ... ON CONFLICT DO NOTHING`` for the backend at hand.

Idempotency rests on unique constraints, not on a check-then-insert that two workers could both pass:
the database decides who was first, and the loser learns it from a zero row count.
"""

from __future__ import annotations

from sqlalchemy import Connection, Table
from sqlalchemy.dialects import postgresql, sqlite


def insert_ignoring_conflicts(conn: Connection, table: Table) -> postgresql.Insert | sqlite.Insert:
    if conn.dialect.name == "postgresql":
        return postgresql.insert(table).on_conflict_do_nothing()
    return sqlite.insert(table).on_conflict_do_nothing()
