"""Parsing: the tree, references, and the errors a form designer sees (code, position, message)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from shared import errors
from shared.expressions import FUNCTIONS, ExpressionError, MappingContext, parse, truthy
from shared.expressions.nodes import Binary, Call, Current, FieldRef, Literal, Negate


def syntax_error(source: str) -> ExpressionError:
    with pytest.raises(ExpressionError) as caught:
        parse(source)
    assert caught.value.code == errors.EXPRESSION_SYNTAX
    assert caught.value.params["position"] == caught.value.position
    return caught.value


# --- trees --------------------------------------------------------------------------------------


def test_precedence_multiplication_binds_tighter_than_addition():
    assert parse("1 + 2 * 3").root == Binary("+", Literal(1), Binary("*", Literal(2), Literal(3)))


def test_binary_operators_group_left_to_right():
    assert parse("10 - 4 - 3").root == Binary("-", Binary("-", Literal(10), Literal(4)), Literal(3))
    assert parse("8 div 4 div 2").root == Binary("div", Binary("div", Literal(8), Literal(4)), Literal(2))


def test_and_binds_tighter_than_or_and_comparison_tighter_than_and():
    tree = parse("${a} = 1 or ${b} < 2 and ${c}").root
    assert tree == Binary(
        "or",
        Binary("=", FieldRef("a"), Literal(1)),
        Binary("and", Binary("<", FieldRef("b"), Literal(2)), FieldRef("c")),
    )


def test_relational_binds_tighter_than_equality():
    assert parse("1 < 2 = true()").root == Binary("=", Binary("<", Literal(1), Literal(2)), Call("true", ()))


def test_unary_minus_binds_tighter_than_multiplication():
    assert parse("-2 * 3").root == Binary("*", Negate(Literal(2)), Literal(3))
    assert parse("- -1").root == Negate(Negate(Literal(1)))


def test_parentheses_override_precedence():
    assert parse("(1 + 2) * 3").root == Binary("*", Binary("+", Literal(1), Literal(2)), Literal(3))


def test_literals():
    assert parse("42").root == Literal(42)
    assert parse("3.5").root == Literal(3.5)
    assert parse(".5").root == Literal(0.5)
    assert parse("'dni'").root == Literal("dni")
    assert parse('"it\'s"').root == Literal("it's")
    assert parse("''").root == Literal("")


def test_current_and_hyphenated_function_names():
    assert parse("string-length(.) <= 200").root == Binary(
        "<=", Call("string-length", (Current(),)), Literal(200)
    )
    assert parse("count-selected(${docs})").root == Call("count-selected", (FieldRef("docs"),))


def test_word_operators_next_to_a_minus_sign():
    assert parse("${a} div-${b}").root == Binary("div", FieldRef("a"), Negate(FieldRef("b")))
    assert parse("7 mod 2").root == Binary("mod", Literal(7), Literal(2))


def test_whitespace_is_free():
    assert parse("  ${a}+1\n").root == parse("${a} + 1").root


def test_positions_are_one_based_columns():
    tree = parse("${a} + abs(.)")
    assert isinstance(tree.root, Binary)
    assert tree.root.left.position == 1
    assert tree.root.position == 6
    assert tree.root.right.position == 8


# --- references ---------------------------------------------------------------------------------


def test_references_and_current():
    expression = parse("${edad} >= 18 and selected(${documentos}, 'dni') or ${edad} = .")
    assert expression.references == frozenset({"edad", "documentos"})
    assert expression.uses_current
    plain = parse("count(${testigo_nombre})")
    assert plain.references == frozenset({"testigo_nombre"})
    assert not plain.uses_current
    assert parse("today()").references == frozenset()


def test_strings_that_look_like_references_are_not_references():
    assert parse("'${nombre}'").references == frozenset()


def test_parse_is_cached_by_source():
    assert parse("${x} + 1") is parse("${x} + 1")


def test_expression_is_immutable():
    expression = parse("1")
    with pytest.raises(AttributeError):
        expression.source = "2"  # type: ignore[misc]


# --- errors -------------------------------------------------------------------------------------


def test_unclosed_reference_points_after_the_name():
    error = syntax_error("${edad >= 18")
    assert error.position == 7  # the space after "${edad"
    assert "}" in error.params["problem"]
    assert error.message().startswith("Expresión inválida en la posición 7")


def test_missing_operand_at_the_end():
    error = syntax_error("1 +")
    assert error.position == 4  # just past the end
    assert "+" in error.params["problem"]


def test_unterminated_string_points_at_the_opening_quote():
    assert syntax_error("${a} = 'dni").position == 8
    assert syntax_error('concat("abc').position == 8


def test_unknown_function_is_a_parse_error():
    with pytest.raises(ExpressionError) as caught:
        parse("1 + foo(1)")
    assert caught.value.code == errors.EXPRESSION_UNKNOWN_FUNCTION
    assert caught.value.params == {"name": "foo"}
    assert caught.value.position == 5
    assert "foo()" in caught.value.message()


def test_wrong_argument_count_is_a_parse_error():
    with pytest.raises(ExpressionError) as caught:
        parse("if(1, 2)")
    assert caught.value.code == errors.EXPRESSION_ARITY
    assert caught.value.params == {"name": "if", "expected": "3", "given": 2}
    assert caught.value.message() == "La función if() recibe 3 argumentos, no 2."


@pytest.mark.parametrize(
    ("source", "expected", "given"),
    [
        ("today(1)", "0", 1),
        ("round()", "1 o 2", 0),
        ("concat()", "al menos 1", 0),
        ("substr('a')", "2 o 3", 1),
    ],
)
def test_arity_messages_say_what_is_accepted(source: str, expected: str, given: int):
    with pytest.raises(ExpressionError) as caught:
        parse(source)
    assert caught.value.code == errors.EXPRESSION_ARITY
    assert (caught.value.params["expected"], caught.value.params["given"]) == (expected, given)


def test_unknown_function_inside_arguments_is_found():
    with pytest.raises(ExpressionError) as caught:
        parse("if(${a}, jr:choice-name(${a}, '${a}'), '')")
    assert caught.value.code == errors.EXPRESSION_UNKNOWN_FUNCTION
    assert caught.value.params["name"] == "jr:choice-name"


def test_literal_regex_that_does_not_compile_is_a_parse_error():
    error = syntax_error("regex(., '[0-9')")
    assert error.position == 10
    assert "regular" in error.params["problem"]


def test_regex_pattern_from_a_field_is_not_checked_at_parse_time():
    assert parse("regex(., ${patron})").references == frozenset({"patron"})


@pytest.mark.parametrize(
    ("source", "position", "hint"),
    [
        ("", 1, "vacía"),
        ("   ", 1, "vacía"),
        ("${a} == 1", 6, "="),
        ("${a} && ${b}", 6, "and"),
        ("${a} || ${b}", 6, "or"),
        ("!${a}", 1, "not"),
        ("${a} <> 1", 6, "!="),
        ("${a} / 2", 6, "div"),
        ("${a} % 2", 6, "mod"),
        ("$edad", 1, "${"),
        ("${1a}", 3, "letra"),
        ("${}", 3, "letra"),
        ("(1 + 2", 7, ")"),
        ("1 + 2)", 6, ")"),
        ("edad > 1", 1, "${edad}"),
        ("1 2", 3, "operador"),
        ("and 1", 1, "and"),
        ("1 and", 6, "and"),
        ("* 2", 1, "valor"),
        ("if(1, 2 3)", 9, ")"),
        ("1, 2", 2, ","),
        ("${a} # 1", 6, "#"),
        ("..", 1, ".."),
        ("1.2.3", 4, "1.2"),
        ("()", 2, ")"),
    ],
)
def test_syntax_errors_have_a_position_and_a_spanish_hint(source: str, position: int, hint: str):
    error = syntax_error(source)
    assert error.position == position
    assert hint in error.params["problem"]


def test_error_message_in_english_too():
    error = syntax_error("1 +")
    assert error.message("en").startswith("Invalid expression at position 4")


def test_too_deep_nesting_is_a_syntax_error_not_a_crash():
    syntax_error("(" * 5000 + "1" + ")" * 5000)
    syntax_error("1" + " + 1" * 5000)
    syntax_error("-" * 5000 + "1")
    syntax_error("not(" * 2000 + "1" + ")" * 2000)


def test_moderate_nesting_is_fine():
    source = "(" * 30 + "1" + ")" * 30
    assert parse(source).evaluate(MappingContext({})) == 1
    assert parse("1" + " + 1" * 50).evaluate(MappingContext({})) == 51


def test_too_long_is_a_syntax_error():
    syntax_error("'" + "a" * 20_000 + "'")


# --- public API shape ---------------------------------------------------------------------------


def test_functions_table_has_the_odk_functions_with_their_counts():
    expected = {
        "if": (3, 3), "selected": (2, 2), "count-selected": (1, 1), "selected-at": (2, 2),
        "string-length": (1, 1), "contains": (2, 2), "starts-with": (2, 2), "ends-with": (2, 2),
        "substr": (2, 3), "substring-before": (2, 2), "substring-after": (2, 2), "normalize-space": (1, 1),
        "string": (1, 1), "number": (1, 1), "int": (1, 1), "boolean": (1, 1), "round": (1, 2),
        "floor": (1, 1), "ceiling": (1, 1), "abs": (1, 1), "sum": (1, 1), "count": (1, 1),
        "regex": (2, 2), "today": (0, 0), "now": (0, 0), "date": (1, 1), "format-date": (2, 2),
        "not": (1, 1), "true": (0, 0), "false": (0, 0), "coalesce": (2, 2),
        "concat": (1, None), "min": (1, None), "max": (1, None),
    }  # fmt: skip
    assert {name: (spec.min_args, spec.max_args) for name, spec in FUNCTIONS.items()} == expected
    assert all(callable(spec.call) for spec in FUNCTIONS.values())


def test_mapping_context_defaults_to_the_clock():
    ctx = MappingContext({})
    assert isinstance(ctx.today, date)
    assert isinstance(ctx.now, datetime)
    assert ctx.today == ctx.now.date()
    fixed = MappingContext({}, now=datetime(2024, 3, 1, 9, 30))
    assert fixed.today == date(2024, 3, 1)


def test_a_failing_context_becomes_an_evaluation_error():
    class Broken:
        today = date(2024, 1, 1)
        now = datetime(2024, 1, 1)
        current = None

        def lookup(self, name: str) -> object:
            raise KeyError(name)

    with pytest.raises(ExpressionError) as caught:
        parse("${nadie} + 1").evaluate(Broken())
    assert caught.value.code == errors.EXPRESSION_EVALUATION


def test_truthy_is_exported():
    assert [truthy(v) for v in (None, "", 0, 0.0, False, [], "0", "false", 1, [""], date(2024, 1, 1))] == [
        False, False, False, False, False, False, True, True, True, True, True,
    ]  # fmt: skip
