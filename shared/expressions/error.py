"""The one exception of the expression language, so callers catch a single type."""

from __future__ import annotations

from dataclasses import dataclass

from shared.errors import TamboError


@dataclass(eq=False)
class ExpressionError(TamboError):
    """A bad expression (syntax, unknown function, argument count) or an impossible evaluation.

    ``position`` is the 1-based character column the problem was found at, the way a form designer
    counts when reading the expression; ``None`` when the problem has no place (evaluation).
    """

    position: int | None = None
