"""Benchmark of the officials' console on PostgreSQL with 1,000,000 submissions (issue 6).

Seeds one institution with a million submissions spread over two years (ten services in six units,
statuses that age like real ones: old cases mostly closed, recent ones open; 20 officials as
assignees; Peruvian names and DNI numbers), then times what the console runs, through the same
functions the pages call:

- inbox pages (``storage.inbox.inbox_page``: one keyset page of 50 plus the capped count) for the
  filters and sorts officials use, first pages and a page deep in the list, forwards and backwards;
- the dashboard (``ops.dashboard.build_dashboard``) for 30 and 365 days;
- a streamed CSV export of about 125,000 rows (rows/s and the Python memory peak, which must not grow
  with the number of rows).

Targets on the 2-core development machine: every inbox page p95 < 150 ms (an official clicking
through the inbox never waits; a search by part of a name < 300 ms), the dashboard p95 < 2 s even
for a year, the export's memory peak < 64 MB.

    .venv/bin/python bench/console_inbox.py                      # seed 1,000,000 rows, measure, drop
    .venv/bin/python bench/console_inbox.py --keep               # keep the database for another run
    .venv/bin/python bench/console_inbox.py --reuse              # measure a database kept before
    .venv/bin/python bench/console_inbox.py --rows 200000 --runs 10

PostgreSQL comes from ``--postgres-url`` (an administrator URL; the script creates its own database
``tambo_bench_console``), else ``TAMBO_BENCH_POSTGRES_URL`` or ``TAMBO_TEST_POSTGRES_URL``. Exits 1
when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402

from shared.crypto import b64e  # noqa: E402
from shared.forms import demo_catalog_dir  # noqa: E402
from sync_server.config import Settings  # noqa: E402
from sync_server.context import Server  # noqa: E402
from sync_server.ops import admin  # noqa: E402
from sync_server.ops.dashboard import build_dashboard  # noqa: E402
from sync_server.ops.exports import export_rows, stream_csv  # noqa: E402
from sync_server.storage import migrate, open_database  # noqa: E402
from sync_server.storage.inbox import Cursor, InboxFilter, inbox_page  # noqa: E402
from sync_server.storage.users import User  # noqa: E402

DATABASE = "tambo_bench_console"
INSTITUTION = "muni-bench"
DEVICE_ID = "devbench0000000000000000"
PAGE_TARGET_MS = 150.0
#: a name search reads every trigram match to count them (up to the cap); with the bench's few names
#: a full name matches ~7,000 rows, far more than real names do
NAME_SEARCH_TARGET_MS = 300.0
DASHBOARD_TARGET_MS = 2000.0
EXPORT_PEAK_TARGET_MB = 64.0
#: "today" for the measurements: the seeded cases run from two years before it up to it
TODAY = date(2026, 11, 23)
START = datetime(2024, 11, 24, 13, 0, tzinfo=UTC)
SECONDS_PER_ROW = 63  # 1,000,000 rows x 63 s = two years
OFFICIALS = 20

SEED_SQL = """
INSERT INTO submissions (
    id, institution_id, device_id, pushed_by, service_id, form_version, tracking_code,
    created_at, created_day, device_seq, official_date, due_date, received_at, status, status_at,
    unit_code, assignee_id, applicant_name, applicant_id, answers, details, envelope, envelope_sha256,
    closed_at)
SELECT
    lpad(to_hex(g), 26, '0'), :institution, :device, :device,
    s.service_id, 1, 'B' || lpad(to_hex(g), 15, '0'),
    t.at, t.at::date, g, t.at::date,
    CASE WHEN s.days IS NULL THEN NULL ELSE t.at::date + CAST(s.days + g % 3 AS integer) END,
    t.at, st.status, t.at, s.unit_code,
    CASE WHEN (g * 7) % 10 < 7 THEN :first_official + (g / 7) % :officials END,
    (ARRAY['Rosa','Juan','María','Pedro','Lucía','José','Carmen','Luis','Ana','Jorge'])[1 + (g * 31) % 10]
      || ' ' || (ARRAY['Mamani','Quispe','Condori','Huanca','Apaza','Ticona','Flores','Choque','Cruz',
                       'Vargas','Ramos','Gutiérrez'])[1 + (g * 17) % 12]
      || ' ' || (ARRAY['Mamani','Quispe','Condori','Huanca','Apaza','Ticona','Flores','Choque','Cruz',
                       'Vargas','Ramos','Gutiérrez'])[1 + (g / 12 * 7 + g / 144) % 12],
    lpad((10000000 + (g * 7919) % 89999999)::text, 8, '0'),
    jsonb_build_object('nombres', 'x', 'asunto', 'Pedido ' || g, 'calificacion', (1 + g % 5)::text,
                       'servicio', s.service_id),
    '{"channel": "counter", "pages": 2}'::jsonb, '{}', repeat('0', 64),
    CASE WHEN st.status IN ('resolved', 'rejected', 'archived', 'not_submitted')
         THEN t.at + ((1 + (g * 11) % 20) || ' days')::interval END
