"""The catalog editor's preview: a draft's form as plain HTML inputs, and a "try it" that runs the
same ``validate_answers`` the devices run, so the admin sees skip logic, constraints, required rules
and calculations behave before publishing.

Input names follow the validator's paths: ``dni``, and ``testigos[0].testigo_dni`` inside a repeat,
whose number of instances the form carries in ``testigos__count``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from shared.forms import Field, ServiceDefinition, ValidationResult, validate_answers
from shared.i18n import pick

MAX_INSTANCES = 20


@dataclass
class PreviewItem:
    field: Field
    key: str
    label: str
    hint: str = ""
    value: Any = None
    errors: list[str] = field(default_factory=list)
    relevant: bool = True
    children: list[PreviewItem] = field(default_factory=list)
    instances: list[list[PreviewItem]] = field(default_factory=list)

    @property
    def values(self) -> list[str]:
        if isinstance(self.value, list):
            return [str(v) for v in self.value]
        return [] if self.value in (None, "") else [str(self.value)]


def instance_count(form: Mapping[str, Any], f: Field) -> int:
    text = str(form.get(f"{f.name}__count", "") or "")
    count = int(text) if text.isdigit() else max(f.min_repeat, 1)
    if f.max_repeat is not None:
        count = min(count, f.max_repeat)
    return max(0, min(count, MAX_INSTANCES))


def answers_from(service: ServiceDefinition, form: Any) -> dict[str, Any]:
    """Answers as a device would send them, from the posted inputs (a werkzeug MultiDict)."""

    def read(fields: tuple[Field, ...], prefix: str, into: dict[str, Any]) -> None:
        for f in fields:
            key = f"{prefix}{f.name}"
            if f.type == "group":
                read(f.fields, prefix, into)
            elif f.type == "repeat":
                into[f.name] = []
                for i in range(instance_count(form, f)):
                    instance: dict[str, Any] = {}
                    read(f.fields, f"{key}[{i}].", instance)
                    into[f.name].append(instance)
            elif f.type == "select_multiple":
                chosen = form.getlist(key)
                if chosen:
                    into[f.name] = chosen
            elif f.type not in ("note", "attachment"):
                value = (form.get(key) or "").strip()
                if value:
                    into[f.name] = (
                        {"yes": True, "no": False}.get(value, value) if f.type == "yes_no" else value
                    )

    answers: dict[str, Any] = {}
    read(service.form.fields, "", answers)
    return answers


def check(
    service: ServiceDefinition, form: Any, today: date | None = None
) -> tuple[dict[str, Any], ValidationResult]:
    answers = answers_from(service, form)
    return answers, validate_answers(service.form, answers, today=today)


def preview_items(
    service: ServiceDefinition,
    form: Any,
    result: ValidationResult | None,
    lang: str = "es",
) -> list[PreviewItem]:
    """What the preview page draws: every field with the posted value, its errors and its relevance."""
    errors: dict[str, list[str]] = {}
    for problem in result.errors if result else ():
        errors.setdefault(problem.path, []).append(problem.message(lang))
    relevant = result.relevant if result else None
    cleaned = result.cleaned if result else {}

    def build(fields: tuple[Field, ...], prefix: str, scope: Mapping[str, Any]) -> list[PreviewItem]:
        items = []
        for f in fields:
            key = f"{prefix}{f.name}"
            item = PreviewItem(f, key, pick(f.label, lang), pick(f.hint, lang))
            item.relevant = relevant is None or key in relevant or f.type in ("group", "note")
            item.errors = errors.get(key, [])
            if f.type == "group":
                item.children = build(f.fields, prefix, scope)
            elif f.type == "repeat":
                count = instance_count(form, f)
                instances = scope.get(f.name) if isinstance(scope.get(f.name), list) else []
                for i in range(count):
                    inner = instances[i] if i < len(instances) and isinstance(instances[i], dict) else {}
                    item.instances.append(build(f.fields, f"{key}[{i}].", inner))
            elif f.is_calculated:
                item.value = scope.get(f.name, "")
            elif f.type == "select_multiple":
                item.value = form.getlist(key) if hasattr(form, "getlist") else []
            else:
                item.value = form.get(key, "") if hasattr(form, "get") else ""
            items.append(item)
        return items

    return build(service.form.fields, "", cleaned)
