"""The device's side of trouble: a revoked device, a full disk, items the server refuses, attachments
that went missing on either side, and the end-of-sync health check repairing a server that lost data."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from desktop.ops.api import NewSubmission
from desktop.store import settings, syncing
from desktop.sync.engine import SyncEngine
from desktop.sync.errors import ServerRefusal
from shared import errors
from shared.forms import demo_catalog_dir, load_service
from sync_server.storage.devices import device_by_device_id, revoke_device
from sync_server.storage.schema import status_events, submission_attachments, submissions
from tests.sync.support import Desk, assert_server_holds_exactly, make_engine, sync_once
from tests.sync_server.device_client import valid_answers


def test_a_revoked_device_stops_keeps_its_queue_and_says_why(desk, live_server):
    desk.save()
    assert sync_once(desk, live_server.url).complete
    with live_server.server.db.write() as conn:
        device = device_by_device_id(conn, desk.backend.device_info().device_id)
        revoke_device(conn, device, actor="test", now=datetime.now(UTC))
    desk.save()
    desk.save()
    engine = make_engine(desk, live_server.url)
    try:
        report = engine.run_once()
        status = engine.status()
    finally:
        engine.stop()
    assert isinstance(report.error, ServerRefusal)
    assert report.error.code == errors.DEVICE_REVOKED
    assert status.connection == "revoked"
    assert "dado de baja" in (status.error_message or "")
    assert desk.counts() == {"pending": 2, "sent": 1, "rejected": 0}  # kept, visible, not dropped
    assert desk.backend.store.read(lambda db: settings.get_setting(db, settings.REVOKED)) is True
    again = make_engine(desk, live_server.url)
    try:
        assert again.refresh_counts().connection == "revoked"  # known at the next start, before any request
    finally:
        again.stop()
    with live_server.server.db.read() as conn:
        count = conn.execute(sa.select(sa.func.count()).select_from(submissions)).scalar_one()
    assert count == 1


def test_a_full_disk_on_the_device_loses_nothing_and_says_so(desk, live_server):
    for _ in range(25):
        desk.save()
    pages = desk.backend.store.call(lambda db: db.execute("PRAGMA page_count").fetchone()[0])
    desk.backend.store.call(lambda db: db.execute(f"PRAGMA max_page_count = {pages}"))
    engine = make_engine(desk, live_server.url)
    try:
        report = engine.run_once()
        status = engine.status()
    finally:
        engine.stop()
    assert report.error is not None
    assert report.error.code == errors.STORAGE_DISK_FULL
    assert "No hay espacio en el disco" in (status.error_message or "")
    assert desk.counts()["sent"] < 25  # the acks could not all be written...
    desk.backend.store.call(lambda db: db.execute("PRAGMA max_page_count = 1073741823"))
    report = sync_once(desk, live_server.url)  # ...so the next run gets them again as duplicates
    assert report.complete, report.error
    assert report.duplicates > 0
    assert desk.counts() == {"pending": 0, "sent": 25, "rejected": 0}
    assert_server_holds_exactly(live_server.server, desk, expect=25)
    assert desk.backend.verify_audit().ok


def test_a_rejected_item_stays_visible_in_spanish_and_does_not_block_the_queue(desk, live_server, tmp_path):
    local_only = json.loads((demo_catalog_dir() / "solicitud-general.json").read_text())
    local_only["id"] = "tramite-solo-local"
    path = tmp_path / "local.json"
    path.write_text(json.dumps(local_only))
    desk.backend.import_catalog([path])
    desk.save()
    service = load_service(local_only)

    bad = desk.backend.save_submission(
        NewSubmission(service.id, 1, valid_answers(), pages=2, received_by="Ana Torres")
    )
    desk.save()
    report = sync_once(desk, live_server.url)
    assert report.complete, report.error
    assert (report.accepted, report.rejected) == (2, 1)
    assert desk.counts() == {"pending": 0, "sent": 2, "rejected": 1}
    (problem,) = desk.problems()
    assert problem.tracking_code == bad.row.tracking_code
    assert problem.code == errors.SUBMISSION_UNKNOWN_SERVICE
    assert "tramite-solo-local" in (problem.reason or "")
    assert problem.reason.startswith("El trámite")
    row = next(r for r in desk.backend.search("") if r.id == bad.row.id)
    assert row.sync_state == "rejected"
    assert sync_once(desk, live_server.url).rejected == 0  # not pushed again, not dropped


def test_health_finds_what_the_server_lost_and_pushes_it_again(desk, live_server):
    kept = [desk.save() for _ in range(3)]
    lost = desk.save(files=1)
    assert sync_once(desk, live_server.url).complete
    with live_server.server.db.write() as conn:  # as after restoring an old backup
        for table in (status_events, submission_attachments):
            conn.execute(sa.delete(table).where(table.c.submission_id == lost.row.id))
        conn.execute(sa.delete(submissions).where(submissions.c.id == lost.row.id))
    report = sync_once(desk, live_server.url)
    assert report.complete, report.error
    assert report.health is not None
    assert len(report.health.mismatched_days) == 1
    assert report.health.repushed == 4
    assert report.health.still_mismatched == []
    assert (report.accepted, report.duplicates) == (1, 3)
    assert_server_holds_exactly(live_server.server, desk, expect=len(kept) + 1)
    assert sync_once(desk, live_server.url).health.mismatched_days == []


def test_an_attachment_the_server_lacks_is_uploaded_again(desk, live_server):
    detail = desk.save(files=2)
    (item,) = desk.backend.store.read(lambda db: syncing.queue_page(db, 0, 10))
    for attachment in item.attachments:  # the device believes they went up, the server never got them
        desk.backend.store.write(
            lambda db, sha=attachment.sealed_sha256: db.execute(
                "UPDATE submission_attachments SET uploaded_at = 'x' WHERE sealed_sha256 = ?", [sha]
            )
        )
    report = sync_once(desk, live_server.url)
    assert report.complete, report.error
    assert report.attachments_uploaded == 2
    assert report.accepted == 1
    assert_server_holds_exactly(live_server.server, desk, expect=1)
    assert detail.row.id in {r.id for r in desk.backend.search("") if r.sync_state == "sent"}


def test_a_damaged_local_attachment_is_reported_and_the_rest_goes(desk, live_server):
    broken = desk.save(files=1)
    fine = desk.save()
    (item,) = [i for i in desk.backend.store.read(lambda db: syncing.queue_page(db, 0, 10)) if i.attachments]
    path = desk.backend.store.blobs.path(item.attachments[0].sealed_sha256)
    path.write_bytes(b"x" + path.read_bytes()[1:])
    report = sync_once(desk, live_server.url)
    assert report.complete, report.error
    assert report.accepted == 1
    (problem,) = desk.problems()
    assert problem.tracking_code == broken.row.tracking_code
    assert problem.state == "pending"
    assert "archivo adjunto" in (problem.reason or "")
    assert fine.row.id in {r.id for r in desk.backend.search("") if r.sync_state == "sent"}


def test_an_unenrolled_device_does_not_try(tmp_path):
    desk = Desk.open(tmp_path / "nuevo")
    try:
        engine = SyncEngine(desk.backend.store, server_url="http://127.0.0.1:9")
        report = engine.run_once()
        assert report.error is not None
        assert report.error.code == errors.DEVICE_NOT_PROVISIONED
        assert engine.status().connection == "not_enrolled"
        engine.stop()
    finally:
        desk.close()


def test_recent_days_are_read_newest_first_and_a_full_check_reads_them_all(desk):
    now = datetime.now(UTC)
    for days_ago in (40, 20, 3, 0):
        desk.backend.clock = lambda days_ago=days_ago: now - timedelta(days=days_ago)
        desk.save()
    desk.backend.store.write(
        lambda db: db.execute(
            "UPDATE outbox SET state = 'sent' WHERE submission_id IN (SELECT id FROM submissions)"
        )
    )
    full = desk.backend.store.read(syncing.ids_by_day)
    assert sorted(full) == [(now - timedelta(days=d)).date() for d in (40, 20, 3, 0)]
    recent = desk.backend.store.read(
        lambda db: syncing.ids_by_day(db, since=(now - timedelta(days=7)).date())
    )
    assert sorted(recent) == [(now - timedelta(days=d)).date() for d in (3, 0)]


def test_a_file_the_server_refuses_at_announce_rejects_its_item_only(desk, live_server):
    odd = desk.save(files=1)
    fine = desk.save(files=1)
    desk.backend.store.write(  # as if saved under a form that accepted this type and the server's does not
        lambda db: db.execute(
            "UPDATE submission_attachments SET media_type = 'application/x-msdownload' "
            "WHERE submission_id = ?",
            [odd.row.id],
        )
    )
    report = sync_once(desk, live_server.url)
    assert report.complete, report.error
    assert desk.counts() == {"pending": 0, "sent": 1, "rejected": 1}
    (problem,) = desk.problems()
    assert problem.tracking_code == odd.row.tracking_code
    assert problem.code == errors.FIELD_ATTACHMENT_TYPE
    assert fine.row.id in {r.id for r in desk.backend.search("") if r.sync_state == "sent"}
