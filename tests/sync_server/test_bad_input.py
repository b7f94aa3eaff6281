"""Bad input gets a 4xx in the standard error shape with a stable code, and nothing is half-written."""

from __future__ import annotations

import gzip
import json

import pytest
import requests
import sqlalchemy as sa

from shared import errors
from shared.protocol import PushRequest, encode
from sync_server.storage.schema import audit_log, changes, submissions
from tests.sync_server.conftest import LiveServer


def counts(live_server: LiveServer) -> tuple[int, ...]:
    with live_server.server.db.read() as conn:
        return tuple(
            conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
            for table in (submissions, changes, audit_log)
        )


def assert_error_shape(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    return body["error"]


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        (b"{not json", 400, errors.PROTOCOL_MALFORMED),
        (b'{"v": 1, "items": [], "v": 1}', 400, errors.PROTOCOL_MALFORMED),  # duplicate keys
        (b"[1, 2, 3]", 422, errors.PROTOCOL_INVALID),
        (b'{"v": 1, "items": "muchos"}', 422, errors.PROTOCOL_INVALID),
        (b'{"v": 1, "items": []}', 422, errors.PROTOCOL_INVALID),
        (b'{"v": 99, "items": []}', 400, errors.PROTOCOL_UNSUPPORTED_VERSION),
        (b"\xff\xfe\x00", 400, errors.PROTOCOL_MALFORMED),
        (b'{"v": 1, "items": [{"id": "not-a-ulid"}]}', 422, errors.PROTOCOL_INVALID),
    ],
)
def test_malformed_and_wrong_typed_pushes(
    live_server: LiveServer, body: bytes, status: int, code: str
) -> None:
    device = live_server.device()
    before = counts(live_server)
    assert_error_shape(device.request("POST", "/push", body), status, code)
    assert counts(live_server) == before


def test_a_wrong_typed_field_names_its_path(live_server: LiveServer) -> None:
    device = live_server.device()
    envelope = json.loads(encode(device.seal().envelope))
    envelope["form_version"] = "uno"
    error = assert_error_shape(
        device.request("POST", "/push", json.dumps({"v": 1, "items": [envelope]}).encode()),
        422,
        errors.PROTOCOL_INVALID,
    )
    assert error["details"]["errors"][0]["path"] == "$.items[0].form_version"


def test_unknown_fields_in_a_request_are_refused(live_server: LiveServer) -> None:
    device = live_server.device()
    error = assert_error_shape(
        device.request("POST", "/pull", b'{"v": 1, "cursr": "c1.0"}'), 422, errors.PROTOCOL_INVALID
    )
    assert error["details"]["errors"][0]["path"] == "$.cursr"


def test_an_oversized_body_is_refused(live_server: LiveServer) -> None:
    device = live_server.device()
    body = b'{"v": 1, "items": [' + b" " * live_server.settings.max_request_bytes + b"]}"
    error = assert_error_shape(device.request("POST", "/push", body), 413, errors.REQUEST_TOO_LARGE)
    assert str(live_server.settings.max_request_bytes) in error["message"]


def test_a_gzip_bomb_is_refused_after_inflating_no_more_than_the_limit(live_server: LiveServer) -> None:
    device = live_server.device()
    bomb = b'{"v": 1, "items": [' + b" " * (live_server.settings.max_request_bytes * 2) + b"]}"
    response = device.request("POST", "/push", bomb, gzip=True)
    assert_error_shape(response, 413, errors.REQUEST_TOO_LARGE)


def test_broken_gzip_and_unknown_encodings(live_server: LiveServer) -> None:
    device = live_server.device()
    truncated = gzip.compress(encode(PushRequest(items=[device.seal().envelope])))[:-20]
    assert_error_shape(
        device.request("POST", "/push", truncated, extra_headers={"Content-Encoding": "gzip"}),
        400,
        errors.PROTOCOL_MALFORMED,
    )
    assert_error_shape(
        device.request("POST", "/push", b"{}", extra_headers={"Content-Encoding": "br"}),
        415,
        errors.REQUEST_UNSUPPORTED_MEDIA,
    )


def test_a_body_that_is_not_json_by_content_type_is_refused(live_server: LiveServer) -> None:
    device = live_server.device()
    response = device.request("POST", "/pull", b'{"v": 1}', content_type="text/plain")
    assert_error_shape(response, 415, errors.REQUEST_UNSUPPORTED_MEDIA)


def test_a_bad_cursor_is_refused(live_server: LiveServer) -> None:
    device = live_server.device()
    for cursor in ("c1.-1", "c1.abc", "../etc", "c2.5"):
        response = device.request("POST", "/pull", json.dumps({"v": 1, "cursor": cursor}).encode())
        error = assert_error_shape(response, 422, errors.PROTOCOL_INVALID)
        assert "$.cursor" in error["message"]


def test_an_unknown_version_of_an_enrollment_is_refused(live_server: LiveServer) -> None:
    response = requests.post(
        f"{live_server.url}/api/v1/enroll",
        data=b'{"v": 2, "code": "x"}',
        headers={"Content-Type": "application/json"},
        timeout=10,
    )
    error = assert_error_shape(response, 400, errors.PROTOCOL_UNSUPPORTED_VERSION)
    assert "Actualice la aplicación" in error["message"]


def test_a_batch_with_one_bad_item_stores_the_good_ones_whole(live_server: LiveServer) -> None:
    """Per item: a bad one writes nothing; good ones are stored with their change and audit entry."""
    device = live_server.device()
    good = device.seal()
    bad = device.seal()
    bad_envelope = bad.envelope.model_copy(update={"payload_sha256": "0" * 64})
    before = counts(live_server)
    results = device.push([good.envelope, bad_envelope]).json()["results"]
    assert [r["status"] for r in results] == ["accepted", "rejected"]
    assert counts(live_server) == (before[0] + 1, before[1] + 1, before[2] + 1)
