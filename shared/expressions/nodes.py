"""The syntax tree: small frozen dataclasses, so a parsed expression can be shared and cached safely.

``position`` is the 1-based column where the node starts; it is kept out of equality so that two
trees with the same meaning compare equal however they were spaced.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class Literal:
    value: int | float | str | date
    position: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class FieldRef:
    """``${name}``: the value of another field."""

    name: str
    position: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Current:
    """``.``: the value of the field whose constraint is being checked."""

    position: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Negate:
    operand: Node
    position: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Binary:
    """``left op right``; ``op`` is the operator as written: ``or and = != < <= > >= + - * div mod``."""

    op: str
    left: Node
    right: Node
    position: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Call:
    name: str
    args: tuple[Node, ...]
    position: int = field(default=0, compare=False)


Node = Literal | FieldRef | Current | Negate | Binary | Call
