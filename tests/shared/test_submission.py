"""A submission sealed on a device and opened on a server: the shared half of the sync contract."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from shared import errors
from shared.crypto import (
    CryptoError,
    b64d,
    b64e,
    generate_device_keypair,
    generate_institution_keypair,
    sha256_hex,
)
from shared.ids import new_ulid
from shared.protocol import Envelope, decode, encode
from shared.submission import (
    AttachmentMeta,
    SubmissionPayload,
    open_attachment,
    open_submission,
    seal_attachment,
    seal_submission,
    verify_envelope,
)
from shared.tracking import make_tracking_code

INSTITUTION = generate_institution_keypair()
DEVICE = generate_device_keypair()


def sealed_example(file_bytes: bytes = b"%PDF-1.4 solicitud"):
    submission_id = new_ulid()
    plain_sha, blob = seal_attachment(file_bytes, submission_id, INSTITUTION.public_key())
    meta = AttachmentMeta(
        field="adjuntos",
        sha256=plain_sha,
        size=len(file_bytes),
        media_type="application/pdf",
        name="solicitud.pdf",
        sealed_sha256=sha256_hex(blob),
        sealed_size=len(blob),
    )
    payload = SubmissionPayload(
        submission_id=submission_id,
        service_id="solicitud-general",
        form_version=1,
        tracking_code=make_tracking_code("K7M2", 41),
        filed_at=datetime(2026, 11, 20, 15, 30, tzinfo=UTC),
        answers={"nombres": "Rosa Mamani", "dni": "12345678"},
        attachments=(meta,),
        pages=3,
    )
    sealed = seal_submission(
        payload,
        institution_id="demo",
        institution_public=INSTITUTION.public_key(),
        device_key=DEVICE,
        device_seq=7,
        sealed_attachments={meta.sealed_sha256: blob},
    )
    return payload, sealed, blob


def test_round_trip_through_the_wire_format():
    payload, sealed, blob = sealed_example()
    received = decode(Envelope, encode(sealed.envelope))
    verify_envelope(received, DEVICE.public_key())
    opened = open_submission(received, INSTITUTION)
    assert opened == payload
    assert (
        open_attachment(blob, opened.attachments[0], opened.submission_id, INSTITUTION)
        == b"%PDF-1.4 solicitud"
    )


def test_the_envelope_does_not_carry_readable_answers():
    _, sealed, blob = sealed_example()
    wire = encode(sealed.envelope)
    assert b"Rosa" not in wire
    assert b"12345678" not in wire
    assert b"%PDF" not in blob


def test_a_changed_envelope_field_breaks_the_signature():
    _, sealed, _ = sealed_example()
    forged = sealed.envelope.model_copy(update={"form_version": 2})
    with pytest.raises(CryptoError) as caught:
        verify_envelope(forged, DEVICE.public_key())
    assert caught.value.code == errors.CRYPTO_BAD_SIGNATURE


def test_another_device_key_is_refused():
    _, sealed, _ = sealed_example()
    with pytest.raises(CryptoError):
        verify_envelope(sealed.envelope, generate_device_keypair().public_key())


def test_payload_moved_to_another_submission_cannot_be_opened():
    _, first, _ = sealed_example()
    _, second, _ = sealed_example()
    swapped = second.envelope.model_copy(update={"payload": first.envelope.payload})
    with pytest.raises(CryptoError) as caught:
        open_submission(swapped, INSTITUTION)
    assert caught.value.code == errors.CRYPTO_WRONG_KEY_OR_TAMPERED


def test_other_institution_cannot_open():
    _, sealed, _ = sealed_example()
    with pytest.raises(CryptoError) as caught:
        open_submission(sealed.envelope, generate_institution_keypair())
    assert caught.value.code == errors.CRYPTO_WRONG_KEY_OR_TAMPERED


def test_flipped_payload_byte_is_detected():
    _, sealed, _ = sealed_example()
    raw = bytearray(b64d(sealed.envelope.payload))
    raw[len(raw) // 2] ^= 0x01
    tampered = sealed.envelope.model_copy(update={"payload": b64e(bytes(raw))})
    with pytest.raises(CryptoError):
        verify_envelope(tampered, DEVICE.public_key())
    with pytest.raises(CryptoError):
        open_submission(tampered, INSTITUTION)


def test_attachment_swapped_between_submissions_is_refused():
    payload, _, _ = sealed_example(b"archivo uno")
    _other_payload, _, other_blob = sealed_example(b"archivo uno")
    with pytest.raises(CryptoError):
        open_attachment(other_blob, payload.attachments[0], payload.submission_id, INSTITUTION)
