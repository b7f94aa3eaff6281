"""What the sync engine will use: the outbox, pulled pages applied with their cursor, registration."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from desktop.store import audit, catalog, identity, outbox, pulled, settings
from shared import errors
from shared.errors import TamboError
from shared.forms import demo_catalog_dir
from shared.protocol import (
    CatalogChange,
    DocumentChange,
    MessageChange,
    SettingsChange,
    StatusChange,
    decode_changes,
)
from shared.statuses import IN_REVIEW, OBSERVED, RECEIVED
from shared.tracking import TrackingCodeError
from tests.desktop.test_store_support import (
    VALID_DNI,
    backend,  # noqa: F401 - fixture
    institution,  # noqa: F401 - fixture
    save_complaint,
)

T0 = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)


def status(detail, code: str, minutes: int, note: str | None = None) -> StatusChange:
    return StatusChange(
        submission_id=detail.row.id,
        tracking_code=detail.row.tracking_code,
        status=code,
        at=T0 + timedelta(minutes=minutes),
        note_public=note,
    )


def test_outbox_attempts_acks_and_rejections(backend):  # noqa: F811 - fixture
    first, second, third = (
        save_complaint(backend, n, f"4000000{i}") for i, n in enumerate(["Ana", "Beto", "Ciro"])
    )
    pending = backend.store.read(outbox.pending)
    assert [item.submission_id for item in pending] == [first.row.id, second.row.id, third.row.id]
    backend.store.write(lambda db: outbox.record_attempt(db, first.row.id, "servidor no disponible"))
    backend.store.write(lambda db: outbox.mark_sent(db, first.row.id, 41))
    backend.store.write(lambda db: outbox.mark_sent(db, second.row.id, 42, duplicate=True))
    backend.store.write(lambda db: outbox.mark_rejected(db, third.row.id, errors.SUBMISSION_UNKNOWN_SERVICE))
    assert backend.store.read(outbox.pending) == []
    assert backend.store.read(outbox.counts) == {"pending": 0, "sent": 2, "rejected": 1}
    rows = {row.id: row for row in backend.search("")}
    assert rows[first.row.id].sync_state == "sent"
    assert rows[third.row.id].sync_state == "rejected"
    assert rows[third.row.id].sync_error.startswith("El trámite")  # the stable Spanish message
    attempts = backend.store.read(
        lambda db: db.execute(
            "SELECT attempts FROM outbox WHERE submission_id = ?", [first.row.id]
        ).fetchone()[0]
    )
    assert attempts == 2
    assert not backend.submission(first.row.tracking_code).receipt.pending_sync
    history = [item["event"] for item in backend.submission(third.row.id).history]
    assert history[-1].startswith("Rechazado por el servidor: El trámite")
    with pytest.raises(TamboError):
        backend.store.write(lambda db: outbox.mark_sent(db, "01NOPE0000000000000000000", 1))
    assert backend.verify_audit().ok


def test_a_pulled_page_is_applied_with_its_cursor_and_twice_changes_nothing(backend):  # noqa: F811
    detail = save_complaint(backend)
    page = [
        status(detail, RECEIVED, 0),
        status(detail, OBSERVED, 60, "Falta la copia del DNI."),
        MessageChange(
            submission_id=detail.row.id,
            message_id="m-1",
            body="Traiga la copia de su DNI.",
            at=T0 + timedelta(minutes=61),
            from_unit="Secretaría General",
        ),
        DocumentChange(
            submission_id=detail.row.id,
            document_id="d-1",
            name="respuesta.pdf",
            media_type="application/pdf",
            sha256="a" * 64,
            size=1234,
        ),
        SettingsChange(key="office", value="Sede central"),
        *decode_changes([{"kind": "survey", "question": "¿Cómo lo atendimos?"}]),
    ]
    result = backend.store.write(lambda db: pulled.apply_pulled_page(db, page, "c-10"))
    assert (result.applied, result.ignored) == (6, 0)
    again = backend.store.write(lambda db: pulled.apply_pulled_page(db, page, "c-10"))
    assert again.applied == 2  # settings and the unknown kind are re-stored; nothing else doubled
    assert backend.store.read(lambda db: settings.get_state(db, settings.PULL_CURSOR)) == "c-10"
    (row,) = backend.search(detail.row.tracking_code)
    assert row.last_status == "Observado"
    events = backend.submission(detail.row.id).history
    assert [e.get("code") for e in events if "code" in e] == [RECEIVED, OBSERVED]
    assert any("Traiga la copia" in e.get("event", "") for e in events)
    assert backend.device_info().office == "Sede central"
    assert backend.device_info().last_sync_at is not None
    unknown = backend.store.read(lambda db: db.execute("SELECT kind, raw FROM unknown_changes").fetchall())
    assert unknown[0][0] == "survey"
    assert json.loads(unknown[0][1])["question"] == "¿Cómo lo atendimos?"


def test_an_older_status_arriving_late_does_not_replace_the_newer_one(backend):  # noqa: F811
    detail = save_complaint(backend)
    backend.store.write(lambda db: pulled.apply_pulled_page(db, [status(detail, IN_REVIEW, 30)], "c-1"))
    backend.store.write(lambda db: pulled.apply_pulled_page(db, [status(detail, RECEIVED, 0)], "c-2"))
    assert backend.search("")[0].last_status == "En revisión"


def test_the_newest_status_brings_the_servers_due_date(backend):  # noqa: F811 - fixture
    detail = save_complaint(backend)
    issued = detail.row.due_date
    later, latest = issued + timedelta(days=3), issued + timedelta(days=10)

    def apply(change: StatusChange, cursor: str) -> None:
        backend.store.write(lambda db: pulled.apply_pulled_page(db, [change], cursor))

    apply(status(detail, RECEIVED, 0).model_copy(update={"due_date": issued}), "c-1")
    apply(status(detail, IN_REVIEW, 30, "Plazo ampliado").model_copy(update={"due_date": latest}), "c-2")
    apply(status(detail, OBSERVED, 10).model_copy(update={"due_date": later}), "c-3")  # older: ignored
    apply(status(detail, IN_REVIEW, 40), "c-4")  # no due date: the known one stays
    (row,) = backend.search(detail.row.tracking_code)
    assert row.due_date == latest
    assert backend.lookup_status(detail.row.tracking_code, VALID_DNI[-4:]).due_date == latest
    assert backend.submission(detail.row.id).receipt.due_date == issued  # the receipt as issued


def test_a_page_that_fails_midway_leaves_the_cursor_where_it_was(backend):  # noqa: F811 - fixture
    detail = save_complaint(backend)
    backend.store.write(lambda db: pulled.apply_pulled_page(db, [], "c-1"))
    bad_definition = CatalogChange(service_id="roto", form_version=1, definition={"id": "roto"})
    with pytest.raises(TamboError):
        backend.store.write(
            lambda db: pulled.apply_pulled_page(db, [status(detail, RECEIVED, 0), bad_definition], "c-2")
        )
    assert backend.store.read(lambda db: settings.get_state(db, settings.PULL_CURSOR)) == "c-1"
    assert backend.store.read(lambda db: pulled.status_history(db, detail.row.id)) == []


def test_a_catalog_version_from_the_server_retires_the_demo_and_old_submissions_stay_readable(backend):  # noqa: F811
    saved = save_complaint(backend)
    definition = json.loads((demo_catalog_dir() / "libro-reclamaciones.json").read_text())
    definition["form"]["version"] = 2
    definition["title"]["es"] = "Libro de reclamaciones (2027)"
    change = CatalogChange(service_id="libro-reclamaciones", form_version=2, definition=definition)
    backend.store.write(lambda db: pulled.apply_pulled_page(db, [change], "c-5"))
    services = backend.services("counter")
    assert [(s.id, s.form.version) for s in services] == [("libro-reclamaciones", 2)]
    old = backend.submission(saved.row.tracking_code)
    assert old.service.form.version == 1  # the version it was saved under
    entries = backend.store.read(lambda db: catalog.entries(db, include_retired=True))
    assert len(entries) == 11
    definition["title"]["es"] = "Otro título, misma versión"
    same_version = CatalogChange(service_id="libro-reclamaciones", form_version=2, definition=definition)
    with pytest.raises(TamboError) as changed:
        backend.store.write(lambda db: pulled.apply_pulled_page(db, [same_version], "c-6"))
    assert changed.value.code == errors.CATALOG_VERSION_CHANGED


def test_lookup_status_for_the_citizen(backend):  # noqa: F811 - fixture
    detail = save_complaint(backend, "Rosa", "45781236")
    code = detail.row.tracking_code
    found = backend.lookup_status(code.lower(), "1236")
    assert (found.tracking_code, found.status, found.pending_sync) == (code, None, True)
    backend.store.write(
        lambda db: pulled.apply_pulled_page(
            db,
            [
                status(detail, OBSERVED, 5),
                MessageChange(
                    submission_id=detail.row.id,
                    message_id="m-9",
                    body="Puede recoger su respuesta.",
                    at=T0 + timedelta(minutes=9),
                    from_unit="Atención al Ciudadano",
                ),
            ],
            "c-3",
        )
    )
    found = backend.lookup_status(code, "81236")
    assert found.status == OBSERVED
    assert found.status_at is not None
    assert [m.body for m in found.messages] == ["Puede recoger su respuesta."]
    assert found.last_sync_at is not None
    other = save_complaint(backend, "Beto", "49999999").row.tracking_code
    for typed_code, digits in ((code, "9999"), (code, "123"), (code, ""), (other, "1236")):
        with pytest.raises(TamboError) as caught:
            backend.lookup_status(typed_code, digits)
        assert caught.value.code == errors.LOOKUP_NOT_FOUND
    with pytest.raises(TrackingCodeError):
        backend.lookup_status(code[:-1] + ("2" if code[-1] != "2" else "3"), "1236")


def test_registration_for_the_sync_engine(backend, institution):  # noqa: F811 - fixture
    due = backend.store.read(identity.pending_registration)
    assert due["code"] == "K7P-2QX"
    assert due["server_url"] == "http://127.0.0.1:9"
    info = backend.device_info()
    with pytest.raises(TamboError):
        backend.store.write(lambda db: identity.mark_registered(db, info.device_id, "otra-muni", "AB12"))
    backend.store.write(lambda db: identity.mark_registered(db, info.device_id, institution.id, "AB12"))
    assert backend.device_info().registered
    assert backend.store.read(identity.pending_registration) is None
    assert backend.store.read(lambda db: audit.verify_chain(db)).ok
