"""The local list's search: by tracking code, ID number or name; accents and case do not matter."""

from __future__ import annotations

import pytest

from desktop.ops.api import NewSubmission
from desktop.store.submissions import fold, search_plan
from tests.desktop.test_store_support import (
    backend,  # noqa: F401 - fixture
    institution,  # noqa: F401 - fixture
    save_complaint,
)


def general_request(**answers) -> NewSubmission:
    base = {
        "domicilio": "Jr. Lima 123",
        "distrito": "210101",
        "celular": "987654321",
        "oficina_destino": "rentas",
        "asunto": "Consulta",
        "pedido": "Solicito información.",
    }
    return NewSubmission("solicitud-general", 1, {**base, **answers}, pages=1, received_by="Ana")


@pytest.fixture
def filled(backend):  # noqa: F811 - fixture
    saved = {
        "rosa": save_complaint(backend, "Rosa", "45781236"),
        "nunez": save_complaint(backend, "José", "40000001", answers={"apellidos": "Núñez Pérez"}),
        "maria": save_complaint(backend, "María Elena", "40000002", answers={"apellidos": "Quispe"}),
        "ce": backend.save_submission(
            general_request(tipo_documento="ce", ce="001234567", nombres="Ana", apellidos="Lindqvist")
        ),
        "ruc": backend.save_submission(
            general_request(
                tipo_documento="ruc", ruc="20131312955", razon_social="Agroexport Sacsayhuamán SAC"
            )
        ),
    }
    return backend, saved


def codes(opened, text: str) -> list[str]:
    return [row.tracking_code for row in opened.search(text)]


def test_search_by_tracking_code_forgives_case_spaces_and_look_alikes(filled):
    opened, saved = filled
    code = saved["maria"].row.tracking_code  # AB12-00003-x
    assert codes(opened, code) == [code]
    assert codes(opened, code.lower()) == [code]
    assert codes(opened, code.replace("-", " ")) == [code]
    assert codes(opened, code.replace("0", "O")) == [code]  # O read as zero
    assert codes(opened, code[:7]) == codes(opened, "")  # a partial code: every code of this device
    assert opened.count(code) == 1


def test_search_by_id_number_whole_or_its_start(filled):
    opened, saved = filled
    assert codes(opened, "45781236") == [saved["rosa"].row.tracking_code]
    assert codes(opened, "4578 1236") == [saved["rosa"].row.tracking_code]
    assert set(codes(opened, "4000000")) == {
        saved["nunez"].row.tracking_code,
        saved["maria"].row.tracking_code,
    }
    assert codes(opened, "001234567") == [saved["ce"].row.tracking_code]  # filed with a carné
    assert codes(opened, "20131312955") == [saved["ruc"].row.tracking_code]


def test_search_by_name_ignores_accents_and_case(filled):
    opened, saved = filled
    nunez = saved["nunez"].row.tracking_code
    for text in ("nunez", "NÚÑEZ", "Nuñez", "jose perez", "PÉREZ jos"):
        assert codes(opened, text) == [nunez], text
    assert codes(opened, "quispe") == [saved["maria"].row.tracking_code, saved["rosa"].row.tracking_code]
    assert codes(opened, "sacsayhuaman") == [saved["ruc"].row.tracking_code]  # a company, by razón social
    assert codes(opened, "lindqvist ana") == [saved["ce"].row.tracking_code]
    assert codes(opened, "zzzz") == []
    assert opened.count("quispe") == 2


def test_newest_first_and_paging(filled):
    opened, saved = filled
    everything = codes(opened, "")
    assert everything == sorted(everything, reverse=True)  # serials grow with time
    assert len(everything) == opened.count() == 5
    first, second = opened.search("", limit=2), opened.search("", limit=2, offset=2)
    assert [r.tracking_code for r in first + second] == everything[:4]
    assert [r.tracking_code for r in opened.search("quispe", limit=1, offset=1)] == [
        saved["rosa"].row.tracking_code
    ]


def test_rows_carry_what_the_list_shows(filled):
    opened, _saved = filled
    (row,) = opened.search("45781236")
    assert row.applicant_name == "Rosa Quispe Mamani"
    assert row.service_title == "Libro de reclamaciones"
    assert row.sync_state == "pending"
    assert row.last_status is None
    assert row.filed_at.utcoffset() is not None
    (company,) = opened.search("20131312955")
    assert company.applicant_name == "Agroexport Sacsayhuamán SAC"


def test_search_plan_and_fold():
    assert fold("Ñuñoa PÉREZ") == "nunoa perez"
    assert search_plan("") == ("all", None)
    assert search_plan("   ") == ("all", None)
    assert search_plan("José  Pérez")[1] == '"jose"* "perez"*'
    assert search_plan("4578-1236") == ("match", '"45781236"*')
    assert search_plan('x" OR 1') == ("match", '"x"* "or"* "1"*')  # quotes cannot escape the query
