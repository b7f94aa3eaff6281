"""Resumable uploads over the real API: chunks, a cut mid-chunk, checksums, offsets, known files."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import socket
from pathlib import Path
from urllib.parse import urlparse

import pytest
import requests

from shared import errors
from shared.crypto import sha256_hex
from shared.forms import demo_catalog_dir
from shared.protocol import AttachmentCreate, headers
from tests.sync_server.conftest import LiveServer
from tests.sync_server.device_client import enroll_with_ticket
from tests.sync_server.processes import ServerProcess

CHUNK = 64 * 1024


def test_a_file_arrives_in_chunks_and_is_moved_into_place(live_server: LiveServer) -> None:
    device = live_server.device()
    blob = os.urandom(3 * CHUNK + 123)
    created = device.announce(blob)
    assert created.status_code == 201
    assert created.json() == {
        "v": 1,
        "sha256": sha256_hex(blob),
        "size": len(blob),
        "offset": 0,
        "complete": False,
    }
    offset = 0
    while offset < len(blob):
        response = device.append(sha256_hex(blob), offset, blob[offset : offset + CHUNK])
        assert response.status_code == 204
        offset = int(response.headers[headers.UPLOAD_OFFSET])
    assert response.headers["Upload-Complete"] == "?1"
    stored = live_server.server.blobs.path(sha256_hex(blob))
    assert stored is not None
    assert stored.read_bytes() == blob
    assert stored.name == sha256_hex(blob)


def test_a_file_the_server_has_is_not_sent_again(live_server: LiveServer) -> None:
    device = live_server.device()
    blob = os.urandom(1000)
    device.upload(blob)
    again = device.announce(blob)
    assert again.status_code == 200
    assert again.json()["complete"] is True
    assert again.json()["offset"] == 1000


def test_head_tells_the_offset_to_resume_from(live_server: LiveServer) -> None:
    device = live_server.device()
    blob = os.urandom(2 * CHUNK)
    device.announce(blob)
    device.append(sha256_hex(blob), 0, blob[:CHUNK])
    response = device.upload_offset(sha256_hex(blob))
    assert response.status_code == 200
    assert response.headers[headers.UPLOAD_OFFSET] == str(CHUNK)
    assert response.headers["Upload-Length"] == str(2 * CHUNK)


def test_a_wrong_offset_gets_the_servers_offset(live_server: LiveServer) -> None:
    device = live_server.device()
    blob = os.urandom(2 * CHUNK)
    device.announce(blob)
    device.append(sha256_hex(blob), 0, blob[:CHUNK])
    response = device.append(sha256_hex(blob), 0, blob[:CHUNK])  # a retry of a chunk that did arrive
    assert response.status_code == 409
    assert response.headers[headers.UPLOAD_OFFSET] == str(CHUNK)
    assert response.json()["error"]["code"] == errors.ATTACHMENT_OFFSET_MISMATCH
    assert response.json()["error"]["details"]["offset"] == CHUNK


def test_a_damaged_chunk_is_dropped_whole(live_server: LiveServer) -> None:
    device = live_server.device()
    blob = os.urandom(2 * CHUNK)
    device.announce(blob)
    damaged = device.append(sha256_hex(blob), 0, blob[:CHUNK], checksum_of=b"otra cosa")
    assert damaged.status_code == 409
    assert damaged.json()["error"]["code"] == errors.ATTACHMENT_CHECKSUM_MISMATCH
    assert device.upload_offset(sha256_hex(blob)).headers[headers.UPLOAD_OFFSET] == "0"
    assert device.append(sha256_hex(blob), 0, blob[:CHUNK]).status_code == 204


def test_bytes_that_do_not_hash_to_the_announced_file_are_discarded(live_server: LiveServer) -> None:
    device = live_server.device()
    blob, impostor = os.urandom(1000), os.urandom(1000)
    device.announce(blob)
    response = device.append(sha256_hex(blob), 0, impostor)  # a valid chunk checksum, the wrong file
    assert response.status_code == 409
    assert response.json()["error"]["code"] == errors.ATTACHMENT_CHECKSUM_MISMATCH
    assert response.json()["error"]["details"]["whole_file"] is True
    assert live_server.server.blobs.path(sha256_hex(blob)) is None
    assert device.upload_offset(sha256_hex(blob)).headers[headers.UPLOAD_OFFSET] == "0"


def send_partial_chunk(device, sha256: str, offset: int, chunk: bytes, sent: int) -> None:
    """A PATCH whose connection dies after ``sent`` bytes of the body (the link went down)."""
    url = urlparse(device.base_url)
    path = f"/api/v1/attachments/{sha256}"
    signed = device.signed_headers("PATCH", path, hashlib.sha256(chunk).hexdigest())
    head = [
        f"PATCH {path} HTTP/1.1",
        f"Host: {url.netloc}",
        "Content-Type: application/offset+octet-stream",
        f"Content-Length: {len(chunk)}",
        f"{headers.UPLOAD_OFFSET}: {offset}",
        f"{headers.UPLOAD_CHECKSUM}: {headers.upload_checksum(chunk)}",
        *(f"{name}: {value}" for name, value in signed.items()),
    ]
    with socket.create_connection((url.hostname, url.port), timeout=10) as sock:
        sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode() + chunk[:sent])
        sock.shutdown(socket.SHUT_RDWR)


def test_a_cut_in_the_middle_of_a_chunk_resumes_from_the_last_whole_chunk(live_server: LiveServer) -> None:
    device = live_server.device()
    blob = os.urandom(3 * CHUNK)
    sha = sha256_hex(blob)
    device.announce(blob)
    assert device.append(sha, 0, blob[:CHUNK]).status_code == 204
    send_partial_chunk(device, sha, CHUNK, blob[CHUNK : 2 * CHUNK], sent=CHUNK // 3)
    offset = None
    for _ in range(100):  # the server notices the cut, drops the partial chunk and frees the upload
        response = device.upload_offset(sha)
        offset = int(response.headers[headers.UPLOAD_OFFSET])
        retry = device.append(sha, offset, blob[offset : offset + CHUNK])
        if retry.status_code == 204:
            break
        assert retry.json()["error"]["code"] == errors.ATTACHMENT_BUSY
    assert offset == CHUNK
    assert device.append(sha, 2 * CHUNK, blob[2 * CHUNK :]).status_code == 204
    assert live_server.server.blobs.path(sha).read_bytes() == blob


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd",
        "..%2F..%2Fmaster.key",
        "A" * 64,  # upper case is not how hashes are written here
        "0" * 63,
        "0" * 64 + "/../x",
        "%2e%2e",
    ],
)
def test_names_that_are_not_hashes_never_reach_the_disk(live_server: LiveServer, name: str) -> None:
    device = live_server.device()
    response = device.request("HEAD", f"/attachments/{name}")
    assert response.status_code == 404
    patch = requests.patch(f"{live_server.url}/api/v1/attachments/{name}", data=b"x", timeout=10)
    assert patch.status_code in (404, 405)
    assert patch.json()["error"]["code"] in (errors.REQUEST_NOT_FOUND, errors.REQUEST_METHOD_NOT_ALLOWED)
    home = live_server.settings.home
    assert not any(p.name in ("passwd", "x") for p in home.rglob("*"))


def test_the_attachments_folder_holds_only_hash_names(live_server: LiveServer) -> None:
    device = live_server.device()
    device.upload(os.urandom(5000))
    names = [p.name for p in (live_server.settings.home / "attachments").rglob("*") if p.is_file()]
    assert names
    assert all(len(n.split(".")[0]) in (64,) or n.endswith(".part") for n in names)


def test_an_unannounced_upload_is_unknown(live_server: LiveServer) -> None:
    device = live_server.device()
    response = device.append("ab" * 32, 0, b"hola")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == errors.ATTACHMENT_UNKNOWN


def test_a_file_over_the_limit_is_refused_at_announce(live_server: LiveServer) -> None:
    device = live_server.device()
    message = AttachmentCreate(
        sha256="ab" * 32, size=live_server.settings.max_attachment_bytes + 1, media_type="application/pdf"
    )
    response = device.post_message("/attachments", message)
    assert response.status_code == 413
    assert response.json()["error"]["code"] == errors.ATTACHMENT_TOO_LARGE


def test_a_type_that_no_form_accepts_is_refused_before_any_byte(live_server: LiveServer) -> None:
    device = live_server.device()
    blob = os.urandom(1000)
    refused = device.announce(blob, media_type="application/zip")
    assert refused.status_code == 422
    body = refused.json()["error"]
    assert body["code"] == errors.FIELD_ATTACHMENT_TYPE
    assert "application/zip" in body["message"]
    assert body["details"]["allowed"] == ["application/pdf", "image/jpeg", "image/png"]
    assert device.upload_offset(sha256_hex(blob)).status_code == 404  # nothing was created


def test_a_file_larger_than_every_form_allows_is_refused_at_announce(live_server: LiveServer) -> None:
    """The demo catalog's largest attachment field takes 20 MB; sealing adds a few bytes."""
    device = live_server.device()
    largest = 20 * 1024 * 1024 + 1024
    fits = AttachmentCreate(sha256="cd" * 32, size=largest, media_type="image/png")
    assert device.post_message("/attachments", fits).status_code == 201
    over = AttachmentCreate(sha256="ef" * 32, size=largest + 1, media_type="image/png")
    refused = device.post_message("/attachments", over)
    assert refused.status_code == 413
    assert refused.json()["error"]["code"] == errors.ATTACHMENT_TOO_LARGE
    assert refused.json()["error"]["details"] == {"size": largest + 1, "max_bytes": largest}


