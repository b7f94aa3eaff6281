"""Turning raw answers (JSON from a device, a kiosk or a CLI file) into typed, normalised values.

Each field type has one coercer. A coercer returns the typed value used by expressions (``date`` for a
date, ``int`` for an integer...) or raises :class:`ValueProblem` with a stable error code. Values are
normalised so that two clerks typing the same DNI with and without spaces store the same thing.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date
from typing import Any

from shared import errors
from shared.errors import TamboError
from shared.forms.model import Field
from shared.peru import documents, phones, ubigeo

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
DEFAULT_MAX_LENGTH = {"text": 255, "long_text": 10_000}
_YES = {"yes", "si", "sí", "true", "1"}
_NO = {"no", "false", "0"}


class ValueProblem(Exception):
    """A raw answer that does not fit its field; carries the stable code and message parameters."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or (isinstance(value, str) and not value.strip())


def coerce(field: Field, raw: Any) -> Any:
    """The typed value of ``raw`` for ``field`` (None when empty); raises ValueProblem."""
    if is_empty(raw):
        return None
    return _COERCERS[field.type](field, raw)


def to_json(field: Field, value: Any) -> Any:
    """The JSON form of a typed value, as it is stored and sealed."""
    if isinstance(value, date):
        return value.isoformat()
    return value


def _text(field: Field, raw: Any) -> str:
    if not isinstance(raw, str):
        raise ValueProblem(errors.FIELD_TYPE, expected="texto")
    value = raw.strip()
    if field.type == "text":
        value = " ".join(value.split())
    limit = field.max_length or DEFAULT_MAX_LENGTH[field.type]
    if len(value) > limit:
        raise ValueProblem(errors.FIELD_TOO_LONG, max=limit)
    if field.min_length is not None and len(value) < field.min_length:
        raise ValueProblem(errors.FIELD_TOO_SHORT, min=field.min_length)
    return value


def _number(raw: Any) -> float | int:
    if isinstance(raw, bool):
        raise ValueProblem(errors.FIELD_NOT_A_NUMBER)
    if isinstance(raw, int | float):
        value = raw
    elif isinstance(raw, str):
        text = raw.strip().replace(" ", "")
        if text.count(",") == 1 and "." not in text:
            text = text.replace(",", ".")  # "12,5" is how many Peruvians write a decimal
        try:
            value = float(text) if any(c in text for c in ".eE") else int(text)
        except ValueError:
            raise ValueProblem(errors.FIELD_NOT_A_NUMBER) from None
    else:
        raise ValueProblem(errors.FIELD_NOT_A_NUMBER)
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueProblem(errors.FIELD_NOT_A_NUMBER)
    return value


def _check_range(field: Field, value: float) -> None:
    low = field.min if field.min is not None else -math.inf
    high = field.max if field.max is not None else math.inf
    if not low <= value <= high:
        raise ValueProblem(errors.FIELD_OUT_OF_RANGE, min=_fmt(field.min, "−∞"), max=_fmt(field.max, "∞"))


def _fmt(number: float | None, missing: str) -> str:
    if number is None:
        return missing
    return str(int(number)) if float(number).is_integer() else str(number)


def _integer(field: Field, raw: Any) -> int:
    value = _number(raw)
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueProblem(errors.FIELD_NOT_AN_INTEGER)
        value = int(value)
    _check_range(field, value)
    return value


def _decimal(field: Field, raw: Any) -> float:
    value = float(_number(raw))
    _check_range(field, value)
    return value


def _date(field: Field, raw: Any) -> date:
    if isinstance(raw, date):
        return raw
    if not isinstance(raw, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw.strip()):
        raise ValueProblem(errors.FIELD_INVALID_DATE)
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        raise ValueProblem(errors.FIELD_INVALID_DATE) from None


