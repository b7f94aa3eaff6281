"""Between a field of a service definition (JSON) and the plain HTML form that edits it.

An admin edits one field at a time with ordinary inputs: labels in each language, a type, a
"required" that is yes, no or an expression, skip logic (``relevant``), a constraint and its message,
choices as lines ``valor | etiqueta es | etiqueta qu | etiqueta en``. Empty inputs leave their key
out, so the definition stays as small as a hand-written one. Whether the result makes sense (names,
expressions, references) is judged by ``load_service`` on the whole definition, which reports every
problem with its JSON path.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, get_args

from shared.forms.model import FieldType

LANGS = ("es", "qu", "en")
TEXT_KEYS = ("label", "hint", "required_message", "constraint_message")
EXPRESSION_KEYS = ("relevant", "constraint", "calculation")
INT_KEYS = ("min_length", "max_length", "max_files", "min_repeat", "max_repeat")
NUMBER_KEYS = ("min", "max", "max_size_mb")
FLAG_KEYS = ("read_only", "sensitive")
CHOICE_KEYS = ("appearance", "applicant", "level")
FIELD_TYPES: tuple[str, ...] = get_args(FieldType)
CONTAINERS = ("group", "repeat")
APPLICANT_ROLES = ("id_type", "id_number", "name", "contact", "email", "phone", "address")
APPEARANCES = ("dropdown", "buttons", "tiles")
LEVELS = ("department", "province", "district")


class FieldFormError(ValueError):
    """An input that cannot even be put into JSON (a number that is not one)."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


def choices_text(choices: list[Mapping[str, Any]] | None) -> str:
    lines = []
    for choice in choices or []:
        label = choice.get("label", {})
        parts = [str(choice.get("value", ""))] + [label.get(lang, "") for lang in LANGS]
        while parts and not parts[-1]:
            parts.pop()
        lines.append(" | ".join(parts))
    return "\n".join(lines)


def parse_choices(text: str) -> list[dict[str, Any]]:
    choices = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split("|")]
        value = parts[0]
        if not value:
            raise FieldFormError("opciones", f"la línea {number} no tiene valor")
        labels = {lang: text for lang, text in zip(LANGS, parts[1:], strict=False) if text}
        choices.append({"value": value, "label": labels or {"es": value}})
    return choices


def to_form(field: Mapping[str, Any]) -> dict[str, str]:
    """The inputs' values for editing ``field``."""
    values: dict[str, str] = {"name": str(field.get("name", "")), "type": str(field.get("type", "text"))}
    for key in TEXT_KEYS:
        for lang in LANGS:
            values[f"{key}_{lang}"] = str((field.get(key) or {}).get(lang, ""))
    for key in (*EXPRESSION_KEYS, *CHOICE_KEYS):
        values[key] = str(field.get(key) or "")
    for key in (*INT_KEYS, *NUMBER_KEYS):
        values[key] = (
            ""
            if field.get(key) is None
            else f"{field[key]:g}"
            if isinstance(field[key], float)
            else str(field[key])
        )
    for key in FLAG_KEYS:
        values[key] = "1" if field.get(key) else ""
    required = field.get("required", False)
    values["required"] = "expr" if isinstance(required, str) else ("yes" if required else "no")
    values["required_expr"] = required if isinstance(required, str) else ""
    values["choices"] = choices_text(field.get("choices"))
    values["accept"] = ", ".join(field.get("accept") or [])
    default = field.get("default")
    values["default"] = (
        "" if default is None else str(default).lower() if isinstance(default, bool) else str(default)
    )
    return values


def _number(form: Mapping[str, str], key: str, kind: type) -> Any:
    text = (form.get(key) or "").strip().replace(",", ".")
    if not text:
        return None
    try:
        value = kind(text)
    except ValueError:
        raise FieldFormError(key, f"«{text}» no es un número") from None
    return value


