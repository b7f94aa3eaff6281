"""DNI, RUC, carné de extranjería and e-mail: real check digits, wrong ones, lengths and letters."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.pe import cui, ruc

from shared import errors
from shared.errors import TamboError
from shared.peru.documents import (
    Dni,
    DocumentError,
    normalize_dni,
    validate_ce,
    validate_dni,
    validate_email,
    validate_ruc,
)


def _code_of(call, *args) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(DocumentError) as caught:
        call(*args)
    assert isinstance(caught.value, TamboError)
    return caught.value.code


# --- DNI ----------------------------------------------------------------------------------------------


def test_dni_without_check() -> None:
    assert validate_dni("12345678") == Dni("12345678", None)
    assert validate_dni(" 0123 4567 ").number == "01234567"


def test_dni_hand_computed_check() -> None:
    # Weights 3,2,7,6,5,4,3,2 over 12345678 sum to 138; 138 mod 11 = 6, which maps to "1" or "E".
    assert validate_dni("12345678-1") == Dni("12345678", "1")
    assert validate_dni("12345678 e") == Dni("12345678", "E")
    assert _code_of(validate_dni, "12345678-2") == errors.FIELD_INVALID_DNI_CHECK
    assert _code_of(validate_dni, "12345678-F") == errors.FIELD_INVALID_DNI_CHECK


def test_normalize_dni_keeps_the_number_only() -> None:
    assert normalize_dni("12345678") == "12345678"
    assert normalize_dni(" 1234-5678 - e ") == "12345678"
    assert str(validate_dni("12345678-1")) == "12345678"
    assert _code_of(normalize_dni, "12345678-2") == errors.FIELD_INVALID_DNI_CHECK
    assert _code_of(normalize_dni, "1234567") == errors.FIELD_INVALID_DNI


def test_dni_stdnum_documented_example() -> None:
    assert validate_dni("10117410-2").check == "2"
    assert _code_of(validate_dni, "10117410-3") == errors.FIELD_INVALID_DNI_CHECK


@given(st.text(alphabet="0123456789", min_size=8, max_size=8))
def test_dni_any_stdnum_check_character_is_accepted(number: str) -> None:
    for check in cui.calc_check_digits(number):
        assert validate_dni(f"{number}-{check}") == Dni(number, check)


@given(st.text(alphabet="0123456789", min_size=8, max_size=8), st.sampled_from("0123456789ABCDEFGHIJK"))
def test_dni_other_check_characters_are_refused(number: str, check: str) -> None:
    if check in cui.calc_check_digits(number):
        return
    assert _code_of(validate_dni, number + check) == errors.FIELD_INVALID_DNI_CHECK


@pytest.mark.parametrize(
    "text",
    ["", "1234567", "123456789-0", "1234567A", "ABCDEFGH", "12.345.678", "１２３４５６７８", "1234567#"],
)
def test_dni_bad_shapes(text: str) -> None:
    assert _code_of(validate_dni, text) == errors.FIELD_INVALID_DNI


def test_dni_non_string() -> None:
    assert _code_of(validate_dni, 12345678) == errors.FIELD_INVALID_DNI


def test_dni_message_is_spanish() -> None:
    with pytest.raises(DocumentError) as caught:
        validate_dni("123")
    assert "8 dígitos" in str(caught.value)


# --- RUC ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "20131312955",  # SUNAT: weighted sum 94, 94 mod 11 = 6, 11 - 6 = 5
        "20295613620",  # RENIEC: weighted sum 144, 144 mod 11 = 1, (11 - 1) mod 10 = 0
        "10123456781",  # person with DNI 12345678: sum 143, 143 mod 11 = 0, (11 - 0) mod 10 = 1
        "20512333797",  # stdnum's documented example
    ],
)
def test_ruc_valid(number: str) -> None:
    assert validate_ruc(number) == number
    assert validate_ruc(f" {number[:2]} {number[2:]} ") == number


@pytest.mark.parametrize("prefix", ["10", "15", "16", "17", "20"])
def test_ruc_prefixes_in_the_stable_message(prefix: str) -> None:
    body = prefix + "12345678"
    assert validate_ruc(body + ruc.calc_check_digit(body)) == body + ruc.calc_check_digit(body)


def test_ruc_wrong_check_digit() -> None:
    assert _code_of(validate_ruc, "20131312956") == errors.FIELD_INVALID_RUC_CHECK
    assert _code_of(validate_ruc, "20512333798") == errors.FIELD_INVALID_RUC_CHECK


def test_ruc_every_wrong_last_digit_is_caught() -> None:
    for digit in "0123456789":
        if digit != "5":
            assert _code_of(validate_ruc, "2013131295" + digit) == errors.FIELD_INVALID_RUC_CHECK


@pytest.mark.parametrize(
    "text",
    ["", "2013131295", "201313129550", "2013131295A", "ABCDEFGHIJK", "30131312955", "11123456781"],
)
def test_ruc_bad_shapes_and_prefixes(text: str) -> None:
    assert _code_of(validate_ruc, text) == errors.FIELD_INVALID_RUC


# --- carné de extranjería -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("001234567", "001234567"),
        ("123456789012", "123456789012"),
        ("ab-123 4567", "AB1234567"),
        ("  000123456  ", "000123456"),
    ],
)
def test_ce_valid(text: str, expected: str) -> None:
    assert validate_ce(text) == expected


@pytest.mark.parametrize("text", ["", "12345678", "1234567890123", "12345678Ñ", "1234.56789", "12345678_"])
def test_ce_invalid(text: str) -> None:
    assert _code_of(validate_ce, text) == errors.FIELD_INVALID_CE


# --- e-mail -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("vecino@gmail.com", "vecino@gmail.com"),
        ("  Maria.Quispe@Munipuno.GOB.PE ", "Maria.Quispe@munipuno.gob.pe"),
        ("a+tramites@sub.example.org", "a+tramites@sub.example.org"),
        ("x_y-z@mi-dominio.pe", "x_y-z@mi-dominio.pe"),
    ],
)
def test_email_valid(text: str, expected: str) -> None:
    assert validate_email(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "vecino",
        "vecino@",
        "@gmail.com",
        "vecino@gmail",
        "vecino@@gmail.com",
        "vec ino@gmail.com",
        "vecino@gmail..com",
        ".vecino@gmail.com",
        "vecino.@gmail.com",
        "vecino@-gmail.com",
        "vecino@gmail.c",
        "vecino@gmail.123",
        "vecino@gmail,com",
        "peñ@gmail.com",
        "a" * 65 + "@gmail.com",
        "a@" + "b" * 250 + ".com",
    ],
)
def test_email_invalid(text: str) -> None:
    assert _code_of(validate_email, text) == errors.FIELD_INVALID_EMAIL


def test_email_non_string() -> None:
    assert _code_of(validate_email, None) == errors.FIELD_INVALID_EMAIL
