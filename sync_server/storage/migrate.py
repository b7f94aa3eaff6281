"""Running and checking the Alembic migrations shipped inside the package (no alembic.ini needed)."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from shared import errors
from shared.errors import TamboError
from sync_server.storage.database import Database

SCRIPT_LOCATION = "sync_server.storage:migrations"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(db: Database, revision: str = "head") -> None:
    """Bring the schema up to ``revision`` in one transaction (a failed migration changes nothing)."""
    config = alembic_config()
    with db.write() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


def check_schema(db: Database) -> None:
    """Refuse to serve a database whose schema is missing, behind or ahead of this code."""
    current, head = current_revision(db), head_revision()
    if current != head:
        raise TamboError(errors.SERVER_SCHEMA_OUTDATED, params={"current": current or "—", "head": head})
