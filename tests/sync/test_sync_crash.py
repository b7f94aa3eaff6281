"""Processes killed with SIGKILL while the real client syncs through the fault proxy: the server in the
middle of a push and of an upload (then restarted), the client in the middle of a sync (then run
again). After each, the server holds exactly what the device saved, once, byte-identical after
opening, attachments hash-identical."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.store import syncing
from desktop.sync.uploads import ChunkSizer
from shared.protocol import EnrollmentTicket
from sync_server.config import Settings
from sync_server.context import Server
from tests.desktop.test_store_support import PASSPHRASE
from tests.netfault import FaultProxy
from tests.sync.support import Desk, assert_server_holds_exactly, background, sync_once, sync_until_done
from tests.sync_server.conftest import MASTER_KEY
from tests.sync_server.processes import ServerProcess
from tests.sync_server.test_crash import count, wait_until

pytestmark = pytest.mark.slow


@pytest.fixture
def server_process(tmp_path: Path) -> Iterator[ServerProcess]:
    process = ServerProcess(tmp_path / "server").start()
    yield process
    process.kill()


def ticket_desk(home: Path, process: ServerProcess) -> Desk:
    """A device provisioned offline from the demo ticket; its first sync registers it."""
    desk = Desk.open(home)
    desk.backend.enroll(
        EnrollmentTicket.model_validate_json((process.home / "demo-ticket.json").read_bytes())
    )
    return desk


def check_server(process: ServerProcess, desk: Desk, expect: int) -> None:
    server = Server.open(Settings(home=process.home, master_key=MASTER_KEY))
    try:
        assert_server_holds_exactly(server, desk, expect=expect)
    finally:
        server.close()


def test_server_killed_mid_push_then_restarted(server_process, tmp_path):
    desk = ticket_desk(tmp_path / "desk", server_process)
    try:
        for _ in range(120):
            desk.save()
        with FaultProxy(server_process.port, seed=11) as proxy:
            proxy.update_profile(up_kbps=1_000)  # ~125 KB/s: the pushes take a few seconds
            options = {"run_options": {"batch_items": 15}}
            with background(lambda: sync_once(desk, proxy.url, **options)):
                wait_until(lambda: count(server_process.home, "submissions") >= 30, timeout=60)
                server_process.kill()
            at_kill = count(server_process.home, "submissions")
            assert 30 <= at_kill < 120
            server_process.start()
            report = sync_until_done(desk, proxy.url, **options)
        assert report.complete
        assert desk.counts() == {"pending": 0, "sent": 120, "rejected": 0}
        check_server(server_process, desk, expect=120)
    finally:
        desk.close()


def test_server_killed_mid_upload_then_restarted(server_process, tmp_path):
    desk = ticket_desk(tmp_path / "desk", server_process)
    try:
        size = 1_200_000
        desk.save(files=2, file_size=size)
        desk.save()
        with FaultProxy(server_process.port, seed=12) as proxy:
            proxy.update_profile(up_kbps=4_000)  # 500 KB/s
            reports = []
            sizer = {"sizer": ChunkSizer(200_000, maximum=200_000)}
            with background(lambda: reports.append(sync_once(desk, proxy.url, **sizer))):
                proxy.wait_for(lambda stats: stats.bytes_up_delivered > 1_500_000, timeout=60)
                server_process.kill()
            server_process.start()
            later = sync_until_done(desk, proxy.url, **sizer)
        sent = reports[0].uploaded_bytes + later.uploaded_bytes
        assert sent <= 2 * size + 2 * 200_000 + 1000, sent  # resumed from the server's offset, not from 0
        assert desk.counts() == {"pending": 0, "sent": 2, "rejected": 0}
        check_server(server_process, desk, expect=2)
    finally:
        desk.close()


def tambo_sync(home: Path, url: str) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "TAMBO_HOME": str(home),
        "TAMBO_PASSPHRASE": PASSPHRASE,
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "desktop.cli", "sync", "--once", "--server", url],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.parametrize("moment", ["mid-upload", "mid-push"])
def test_client_killed_mid_sync_then_run_again(server_process, tmp_path, moment):
    home = tmp_path / "desk"
    desk = ticket_desk(home, server_process)
    saved = 0
    if moment == "mid-upload":
        desk.save(files=1, file_size=1_500_000)
        saved = 1
    for _ in range(300 if moment == "mid-push" else 3):
        desk.save()
        saved += 1
    desk.close()
    with FaultProxy(server_process.port, seed=13) as proxy:
        proxy.update_profile(up_kbps=2_000)  # 250 KB/s
        client = tambo_sync(home, proxy.url)
        try:
            if moment == "mid-upload":
                proxy.wait_for(lambda stats: stats.bytes_up_delivered > 600_000, timeout=60)
            else:
                wait_until(lambda: count(server_process.home, "submissions") >= 250, timeout=60)
            assert client.poll() is None, client.communicate()
            client.send_signal(signal.SIGKILL)
        finally:
            client.kill()
            client.communicate(timeout=30)
        time.sleep(0.2)
        again = tambo_sync(home, proxy.url)
        _out, err = again.communicate(timeout=120)
        assert again.returncode == 0, err
    desk = Desk.open(home)
    try:
        assert desk.counts() == {"pending": 0, "sent": saved, "rejected": 0}
        assert desk.backend.store.read(syncing.problem_items) == []
        assert desk.backend.verify_audit().ok
        check_server(server_process, desk, expect=saved)
    finally:
        desk.close()
