"""Walking a syntax tree against a context: the only place expressions turn into values."""

from __future__ import annotations

from typing import Any

from shared.expressions.functions import FUNCTIONS
from shared.expressions.nodes import Binary, Call, Current, FieldRef, Literal, Negate, Node
from shared.expressions.operators import ARITHMETIC, arithmetic, compare, negate
from shared.expressions.values import truthy


def evaluate(node: Node, ctx: Any) -> Any:
    """The value of ``node``; ``and``/``or`` stop early and give booleans, as in XPath."""
    if isinstance(node, Literal):
        return node.value
    if isinstance(node, FieldRef):
        return ctx.lookup(node.name)
    if isinstance(node, Current):
        return ctx.current
    if isinstance(node, Binary):
        return _binary(node, ctx)
    if isinstance(node, Negate):
        return negate(evaluate(node.operand, ctx))
    if isinstance(node, Call):
        spec = FUNCTIONS[node.name]
        return spec.call(ctx, *(evaluate(arg, ctx) for arg in node.args))
    raise TypeError(f"not an expression node: {node!r}")


def _binary(node: Binary, ctx: Any) -> Any:
    if node.op == "and":
        return truthy(evaluate(node.left, ctx)) and truthy(evaluate(node.right, ctx))
    if node.op == "or":
        return truthy(evaluate(node.left, ctx)) or truthy(evaluate(node.right, ctx))
    left, right = evaluate(node.left, ctx), evaluate(node.right, ctx)
    if node.op in ARITHMETIC:
        return arithmetic(node.op, left, right)
    return compare(node.op, left, right)
