"""Splitting an expression into tokens, with 1-based columns for error messages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from shared import errors
from shared.expressions.error import ExpressionError

NAME_PATTERN = r"[A-Za-z_][A-Za-z0-9_]*"
_FUNCTION_NAME = re.compile(rf"{NAME_PATTERN}(?:[-:]{NAME_PATTERN})*")
_FIELD_NAME = re.compile(NAME_PATTERN)
_NUMBER = re.compile(r"\d+(?:\.\d*)?|\.\d+")
_SPACE = re.compile(r"\s+")
_OPERATORS = ("!=", "<=", ">=", "=", "<", ">", "+", "-", "*", "(", ")", ",")
_MISTAKES = {
    "==": "«==» no existe: para comparar use un solo «=»",
    "&&": "«&&» no existe: use «and»",
    "||": "«||» no existe: use «or»",
    "!": "«!» no existe: use not(...) o «!=»",
    "<>": "«<>» no existe: para «distinto de» use «!=»",
    "$": "falta «{» después de «$»: una referencia se escribe ${nombre}",
    "/": "«/» no divide: use «div» (por ejemplo ${total} div 2)",
    "%": "«%» no existe: para el resto use «mod»",
}

# Token kinds
NUMBER, STRING, FIELD, DOT, NAME, OP, END = "number", "string", "field", "dot", "name", "op", "end"


@dataclass(frozen=True, slots=True)
class Token:
    kind: str
    text: str
    position: int
    value: Any = None


def syntax_error(position: int, problem: str) -> ExpressionError:
    return ExpressionError(
        errors.EXPRESSION_SYNTAX,
        params={"position": position, "problem": problem},
        details={"position": position},
        position=position,
    )


def tokenize(source: str) -> list[Token]:
    """All tokens of ``source``, ending with an END token; raises ExpressionError on a bad character."""
    tokens: list[Token] = []
    index = 0
    while index < len(source):
        space = _SPACE.match(source, index)
        if space:
            index = space.end()
            continue
        token = _token_at(source, index)
        tokens.append(token)
        index += len(token.text)
    tokens.append(Token(END, "", len(source) + 1))
    return tokens


def _token_at(source: str, index: int) -> Token:
    position = index + 1
    char = source[index]
    if char in "'\"":
        end = source.find(char, index + 1)
        if end < 0:
            raise syntax_error(position, f"texto sin cerrar: falta la comilla de cierre ({char})")
        return Token(STRING, source[index : end + 1], position, source[index + 1 : end])
    if source.startswith("${", index):
        return _field_at(source, index)
    number = _NUMBER.match(source, index)
    if number:
        text = number.group()
        value: int | float = float(text) if "." in text else int(text)
        if source.startswith(".", number.end()):
            raise syntax_error(number.end() + 1, f"número mal escrito: «{text}.»")
        return Token(NUMBER, text, position, value)
    if char == ".":
        if source.startswith("..", index):
            raise syntax_error(position, "«..» no existe: use ${nombre} para referirse a otro campo")
        return Token(DOT, ".", position)
    name = _FUNCTION_NAME.match(source, index)
    if name:
        return Token(NAME, name.group(), position)
    for op in _OPERATORS[:3]:
        if source.startswith(op, index):
            return Token(OP, op, position)
    for mistake, problem in _MISTAKES.items():
        if source.startswith(mistake, index):
            raise syntax_error(position, problem)
    for op in _OPERATORS[3:]:
        if source.startswith(op, index):
            return Token(OP, op, position)
    raise syntax_error(position, f"carácter inesperado «{char}»")


def _field_at(source: str, index: int) -> Token:
    position = index + 1
    name = _FIELD_NAME.match(source, index + 2)
    if not name:
        raise syntax_error(
            index + 3, "nombre de campo inválido después de «${»: debe empezar con una letra o «_»"
        )
    if not source.startswith("}", name.end()):
        raise syntax_error(name.end() + 1, f"falta «}}» para cerrar la referencia ${{{name.group()}")
    return Token(FIELD, source[index : name.end() + 1], position, name.group())
