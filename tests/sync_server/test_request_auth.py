"""Every device request is signed: bad signatures, replays, clock skew, unknown and revoked devices."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import requests

from shared import errors
from shared.crypto import generate_device_keypair, sha256_hex
from sync_server.storage.devices import device_by_device_id, revoke_device
from tests.sync_server.conftest import LiveServer


def pull_body() -> bytes:
    return b'{"v":1}'


def test_a_signed_request_passes(live_server: LiveServer) -> None:
    device = live_server.device()
    assert device.request("POST", "/pull", pull_body()).status_code == 200


def test_missing_headers_are_named(live_server: LiveServer) -> None:
    response = requests.post(
        f"{live_server.url}/api/v1/pull",
        data=pull_body(),
        headers={"Content-Type": "application/json"},
        timeout=10,
    )
    assert response.status_code == 401
    error = response.json()["error"]
    assert error["code"] == errors.AUTH_MISSING
    assert "X-Tambo-Signature" in error["details"]["missing"]


def test_a_signature_by_another_key_is_refused(live_server: LiveServer) -> None:
    device = live_server.device()
    device.key = generate_device_keypair()  # claims the device id, signs with another key
    device_id = live_server.device().device_id
    response = device.request("POST", "/pull", pull_body(), extra_headers={"X-Tambo-Device": device_id})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == errors.AUTH_BAD_SIGNATURE


def test_the_signature_covers_the_body(live_server: LiveServer) -> None:
    device = live_server.device()
    signed = device.signed_headers("POST", "/api/v1/pull", "0" * 64)  # signed for another body
    signed["Content-Type"] = "application/json"
    response = requests.post(f"{live_server.url}/api/v1/pull", data=pull_body(), headers=signed, timeout=10)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == errors.AUTH_BAD_SIGNATURE


def test_the_signature_covers_the_path(live_server: LiveServer) -> None:
    device = live_server.device()
    signed = device.signed_headers("POST", "/api/v1/health", sha256_hex(pull_body()))
    signed["Content-Type"] = "application/json"
    response = requests.post(f"{live_server.url}/api/v1/pull", data=pull_body(), headers=signed, timeout=10)
    assert response.json()["error"]["code"] == errors.AUTH_BAD_SIGNATURE


def test_a_replayed_request_is_refused(live_server: LiveServer) -> None:
    device = live_server.device()
    first = device.request("POST", "/pull", pull_body(), nonce="the-same-nonce-1234")
    again = device.request("POST", "/pull", pull_body(), nonce="the-same-nonce-1234")
    assert first.status_code == 200
    assert again.status_code == 401
    assert again.json()["error"]["code"] == errors.AUTH_REPLAY


def test_a_wrong_clock_is_told_the_server_time_and_can_retry(live_server: LiveServer) -> None:
    device = live_server.device()
    device.clock_offset = -3 * 3600  # a counter PC three hours behind
    response = device.request("POST", "/pull", pull_body())
    assert response.status_code == 401
    error = response.json()["error"]
    assert error["code"] == errors.AUTH_CLOCK_SKEW
    server_time = error["details"]["server_timestamp"]
    assert abs(server_time - time.time()) < 60
    assert datetime.fromisoformat(error["details"]["server_time"]).tzinfo is not None
    assert error["details"]["skew_seconds"] < -3 * 3600 + 60
    assert "corrija la fecha y hora" in error["message"]
    device.clock_offset = server_time - int(time.time())  # what the sync engine will do
    assert device.request("POST", "/pull", pull_body()).status_code == 200


def test_an_unknown_device_is_refused(live_server: LiveServer) -> None:
    device = live_server.device()
    device.key = generate_device_keypair()
    response = device.request("POST", "/pull", pull_body())
    assert response.status_code == 401
    assert response.json()["error"]["code"] == errors.DEVICE_UNKNOWN


def test_a_revoked_device_is_refused_with_a_clear_spanish_message(live_server: LiveServer) -> None:
    device = live_server.device()
    with live_server.server.db.write() as conn:
        revoke_device(conn, device_by_device_id(conn, device.device_id), actor="admin", now=datetime.now(UTC))
    response = device.push([device.seal().envelope])
    assert response.status_code == 403
    error = response.json()["error"]
    assert error["code"] == errors.DEVICE_REVOKED
    assert error["message"].startswith("Este equipo fue dado de baja")


def test_an_unknown_protocol_version_header_is_refused(live_server: LiveServer) -> None:
    device = live_server.device()
    response = device.request("POST", "/pull", pull_body(), protocol="7")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == errors.PROTOCOL_UNSUPPORTED_VERSION
    assert error["details"]["supported"] == [1]


def test_malformed_timestamp_and_nonce_are_refused(live_server: LiveServer) -> None:
    device = live_server.device()
    for options in ({"timestamp": "mañana"}, {"nonce": "corto"}):
        signed = device.signed_headers("POST", "/api/v1/pull", "0" * 64)
        signed.update(
            {"X-Tambo-Timestamp" if "timestamp" in options else "X-Tambo-Nonce": next(iter(options.values()))}
        )
        signed["Content-Type"] = "application/json"
        response = requests.post(
            f"{live_server.url}/api/v1/pull", data=pull_body(), headers=signed, timeout=10
        )
        assert response.status_code == 400
        assert response.json()["error"]["code"] == errors.PROTOCOL_MALFORMED


def test_unsigned_routes_stay_open(live_server: LiveServer) -> None:
    assert requests.get(f"{live_server.url}/api/v1/ping", timeout=10).status_code == 200
    assert requests.get(f"{live_server.url}/api/v1/openapi.json", timeout=10).status_code == 200
    assert requests.get(f"{live_server.url}/api/v1/catalog", timeout=10).status_code == 401
