"""Cuts mid-request, lost acks, scheduled cuts and random resets, seen from both ends."""

from __future__ import annotations

import socket

import pytest
import requests

from tests.netfault import FaultProxy, get_profile
from tests.netfault_tests.helpers import get_request, post_request, raw_exchange, timed
from tests.netfault_tests.target_server import TargetServer, pattern

UNSHAPED = get_profile("perfect")


def test_a_cut_after_n_upstream_bytes_leaves_the_server_a_partial_body(target: TargetServer) -> None:
    with FaultProxy(target.port) as proxy:
        rule = proxy.cut_after(20_000, "up")
        with pytest.raises(requests.ConnectionError):
            requests.post(f"{proxy.url}/upload", data=pattern(200_000), timeout=5)
        (seen,) = target.wait_for(1)
        assert seen.method == "POST"
        assert not seen.complete
        assert seen.expected_body == 200_000
        assert seen.header_bytes + seen.body_bytes == 20_000  # exactly N bytes reached the server
        stats = proxy.stats()
        assert stats.bytes_up_delivered == 20_000
        assert stats.connections_cut == 1
        assert rule.fired == 1
        (log,) = proxy.connection_logs()
        assert log.outcome == "cut"
        assert "cut" in log.kinds()


def test_a_cut_mid_response_delivers_exactly_n_bytes_then_resets(target: TargetServer) -> None:
    with FaultProxy(target.port) as proxy:
        proxy.cut_after(50_000, "down")
        received, error = raw_exchange(proxy.port, get_request("/bytes/200000", proxy.port))
        assert len(received) == 50_000
        assert isinstance(error, ConnectionResetError)


def test_close_mode_ends_with_a_clean_eof_instead_of_a_reset(target: TargetServer) -> None:
    with FaultProxy(target.port) as proxy:
        proxy.cut_after(1_000, "down", mode="close")
        received, error = raw_exchange(proxy.port, get_request("/bytes/200000", proxy.port))
        assert (len(received), error) == (1_000, None)


def test_once_means_once_and_none_means_every_connection(target: TargetServer) -> None:
    with FaultProxy(target.port) as proxy:
        proxy.cut_after(10, "up", times=1)
        with pytest.raises(requests.ConnectionError):
            requests.get(f"{proxy.url}/hello", timeout=5)
        assert requests.get(f"{proxy.url}/hello", timeout=5).text == "ok"

        every = proxy.cut_after(10, "up", times=None)
        for _ in range(3):
            with pytest.raises(requests.ConnectionError):
                requests.get(f"{proxy.url}/hello", timeout=5)
        assert every.fired == 3
        assert every.active
        every.cancel()
        assert requests.get(f"{proxy.url}/hello", timeout=5).text == "ok"


def test_lost_ack_the_server_processed_the_request_the_client_got_nothing(target: TargetServer) -> None:
    with FaultProxy(target.port) as proxy:
        proxy.drop_response()
        with pytest.raises(requests.ConnectionError):
            requests.post(f"{proxy.url}/upload", data=pattern(10_000), timeout=5)
        (seen,) = target.wait_for(1)
        assert seen.complete
        assert seen.body_bytes == 10_000
        stats = proxy.stats()
        assert stats.responses_dropped == 1
        assert stats.bytes_down_offered > 0
        assert stats.bytes_down_delivered == 0
        assert proxy.connection_logs()[0].outcome == "dropped-response"


def test_lost_ack_can_forward_part_of_the_response(target: TargetServer) -> None:
    with FaultProxy(target.port) as proxy:
        proxy.drop_response(keep_bytes=12)
        received, error = raw_exchange(proxy.port, post_request("/upload", proxy.port, b"x" * 100))
        assert received == b"HTTP/1.1 200"
        assert isinstance(error, ConnectionResetError)
        assert target.wait_for(1)[0].complete


def test_a_match_picks_the_request_to_break_on_a_keep_alive_connection(target: TargetServer) -> None:
    with FaultProxy(target.port) as proxy, requests.Session() as session:
        proxy.drop_response(match=b"POST /upload")
        assert session.get(f"{proxy.url}/healthz", timeout=5).text == "ok"
        with pytest.raises(requests.ConnectionError):
            session.post(f"{proxy.url}/upload", data=b"submission", timeout=5)
        assert session.post(f"{proxy.url}/upload", data=b"submission", timeout=5).text == "received 10"
        assert [r.method for r in target.wait_for(3)] == ["GET", "POST", "POST"]
        assert proxy.stats().responses_dropped == 1


