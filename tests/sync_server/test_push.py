"""Push over the real API: accepted, duplicate, conflict, rejected, need_attachments, lost acks, races."""

from __future__ import annotations

import socket
import threading
import time
from datetime import UTC, date, datetime
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from shared import errors
from shared.crypto import sha256_hex
from shared.protocol import PushRequest, encode, sign_envelope
from shared.submission import SealedSubmission
from shared.tracking import make_tracking_code
from sync_server.storage.schema import audit_log, changes, status_events, submissions
from sync_server.storage.submissions import get_submission
from tests.sync_server.conftest import LiveServer
from tests.sync_server.device_client import DeviceClient, valid_answers

LIMA = ZoneInfo("America/Lima")


def stored_count(live_server: LiveServer, table: sa.Table = submissions) -> int:
    with live_server.server.db.read() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()


def test_a_valid_submission_is_accepted_and_stored_once(live_server: LiveServer) -> None:
    device = live_server.device()
    sealed = device.seal()
    response = device.push([sealed.envelope])
    assert response.status_code == 200
    [result] = response.json()["results"]
    assert set(result) == {"id", "status", "seq"}  # a small ack, never an echo
    assert result["status"] == "accepted"
    with live_server.server.db.read() as conn:
        stored = get_submission(conn, "muni-demo", sealed.envelope.id)
    assert stored.seq == result["seq"]
    assert stored.applicant_name == "Rosa"
    assert stored.applicant_id == "12345678"
    assert stored.answers["asunto"] == "Pedido de constancia"
    assert stored.status == "received"
    assert stored.device_id == device.device_id
    assert '"signature"' in stored.envelope  # the signed envelope, kept for audit


def test_the_device_learns_its_status_and_due_date_by_pulling(live_server: LiveServer) -> None:
    device = live_server.device()
    filed = datetime(2026, 3, 2, 10, 0, tzinfo=LIMA)  # a Monday
    answers = {
        "dni": "12345678",
        "nombres": "Rosa",
        "apellidos": "Mamani",
        "domicilio": "Jr. Lima 123",
        "distrito": "210501",
        "referencia": "Frente a la plaza",
        "celular": "987654321",
        "finalidad": "trabajo",
    }
    sealed = device.seal(answers, service_id="constancia-domiciliaria", filed_at=filed)
    assert device.push([sealed.envelope]).json()["results"][0]["status"] == "accepted"
    changes_seen, _ = device.pull_all()
    [status] = [c for c in changes_seen if c["kind"] == "status"]
    assert status["submission_id"] == sealed.envelope.id
    assert status["status"] == "received"
    assert status["due_date"] == "2026-03-05"  # 3 días hábiles after Monday
    assert status["tracking_code"] == sealed.envelope.tracking_code


def test_the_same_envelope_again_is_a_duplicate_with_the_original_seq(live_server: LiveServer) -> None:
    device = live_server.device()
    sealed = device.seal()
    first = device.push([sealed.envelope]).json()["results"][0]
    again = device.push([sealed.envelope], gzip=True).json()["results"][0]
    assert again == {"id": sealed.envelope.id, "status": "duplicate", "seq": first["seq"]}
    assert stored_count(live_server) == 1
    assert stored_count(live_server, changes) == 12 + 1  # key, calendar, 10 catalog versions; one status


def test_the_same_id_with_other_content_is_a_conflict_never_an_overwrite(live_server: LiveServer) -> None:
    device = live_server.device()
    sealed = device.seal()
    device.push([sealed.envelope])
    altered = sign_envelope(sealed.envelope.model_copy(update={"device_seq": 999}), device.key)
    [result] = device.push([altered]).json()["results"]
    assert result["status"] == "conflict"
    assert result["code"] == errors.SUBMISSION_CONFLICT
    with live_server.server.db.read() as conn:
        assert '"device_seq":1' in get_submission(conn, "muni-demo", sealed.envelope.id).envelope


