"""Saving is one local transaction: envelope, sealed attachments, outbox, audit, draft; or nothing."""

from __future__ import annotations

import errno
import json
import os

import pytest

from desktop.ops.api import AttachmentInput, NewSubmission
from desktop.store import outbox
from desktop.store.audit import verify_chain
from shared import errors
from shared.crypto import ed25519_public_from_text, sha256_hex
from shared.errors import TamboError
from shared.protocol import Envelope
from shared.submission import open_attachment, open_submission, verify_envelope
from tests.desktop.test_store_support import (
    VALID_DNI,
    backend,  # noqa: F401 - fixture
    complaint_answers,
    institution,  # noqa: F401 - fixture
    open_backend,
    pdf_attachment,
    save_complaint,
)


def state(opened) -> dict[str, object]:
    """Everything a save writes, counted, plus the files of sealed blobs."""

    def read(db):
        counts = {
            table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("submissions", "submission_attachments", "outbox", "audit_log", "drafts")
        }
        counts["counters"] = db.execute("SELECT name, value FROM counters ORDER BY name").fetchall()
        return counts

    found = opened.store.read(read)
    found["blobs"] = sorted(p.name for p in opened.store.blobs.root.rglob("*") if p.is_file())
    return found


def stored_envelope(opened, submission_id: str) -> Envelope:
    text = opened.store.read(
        lambda db: db.execute("SELECT envelope FROM submissions WHERE id = ?", [submission_id]).fetchone()[0]
    )
    return Envelope.model_validate_json(text)


def test_a_save_writes_every_part_and_the_institution_can_open_it(backend, institution, tmp_path):  # noqa: F811
    draft_id = backend.save_draft(None, "libro-reclamaciones", 1, complaint_answers())
    scan = pdf_attachment(tmp_path / "reclamo.pdf", "copia del ticket de atención")
    detail = save_complaint(
        backend, attachments=(scan,), draft_id=draft_id, observations="Falta: copia del DNI"
    )

    envelope = stored_envelope(backend, detail.row.id)
    device = backend.store.read(lambda db: db.execute("SELECT device_public_key FROM identity").fetchone()[0])
    verify_envelope(envelope, ed25519_public_from_text(device))
    payload = open_submission(envelope, institution.private)
    assert payload.tracking_code == detail.row.tracking_code
    assert payload.answers["dni"] == VALID_DNI
    assert payload.observations == "Falta: copia del DNI"
    assert envelope.device_seq == 1
    assert envelope.institution_id == institution.id
    (meta,) = payload.attachments
    sealed = backend.store.blobs.read(meta.sealed_sha256)
    assert sha256_hex(sealed) == meta.sealed_sha256 == envelope.attachments[0].sha256
    assert open_attachment(sealed, meta, detail.row.id, institution.private) == scan.path.read_bytes()
    assert backend.store.blobs.final_path(meta.sealed_sha256).exists()
    assert not any(backend.store.blobs.incoming.iterdir())

    (pending,) = backend.store.read(outbox.pending)
    assert pending.submission_id == detail.row.id
    assert Envelope.model_validate_json(pending.envelope) == envelope
    assert [a.sealed_sha256 for a in pending.attachments] == [meta.sealed_sha256]
    assert backend.drafts() == []
    saved_entry = backend.store.read(
        lambda db: db.execute(
            "SELECT data FROM audit_log WHERE event = 'submission.saved' AND subject = ?", [detail.row.id]
        ).fetchone()[0]
    )
    assert json.loads(saved_entry)["payload_sha256"] == envelope.payload_sha256
    assert backend.verify_audit().ok
    assert detail.receipt.integrity_code.replace("-", "").lower() == envelope.payload_sha256[:12]


def test_serials_and_device_seq_increase_by_one(backend):  # noqa: F811 - fixture
    codes = [save_complaint(backend, f"Persona{i}", f"4000000{i}").row.tracking_code for i in range(3)]
    assert [c.split("-")[1] for c in codes] == ["00001", "00002", "00003"]
    seqs = [stored_envelope(backend, backend.submission(c).row.id).device_seq for c in codes]
    assert seqs == [1, 2, 3]


def test_invalid_answers_are_refused_with_every_problem_and_nothing_is_written(backend, tmp_path):  # noqa: F811
    before = state(backend)
    scan = pdf_attachment(tmp_path / "x.pdf")
    with pytest.raises(TamboError) as caught:
        save_complaint(backend, "Rosa", "1234", attachments=(scan,), answers={"fecha_hecho": "ayer"})
    assert caught.value.code == errors.SUBMISSION_INVALID_ANSWERS
    problems = {p["path"]: p["message"] for p in caught.value.details["errors"]}
    assert problems["dni"].startswith("DNI inválido")
    assert problems["fecha_hecho"].startswith("Fecha inválida")
    assert caught.value.message() == "La solicitud tiene 2 datos inválidos."
    assert state(backend) == before


def test_saving_needs_a_provisioned_device(tmp_path):
    unprovisioned = open_backend(tmp_path / "home")
    try:
        with pytest.raises(TamboError) as caught:
            save_complaint(unprovisioned)
        assert caught.value.code == errors.DEVICE_NOT_PROVISIONED
        assert "tambo enroll" in caught.value.message()
        assert unprovisioned.count() == 0
    finally:
        unprovisioned.close()


