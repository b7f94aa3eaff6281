"""Properties: the parser agrees with Python on integer arithmetic, and nothing crashes on anything.

The printer and the reference evaluator below are written from the language's definition (XPath
precedence, left grouping, mod keeping the dividend's sign), not from the implementation.
"""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta, timezone
from fractions import Fraction
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.expressions import ExpressionError, MappingContext, parse, truthy
from shared.expressions.nodes import Binary, Call, Current, FieldRef, Literal, Negate, Node

POWER = {"or": 1, "and": 2, "=": 3, "!=": 3, "<": 4, "<=": 4, ">": 4, ">=": 4, "+": 5, "-": 5,
         "*": 6, "div": 6, "mod": 6}  # fmt: skip
NEGATE_POWER, ATOM_POWER = 7, 8


def power(node: Node) -> int:
    if isinstance(node, Binary):
        return POWER[node.op]
    return NEGATE_POWER if isinstance(node, Negate) else ATOM_POWER


def show(node: Node) -> str:
    """Print with the fewest parentheses XPath's precedence and left grouping allow."""
    if isinstance(node, Literal):
        if isinstance(node.value, str):
            quote = "'" if "'" not in node.value else '"'
            return f"{quote}{node.value}{quote}"
        return repr(node.value)
    if isinstance(node, FieldRef):
        return "${" + node.name + "}"
    if isinstance(node, Current):
        return "."
    if isinstance(node, Negate):
        inner = show(node.operand)
        return f"- ({inner})" if power(node.operand) < NEGATE_POWER else f"- {inner}"
    if isinstance(node, Call):
        return f"{node.name}({', '.join(show(arg) for arg in node.args)})"
    left, right = show(node.left), show(node.right)
    if power(node.left) < POWER[node.op]:
        left = f"({left})"
    if power(node.right) <= POWER[node.op]:
        right = f"({right})"
    return f"{left} {node.op} {right}"


# --- integer arithmetic -------------------------------------------------------------------------

small_ints = st.integers(min_value=0, max_value=60).map(Literal)
int_trees = st.recursive(
    small_ints,
    lambda children: st.one_of(
        children.map(Negate),
        st.builds(Binary, st.sampled_from(["+", "-", "*", "mod"]), children, children),
    ),
    max_leaves=12,
)


def reference(node: Node) -> int | None:
    """Python integers; mod truncates toward zero like XPath; a zero divisor makes the result None."""
    if isinstance(node, Literal):
        return int(node.value)  # type: ignore[arg-type]
    if isinstance(node, Negate):
        inner = reference(node.operand)
        return None if inner is None else -inner
    assert isinstance(node, Binary)
    a, b = reference(node.left), reference(node.right)
    if a is None or b is None:
        return None
    if node.op == "+":
        return a + b
    if node.op == "-":
        return a - b
    if node.op == "*":
        return a * b
    if b == 0:
        return None
    return a - b * int(Fraction(a, b))  # int() of a Fraction truncates toward zero


@given(int_trees)
def test_printed_integer_arithmetic_agrees_with_python(tree: Node):
    source = show(tree)
    parsed = parse(source)
    assert parsed.root == tree, source
    assert parsed.evaluate(MappingContext({})) == reference(tree), source


@given(st.integers(-10_000, 10_000), st.integers(-10_000, 10_000))
def test_div_is_exact_division(a: int, b: int):
    result = parse(f"{a} div {b}".replace("-", "- ")).evaluate(MappingContext({}))
    if b == 0:
        assert result is None
    elif a % b == 0:
        assert result == a // b
        assert isinstance(result, int)
    else:
        assert math.isclose(result, float(Fraction(a, b)))


@given(st.integers(-10_000, 10_000), st.integers(-10_000, 10_000).filter(bool))
def test_div_and_mod_rebuild_the_dividend(a: int, b: int):
    """XPath's identity: a = b * trunc(a div b) + (a mod b)."""
    ctx = MappingContext({"a": a, "b": b})
    assert parse("${b} * int(${a} div ${b}) + ${a} mod ${b}").evaluate(ctx) == a


