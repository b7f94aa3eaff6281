"""The expression language of form definitions: XLSForm/ODK-style XPath for relevance, constraints
and calculations, parsed and evaluated safely (no eval), identically on the desktop and the server.

Syntax: ``${name}`` (another field), ``.`` (the field being checked), integers, decimals, strings in
single or double quotes (no escapes, as in XPath), parentheses, function calls with hyphenated names,
and operators from lowest to highest precedence: ``or``; ``and``; ``= !=``; ``< <= > >=``; ``+ -``;
``* div mod``; unary ``-``. Binary operators group left to right. Error positions are 1-based columns.

Values: None (unanswered), bool, int, float, str, date, datetime, and list (a select-multiple answer,
or the values of a field inside a repeat seen from outside it).

- Empty means None, '' or []. Arithmetic with an empty operand gives None. ``=``/``!=`` compare an
  empty operand as '' (``${x} = ''`` is true when x is unanswered); ``< <= > >=`` with an empty
  operand are false.
- Comparison: a list is first read as its space-joined text (ODK's select-multiple value). Then, for
  ``=``/``!=``, if either side is a boolean both are booleans ('true'/'si'/'yes'/'1' and
  'false'/'no'/'0' read as words; other strings match neither). Else if either side is a number (or a
  boolean, for ``<`` etc.) both are numbers; a side that is not numeric makes ``=`` false, ``!=``
  true, and the others false. Else if either side is a date, an ISO text is read as a date (a plain
  date meets a datetime at midnight, a naive datetime takes the other side's zone). Else texts
  compare as texts, except that ``< <= > >=`` compare two numeric texts as numbers (XPath).
- Arithmetic: numbers from texts use XPath's syntax (no exponent); ints stay ints for ``+ - *``;
  ``div`` gives an int when both are ints and divide exactly, a float otherwise; ``mod`` keeps the
  sign of the dividend (as XPath and Java); division by zero and non-finite results give None.
  date - date = days (int; float if a time is involved); date ± number = date; number + date = date.
  Dates used elsewhere as numbers count days since 1970-01-01 (as ODK).
- Truth: None, '', 0, NaN, False and [] are false; everything else is true (even 'false').
- ``and``/``or`` give booleans and stop early; all other operators and functions evaluate all
  their operands (``if`` too; nothing can fail, so this is unobservable).
- Function details (``sum``/``min``/``max`` skip empty items, ``substr`` is 0-based with clamped
  bounds, ``round`` is half away from zero, ``regex`` searches) are in ``functions.py``.

Evaluation never raises for bad data; only a failing context raises ExpressionError(EXPRESSION_EVALUATION).
Parsing raises ExpressionError with EXPRESSION_SYNTAX, EXPRESSION_UNKNOWN_FUNCTION or EXPRESSION_ARITY.
"""

from __future__ import annotations

from shared.expressions.error import ExpressionError
from shared.expressions.expression import EvaluationContext, Expression, MappingContext, parse
from shared.expressions.functions import FUNCTIONS, FunctionSpec
from shared.expressions.values import truthy

__all__ = [
    "FUNCTIONS",
    "EvaluationContext",
    "Expression",
    "ExpressionError",
    "FunctionSpec",
    "MappingContext",
    "parse",
    "truthy",
]
