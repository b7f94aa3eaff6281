"""The in-memory shape of a service (trámite) and its versioned form.

Definitions arrive as JSON checked against ``shared/schemas/service.schema.json``; these frozen
dataclasses are what the rest of the code reads, so a renderer, the validator and the receipt never
poke at raw dictionaries. A published form version never changes, hence everything is immutable.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any, Literal

from shared.i18n import LocalizedText, pick

FieldType = Literal[
    "text",
    "long_text",
    "integer",
    "decimal",
    "date",
    "select_one",
    "select_multiple",
    "yes_no",
    "email",
    "phone",
    "dni",
    "ruc",
    "ce",
    "ubigeo",
    "attachment",
    "note",
    "group",
    "repeat",
]
#: Field types that hold no value of their own.
CONTAINER_TYPES = frozenset({"group", "repeat"})
VALUELESS_TYPES = frozenset({"group", "note"})
IDENTITY_TYPES = frozenset({"dni", "ruc", "ce"})

#: The UIT (unidad impositiva tributaria) of the current year, in soles; fees may be a % of it.
UIT_2026 = Decimal("5500")


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    label: LocalizedText


@dataclass(frozen=True, slots=True)
class Field:
    """One question (or a group, a repeat, or a display-only note) of a form."""

    name: str
    type: FieldType
    label: LocalizedText
    path: str  # JSON path of the field in its definition, for error messages
    hint: LocalizedText | None = None
    required: bool | str = False
    required_message: LocalizedText | None = None
    constraint: str | None = None
    constraint_message: LocalizedText | None = None
    relevant: str | None = None
    calculation: str | None = None
    default: Any = None
    read_only: bool = False
    sensitive: bool = False
    applicant: str | None = None
    min_length: int | None = None
    max_length: int | None = None
    min: float | None = None
    max: float | None = None
    choices: tuple[Choice, ...] = ()
    appearance: str | None = None
    level: Literal["department", "province", "district"] = "district"
    accept: tuple[str, ...] = ()
    max_size_mb: float | None = None
    max_files: int = 10
    fields: tuple[Field, ...] = ()
    min_repeat: int = 0
    max_repeat: int | None = None

    @property
    def is_container(self) -> bool:
        return self.type in CONTAINER_TYPES

    @property
    def holds_value(self) -> bool:
        return self.type not in VALUELESS_TYPES and self.type != "repeat"

    @property
    def is_calculated(self) -> bool:
        return self.calculation is not None

    def choice_label(self, value: str, lang: str = "es") -> str:
        for choice in self.choices:
            if choice.value == value:
                return pick(choice.label, lang)
        return value

    def walk(self) -> Iterator[Field]:
        """This field and every field nested in it, in document order."""
        yield self
        for child in self.fields:
            yield from child.walk()


@dataclass(frozen=True, slots=True)
class Fee:
    kind: Literal["free", "fixed", "uit_percent", "range", "reproduction_cost"]
    amount: Decimal | None = None
    percent: Decimal | None = None
    min: Decimal | None = None
    max: Decimal | None = None
    note: LocalizedText | None = None

    def amount_in_soles(self, uit: Decimal = UIT_2026) -> Decimal | None:
        """The fee to pay, when it is a single known amount (rounded to céntimos)."""
        if self.kind == "fixed":
            return self.amount
        if self.kind == "uit_percent" and self.percent is not None:
            return (uit * self.percent / 100).quantize(Decimal("0.01"))
        if self.kind == "free":
            return Decimal("0.00")
        return None

    def describe(self, lang: str = "es", uit: Decimal = UIT_2026) -> str:
        """A short human description, e.g. 'S/ 8.31 (0.1511 % UIT)'."""
        words = _FEE_WORDS.get(lang, _FEE_WORDS["es"])
        if self.kind == "free":
            return words["free"]
        if self.kind == "fixed":
            return f"S/ {self.amount:.2f}"
        if self.kind == "uit_percent":
            return f"S/ {self.amount_in_soles(uit):.2f} ({self.percent} % UIT)"
        if self.kind == "range":
            return f"S/ {self.min:.2f} – {self.max:.2f}"
        return words["reproduction_cost"]


_FEE_WORDS = {
    "es": {"free": "Gratuito", "reproduction_cost": "Solo el costo de reproducción"},
    "en": {"free": "Free", "reproduction_cost": "Reproduction cost only"},
    "qu": {"free": "Mana qullqiyuq", "reproduction_cost": "Copia chaninllan"},
}


@dataclass(frozen=True, slots=True)
class Deadline:
    """The term to answer a filing.

    ``notice_business_days`` (only with ``business_days``) declares that the term may be extended once:
    the entity that cannot answer in time must say so, with a justified new date, within that many días
    hábiles of the official filing date (Ley 27806, art. 11 b; D.S. 007-2024-JUS: 2 days of 10).
    """

    kind: Literal["business_days", "same_day", "before_event", "none"]
    business_days: int | None = None
    notice_business_days: int | None = None
    calendar_days: int | None = None

    @property
    def extendable(self) -> bool:
        """Whether an official may extend the term once (within ``notice_business_days``)."""
        return self.kind == "business_days" and bool(self.notice_business_days)

    def describe(self, lang: str = "es") -> str:
        es = lang != "en"
        if self.kind == "business_days":
            return f"{self.business_days} días hábiles" if es else f"{self.business_days} business days"
        if self.kind == "same_day":
            return "Se deriva el mismo día" if es else "Forwarded the same day"
        if self.kind == "before_event":
            return (
                f"Presentar {self.calendar_days} días antes"
                if es
                else f"File {self.calendar_days} days before"
            )
        return "Sin plazo" if es else "No deadline"


@dataclass(frozen=True, slots=True)
class Calificacion:
    kind: Literal["automatic", "prior_evaluation", "not_applicable"]
    silence: Literal["positive", "negative"] | None = None

    def describe(self, lang: str = "es") -> str:
        if lang == "en":
            if self.kind == "automatic":
                return "Automatic approval"
            if self.kind == "prior_evaluation":
                return f"Prior evaluation, {self.silence} administrative silence"
            return "Not applicable"
        if self.kind == "automatic":
            return "Aprobación automática"
        if self.kind == "prior_evaluation":
            silence = "positivo" if self.silence == "positive" else "negativo"
            return f"Evaluación previa, silencio administrativo {silence}"
        return "No aplica"


@dataclass(frozen=True, slots=True)
class Unit:
    code: str
    name: LocalizedText


@dataclass(frozen=True)
class FormVersion:
    """One immutable version of a service's form."""

    service_id: str
    version: int
    fields: tuple[Field, ...]
    pages_field: bool = False

    @cached_property
    def fields_by_name(self) -> Mapping[str, Field]:
        return {f.name: f for f in self.walk()}

    @cached_property
    def repeat_of(self) -> Mapping[str, tuple[str, ...]]:
        """For each field name, the chain of repeat groups it sits in (outermost first)."""
        chains: dict[str, tuple[str, ...]] = {}

        def visit(fields: tuple[Field, ...], chain: tuple[str, ...]) -> None:
            for f in fields:
                chains[f.name] = chain
                if f.fields:
                    visit(f.fields, (*chain, f.name) if f.type == "repeat" else chain)

        visit(self.fields, ())
        return chains

    def walk(self) -> Iterator[Field]:
        for top in self.fields:
            yield from top.walk()

    def field(self, name: str) -> Field:
        return self.fields_by_name[name]

    def applicant_field(self, role: str) -> Field | None:
        """The field marked as carrying ``role`` of the applicant (name, id_number, ...)."""
        return next((f for f in self.walk() if f.applicant == role), None)


@dataclass(frozen=True)
class ServiceDefinition:
    """A procedure as citizens and officials know it, with one version of its form."""

    id: str
    title: LocalizedText
    unit: Unit
    fee: Fee
    deadline: Deadline
    calificacion: Calificacion
    form: FormVersion
    description: LocalizedText | None = None
    tupa_code: str | None = None
    icon: str = "document"
    audience: tuple[str, ...] = ("counter",)
    restricted: bool = False
    requirements: tuple[LocalizedText, ...] = ()
    unverified_translations: tuple[str, ...] = ()
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def key(self) -> tuple[str, int]:
        """(service id, form version): what a submission names to say which form it answers."""
        return (self.id, self.form.version)

    def is_translation_unverified(self, lang: str) -> bool:
        return lang in self.unverified_translations
