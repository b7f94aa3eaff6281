"""A device of one institution can neither read nor write another institution's data through the API."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from datetime import UTC, datetime

import sqlalchemy as sa

from shared import errors, statuses
from shared.crypto import sha256_hex
from shared.protocol import DayDigest, HealthRequest, day_digest, headers
from sync_server.ops.documents import store_document
from sync_server.storage.schema import submissions
from sync_server.storage.workflow import change_status
from tests.sync_server.conftest import LiveServer
from tests.sync_server.device_client import DeviceClient


def test_one_institution_cannot_touch_anothers_data(
    live_server: LiveServer, second_institution: Callable[[], DeviceClient]
) -> None:
    mine = live_server.device()
    theirs = second_institution()

    # B files a request with an attachment; an official of B answers it with a document.
    blob = os.urandom(2000)
    their_submission = theirs.seal(files=[(blob, "application/pdf", "dni.pdf")])
    for sealed_blob in their_submission.blobs.values():
        theirs.upload(sealed_blob)
    assert theirs.push([their_submission.envelope]).json()["results"][0]["status"] == "accepted"
    with live_server.server.db.write() as conn:
        change_status(
            conn,
            "muni-otra",
            their_submission.envelope.id,
            statuses.IN_REVIEW,
            actor="u",
            now=datetime.now(UTC),
        )
    document = store_document(
        live_server.server,
        "muni-otra",
        their_submission.envelope.id,
        io.BytesIO(b"%PDF"),
        name="r.pdf",
        media_type="application/pdf",
        actor="u",
    )

    # Writing: A pushes B's envelope as is, and an envelope addressed to B's institution.
    results = mine.push([their_submission.envelope, mine.seal(institution_id="muni-otra").envelope]).json()[
        "results"
    ]
    assert [(r["status"], r["code"]) for r in results] == [
        ("rejected", errors.SUBMISSION_WRONG_INSTITUTION)
    ] * 2

    # Reading: nothing of B in A's pull, A's health, A's uploads, A's documents.
    changes, _ = mine.pull_all()
    assert their_submission.envelope.id not in str(changes)
    assert theirs.institution_public_key not in str(changes)
    assert mine.request("GET", f"/documents/{document.id}").status_code == 404
    sealed_sha = next(iter(their_submission.blobs))
    head = mine.upload_offset(sealed_sha)
    assert head.status_code == 404
    patch = mine.append(sealed_sha, 0, blob)
    assert patch.status_code == 404
    announce = mine.announce(their_submission.blobs[sealed_sha])
    assert announce.json()["complete"] is False  # A does not learn that B holds this file
    day = their_submission.envelope.created_at.astimezone(UTC).date()
    health = mine.post_message(
        "/health", HealthRequest(days=[DayDigest(day=day, count=0, digest=day_digest([]))])
    ).json()
    assert health["days"] == []
    catalog = mine.request("GET", "/catalog").json()
    assert catalog["institution"]["id"] == "muni-demo"

    # And B's data is as B left it.
    with live_server.server.db.read() as conn:
        rows = conn.execute(sa.select(submissions.c.institution_id, submissions.c.status)).all()
    assert [tuple(r) for r in rows] == [("muni-otra", statuses.IN_REVIEW)]


def test_a_device_cannot_file_in_the_name_of_another_institutions_device(
    live_server: LiveServer, second_institution: Callable[[], DeviceClient]
) -> None:
    mine = live_server.device()
    theirs = second_institution()
    # B's device seals to A's key (it knows it: public keys are public) and A's device relays it.
    theirs.institution_id = "muni-demo"
    theirs.institution_public_key = mine.institution_public_key
    forged = theirs.seal()
    [result] = mine.push([forged.envelope]).json()["results"]
    assert (result["status"], result["code"]) == ("rejected", errors.SUBMISSION_WRONG_INSTITUTION)


def test_uploads_of_one_institution_do_not_complete_anothers(
    live_server: LiveServer, second_institution: Callable[[], DeviceClient]
) -> None:
    mine, theirs = live_server.device(), second_institution()
    blob = os.urandom(3000)
    theirs.upload(blob)
    assert mine.announce(blob).status_code == 201
    response = mine.append(sha256_hex(blob), 0, blob)
    assert response.status_code == 204
    assert response.headers[headers.UPLOAD_OFFSET] == "3000"
