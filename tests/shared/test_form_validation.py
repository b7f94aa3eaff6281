"""Validating answers: types, skip logic, constraints, calculations, repeats, all errors at once."""

from __future__ import annotations

from datetime import date

import pytest

from shared import errors
from shared.forms import load_service, validate_answers
from tests.shared.form_samples import PDF, SAMPLE, VALID_DNI, good_answers

FORM = load_service(SAMPLE).form
TODAY = date(2026, 11, 22)


def check(answers):
    return validate_answers(FORM, answers, today=TODAY)


def codes(result) -> dict[str, str]:
    return {e.path: e.code for e in result.errors}


def test_good_answers_are_cleaned_and_normalised():
    result = check(good_answers())
    assert result.ok, [e.to_dict() for e in result.errors]
    cleaned = result.cleaned
    assert cleaned["nombres"] == "Rosa Mamani Quispe"
    assert cleaned["edad"] == 34
    assert cleaned["area"] == 12.5
    assert cleaned["celular"] == "+51987654321"
    assert cleaned["dni"] == VALID_DNI
    assert cleaned["testigos"] == [{"testigo_nombre": "Juan", "testigo_edad": 40, "testigo_mayor": True}]
    assert cleaned["total_testigos"] == 1
    assert "ce" not in cleaned
    assert "ruc" not in cleaned
    assert "partida" not in cleaned


def test_hidden_fields_are_neither_validated_nor_stored():
    answers = good_answers() | {"ruc": "no es un ruc", "partida": "xx"}
    result = check(answers)
    assert result.ok
    assert "ruc" not in result.cleaned
    assert "partida" not in result.cleaned


def test_relevant_field_becomes_required_when_shown():
    answers = good_answers() | {"tipo_doc": "ruc"}
    del answers["dni"]
    result = check(answers)
    assert codes(result) == {"ruc": errors.FIELD_REQUIRED}
    assert "dni" not in result.cleaned


def test_all_errors_at_once_in_document_order():
    answers = good_answers() | {
        "dni": "1234",
        "edad": "diez",
        "fecha": "2026-02-30",
        "acepta": False,
        "celular": "12345",
        "distrito": "999999",
        "documentos": ["dni", "pasaporte"],
    }
    result = check(answers)
    assert [e.path for e in result.errors] == [
        "dni",
        "edad",
        "fecha",
        "documentos",
        "acepta",
        "celular",
        "distrito",
    ]
    assert codes(result) == {
        "dni": errors.FIELD_INVALID_DNI,
        "edad": errors.FIELD_NOT_A_NUMBER,
        "fecha": errors.FIELD_INVALID_DATE,
        "documentos": errors.FIELD_INVALID_CHOICE,
        "acepta": errors.FIELD_CONSTRAINT,
        "celular": errors.FIELD_INVALID_PHONE,
        "distrito": errors.FIELD_INVALID_UBIGEO,
    }
    assert all(e.message() for e in result.errors)


def test_constraint_message_comes_from_the_definition():
    result = check(good_answers() | {"edad": 15})
    [error] = result.errors
    assert error.code == errors.FIELD_CONSTRAINT
    assert error.message() == "Debe ser mayor de edad."
    assert error.message("en") == "Must be an adult."


def test_range_and_integer_checks():
    assert codes(check(good_answers() | {"edad": 150})) == {"edad": errors.FIELD_OUT_OF_RANGE}
    assert codes(check(good_answers() | {"edad": "20.5"})) == {"edad": errors.FIELD_NOT_AN_INTEGER}
    assert codes(check(good_answers() | {"edad": True})) == {"edad": errors.FIELD_NOT_A_NUMBER}


def test_date_constraint_uses_the_filing_day():
    assert codes(check(good_answers() | {"fecha": "2026-11-23"})) == {"fecha": errors.FIELD_CONSTRAINT}
    assert check(good_answers() | {"fecha": "2026-11-22"}).ok


def test_required_expression():
    answers = good_answers()
    del answers["celular"]
    assert codes(check(answers)) == {"celular": errors.FIELD_REQUIRED}
    assert check(answers | {"correo": "rosa@example.pe"}).ok