def from_form(form: Mapping[str, str], previous: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The field's JSON from the inputs; nested fields of a group or repeat are kept from ``previous``."""
    field: dict[str, Any] = {"name": (form.get("name") or "").strip(), "type": form.get("type") or "text"}
    for key in TEXT_KEYS:
        text = {lang: form.get(f"{key}_{lang}", "").strip() for lang in LANGS}
        text = {lang: value for lang, value in text.items() if value}
        if text:
            field[key] = text
    required = form.get("required", "no")
    if required == "yes":
        field["required"] = True
    elif required == "expr" and form.get("required_expr", "").strip():
        field["required"] = form["required_expr"].strip()
    for key in EXPRESSION_KEYS:
        if form.get(key, "").strip():
            field[key] = form[key].strip()
    for key in CHOICE_KEYS:
        if form.get(key, "").strip():
            field[key] = form[key].strip()
    for key in INT_KEYS:
        value = _number(form, key, int)
        if value is not None:
            field[key] = value
    for key in NUMBER_KEYS:
        value = _number(form, key, float)
        if value is not None:
            field[key] = int(value) if value.is_integer() else value
    for key in FLAG_KEYS:
        if form.get(key):
            field[key] = True
    if field["type"] in ("select_one", "select_multiple"):
        field["choices"] = parse_choices(form.get("choices", ""))
    if field["type"] == "attachment":
        field["accept"] = [item.strip() for item in form.get("accept", "").split(",") if item.strip()]
    default = form.get("default", "").strip()
    if default:
        field["default"] = (
            {"true": True, "false": False}.get(default.lower(), default)
            if field["type"] == "yes_no"
            else default
        )
    if field["type"] in CONTAINERS:
        field["fields"] = list((previous or {}).get("fields") or [])
    return field


# --- the service's information (everything but the form's fields) ------------------------------

FEE_KINDS = ("free", "fixed", "uit_percent", "range", "reproduction_cost")
DEADLINE_KINDS = ("business_days", "same_day", "before_event", "none")
CALIFICACION_KINDS = ("automatic", "prior_evaluation", "not_applicable")
AUDIENCES = ("counter", "kiosk")


def service_to_form(raw: Mapping[str, Any]) -> dict[str, Any]:
    fee, deadline, calificacion = (
        raw.get("fee") or {},
        raw.get("deadline") or {},
        raw.get("calificacion") or {},
    )
    values: dict[str, Any] = {
        "tupa_code": raw.get("tupa_code", ""),
        "unit": (raw.get("unit") or {}).get("code", ""),
        "restricted": "1" if raw.get("restricted") else "",
        "audience": list(raw.get("audience") or ["counter"]),
        "fee_kind": fee.get("kind", "free"),
        "fee_amount": fee.get("amount", ""),
        "fee_percent": fee.get("percent", ""),
        "fee_min": fee.get("min", ""),
        "fee_max": fee.get("max", ""),
        "deadline_kind": deadline.get("kind", "none"),
        "deadline_days": str(deadline.get("business_days") or deadline.get("calendar_days") or ""),
        "calificacion_kind": calificacion.get("kind", "not_applicable"),
        "silence": calificacion.get("silence", ""),
        "pages_field": "1" if (raw.get("form") or {}).get("pages_field") else "",
    }
    for key in ("title", "description"):
        for lang in LANGS:
            values[f"{key}_{lang}"] = (raw.get(key) or {}).get(lang, "")
    for lang in LANGS:
        values[f"requirements_{lang}"] = "\n".join(r.get(lang, "") for r in raw.get("requirements") or [])
    return values


def apply_service_form(
    raw: Mapping[str, Any], form: Mapping[str, Any], units: list[Mapping[str, Any]]
) -> dict[str, Any]:
    """The definition with its information replaced by the inputs (the fields are kept as they are)."""
    result = dict(raw)
    for key in ("title", "description"):
        text = {lang: (form.get(f"{key}_{lang}") or "").strip() for lang in LANGS}
        text = {lang: value for lang, value in text.items() if value}
        if text:
            result[key] = text
        else:
            result.pop(key, None)
    tupa = (form.get("tupa_code") or "").strip()
    if tupa:
        result["tupa_code"] = tupa
    else:
        result.pop("tupa_code", None)
    unit = next((u for u in units if u.get("code") == form.get("unit")), None)
    if unit is not None:
        result["unit"] = {"code": unit["code"], "name": dict(unit["name"])}
    result["restricted"] = bool(form.get("restricted"))
    if not result["restricted"]:
        result.pop("restricted")
    audience = [a for a in AUDIENCES if a in (form.get("audience") or [])]
    result["audience"] = audience or ["counter"]
    result["fee"] = _fee(form)
    result["deadline"] = _deadline(form)
    kind = form.get("calificacion_kind") or "not_applicable"
    result["calificacion"] = {"kind": kind} | (
        {"silence": form.get("silence") or "negative"} if kind == "prior_evaluation" else {}
    )
    lines = {
        lang: [line.strip() for line in (form.get(f"requirements_{lang}") or "").splitlines()]
        for lang in LANGS
    }
    count = max((len([x for x in v if x]) for v in lines.values()), default=0)
    requirements = []
    for i in range(count):
        item = {lang: lines[lang][i] for lang in LANGS if i < len(lines[lang]) and lines[lang][i]}
        if item:
            requirements.append(item)
    if requirements:
        result["requirements"] = requirements
    else:
        result.pop("requirements", None)
    form_part = dict(result.get("form") or {})
    if form.get("pages_field"):
        form_part["pages_field"] = True
    else:
        form_part.pop("pages_field", None)
    result["form"] = form_part
    return result


def _fee(form: Mapping[str, Any]) -> dict[str, Any]:
    kind = form.get("fee_kind") or "free"
    fee: dict[str, Any] = {"kind": kind}
    keys = {"fixed": ("amount",), "uit_percent": ("percent",), "range": ("min", "max")}.get(kind, ())
    for key in keys:
        fee[key] = (form.get(f"fee_{key}") or "").strip().replace(",", ".")
    return fee


def _deadline(form: Mapping[str, Any]) -> dict[str, Any]:
    kind = form.get("deadline_kind") or "none"
    deadline: dict[str, Any] = {"kind": kind}
    days = (form.get("deadline_days") or "").strip()
    if kind in ("business_days", "before_event"):
        key = "business_days" if kind == "business_days" else "calendar_days"
        if not days.isdigit():
            raise FieldFormError("plazo", "escriba el número de días")
        deadline[key] = int(days)
    return deadline
