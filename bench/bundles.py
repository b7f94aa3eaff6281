"""Benchmark of sync bundles (issue 8): a site's backlog carried on a USB stick, with real parts.

A device enrolled with the server started as an operator starts it (``tambo-server init --demo`` then
``run``: waitress, SQLite by default) goes offline and saves ``--count`` submissions of about 1 KB
through its own save path, ``--files`` of them with a 1 MB attachment (random bytes, like a scan).
Then, timed:

1. ``export``: the whole outbox into one signed bundle (``tambo bundle export``);
2. ``check``: what a relay does when it collects it (signature, every item, the end);
3. ``upload``: a relay hands it to the server (``POST /api/v1/bundles``): streamed to disk, checked
   whole, attachments stored, envelopes through the ordinary push, changes read, acknowledgement sealed;
4. ``again``: the same bundle uploaded a second time (every item "duplicate");
5. ``ack``: the acknowledgement applied on the device (outbox cleared, "received" statuses stored).

Printed: seconds and submissions per second for each step, the bundle's size against its payload,
and a check that the server holds every submission once, byte-identical after opening.
Targets: export, ack and the repeated upload (the bundle path's own cost: reading, checking, storing
nothing new, sealing the acknowledgement) >= 1,000 submissions/s; the first upload >= 100/s (the
server's ordinary push, one transaction per item, is what it costs: about 3 ms per SQLite commit on
the development disk); the bundle <= 1.1x the envelopes and attachments it holds.

    .venv/bin/python bench/bundles.py                      # 2,000 submissions, 20 with a 1 MB file
    .venv/bin/python bench/bundles.py --count 10000 --files 50

The script exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.sync import fill, open_device, warm_up  # noqa: E402
from desktop.bundles.acks import apply_ack  # noqa: E402
from desktop.bundles.export import export_bundle  # noqa: E402
from desktop.bundles.upload import relay_client, upload_bundle  # noqa: E402
from desktop.store import outbox  # noqa: E402
from shared.protocol.bundles import check_bundle_file  # noqa: E402
from sync_server.config import Settings  # noqa: E402
from sync_server.context import Server  # noqa: E402
from tests.sync.support import Desk, assert_server_holds_exactly  # noqa: E402
from tests.sync_server.conftest import MASTER_KEY  # noqa: E402
from tests.sync_server.processes import ServerProcess  # noqa: E402

TARGET_EXPORT = 1000.0
TARGET_ACK = 1000.0
TARGET_AGAIN = 1000.0
TARGET_UPLOAD = 100.0
TARGET_SIZE_RATIO = 1.1


def timed(label: str, count: int, fn):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - started
    print(f"{label:<8} {seconds:8.2f} s   {count / seconds:9.0f} submissions/s")
    return result, count / seconds


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--files", type=int, default=20)
    parser.add_argument("--database-url", default=None, help="PostgreSQL URL (default: SQLite)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tambo-bench-bundles-") as folder:
        tmp = Path(folder)
        process = ServerProcess(tmp / "server", database_url=args.database_url).start()
        try:
            return run(args, tmp, process)
        finally:
            process.kill()


def run(args: argparse.Namespace, tmp: Path, process: ServerProcess) -> int:
    backend = open_device(tmp / "site", process)
    warm_up(backend, process.url)  # registered, catalog pulled; then the link is gone for weeks
    step = max(1, args.count // max(1, args.files)) if args.files else 0
    files = {}
    for index in range(args.files):
        path = tmp / f"scan-{index}.pdf"
        path.write_bytes(b"%PDF-1.4\n" + os.urandom(1024 * 1024))
        files[index * step] = path
    fill(backend, args.count, files)
    count = backend.store.read(outbox.counts)["pending"]
    usb = tmp / "usb"
    usb.mkdir()

    exported, export_rate = timed("export", count, lambda: export_bundle(backend.store, usb))
    _manifest, _rate = timed("check", count, lambda: check_bundle_file(exported.path))
    manifest = check_bundle_file(exported.path)
    client = relay_client(backend.store, process.url, timeout=(10.0, 600.0))
    try:
        uploaded, upload_rate = timed("upload", count, lambda: upload_bundle(client, exported.path))
        again, again_rate = timed("again", count, lambda: upload_bundle(client, exported.path))
    finally:
        client.close()
    result, ack_rate = timed("ack", count, lambda: apply_ack(backend.store, uploaded.ack, "acuse"))

    size = exported.path.stat().st_size
    ratio = size / manifest.total_bytes
    print(
        f"bundle   {size / 1e6:8.1f} MB for {manifest.total_bytes / 1e6:.1f} MB of envelopes and attachments"
    )
    print(f"         {ratio:.3f}x the payload; acknowledgement {len(uploaded.ack) / 1e3:.0f} KB")
    summary = uploaded.response.summary
    assert (summary.accepted, again.response.summary.duplicate) == (count, count), (summary, again.response)
    assert result.sent == count
    assert backend.store.read(outbox.counts)["pending"] == 0
    server = Server.open(Settings(home=process.home, master_key=MASTER_KEY, database_url=args.database_url))
    try:
        assert_server_holds_exactly(server, Desk(tmp / "site", backend), expect=count)
    finally:
        server.close()
        backend.close()
    print("server holds every submission once, byte-identical after opening")
    missed = [
        name
        for name, ok in (
            (f"export >= {TARGET_EXPORT:.0f}/s", export_rate >= TARGET_EXPORT),
            (f"upload >= {TARGET_UPLOAD:.0f}/s", upload_rate >= TARGET_UPLOAD),
            (f"again >= {TARGET_AGAIN:.0f}/s", again_rate >= TARGET_AGAIN),
            (f"ack >= {TARGET_ACK:.0f}/s", ack_rate >= TARGET_ACK),
            (f"size <= {TARGET_SIZE_RATIO}x", ratio <= TARGET_SIZE_RATIO),
        )
        if not ok
    ]
    print("targets missed: " + ", ".join(missed) if missed else "all targets met")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
