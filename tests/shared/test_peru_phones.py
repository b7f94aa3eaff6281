"""Phone numbers: Peruvian mobiles and landlines in any common format end up in E.164."""

from __future__ import annotations

import pytest

from shared import errors
from shared.errors import TamboError
from shared.peru.phones import PhoneError, validate_phone


@pytest.mark.parametrize(
    "text",
    ["987654321", "987 654 321", "987-654-321", "+51 987 654 321", "+51987654321", "0051987654321"],
)
def test_mobile_formats(text: str) -> None:
    assert validate_phone(text) == "+51987654321"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01 4567890", "+5114567890"),  # Lima: area code 1, 7-digit number
        ("(01) 456-7890", "+5114567890"),
        ("+51 1 4567890", "+5114567890"),
        ("084 234567", "+5184234567"),  # Cusco: area code 84, 6-digit number
        ("(084) 23-4567", "+5184234567"),
        ("054 234567", "+5154234567"),  # Arequipa
        ("051 351234", "+5151351234"),  # Puno: area code 51, 6-digit number
        ("(051) 35-1234", "+5151351234"),
        ("+51 51 351234", "+5151351234"),
    ],
)
def test_landlines_with_area_code(text: str, expected: str) -> None:
    assert validate_phone(text) == expected


def test_foreign_number_written_with_country_code() -> None:
    assert validate_phone("+1 202 555 0123") == "+12025550123"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "98765432",  # a mobile has 9 digits
        "9876543210",
        "887654321",  # 9 digits not starting with 9
        "4567890",  # landline without area code
        "051 35123",  # Puno landline one digit short
        "+51 98765432",  # mobile one digit short, with country code
        "123",
        "98765432A",  # letters would be read as keypad digits by phonenumbers
        "9876-FLOWER",
        "+99 987654321",  # no such country code
        "teléfono",
    ],
)
def test_invalid(text: str) -> None:
    with pytest.raises(PhoneError) as caught:
        validate_phone(text)
    assert isinstance(caught.value, TamboError)
    assert caught.value.code == errors.FIELD_INVALID_PHONE


def test_non_string() -> None:
    with pytest.raises(PhoneError):
        validate_phone(987654321)  # type: ignore[arg-type]
