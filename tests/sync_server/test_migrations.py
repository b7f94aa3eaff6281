"""The shipped migrations build exactly the tables the code uses, on both backends, and can go back."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from shared import errors
from shared.errors import TamboError
from sync_server.storage import Database, migrate, open_database
from sync_server.storage.schema import metadata


def differences(db: Database) -> list:
    """What the migrated database lacks or has beyond the code's tables. SQLite cannot reflect the
    expression index of the name search (it exists on PostgreSQL only), which Alembic says each time."""
    with db.engine.connect() as conn, warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*expression-based index.*", category=UserWarning)
        warnings.filterwarnings("ignore", message=r".*unsupported reflection of expression-based index.*")
        return compare_metadata(MigrationContext.configure(conn), metadata)


def test_the_migrated_database_matches_the_schema(db: Database, backend: str) -> None:
    assert migrate.current_revision(db) == migrate.head_revision()
    assert differences(db) == []
    migrate.check_schema(db)


def test_downgrade_and_upgrade_again(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    migrate.upgrade(db)
    migrate.upgrade(db)  # idempotent
    config = migrate.alembic_config()
    with db.write() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "base")
    assert migrate.current_revision(db) is None
    assert sa.inspect(db.engine).get_table_names() == ["alembic_version"]
    migrate.upgrade(db)
    assert differences(db) == []


def test_an_empty_database_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'vacia.sqlite3'}")
    with pytest.raises(TamboError) as caught:
        migrate.check_schema(db)
    assert caught.value.code == errors.SERVER_SCHEMA_OUTDATED
    assert "tambo-server init" in caught.value.message()
