"""The proxy survives rude clients and targets, shuts down cleanly, and runs as a small tool."""

from __future__ import annotations

import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests

from tests.netfault import FaultProxy, get_profile
from tests.netfault_tests.helpers import get_request, raw_exchange, timed
from tests.netfault_tests.target_server import TargetServer

REPO = Path(__file__).resolve().parents[2]


def _open_fds() -> int:
    return len(list(Path("/proc/self/fd").iterdir()))


def test_a_client_that_resets_mid_upload_does_not_hurt_the_proxy(target: TargetServer) -> None:
    with FaultProxy(target.port) as proxy:
        rude = socket.create_connection(proxy.address, timeout=5)
        rude.sendall(b"POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n" + b"x" * 5_000)
        proxy.wait_for(lambda s: s.bytes_up_delivered >= 5_000)
        rude.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        rude.close()
        assert proxy.wait_for(lambda s: s.connections_open == 0).connections_closed == 1
        assert proxy.connection_logs()[0].outcome == "client-reset"
        assert requests.get(f"{proxy.url}/hello", timeout=5).text == "ok"
        (partial, *_) = target.wait_for(1)
        assert not partial.complete


def test_a_target_that_resets_reaches_the_client_as_a_reset(target: TargetServer) -> None:
    with FaultProxy(target.port) as proxy:
        received, error = raw_exchange(proxy.port, get_request("/reset", proxy.port))
        assert received == b""
        assert isinstance(error, ConnectionResetError)
        assert proxy.connection_logs()[0].outcome == "target-reset"
        assert requests.get(f"{proxy.url}/hello", timeout=5).text == "ok"


def test_a_dead_target_resets_the_client_and_a_restarted_one_is_reached(target: TargetServer) -> None:
    with socket.socket() as placeholder:
        placeholder.bind(("127.0.0.1", 0))
        dead_port = placeholder.getsockname()[1]  # bound, never listening: connections are refused
        with FaultProxy(dead_port) as proxy:
            with pytest.raises(requests.ConnectionError):
                requests.get(f"{proxy.url}/hello", timeout=5)
            assert proxy.stats().target_unreachable == 1
            assert proxy.connection_logs()[0].outcome == "target-unreachable"
            proxy.set_target(target.port)
            assert requests.get(f"{proxy.url}/hello", timeout=5).text == "ok"


def test_close_joins_the_thread_releases_every_socket_and_refuses_further_use(target: TargetServer) -> None:
    fds_before = _open_fds()
    proxy = FaultProxy(target.port, get_profile("edge").with_changes(rtt_ms=20), bandwidth_scale=50).start()
    thread_name = f"netfault-{proxy.port}"
    assert thread_name in {t.name for t in threading.enumerate()}
    # Leave connections in every state: idle keep-alive, mid-transfer, and hung.
    idle = requests.Session()
    idle.get(f"{proxy.url}/hello", timeout=10)
    busy = socket.create_connection(proxy.address, timeout=5)
    busy.sendall(get_request("/bytes/5000000", proxy.port))
    proxy.drop_response(mode="hang", match=b"/hang")
    hung = socket.create_connection(proxy.address, timeout=5)
    hung.sendall(get_request("/hang", proxy.port))
    proxy.wait_for(lambda s: s.responses_dropped == 1)

    seconds, _ = timed(proxy.close)

    assert seconds < 2
    assert thread_name not in {t.name for t in threading.enumerate()}
    for sock in (busy, hung):
        sock.close()
    idle.close()
    # The target server lives in this process too; its handler threads close their ends a moment later.
    deadline = time.monotonic() + 5
    while _open_fds() > fds_before and time.monotonic() < deadline:
        time.sleep(0.02)
    assert _open_fds() <= fds_before
    with socket.socket() as probe:
        assert probe.connect_ex(proxy.address) != 0
    with pytest.raises(RuntimeError, match="closed"):
        proxy.go_offline()
    proxy.close()  # closing twice is harmless
    assert proxy.stats().connections_opened == 3  # counters stay readable


def test_only_loopback_is_accepted() -> None:
    with pytest.raises(ValueError, match=r"127\.0\.0\.1"):
        FaultProxy(80, target_host="example.org")


def test_the_tool_proxies_until_interrupted_and_prints_what_happened(target: TargetServer) -> None:
    command = [sys.executable, "-m", "tests.netfault", "--listen", "127.0.0.1:0"]
    command += ["--target", f"127.0.0.1:{target.port}", "--profile", "4g-rural", "--seed", "9"]
    tool = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert tool.stdout is not None
        banner = tool.stdout.readline()
        assert banner.startswith("netfault: listening on http://127.0.0.1:"), banner
        url = banner.split()[3]
        assert "4g-rural: down 10000 kbps" in tool.stdout.readline()
        assert requests.get(f"{url}/hello", timeout=30).text == "ok"
        tool.send_signal(signal.SIGINT)
        out, err = tool.communicate(timeout=15)
    finally:
        tool.kill()
    assert tool.returncode == 0, err
    assert "seed=9" in out
    assert "connections_opened=1" in out


def test_the_tool_lists_profiles_and_rejects_bad_arguments() -> None:
    run = [sys.executable, "-m", "tests.netfault"]
    listed = subprocess.run([*run, "--list-profiles"], cwd=REPO, capture_output=True, text=True, timeout=30)
    assert listed.returncode == 0
    assert "satellite: down 1000 kbps" in listed.stdout
    bad = subprocess.run(
        [*run, "--target", "10.0.0.1:80"], cwd=REPO, capture_output=True, text=True, timeout=30
    )
    assert bad.returncode == 2
    assert "127.0.0.1" in bad.stderr
    unknown = subprocess.run(
        [*run, "--target", "127.0.0.1:80", "--profile", "5g"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert unknown.returncode == 2
    assert "unknown network profile" in unknown.stderr
