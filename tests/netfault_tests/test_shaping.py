"""Bandwidth, latency, jitter and loss through a real proxy to a real HTTP server.

Timings are asserted as generous ratio bands around the expected value (the machine is shared):
a cap that did not work would be many times too fast, a broken pacer many times too slow.
"""

from __future__ import annotations

import statistics

import requests

from tests.netfault import FaultProxy, get_profile
from tests.netfault_tests.helpers import body_of, get_request, raw_exchange, timed
from tests.netfault_tests.target_server import TargetServer, pattern

UNSHAPED = get_profile("perfect")


def test_upload_through_the_edge_cap_takes_size_over_rate(target: TargetServer) -> None:
    # 1 MB at EDGE's 200 kbps up is 40 s; with bandwidth_scale=20 it must take about 2 s.
    edge_rates_only = get_profile("edge").with_changes(rtt_ms=0, loss=0, resets_per_mb=0)
    body = pattern(1_000_000)
    with FaultProxy(target.port, edge_rates_only, bandwidth_scale=20, seed=1) as proxy:
        seconds, response = timed(lambda: requests.post(f"{proxy.url}/upload", data=body, timeout=20))
        assert response.text == "received 1000000"
        expected = 1_000_000 / (200_000 / 8 * 20)
        assert 0.8 * expected < seconds < 2.0 * expected, proxy.report()
        assert proxy.stats().bytes_up_delivered > 1_000_000


def test_download_cap_is_separate_from_the_upload_cap(target: TargetServer) -> None:
    asymmetric = UNSHAPED.with_changes(down_kbps=1_600, up_kbps=16)  # 200 KB/s down, 2 KB/s up
    with FaultProxy(target.port, asymmetric) as proxy:
        seconds, response = timed(lambda: requests.get(f"{proxy.url}/bytes/300000", timeout=20))
        assert response.content == pattern(300_000)
        assert 0.8 * 1.5 < seconds < 2.0 * 1.5, proxy.report()


def test_perfect_adds_no_delay_to_small_keep_alive_requests(target: TargetServer) -> None:
    # Regression: with Nagle left on for the client side, half of these took 40 ms (delayed ACK).
    with FaultProxy(target.port) as proxy, requests.Session() as session:
        times = [timed(lambda: session.get(f"{proxy.url}/bytes/1000", timeout=5))[0] for _ in range(100)]
        slow = [t for t in times if t > 0.03]
        assert len(slow) < 10, slow


def test_latency_adds_a_round_trip_per_request_and_one_more_per_new_connection(target: TargetServer) -> None:
    rtt = 0.15
    with FaultProxy(target.port, UNSHAPED.with_changes(rtt_ms=rtt * 1000)) as proxy, requests.Session() as s:
        first, _ = timed(lambda: s.get(f"{proxy.url}/hello", timeout=5))
        again = [timed(lambda: s.get(f"{proxy.url}/hello", timeout=5))[0] for _ in range(4)]
        assert 0.8 * rtt < statistics.median(again) < 1.8 * rtt, proxy.report()
        # The first request also paid the TCP handshake: two round trips.
        assert 0.8 * 2 * rtt < first < 1.8 * 2 * rtt, proxy.report()


def test_jitter_delays_but_never_reorders_bytes(target: TargetServer) -> None:
    jittery = UNSHAPED.with_changes(down_kbps=4_000, rtt_ms=100, jitter_ms=80)  # slices of ~10 KB
    with FaultProxy(target.port, jittery, seed=3) as proxy:
        response, error = raw_exchange(proxy.port, get_request("/bytes/400000", proxy.port))
        assert error is None
        assert body_of(response) == pattern(400_000)


def test_loss_stalls_the_stream_reproducibly_for_a_seed(target: TargetServer) -> None:
    lossy = UNSHAPED.with_changes(loss=0.05, retransmit_timeout_ms=60)
    runs = []
    for _ in range(2):
        with FaultProxy(target.port, lossy, seed=11) as proxy:
            seconds, (response, error) = timed(
                lambda p=proxy: raw_exchange(p.port, get_request("/bytes/300000", p.port))
            )
            assert error is None
            assert body_of(response) == pattern(300_000)
            stats = proxy.stats()
            runs.append(stats.stalls)
            # ~206 segments down at 5%: about 10 losses; each stalled the stream by 60 ms.
            assert 3 <= stats.stalls <= 25, proxy.report()
            assert seconds >= 0.9 * stats.stall_seconds, proxy.report()
            assert "stall" in proxy.connection_logs()[0].kinds()
    assert runs[0] == runs[1]


def test_without_loss_the_same_transfer_is_not_stalled(target: TargetServer) -> None:
    with FaultProxy(target.port, UNSHAPED, seed=11) as proxy:
        seconds, (response, error) = timed(
            lambda: raw_exchange(proxy.port, get_request("/bytes/300000", proxy.port))
        )
        assert error is None
        assert body_of(response) == pattern(300_000)
        assert proxy.stats().stalls == 0
        assert seconds < 0.3


def test_satellite_spikes_delay_without_reordering(target: TargetServer) -> None:
    spiky = UNSHAPED.with_changes(rtt_ms=20, spike_rtt_ms=600, spike_probability=0.05)
    with FaultProxy(target.port, spiky, seed=5) as proxy:
        seconds, (response, error) = timed(
            lambda: raw_exchange(proxy.port, get_request("/bytes/100000", proxy.port))
        )
        assert error is None
        assert body_of(response) == pattern(100_000)
        assert proxy.stats().spikes >= 1, proxy.report()
        assert seconds >= 0.3  # at least one 300 ms one-way spike was on the path


def test_changing_the_profile_applies_to_open_connections(target: TargetServer) -> None:
    with FaultProxy(target.port, UNSHAPED) as proxy, requests.Session() as s:
        fast, _ = timed(lambda: s.get(f"{proxy.url}/bytes/100000", timeout=10))
        proxy.update_profile(down_kbps=800)  # 100 KB/s: one second for the same bytes
        slow, response = timed(lambda: s.get(f"{proxy.url}/bytes/100000", timeout=10))
        assert response.content == pattern(100_000)
        assert fast < 0.3, proxy.report()
        assert 0.7 < slow < 2.0, proxy.report()
        assert proxy.stats().connections_opened == 1