def large_scans_definition(tmp_path: Path, max_mb: int) -> Path:
    """The demo "solicitud general" taking scans up to ``max_mb`` MB, as the next version."""
    raw = json.loads((demo_catalog_dir() / "solicitud-general.json").read_text(encoding="utf-8"))
    for field in raw["form"]["fields"]:
        if field.get("type") == "attachment":
            field["max_size_mb"] = max_mb
    path = tmp_path / "solicitud-general.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.slow
def test_a_50_mb_upload_streams_without_growing_server_memory(tmp_path: Path) -> None:
    """One 50 MB chunk, sent from a file, to a server started as an operator would (waitress), for an
    institution whose form takes scans that large."""
    size = 50 * 1024 * 1024
    data_file = tmp_path / "escaneo.bin"
    digest = hashlib.sha256()
    with data_file.open("wb") as handle:
        for _ in range(size // (1024 * 1024)):
            piece = os.urandom(1024 * 1024)
            digest.update(piece)
            handle.write(piece)
    sha = digest.hexdigest()
    with ServerProcess(tmp_path / "home") as process:
        loaded = process.run_cli(
            "catalog",
            "load",
            "--institution",
            "muni-ilave",
            "--as-new-version",
            str(large_scans_definition(tmp_path, 60)),
        )
        assert loaded.returncode == 0, loaded.stderr
        device = enroll_with_ticket(process.url, process.home / "demo-ticket.json")
        created = device.post_message(
            "/attachments", AttachmentCreate(sha256=sha, size=size, media_type="application/pdf")
        )
        assert created.status_code == 201
        requests.get(f"{process.url}/healthz", timeout=10)
        before = process.peak_rss_kib()
        signed = device.signed_headers("PATCH", f"/api/v1/attachments/{sha}", sha)
        signed.update(
            {
                "Content-Type": "application/offset+octet-stream",
                headers.UPLOAD_OFFSET: "0",
                headers.UPLOAD_CHECKSUM: "sha256 " + base64.b64encode(digest.digest()).decode(),
            }
        )
        with data_file.open("rb") as body:
            response = requests.patch(
                f"{process.url}/api/v1/attachments/{sha}", data=body, headers=signed, timeout=300
            )
        assert response.status_code == 204, response.text
        assert response.headers[headers.UPLOAD_OFFSET] == str(size)
        growth_mib = (process.peak_rss_kib() - before) / 1024
        assert growth_mib < 20, f"server peak memory grew by {growth_mib:.1f} MiB for a 50 MiB upload"
        stored = list((tmp_path / "home" / "attachments" / "blobs").rglob(sha))
        assert len(stored) == 1
        assert stored[0].stat().st_size == size
