"""Who filed a submission, read from its answers: for the receipt, the local list and the search.

Form fields mark the parts of the applicant's identity (``applicant``: ``id_type``, ``id_number``,
``name``, ``phone``, ``email``, ``contact``, ``address``). Two conventions of the catalog complete them:

* the ``id_type`` choice names the field holding the number (``dni``, ``ce``, ``ruc``, ``pasaporte``),
  so a citizen who files with a carné de extranjería is found by that number, not by an empty DNI;
* the ``name`` field (``nombres``, ``c1_nombres``) is followed by its ``apellidos`` sibling; a company,
  whose personal names are hidden, is named by ``razon_social`` (or ``nombre_comercial``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from shared.forms import FormVersion

_TYPE_LABELS = {"dni": "DNI", "ruc": "RUC", "ce": "Carné de extranjería"}
_COMPANY_NAMES = ("razon_social", "nombre_comercial")


@dataclass(frozen=True, slots=True)
class Applicant:
    name: str
    id_type: str
    id_number: str
    contact: str


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def applicant_of(form: FormVersion, answers: Mapping[str, Any]) -> Applicant:
    """The applicant of ``answers`` (cleaned answers of ``form``); empty strings for what is unknown."""
    by_role = {f.applicant: f for f in form.walk() if f.applicant}
    id_type, id_number = "", ""
    type_field = by_role.get("id_type")
    chosen = _text(answers.get(type_field.name)) if type_field else ""
    if chosen and chosen in form.fields_by_name and _text(answers.get(chosen)):
        number_field = form.field(chosen)
        id_number = _text(answers.get(chosen))
        id_type = _TYPE_LABELS.get(number_field.type) or (
            type_field.choice_label(chosen) if type_field else ""
        )
    elif (number_field := by_role.get("id_number")) is not None and _text(answers.get(number_field.name)):
        id_number = _text(answers.get(number_field.name))
        id_type = _TYPE_LABELS.get(number_field.type, "Documento")

    name = ""
    name_field = by_role.get("name")
    if name_field is not None and _text(answers.get(name_field.name)):
        name = _text(answers.get(name_field.name))
        surnames = name_field.name.replace("nombres", "apellidos")
        if surnames != name_field.name and _text(answers.get(surnames)):
            name = f"{name} {_text(answers.get(surnames))}"
    if not name:
        name = next((_text(answers.get(key)) for key in _COMPANY_NAMES if _text(answers.get(key))), "")

    contacts = [
        _text(answers.get(by_role[role].name))
        for role in ("phone", "email", "contact")
        if role in by_role and _text(answers.get(by_role[role].name))
    ]
    return Applicant(name, id_type, id_number, " · ".join(contacts))
