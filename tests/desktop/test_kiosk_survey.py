"""The satisfaction survey is a submission like any other: the same outbox the sync engine pushes,
sealed to the institution and signed by the device, with ``channel="kiosk"``; a survey sent without a
rating is refused in words and stores nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.i18n import translations
from desktop.ops.backend import LocalBackend
from desktop.store import identity, outbox
from shared.protocol import Envelope
from shared.submission import open_submission, verify_envelope
from tests.desktop.test_kiosk_support import open_kiosk, touch
from tests.desktop.test_store_support import CHEAP_KDF, PASSPHRASE, Institution, save_complaint

SURVEY = "encuesta-satisfaccion"


@pytest.fixture
def institution() -> Institution:
    return Institution()


@pytest.fixture
def backend(tmp_path: Path, institution: Institution, qapp):
    """A kiosk's store enrolled with ``institution``, whose private key the test keeps (the server's)."""
    store = LocalBackend.open(tmp_path / "kiosk-home", PASSPHRASE, kdf=CHEAP_KDF)
    store.enroll(institution.ticket())
    yield store
    store.close()
    translations().set_language("es")


def test_the_survey_goes_to_the_outbox_sealed_and_signed_like_a_filed_request(qtbot, backend, institution):
    complaint = save_complaint(backend, "Rosa", "45781236")  # filed earlier; still waiting to be sent
    window = open_kiosk(qtbot, backend)
    touch(qtbot, window.welcome.survey_tile)
    survey = window.flow.survey
    assert window.current_screen() is survey

    # nothing chosen: refused with words, nothing stored
    touch(qtbot, survey.send_button)
    assert survey.status.text().startswith("⚠")
    assert backend.count() == 1

    # from the welcome tile the procedure is asked (after a receipt it is already known)
    servicio = survey.form_view.row("servicio")
    assert servicio.isVisibleTo(survey)
    touch(qtbot, next(b for _, b in servicio.editor.buttons if b.text().endswith("Libro de reclamaciones")))
    touch(qtbot, survey.form_view.row("calificacion").editor.buttons[3][1])
    with qtbot.waitSignal(window.session_did_wipe, timeout=20_000):
        touch(qtbot, survey.send_button)
    assert backend.count() == 2

    items = backend.store.read(outbox.pending)
    envelopes = [Envelope.model_validate_json(item.envelope) for item in items]
    assert [e.service_id for e in envelopes] == ["libro-reclamaciones", SURVEY]  # one queue, in order
    assert envelopes[0].id == complaint.row.id
    device = backend.store.read(identity.load_identity)
    for envelope in envelopes:  # what the server checks before storing anything
        verify_envelope(envelope, device.device_key.public_key())
        assert envelope.institution_id == institution.id
        assert envelope.device_id == device.device_id
    rating = open_submission(envelopes[1], institution.private)
    assert rating.channel == "kiosk"
    assert rating.received_by.startswith("Quiosco")
    assert dict(rating.answers) == {"servicio": "libro-reclamaciones", "calificacion": "4"}
    assert envelopes[1].device_seq == envelopes[0].device_seq + 1
