"""Phone numbers, stored in E.164 (``+51987654321``) so that any format a clerk types matches later.

Numbers typed without a country code are read as Peruvian: a mobile is 9 digits starting with 9, a
landline carries its area code (1 for Lima, two digits such as 84 for Cusco, with or without the
leading 0). A number written with ``+`` and a country code may be foreign: foreign residents file
procedures too. Validity comes from the ``phonenumbers`` metadata (Google's libphonenumber).
"""

from __future__ import annotations

import re

import phonenumbers

from shared import errors
from shared.errors import TamboError

# phonenumbers turns letters into digits ("1-800-FLOWERS"); a citizen's phone never has letters.
_ALLOWED = re.compile(r"^\+?[0-9\s().\-/]+$")


class PhoneError(TamboError):
    """A phone number that is not valid; ``code`` is FIELD_INVALID_PHONE."""


def validate_phone(text: str) -> str:
    """The E.164 form of ``text`` (Peru by default); FIELD_INVALID_PHONE when it is not a real number."""
    if not isinstance(text, str) or not _ALLOWED.match(text.strip()):
        raise PhoneError(errors.FIELD_INVALID_PHONE)
    try:
        number = phonenumbers.parse(text.strip(), "PE")
    except phonenumbers.NumberParseException:
        raise PhoneError(errors.FIELD_INVALID_PHONE) from None
    if not phonenumbers.is_valid_number(number):
        raise PhoneError(errors.FIELD_INVALID_PHONE)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
