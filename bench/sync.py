"""Benchmark of the desktop sync engine (issue 5): the real device, the real server, a real network path.

(a) **Loopback**: 10,000 queued submissions of about 1 KB, saved through the desktop's own save path
    (sealed, signed, in the encrypted store's outbox), pushed by the sync engine to the server started
    as an operator starts it (``tambo-server init --demo`` then ``run``: waitress, SQLite by default).
    A pass-through netfault proxy (profile ``perfect``) sits in between only to count the bytes on the
    wire exactly. Printed: submissions/s end to end (from the first push until the last ack is written
    on the device), the whole run's time (ping, push, pull of the 10,000 "received" statuses, health),
    and bytes on the wire per submission against the payload: each envelope's JSON alone, gzipped.
    Targets: >= 1,000 submissions/s; <= 1.3x the compressed payload per submission.

(b) **Bad links**: 500 submissions, 20 of them with a 1 MB attachment (random bytes, incompressible
    like a scan), over the 3G-slow and EDGE profiles with every connection cut every 60 s (on top of
    each profile's own loss stalls and random resets). Printed: completion time, retransmitted bytes
    (attachment chunks sent beyond each file's size, plus push bodies that got no answer) against the
    payload, and a check that the server holds every submission once, byte-identical after opening.
    Target: retransmitted <= 10% of the payload, nothing lost or doubled.

    The links run time-compressed by ``--scale`` (default 10): bandwidth x S, and every time constant
    / S (round trip, jitter, loss stalls, spikes, the 60 s cut period, and the client's own chunk
    target and retry waits), so the run keeps the real link's proportions and takes 1/S of its time;
    the "link time" column is the measured time x S. ``--scale 1`` runs the links as they are (about
    half an hour).

    .venv/bin/python bench/sync.py                    # both parts
    .venv/bin/python bench/sync.py --only loopback --count 10000
    .venv/bin/python bench/sync.py --only links --scale 5

The script exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


from desktop.ops.api import AttachmentInput, NewSubmission  # noqa: E402
from desktop.ops.backend import LocalBackend  # noqa: E402
from desktop.store import identity, outbox  # noqa: E402
from desktop.sync.backoff import Backoff  # noqa: E402
from desktop.sync.engine import SyncEngine  # noqa: E402
from desktop.sync.progress import Progress  # noqa: E402
from desktop.sync.uploads import ChunkSizer  # noqa: E402
from shared.crypto import KdfParams, sha256_hex  # noqa: E402
from shared.protocol import EnrollmentTicket  # noqa: E402
from sync_server.config import Settings  # noqa: E402
from sync_server.context import Server  # noqa: E402
from sync_server.storage.submissions import count_submissions  # noqa: E402
from tests.netfault import FaultProxy, get_profile  # noqa: E402
from tests.sync.support import Desk, assert_server_holds_exactly  # noqa: E402
from tests.sync_server.conftest import MASTER_KEY  # noqa: E402
from tests.sync_server.processes import ServerProcess  # noqa: E402

PASSPHRASE = "clave-de-banco-de-pruebas"
CHEAP_KDF = KdfParams(memory_kib=1024, iterations=1, lanes=1)
TARGET_PER_SECOND = 1000.0
TARGET_WIRE_RATIO = 1.3
TARGET_RETRANSMITTED = 0.10


def answers(index: int, size: int = 1024) -> dict[str, object]:
    """Valid "libro de reclamaciones" answers whose JSON is about ``size`` bytes."""
    base: dict[str, object] = {
        "tipo_documento": "dni",
        "dni": f"4{index % 10_000_000:07d}",
        "nombres": "Rosa",
        "apellidos": "Quispe Mamani",
        "celular": "987654321",
        "oficina": "rentas",
        "fecha_hecho": "2026-01-05",
        "pedido": "Una respuesta por escrito.",
        "descripcion": "",
    }
    filler = size - len(json.dumps(base, ensure_ascii=False))
    base["descripcion"] = ("Me atendieron tarde y sin explicaciones claras. " * 40)[: max(filler, 20)]
    return base


def open_device(home: Path, process: ServerProcess) -> LocalBackend:
    backend = LocalBackend.open(home, PASSPHRASE, kdf=CHEAP_KDF)
    backend.enroll(EnrollmentTicket.model_validate_json((process.home / "demo-ticket.json").read_bytes()))
    return backend


def fill(backend: LocalBackend, count: int, files: dict[int, Path]) -> float:
    """Save ``count`` submissions (those in ``files`` with an attachment); the seconds it took."""
    started = time.perf_counter()
    for index in range(count):
        attached = ()
        if index in files:
            path = files[index]
            attached = (AttachmentInput("adjuntos", path, "application/pdf", path.name),)
        backend.save_submission(
            NewSubmission("libro-reclamaciones", 1, answers(index), attached, received_by="Banco")
        )
    return time.perf_counter() - started


def warm_up(backend: LocalBackend, url: str) -> None:
    """Register the device and pull the catalog, so the measured run is the queue's."""
    engine = SyncEngine(backend.store, server_url=url)
    try:
        report = engine.run_once()
        if not report.complete:
            raise SystemExit(f"warm-up sync failed: {report.error}")
    finally:
        engine.stop()


