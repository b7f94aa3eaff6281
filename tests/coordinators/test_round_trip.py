"""The coordinator's round with real parts: kiosk -> bundle on a stick -> relay device -> server ->
acknowledgement file -> kiosk; with duplicates, overlapping bundles and items that also went directly."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from desktop.bundles.acks import apply_ack
from desktop.bundles.export import export_bundle
from desktop.store import pulled, settings
from shared.protocol.bundle_acks import read_ack_header
from shared.protocol.bundles import check_bundle_file
from sync_server.storage.bundles import bundle_ack, latest_bundles, recent_bundles
from sync_server.storage.workflow import add_message
from tests.coordinators.support import relay_upload, server_ids
from tests.sync.support import assert_server_holds_exactly, sync_once


def count_status_events(db) -> int:
    return db.execute("SELECT count(*) FROM status_events").fetchone()[0]


def test_kiosk_bundle_relay_server_ack_kiosk(kiosk, relay, live_server, usb):
    for index in range(3):
        kiosk.save(files=1 if index == 1 else 0)
    exported = export_bundle(kiosk.backend.store, usb)
    assert (exported.path.parent, exported.path.suffix) == (usb, ".tambo")
    assert (exported.envelopes, exported.attachments, exported.skipped) == (3, 1, [])
    assert kiosk.counts()["pending"] == 3, "exporting changes nothing on the kiosk"
    manifest = check_bundle_file(exported.path)
    assert manifest.device_id == kiosk.backend.device_info().device_id

    uploaded = relay_upload(relay, live_server.url, exported.path)
    summary = uploaded.response.summary
    assert (summary.accepted, summary.duplicate, summary.rejected) == (3, 0, 0)
    assert uploaded.response.device_name == "Quiosco Ccochaccasa"
    assert_server_holds_exactly(live_server.server, kiosk, expect=3)
    assert read_ack_header(uploaded.ack, "acuse").summary.changes >= 3  # "Recibido" for each, catalog

    result = apply_ack(kiosk.backend.store, uploaded.ack, "acuse")
    assert (result.sent, result.already_sent, result.rejected, result.waiting) == (3, 0, 0, 0)
    assert kiosk.counts() == {"pending": 0, "sent": 3, "rejected": 0}
    assert {row.last_status for row in kiosk.backend.search("")} == {"Recibido"}
    assert result.cursor_moved
    cursor = kiosk.backend.store.read(lambda db: settings.get_state(db, settings.PULL_CURSOR))
    assert (cursor or "").startswith("c1.")

    events = kiosk.backend.store.read(lambda db: db.execute("SELECT count(*) FROM status_events").fetchone())
    again = apply_ack(kiosk.backend.store, uploaded.ack, "acuse")  # the same file twice: nothing new
    assert (again.sent, again.already_sent, again.cursor_moved) == (0, 3, False)
    assert (
        kiosk.backend.store.read(lambda db: db.execute("SELECT count(*) FROM status_events").fetchone())
        == events
    )

    direct = sync_once(kiosk, live_server.url)  # a later direct sync has nothing to send
    assert direct.complete, direct.error
    assert (direct.accepted, direct.duplicates) == (0, 0)


def test_the_same_overlapping_or_directly_sent_items_are_stored_once(kiosk, relay, live_server, usb):
    kiosk.save()
    kiosk.save(files=1)
    first = export_bundle(kiosk.backend.store, usb / "primera.tambo")
    kiosk.save()
    second = export_bundle(kiosk.backend.store, usb / "segunda.tambo")  # overlaps the first
    assert (first.envelopes, second.envelopes) == (2, 3)

    newer = relay_upload(relay, live_server.url, second.path).response.summary
    assert (newer.accepted, newer.duplicate) == (3, 0)
    older = relay_upload(relay, live_server.url, first.path).response.summary
    assert (older.accepted, older.duplicate) == (0, 2)
    repeated = relay_upload(relay, live_server.url, second.path)
    assert (repeated.response.summary.duplicate, repeated.response.first_upload) == (3, False)

    kiosk.save()
    third = export_bundle(kiosk.backend.store, usb / "tercera.tambo")
    report = sync_once(kiosk, live_server.url)  # the site got a link before the coordinator came back
    assert report.complete, report.error
    late = relay_upload(relay, live_server.url, third.path).response.summary
    assert (late.accepted, late.duplicate) == (0, 4)
    assert_server_holds_exactly(live_server.server, kiosk, expect=4)
    assert len(server_ids(live_server.server, kiosk.backend.device_info().device_id)) == 4

    stale = apply_ack(kiosk.backend.store, relay_upload(relay, live_server.url, first.path).ack, "viejo")
    assert (stale.sent, stale.already_sent, stale.cursor_moved) == (0, 2, False)
    assert kiosk.counts() == {"pending": 0, "sent": 4, "rejected": 0}


def test_changes_after_the_cursor_travel_back_in_the_ack(kiosk, relay, live_server, usb):
    saved = kiosk.save()
    report = sync_once(kiosk, live_server.url)
    assert report.complete, report.error
    with live_server.server.db.write() as conn:  # what the console does when an official writes
        add_message(
            conn,
            "muni-demo",
            saved.row.id,
            "Su constancia está lista.",
            from_unit="MP",
            actor="user:ana",
            now=datetime.now(UTC),
        )
    bundle = export_bundle(kiosk.backend.store, usb)
    assert bundle.envelopes == 0, "nothing pending: the bundle only carries the cursor"
    ack = relay_upload(relay, live_server.url, bundle.path).ack
    result = apply_ack(kiosk.backend.store, ack, "acuse")
    assert result.changes_applied == 1
    messages = kiosk.backend.store.read(lambda db: pulled.messages_of(db, saved.row.id))
    assert [body for _at, _unit, body in messages] == ["Su constancia está lista."]


@pytest.mark.postgres
def test_the_round_on_postgresql(kiosk, relay, live_server, usb):
    """The same path on the scale backend: bundles table, acknowledgement bytes, device health."""
    kiosk.save(files=1)
    kiosk.save()
    bundle = export_bundle(kiosk.backend.store, usb).path
    first = relay_upload(relay, live_server.url, bundle)
    second = relay_upload(relay, live_server.url, bundle)
    assert (first.response.summary.accepted, second.response.summary.duplicate) == (2, 2)
    assert apply_ack(kiosk.backend.store, second.ack, "acuse").sent == 2
    assert_server_holds_exactly(live_server.server, kiosk, expect=2)
    device_id = kiosk.backend.device_info().device_id
    with live_server.server.db.read() as conn:
        (row,) = recent_bundles(conn, ["muni-demo"])
        assert (row.uploads, row.accepted, row.items) == (2, 2, 2)
        assert latest_bundles(conn, ["muni-demo"])[device_id].bundle_id == first.manifest.bundle_id
        assert bundle_ack(conn, ["muni-demo"], row.bundle_id) == second.ack
