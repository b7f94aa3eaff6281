"""Source text to syntax tree: a small Pratt parser, chosen over a grammar library for its messages.

A hand-written parser knows what it expected at each point, so the designer reads "falta «)» para
cerrar el paréntesis abierto en la posición 4" instead of a list of token names. Unknown functions,
wrong argument counts and literal regular expressions that do not compile are reported here, so a bad
form definition is refused when it is loaded, not when a citizen fills it in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from shared import errors
from shared.expressions.error import ExpressionError
from shared.expressions.functions import FUNCTIONS, compiled_pattern
from shared.expressions.lexer import (
    DOT,
    END,
    FIELD,
    NAME,
    NUMBER,
    OP,
    STRING,
    Token,
    syntax_error,
    tokenize,
)
from shared.expressions.nodes import Binary, Call, Current, FieldRef, Literal, Negate, Node

MAX_LENGTH = 10_000
MAX_DEPTH = 100
_UNARY_POWER = 7
_POWER = {
    "or": 1,
    "and": 2,
    "=": 3,
    "!=": 3,
    "<": 4,
    "<=": 4,
    ">": 4,
    ">=": 4,
    "+": 5,
    "-": 5,
    "*": 6,
    "div": 6,
    "mod": 6,
}
_WORD_OPERATORS = frozenset({"or", "and", "div", "mod"})


@dataclass(frozen=True, slots=True)
class ParseResult:
    root: Node
    references: frozenset[str]
    uses_current: bool


def parse_tree(source: str) -> ParseResult:
    """Parse ``source``; raises ExpressionError with a Spanish problem and a 1-based position."""
    if len(source) > MAX_LENGTH:
        raise syntax_error(
            MAX_LENGTH + 1, f"la expresión es demasiado larga (máximo {MAX_LENGTH} caracteres)"
        )
    if not source.strip():
        raise syntax_error(1, "la expresión está vacía")
    return _Parser(tokenize(source)).parse()


@dataclass
class _Parser:
    tokens: list[Token]
    index: int = 0
    nesting: int = 0
    references: set[str] = field(default_factory=set)
    uses_current: bool = False
    depths: dict[int, int] = field(default_factory=dict)

    def parse(self) -> ParseResult:
        root = self.expression(0)
        token = self.peek()
        if token.kind != END:
            if token.text == ")":
                raise syntax_error(token.position, "sobra «)»: no hay un paréntesis abierto que cerrar")
            if token.text == ",":
                raise syntax_error(
                    token.position, "«,» fuera de una función: separa argumentos, como en if(a, b, c)"
                )
            raise syntax_error(
                token.position, f"falta un operador (como and, or, =, +) antes de «{token.text}»"
            )
        return ParseResult(root, frozenset(self.references), self.uses_current)

    def peek(self) -> Token:
        return self.tokens[self.index]

    def advance(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def expression(self, min_power: int) -> Node:
        self.nesting += 1
        if self.nesting > MAX_DEPTH:
            raise syntax_error(self.peek().position, f"la expresión anida más de {MAX_DEPTH} niveles")
        left = self.prefix()
        while True:
            token = self.peek()
            op = _infix_operator(token)
            if op is None or _POWER[op] <= min_power:
                break
            self.advance()
            right = self.expression(_POWER[op])
            left = self.built(Binary(op, left, right, token.position), left, right)
        self.nesting -= 1
        return left

    def built(self, node: Node, *children: Node) -> Node:
        """Record ``node``'s depth, refusing trees too deep to evaluate without exhausting the stack."""
        depth = 1 + max((self.depths.get(id(child), 1) for child in children), default=0)
        if depth > MAX_DEPTH:
            raise syntax_error(node.position, f"la expresión anida más de {MAX_DEPTH} niveles")
        self.depths[id(node)] = depth
        return node

    def prefix(self) -> Node:
        token = self.advance()
        if token.kind in (NUMBER, STRING):
            return Literal(token.value, token.position)
        if token.kind == FIELD:
            self.references.add(token.value)
            return FieldRef(token.value, token.position)
        if token.kind == DOT:
            self.uses_current = True
            return Current(token.position)
        if token.text == "-":
            operand = self.expression(_UNARY_POWER - 1)
            return self.built(Negate(operand, token.position), operand)
        if token.text == "(":
            inner = self.expression(0)
            closing = self.peek()
            if closing.text != ")":
                raise syntax_error(
                    closing.position,
                    f"falta «)» para cerrar el paréntesis abierto en la posición {token.position}",
                )
            self.advance()
            return inner
        if token.kind == NAME:
            return self.name(token)
        raise syntax_error(
            token.position, _missing_value(token, self.tokens[self.index - 2] if self.index > 1 else None)
        )

    def name(self, token: Token) -> Node:
        if token.text in _WORD_OPERATORS:
            raise syntax_error(token.position, f"falta un valor antes de «{token.text}»")
        if self.peek().text != "(":
            raise syntax_error(
                token.position,
                f"nombre suelto «{token.text}»: use ${{{token.text}}} para un campo"
                f" o {token.text}() para una función",
            )
        self.advance()
        args: list[Node] = []
        if self.peek().text != ")":
            args.append(self.expression(0))
            while self.peek().text == ",":
                self.advance()
                args.append(self.expression(0))
        closing = self.peek()
        if closing.text != ")":
            raise syntax_error(
                closing.position,
                f"falta «)» o «,» en los argumentos de {token.text}()"
                f" (abierta en la posición {token.position})",
            )
        self.advance()
        call = Call(token.text, tuple(args), token.position)
        _check_call(call)
        return self.built(call, *args)


def _infix_operator(token: Token) -> str | None:
    if token.kind == OP and token.text in _POWER:
        return token.text
    if token.kind == NAME and token.text in _WORD_OPERATORS:
        return token.text
    return None


def _missing_value(token: Token, previous: Token | None) -> str:
    after = f" después de «{previous.text}»" if previous is not None else ""
    if token.kind == END:
        return f"la expresión termina antes de tiempo: falta un valor{after}"
    return f"falta un valor{after} antes de «{token.text}»"


def _check_call(call: Call) -> None:
    spec = FUNCTIONS.get(call.name)
    if spec is None:
        raise ExpressionError(
            errors.EXPRESSION_UNKNOWN_FUNCTION,
            params={"name": call.name},
            details={"position": call.position},
            position=call.position,
        )
    given = len(call.args)
    if given < spec.min_args or (spec.max_args is not None and given > spec.max_args):
        raise ExpressionError(
            errors.EXPRESSION_ARITY,
            params={"name": call.name, "expected": _expected(spec.min_args, spec.max_args), "given": given},
            details={"position": call.position},
            position=call.position,
        )
    pattern = call.args[1] if call.name == "regex" else None
    if (
        isinstance(pattern, Literal)
        and isinstance(pattern.value, str)
        and compiled_pattern(pattern.value) is None
    ):
        raise syntax_error(pattern.position, _regex_problem(pattern.value))


def _expected(low: int, high: int | None) -> str:
    if high is None:
        return f"al menos {low}"
    if low == high:
        return str(low)
    return f"{low} o {high}" if high == low + 1 else f"de {low} a {high}"


def _regex_problem(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as exc:
        return f"expresión regular inválida ({exc.msg})"
    except (RecursionError, OverflowError):
        pass
    return "expresión regular inválida"