FROM generate_series(CAST(:first AS bigint), CAST(:last AS bigint)) AS g
CROSS JOIN LATERAL (SELECT :start + (g * interval '63 seconds') AS at) AS t
CROSS JOIN LATERAL (
    SELECT (ARRAY['solicitud-general','acceso-informacion-publica','constancia-domiciliaria',
                  'licencia-funcionamiento','parametros-urbanisticos','certificado-posesion',
                  'libro-reclamaciones','matrimonio-civil','encuesta-satisfaccion',
                  'solicitud-general'])[1 + g % 10] AS service_id,
           (ARRAY['tramite-documentario','secretaria-general','registro-civil','desarrollo-economico',
                  'desarrollo-urbano','desarrollo-urbano','atencion-reclamos','registro-civil',
                  'atencion-ciudadano','tramite-documentario'])[1 + g % 10] AS unit_code,
           (ARRAY[0, 10, 3, 5, 5, 10, 30, NULL, NULL, 0])[1 + g % 10] AS days
) AS s
CROSS JOIN LATERAL (
    SELECT CASE
        WHEN t.at < :closed_before THEN
            (ARRAY['resolved','resolved','resolved','resolved','resolved','resolved','resolved','rejected',
                   'archived','in_review'])[1 + (g * 37) % 10]
        ELSE (ARRAY['received','received','in_review','in_review','observed','assigned','approved',
                    'resolved','resolved','rejected'])[1 + (g * 37) % 10]
    END AS status
) AS st
"""


def admin_url(cli: str | None) -> str:
    url = cli or os.environ.get("TAMBO_BENCH_POSTGRES_URL") or os.environ.get("TAMBO_TEST_POSTGRES_URL")
    if not url:
        sys.exit("PostgreSQL needed: --postgres-url, TAMBO_BENCH_POSTGRES_URL or TAMBO_TEST_POSTGRES_URL")
    return url


def prepare_database(url: str, *, reuse: bool) -> tuple[str, bool]:
    """The benchmark database's URL, and whether it still has to be seeded."""
    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        exists = conn.execute(
            sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": DATABASE}
        ).first()
        if exists and not reuse:
            conn.execute(sa.text(f'DROP DATABASE "{DATABASE}" WITH (FORCE)'))
        if not exists or not reuse:
            conn.execute(sa.text(f'CREATE DATABASE "{DATABASE}"'))
    engine.dispose()
    return sa.make_url(url).set(database=DATABASE).render_as_string(hide_password=False), not (
        exists and reuse
    )


