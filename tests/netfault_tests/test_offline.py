"""Offline as a refused port and as a dead link, and a link that flaps on a scaled schedule."""

from __future__ import annotations

import socket
import threading
import time

import pytest
import requests

from tests.netfault import FaultProxy, get_profile
from tests.netfault_tests.helpers import body_of, get_request, raw_exchange, timed
from tests.netfault_tests.target_server import TargetServer, pattern


def _connect_outcome(port: int, timeout: float = 0.3) -> str:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout):
            return "up"
    except ConnectionRefusedError:
        return "refused"
    except ConnectionResetError:  # accepted into the backlog just as the proxy closed its port
        return "reset"
    except TimeoutError:
        return "timeout"


def test_refuse_fails_fast_with_connection_refused_and_comes_back(target: TargetServer) -> None:
    with FaultProxy(target.port) as proxy:
        proxy.go_offline("refuse")
        assert proxy.link_state == "refuse"
        seconds, outcome = timed(lambda: _connect_outcome(proxy.port, timeout=3))
        assert outcome == "refused"
        assert seconds < 0.5
        with pytest.raises(requests.ConnectionError, match=r"[Rr]efused"):
            requests.get(f"{proxy.url}/hello", timeout=3)
        proxy.go_online()
        assert requests.get(f"{proxy.url}/hello", timeout=3).text == "ok"
        assert [e.kind for e in proxy.proxy_events()].count("link-refuse") == 1


def test_refused_port_is_still_reserved_for_the_proxy(target: TargetServer) -> None:
    with FaultProxy(target.port) as proxy:
        proxy.go_offline("refuse")
        intruder = socket.socket()
        with pytest.raises(OSError, match="in use"):
            intruder.bind(("127.0.0.1", proxy.port))
        intruder.close()


def test_blackhole_makes_connect_time_out_like_a_dead_link(target: TargetServer) -> None:
    with FaultProxy(target.port) as proxy:
        proxy.go_offline("blackhole")
        seconds, outcome = timed(lambda: _connect_outcome(proxy.port, timeout=0.5))
        assert outcome == "timeout"
        assert seconds >= 0.45
        with pytest.raises(requests.ConnectTimeout):
            requests.get(f"{proxy.url}/hello", timeout=(0.5, 3))
        proxy.go_online()
        assert requests.get(f"{proxy.url}/hello", timeout=3).text == "ok"


def test_a_client_still_connecting_when_the_link_returns_gets_through(target: TargetServer) -> None:
    with FaultProxy(target.port) as proxy:
        proxy.go_offline("blackhole")
        result: dict[str, object] = {}

        def patient_client() -> None:
            result["response"] = raw_exchange(proxy.port, get_request("/hello", proxy.port), timeout=8)

        thread = threading.Thread(target=patient_client)
        thread.start()
        time.sleep(0.3)
        proxy.go_online()
        thread.join(10)
        response, error = result["response"]  # type: ignore[misc]
        assert error is None
        assert body_of(response) == b"ok"
        assert [r.path for r in target.received] == ["/hello"]


def test_going_offline_refused_resets_open_connections(target: TargetServer) -> None:
    slow = get_profile("perfect").with_changes(down_kbps=80)  # a 100 KB download needs 10 s
    with FaultProxy(target.port, slow) as proxy:
        result: dict[str, object] = {}
        thread = threading.Thread(
            target=lambda: result.update(r=raw_exchange(proxy.port, get_request("/bytes/100000", proxy.port)))
        )
        thread.start()
        proxy.wait_for(lambda s: s.bytes_down_delivered > 1_000)
        proxy.go_offline("refuse")
        thread.join(5)
        received, error = result["r"]  # type: ignore[misc]
        assert isinstance(error, ConnectionResetError)
        assert len(received) < 100_000
        assert proxy.stats().connections_killed_offline == 1
        assert proxy.connection_logs()[0].outcome == "offline"


def test_a_short_blackhole_pauses_open_connections_which_then_resume_intact(target: TargetServer) -> None:
    capped = get_profile("perfect").with_changes(down_kbps=1_600)  # 200 KB/s: 200 KB in 1 s
    with FaultProxy(target.port, capped) as proxy:
        result: dict[str, object] = {}
        thread = threading.Thread(
            target=lambda: result.update(r=raw_exchange(proxy.port, get_request("/bytes/200000", proxy.port)))
        )
        thread.start()
        proxy.wait_for(lambda s: s.bytes_down_delivered > 20_000)
        proxy.go_offline("blackhole")
        paused_at = proxy.stats().bytes_down_delivered
        time.sleep(0.5)
        assert proxy.stats().bytes_down_delivered == paused_at  # nothing moved while down
        proxy.go_online()
        thread.join(10)
        received, error = result["r"]  # type: ignore[misc]
        assert error is None
        assert body_of(received) == pattern(200_000)


def test_flapping_goes_down_and_comes_back_on_a_scaled_schedule(target: TargetServer) -> None:
    with FaultProxy(target.port, time_scale=0.01) as proxy:
        proxy.flap(up_s=30, down_s=30)  # 0.3 s up, 0.3 s down
        outcomes = []
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and not _went_down_and_up(outcomes):
            outcomes.append(_connect_outcome(proxy.port))
            time.sleep(0.03)
        assert _went_down_and_up(outcomes), outcomes
        kinds = [e.kind for e in proxy.proxy_events()]
        assert "link-refuse" in kinds
        assert kinds.count("link-up") >= 1
        proxy.stop_flapping()
        assert proxy.link_state == "up"


def _went_down_and_up(outcomes: list[str]) -> bool:
    if "refused" not in outcomes:
        return False
    first_down = outcomes.index("refused")
    return "up" in outcomes[:first_down] and "up" in outcomes[first_down:]


def test_the_flapping_profile_starts_its_schedule_by_itself(target: TargetServer) -> None:
    # up 300 s / down 1800 s, scaled by 1/2000: 0.15 s up, 0.9 s down.
    with FaultProxy(target.port, "flapping", time_scale=0.0005) as proxy:
        first, _ = timed(lambda: _wait_for_outcome(proxy.port, "refused"))
        back, _ = timed(lambda: _wait_for_outcome(proxy.port, "up"))
        assert first < 0.6
        assert 0.5 < back < 2.0


def _wait_for_outcome(port: int, wanted: str, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while _connect_outcome(port) != wanted:
        if time.monotonic() > deadline:
            raise AssertionError(f"the proxy never became {wanted!r}")
        time.sleep(0.02)


def test_profile_changes_leave_a_manual_flap_alone_and_stop_the_profiles_own(target: TargetServer) -> None:
    with FaultProxy(target.port, time_scale=0.001) as proxy:
        proxy.flap(up_s=100, down_s=100)  # 0.1 s each
        proxy.update_profile(rtt_ms=10)
        _wait_for_outcome(proxy.port, "refused")  # still flapping
        proxy.set_profile("flapping")
        starts = [e for e in proxy.proxy_events() if e.kind == "flapping"]
        proxy.update_profile(rtt_ms=20)  # same schedule: not restarted
        assert [e for e in proxy.proxy_events() if e.kind == "flapping"] == starts
        proxy.set_profile("edge")  # no flapping: the profile's schedule stops, the link is up
        assert proxy.link_state == "up"
        assert proxy.proxy_events()[-1].kind in ("link-up", "flapping-stopped")
        assert "flapping-stopped" in [e.kind for e in proxy.proxy_events()]
