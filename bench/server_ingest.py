"""Benchmark of the sync server's ingest (issue 3): many devices pushing at once, as in production.

The server is started the way an operator starts it: ``tambo-server init --demo``, then, as
docs/server.md recommends, on PostgreSQL gunicorn with several worker processes
(``sync_server.wsgi:create()``, threads per worker) and on SQLite ``tambo-server run`` (waitress, one
process, workers × threads threads: SQLite has one writer at a time, and threads of one process queue
for it more cheaply than processes do); ``--server`` forces one or the other. N simulated devices
(default 50) are enrolled through the real ``/enroll`` route, and each pushes batches of 100 real
submissions of about 1 KB (sealed to the institution, signed by the device, every request signed) at
the same time. Envelopes are sealed before the clock
starts, so the figure is the server's, not the simulated devices' sealing.

Printed per backend: accepted submissions/s, p50/p99/max push latency (one push = one batch of 100),
server RSS (all processes), CPU seconds used by the server, and a duplicates pass (every batch pushed
again) that must answer ``duplicate`` for every item and add no rows.

Target on the 2-core development machine: >= 1,000 accepted submissions/s on PostgreSQL with fsync on.

    .venv/bin/python bench/server_ingest.py                        # SQLite and PostgreSQL
    .venv/bin/python bench/server_ingest.py --backend postgresql --devices 50 --batches 4
    .venv/bin/python bench/server_ingest.py --backend postgresql --server waitress --workers 1 --threads 16

PostgreSQL comes from ``--postgres-url`` (an administrator URL: the script creates and drops its own
database), else ``TAMBO_BENCH_POSTGRES_URL`` or ``TAMBO_TEST_POSTGRES_URL`` (``scripts/test.sh`` starts
one). The script exits 1 when the PostgreSQL target is missed or a duplicate added a row.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402
import sqlalchemy as sa  # noqa: E402

from shared.crypto import b64e  # noqa: E402
from shared.protocol import PushRequest, encode  # noqa: E402
from sync_server.config import Settings  # noqa: E402
from sync_server.context import Server  # noqa: E402
from sync_server.ops.admin import DEMO_INSTITUTION_ID  # noqa: E402
from sync_server.storage.submissions import count_submissions  # noqa: E402
from tests.sync_server.device_client import DeviceClient, enroll_new_device, valid_answers  # noqa: E402
from tests.sync_server.processes import free_port  # noqa: E402

TARGET_PER_SECOND = 1000.0
MASTER_KEY = b64e(os.urandom(32))


@dataclass
class Result:
    backend: str
    server: str = ""
    accepted: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    other: dict[str, int] = field(default_factory=dict)
    envelope_bytes: float = 0.0
    rss_mib: float = 0.0
    peak_rss_mib: float = 0.0
    server_cpu_seconds: float = 0.0
    database_cpu_seconds: float | None = None
    client_cpu_seconds: float = 0.0
    machine_busy_seconds: float = 0.0
    duplicates: int = 0
    retries: int = 0
    duplicate_seconds: float = 0.0
    rows_before_duplicates: int = 0
    rows_after_duplicates: int = 0

    @property
    def per_second(self) -> float:
        return self.accepted / self.seconds if self.seconds else 0.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


@contextmanager
def postgres_database(admin_url: str) -> Iterator[str]:
    """A fresh database for this run, dropped afterwards."""
    url = sa.make_url(admin_url)
    name = f"tambo_bench_{os.getpid()}"
    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


def server_kind(args: argparse.Namespace, backend: str) -> str:
    if args.server != "auto":
        return args.server
    return "waitress" if backend == "sqlite" else "gunicorn"


def server_command(args: argparse.Namespace, kind: str, port: int) -> list[str]:
    if kind == "waitress":
        return [
            sys.executable,
            "-m",
            "sync_server.cli",
            "run",
            "--port",
            str(port),
            "--threads",
            str(args.workers * args.threads),
        ]
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "--workers",
        str(args.workers),
        "--worker-class",
        "gthread",
        "--threads",
        str(args.threads),
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        "sync_server.wsgi:create()",
    ]


def process_tree(pid: int) -> list[int]:
    """``pid`` and its descendants (gunicorn's master and its workers)."""
    children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False)
    found = [pid]
    for line in children.stdout.split():
        found += process_tree(int(line))
    return found