def seed(server: Server, rows: int) -> list[int]:
    """Institution, catalog, officials, a device, then ``rows`` submissions; the officials' ids."""
    started = time.perf_counter()
    admin.create_institution(
        server, INSTITUTION, "Municipalidad de Prueba de Carga", units=admin.demo_units(), actor="bench"
    )
    admin.load_catalog(
        server, INSTITUTION, admin.read_definitions(sorted(demo_catalog_dir().glob("*.json"))), actor="bench"
    )
    now = datetime.now(UTC)
    with server.db.write() as conn:
        ids = [
            conn.execute(
                sa.text(
                    "INSERT INTO users (institution_id, login, password_hash, role, units, active, "
                    "created_at) VALUES (:i, :l, 'x', 'official', '[\"registro-civil\"]', true, :now) "
                    "RETURNING id"
                ),
                {"i": INSTITUTION, "l": f"funcionario{n}", "now": now},
            ).scalar_one()
            for n in range(OFFICIALS)
        ]
        conn.execute(
            sa.text(
                "INSERT INTO devices (institution_id, name, prefix, device_id, public_key, status, "
                "created_at) VALUES (:i, 'Mesa de carga', 'BNCH', :d, :k, 'active', :now)"
            ),
            {"i": INSTITUTION, "d": DEVICE_ID, "k": "x" * 43, "now": now},
        )
    closed_before = datetime.combine(TODAY - timedelta(days=60), datetime.min.time(), tzinfo=UTC)
    chunk = 100_000
    for first in range(1, rows + 1, chunk):
        last = min(first + chunk - 1, rows)
        with server.db.write() as conn:
            conn.execute(
                sa.text(SEED_SQL),
                {
                    "institution": INSTITUTION,
                    "device": DEVICE_ID,
                    "first_official": ids[0],
                    "officials": OFFICIALS,
                    "first": first,
                    "last": last,
                    "start": START,
                    "closed_before": closed_before,
                },
            )
        print(f"  {last:>9,} rows  {time.perf_counter() - started:6.1f} s", flush=True)
    with server.db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(sa.text("VACUUM ANALYZE submissions"))
    print(f"seeded in {time.perf_counter() - started:.0f} s")
    return ids


def timed(fn: Callable[[], Any], runs: int) -> list[float]:
    fn()  # warm the cache
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def inbox_scenarios(server: Server, officials: list[int]) -> list[tuple[str, Callable[[], Any]]]:
    base = InboxFilter(INSTITUTION, today=TODAY)
    with server.db.read() as conn:
        middle = conn.execute(sa.text("SELECT max(seq) / 2 FROM submissions")).scalar_one()
        sample = conn.execute(
            sa.text("SELECT tracking_code, applicant_id FROM submissions WHERE seq = :s"), {"s": middle}
        ).one()

    def page(
        flt: InboxFilter, sort: str = "newest", after: Cursor | None = None, before: Cursor | None = None
    ):
        def run() -> Any:
            with server.db.read() as conn:
                return inbox_page(conn, flt, sort=sort, after=after, before=before)  # type: ignore[arg-type]

        return run

    def replace(**changes: Any) -> InboxFilter:
        return InboxFilter(**{**base.__dict__, **changes})

    return [
        ("newest first, whole institution (admin)", page(base)),
        ("page at the middle of the list (seq cursor)", page(base, after=Cursor(middle))),
        ("page backwards from the middle", page(base, before=Cursor(middle))),
        ("an official's two units", page(replace(units=("tramite-documentario", "registro-civil")))),
        ("status = observed", page(replace(status="observed"))),
        (
            "status = in_review, unit = registro-civil",
            page(replace(status="in_review", unit="registro-civil")),
        ),
        ("service = licencia-funcionamiento", page(replace(service_id="licencia-funcionamiento"))),
        ("assigned to one official", page(replace(assignee_id=officials[3]))),
        ("overdue, newest first", page(replace(overdue=True))),
        ("overdue, nearest due date first", page(replace(overdue=True), sort="due")),
        ("sort by due date, whole institution", page(base, sort="due")),
        (
            "filed in one month a year ago",
            page(replace(filed_from=date(2025, 11, 1), filed_to=date(2025, 11, 30))),
        ),
        ("tracking code", page(replace(tracking_code=sample.tracking_code))),
        ("applicant DNI", page(replace(applicant_id=sample.applicant_id))),
        ("applicant name contains 'mamani quispe'", page(replace(applicant_name="mamani quispe"))),
        ("applicant name contains 'quispe cruz'", page(replace(applicant_name="quispe cruz"))),
    ]


def explain(server: Server, label: str, fn: Callable[[], Any]) -> None:
    """Print the plan's top line of the page query (EXPLAIN without ANALYZE) for the docs."""
    statements: list[tuple[str, Any]] = []

    def capture(
        conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool
    ) -> None:
        if "LIMIT" in statement and "count(" not in statement:
            statements.append((statement, parameters))

    sa.event.listen(server.db.engine, "before_cursor_execute", capture)
    try:
        fn()
    finally:
        sa.event.remove(server.db.engine, "before_cursor_execute", capture)
    if statements:
        with server.db.read() as conn:
            plan = [row[0] for row in conn.exec_driver_sql("EXPLAIN " + statements[0][0], statements[0][1])]
        index = next((line.strip() for line in plan if "Index" in line or "Bitmap" in line), plan[0].strip())
        print(f"      plan: {index[:110]}")