def _choice(field: Field, raw: Any) -> str:
    if not isinstance(raw, str):
        raise ValueProblem(errors.FIELD_TYPE, expected="una opción de la lista")
    if raw not in {c.value for c in field.choices}:
        raise ValueProblem(errors.FIELD_INVALID_CHOICE, value=raw)
    return raw


def _choices(field: Field, raw: Any) -> list[str]:
    items = raw.split() if isinstance(raw, str) else raw  # ODK sends "a b c"; we prefer lists
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        raise ValueProblem(errors.FIELD_TYPE, expected="una lista de opciones")
    allowed = {c.value for c in field.choices}
    for item in items:
        if item not in allowed:
            raise ValueProblem(errors.FIELD_INVALID_CHOICE, value=item)
    return list(dict.fromkeys(items))


def _yes_no(field: Field, raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and raw.strip().lower() in _YES | _NO:
        return raw.strip().lower() in _YES
    raise ValueProblem(errors.FIELD_TYPE, expected="sí o no")


def _via(check: Callable[[str], Any]) -> Callable[[Field, Any], Any]:
    """Adapt a validator from ``shared.peru`` that raises TamboError into a coercer."""

    def coercer(field: Field, raw: Any) -> Any:
        if not isinstance(raw, str | int) or isinstance(raw, bool):
            raise ValueProblem(errors.FIELD_TYPE, expected="texto")
        try:
            return check(str(raw))
        except TamboError as exc:
            raise ValueProblem(exc.code, **exc.params) from None

    return coercer


def _ubigeo(field: Field, raw: Any) -> str:
    return _via(lambda text: ubigeo.validate_ubigeo(text, field.level))(field, raw)


def _attachments(field: Field, raw: Any) -> list[dict[str, Any]]:
    items = [raw] if isinstance(raw, dict) else raw
    if not isinstance(items, list):
        raise ValueProblem(errors.FIELD_TYPE, expected="archivos adjuntos")
    if len(items) > field.max_files:
        raise ValueProblem(errors.FIELD_ATTACHMENT_COUNT, max=field.max_files)
    cleaned = []
    for item in items:
        if (
            not isinstance(item, dict)
            or not _SHA256.match(str(item.get("sha256", "")))
            or not isinstance(item.get("size"), int)
            or isinstance(item.get("size"), bool)
            or item["size"] < 0
            or not isinstance(item.get("media_type"), str)
        ):
            raise ValueProblem(errors.FIELD_TYPE, expected="archivo con sha256, size y media_type")
        if field.accept and item["media_type"] not in field.accept:
            raise ValueProblem(
                errors.FIELD_ATTACHMENT_TYPE, media_type=item["media_type"], allowed=", ".join(field.accept)
            )
        if field.max_size_mb is not None and item["size"] > field.max_size_mb * 1024 * 1024:
            raise ValueProblem(
                errors.FIELD_ATTACHMENT_TOO_LARGE,
                size_mb=round(item["size"] / 1048576, 1),
                max_mb=_fmt(field.max_size_mb, ""),
            )
        name = str(item.get("name", ""))[:255]
        cleaned.append(
            {"sha256": item["sha256"], "size": item["size"], "media_type": item["media_type"], "name": name}
        )
    return cleaned


def _valueless(field: Field, raw: Any) -> None:
    raise ValueProblem(errors.FIELD_READ_ONLY)


def _dni(text: str) -> str:
    return documents.validate_dni(text).number


_COERCERS: dict[str, Callable[[Field, Any], Any]] = {
    "text": _text,
    "long_text": _text,
    "integer": _integer,
    "decimal": _decimal,
    "date": _date,
    "select_one": _choice,
    "select_multiple": _choices,
    "yes_no": _yes_no,
    "email": _via(documents.validate_email),
    "phone": _via(phones.validate_phone),
    "dni": _via(_dni),
    "ruc": _via(documents.validate_ruc),
    "ce": _via(documents.validate_ce),
    "ubigeo": _ubigeo,
    "attachment": _attachments,
    "note": _valueless,
    "group": _valueless,
}
