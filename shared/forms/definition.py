"""Loading and checking service definitions.

A definition is JSON written by an administrator (or the console's form builder). It is checked in two
passes, and every problem found is reported at once with the JSON path where it sits, because the person
fixing a definition wants the whole list, not one error per attempt:

1. structure, against the published JSON Schema ``shared/schemas/service.schema.json``;
2. meaning: unique field names, expressions that parse and name existing fields, calculations without
   cycles, coherent limits.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

from shared import errors
from shared.errors import TamboError
from shared.expressions import ExpressionError, parse
from shared.forms.model import (
    Calificacion,
    Choice,
    Deadline,
    Fee,
    Field,
    FormVersion,
    ServiceDefinition,
    Unit,
)

SCHEMA_RESOURCE = "service.schema.json"
EXPRESSION_KEYS = ("relevant", "constraint", "calculation", "required")


@dataclass(frozen=True, slots=True)
class DefinitionProblem:
    """One problem in a definition: where (JSON path), what (stable code) and a Spanish explanation."""

    path: str
    code: str
    message: str

    def __str__(self) -> str:
        return self.message


class DefinitionError(TamboError):
    """A definition that cannot be used; ``problems`` lists every problem found."""

    def __init__(self, problems: list[DefinitionProblem]) -> None:
        self.problems = problems
        first = problems[0]
        super().__init__(
            first.code,
            params={"path": first.path, "problem": first.message},
            details={"problems": [{"path": p.path, "code": p.code, "message": p.message} for p in problems]},
        )

    def message(self, lang: str = "es") -> str:
        if len(self.problems) == 1:
            return self.problems[0].message
        lines = "\n".join(f"- {p.message}" for p in self.problems)
        header = "problemas en la definición" if lang != "en" else "problems in the definition"
        return f"{len(self.problems)} {header}:\n{lines}"


@cache
def service_schema() -> dict[str, Any]:
    """The published JSON Schema of service definitions."""
    text = resources.files("shared.schemas").joinpath(SCHEMA_RESOURCE).read_text(encoding="utf-8")
    return json.loads(text)


@cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(service_schema())


def load_service(source: Mapping[str, Any] | str | bytes | Path) -> ServiceDefinition:
    """Parse and check a service definition; raise :class:`DefinitionError` naming every problem."""
    data = _read(source)
    problems = schema_problems(data)
    if not problems:
        problems = semantic_problems(data)
    if problems:
        raise DefinitionError(problems)
    return _build_service(data)


def load_services(directory: Path) -> list[ServiceDefinition]:
    """Every ``*.json`` definition in a folder, sorted by id; problems are reported per file."""
    services = []
    for path in sorted(directory.glob("*.json")):
        try:
            services.append(load_service(path))
        except DefinitionError as exc:
            problems = [
                DefinitionProblem(f"{path.name}:{p.path}", p.code, f"{path.name}: {p.message}")
                for p in exc.problems
            ]
            raise DefinitionError(problems) from None
    return sorted(services, key=lambda s: s.id)


def demo_catalog_dir() -> Path:
    """The folder of the demo catalog shipped with the package."""
    return Path(str(resources.files("shared").joinpath("demo_catalog")))


def _read(source: Mapping[str, Any] | str | bytes | Path) -> Any:
    if isinstance(source, Mapping):
        return source
    if isinstance(source, Path):
        source = source.read_bytes()
    try:
        return json.loads(source)
    except json.JSONDecodeError as exc:
        problem = DefinitionProblem(
            "$",
            errors.DEFINITION_NOT_JSON,
            errors.message(errors.DEFINITION_NOT_JSON, line=exc.lineno, column=exc.colno, problem=exc.msg),
        )
        raise DefinitionError([problem]) from None


def schema_problems(data: Any) -> list[DefinitionProblem]:
    """Structural problems, each at the deepest JSON path that explains it."""
    found = []
    for error in sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        leaf = _deepest(error)
        problem = _describe_schema_error(leaf)
        path = leaf.json_path
        found.append(
            DefinitionProblem(
                path,
                errors.DEFINITION_SCHEMA,
                errors.message(errors.DEFINITION_SCHEMA, path=path, problem=problem),
            )
        )
    return found


def _deepest(error: jsonschema.ValidationError) -> jsonschema.ValidationError:
    """For ``oneOf``/``anyOf`` failures, the sub-error that went furthest into the document.

    A bad fee such as ``{"kind": "fixed"}`` fails every branch of ``oneOf``; the useful message is the
    one of the branch whose ``kind`` matched ("'amount' is a required property"), not "is not valid
    under any of the given schemas".
    """
    if not error.context:
        return error
    relevant = [e for e in error.context if e.validator != "const" or len(e.absolute_path) == 0]
    candidates = [e for e in relevant if not (e.validator == "const" and e.path and e.path[-1] == "kind")]
    if not candidates:
        return error
    kind_mismatch = {
        e.schema_path[0] for e in error.context if e.validator == "const" and e.path and e.path[-1] == "kind"
    }
    matching = [
        e for e in candidates if e.schema_path and e.schema_path[0] not in kind_mismatch
    ] or candidates
    best = max(matching, key=lambda e: len(e.absolute_path))
    return _deepest(best)


def _describe_schema_error(error: jsonschema.ValidationError) -> str:
    """A Spanish sentence for the usual JSON Schema failures; the English original otherwise."""
    validator, value = error.validator, error.validator_value
    if validator == "required":
        missing = [name for name in value if isinstance(error.instance, dict) and name not in error.instance]
        return f"falta la propiedad obligatoria «{missing[0] if missing else value}»"
    if validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return f"propiedad no permitida «{', '.join(extra)}»"
    if validator == "enum":
        return f"valor «{error.instance}» no permitido; use uno de: {', '.join(map(str, value))}"
    if validator == "const":
        return f"el valor debe ser {json.dumps(value, ensure_ascii=False)}"
    if validator == "type":
        return f"tipo incorrecto: se esperaba {value}"
    if validator == "pattern":
        return f"«{error.instance}» no tiene el formato esperado ({value})"
    if validator in ("minimum", "exclusiveMinimum", "maximum"):
        return f"el valor {error.instance} está fuera del rango permitido"
    if validator in ("minItems", "minProperties", "minLength"):
        return "no puede estar vacío"
    if validator == "not":
        return "combinación de propiedades no permitida para este tipo de campo"
    return error.message


def semantic_problems(data: Mapping[str, Any]) -> list[DefinitionProblem]:
    """Problems the schema cannot see: names, expressions, references, cycles, limits."""
    problems: list[DefinitionProblem] = []
    names: dict[str, str] = {}
    fields = list(_walk_raw(data["form"]["fields"], "$.form.fields"))
    for path, raw in fields:
        name = raw["name"]
        if name in names:
            problems.append(_problem(errors.DEFINITION_DUPLICATE_NAME, f"{path}.name", name=name))
        else:
            names[name] = path
    for path, raw in fields:
        problems.extend(_field_problems(path, raw, names))
    problems.extend(_cycle_problems(fields))
    problems.extend(_deadline_problems(data["deadline"]))
    return problems


def _deadline_problems(deadline: Mapping[str, Any]) -> list[DefinitionProblem]:
    """An extension must be announced while the term runs: its notice window ends before the term does."""
    notice, term = deadline.get("notice_business_days"), deadline.get("business_days")
    if notice is None or term is None or notice < term:
        return []
    return [
        _problem(
            errors.DEFINITION_SCHEMA,
            "$.deadline.notice_business_days",
            problem=f"notice_business_days ({notice}) debe ser menor que business_days ({term})",
        )
    ]


def _walk_raw(fields: Iterable[Mapping[str, Any]], base: str) -> Iterable[tuple[str, Mapping[str, Any]]]:
    for index, raw in enumerate(fields):
        path = f"{base}[{index}]"
        yield path, raw
        if "fields" in raw:
            yield from _walk_raw(raw["fields"], f"{path}.fields")


def _problem(code: str, path: str, **params: Any) -> DefinitionProblem:
    return DefinitionProblem(path, code, errors.message(code, path=path, **params))


def _field_problems(path: str, raw: Mapping[str, Any], names: Mapping[str, str]) -> list[DefinitionProblem]:
    problems = []
    for key in EXPRESSION_KEYS:
        source = raw.get(key)
        if not isinstance(source, str):
            continue
        try:
            expression = parse(source)
        except ExpressionError as exc:
            problems.append(
                _problem(errors.DEFINITION_BAD_EXPRESSION, f"{path}.{key}", problem=exc.message())
            )
            continue
        problems.extend(
            _problem(errors.DEFINITION_UNKNOWN_REFERENCE, f"{path}.{key}", name=name)
            for name in sorted(expression.references - names.keys())
        )
    for low, high in (("min_length", "max_length"), ("min", "max"), ("min_repeat", "max_repeat")):
        if low in raw and high in raw and raw[low] > raw[high]:
            problems.append(
                _problem(
                    errors.DEFINITION_SCHEMA,
                    f"{path}.{low}",
                    problem=f"{low} ({raw[low]}) es mayor que {high} ({raw[high]})",
                )
            )
    values = [choice["value"] for choice in raw.get("choices", ())]
    for index, value in enumerate(values):
        if value in values[:index]:
            problems.append(
                _problem(
                    errors.DEFINITION_SCHEMA,
                    f"{path}.choices[{index}].value",
                    problem=f"la opción «{value}» está repetida",
                )
            )
    return problems


def _cycle_problems(fields: list[tuple[str, Mapping[str, Any]]]) -> list[DefinitionProblem]:
    """Calculations that depend on themselves, directly or through others, can never settle."""
    graph: dict[str, set[str]] = {}
    paths = {}
    for path, raw in fields:
        source = raw.get("calculation")
        if isinstance(source, str):
            try:
                graph[raw["name"]] = set(parse(source).references)
            except ExpressionError:
                continue
            paths[raw["name"]] = f"{path}.calculation"
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(name: str) -> list[str] | None:
        state[name] = 1
        stack.append(name)
        for dep in sorted(graph.get(name, ())):
            if state.get(dep) == 1:
                return [*stack[stack.index(dep) :], dep]
            if dep in graph and dep not in state and (cycle := visit(dep)):
                return cycle
        stack.pop()
        state[name] = 2
        return None

    for name in sorted(graph):
        if name not in state and (cycle := visit(name)):
            return [_problem(errors.DEFINITION_CYCLE, paths[cycle[0]], cycle=" → ".join(cycle))]
    return []


def _build_service(data: Mapping[str, Any]) -> ServiceDefinition:
    form = data["form"]
    return ServiceDefinition(
        id=data["id"],
        title=data["title"],
        description=data.get("description"),
        tupa_code=data.get("tupa_code"),
        icon=data.get("icon", "document"),
        audience=tuple(data.get("audience", ("counter",))),
        restricted=data.get("restricted", False),
        unit=Unit(data["unit"]["code"], data["unit"]["name"]),
        requirements=tuple(data.get("requirements", ())),
        fee=_build_fee(data["fee"]),
        deadline=Deadline(**data["deadline"]),
        calificacion=Calificacion(**data["calificacion"]),
        unverified_translations=tuple(data.get("unverified_translations", ())),
        form=FormVersion(
            service_id=data["id"],
            version=form["version"],
            pages_field=form.get("pages_field", False),
            fields=tuple(_build_field(raw, f"$.form.fields[{i}]") for i, raw in enumerate(form["fields"])),
        ),
        raw=data,
    )


def _build_fee(raw: Mapping[str, Any]) -> Fee:
    def dec(key: str) -> Decimal | None:
        return Decimal(raw[key]) if key in raw else None

    return Fee(
        kind=raw["kind"],
        amount=dec("amount"),
        percent=dec("percent"),
        min=dec("min"),
        max=dec("max"),
        note=raw.get("note"),
    )


def _build_field(raw: Mapping[str, Any], path: str) -> Field:
    simple = {
        key: raw[key]
        for key in (
            "hint",
            "required",
            "required_message",
            "constraint",
            "constraint_message",
            "relevant",
            "calculation",
            "default",
            "read_only",
            "sensitive",
            "applicant",
            "min_length",
            "max_length",
            "min",
            "max",
            "appearance",
            "level",
            "max_size_mb",
            "max_files",
            "min_repeat",
            "max_repeat",
        )
        if key in raw
    }
    return Field(
        name=raw["name"],
        type=raw["type"],
        label=raw["label"],
        path=path,
        choices=tuple(Choice(c["value"], c["label"]) for c in raw.get("choices", ())),
        accept=tuple(raw.get("accept", ())),
        fields=tuple(
            _build_field(child, f"{path}.fields[{i}]") for i, child in enumerate(raw.get("fields", ()))
        ),
        **simple,
    )
