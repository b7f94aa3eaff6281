"""Decoding: version checks, malformed JSON, and field errors with JSON paths."""

from __future__ import annotations

import json
from typing import Any

import pytest

from shared import errors
from shared.protocol import (
    AttachmentCreate,
    EnrollRequest,
    Envelope,
    HealthRequest,
    ProtocolError,
    PullRequest,
    PullResponse,
    PushRequest,
    PushResponse,
    decode,
)
from shared.protocol.codec import json_path
from tests.shared.test_protocol_messages import make_envelope


def envelope_dicts(count: int) -> list[dict[str, Any]]:
    ids = [f"01J9Z3K5V6W7X8Y9Z0A1B2C3E{i}" for i in range(count)]
    return [json.loads(make_envelope(id=envelope_id).model_dump_json()) for envelope_id in ids]


def invalid(model: type, data: Any) -> ProtocolError:
    with pytest.raises(ProtocolError) as caught:
        decode(model, data)
    assert caught.value.code == errors.PROTOCOL_INVALID
    return caught.value


@pytest.mark.parametrize("model", [PushRequest, PullRequest, PullResponse, PushResponse, Envelope])
@pytest.mark.parametrize("version", [0, 2, 99])
def test_unknown_version_is_refused_before_field_checks(model: type, version: int) -> None:
    with pytest.raises(ProtocolError) as caught:
        decode(model, {"v": version})
    assert caught.value.code == errors.PROTOCOL_UNSUPPORTED_VERSION
    assert caught.value.params["version"] == version
    assert "1" in str(caught.value.params["supported"])
    assert caught.value.http_status == 400


def test_missing_version_means_version_1() -> None:
    assert decode(PullRequest, b"{}").v == 1


def test_non_integer_version_is_invalid() -> None:
    assert invalid(PullRequest, {"v": "uno"}).params["path"] == "$.v"


@pytest.mark.parametrize(
    "data",
    [b"", b"{", b"\xff\xfe", '{"v": NaN}', '{"limit": Infinity}', '{"v": 1, "v": 1}', b"[1,"],
)
def test_malformed_json(data: bytes | str) -> None:
    with pytest.raises(ProtocolError) as caught:
        decode(PullRequest, data)
    assert caught.value.code == errors.PROTOCOL_MALFORMED
    assert caught.value.params["problem"]


@pytest.mark.parametrize("data", [b"[]", b"3", b'"x"', b"null"])
def test_non_object_is_invalid_at_the_root(data: bytes) -> None:
    assert invalid(PullRequest, data).params["path"] == "$"


def test_wrong_type_deep_in_a_push_names_the_path() -> None:
    items = envelope_dicts(3)
    items[1]["form_version"] = "tres"
    error = invalid(PushRequest, json.dumps({"v": 1, "items": items}))
    assert error.params["path"] == "$.items[1].form_version"
    assert error.params["problem"]
    assert "$.items[1].form_version" in error.message()


def test_missing_field_names_the_path_and_all_problems_are_listed() -> None:
    items = envelope_dicts(2)
    del items[0]["device_seq"]
    items[1]["attachments"][0]["size"] = -1
    error = invalid(PushRequest, {"items": items})
    paths = [problem["path"] for problem in error.details["errors"]]
    assert paths == ["$.items[0].device_seq", "$.items[1].attachments[0].size"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("id", "01j9z3k5v6w7x8y9z0a1b2c3d4"),
        ("id", "not-a-ulid"),
        ("device_id", "dev_TOOSHORT"),
        ("created_at", "2025-03-04T09:30:00"),
        ("device_seq", -1),
        ("payload", "not base64!"),
        ("payload_sha256", "A" * 64),
        ("form_version", 0),
    ],
)
def test_envelope_field_checks(field: str, value: Any) -> None:
    item = envelope_dicts(1)[0]
    item[field] = value
    assert invalid(Envelope, item).params["path"] == f"$.{field}"


def test_push_batch_size_is_bounded() -> None:
    assert invalid(PushRequest, {"items": []}).params["path"] == "$.items"
    item = envelope_dicts(1)[0]
    assert invalid(PushRequest, {"items": [item] * 501}).params["path"] == "$.items"
    assert len(decode(PushRequest, {"items": [item] * 500}).items) == 500


@pytest.mark.parametrize(("limit", "ok"), [(0, False), (1, True), (1000, True), (1001, False)])
def test_pull_limit_bounds(limit: int, ok: bool) -> None:
    if ok:
        assert decode(PullRequest, {"limit": limit}).limit == limit
    else:
        assert invalid(PullRequest, {"limit": limit}).params["path"] == "$.limit"
    assert decode(PullRequest, {}).limit == 200


def test_enroll_request_checks_the_public_key() -> None:
    body = {
        "code": "X",
        "device_public_key": "abc",
        "device_name": "PC",
        "app_version": "1",
        "platform": "linux",
    }
    assert invalid(EnrollRequest, body).params["path"] == "$.device_public_key"


def test_attachment_create_checks_hash_and_media_type() -> None:
    good = {"sha256": "0" * 64, "size": 1, "media_type": "application/pdf"}
    assert decode(AttachmentCreate, good).size == 1
    assert invalid(AttachmentCreate, {**good, "media_type": "pdf"}).params["path"] == "$.media_type"
    assert invalid(AttachmentCreate, {**good, "sha256": "xyz"}).params["path"] == "$.sha256"


def test_health_request_day_must_be_a_date() -> None:
    body = {"days": [{"day": "2025-02-30", "count": 1, "digest": "0" * 64}]}
    assert invalid(HealthRequest, body).params["path"] == "$.days[0].day"


def test_json_path_skips_segments_that_name_nothing_in_the_input() -> None:
    data = {"changes": [{"kind": "status"}]}
    assert json_path(("changes", 0, "status", "at"), data) == "$.changes[0].at"
    assert json_path(("changes", 0, "status", "status"), data) == "$.changes[0].status"
    assert json_path(("changes", 0, "unknown", "raw"), {"changes": [{"kind": "x"}]}) == "$.changes[0].raw"
    assert json_path(("items", 2, "x"), {"items": [1]}) == "$.items[2].x"
    assert json_path(("cursor", "str"), {"cursor": 5}) == "$.cursor"
    assert json_path(("a", "b"), {"a": {"b": 1}}) == "$.a.b"
