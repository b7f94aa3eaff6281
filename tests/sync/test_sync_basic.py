"""Push, pull and health against the real server, on a good network."""

from __future__ import annotations

from tests.sync.support import assert_server_holds_exactly, sync_once


def test_saved_submissions_reach_the_server_once_and_statuses_come_back(desk, live_server):
    for index in range(5):
        desk.save(files=index % 2)
    report = sync_once(desk, live_server.url)
    assert report.complete, report.error
    assert (report.accepted, report.duplicates, report.rejected) == (5, 0, 0)
    assert report.attachments_uploaded == 2
    assert desk.counts() == {"pending": 0, "sent": 5, "rejected": 0}
    assert_server_holds_exactly(live_server.server, desk, expect=5)
    rows = desk.backend.search("")
    assert {row.last_status for row in rows} == {"Recibido"}
    assert report.health is not None
    assert report.health.ok
    assert report.health.days_checked == 1
    again = sync_once(desk, live_server.url)
    assert again.complete
    assert again.sent == 0
