"""What must be refused, whole, with a clear Spanish reason and nothing kept: a bundle with one flipped
byte, a cut bundle, a bundle from a revoked device, an altered acknowledgement, another device's."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop.bundles.acks import apply_ack
from desktop.bundles.export import export_bundle
from desktop.bundles.upload import relay_client
from desktop.sync.errors import ServerRefusal
from shared import errors
from shared.errors import TamboError
from shared.protocol import headers
from shared.protocol.bundles import MEDIA_TYPE, check_bundle_file
from sync_server.ops.enrollment import issue_device
from sync_server.storage.bundles import recent_bundles
from sync_server.storage.devices import device_by_device_id, revoke_device
from tests.coordinators.support import flip_byte, relay_upload, server_ids
from tests.sync.support import INSTITUTION, Desk


def post_raw(relay: Desk, url: str, data: bytes) -> None:
    """Send bytes as a bundle without the relay's own check (a relay with a bug, or an attacker)."""
    client = relay_client(relay.backend.store, url, timeout=(5.0, 30.0))
    digest = hashlib.sha256(data).digest()
    try:
        client.request(
            "POST",
            "/bundles",
            data,
            content_type=MEDIA_TYPE,
            extra_headers={headers.UPLOAD_CHECKSUM: "sha256 " + base64.b64encode(digest).decode()},
            body_sha256_hex=digest.hex(),
        )
    finally:
        client.close()


def refused(relay: Desk, url: str, path: Path) -> ServerRefusal:
    with pytest.raises(ServerRefusal) as caught:
        post_raw(relay, url, path.read_bytes())
    return caught.value


def nothing_kept(live_server, kiosk: Desk) -> None:
    assert server_ids(live_server.server, kiosk.backend.device_info().device_id) == []
    with live_server.server.db.read() as conn:
        assert recent_bundles(conn, [INSTITUTION]) == []
    assert kiosk.counts()["sent"] == 0


def envelope_offset(kiosk: Desk, path: Path, index: int) -> int:
    code = kiosk.saved[index]
    return path.read_bytes().rfind(f'"tracking_code":"{code}"'.encode())  # the envelope, after the index


def test_one_flipped_byte_in_an_envelope_is_refused_naming_it(kiosk, relay, live_server, usb):
    for _ in range(3):
        kiosk.save()
    bundle = export_bundle(kiosk.backend.store, usb).path
    flip_byte(bundle, envelope_offset(kiosk, bundle, 1) + 20)
    with pytest.raises(TamboError) as local:
        relay_upload(relay, live_server.url, bundle)  # the relay sees it at once, at the site
    assert local.value.code == errors.BUNDLE_ITEM_TAMPERED
    assert f"la solicitud {kiosk.saved[1]}" in local.value.message()

    remote = refused(relay, live_server.url, bundle)  # and the server, whatever the relay does
    assert remote.code == errors.BUNDLE_ITEM_TAMPERED
    assert remote.http_status_received == 422
    assert remote.details["item"] == f"la solicitud {kiosk.saved[1]}"
    nothing_kept(live_server, kiosk)


def test_a_flipped_byte_in_an_attachment_or_the_index_is_refused(kiosk, relay, live_server, usb):
    kiosk.save(files=1, file_size=5000)
    bundle = export_bundle(kiosk.backend.store, usb / "a.tambo").path
    flip_byte(bundle, len(bundle.read_bytes()) - 100)  # inside the sealed PDF
    assert refused(relay, live_server.url, bundle).details["item"] == (
        f"el adjunto 1 de 1 de la solicitud {kiosk.saved[0]}"
    )
    bundle = export_bundle(kiosk.backend.store, usb / "b.tambo").path
    flip_byte(bundle, bundle.read_bytes().find(b'"pending_count":') + 16)  # the signed index
    answer = refused(relay, live_server.url, bundle)
    assert answer.code == errors.BUNDLE_BAD_SIGNATURE
    assert "No se aceptó nada" in answer.message()
    nothing_kept(live_server, kiosk)


