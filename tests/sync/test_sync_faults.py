"""The real client against the real server through the fault proxy: cuts in every phase, lost acks,
500s, a clock hours off. After each: the server holds exactly what the device saved, once, byte-identical.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from desktop.sync.enrollment import register_pending
from desktop.sync.uploads import ChunkSizer
from sync_server.ops.enrollment import issue_device
from tests.netfault import FaultProxy
from tests.sync.flaky import FlakyServer
from tests.sync.support import (
    INSTITUTION,
    Desk,
    assert_server_holds_exactly,
    background,
    make_engine,
    sync_once,
    sync_until_done,
)


@pytest.fixture
def proxy(live_server) -> Iterator[FaultProxy]:
    port = int(live_server.url.rsplit(":", 1)[1])
    with FaultProxy(port, seed=5) as running:
        yield running


def test_a_lost_push_ack_ends_with_one_copy(desk, live_server, proxy):
    for _ in range(6):
        desk.save()
    rule = proxy.drop_response(match=b"POST /api/v1/push")
    report = sync_once(desk, proxy.url)
    assert report.complete, report.error
    assert rule.fired == 1, proxy.report()
    assert report.duplicates == 6  # the server had committed them all before the answer was lost
    assert report.accepted == 0
    assert desk.counts()["sent"] == 6
    assert_server_holds_exactly(live_server.server, desk, expect=6)


PHASES = [
    b"GET /api/v1/ping",
    b"POST /api/v1/attachments",
    b"PATCH /api/v1/attachments",
    b"POST /api/v1/push",
    b"POST /api/v1/pull",
    b"POST /api/v1/health",
]


@pytest.mark.parametrize("request_line", PHASES, ids=lambda b: b.decode().replace(" /api/v1/", " "))
@pytest.mark.parametrize("how", ["cut-request", "lose-answer"])
def test_a_cut_in_any_phase_loses_and_doubles_nothing(desk, live_server, proxy, request_line, how):
    desk.save(files=1, file_size=300_000)
    desk.save()
    if how == "cut-request":
        rule = proxy.cut_after(40 if b"PATCH" not in request_line else 90_000, "up", match=request_line)
    else:
        rule = proxy.drop_response(match=request_line)
    report = sync_until_done(desk, proxy.url)
    assert rule.fired == 1, proxy.report()
    assert report.complete
    assert desk.counts() == {"pending": 0, "sent": 2, "rejected": 0}
    assert_server_holds_exactly(live_server.server, desk, expect=2)


def test_a_cut_during_registration_is_retried_with_the_same_key(live_server, proxy, tmp_path):
    desk = Desk.open(tmp_path / "desk")
    try:
        issued = issue_device(live_server.server, INSTITUTION, "Mesa con ticket", actor="test")
        desk.backend.enroll(issued.ticket)  # provisioned offline, not yet registered
        desk.save()
        assert not desk.backend.device_info().registered
        rule = proxy.drop_response(match=b"POST /api/v1/enroll")
        report = sync_until_done(desk, proxy.url)
        assert rule.fired == 1
        assert report.complete
        assert desk.backend.device_info().registered
        assert_server_holds_exactly(live_server.server, desk, expect=1)
        assert register_pending(desk.backend.store, None) is False  # type: ignore[arg-type] - nothing due
    finally:
        desk.close()


def test_an_upload_cut_midway_resumes_from_the_server_offset(desk, live_server, proxy):
    size, chunk = 1_500_000, 100_000
    desk.save(files=1, file_size=size)
    proxy.update_profile(up_kbps=8_000)  # 1 MB/s: the upload takes long enough to cut it halfway
    reports = []
    with background(
        lambda: reports.append(sync_once(desk, proxy.url, sizer=ChunkSizer(chunk, maximum=chunk)))
    ):
        proxy.wait_for(lambda stats: stats.bytes_up_delivered > 700_000, timeout=30)
        deadline = time.monotonic() + 10
        while proxy.cut_all() == 0:  # between two chunks: cut the next one
            assert time.monotonic() < deadline, proxy.report()
            time.sleep(0.005)
    (report,) = reports
    assert report.complete, report.error
    sent = report.uploaded_bytes  # chunk bodies put on the wire, the one cut included
    assert size < sent <= size + 200 + chunk, sent  # resent the chunk in flight, never the whole file
    assert_server_holds_exactly(live_server.server, desk, expect=1)


def test_server_errors_500_are_retried_and_the_server_keeps_one_copy(desk, live_server):
    for _ in range(4):
        desk.save(files=1)
    flaky = FlakyServer(live_server)
    flaky.fail("/api/v1/push", times=2, after_handling=True)  # committed, then answered 500
    flaky.fail("/api/v1/attachments", times=1)
    with flaky.serving() as url:
        report = sync_until_done(desk, url)
    assert flaky.failures_sent == 3
    assert report.complete
    assert_server_holds_exactly(live_server.server, desk, expect=4)


def test_a_server_answering_503_with_retry_after_is_given_that_time(desk, live_server):
    desk.save()
    flaky = FlakyServer(live_server)
    flaky.fail("/api/v1/push", times=1, status=503, retry_after=1)
    with flaky.serving() as url:
        started = time.monotonic()
        report = sync_once(desk, url)
    assert report.complete, report.error
    assert time.monotonic() - started >= 1.0  # waited at least Retry-After, not the 0.05 s backoff
    assert_server_holds_exactly(live_server.server, desk, expect=1)


@pytest.mark.parametrize("hours", [-7, 5])
def test_a_device_clock_hours_off_still_syncs(desk, live_server, hours):
    skew = hours * 3600
    desk.backend.clock = lambda: datetime.now(UTC) + timedelta(seconds=skew)
    desk.save()
    report = sync_once(desk, live_server.url, clock=lambda: time.time() + skew)
    assert report.complete, report.error
    assert_server_holds_exactly(live_server.server, desk, expect=1)
    assert report.health is not None
    assert report.health.ok  # both sides file it under the device's (wrong) day, consistently


def test_a_refused_signature_from_a_skewed_request_is_signed_again(desk, live_server):
    """Without /ping's correction (a clock that jumps after it), ``auth.clock_skew`` teaches the offset."""
    desk.save()
    jumps = iter([0.0] * 2 + [3 * 3600.0] * 10_000)
    engine = make_engine(desk, live_server.url, clock=lambda: time.time() + next(jumps))
    try:
        report = engine.run_once()
        offset = engine.client.clock_offset
    finally:
        engine.stop()
    assert report.complete, report.error
    assert abs(offset + 3 * 3600) < 60  # learnt from the refusal's server_timestamp
    assert_server_holds_exactly(live_server.server, desk, expect=1)