# --- truth and robustness -----------------------------------------------------------------------

simple_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(["", "0", "1", "2024-05-20", "2024-02-30", "2024-05-20T10:00:00+05:00", "si", "false"]),
    st.dates(),
    st.datetimes(timezones=st.one_of(st.none(), st.just(timezone(timedelta(hours=-5))))),
)
values = st.one_of(simple_values, st.lists(simple_values, max_size=4))


@given(values)
def test_not_not_is_truthiness(value: Any):
    assert parse("not(not(${x}))").evaluate(MappingContext({"x": value})) is truthy(value)
    assert parse("boolean(${x})").evaluate(MappingContext({"x": value})) is truthy(value)


def parse_error(source: str) -> ExpressionError | None:
    """The error parsing ``source`` raises, if any; any other exception fails the test."""
    try:
        parse(source)
    except ExpressionError as exc:
        return exc
    return None


@given(st.text())
def test_parsing_any_text_raises_only_expression_errors(source: str):
    error = parse_error(source)
    if error is not None:
        assert error.position is not None
        assert 1 <= error.position <= len(source) + 1


@given(st.text(alphabet="${}()'\"., +-*=<>!/abcdefimnorstuvx_0123456789", max_size=40))
def test_parsing_expression_like_text_raises_only_expression_errors(source: str):
    error = parse_error(source)
    if error is not None:
        assert error.position is not None
        assert 1 <= error.position <= len(source) + 1


ARITIES = {"if": 3, "selected": 2, "count-selected": 1, "selected-at": 2, "string-length": 1,
           "concat": 2, "contains": 2, "starts-with": 2, "ends-with": 2, "substr": 3,
           "substring-before": 2, "substring-after": 2, "normalize-space": 1, "string": 1,
           "number": 1, "int": 1, "boolean": 1, "round": 2, "floor": 1, "ceiling": 1, "abs": 1,
           "min": 2, "max": 3, "sum": 1, "count": 1, "today": 0, "now": 0, "date": 1,
           "format-date": 2, "not": 1, "true": 0, "false": 0, "coalesce": 2}  # fmt: skip

leaves = st.one_of(
    st.integers(0, 10**6).map(Literal),
    st.integers(0, 4000).map(lambda n: Literal(n / 4)),
    st.sampled_from(["", "dni", "2024-05-20", "%Y-%m-%d %H", "a b", "10"]).map(Literal),
    st.sampled_from(["a", "b", "c"]).map(FieldRef),
    st.just(Current()),
)


def calls(children: st.SearchStrategy[Node]) -> st.SearchStrategy[Node]:
    return st.sampled_from(sorted(ARITIES)).flatmap(
        lambda name: st.lists(children, min_size=ARITIES[name], max_size=ARITIES[name]).map(
            lambda args: Call(name, tuple(args))
        )
    )


any_trees = st.recursive(
    leaves,
    lambda children: st.one_of(
        children.map(Negate),
        st.builds(Binary, st.sampled_from(sorted(POWER)), children, children),
        calls(children),
        children.map(lambda text: Call("regex", (text, FieldRef("c")))),
    ),
    max_leaves=15,
)


@settings(max_examples=300)
@given(any_trees, values, values, values, values)
def test_evaluation_never_raises_on_any_data(tree: Node, a: Any, b: Any, c: Any, current: Any):
    source = show(tree)
    parsed = parse(source)
    assert parsed.root == tree, source
    ctx = MappingContext({"a": a, "b": b, "c": c}, current=current, today=date(2024, 5, 20),
                         now=datetime(2024, 5, 20, 9, 0))  # fmt: skip
    result = parsed.evaluate(ctx)
    assert parsed.evaluate_bool(ctx) is truthy(result)
    assert parsed.references <= {"a", "b", "c"}
