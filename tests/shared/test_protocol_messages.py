"""Protocol messages: round trips, compatibility rules, unknown change kinds, envelope signatures."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from shared import errors
from shared.crypto import (
    CryptoError,
    b64e,
    canonical_json,
    device_id_for,
    generate_device_keypair,
    generate_institution_keypair,
    public_key_to_text,
    seal,
)
from shared.errors import TamboError
from shared.protocol import (
    MESSAGE_TYPES,
    AttachmentCreate,
    AttachmentRef,
    AttachmentStatus,
    CatalogChange,
    DayDigest,
    DocumentChange,
    EnrollmentTicket,
    EnrollRequest,
    EnrollResponse,
    Envelope,
    ErrorBody,
    HealthRequest,
    HealthResponse,
    ItemResult,
    MessageChange,
    ProtocolError,
    PullRequest,
    PullResponse,
    PushRequest,
    PushResponse,
    SettingsChange,
    StatusChange,
    UnknownChange,
    day_digest,
    decode,
    encode,
    envelope_signing_bytes,
    json_schemas,
    sign_envelope,
    verify_envelope,
)

DEVICE = generate_device_keypair()
INSTITUTION = generate_institution_keypair()
LIMA = timezone(timedelta(hours=-5))
SHA = "a" * 64
ENVELOPE_ID = "01J9Z3K5V6W7X8Y9Z0A1B2C3D4"


def make_envelope(**overrides: Any) -> Envelope:
    sealed = seal(b'{"dni":"12345678"}', INSTITUTION.public_key(), context=ENVELOPE_ID.encode())
    fields: dict[str, Any] = {
        "id": ENVELOPE_ID,
        "institution_id": "muni-cusco",
        "device_id": device_id_for(DEVICE.public_key()),
        "service_id": "licencia-funcionamiento",
        "form_version": 3,
        "tracking_code": "AB12-00001-X",
        "created_at": datetime(2025, 3, 4, 9, 30, 15, 123000, tzinfo=LIMA),
        "device_seq": 7,
        "payload": b64e(sealed),
        "payload_sha256": hashlib.sha256(sealed).hexdigest(),
        "attachments": [AttachmentRef(sha256=SHA, size=1234, media_type="application/pdf")],
        "signature": "",
    }
    fields.update(overrides)
    return Envelope(**fields)


def sample_messages() -> list[BaseModel]:
    at = datetime(2025, 3, 5, 14, 0, tzinfo=UTC)
    envelope = sign_envelope(make_envelope(), DEVICE)
    return [
        EnrollRequest(
            code="K7P-2QX",
            device_public_key=public_key_to_text(DEVICE.public_key()),
            device_name="Mesa de partes 1",
            app_version="1.0.0",
            platform="windows",
        ),
        EnrollResponse(
            device_id=device_id_for(DEVICE.public_key()),
            device_prefix="AB12",
            institution_id="muni-cusco",
            institution_name="Municipalidad Provincial del Cusco",
            institution_public_key=public_key_to_text(INSTITUTION.public_key()),
            institution_key_id="0123456789abcdef",
            server_time=at,
        ),
        EnrollmentTicket(
            server_url="https://tambo.muni-ilave.gob.pe",
            code="K7P-2QX",
            device_name="Mesa de partes 1",
            device_prefix="AB12",
            institution_id="muni-cusco",
            institution_name="Municipalidad Provincial del Cusco",
            institution_public_key=public_key_to_text(INSTITUTION.public_key()),
            institution_key_id="0123456789abcdef",
            expires_at=at,
        ),
        envelope,
        PushRequest(items=[envelope, make_envelope(id="01J9Z3K5V6W7X8Y9Z0A1B2C3D5", attachments=[])]),
        PushResponse(
            results=[
                ItemResult(id=ENVELOPE_ID, status="accepted", seq=41),
                ItemResult(id="01J9Z3K5V6W7X8Y9Z0A1B2C3D5", status="need_attachments", missing=[SHA]),
                ItemResult(
                    id="01J9Z3K5V6W7X8Y9Z0A1B2C3D6", status="rejected", code="submission.invalid_answers"
                ),
            ]
        ),
        PullRequest(cursor="c-99", limit=50),
        PullResponse(
            changes=[
                CatalogChange(
                    service_id="licencia", form_version=2, definition={"fields": [{"name": "dni"}]}
                ),
                StatusChange(
                    submission_id=ENVELOPE_ID, tracking_code="AB12-00001-X", status="en_tramite", at=at
                ),
                MessageChange(
                    submission_id=ENVELOPE_ID, message_id="m1", body="Falta firma", at=at, from_unit="Rentas"
                ),
                DocumentChange(
                    submission_id=ENVELOPE_ID,
                    document_id="d1",
                    name="licencia.pdf",
                    media_type="application/pdf",
                    sha256=SHA,
                    size=10,
                ),
                SettingsChange(key="revoked", value=False),
                UnknownChange.model_validate({"kind": "poll", "question": "¿Le atendieron bien?"}),
            ],
            cursor="c-120",
            has_more=True,
        ),
        AttachmentCreate(sha256=SHA, size=5_000_000, media_type="image/jpeg"),
        AttachmentStatus(sha256=SHA, size=5_000_000, offset=1_048_576, complete=False),
        HealthRequest(days=[DayDigest(day=date(2025, 3, 4), count=2, digest=day_digest(["a", "b"]))]),
        HealthResponse(
            days=[DayDigest(day=date(2025, 3, 4), count=1, digest=day_digest(["a"]))],
            mismatched_days=[date(2025, 3, 4)],
        ),
        ErrorBody.model_validate(TamboError(errors.DEVICE_REVOKED).to_dict()),
    ]


def test_every_message_type_has_a_sample() -> None:
    assert {type(message) for message in sample_messages()} == set(MESSAGE_TYPES)


@pytest.mark.parametrize("message", sample_messages(), ids=lambda message: type(message).__name__)
def test_round_trip(message: BaseModel) -> None:
    encoded = encode(message)
    assert isinstance(encoded, bytes)
    assert decode(type(message), encoded) == message
    assert decode(type(message), encoded.decode()) == message
    assert decode(type(message), json.loads(encoded)) == message


def test_every_versioned_message_says_version_1() -> None:
    for message in sample_messages():
        if not isinstance(message, ErrorBody):
            assert json.loads(encode(message))["v"] == 1


def test_json_schemas_cover_every_message() -> None:
    schemas = json_schemas()
    assert set(schemas) == {model.__name__ for model in MESSAGE_TYPES}
    assert "items" in schemas["PushRequest"]["properties"]
    assert "changes" in schemas["PullResponse"]["properties"]
    json.dumps(schemas)


def test_messages_are_frozen() -> None:
    envelope = make_envelope()
    with pytest.raises(ValidationError):
        envelope.device_seq = 8  # type: ignore[misc]


def test_unknown_change_kind_is_kept_and_re_encoded_unchanged() -> None:
    raw = {"kind": "survey", "questions": [1, 2], "at": "2025-01-01"}
    body = {
        "v": 1,
        "changes": [raw, {"kind": "settings", "key": "k", "value": [1]}],
        "cursor": "x",
        "has_more": False,
    }
    response = decode(PullResponse, json.dumps(body))
    unknown, settings_change = response.changes
    assert isinstance(unknown, UnknownChange)
    assert unknown.kind == "survey"
    assert unknown.raw == raw
    assert isinstance(settings_change, SettingsChange)
    assert json.loads(encode(response))["changes"][0] == raw


def test_change_without_kind_is_invalid() -> None:
    body = {"changes": [{"key": "k"}], "cursor": "x", "has_more": False}
    with pytest.raises(ProtocolError) as caught:
        decode(PullResponse, body)
    assert caught.value.code == errors.PROTOCOL_INVALID
    assert caught.value.params["path"] == "$.changes[0]"


def test_known_change_kind_with_bad_field_points_at_the_field() -> None:
    body = {
        "changes": [
            {"kind": "status", "submission_id": "s", "tracking_code": "t", "status": "x", "at": "ayer"}
        ]
    }
    with pytest.raises(ProtocolError) as caught:
        decode(PullResponse, {**body, "cursor": "x", "has_more": False})
    assert caught.value.params["path"] == "$.changes[0].at"


def test_extra_field_refused_in_a_request() -> None:
    item = json.loads(make_envelope().model_dump_json())
    item["priority"] = "high"
    with pytest.raises(ProtocolError) as caught:
        decode(PushRequest, {"v": 1, "items": [item]})
    assert caught.value.code == errors.PROTOCOL_INVALID
    assert caught.value.params["path"] == "$.items[0].priority"
    with pytest.raises(ProtocolError):
        decode(PullRequest, {"cursor": None, "since": "yesterday"})


def test_extra_field_ignored_in_a_response() -> None:
    body = {
        "v": 1,
        "results": [{"id": "x", "status": "accepted", "seq": 3, "server_note": "new in v1.1"}],
        "retry_after": 5,
    }
    response = decode(PushResponse, body)
    assert response.results[0].seq == 3
    assert "server_note" not in json.loads(encode(response))["results"][0]


def test_envelope_signing_bytes_exclude_the_signature() -> None:
    envelope = make_envelope()
    signed = sign_envelope(envelope, DEVICE)
    assert signed.signature
    assert envelope_signing_bytes(signed) == envelope_signing_bytes(envelope)
    assert "signature" not in json.loads(envelope_signing_bytes(signed))
    expected = dict(json.loads(signed.model_dump_json(exclude_none=True)))  # None members are not signed
    del expected["signature"]
    assert envelope_signing_bytes(signed) == canonical_json(expected)


def test_envelope_signing_bytes_do_not_depend_on_wire_key_order() -> None:
    envelope = sign_envelope(make_envelope(), DEVICE)
    forward = json.loads(envelope.model_dump_json())
    backward = dict(reversed(list(forward.items())))
    spaced = json.dumps(backward, indent=2).encode()
    again = decode(Envelope, spaced)
    assert envelope_signing_bytes(again) == envelope_signing_bytes(envelope)
    verify_envelope(again, DEVICE.public_key())


@pytest.mark.parametrize(
    "change",
    [
        {"form_version": 4},
        {"device_seq": 8},
        {"tracking_code": "AB12-00002-X"},
        {"created_at": datetime(2025, 3, 4, 9, 30, 16, tzinfo=LIMA)},
        {"payload_sha256": "b" * 64},
        {"attachments": []},
        {"institution_id": "muni-lima"},
    ],
)
def test_changing_any_signed_field_breaks_the_signature(change: dict[str, Any]) -> None:
    signed = sign_envelope(make_envelope(), DEVICE)
    verify_envelope(signed, DEVICE.public_key())
    tampered = signed.model_copy(update=change)
    with pytest.raises(CryptoError) as caught:
        verify_envelope(tampered, DEVICE.public_key())
    assert caught.value.code == errors.CRYPTO_BAD_SIGNATURE


def test_envelope_signed_by_another_device_or_unsigned_fails() -> None:
    signed = sign_envelope(make_envelope(), generate_device_keypair())
    for envelope in (signed, make_envelope()):
        with pytest.raises(CryptoError) as caught:
            verify_envelope(envelope, DEVICE.public_key())
        assert caught.value.code == errors.CRYPTO_BAD_SIGNATURE


@given(st.lists(st.text(min_size=1, max_size=26), max_size=20, unique=True), st.randoms())
def test_day_digest_ignores_order(ids: list[str], rng: Any) -> None:
    shuffled = list(ids)
    rng.shuffle(shuffled)
    assert day_digest(shuffled) == day_digest(ids)


def test_day_digest_is_sha256_of_sorted_lines() -> None:
    assert day_digest(["B", "A", "C"]) == hashlib.sha256(b"A\nB\nC").hexdigest()
    assert day_digest([]) == hashlib.sha256(b"").hexdigest()
    assert day_digest(["A", "B"]) != day_digest(["A"])


def test_error_body_reads_the_standard_error_shape() -> None:
    error = TamboError(errors.ATTACHMENT_OFFSET_MISMATCH, params={"offset": 10}, details={"offset": 10})
    body = decode(ErrorBody, json.dumps(error.to_dict()))
    assert body.error.code == errors.ATTACHMENT_OFFSET_MISMATCH
    assert "10" in body.error.message
    again = body.to_error()
    assert again.code == error.code
    assert again.details == {"offset": 10}


def test_a_message_cannot_be_built_with_an_unsupported_version() -> None:
    with pytest.raises(ValidationError):
        PullRequest(v=2)
    assert PullRequest().v == 1