def test_group_relevance_shows_its_children():
    answers = good_answers() | {"documentos": ["plano"]}
    assert codes(check(answers)) == {"partida": errors.FIELD_REQUIRED}
    assert codes(check(answers | {"partida": "1234"})) == {"partida": errors.FIELD_CONSTRAINT}
    assert check(answers | {"partida": "12345678"}).cleaned["partida"] == "12345678"


def test_repeat_instances_are_checked_with_indexed_paths():
    answers = good_answers() | {
        "testigos": [{"testigo_nombre": "Ana", "testigo_edad": 30}, {"testigo_edad": 12}]
    }
    result = check(answers)
    assert codes(result) == {
        "testigos[1].testigo_nombre": errors.FIELD_REQUIRED,
        "testigos[1].testigo_edad": errors.FIELD_CONSTRAINT,
    }
    assert result.cleaned["total_testigos"] == 1  # count() of non-empty names across instances
    assert result.cleaned["testigos"][1]["testigo_mayor"] is False


def test_repeat_count_limits():
    four = [{"testigo_nombre": f"T{i}"} for i in range(4)]
    assert codes(check(good_answers() | {"testigos": four})) == {"testigos": errors.FIELD_REPEAT_COUNT}
    assert codes(check(good_answers() | {"testigos": "Juan"})) == {"testigos": errors.FIELD_TYPE}


def test_unknown_answer_is_reported():
    assert codes(check(good_answers() | {"nombre": "typo"})) == {"nombre": errors.FIELD_UNKNOWN}
    answers = good_answers()
    answers["testigos"] = [{"testigo_nombre": "Juan", "apodo": "x"}]
    assert codes(check(answers)) == {"testigos[0].apodo": errors.FIELD_UNKNOWN}


def test_calculated_value_from_the_device_is_recomputed():
    result = check(good_answers() | {"total_testigos": 99})
    assert result.ok
    assert result.cleaned["total_testigos"] == 1


def test_attachments_checked_against_the_form():
    too_big = PDF | {"size": 2 * 1024 * 1024}
    wrong_type = PDF | {"media_type": "application/zip"}
    assert codes(check(good_answers() | {"adjuntos": [too_big]})) == {
        "adjuntos": errors.FIELD_ATTACHMENT_TOO_LARGE
    }
    assert codes(check(good_answers() | {"adjuntos": [wrong_type]})) == {
        "adjuntos": errors.FIELD_ATTACHMENT_TYPE
    }
    assert codes(check(good_answers() | {"adjuntos": [PDF, PDF, PDF]})) == {
        "adjuntos": errors.FIELD_ATTACHMENT_COUNT
    }
    assert codes(check(good_answers() | {"adjuntos": [{"sha256": "zz"}]})) == {"adjuntos": errors.FIELD_TYPE}


def test_note_cannot_carry_an_answer():
    assert codes(check(good_answers() | {"aviso": "hola"})) == {"aviso": errors.FIELD_READ_ONLY}


def test_text_length_limits():
    assert codes(check(good_answers() | {"nombres": "x" * 61})) == {"nombres": errors.FIELD_TOO_LONG}
    assert codes(check(good_answers() | {"detalle": "abc"})) == {"detalle": errors.FIELD_TOO_SHORT}


def test_yes_no_accepts_spanish_words():
    assert check(good_answers() | {"acepta": "sí"}).cleaned["acepta"] is True
    assert codes(check(good_answers() | {"acepta": "quizás"})) == {"acepta": errors.FIELD_TYPE}


def test_non_object_answers():
    result = validate_answers(FORM, ["no", "es", "objeto"])  # type: ignore[arg-type]
    assert [e.code for e in result.errors] == [errors.FIELD_TYPE]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_error_dict_shape(lang):
    result = check(good_answers() | {"edad": "x"})
    assert result.errors[0].to_dict(lang)["code"] == errors.FIELD_NOT_A_NUMBER
    assert result.errors[0].to_dict(lang)["message"] == errors.message(errors.FIELD_NOT_A_NUMBER, lang)
