"""Service definitions, their versioned forms, and the validation of answers."""

from shared.forms.definition import (
    DefinitionError,
    DefinitionProblem,
    demo_catalog_dir,
    load_service,
    load_services,
    service_schema,
)
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
from shared.forms.validation import FieldError, ValidationResult, validate_answers

__all__ = [
    "Calificacion",
    "Choice",
    "Deadline",
    "DefinitionError",
    "DefinitionProblem",
    "Fee",
    "Field",
    "FieldError",
    "FormVersion",
    "ServiceDefinition",
    "Unit",
    "ValidationResult",
    "demo_catalog_dir",
    "load_service",
    "load_services",
    "service_schema",
    "validate_answers",
]
