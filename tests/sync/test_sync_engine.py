"""The engine's thread: triggers (start, save, timer, connectivity back, sync now), one run at a time,
backoff with jitter, Retry-After; plus the pieces it is made of (backoff, URLs, errors by kind)."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from desktop.sync.backoff import Backoff
from desktop.sync.client import normalise_server_url
from desktop.sync.engine import SyncEvent
from desktop.sync.errors import parse_retry_after
from shared import errors
from shared.errors import TamboError
from tests.netfault import FaultProxy
from tests.sync.flaky import FlakyServer
from tests.sync.support import make_engine


def wait_for(condition: Callable[[], bool], timeout: float = 30.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what or condition}"
        time.sleep(0.02)


@pytest.fixture
def proxy(live_server) -> Iterator[FaultProxy]:
    with FaultProxy(int(live_server.url.rsplit(":", 1)[1]), seed=3) as running:
        yield running


def test_the_engine_syncs_at_start_after_each_save_and_when_the_link_returns(desk, live_server, proxy):
    desk.save()
    engine = make_engine(desk, proxy.url, interval=3600)
    events: list[SyncEvent] = []
    engine.subscribe(events.append)
    engine.start()
    try:
        wait_for(lambda: desk.counts()["sent"] == 1, what="the start trigger")
        wait_for(lambda: engine.status().connection == "online" and not engine.status().running)
        desk.save()
        engine.notify_saved()
        wait_for(lambda: desk.counts()["sent"] == 2, what="the save trigger")
        proxy.go_offline("refuse")
        desk.save()
        engine.notify_saved()
        wait_for(lambda: engine.status().connection == "offline", what="offline")
        assert engine.status().pending == 1
        assert engine.status().error_code == errors.SYNC_OFFLINE
        assert engine.status().next_attempt_at is not None
        proxy.go_online()  # nobody asks: the backoff's next attempt finds the link back
        wait_for(lambda: desk.counts()["sent"] == 3, what="connectivity back")
        wait_for(lambda: engine.status().connection == "online" and engine.status().pending == 0)
    finally:
        engine.stop()
    assert not engine._thread.is_alive()
    finished = [e for e in events if e.kind == "finished"]
    assert [e.status.connection for e in finished][-1] == "online"
    assert "offline" in [e.status.connection for e in finished]


def test_sync_now_ignores_the_backoff_and_the_timer_keeps_syncing(desk, live_server, proxy):
    proxy.go_offline("refuse")
    engine = make_engine(desk, proxy.url, interval=0.2, backoff=Backoff(base=60, cap=60))
    runs: list[datetime] = []
    engine.subscribe(lambda e: runs.append(datetime.now(UTC)) if e.kind == "finished" else None)
    engine.start()
    try:
        wait_for(lambda: engine.status().connection == "offline")
        desk.save()
        engine.notify_saved()  # offline with a 60 s backoff: a save does not hammer the dead link
        time.sleep(0.5)
        assert len(runs) == 1
        proxy.go_online()
        engine.sync_now()  # a person asked: right away
        wait_for(lambda: desk.counts()["sent"] == 1, what="sync now")
        wait_for(lambda: len(runs) >= 5, what="the timer")  # online: every 0.2 s
    finally:
        engine.stop()


def test_only_one_sync_runs_at_a_time(desk, live_server):
    for _ in range(3):
        desk.save(files=1, file_size=200_000)
    engine = make_engine(desk, live_server.url)
    phases: list[str] = []
    lock = threading.Lock()

    def record(event: SyncEvent) -> None:
        if event.progress is not None and event.progress.phase in ("connecting", "done"):
            with lock:
                phases.append(event.progress.phase)

    engine.subscribe(record)
    engine.start()
    threads = [threading.Thread(target=engine.run_once) for _ in range(3)]
    for thread in threads:
        thread.start()
    for _ in range(5):
        engine.sync_now()
    for thread in threads:
        thread.join(60)
    wait_for(lambda: not engine.status().running)
    engine.stop()
    assert len(phases) >= 8
    assert phases == ["connecting", "done"] * (len(phases) // 2)  # never two runs interleaved
    assert desk.counts()["sent"] == 3


def test_retry_after_from_the_server_is_a_floor_for_the_next_attempt(desk, live_server):
    desk.save()
    flaky = FlakyServer(live_server)
    flaky.fail("/api/v1/ping", times=1, status=503, retry_after=2)
    with flaky.serving() as url:
        engine = make_engine(desk, url, interval=3600)
        finished: list[float] = []
        engine.subscribe(lambda e: finished.append(time.monotonic()) if e.kind == "finished" else None)
        started = time.monotonic()
        engine.start()
        try:
            wait_for(lambda: len(finished) >= 1)
            assert engine.status().error_code == errors.SERVER_UNAVAILABLE
            engine.notify_saved()  # a save while the server asked for 2 s of quiet
            wait_for(lambda: desk.counts()["sent"] == 1, what="the retry")
        finally:
            engine.stop()
    assert finished[1] - started >= 2.0


# --- the pieces -------------------------------------------------------------------------------------
def test_backoff_grows_with_full_jitter_and_honours_retry_after():
    backoff = Backoff(base=2, cap=60, rng=random.Random(1))
    delays = [backoff.delay() for _ in range(8)]
    ceilings = [min(60, 2 * 2**n) for n in range(8)]
    assert all(1 <= d <= c for d, c in zip(delays, ceilings, strict=True))
    assert max(delays[5:]) > 10  # it grows...
    assert max(delays) <= 60  # ...up to the cap
    spread = {round(Backoff(base=2, cap=60, failures=5).delay(), 3) for _ in range(20)}
    assert len(spread) > 10  # devices failing together do not come back together
    assert Backoff(base=2, cap=60).delay(retry_after=45) >= 45
    backoff.reset()
    assert backoff.delay() <= 2


def test_retry_after_is_read_in_seconds_or_as_a_date():
    now = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
    assert parse_retry_after("5") == 5
    assert parse_retry_after(format_datetime(now + timedelta(seconds=90), usegmt=True), now) == 90
    assert parse_retry_after(None) is None
    assert parse_retry_after("pronto") is None


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("https://tambo.muni.gob.pe/", "https://tambo.muni.gob.pe"),
        ("tambo.muni.gob.pe", "https://tambo.muni.gob.pe"),
        ("127.0.0.1:8765", "http://127.0.0.1:8765"),
        ("http://10.0.0.5:8765/tambo/api/v1", "http://10.0.0.5:8765/tambo"),
    ],
)
def test_server_addresses_are_forgiven_what_people_type(typed, expected):
    assert normalise_server_url(typed) == expected


@pytest.mark.parametrize(
    "typed", ["", "ftp://tambo.pe", "https://", "https://tambo.pe?x=1", "http://h:99999"]
)
def test_a_bad_server_address_is_refused_in_spanish(typed):
    with pytest.raises(TamboError) as caught:
        normalise_server_url(typed)
    assert caught.value.code == errors.SYNC_SERVER_URL_INVALID
    assert caught.value.message().startswith("La dirección del servidor no es válida")