def measure_export(server: Server, user: User) -> tuple[int, float, float]:
    """Rows, rows per second (a plain run), and the Python memory peak (a second run under
    tracemalloc, which slows Python down too much to time with)."""
    flt = InboxFilter(INSTITUTION, filed_from=date(2025, 6, 1), filed_to=date(2025, 8, 31), today=TODAY)

    def export() -> int:
        header, rows = export_rows(server, user, flt)
        return sum(chunk.count(b"\r\n") for chunk in stream_csv(header, rows)) - 1

    started = time.perf_counter()
    count = export()
    elapsed = time.perf_counter() - started
    tracemalloc.start()
    export()
    peak = tracemalloc.get_traced_memory()[1] / 1048576
    tracemalloc.stop()
    return count, count / elapsed, peak


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--postgres-url")
    parser.add_argument("--keep", action="store_true", help="keep the database for a later --reuse")
    parser.add_argument("--reuse", action="store_true", help="measure the database kept by --keep")
    args = parser.parse_args()
    url, fresh = prepare_database(admin_url(args.postgres_url), reuse=args.reuse)
    db = open_database(url, pool_size=2)
    migrate.upgrade(db)
    db.dispose()
    with tempfile.TemporaryDirectory() as home:
        settings = Settings(home=Path(home), database_url=url, master_key=b64e(bytes(range(32))))
        server = Server.open(settings)
        try:
            if fresh:
                print(f"seeding {args.rows:,} submissions into {DATABASE} ...")
                officials = seed(server, args.rows)
            else:
                with server.db.read() as conn:
                    officials = list(
                        conn.execute(
                            sa.text("SELECT id FROM users WHERE institution_id = :i ORDER BY id"),
                            {"i": INSTITUTION},
                        ).scalars()
                    )
            with server.db.read() as conn:
                total = conn.execute(sa.text("SELECT count(*) FROM submissions")).scalar_one()
            print(f"\n{total:,} submissions; {args.runs} runs per measure after one warm-up\n")
            failed = False
            print("| measure | p50 ms | p95 ms | max ms | target |\n|---|---:|---:|---:|---|")
            for label, fn in inbox_scenarios(server, officials):
                samples = timed(fn, args.runs)
                p95 = percentile(samples, 0.95)
                target = NAME_SEARCH_TARGET_MS if "name contains" in label else PAGE_TARGET_MS
                ok = p95 < target
                failed |= not ok
                result = fn()
                print(
                    f"| inbox: {label} ({result.total:,}{'+' if result.total_capped else ''} match) "
                    f"| {statistics.median(samples):.1f} | {p95:.1f} | {max(samples):.1f} | "
                    f"p95 < {target:.0f}{'' if ok else ' MISSED'} |",
                    flush=True,
                )
                explain(server, label, fn)
            admin_user = User(0, INSTITUTION, "bench", "admin", (), True)
            evening = datetime(2026, 11, 23, 18, tzinfo=UTC)
            for days in (30, 365):
                samples = timed(
                    lambda d=days: build_dashboard(server, admin_user, days=d, now=evening),
                    max(3, args.runs // 4),
                )
                p50, p95 = statistics.median(samples), percentile(samples, 0.95)
                ok = p95 < DASHBOARD_TARGET_MS
                failed |= not ok
                print(
                    f"| dashboard, {days} days | {p50:.0f} | {p95:.0f} | {max(samples):.0f} | "
                    f"p95 < {DASHBOARD_TARGET_MS:.0f}{'' if ok else ' MISSED'} |"
                )
            rows, rate, peak = measure_export(server, admin_user)
            ok = peak < EXPORT_PEAK_TARGET_MB
            failed |= not ok
            print(
                f"\nCSV export of {rows:,} rows: {rate:,.0f} rows/s, Python memory peak {peak:.1f} MB "
                f"(target < {EXPORT_PEAK_TARGET_MB:.0f}){'' if ok else ' MISSED'}"
            )
        finally:
            server.close()
    if not args.keep:
        engine = sa.create_engine(admin_url(args.postgres_url), isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)'))
        engine.dispose()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