def test_invalid_answers_are_rejected_with_the_field_and_nothing_is_stored(live_server: LiveServer) -> None:
    device = live_server.device()
    sealed = device.seal(valid_answers(dni="1234"))
    [result] = device.push([sealed.envelope]).json()["results"]
    assert result["status"] == "rejected"
    assert result["code"] == errors.SUBMISSION_INVALID_ANSWERS
    [problem] = result["details"]["errors"]
    assert problem["path"] == "dni"
    assert problem["code"] == errors.FIELD_INVALID_DNI
    assert "DNI" in problem["message"]
    assert stored_count(live_server) == 0
    assert stored_count(live_server, status_events) == 0


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"form_version": 99}, errors.SUBMISSION_UNKNOWN_SERVICE),
        ({"service_id": "no-existe"}, errors.SUBMISSION_UNKNOWN_SERVICE),
        ({"tracking_code": make_tracking_code("ZZZZ", 1)}, errors.SUBMISSION_TRACKING_PREFIX),
    ],
)
def test_rejections_carry_a_stable_code(live_server: LiveServer, change: dict, code: str) -> None:
    device = live_server.device()
    options = {k: v for k, v in change.items() if k in ("form_version", "service_id", "tracking_code")}
    sealed = device.seal(**options)
    [result] = device.push([sealed.envelope]).json()["results"]
    assert (result["status"], result["code"]) == ("rejected", code)
    assert stored_count(live_server) == 0


def test_an_envelope_altered_after_signing_is_rejected(live_server: LiveServer) -> None:
    device = live_server.device()
    sealed = device.seal()
    forged = sealed.envelope.model_copy(update={"tracking_code": make_tracking_code(device.prefix, 500)})
    [result] = device.push([forged]).json()["results"]
    assert (result["status"], result["code"]) == ("rejected", errors.CRYPTO_BAD_SIGNATURE)


def test_one_batch_answers_each_item_in_order(live_server: LiveServer) -> None:
    device = live_server.device()
    good, bad, other_good = device.seal(), device.seal(valid_answers(celular="12")), device.seal()
    device.push([good.envelope])
    results = device.push([good.envelope, bad.envelope, other_good.envelope]).json()["results"]
    assert [r["id"] for r in results] == [good.envelope.id, bad.envelope.id, other_good.envelope.id]
    assert [r["status"] for r in results] == ["duplicate", "rejected", "accepted"]


def test_repeats_inside_one_batch_are_answered_like_repeats_across_batches(live_server: LiveServer) -> None:
    """A batch is stored in one go: an id twice in it is stored once (then ``duplicate``, or ``conflict``
    with other content), and a second submission claiming a stored tracking code is rejected."""
    device = live_server.device()
    first, other = device.seal(), device.seal()
    altered = sign_envelope(first.envelope.model_copy(update={"device_seq": 999}), device.key)
    same_code = device.seal(tracking_code=first.envelope.tracking_code)
    batch = [first.envelope, first.envelope, altered, other.envelope, same_code.envelope]
    results = device.push(batch).json()["results"]
    assert [r["status"] for r in results] == ["accepted", "duplicate", "conflict", "accepted", "rejected"]
    assert results[1]["seq"] == results[0]["seq"]
    assert results[4]["code"] == errors.SUBMISSION_TRACKING_CODE_TAKEN
    assert stored_count(live_server) == 2
    assert stored_count(live_server, changes) == 12 + 2  # one "received" change per stored submission


def test_missing_attachments_are_asked_for_then_accepted(live_server: LiveServer) -> None:
    device = live_server.device()
    sealed = device.seal(files=[(b"%PDF-1.4 escaneo", "application/pdf", "dni.pdf")])
    [result] = device.push([sealed.envelope]).json()["results"]
    assert result["status"] == "need_attachments"
    assert result["missing"] == list(sealed.blobs)
    assert stored_count(live_server) == 0
    for blob in sealed.blobs.values():
        device.upload(blob)
    [result] = device.push([sealed.envelope]).json()["results"]
    assert result["status"] == "accepted"