def cpu_by_process(pids: list[int]) -> dict[int, float]:
    """CPU seconds (user + system) each process has used so far."""
    used = {}
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        used[pid] = (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")
    return used


def cpu_since(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU used between two readings, counting processes started in between from zero."""
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


def memory_and_cpu(pids: list[int]) -> tuple[float, float, float]:
    """Current RSS (MiB), peak RSS (MiB) summed over ``pids``, and their CPU seconds so far."""
    rss = peak = 0.0
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except FileNotFoundError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                rss += int(line.split()[1]) / 1024
            elif line.startswith("VmHWM:"):
                peak += int(line.split()[1]) / 1024
    return rss, peak, sum(cpu_by_process(pids).values())


def database_pids(server: Server) -> list[int]:
    """PostgreSQL's processes serving this database, and its WAL writer and checkpointer (shared with
    other databases of the cluster, but they do our fsyncs); none when PostgreSQL is elsewhere."""
    if server.db.dialect != "postgresql":
        return []
    query = sa.text(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
        "OR backend_type IN ('walwriter', 'checkpointer', 'background writer')"
    )
    with server.db.read() as conn:
        pids = list(conn.execute(query).scalars())
    return [pid for pid in pids if Path(f"/proc/{pid}").exists()]


def machine_busy_seconds() -> float:
    """CPU time the whole machine has spent not idle since boot (all cores), from /proc/stat."""
    fields = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def own_cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system


@contextmanager
def running_server(
    args: argparse.Namespace, kind: str, env: dict[str, str], port: int
) -> Iterator[subprocess.Popen]:
    # The server logs a line per request: to a file, since a pipe nobody reads fills up and then
    # blocks every request thread on the logging lock.
    log_path = Path(env["TAMBO_SERVER_HOME"]) / "server.log"
    log = log_path.open("wb")
    process = subprocess.Popen(server_command(args, kind, port), env=env, cwd=ROOT, stderr=log)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                pass  # not listening yet, or its workers are still starting
            if process.poll() is not None:
                raise SystemExit(log_path.read_text(errors="replace")[-4000:] or "the server died")
            if time.monotonic() > deadline:
                raise SystemExit("the server did not start")
            time.sleep(0.2)
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
        log.close()


def prepare_devices(url: str, server: Server, count: int) -> list[DeviceClient]:
    return [enroll_new_device(url, server, DEMO_INSTITUTION_ID, f"Banco {n + 1}") for n in range(count)]


def prepare_bodies(devices: list[DeviceClient], batches: int, batch: int) -> tuple[list[list[bytes]], float]:
    """The push bodies of every device, sealed and encoded ahead; and the mean envelope size in bytes."""
    bodies: list[list[bytes]] = []
    sizes: list[int] = []
    answers = valid_answers()
    for device in devices:
        mine = []
        for _ in range(batches):
            envelopes = [device.seal(answers).envelope for _ in range(batch)]
            sizes += [len(encode(envelope)) for envelope in envelopes]
            mine.append(encode(PushRequest(items=envelopes)))
        bodies.append(mine)
    return bodies, statistics.mean(sizes)


def push_all(
    devices: list[DeviceClient], bodies: list[list[bytes]], result: Result, *, duplicates: bool
) -> float:
    """Every device pushes its batches one after another, all devices at once; the wall time."""
    lock = threading.Lock()
    start = threading.Barrier(len(devices) + 1)
    failures: list[str] = []

    def send(device: DeviceClient, body: bytes) -> tuple[requests.Response, bool]:
        """Like a device: a connection the server closed while it sat idle (keep-alive) is retried once,
        freshly signed; whatever the first attempt stored comes back as duplicate. True if retried."""
        try:
            return device.request("POST", "/push", body), False
        except requests.ConnectionError:
            with lock:
                result.retries += 1
            return device.request("POST", "/push", body), True

    def device_loop(device: DeviceClient, mine: list[bytes]) -> None:
        start.wait()
        for body in mine:
            began = time.perf_counter()
            try:
                response, retried = send(device, body)
            except requests.RequestException as exc:
                failures.append(repr(exc))
                return
            took = time.perf_counter() - began
            if response.status_code != 200:
                failures.append(f"{response.status_code} {response.text[:300]}")
                return
            statuses = [item["status"] for item in response.json()["results"]]
            with lock:
                if duplicates:
                    result.duplicates += statuses.count("duplicate")
                else:
                    result.latencies.append(took)
                    result.accepted += statuses.count("accepted")
                    if retried:  # stored by the attempt whose answer was lost
                        result.accepted += statuses.count("duplicate")
                for status in statuses:
                    expected = {"duplicate"} if duplicates or retried else set()
                    if status not in expected | ({"accepted"} if not duplicates else set()):
                        result.other[status] = result.other.get(status, 0) + 1

    threads = [
        threading.Thread(target=device_loop, args=(device, mine), daemon=True)
        for device, mine in zip(devices, bodies, strict=True)
    ]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    if failures:
        raise SystemExit(f"{len(failures)} pushes failed; first: {failures[0]}")
    return time.perf_counter() - began


def run_backend(args: argparse.Namespace, backend: str, database_url: str | None) -> Result:
    kind = server_kind(args, backend)
    shape = (
        f"{args.workers * args.threads} threads" if kind == "waitress" else f"{args.workers}×{args.threads}"
    )
    result = Result(backend, f"{kind} ({shape})")
    with tempfile.TemporaryDirectory(prefix="tambo-bench-") as tmp:
        home = Path(tmp) / "server"
        port = free_port()
        env = {
            **os.environ,
            "TAMBO_SERVER_HOME": str(home),
            "TAMBO_MASTER_KEY": MASTER_KEY,
            "TAMBO_PUBLIC_URL": f"http://127.0.0.1:{port}",
            "TAMBO_DATABASE_POOL_SIZE": str(args.pool_size),
        }
        if database_url:
            env["TAMBO_DATABASE_URL"] = database_url
        init = [sys.executable, "-m", "sync_server.cli", "init", "--demo"]
        subprocess.run(init, env=env, cwd=ROOT, check=True, capture_output=True)
        settings = Settings.load(environ=env)
        admin_server = Server.open(settings)
        try:
            with running_server(args, kind, env, port) as process:
                url = f"http://127.0.0.1:{port}"
                devices = prepare_devices(url, admin_server, args.devices)
                print(
                    f"  {backend}: sealing {args.devices * args.batches * args.batch} submissions…",
                    flush=True,
                )
                bodies, result.envelope_bytes = prepare_bodies(devices, args.batches, args.batch)
                pids = process_tree(process.pid)
                _, _, cpu_before = memory_and_cpu(pids)
                db_cpu_before = cpu_by_process(database_pids(admin_server))
                busy_before, client_before = machine_busy_seconds(), own_cpu_seconds()
                print(f"  {backend}: pushing…", flush=True)
                result.seconds = push_all(devices, bodies, result, duplicates=False)
                result.machine_busy_seconds = machine_busy_seconds() - busy_before
                result.client_cpu_seconds = own_cpu_seconds() - client_before
                result.rss_mib, result.peak_rss_mib, cpu_after = memory_and_cpu(pids)
                result.server_cpu_seconds = cpu_after - cpu_before
                if db_cpu_before:
                    db_cpu_after = cpu_by_process(database_pids(admin_server))
                    result.database_cpu_seconds = cpu_since(db_cpu_before, db_cpu_after)
                with admin_server.db.read() as conn:
                    result.rows_before_duplicates = count_submissions(conn, DEMO_INSTITUTION_ID)
                print(f"  {backend}: pushing everything again (duplicates)…", flush=True)
                result.duplicate_seconds = push_all(devices, bodies, result, duplicates=True)
                with admin_server.db.read() as conn:
                    result.rows_after_duplicates = count_submissions(conn, DEMO_INSTITUTION_ID)
        finally:
            admin_server.close()
    return result


def report(results: list[Result], args: argparse.Namespace) -> bool:
    print()
    print(
        f"{args.devices} devices × {args.batches} pushes × {args.batch} submissions; "
        f"database pool {args.pool_size} per worker process"
    )
    print(
        "| backend | server | accepted/s | push p50 ms | push p99 ms | max ms | server RSS MiB (peak) | "
        "server CPU s | database CPU s | duplicates/s | rows added by duplicates |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    ok = True
    for r in results:
        dup_rate = r.duplicates / r.duplicate_seconds if r.duplicate_seconds else 0.0
        added = r.rows_after_duplicates - r.rows_before_duplicates
        db_cpu = "—" if r.database_cpu_seconds is None else f"{r.database_cpu_seconds:,.1f}"
        print(
            f"| {r.backend} | {r.server} | {r.per_second:,.0f} | {percentile(r.latencies, 50) * 1000:,.0f} | "
            f"{percentile(r.latencies, 99) * 1000:,.0f} | {max(r.latencies) * 1000:,.0f} | "
            f"{r.rss_mib:,.0f} ({r.peak_rss_mib:,.0f}) | {r.server_cpu_seconds:,.1f} | {db_cpu} | "
            f"{dup_rate:,.0f} | {added} |"
        )
        ours = r.server_cpu_seconds + (r.database_cpu_seconds or 0.0) + r.client_cpu_seconds
        print(
            f"  {r.backend}: {r.seconds:,.1f} s on {os.cpu_count()} CPUs; CPU used by the simulated devices "
            f"{r.client_cpu_seconds:,.1f} s, by other processes on the machine "
            f"{max(0.0, r.machine_busy_seconds - ours):,.1f} s"
        )
        if r.retries:
            print(f"  {r.backend}: {r.retries} pushes retried after the server closed an idle connection")
        if r.other:
            print(f"  {r.backend}: unexpected results {r.other}")
            ok = False
        if added != 0 or r.rows_before_duplicates != r.accepted:
            ok = False
        if r.backend == "postgresql" and r.per_second < TARGET_PER_SECOND:
            print(f"  postgresql: {r.per_second:,.0f}/s is under the target of {TARGET_PER_SECOND:,.0f}/s")
            ok = False
    mean_size = statistics.mean(r.envelope_bytes for r in results)
    print(f"mean envelope size {mean_size:,.0f} bytes")
    print(json.dumps({r.backend: {"per_second": round(r.per_second, 1)} for r in results}))
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--devices", type=int, default=50)
    parser.add_argument("--batches", type=int, default=4, help="pushes per device")
    parser.add_argument("--batch", type=int, default=100, help="submissions per push")
    parser.add_argument("--server", choices=["auto", "gunicorn", "waitress"], default="auto")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument(
        "--threads", type=int, default=4, help="threads per worker (waitress: workers × this)"
    )
    parser.add_argument("--pool-size", type=int, default=4, help="database connections per worker")
    parser.add_argument("--postgres-url", default=None)
    args = parser.parse_args(argv)
    pg_url = (
        args.postgres_url
        or os.environ.get("TAMBO_BENCH_POSTGRES_URL")
        or os.environ.get("TAMBO_TEST_POSTGRES_URL")
    )
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    results = []
    for backend in backends:
        if backend == "sqlite":
            results.append(run_backend(args, backend, None))
        elif not pg_url:
            print(
                "postgresql: skipped (no --postgres-url, TAMBO_BENCH_POSTGRES_URL or TAMBO_TEST_POSTGRES_URL)"
            )
        else:
            with postgres_database(pg_url) as url:
                results.append(run_backend(args, backend, url))
    return 0 if report(results, args) else 1


if __name__ == "__main__":
    sys.exit(main())
