"""Consistent copies of the server database, and putting one back, with each backend's own tools.

SQLite: the online backup API (``sqlite3.Connection.backup``), which copies a consistent snapshot while
the server keeps writing, and writes into a target through SQLite itself (its locks and its WAL), so a
restore never leaves a stale ``-wal`` file beside a replaced database.

PostgreSQL: ``pg_dump --format=custom`` on a snapshot exported from a REPEATABLE READ transaction in
which the rows are also counted, so the counts in the manifest are exactly those of the dump. A
restore turns the dump into SQL (``pg_restore --file``) and runs it with ``psql --single-transaction``
after a script that drops the current tables: the old database and the restored one are never mixed,
and a failure changes nothing.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import Connection, create_engine, func, inspect, select, table, text
from sqlalchemy.engine import make_url

from shared import errors
from shared.errors import TamboError
from sync_server.blobs import _fsync_directory as _fsync
from sync_server.storage import Database

DUMP_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


def dialect_of(url: str) -> str:
    return make_url(url).get_backend_name()


def table_counts(conn: Connection) -> dict[str, int]:
    """Rows per table (every table of the schema, the console's and future ones included)."""
    names = sorted(inspect(conn).get_table_names())
    return {name: conn.execute(select(func.count()).select_from(table(name))).scalar_one() for name in names}


def sqlite_path(url: str) -> Path:
    return Path(make_url(url).database or "")


def sqlite_file_counts(path: Path) -> dict[str, int]:
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as conn:
            return table_counts(conn)
    finally:
        engine.dispose()


# --- taking a copy ---------------------------------------------------------------------------------
def snapshot(db: Database, url: str, target: Path) -> dict[str, int]:
    """Write a consistent copy of the database to ``target``; the row counts of that very copy."""
    if db.dialect == "sqlite":
        copy_sqlite(sqlite_path(url), target)
        with sqlite3.connect(target) as conn:
            conn.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        conn.close()
        _fsync(target)
        return sqlite_file_counts(target)
    tool = require_tool("pg_dump")
    uri, env = libpq(url)
    with db.engine.connect() as conn:
        conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            snapshot_id = conn.execute(text("SELECT pg_export_snapshot()")).scalar_one()
            counts = table_counts(conn)
            run_tool(
                [
                    tool,
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot_id}",
                    f"--file={target}",
                    f"--dbname={uri}",
                ],
                env,
            )
    _fsync(target)
    return counts


def copy_sqlite(source: Path, target: Path) -> None:
    """SQLite's online backup from ``source`` into ``target`` (created or overwritten through SQLite)."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=60)
    dst = sqlite3.connect(target, timeout=60)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def check_sqlite_file(path: Path) -> str:
    """``""`` when the file is a sound SQLite database, else what ``PRAGMA integrity_check`` says."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    problems = [row[0] for row in rows if row[0] != "ok"]
    return "; ".join(problems[:5])


# --- what is in the target -------------------------------------------------------------------------
def existing_tables(db: Database) -> list[str]:
    with db.engine.connect() as conn:
        return sorted(inspect(conn).get_table_names())


# --- putting a copy back ---------------------------------------------------------------------------
def restore_postgres(db: Database, url: str, dump: Path, workdir: Path) -> None:
    """Replace every table of the target by the dump's, in one transaction (nothing changes on error)."""
    pg_restore, psql = require_tool("pg_restore"), require_tool("psql")
    uri, env = libpq(url)
    script = workdir / "restore.sql"
    run_tool([pg_restore, "--no-owner", "--no-privileges", f"--file={script}", str(dump)], env)
    drop = workdir / "drop.sql"
    drop.write_text(_drop_script(db), encoding="utf-8")
    run_tool(
        [
            psql,
            "--no-psqlrc",
            "--quiet",
            "--single-transaction",
            "--set=ON_ERROR_STOP=1",
            f"--dbname={uri}",
            f"--file={drop}",
            f"--file={script}",
        ],
        env,
    )


_OUR_FUNCTIONS = text(
    "SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
    "WHERE n.nspname = current_schema() AND starts_with(p.proname, 'tambo_')"
)


def _drop_script(db: Database) -> str:
    """Drop what the schema made: views, tables, sequences, and the functions of its triggers (named
    ``tambo_...``, e.g. the audit log's append-only guard), which the dump creates again."""
    with db.engine.connect() as conn:
        inspector = inspect(conn)
        tables = inspector.get_table_names()
        views = inspector.get_view_names()
        sequences = inspector.get_sequence_names()
        functions = list(conn.execute(_OUR_FUNCTIONS).scalars())
    quote = db.engine.dialect.identifier_preparer.quote
    lines = [f"DROP VIEW IF EXISTS {quote(name)} CASCADE;" for name in views]
    lines += [f"DROP TABLE IF EXISTS {quote(name)} CASCADE;" for name in tables]
    lines += [f"DROP SEQUENCE IF EXISTS {quote(name)} CASCADE;" for name in sequences]
    lines += [f"DROP FUNCTION IF EXISTS {signature} CASCADE;" for signature in functions]
    return "\n".join(lines) + "\n"


def dump_postgres(url: str, target: Path) -> None:
    """A plain ``pg_dump`` of the target before it is replaced (the safety copy of ``--replace``)."""
    uri, env = libpq(url)
    run_tool([require_tool("pg_dump"), "--format=custom", f"--file={target}", f"--dbname={uri}"], env)
    _fsync(target)


# --- the PostgreSQL client tools -------------------------------------------------------------------
def libpq(url: str) -> tuple[str, dict[str, str]]:
    """The libpq URI of a SQLAlchemy URL, and the environment with its password (never on a command line)."""
    parsed = make_url(url)
    env = {**os.environ}
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    uri = parsed.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    return uri, env


def require_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise TamboError(errors.BACKUP_TOOL_MISSING, params={"tool": name})
    return found


def run_tool(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        problem = (done.stderr or done.stdout).strip().splitlines()
        raise TamboError(
            errors.BACKUP_TOOL_FAILED,
            params={
                "tool": Path(command[0]).name,
                "problem": " ".join(problem[-3:]) or f"código {done.returncode}",
            },
        )
