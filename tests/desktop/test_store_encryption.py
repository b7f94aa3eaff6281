"""No plaintext anywhere on disk: a known DNI, name and attachment text are in no file under TAMBO_HOME."""

from __future__ import annotations

import sqlite3

import pytest

from desktop.ops.api import NewSubmission
from desktop.store import DB_FILE, Store
from tests.desktop.test_store_support import (
    PASSPHRASE,
    backend,  # noqa: F401 - fixture
    complaint_answers,
    institution,  # noqa: F401 - fixture
    pdf_attachment,
    save_complaint,
)

DNI = "73915284"
NAME = "Wiracocha"
SURNAME = "Quillahuamán"
ATTACHMENT_TEXT = "Informe-Confidencial-Ñawpa"


def spellings(text: str) -> set[bytes]:
    """The text as it could sit in a file: UTF-8, UTF-16 (both orders), in every case we might store."""
    variants = {text, text.upper(), text.lower(), text.casefold(), text.title()}
    return {v.encode(codec) for v in variants for codec in ("utf-8", "utf-16-le", "utf-16-be")}


def files_under(home):
    return [p for p in home.rglob("*") if p.is_file()]


def assert_no_plaintext(home) -> list[str]:
    names = []
    for path in files_under(home):
        data = path.read_bytes()
        names.append(str(path.relative_to(home)))
        for secret in (DNI, NAME, SURNAME, ATTACHMENT_TEXT):
            for form in spellings(secret):
                assert form not in data, f"{secret!r} found in {path.relative_to(home)}"
    return names


def test_no_plaintext_in_any_file_while_open_and_after_close(backend, tmp_path):  # noqa: F811 - fixture
    home = backend.store.home
    scan = pdf_attachment(tmp_path / "informe.pdf", ATTACHMENT_TEXT)
    saved = save_complaint(backend, NAME, DNI, attachments=(scan,), answers={"apellidos": SURNAME})
    draft = complaint_answers(NAME, DNI, SURNAME)
    backend.save_draft(None, "libro-reclamaciones", 1, draft)  # drafts are personal data too
    assert backend.search(DNI)[0].tracking_code == saved.row.tracking_code  # it is really stored

    present = assert_no_plaintext(home)  # with the WAL still holding the last writes
    assert DB_FILE + "-wal" in present
    assert any(name.startswith("blobs/") for name in present)
    assert "keyslots.json" in present
    backend.close()
    assert_no_plaintext(home)


def test_the_database_needs_its_key(backend):  # noqa: F811 - fixture
    save_complaint(backend, NAME, DNI)
    path = backend.store.home / DB_FILE
    backend.close()
    assert not path.read_bytes().startswith(b"SQLite format 3")
    plain = sqlite3.connect(path)
    with pytest.raises(sqlite3.DatabaseError):
        plain.execute("SELECT count(*) FROM sqlite_master").fetchone()
    plain.close()
    again = Store.open_with_passphrase(path.parent, PASSPHRASE)
    assert again.read(lambda db: db.execute("SELECT count(*) FROM submissions").fetchone()[0]) == 1
    again.close()


def test_temporary_tables_stay_in_memory(backend):  # noqa: F811 - fixture
    assert backend.store.call(lambda db: db.execute("PRAGMA temp_store").fetchone()[0]) == 2  # MEMORY
    assert backend.store.call(lambda db: db.execute("PRAGMA journal_mode").fetchone()[0]) == "wal"
    assert backend.store.call(lambda db: db.execute("PRAGMA synchronous").fetchone()[0]) == 2  # FULL
    assert backend.store.call(lambda db: db.execute("PRAGMA foreign_keys").fetchone()[0]) == 1


def test_a_draft_of_a_new_submission_has_no_plaintext_either(backend, tmp_path):  # noqa: F811 - fixture
    new = NewSubmission("libro-reclamaciones", 1, complaint_answers(NAME, DNI, SURNAME))
    backend.save_draft(None, new.service_id, new.form_version, dict(new.answers))
    backend.close()
    assert_no_plaintext(backend.store.home)
