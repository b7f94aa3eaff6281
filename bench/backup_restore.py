"""Benchmark of server backups and restores (issue 9) on a server holding real submissions.

The real app on 127.0.0.1 (SQLite, or PostgreSQL with ``--backend postgresql``) receives ``--count``
submissions of about 1 KB from one device through the device API (signed pushes of 100), every
``--every``-th with a sealed attachment of ``--attachment-kb`` KB uploaded first. Then, timed:

1. ``backup``: ``tambo-server backup`` into an empty folder (database snapshot, every file copied and
   hashed, manifest, fsync);
2. ``nightly``: a second backup into the same folder the next "night" (unchanged files hard-linked);
3. ``restore``: into an empty database and data folder (every file of the backup checked first, the
   row counts, keys and referenced files checked after).

Targets: for 10,000 submissions, each step under 60 s on the development machine (2 CPUs); and the
nightly backup links every unchanged attachment instead of copying it again.

    .venv/bin/python bench/backup_restore.py                          # 10,000 on SQLite, 1 in 10 with 200 KB
    .venv/bin/python bench/backup_restore.py --backend postgresql     # TAMBO_TEST_POSTGRES_URL's server

The script exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from shared.forms import demo_catalog_dir  # noqa: E402
from sync_server.context import Server  # noqa: E402
from sync_server.maintenance.backup import make_backup  # noqa: E402
from sync_server.maintenance.restore import restore_backup  # noqa: E402
from sync_server.ops import admin  # noqa: E402
from sync_server.storage import migrate  # noqa: E402
from tests.installers.support import serving, settings_for  # noqa: E402
from tests.sync_server.device_client import enroll_new_device  # noqa: E402

STEP_TARGET_SECONDS = 60.0
TARGET_COUNT = 10_000


@contextmanager
def empty_postgres(admin_url: str, role: str) -> Iterator[str]:
    """An empty database named for this run and ``role``, dropped afterwards."""
    url = sa.make_url(admin_url)
    name = f"tambo_bench_{role}_{os.getpid()}"
    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


def fill(settings, count: int, every: int, attachment_kb: int) -> None:
    """``count`` accepted submissions through the device API, in signed pushes of 100."""
    server = Server.open(settings)
    migrate.upgrade(server.db)
    admin.create_institution(server, "muni-demo", "Municipalidad de Prueba", actor="bench")
    definitions = admin.read_definitions(sorted(demo_catalog_dir().glob("*.json")))
    admin.load_catalog(server, "muni-demo", definitions, actor="bench")
    with serving(settings) as url:
        device = enroll_new_device(url, server, "muni-demo", "Mesa 1")
        batch = []
        for n in range(count):
            files = []
            if every and n % every == 0:
                files = [(os.urandom(attachment_kb * 1024), "application/pdf", f"escaneo-{n}.pdf")]
            sealed = device.seal(files=files)
            for blob in sealed.blobs.values():
                device.upload(blob, chunk_size=1024 * 1024)
            batch.append(sealed.envelope)
            if len(batch) == 100 or n == count - 1:
                results = device.push(batch).json()["results"]
                refused = [r for r in results if r["status"] != "accepted"]
                if refused:
                    raise RuntimeError(f"the server did not accept: {refused[:3]}")
                batch = []
    server.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--count", type=int, default=TARGET_COUNT)
    parser.add_argument("--every", type=int, default=10, help="one submission in N has an attachment")
    parser.add_argument("--attachment-kb", type=int, default=200)
    args = parser.parse_args(argv)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one access line per request otherwise
    with ExitStack() as stack:
        work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="tambo-bench-backup-")))
        if args.backend == "postgresql":
            admin_url = os.environ.get("TAMBO_TEST_POSTGRES_URL")
            if not admin_url:
                print("postgresql: set TAMBO_TEST_POSTGRES_URL (scripts/test.sh starts one)", file=sys.stderr)
                return 2
            source_url = stack.enter_context(empty_postgres(admin_url, "source"))
            target_url = stack.enter_context(empty_postgres(admin_url, "restore"))
        else:
            source_url = f"sqlite:///{work / 'source.sqlite3'}"
            target_url = f"sqlite:///{work / 'target.sqlite3'}"
        source = settings_for(work / "source", source_url)
        start = time.perf_counter()
        fill(source, args.count, args.every, args.attachment_kb)
        print(f"{args.backend}: {args.count:,} submissions pushed in {time.perf_counter() - start:,.0f} s")

        server = Server.open(source)
        first = make_backup(server, work / "backups")
        nightly = make_backup(server, work / "backups")
        server.close()
        target = settings_for(work / "target", target_url)
        restored = restore_backup(target, nightly.path)

    print("| step | seconds | submissions/s | database MB | files | files MB |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, seconds, result in (
        ("backup", first.seconds, first),
        ("nightly backup (files linked)", nightly.seconds, nightly),
        ("restore", restored.seconds, nightly),
    ):
        print(
            f"| {name} | {seconds:.1f} | {args.count / seconds:,.0f} | {result.database_bytes / 1e6:,.1f} | "
            f"{result.files:,} | {result.files_bytes / 1e6:,.1f} |"
        )
    print(f"nightly backup: {nightly.linked:,} of {nightly.files:,} files linked from the first")
    missed = []
    if args.count >= TARGET_COUNT:
        for name, seconds in (
            ("backup", first.seconds),
            ("nightly", nightly.seconds),
            ("restore", restored.seconds),
        ):
            if seconds > STEP_TARGET_SECONDS:
                missed.append(f"{name} took {seconds:.1f} s (target {STEP_TARGET_SECONDS:.0f} s)")
    if nightly.linked != first.files:
        missed.append(f"the nightly backup copied {first.files - nightly.linked} unchanged files again")
    for line in missed:
        print(f"TARGET MISSED: {line}", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