# --- (a) loopback -----------------------------------------------------------------------------------
@dataclass
class Loopback:
    count: int
    fill_seconds: float = 0.0
    push_seconds: float = 0.0
    run_seconds: float = 0.0
    wire_bytes: int = 0
    envelope_bytes: float = 0.0
    envelope_gzip_bytes: float = 0.0
    batch_gzip_bytes: float = 0.0
    server_rows: int = 0
    sent: int = 0
    server_seconds: float = 0.0  # of the push phase, waiting for the server's answers

    @property
    def device_ms(self) -> float:
        """The engine's own work per submission: the push phase minus the waits for the server."""
        return 1000 * (self.push_seconds - self.server_seconds) / self.count

    @property
    def per_second(self) -> float:
        return self.count / self.push_seconds if self.push_seconds else 0.0

    @property
    def wire_per_submission(self) -> float:
        return self.wire_bytes / self.count

    @property
    def ratio(self) -> float:
        return self.wire_per_submission / self.envelope_gzip_bytes


def payload_sizes(backend: LocalBackend) -> tuple[float, float, float]:
    """Per submission: envelope JSON, each envelope gzipped alone, and gzipped in batches of 250."""
    envelopes = backend.store.read(
        lambda db: [row[0].encode() for row in db.execute("SELECT envelope FROM submissions ORDER BY seq")]
    )
    raw = statistics.mean(len(e) for e in envelopes)
    alone = statistics.mean(len(gzip.compress(e, 6)) for e in envelopes)
    batches = [b",".join(envelopes[i : i + 250]) for i in range(0, len(envelopes), 250)]
    batched = sum(len(gzip.compress(b, 6)) for b in batches) / len(envelopes)
    return raw, alone, batched


def run_loopback(args: argparse.Namespace, tmp: Path) -> Loopback:
    result = Loopback(args.count)
    process = ServerProcess(tmp / "server", database_url=args.database_url).start()
    backend = open_device(tmp / "device", process)
    try:
        with FaultProxy(process.port, "perfect") as proxy:
            warm_up(backend, proxy.url)
            print(f"(a) saving {args.count} submissions of ~1 KB on the device…", file=sys.stderr)
            result.fill_seconds = fill(backend, args.count, {})
            result.envelope_bytes, result.envelope_gzip_bytes, result.batch_gzip_bytes = payload_sizes(
                backend
            )
            marks: dict[str, tuple[float, object, float]] = {}

            def mark(progress: Progress) -> None:
                if progress.phase in ("pushing", "pulling") and progress.phase not in marks:
                    waited = engine.client.wire.snapshot()["by_route"].get("push", [0, 0, 0, 0.0])[3]
                    marks[progress.phase] = (time.perf_counter(), proxy.stats(), waited)

            engine = SyncEngine(backend.store, server_url=proxy.url)
            engine.subscribe(lambda event: mark(event.progress) if event.progress else None)
            print("(a) syncing…", file=sys.stderr)
            started = time.perf_counter()
            report = engine.run_once()
            result.run_seconds = time.perf_counter() - started
            engine.stop()
            if not report.complete:
                raise SystemExit(f"the loopback sync failed: {report.error}")
            (t0, s0, w0), (t1, s1, w1) = marks["pushing"], marks["pulling"]
            result.push_seconds = t1 - t0
            result.server_seconds = w1 - w0
            delta = s1 - s0  # type: ignore[operator]
            result.wire_bytes = delta.bytes_up_delivered + delta.bytes_down_delivered
            result.sent = backend.store.read(outbox.counts)["sent"]
        server = Server.open(
            Settings(home=process.home, master_key=MASTER_KEY, database_url=args.database_url)
        )
        try:
            institution = backend.store.read(identity.load_identity).institution_id or ""
            with server.db.read() as conn:
                result.server_rows = count_submissions(conn, institution)
        finally:
            server.close()
    finally:
        backend.close()
        process.kill()
    return result


