"""Peruvian identity documents and e-mail addresses, checked and normalised.

Each validator returns the canonical form to store (so the same DNI typed with or without a hyphen is
stored once) or raises :class:`DocumentError` with a stable FIELD_* code the clerk sees in Spanish.
Check digits come from ``python-stdnum`` (``stdnum.pe.cui`` for the DNI, ``stdnum.pe.ruc`` for the RUC)
rather than from our own arithmetic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from stdnum.pe import cui, ruc

from shared import errors
from shared.errors import TamboError

# SUNAT prefixes: 10 persons with DNI, 15/16/17 other natural persons and estates, 20 legal persons.
# stdnum only knows 10/15/17/20; the stable message for FIELD_INVALID_RUC promises 16 as well.
RUC_PREFIXES = frozenset({"10", "15", "16", "17", "20"})

_SEPARATORS = re.compile(r"[\s\-]+")
_DNI = re.compile(r"^([0-9]{8})([0-9A-Z]?)$")
_RUC = re.compile(r"^[0-9]{11}$")
_CE = re.compile(r"^[0-9A-Z]{9,12}$")
_EMAIL_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
_DOMAIN_LABEL = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
_TLD = re.compile(r"^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$")


class DocumentError(TamboError):
    """An identity document or e-mail that does not pass its check; ``code`` is a FIELD_* code."""


@dataclass(frozen=True, slots=True)
class Dni:
    """A DNI: its 8-digit number and, when it was typed, the check character printed on the card.

    A dataclass rather than a bare string so the verified check character can still be shown back
    (on a receipt, say) without being confused with the number; ``str()`` gives the number alone.
    """

    number: str
    check: str | None = None

    def __str__(self) -> str:
        return self.number


def _compact(text: object, code: str) -> str:
    if not isinstance(text, str):
        raise DocumentError(code)
    return _SEPARATORS.sub("", text).upper()


def validate_dni(text: str) -> Dni:
    """A DNI from ``"12345678"``, ``"12345678-9"`` or ``"12345678 K"``.

    The check character (a digit or a letter on the card) is optional; when present it must match,
    which catches most mistyped digits (FIELD_INVALID_DNI_CHECK). Anything else that is not 8 digits
    is FIELD_INVALID_DNI.
    """
    compact = _compact(text, errors.FIELD_INVALID_DNI)
    match = _DNI.match(compact)
    if match is None:
        raise DocumentError(errors.FIELD_INVALID_DNI)
    number, check = match.group(1), match.group(2) or None
    if check is not None and check not in cui.calc_check_digits(number):
        raise DocumentError(errors.FIELD_INVALID_DNI_CHECK)
    return Dni(number, check)


def normalize_dni(text: str) -> str:
    """The 8-digit number to store and compare, from any accepted spelling of a DNI.

    It validates like :func:`validate_dni` (same errors) and then drops the check character: the
    character only guards against typos at entry, while the number alone identifies the person, so
    ``"12345678"`` and ``"12345678-1"`` must be stored as the same key.
    """
    return validate_dni(text).number


def validate_ruc(text: str) -> str:
    """An 11-digit RUC with a known prefix (FIELD_INVALID_RUC) and a matching mod-11 check digit
    (FIELD_INVALID_RUC_CHECK)."""
    compact = _compact(text, errors.FIELD_INVALID_RUC)
    if not _RUC.match(compact) or compact[:2] not in RUC_PREFIXES:
        raise DocumentError(errors.FIELD_INVALID_RUC)
    if compact[-1] != ruc.calc_check_digit(compact[:10]):
        raise DocumentError(errors.FIELD_INVALID_RUC_CHECK)
    return compact


def validate_ce(text: str) -> str:
    """A carné de extranjería, softly checked: 9 to 12 letters or digits once spaces and hyphens go.

    Migraciones has issued several formats over the years and publishes no check algorithm, so only the
    shape is checked (FIELD_INVALID_CE).
    """
    compact = _compact(text, errors.FIELD_INVALID_CE)
    if not _CE.match(compact):
        raise DocumentError(errors.FIELD_INVALID_CE)
    return compact


def validate_email(text: str) -> str:
    """A pragmatic e-mail check: ``local@domain.tld`` in plain ASCII, domain lower-cased.

    Deliberately stricter than RFC 5322 (no quoted local parts, comments or IP literals): the address
    is for notifying a citizen, and odd forms are far more often typos than real mailboxes. The local
    part keeps its case, since some servers distinguish it.
    """
    if not isinstance(text, str):
        raise DocumentError(errors.FIELD_INVALID_EMAIL)
    address = text.strip()
    local, at, domain = address.rpartition("@")
    if not at or len(address) > 254 or len(local) > 64 or not _EMAIL_LOCAL.match(local):
        raise DocumentError(errors.FIELD_INVALID_EMAIL)
    domain = domain.lower()
    labels = domain.split(".")
    if (
        len(domain) > 253
        or len(labels) < 2
        or not all(_DOMAIN_LABEL.match(label) for label in labels)
        or not _TLD.match(labels[-1])
    ):
        raise DocumentError(errors.FIELD_INVALID_EMAIL)
    return f"{local}@{domain}"
