"""LocalBackend operations: enrollment from a ticket, catalog import, drafts, device info, media types."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from desktop.ops.backend import LocalBackend, read_ticket
from desktop.ops.media import sniff_media_type
from desktop.store import Store
from shared import errors
from shared.errors import TamboError
from shared.forms import DefinitionError, demo_catalog_dir
from tests.desktop.test_store_support import (
    CHEAP_KDF,
    PASSPHRASE,
    Institution,
    backend,  # noqa: F401 - fixture
    complaint_answers,
    institution,  # noqa: F401 - fixture
    open_backend,
    save_complaint,
)
from tests.desktop.test_ui_support import tiny_png


def write_json(path, data):
    path.write_text(json.dumps(data))
    return path


@pytest.fixture
def fresh(tmp_path):
    """A store that was never enrolled."""
    opened = open_backend(tmp_path / "home")
    yield opened
    opened.close()


def test_device_info_before_and_after_enrollment(fresh, institution):  # noqa: F811 - fixture
    before = fresh.device_info()
    assert (before.provisioned, before.registered, before.institution_name) == (False, False, "")
    assert before.device_id.startswith("dev_")
    assert fresh.enroll(institution.ticket()) is True
    after = fresh.device_info()
    assert after.provisioned
    assert not after.registered
    assert after.institution_name == institution.name
    assert after.device_name == after.office == "Mesa de partes 1"
    assert after.server_url == "http://127.0.0.1:9"
    assert after.device_id == before.device_id  # the key made at first use is kept
    assert [s.kind for s in fresh.key_slots()] == ["passphrase", "recovery"]
    fresh.set_office("Sede Ilave")
    assert fresh.device_info().office == "Sede Ilave"


def test_enrollment_tickets_that_cannot_be_used(fresh, institution, tmp_path):  # noqa: F811 - fixture
    expired = institution.ticket(expires_at=datetime.now(UTC) - timedelta(minutes=1))
    wrong_key_id = institution.ticket(institution_key_id="0123456789abcdef")
    bad_prefix = institution.ticket(prefix="AB1U")
    for ticket, code in (
        (expired, errors.ENROLLMENT_CODE_EXPIRED),
        (wrong_key_id, errors.ENROLLMENT_TICKET_INVALID),
        (bad_prefix, errors.ENROLLMENT_TICKET_INVALID),
    ):
        with pytest.raises(TamboError) as caught:
            fresh.enroll(ticket)
        assert caught.value.code == code
    assert not fresh.device_info().provisioned
    garbage = tmp_path / "ticket.json"
    garbage.write_text('{"kind": "tambo-enrollment-ticket", "code": "X"}')
    with pytest.raises(TamboError) as caught:
        read_ticket(garbage)
    assert caught.value.code == errors.ENROLLMENT_TICKET_INVALID
    assert "no es válido" in caught.value.message()
    with pytest.raises(TamboError):
        read_ticket(tmp_path / "no-existe.json")


def test_enrolling_again(fresh, institution, tmp_path):  # noqa: F811 - fixture
    path = institution.write_ticket(tmp_path / "ticket.json")
    assert fresh.enroll(path)
    assert fresh.enroll(institution.ticket(code="NEW-CODE"))  # re-issued before the first sync
    with pytest.raises(TamboError) as other:
        fresh.enroll(Institution("otra-muni", "Otra Municipalidad").ticket())
    assert other.value.code == errors.ENROLLMENT_OTHER_INSTITUTION
    assert "Municipalidad Distrital de Prueba" in other.value.message()
    with pytest.raises(TamboError):
        fresh.enroll(institution.ticket(prefix="ZZ99"))
    assert fresh.device_info().institution_name == institution.name


def test_catalog_import_new_same_and_changed_versions(backend, tmp_path):  # noqa: F811 - fixture
    source = json.loads((demo_catalog_dir() / "constancia-domiciliaria.json").read_text())
    same = tmp_path / "same.json"
    same.write_text(json.dumps(source))
    assert [(i.service_id, i.added) for i in backend.import_catalog([same])] == [
        ("constancia-domiciliaria", False)
    ]
    source["form"]["version"] = 2
    newer = tmp_path / "v2.json"
    newer.write_text(json.dumps(source))
    assert backend.import_catalog([newer])[0].added
    current = {s.id: s.form.version for s in backend.services("counter")}
    assert current["constancia-domiciliaria"] == 2
    source["title"]["es"] = "Cambiado sin nueva versión"
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(source))
    with pytest.raises(TamboError) as caught:
        backend.import_catalog([changed])
    assert caught.value.code == errors.CATALOG_VERSION_CHANGED
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({**source, "fee": {"kind": "fixed"}}))
    with pytest.raises(DefinitionError):
        backend.import_catalog([broken])


def test_catalog_import_is_all_or_nothing(backend, tmp_path):  # noqa: F811 - fixture
    good = json.loads((demo_catalog_dir() / "constancia-domiciliaria.json").read_text())
    good["form"]["version"] = 3
    clash = json.loads((demo_catalog_dir() / "solicitud-general.json").read_text())
    clash["title"]["es"] = "Otro contenido, versión 1"
    paths = [tmp_path / "a.json", tmp_path / "b.json"]
    paths[0].write_text(json.dumps(good))
    paths[1].write_text(json.dumps(clash))
    with pytest.raises(TamboError):
        backend.import_catalog(paths)
    assert {s.id: s.form.version for s in backend.services()}["constancia-domiciliaria"] == 1


def test_services_by_audience_and_a_catalog_imported_by_another_process(backend):  # noqa: F811 - fixture
    counter = {s.id for s in backend.services("counter")}
    kiosk = {s.id for s in backend.services("kiosk")}
    assert "licencia-funcionamiento" in counter - kiosk
    assert "encuesta-satisfaccion" in kiosk
    other = LocalBackend(Store.open_with_passphrase(backend.store.home, PASSPHRASE))
    try:
        source = json.loads((demo_catalog_dir() / "encuesta-satisfaccion.json").read_text())
        source["form"]["version"] = 2
        other.import_catalog([write_json(backend.store.home.parent / "encuesta-v2.json", source)])
    finally:
        other.close()
    assert {s.id: s.form.version for s in backend.services("kiosk")}["encuesta-satisfaccion"] == 2


def test_drafts_round_trip_and_survive_a_restart(backend, tmp_path):  # noqa: F811 - fixture
    answers = {**complaint_answers(), "_tambo": {"files": [], "pages": 2, "missing": [], "notes": "nota"}}
    draft_id = backend.save_draft(None, "libro-reclamaciones", 1, answers)
    assert (
        backend.save_draft(draft_id, "libro-reclamaciones", 1, {**answers, "nombres": "Rosita"}) == draft_id
    )
    home = backend.store.home
    backend.close()
    again = LocalBackend.open(home, PASSPHRASE)
    try:
        (draft,) = again.drafts()
        assert draft.id == draft_id
        assert draft.answers["nombres"] == "Rosita"
        assert draft.answers["_tambo"]["notes"] == "nota"
        again.delete_draft(draft_id)
        assert again.drafts() == []
    finally:
        again.close()


def test_kiosk_pin_hash_is_kept_in_the_store(backend):  # noqa: F811 - fixture
    assert backend.kiosk_pin_hash() is None
    backend.set_kiosk_pin_hash("$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA")
    assert backend.kiosk_pin_hash().startswith("$argon2id$")


def test_submission_not_found_and_by_id_or_code(backend):  # noqa: F811 - fixture
    saved = save_complaint(backend)
    assert backend.submission(saved.row.id).row.tracking_code == saved.row.tracking_code
    assert backend.submission(saved.row.tracking_code.lower()).row.id == saved.row.id
    with pytest.raises(TamboError) as caught:
        backend.submission("ZZ99-00001-X")
    assert caught.value.code == errors.REQUEST_NOT_FOUND


def test_recover_with_the_institution_key_sets_a_new_passphrase(backend, institution):  # noqa: F811
    save_complaint(backend)
    home = backend.store.home
    backend.close()
    recovered = LocalBackend.recover(home, institution.private, "clave-nueva-tras-olvido", kdf=CHEAP_KDF)
    recovered.close()
    again = LocalBackend.open(home, "clave-nueva-tras-olvido")
    assert again.count() == 1
    again.close()


def test_media_types_come_from_the_content(tmp_path):
    pdf = tmp_path / "carta.pdf"
    pdf.write_bytes(b"%PDF-1.7\n...")
    fake = tmp_path / "dni.pdf"
    fake.write_bytes(b"MZ\x90\x00 a windows program")
    text = tmp_path / "notas.txt"
    text.write_text("hola")
    assert sniff_media_type(pdf) == "application/pdf"
    assert sniff_media_type(tiny_png(tmp_path / "foto.jpg")) == "image/png"  # the name lies, the bytes do not
    assert sniff_media_type(fake) == "application/octet-stream"
    assert sniff_media_type(text) == "text/plain"