def test_unknown_service_and_missing_folios(backend):  # noqa: F811 - fixture
    with pytest.raises(TamboError) as unknown:
        backend.save_submission(NewSubmission("no-existe", 1, {}))
    assert unknown.value.code == errors.SUBMISSION_UNKNOWN_SERVICE
    answers = {
        "tipo_documento": "dni",
        "dni": VALID_DNI,
        "nombres": "Rosa",
        "apellidos": "Quispe",
        "domicilio": "Jr. Lima 1",
        "distrito": "210101",
        "celular": "987654321",
        "oficina_destino": "rentas",
        "asunto": "Copia",
        "pedido": "Copia de partida.",
    }
    with pytest.raises(TamboError) as folios:
        backend.save_submission(NewSubmission("solicitud-general", 1, answers))
    assert [p["path"] for p in folios.value.details["errors"]] == ["folios"]
    kiosk = backend.save_submission(NewSubmission("solicitud-general", 1, answers, channel="kiosk"))
    assert kiosk.receipt.received_by == "Quiosco Mesa de partes 1"
    counter = backend.save_submission(
        NewSubmission("solicitud-general", 1, answers, pages=3, received_by="Ana")
    )
    assert counter.receipt.pages == 3


def test_attachments_are_described_from_the_files_themselves(backend, tmp_path):  # noqa: F811 - fixture
    scan = pdf_attachment(tmp_path / "reclamo.pdf", "primera versión")
    stale = {"sha256": "0" * 64, "size": 1, "media_type": "application/pdf", "name": "reclamo.pdf"}
    scan.path.write_bytes(b"%PDF-1.4\nsegunda version, cambiada despues de adjuntar\n")
    detail = save_complaint(backend, attachments=(scan,), answers={"adjuntos": [stale]})
    (item,) = detail.answers["adjuntos"]
    assert item["sha256"] == sha256_hex(scan.path.read_bytes())
    with pytest.raises(TamboError) as listed_not_given:
        save_complaint(backend, answers={"adjuntos": [stale]})
    assert listed_not_given.value.code == errors.ATTACHMENT_NOT_PROVIDED
    gone = AttachmentInput("adjuntos", tmp_path / "borrado.pdf", "application/pdf", "borrado.pdf")
    with pytest.raises(TamboError) as unreadable:
        save_complaint(backend, attachments=(gone,))
    assert unreadable.value.code == errors.INPUT_FILE_UNREADABLE
    assert "borrado.pdf" in unreadable.value.message()
    exe = AttachmentInput("adjuntos", scan.path, "application/x-msdownload", "dni.pdf")
    with pytest.raises(TamboError) as wrong_type:
        save_complaint(backend, attachments=(exe,))
    assert wrong_type.value.details["errors"][0]["code"] == errors.FIELD_ATTACHMENT_TYPE


def test_disk_full_during_the_transaction_rolls_everything_back(backend, tmp_path):  # noqa: F811 - fixture
    save_complaint(backend)
    before = state(backend)
    pages = backend.store.call(lambda db: db.execute("PRAGMA page_count").fetchone()[0])
    backend.store.call(lambda db: db.execute(f"PRAGMA max_page_count = {pages}"))
    big = pdf_attachment(tmp_path / "grande.pdf", "x" * 1000)
    long_text = "Descripción muy larga del reclamo. " * 110  # needs new pages for the row and its index
    with pytest.raises(TamboError) as caught:
        save_complaint(backend, "Segunda", "41234567", attachments=(big,), answers={"descripcion": long_text})
    assert caught.value.code == errors.STORAGE_DISK_FULL
    assert "No hay espacio en el disco" in caught.value.message()
    assert state(backend) == before  # no row, outbox, audit entry, counter step, or sealed blob left
    assert backend.verify_audit().ok
    backend.store.call(lambda db: db.execute("PRAGMA max_page_count = 1073741823"))
    again = save_complaint(
        backend, "Segunda", "41234567", attachments=(big,), answers={"descripcion": long_text}
    )
    assert again.row.tracking_code.split("-")[1] == "00002"  # the failed save used no serial


def test_disk_full_while_writing_a_sealed_blob(backend, tmp_path, monkeypatch):  # noqa: F811 - fixture
    before = state(backend)
    real_write = os.write
    calls = {"n": 0}

    def write_then_fill(fd, data):
        calls["n"] += 1
        if calls["n"] == 2:  # the second file: the first one is already on disk
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr("desktop.store.files.os.write", write_then_fill)
    files = (pdf_attachment(tmp_path / "a.pdf", "uno"), pdf_attachment(tmp_path / "b.pdf", "dos"))
    with pytest.raises(TamboError) as caught:
        save_complaint(backend, attachments=files)
    assert caught.value.code == errors.STORAGE_DISK_FULL
    assert state(backend) == before
    assert not any(backend.store.blobs.incoming.iterdir())


def test_audit_chain_holds_after_many_saves(backend):  # noqa: F811 - fixture
    for i in range(5):
        save_complaint(backend, f"Nombre{i}", f"4100000{i}")
    report = backend.store.read(verify_chain)
    assert report.ok
    assert report.entries >= 5
