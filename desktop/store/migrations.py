"""Numbered schema migrations, registered with a decorator and recorded in the database.

Each migration runs in its own ``BEGIN IMMEDIATE`` transaction together with the row that records
it, and the check "already applied?" is made inside that transaction, so two processes opening the
same store at once (the window and a script) never apply one twice. A database that records a
migration this code does not know was written by a newer app: it is refused (STORE_TOO_NEW) rather
than used with a schema we cannot read.

Migrations only ever add: a released migration is never edited, a change is a new number.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from desktop.store.sqlcipher import Database
from desktop.store.writer import transaction
from shared import errors
from shared.errors import TamboError

MigrationFunction = Callable[[Database], None]


@dataclass(frozen=True, slots=True)
class Migration:
    number: int
    name: str
    apply: MigrationFunction


class Migrations:
    """A registry: ``@MIGRATIONS(1, "initial schema")`` above a function ``fn(db)``."""

    def __init__(self, table: str = "schema_migrations") -> None:
        self.table = table
        self._by_number: dict[int, Migration] = {}

    def __call__(self, number: int, name: str) -> Callable[[MigrationFunction], MigrationFunction]:
        def register(fn: MigrationFunction) -> MigrationFunction:
            if number < 1 or number in self._by_number:
                raise ValueError(f"migration number {number} is invalid or already used")
            self._by_number[number] = Migration(number, name, fn)
            return fn

        return register

    @property
    def all(self) -> list[Migration]:
        return [self._by_number[n] for n in sorted(self._by_number)]

    @property
    def latest(self) -> int:
        return max(self._by_number, default=0)

    def _ensure_table(self, db: Database) -> None:
        db.execute(
            f"CREATE TABLE IF NOT EXISTS {self.table} ("
            "number INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )

    def applied(self, db: Database) -> list[int]:
        if not db[self.table].exists():
            return []
        return [row[0] for row in db.execute(f"SELECT number FROM {self.table} ORDER BY number")]

    def apply(self, db: Database) -> list[int]:
        """Apply every pending migration in order; return the numbers applied now."""
        with transaction(db):
            self._ensure_table(db)
        unknown = [n for n in self.applied(db) if n not in self._by_number]
        if unknown:
            raise TamboError(errors.STORE_TOO_NEW, details={"unknown_migrations": unknown})
        done: list[int] = []
        for migration in self.all:
            with transaction(db):
                already = db.execute(
                    f"SELECT 1 FROM {self.table} WHERE number = ?", [migration.number]
                ).fetchone()
                if already:
                    continue
                migration.apply(db)
                db.execute(
                    f"INSERT INTO {self.table} (number, name, applied_at) VALUES (?, ?, ?)",
                    [migration.number, migration.name, datetime.now(UTC).isoformat()],
                )
            done.append(migration.number)
        return done


MIGRATIONS = Migrations()
