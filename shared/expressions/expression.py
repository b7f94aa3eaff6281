"""Parsed expressions and the contexts they are evaluated in."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import Any, Protocol

from shared import errors
from shared.expressions.error import ExpressionError
from shared.expressions.evaluator import evaluate
from shared.expressions.nodes import Node
from shared.expressions.parser import parse_tree
from shared.expressions.values import truthy


class EvaluationContext(Protocol):
    """What an expression needs from its surroundings; the form validator implements it for repeats."""

    today: date
    now: datetime
    current: Any

    def lookup(self, name: str) -> Any: ...


@dataclass
class MappingContext:
    """A context over a plain dict of field values; ``today``/``now`` default to the local clock."""

    values: Mapping[str, Any]
    current: Any = None
    today: date | None = None
    now: datetime | None = None

    def __post_init__(self) -> None:
        if self.now is None:
            self.now = datetime.now().astimezone()
        if self.today is None:
            self.today = self.now.date()

    def lookup(self, name: str) -> Any:
        return self.values.get(name)


@dataclass(frozen=True)
class Expression:
    """A parsed expression: immutable, so one instance is shared by every evaluation of it."""

    source: str
    root: Node = field(repr=False)
    references: frozenset[str]
    uses_current: bool

    def evaluate(self, ctx: EvaluationContext) -> Any:
        """The value of the expression; bad data gives None or False, never an exception.

        An exception from the context itself (a lookup that fails) is reported as
        ExpressionError(EXPRESSION_EVALUATION) so callers have a single error type to handle.
        """
        try:
            return evaluate(self.root, ctx)
        except ExpressionError:
            raise
        except Exception as exc:
            raise ExpressionError(
                errors.EXPRESSION_EVALUATION,
                params={"problem": f"{type(exc).__name__}: {exc}"},
                details={"source": self.source},
            ) from exc

    def evaluate_bool(self, ctx: EvaluationContext) -> bool:
        return truthy(self.evaluate(ctx))


@lru_cache(maxsize=2048)
def parse(source: str) -> Expression:
    """Parse ``source`` once; the same text gives the same Expression object while it stays cached."""
    result = parse_tree(source)
    return Expression(source, result.root, result.references, result.uses_current)