def test_a_cut_bundle_is_refused_as_incomplete(kiosk, relay, live_server, usb):
    kiosk.save(files=1)
    bundle = export_bundle(kiosk.backend.store, usb).path
    data = bundle.read_bytes()
    for keep in (len(data) // 2, len(data) - 1):
        bundle.write_bytes(data[:keep])
        answer = refused(relay, live_server.url, bundle)
        assert answer.code == errors.BUNDLE_TRUNCATED
        assert "incompleto" in answer.message()
    nothing_kept(live_server, kiosk)


def test_a_bundle_from_a_revoked_device_is_refused(kiosk, relay, live_server, usb):
    kiosk.save()
    bundle = export_bundle(kiosk.backend.store, usb).path
    with live_server.server.db.write() as conn:
        device = device_by_device_id(conn, kiosk.backend.device_info().device_id)
        revoke_device(conn, device, actor="user:admin", now=datetime.now(UTC))
    check_bundle_file(bundle)  # the file itself is fine: the server refuses its origin
    with pytest.raises(ServerRefusal) as caught:
        relay_upload(relay, live_server.url, bundle)
    assert caught.value.code == errors.BUNDLE_DEVICE_REVOKED
    assert caught.value.http_status_received == 403
    assert "Quiosco Ccochaccasa" in caught.value.message()
    nothing_kept(live_server, kiosk)


def test_a_bundle_from_a_device_that_never_registered_is_refused(tmp_path, relay, live_server, usb):
    stranger = Desk.open(tmp_path / "stranger")  # provisioned from a ticket, its key never sent
    try:
        stranger.backend.enroll(issue_device(live_server.server, INSTITUTION, "Mesa 9", actor="test").ticket)
        stranger.save()
        bundle = export_bundle(stranger.backend.store, usb).path
    finally:
        stranger.close()
    with pytest.raises(ServerRefusal) as caught:
        relay_upload(relay, live_server.url, bundle)
    assert caught.value.code == errors.BUNDLE_DEVICE_UNKNOWN


def test_an_altered_or_foreign_ack_applies_nothing(kiosk, relay, live_server, usb):
    kiosk.save()
    kiosk.save()
    ack = relay_upload(relay, live_server.url, export_bundle(kiosk.backend.store, usb).path).ack
    altered = bytearray(ack)
    altered[-10] ^= 0x01
    with pytest.raises(TamboError) as caught:
        apply_ack(kiosk.backend.store, bytes(altered), "x.acuse")
    assert caught.value.code == errors.BUNDLE_ACK_TAMPERED
    with pytest.raises(TamboError) as caught:
        apply_ack(kiosk.backend.store, ack[: len(ack) // 3], "x.acuse")
    assert caught.value.code in (errors.BUNDLE_ACK_TAMPERED, errors.BUNDLE_ACK_INVALID)
    assert kiosk.counts() == {"pending": 2, "sent": 0, "rejected": 0}
    with pytest.raises(TamboError) as caught:
        apply_ack(relay.backend.store, ack, "x.acuse")  # the relay cannot use (or read) it
    assert caught.value.code == errors.BUNDLE_ACK_OTHER_DEVICE
    assert apply_ack(kiosk.backend.store, ack, "x.acuse").sent == 2


def test_a_bundle_over_the_size_limit_is_refused_before_it_is_read(kiosk, relay, live_server, usb):
    kiosk.save(files=1, file_size=50_000)
    bundle = export_bundle(kiosk.backend.store, usb).path
    live_server.server.settings = replace(live_server.settings, max_bundle_bytes=20_000)
    answer = refused(relay, live_server.url, bundle)
    assert answer.code == errors.BUNDLE_TOO_LARGE
    assert answer.http_status_received == 413
    nothing_kept(live_server, kiosk)