# --- (b) bad links ----------------------------------------------------------------------------------
@dataclass
class LinkRun:
    profile: str
    scale: float
    seconds: float = 0.0
    runs: int = 0
    attachment_bytes: int = 0
    attachment_sent: int = 0
    push_bytes: int = 0
    push_failed: int = 0
    cuts: int = 0
    resets: int = 0
    verified: bool = False
    problems: list[str] = field(default_factory=list)

    @property
    def payload(self) -> int:
        return self.attachment_bytes + self.push_bytes - self.push_failed

    @property
    def retransmitted(self) -> int:
        return (self.attachment_sent - self.attachment_bytes) + self.push_failed

    @property
    def retransmitted_share(self) -> float:
        return self.retransmitted / self.payload if self.payload else 0.0


def scaled_profile(name: str, scale: float):  # type: ignore[no-untyped-def]
    base = get_profile(name)
    return base.with_changes(
        name=f"{base.name}/{scale:g}",
        rtt_ms=base.rtt_ms / scale,
        jitter_ms=base.jitter_ms / scale,
        retransmit_timeout_ms=base.rto_ms / scale,
        spike_rtt_ms=base.spike_rtt_ms / scale,
    )


def run_link(args: argparse.Namespace, tmp: Path, profile_name: str) -> LinkRun:
    scale = args.scale
    result = LinkRun(profile_name, scale)
    folder = tmp / profile_name
    folder.mkdir()
    process = ServerProcess(folder / "server", database_url=args.database_url).start()
    backend = open_device(folder / "device", process)
    desk = Desk(folder / "device", backend)
    try:
        warm_up(backend, process.url)
        files: dict[int, Path] = {}
        for n in range(args.attachments):
            path = folder / f"escaneo-{n}.pdf"
            data = b"%PDF-1.4\n" + os.urandom(args.attachment_size - 9)
            path.write_bytes(data)
            desk.files[sha256_hex(data)] = data
            files[n * (args.submissions // max(args.attachments, 1))] = path
        fill(backend, args.submissions, files)
        result.attachment_bytes = backend.store.read(
            lambda db: db.execute(
                "SELECT coalesce(sum(sealed_size), 0) FROM submission_attachments"
            ).fetchone()[0]
        )
        with FaultProxy(
            process.port,
            scaled_profile(profile_name, scale),
            seed=args.seed,
            bandwidth_scale=scale,
            time_scale=1 / scale,
        ) as proxy:
            proxy.cut_every(60)
            engine = SyncEngine(
                backend.store,
                server_url=proxy.url,
                backoff=Backoff(base=5 / scale, cap=60 / scale),
                run_options={"backoff": Backoff(base=0.5 / scale, cap=20 / scale), "max_failures": 8},
            )
            engine.sizer = ChunkSizer(target_seconds=3.0 / scale)
            print(f"(b) {profile_name}: syncing 500 submissions and 20 x 1 MB…", file=sys.stderr)
            started = time.perf_counter()
            deadline = started + args.max_minutes * 60
            while time.perf_counter() < deadline:
                report = engine.run_once()
                result.runs += 1
                result.attachment_sent += report.uploaded_bytes
                if report.complete and report.pending_after == 0:
                    break
                if report.error is not None and not hasattr(report.error, "retry_after"):
                    result.problems.append(str(report.error))
                time.sleep(engine.backoff.delay() if report.error else 0)
            result.seconds = time.perf_counter() - started
            engine.stop()
            wire = engine.client.wire.snapshot() if engine.client else {"by_route": {}}
            push = wire["by_route"].get("push", [0, 0, 0])  # type: ignore[union-attr]
            result.push_bytes, result.push_failed = push[1], push[2]
            stats = proxy.stats()
            result.cuts, result.resets = stats.connections_cut, stats.connections_reset
        server = Server.open(
            Settings(home=process.home, master_key=MASTER_KEY, database_url=args.database_url)
        )
        try:
            assert_server_holds_exactly(server, desk, expect=args.submissions)
            result.verified = True
        except AssertionError as exc:
            result.problems.append(str(exc))
        finally:
            server.close()
    finally:
        backend.close()
        process.kill()
    return result


# --- main -------------------------------------------------------------------------------------------
def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def print_loopback(a: Loopback) -> bool:
    ok_rate, ok_wire = a.per_second >= TARGET_PER_SECOND, a.ratio <= TARGET_WIRE_RATIO
    ok_rows = a.server_rows == a.count == a.sent
    print(
        f"\n(a) loopback, {a.count} submissions of ~1 KB (saving them on the device: {a.fill_seconds:.0f} s)"
    )
    print(f"  push, first request to last ack written on the device: {a.push_seconds:.2f} s")
    print(f"  submissions/s end to end: {a.per_second:,.0f} (target >= 1,000) {verdict(ok_rate)}")
    print(
        f"  of which waiting for the server's answers {a.server_seconds:.2f} s "
        f"({1000 * a.server_seconds / a.count:.2f} ms per submission); the engine's own work "
        f"{a.device_ms:.2f} ms per submission (= {1000 / max(a.device_ms, 1e-6):,.0f}/s with instant answers)"
    )
    print(f"  whole run (ping, push, pull of {a.count} statuses, health): {a.run_seconds:.2f} s")
    print(
        f"  payload per submission: envelope JSON {a.envelope_bytes:,.0f} B, gzipped alone "
        f"{a.envelope_gzip_bytes:,.0f} B, gzipped in batches {a.batch_gzip_bytes:,.0f} B"
    )
    print(
        f"  on the wire per submission (both ways, headers and acks included): "
        f"{a.wire_per_submission:,.0f} B = {a.ratio:.2f}x (target <= 1.3x) {verdict(ok_wire)}"
    )
    print(f"  rows on the server {a.server_rows}, sent on the device {a.sent}: {verdict(ok_rows)}")
    return ok_rate and ok_wire and ok_rows


def print_link(b: LinkRun, submissions: int) -> bool:
    ok = b.verified and b.retransmitted_share <= TARGET_RETRANSMITTED
    print(f"\n(b) {b.profile}, time compressed 1/{b.scale:g}, every connection cut every 60 s")
    print(f"  completion: {b.seconds:.1f} s measured = ~{b.seconds * b.scale / 60:.1f} min of link time")
    print(f"  sync runs: {b.runs}; cuts by the schedule: {b.cuts}; random resets: {b.resets}")
    print(
        f"  payload {b.payload / 1e6:.2f} MB; retransmitted {b.retransmitted / 1e3:,.0f} KB = "
        f"{b.retransmitted_share:.1%} (target <= 10%) {verdict(ok)}"
    )
    print(f"  the server holds all {submissions} once, byte-identical: {'yes' if b.verified else 'NO'}")
    for problem in b.problems[:5]:
        print(f"  problem: {problem}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=["loopback", "links"])
    parser.add_argument("--count", type=int, default=10_000, help="(a) submissions queued")
    parser.add_argument("--submissions", type=int, default=500, help="(b) submissions per link")
    parser.add_argument("--attachments", type=int, default=20, help="(b) of them with an attachment")
    parser.add_argument("--attachment-size", type=int, default=1_000_000)
    parser.add_argument("--profiles", nargs="+", default=["3g-slow", "edge"])
    parser.add_argument("--scale", type=float, default=10.0, help="(b) time compression of the links")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--max-minutes", type=float, default=30)
    parser.add_argument("--database-url", help="the server's database (default: SQLite in its folder)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    ok = True
    figures: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="tambo-bench-sync-") as tmp_name:
        tmp = Path(tmp_name)
        if args.only in (None, "loopback"):
            a = run_loopback(args, tmp)
            figures["loopback"] = a.__dict__ | {"per_second": a.per_second, "ratio": a.ratio}
            ok &= print_loopback(a)
        if args.only in (None, "links"):
            for name in args.profiles:
                b = run_link(args, tmp, name)
                figures[name] = b.__dict__ | {"retransmitted_share": b.retransmitted_share}
                ok &= print_link(b, args.submissions)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, default=str))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
