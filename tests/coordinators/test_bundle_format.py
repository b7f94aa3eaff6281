"""The bundle and acknowledgement file formats on their own: every byte is covered, a cut file is told
apart from an altered one, the altered item is named, and an acknowledgement opens only where it should."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest

from shared import errors
from shared.crypto import (
    device_id_for,
    generate_device_keypair,
    generate_institution_keypair,
    public_key_to_text,
    sha256_hex,
)
from shared.errors import TamboError
from shared.ids import new_ulid
from shared.protocol import ItemResult
from shared.protocol.bundle_acks import AckBody, ack_public_text, open_ack, read_ack_header, seal_ack
from shared.protocol.bundles import (
    HEADER,
    BundleBlob,
    BundleManifest,
    BundleReader,
    check_bundle_file,
    envelope_entry,
    write_bundle,
)

NOW = datetime(2026, 3, 14, 9, 30, tzinfo=UTC)


def make_bundle(tmp_path: Path, device_key=None, envelopes: int = 2, blob: bytes = b"%PDF sealed" * 5):
    key = device_key or generate_device_keypair()
    bodies = [f'{{"id":"{new_ulid()}","n":{i}}}'.encode() for i in range(envelopes)]
    blob_path = tmp_path / "blob"
    blob_path.write_bytes(blob)
    manifest = BundleManifest(
        bundle_id=new_ulid(),
        created_at=NOW,
        institution_id="muni-demo",
        device_id=device_id_for(key.public_key()),
        device_public_key=public_key_to_text(key.public_key()),
        device_name="Quiosco",
        app_version="0.1.0",
        pending_count=envelopes,
        ack_key=ack_public_text(key),
        envelopes=[envelope_entry(body, new_ulid(), f"ABCD-0000{i}-X") for i, body in enumerate(bodies)],
        blobs=[
            BundleBlob(
                sha256=sha256_hex(blob),
                size=len(blob),
                media_type="application/pdf",
                tracking_code="ABCD-00001-X",
            )
        ],
    )
    path = tmp_path / "paquete.tambo"
    with path.open("wb") as out:
        write_bundle(out, manifest, bodies, [blob_path], key)
    return path, manifest, key


def code_of(path: Path) -> str:
    with pytest.raises(TamboError) as caught:
        check_bundle_file(path)
    return caught.value.code


def test_a_whole_bundle_checks_and_reads_back(tmp_path):
    path, manifest, key = make_bundle(tmp_path)
    assert check_bundle_file(path, key.public_key()) == manifest
    with path.open("rb") as handle:
        found = list(BundleReader(handle, path.name).envelopes())
    assert [entry.id for entry, _ in found] == [e.id for e in manifest.envelopes]


def test_every_flipped_byte_is_detected(tmp_path):
    path, _manifest, _key = make_bundle(tmp_path)
    original = path.read_bytes()
    codes = set()
    for offset in range(0, len(original), 3):
        data = bytearray(original)
        data[offset] ^= 0x01
        path.write_bytes(bytes(data))
        codes.add(code_of(path))
    assert codes <= {
        errors.BUNDLE_NOT_A_BUNDLE,
        errors.BUNDLE_UNSUPPORTED_VERSION,
        errors.BUNDLE_MALFORMED,
        errors.BUNDLE_TRUNCATED,
        errors.BUNDLE_BAD_SIGNATURE,
        errors.BUNDLE_ITEM_TAMPERED,
    }
    assert {errors.BUNDLE_BAD_SIGNATURE, errors.BUNDLE_ITEM_TAMPERED} <= codes


def test_the_altered_item_is_named(tmp_path):
    path, manifest, _key = make_bundle(tmp_path)
    data = bytearray(path.read_bytes())
    second = bytes(data).find(b'"n":1')
    data[second + 4] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(TamboError) as caught:
        check_bundle_file(path)
    assert caught.value.code == errors.BUNDLE_ITEM_TAMPERED
    assert caught.value.details["submission_id"] == manifest.envelopes[1].id
    assert "la solicitud ABCD-00001-X" in caught.value.message()

    path, manifest, _key = make_bundle(tmp_path)
    data = bytearray(path.read_bytes())
    data[-20] ^= 0x80  # inside the attachment, before the end marker
    path.write_bytes(bytes(data))
    with pytest.raises(TamboError) as caught:
        check_bundle_file(path)
    assert "el adjunto 1 de 1 de la solicitud ABCD-00001-X" in caught.value.message()


@pytest.mark.parametrize("keep", [0, 3, len(HEADER), len(HEADER) + 4, 200, -200, -9, -1])
def test_a_cut_file_is_incomplete_not_altered(tmp_path, keep):
    path, _manifest, _key = make_bundle(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[:keep] if keep >= 0 else data[: len(data) + keep])
    with pytest.raises(TamboError) as caught:
        check_bundle_file(path)
    assert caught.value.code == errors.BUNDLE_TRUNCATED
    assert "incompleto" in caught.value.message()


def test_extra_bytes_and_other_files_are_refused(tmp_path):
    path, _manifest, _key = make_bundle(tmp_path)
    path.write_bytes(path.read_bytes() + b"x")
    assert code_of(path) == errors.BUNDLE_MALFORMED
    path.write_bytes(b"%PDF-1.4 not a bundle at all")
    assert code_of(path) == errors.BUNDLE_NOT_A_BUNDLE
    path.write_bytes(HEADER[:-1] + bytes([9]) + b"\0" * 40)
    assert code_of(path) == errors.BUNDLE_UNSUPPORTED_VERSION


def test_a_bundle_signed_by_another_key_fails_with_the_registered_key(tmp_path):
    path, _manifest, _key = make_bundle(tmp_path)
    other = generate_device_keypair()
    with pytest.raises(TamboError) as caught:
        check_bundle_file(path, other.public_key())
    assert caught.value.code == errors.BUNDLE_BAD_SIGNATURE


def test_a_blob_that_changes_while_exported_aborts_the_write(tmp_path):
    path, manifest, key = make_bundle(tmp_path)
    with path.open("rb") as handle:
        bodies = [data for _entry, data in BundleReader(handle, path.name).envelopes()]
    (tmp_path / "blob").write_bytes(b"changed")
    with pytest.raises(TamboError) as caught:
        write_bundle(io.BytesIO(), manifest, bodies, [tmp_path / "blob"], key)
    assert caught.value.code == errors.SYNC_ATTACHMENT_LOST


# --- acknowledgements ----------------------------------------------------------------------------


def make_ack(device_key, institution, *, device_id: str | None = None) -> bytes:
    body = AckBody(
        bundle_id=new_ulid(),
        device_id=device_id or device_id_for(device_key.public_key()),
        results=[ItemResult(id=new_ulid(), status="accepted", seq=7)],
        cursor="c1.9",
        changes=[{"kind": "settings", "key": "x", "value": 1}],
    )
    return seal_ack(
        body,
        institution_id="muni-demo",
        institution_private=institution,
        ack_key=ack_public_text(device_key),
        created_at=NOW,
    )


def test_an_ack_opens_on_its_device_only_and_any_change_is_detected():
    device, institution = generate_device_keypair(), generate_institution_keypair()
    device_id = device_id_for(device.public_key())
    data = make_ack(device, institution)
    header, body = open_ack(data, "a.acuse", device, device_id, institution.public_key())
    assert (header.summary.accepted, header.summary.changes) == (1, 1)
    assert (body.results[0].seq, body.cursor) == (7, "c1.9")
    assert read_ack_header(data, "a.acuse") == header

    for offset in range(0, len(data), 7):
        altered = bytearray(data)
        altered[offset] ^= 0x01
        with pytest.raises(TamboError) as caught:
            open_ack(bytes(altered), "a.acuse", device, device_id, institution.public_key())
        assert caught.value.code in {
            errors.BUNDLE_ACK_TAMPERED,
            errors.BUNDLE_ACK_INVALID,
            errors.BUNDLE_ACK_OTHER_DEVICE,
        }
    with pytest.raises(TamboError) as caught:
        open_ack(data[:-1], "a.acuse", device, device_id, institution.public_key())
    assert caught.value.code == errors.BUNDLE_ACK_TAMPERED
    with pytest.raises(TamboError) as caught:
        open_ack(data[:20], "a.acuse", device, device_id, institution.public_key())
    assert caught.value.code == errors.BUNDLE_ACK_INVALID

    other = generate_device_keypair()
    with pytest.raises(TamboError) as caught:
        open_ack(data, "a.acuse", other, device_id_for(other.public_key()), institution.public_key())
    assert caught.value.code == errors.BUNDLE_ACK_OTHER_DEVICE


def test_an_ack_not_made_with_the_institution_key_is_refused():
    device, institution = generate_device_keypair(), generate_institution_keypair()
    forged = make_ack(device, generate_institution_keypair())  # a carrier's own "server"
    with pytest.raises(TamboError) as caught:
        open_ack(forged, "f.acuse", device, device_id_for(device.public_key()), institution.public_key())
    assert caught.value.code == errors.BUNDLE_ACK_TAMPERED