def test_a_match_counts_the_cut_from_where_the_request_starts(target: TargetServer) -> None:
    with FaultProxy(target.port) as proxy, socket.create_connection(proxy.address, timeout=5) as sock:
        proxy.cut_after(100, "up", match=b"POST /upload")
        health = get_request("/healthz", proxy.port, keep_alive=True)
        sock.sendall(health)
        assert sock.recv(65536).startswith(b"HTTP/1.1 200")  # the health check went through
        sock.sendall(post_request("/upload", proxy.port, pattern(5_000)))
        with pytest.raises(ConnectionResetError):
            _read_to_end(sock)
        assert proxy.stats().bytes_up_delivered == len(health) + 100
        posted = target.wait_for(2)[1]
        assert posted.header_bytes + posted.body_bytes == 100


def test_a_hung_response_is_a_client_timeout_and_the_proxy_notices_the_client_giving_up(
    target: TargetServer,
) -> None:
    with FaultProxy(target.port) as proxy:
        proxy.drop_response(mode="hang")
        error = _post_expecting_error(proxy.url, timeout=0.5)
        assert isinstance(error, requests.ReadTimeout)
        assert target.wait_for(1)[0].complete
        assert proxy.wait_for(lambda s: s.connections_open == 0, timeout=5).connections_hung == 1
        assert proxy.connection_logs()[0].kinds()[-1] == "client-gave-up"


def _read_to_end(sock: socket.socket) -> None:
    while sock.recv(65536):
        pass


def _post_expecting_error(url: str, timeout: float) -> Exception | None:
    try:
        requests.post(f"{url}/upload", data=b"x", timeout=(2, timeout))
    except requests.RequestException as exc:
        return exc
    return None


def test_cut_every_is_scaled_by_time_scale(target: TargetServer) -> None:
    slow_down = UNSHAPED.with_changes(down_kbps=80)  # 10 KB/s: the download below needs 10 s
    with FaultProxy(target.port, slow_down, time_scale=0.01) as proxy:
        schedule = proxy.cut_every(30)  # 30 s of simulated time: 0.3 s of wall time
        seconds, (received, error) = timed(
            lambda: raw_exchange(proxy.port, get_request("/bytes/100000", proxy.port))
        )
        assert isinstance(error, ConnectionResetError)
        assert seconds < 1.5
        assert 0 < len(received) < 100_000
        assert proxy.wait_for(lambda s: s.connections_cut >= 1).connections_cut >= 1
        assert schedule.ticks >= 1
        proxy.clear_faults()
        proxy.update_profile(down_kbps=None)
        received, error = raw_exchange(proxy.port, get_request("/bytes/100000", proxy.port))
        assert error is None
        assert received.endswith(pattern(100_000))


def test_cut_all_cuts_what_is_open_now(target: TargetServer) -> None:
    with FaultProxy(target.port) as proxy, requests.Session() as session:
        session.get(f"{proxy.url}/hello", timeout=5)
        assert proxy.cut_all() == 1
        assert proxy.wait_for(lambda s: s.connections_open == 0).connections_cut == 1


def _reset_offsets(seed: int, port: int) -> tuple[list[tuple[int, str]], float, int]:
    """Upload 40 x 64 KB on fresh connections through 20 resets/MB; where did resets happen?"""
    lossy = UNSHAPED.with_changes(resets_per_mb=20)
    with FaultProxy(port, lossy, seed=seed) as proxy:
        for _ in range(40):
            raw_exchange(proxy.port, post_request("/upload", proxy.port, pattern(64_000)))
        proxy.wait_for(lambda s: s.connections_open == 0)
        stats = proxy.stats()
        carried_mb = (stats.bytes_up_delivered + stats.bytes_down_delivered) / 1e6
        resets = [
            (log.id, event.detail)
            for log in proxy.connection_logs()
            for event in log.events
            if event.kind == "reset"
        ]
        assert len(resets) == stats.connections_reset
        return resets, carried_mb, stats.connections_reset


def test_random_resets_happen_at_the_configured_rate_and_repeat_with_the_seed(target: TargetServer) -> None:
    resets, carried_mb, count = _reset_offsets(seed=2024, port=target.port)
    assert count >= 5
    assert 10 < count / carried_mb < 40  # configured: 20 per MB carried
    again, _, _ = _reset_offsets(seed=2024, port=target.port)
    assert again == resets