def test_an_attachment_type_the_form_does_not_accept_is_rejected(live_server: LiveServer) -> None:
    device = live_server.device()
    exe = [(b"MZ\x90\x00 programa", "application/x-msdownload", "virus.exe")]
    in_answers = device.seal(files=exe)
    only_in_payload = device.seal(files=exe, declare_in_answers=False)  # a device that skipped validation
    for sealed in (in_answers, only_in_payload):
        for blob in sealed.blobs.values():
            assert device.announce(blob, "application/x-msdownload").status_code == 422  # no form takes it
            device.upload(blob, media_type="application/pdf")  # announced as something it is not
    first, second = device.push([in_answers.envelope, only_in_payload.envelope]).json()["results"]
    assert (first["status"], first["code"]) == ("rejected", errors.SUBMISSION_INVALID_ANSWERS)
    assert first["details"]["errors"][0]["code"] == errors.FIELD_ATTACHMENT_TYPE
    assert (second["status"], second["code"]) == ("rejected", errors.FIELD_ATTACHMENT_TYPE)
    assert stored_count(live_server) == 0


def raw_push_without_reading_the_answer(device: DeviceClient, body: bytes) -> None:
    """Send a whole push request, then hang up before the answer: an ack lost on the way back."""
    url = urlparse(device.base_url)
    signed = device.signed_headers("POST", "/api/v1/push", sha256_hex(body))
    head = [
        "POST /api/v1/push HTTP/1.1",
        f"Host: {url.netloc}",
        "Content-Type: application/json",
        f"Content-Length: {len(body)}",
        "Connection: close",
        *(f"{name}: {value}" for name, value in signed.items()),
    ]
    with socket.create_connection((url.hostname, url.port), timeout=10) as sock:
        sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode() + body)


def test_a_lost_ack_followed_by_a_retry_leaves_exactly_one_copy(live_server: LiveServer) -> None:
    device = live_server.device()
    batch = [device.seal() for _ in range(5)]
    raw_push_without_reading_the_answer(device, encode(PushRequest(items=[s.envelope for s in batch])))
    deadline = time.monotonic() + 20
    while stored_count(live_server) < 5:  # the server committed although nobody heard the answer
        assert time.monotonic() < deadline
        time.sleep(0.05)
    results = device.push([s.envelope for s in batch]).json()["results"]
    assert {r["status"] for r in results} == {"duplicate"}
    assert stored_count(live_server) == 5
    assert stored_count(live_server, status_events) == 5


def push_at_once(
    device: DeviceClient, sealed: SealedSubmission, barrier: threading.Barrier, out: list[str]
) -> None:
    barrier.wait(10)
    out.append(device.push([sealed.envelope]).json()["results"][0]["status"])


def test_concurrent_pushes_of_the_same_submission_leave_one_row(
    live_server: LiveServer, backend: str
) -> None:
    device = live_server.device()
    rounds, pushers = 6, 4
    for _ in range(rounds):
        sealed = device.seal()
        barrier = threading.Barrier(pushers)
        statuses: list[str] = []
        threads = [
            threading.Thread(target=push_at_once, args=(device, sealed, barrier, statuses))
            for _ in range(pushers)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert sorted(statuses) == ["accepted"] + ["duplicate"] * (pushers - 1)
    assert stored_count(live_server) == rounds
    assert stored_count(live_server, status_events) == rounds
    with live_server.server.db.read() as conn:
        actions = conn.execute(sa.select(audit_log.c.action)).scalars().all()
    assert actions.count("submission.receive") == rounds


def test_a_push_of_envelopes_for_a_date_long_ago_is_judged_as_of_filing(live_server: LiveServer) -> None:
    """validate_answers runs with today = the filing date, so a rule like "not in the future" holds."""
    device = live_server.device()
    filed = datetime(2025, 12, 30, 9, 0, tzinfo=UTC)
    sealed = device.seal(filed_at=filed)
    assert device.push([sealed.envelope]).json()["results"][0]["status"] == "accepted"
    with live_server.server.db.read() as conn:
        stored = get_submission(conn, "muni-demo", sealed.envelope.id)
    assert stored.official_date == date(2025, 12, 30)
    assert stored.due_date == date(2025, 12, 30)  # same-day service
