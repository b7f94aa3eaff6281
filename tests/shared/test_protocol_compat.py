"""Protocol evolution: changes read outside a page, sealed attachment names, envelopes that grow."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from shared import errors
from shared.crypto import (
    CryptoError,
    b64e,
    device_id_for,
    generate_device_keypair,
    generate_institution_keypair,
    seal,
    sha256_hex,
)
from shared.ids import new_ulid
from shared.protocol import (
    AttachmentRef,
    CatalogChange,
    Envelope,
    ProtocolError,
    PullResponse,
    SettingsChange,
    StatusChange,
    UnknownChange,
    decode,
    decode_changes,
    encode,
    envelope_signing_bytes,
    sign_envelope,
    verify_envelope,
)
from shared.tracking import make_tracking_code

DEVICE = generate_device_keypair()
INSTITUTION = generate_institution_keypair()


def unsigned_envelope(model: type[Envelope] = Envelope, **overrides: Any) -> Envelope:
    submission_id = new_ulid()
    sealed = seal(
        b'{"answers":{}}', INSTITUTION.public_key(), context=b"tambo/submission/v1:" + submission_id.encode()
    )
    fields: dict[str, Any] = {
        "id": submission_id,
        "institution_id": "muni-ayacucho",
        "device_id": device_id_for(DEVICE.public_key()),
        "service_id": "constancia-domiciliaria",
        "form_version": 2,
        "tracking_code": make_tracking_code("K7PQ", 41),
        "created_at": datetime(2025, 6, 2, 15, 4, 5, tzinfo=UTC),
        "device_seq": 41,
        "payload": b64e(sealed),
        "payload_sha256": sha256_hex(sealed),
        "attachments": [AttachmentRef(sha256="c" * 64, size=2048, media_type="image/jpeg")],
    }
    fields.update(overrides)
    return model(**fields)


STATUS = {
    "kind": "status",
    "submission_id": "01JA0000000000000000000000",
    "tracking_code": "K7PQ-00001-Z",
    "status": "observado",
    "at": "2025-06-03T10:00:00-05:00",
    "note_public": "Falta copia del DNI",
}
FUTURE = {"kind": "receipt_reprint", "submission_id": "01JA0000000000000000000000", "copies": 2}
SETTINGS = {"kind": "settings", "key": "revoked", "value": True}


def test_decode_changes_types_known_kinds_and_keeps_unknown_ones_in_order() -> None:
    changes = decode_changes([STATUS, FUTURE, SETTINGS])
    assert [type(change) for change in changes] == [StatusChange, UnknownChange, SettingsChange]
    unknown = changes[1]
    assert isinstance(unknown, UnknownChange)
    assert unknown.kind == "receipt_reprint"
    assert unknown.raw == FUTURE
    assert changes[2] == SettingsChange(key="revoked", value=True)


def test_unknown_change_survives_storing_and_re_reading_a_page() -> None:
    page = PullResponse(changes=decode_changes([FUTURE, STATUS]), cursor="c-17", has_more=False)
    stored = json.loads(encode(page))
    assert stored["changes"][0] == FUTURE
    assert decode(PullResponse, stored) == page


def test_decode_changes_names_the_bad_item() -> None:
    catalog = {"kind": "catalog", "service_id": "s", "form_version": 1, "definition": {}}
    with pytest.raises(ProtocolError) as caught:
        decode_changes([catalog, {**STATUS, "at": "ayer"}])
    assert caught.value.code == errors.PROTOCOL_INVALID
    assert caught.value.params["path"] == "$[1].at"
    assert isinstance(decode_changes([catalog])[0], CatalogChange)


def test_decode_changes_refuses_a_change_without_kind() -> None:
    with pytest.raises(ProtocolError) as caught:
        decode_changes([SETTINGS, {"key": "clock_skew", "value": 30}])
    assert caught.value.code == errors.PROTOCOL_INVALID
    assert caught.value.params["path"] == "$[1]"


def test_sealed_attachment_name_round_trips_and_is_signed() -> None:
    sealed_name = seal(b"DNI de Juan Quispe.pdf", INSTITUTION.public_key(), context=b"tambo/name/v1")
    named = AttachmentRef(
        sha256="d" * 64, size=10, media_type="application/pdf", name_sealed=b64e(sealed_name)
    )
    signed = sign_envelope(unsigned_envelope(attachments=[named]), DEVICE)
    again = decode(Envelope, encode(signed))
    assert again.attachments[0].name_sealed == b64e(sealed_name)
    verify_envelope(again, DEVICE.public_key())
    renamed = again.model_copy(update={"attachments": [named.model_copy(update={"name_sealed": b64e(b"x")})]})
    with pytest.raises(CryptoError) as caught:
        verify_envelope(renamed, DEVICE.public_key())
    assert caught.value.code == errors.CRYPTO_BAD_SIGNATURE


def test_absent_optional_members_are_not_part_of_the_signed_bytes() -> None:
    signed_bytes = json.loads(envelope_signing_bytes(unsigned_envelope()))
    assert "name_sealed" not in signed_bytes["attachments"][0]


def test_attachment_name_must_be_base64url() -> None:
    wire = json.loads(encode(sign_envelope(unsigned_envelope(), DEVICE)))
    wire["attachments"][0]["name_sealed"] = "DNI de Juan.pdf"
    with pytest.raises(ProtocolError) as caught:
        decode(Envelope, wire)
    assert caught.value.params["path"] == "$.attachments[0].name_sealed"


class NewerEnvelope(Envelope):
    """The envelope as a later server version might know it: one more optional member."""

    priority: str | None = None


def test_envelope_signed_by_an_older_device_verifies_on_a_newer_server() -> None:
    signed = sign_envelope(unsigned_envelope(), DEVICE)
    on_newer_server = decode(NewerEnvelope, encode(signed))
    assert on_newer_server.priority is None
    verify_envelope(on_newer_server, DEVICE.public_key())


def test_the_new_member_is_signed_when_a_newer_device_sets_it() -> None:
    signed = sign_envelope(unsigned_envelope(NewerEnvelope, priority="alta"), DEVICE)
    assert json.loads(envelope_signing_bytes(signed))["priority"] == "alta"
    verify_envelope(signed, DEVICE.public_key())
    with pytest.raises(CryptoError):
        verify_envelope(signed.model_copy(update={"priority": None}), DEVICE.public_key())
