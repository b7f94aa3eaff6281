"""Validating a set of answers against a form version: the one rule book of the device and the server.

The algorithm follows ODK's, which form designers already know:

1. every raw answer is coerced to its field's type (``values.coerce``);
2. calculations are evaluated in dependency order and relevance is decided; a non-relevant field is
   cleared, so calculations and relevance are repeated until nothing changes;
3. relevant fields are checked: required, then the constraint (with ``.`` bound to the value; a
   constraint is not evaluated on an empty value, as in ODK);
4. the result holds every problem at once, each with its path (``testigos[1].dni``), a stable code and a
   Spanish message; and the cleaned answers, which hold only relevant, non-empty values. Hidden fields are
   neither validated nor stored.

Answers are a JSON object keyed by field name; groups do not nest the data, repeats hold a list of
objects, one per instance (``{"testigos": [{"dni": ...}, {"dni": ...}]}``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from shared import errors
from shared.expressions import ExpressionError, parse
from shared.forms.model import Field, FormVersion
from shared.forms.values import ValueProblem, coerce, is_empty, to_json
from shared.i18n import LocalizedText, pick

MAX_SETTLE_ROUNDS = 8


@dataclass(frozen=True, slots=True)
class FieldError:
    """One problem with one answer."""

    path: str
    code: str
    params: Mapping[str, Any] = field(default_factory=dict)
    custom_message: LocalizedText | None = None

    @property
    def name(self) -> str:
        """The field name at the end of the path."""
        return self.path.rsplit(".", 1)[-1].split("[", 1)[0]

    def message(self, lang: str = "es") -> str:
        if self.custom_message:
            return pick(self.custom_message, lang)
        return errors.message(self.code, lang, **self.params)

    def to_dict(self, lang: str = "es") -> dict[str, Any]:
        return {"path": self.path, "code": self.code, "message": self.message(lang)}


@dataclass(frozen=True, slots=True)
class ValidationResult:
    cleaned: dict[str, Any]
    errors: tuple[FieldError, ...]
    relevant: frozenset[str]

    @property
    def ok(self) -> bool:
        return not self.errors

    def errors_for(self, path: str) -> list[FieldError]:
        return [e for e in self.errors if e.path == path]


@dataclass
class _Scope:
    """A level of the answer tree: the top level or one instance of a repeat."""

    values: dict[str, Any]
    path: str = ""
    repeat: str | None = None
    index: int = -1
    parent: _Scope | None = None
    children: dict[str, list[_Scope]] = field(default_factory=dict)

    def path_of(self, name: str) -> str:
        return f"{self.path}.{name}" if self.path else name


class _Context:
    """Expression context that resolves ``${name}`` the way ODK does inside repeats.

    A field in the same repeat instance (or an enclosing one) gives its value; a field outside any
    repeat gives the top-level value; a field inside a repeat seen from outside gives the list of its
    values in every instance (for ``sum()`` and ``count()``).
    """

    def __init__(
        self, form: FormVersion, scope: _Scope, today: date, now: datetime, relevant: set[str]
    ) -> None:
        self.form, self.scope, self.today, self.now = form, scope, today, now
        self.current: Any = None
        self._relevant = relevant

    def lookup(self, name: str) -> Any:
        chain = self.form.repeat_of[name]
        scope: _Scope | None = self.scope
        while scope is not None:
            if scope.repeat is None and not chain:
                return scope.values.get(name)
            if scope.repeat is not None and chain and scope.repeat == chain[-1]:
                return scope.values.get(name)
            scope = scope.parent
        return _collect(self._root(), name, chain)

    def _root(self) -> _Scope:
        scope = self.scope
        while scope.parent is not None:
            scope = scope.parent
        return scope


def _collect(scope: _Scope, name: str, chain: tuple[str, ...]) -> list[Any]:
    if not chain:
        value = scope.values.get(name)
        return [] if value is None else [value]
    found: list[Any] = []
    for instance in scope.children.get(chain[0], []):
        found.extend(_collect(instance, name, chain[1:]))
    return found


class _Validator:
    def __init__(self, form: FormVersion, today: date, now: datetime) -> None:
        self.form, self.today, self.now = form, today, now
        self.errors: list[FieldError] = []
        self.relevant_paths: set[str] = set()
        self.field_paths: set[str] = set()

    # --- building the scope tree ----------------------------------------------------------------
    def build(self, answers: Mapping[str, Any], fields: tuple[Field, ...], scope: _Scope) -> None:
        known = {f.name for f in _value_fields(fields)} | {
            f.name for f in _flat(fields) if f.type == "repeat"
        }
        for key in answers:
            if key not in known:
                self.errors.append(FieldError(scope.path_of(key), errors.FIELD_UNKNOWN, {"name": key}))
        for f in _flat(fields):
            raw = answers.get(f.name)
            self.field_paths.add(scope.path_of(f.name))
            if f.type == "repeat":
                scope.children[f.name] = self._build_repeat(f, raw, scope)
            elif f.type in ("group", "note"):
                if f.type == "note" and not is_empty(raw):
                    self.errors.append(FieldError(scope.path_of(f.name), errors.FIELD_READ_ONLY))
            elif f.is_calculated:
                scope.values[f.name] = None
            else:
                if is_empty(raw) and f.default is not None and f.name not in answers:
                    raw = f.default
                try:
                    scope.values[f.name] = coerce(f, raw)
                except ValueProblem as problem:
                    scope.values[f.name] = None
                    self.errors.append(FieldError(scope.path_of(f.name), problem.code, problem.params))

    def _build_repeat(self, repeat: Field, raw: Any, parent: _Scope) -> list[_Scope]:
        if raw is None:
            raw = []
        if not isinstance(raw, list) or not all(isinstance(item, Mapping) for item in raw):
            self.errors.append(
                FieldError(
                    parent.path_of(repeat.name), errors.FIELD_TYPE, {"expected": "una lista de elementos"}
                )
            )
            return []
        instances = []
        for index, item in enumerate(raw):
            scope = _Scope({}, f"{parent.path_of(repeat.name)}[{index}]", repeat.name, index, parent)
            self.build(item, repeat.fields, scope)
            instances.append(scope)
        return instances

    # --- calculations and relevance -------------------------------------------------------------
    def settle(self, root: _Scope) -> None:
        """Repeat calculation and relevance until the answers stop changing."""
        for _ in range(MAX_SETTLE_ROUNDS):
            before = _snapshot(root)
            self.relevant_paths = set()
            self._settle_scope(root, self.form.fields, parent_relevant=True)
            if _snapshot(root) == before:
                return

    def _settle_scope(self, scope: _Scope, fields: tuple[Field, ...], parent_relevant: bool) -> None:
        for f in fields:
            relevant = parent_relevant and self._is_relevant(f, scope)
            path = scope.path_of(f.name)
            if relevant:
                self.relevant_paths.add(path)
            if f.type == "group":
                self._settle_scope(scope, f.fields, relevant)
            elif f.type == "repeat":
                for instance in scope.children.get(f.name, []):
                    self._settle_scope(instance, f.fields, relevant)
            elif f.holds_value:
                if not relevant:
                    scope.values[f.name] = None
                elif f.is_calculated:
                    scope.values[f.name] = self._calculate(f, scope)

    def _context(self, scope: _Scope, current: Any = None) -> _Context:
        ctx = _Context(self.form, scope, self.today, self.now, self.relevant_paths)
        ctx.current = current
        return ctx

    def _is_relevant(self, f: Field, scope: _Scope) -> bool:
        if not f.relevant:
            return True
        return parse(f.relevant).evaluate_bool(self._context(scope))

    def _calculate(self, f: Field, scope: _Scope) -> Any:
        try:
            value = parse(f.calculation or "").evaluate(self._context(scope))
        except ExpressionError:
            return None
        if is_empty(value) or f.type in ("text", "long_text"):
            return None if is_empty(value) else str(value)
        try:
            return coerce(f, value if not isinstance(value, float) or f.type != "integer" else round(value))
        except ValueProblem:
            return None

    # --- checks ----------------------------------------------------------------------------------
    def check(self, scope: _Scope, fields: tuple[Field, ...]) -> None:
        for f in fields:
            path = scope.path_of(f.name)
            if path not in self.relevant_paths:
                continue
            if f.type == "group":
                self.check(scope, f.fields)
            elif f.type == "repeat":
                self._check_repeat(f, scope)
            elif f.holds_value:
                self._check_value(f, scope, path)

    def _check_repeat(self, f: Field, scope: _Scope) -> None:
        instances = scope.children.get(f.name, [])
        maximum = f.max_repeat if f.max_repeat is not None else 1000
        minimum = max(f.min_repeat, 1 if self._required(f, scope) else 0)
        if not minimum <= len(instances) <= maximum:
            self.errors.append(
                FieldError(scope.path_of(f.name), errors.FIELD_REPEAT_COUNT, {"min": minimum, "max": maximum})
            )
        for instance in instances:
            self.check(instance, f.fields)

    def _required(self, f: Field, scope: _Scope) -> bool:
        if isinstance(f.required, str):
            return parse(f.required).evaluate_bool(self._context(scope))
        return bool(f.required)

    def _check_value(self, f: Field, scope: _Scope, path: str) -> None:
        if any(e.path == path for e in self.errors):
            return  # a value that could not be read is not checked further
        value = scope.values.get(f.name)
        if is_empty(value):
            if not f.is_calculated and self._required(f, scope):
                self.errors.append(FieldError(path, errors.FIELD_REQUIRED, custom_message=f.required_message))
            return
        if f.constraint and not parse(f.constraint).evaluate_bool(self._context(scope, current=value)):
            self.errors.append(FieldError(path, errors.FIELD_CONSTRAINT, custom_message=f.constraint_message))


def _flat(fields: tuple[Field, ...]) -> list[Field]:
    """Fields at one data level: groups are opened, repeats are not (they start a new level)."""
    found = []
    for f in fields:
        found.append(f)
        if f.type == "group":
            found.extend(_flat(f.fields))
    return found


def _value_fields(fields: tuple[Field, ...]) -> list[Field]:
    return [f for f in _flat(fields) if f.holds_value]


def _snapshot(scope: _Scope) -> Any:
    return (
        tuple(sorted((k, repr(v)) for k, v in scope.values.items())),
        tuple(
            (name, tuple(_snapshot(child) for child in kids)) for name, kids in sorted(scope.children.items())
        ),
    )


def _cleaned(scope: _Scope, fields: tuple[Field, ...], relevant: set[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in _flat(fields):
        path = scope.path_of(f.name)
        if path not in relevant:
            continue
        if f.type == "repeat":
            instances = scope.children.get(f.name, [])
            if instances:
                out[f.name] = [_cleaned(instance, f.fields, relevant) for instance in instances]
        elif f.holds_value and not is_empty(scope.values.get(f.name)):
            out[f.name] = to_json(f, scope.values[f.name])
    return out


def validate_answers(
    form: FormVersion,
    answers: Mapping[str, Any],
    *,
    today: date | None = None,
    now: datetime | None = None,
) -> ValidationResult:
    """Check ``answers`` against ``form``; every problem at once, plus the cleaned answers to store.

    ``today`` is the filing's date (pass it explicitly on the server, so a constraint such as
    "at most 30 days old" is judged as of the filing, not as of the upload days later).
    """
    now = now or datetime.now().astimezone()
    today = today or now.date()
    validator = _Validator(form, today, now)
    if not isinstance(answers, Mapping):
        error = FieldError("$", errors.FIELD_TYPE, {"expected": "un objeto JSON"})
        return ValidationResult({}, (error,), frozenset())
    root = _Scope({})
    validator.build(answers, form.fields, root)
    validator.settle(root)
    # answers that could not be read, in fields that turned out hidden, are not the applicant's problem
    validator.errors = [
        e
        for e in validator.errors
        if e.path in validator.relevant_paths or e.path not in validator.field_paths
    ]
    validator.check(root, form.fields)
    order = {path: i for i, path in enumerate(_document_order(form))}
    ordered = sorted(validator.errors, key=lambda e: (order.get(_strip_indexes(e.path), len(order)), e.path))
    return ValidationResult(
        cleaned=_cleaned(root, form.fields, validator.relevant_paths),
        errors=tuple(ordered),
        relevant=frozenset(validator.relevant_paths),
    )


def _document_order(form: FormVersion) -> list[str]:
    return [f.name for f in form.walk()]


def _strip_indexes(path: str) -> str:
    return path.rsplit(".", 1)[-1].split("[", 1)[0]
