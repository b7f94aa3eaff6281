"""The functions an expression may call, with ODK's meaning; none of them raises on bad data.

Each entry is ``name -> FunctionSpec(min_args, max_args or None, call)``; ``call(ctx, *args)`` gets
the evaluation context (for ``today()``) and the already evaluated arguments. The parser checks names
and argument counts, so a function body can trust its argument count.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from functools import lru_cache
from types import MappingProxyType
from typing import Any, NamedTuple

from shared.expressions.values import (
    choices,
    is_empty,
    is_list,
    items,
    to_date,
    to_number,
    to_string,
    truthy,
)

MAX_ROUND_DIGITS = 15
_WIDE = Context(prec=400)  # room for every finite float's digits plus the decimals kept


class FunctionSpec(NamedTuple):
    min_args: int
    max_args: int | None
    call: Callable[..., Any]


def _if(ctx: Any, condition: Any, then: Any, otherwise: Any) -> Any:
    return then if truthy(condition) else otherwise


def _selected(ctx: Any, answer: Any, value: Any) -> bool:
    return to_string(value).strip() in choices(answer)


def _count_selected(ctx: Any, answer: Any) -> int:
    return len(choices(answer))


def _selected_at(ctx: Any, answer: Any, index: Any) -> str:
    """The option at 0-based ``index``, or '' past the end (as ODK)."""
    chosen, number = choices(answer), to_number(index)
    if number is None or number != int(number) or not 0 <= number < len(chosen):
        return ""
    return chosen[int(number)]


def _string_length(ctx: Any, value: Any) -> int:
    return len(to_string(value))


def _concat(ctx: Any, *args: Any) -> str:
    """Joins every argument; a list (repeat values) contributes all its items, as in ODK."""
    return "".join("".join(map(to_string, arg)) if is_list(arg) else to_string(arg) for arg in args)


def _contains(ctx: Any, text: Any, part: Any) -> bool:
    return to_string(part) in to_string(text)


def _starts_with(ctx: Any, text: Any, part: Any) -> bool:
    return to_string(text).startswith(to_string(part))


def _ends_with(ctx: Any, text: Any, part: Any) -> bool:
    return to_string(text).endswith(to_string(part))


def _substr(ctx: Any, text: Any, start: Any, end: Any = None) -> str:
    """Characters from 0-based ``start`` up to (not including) ``end``; out-of-range bounds are clamped."""
    string = to_string(text)
    first = to_number(start)
    last = len(string) if end is None else to_number(end)
    if first is None or last is None:
        return ""
    low = min(max(math.floor(first), 0), len(string))
    high = min(max(math.floor(last), 0), len(string))
    return string[low:high]


def _substring_before(ctx: Any, text: Any, part: Any) -> str:
    string, separator = to_string(text), to_string(part)
    found = string.find(separator)
    return "" if found < 0 else string[:found]


def _substring_after(ctx: Any, text: Any, part: Any) -> str:
    string, separator = to_string(text), to_string(part)
    found = string.find(separator)
    return "" if found < 0 else string[found + len(separator) :]


def _normalize_space(ctx: Any, text: Any) -> str:
    return " ".join(to_string(text).split())


def _string(ctx: Any, value: Any) -> str:
    return to_string(value)


def _number(ctx: Any, value: Any) -> int | float | None:
    return to_number(value)


def _int(ctx: Any, value: Any) -> int | None:
    """Truncates toward zero: int(-2.7) is -2, as in ODK."""
    number = to_number(value)
    return None if number is None else math.trunc(number)


def _boolean(ctx: Any, value: Any) -> bool:
    return truthy(value)


def _round(ctx: Any, value: Any, digits: Any = 0) -> int | float | None:
    """Rounds half away from zero at ``digits`` decimals, on the number as written (2.675 -> 2.68).

    Python's round() rounds half to even on the binary float, which a clerk checking a fee by hand
    would read as a mistake.
    """
    number, places = to_number(value), to_number(digits)
    if number is None or places is None:
        return None
    places = math.trunc(places)
    if places > MAX_ROUND_DIGITS:
        return number
    try:
        rounded = Decimal(repr(number) if isinstance(number, float) else number).quantize(
            Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=_WIDE
        )
    except (InvalidOperation, ValueError, OverflowError):
        return None
    return int(rounded) if places <= 0 else float(rounded)


def _unary_number(function: Callable[[float], Any]) -> Callable[[Any, Any], Any]:
    def call(ctx: Any, value: Any) -> Any:
        number = to_number(value)
        if number is None:
            return None
        try:
            return function(number)
        except (OverflowError, ValueError):
            return None

    return call


def _numbers(args: tuple[Any, ...]) -> list[int | float] | None:
    """Every non-empty item of the arguments as a number; None if any is not numeric."""
    found: list[int | float] = []
    for arg in args:
        for item in items(arg):
            if is_empty(item):
                continue
            number = to_number(item)
            if number is None:
                return None
            found.append(number)
    return found


def _min(ctx: Any, *args: Any) -> int | float | None:
    numbers = _numbers(args)
    return min(numbers) if numbers else None


def _max(ctx: Any, *args: Any) -> int | float | None:
    numbers = _numbers(args)
    return max(numbers) if numbers else None


def _sum(ctx: Any, values: Any) -> int | float | None:
    """Sum of the answered items; 0 when none is answered (as ODK), None if one is not a number."""
    numbers = _numbers((values,))
    if numbers is None:
        return None
    total = math.fsum(numbers) if any(isinstance(n, float) for n in numbers) else sum(numbers)
    return total if math.isfinite(total) else None


def _count(ctx: Any, values: Any) -> int:
    return sum(1 for item in items(values) if not is_empty(item))


@lru_cache(maxsize=256)
def compiled_pattern(pattern: str) -> re.Pattern[str] | None:
    """The compiled regular expression, or None when it does not compile."""
    try:
        return re.compile(pattern)
    except (re.error, RecursionError, OverflowError):
        return None


def _regex(ctx: Any, text: Any, pattern: Any) -> bool:
    compiled = compiled_pattern(to_string(pattern))
    return compiled is not None and compiled.search(to_string(text)) is not None


def _today(ctx: Any) -> date:
    return ctx.today


def _now(ctx: Any) -> datetime:
    return ctx.now


def _date(ctx: Any, value: Any) -> date | None:
    found = to_date(value)
    return found.date() if isinstance(found, datetime) else found


def _format_date(ctx: Any, value: Any, template: Any) -> str:
    """Formats with %Y %y %m %n %d %e %H %M %S; other characters are kept. Not a date gives ''."""
    moment = to_date(value)
    if moment is None:
        return ""
    hour, minute, second = (
        (moment.hour, moment.minute, moment.second) if isinstance(moment, datetime) else (0, 0, 0)
    )
    tokens = {
        "Y": f"{moment.year:04d}",
        "y": f"{moment.year % 100:02d}",
        "m": f"{moment.month:02d}",
        "n": str(moment.month),
        "d": f"{moment.day:02d}",
        "e": str(moment.day),
        "H": f"{hour:02d}",
        "M": f"{minute:02d}",
        "S": f"{second:02d}",
        "%": "%",
    }
    return re.sub(r"%(.)", lambda m: tokens.get(m.group(1), m.group(0)), to_string(template), flags=re.S)


def _not(ctx: Any, value: Any) -> bool:
    return not truthy(value)


def _true(ctx: Any) -> bool:
    return True


def _false(ctx: Any) -> bool:
    return False


def _coalesce(ctx: Any, first: Any, second: Any) -> Any:
    return second if is_empty(first) else first


FUNCTIONS: Mapping[str, FunctionSpec] = MappingProxyType(
    {
        "if": FunctionSpec(3, 3, _if),
        "selected": FunctionSpec(2, 2, _selected),
        "count-selected": FunctionSpec(1, 1, _count_selected),
        "selected-at": FunctionSpec(2, 2, _selected_at),
        "string-length": FunctionSpec(1, 1, _string_length),
        "concat": FunctionSpec(1, None, _concat),
        "contains": FunctionSpec(2, 2, _contains),
        "starts-with": FunctionSpec(2, 2, _starts_with),
        "ends-with": FunctionSpec(2, 2, _ends_with),
        "substr": FunctionSpec(2, 3, _substr),
        "substring-before": FunctionSpec(2, 2, _substring_before),
        "substring-after": FunctionSpec(2, 2, _substring_after),
        "normalize-space": FunctionSpec(1, 1, _normalize_space),
        "string": FunctionSpec(1, 1, _string),
        "number": FunctionSpec(1, 1, _number),
        "int": FunctionSpec(1, 1, _int),
        "boolean": FunctionSpec(1, 1, _boolean),
        "round": FunctionSpec(1, 2, _round),
        "floor": FunctionSpec(1, 1, _unary_number(math.floor)),
        "ceiling": FunctionSpec(1, 1, _unary_number(math.ceil)),
        "abs": FunctionSpec(1, 1, _unary_number(abs)),
        "min": FunctionSpec(1, None, _min),
        "max": FunctionSpec(1, None, _max),
        "sum": FunctionSpec(1, 1, _sum),
        "count": FunctionSpec(1, 1, _count),
        "regex": FunctionSpec(2, 2, _regex),
        "today": FunctionSpec(0, 0, _today),
        "now": FunctionSpec(0, 0, _now),
        "date": FunctionSpec(1, 1, _date),
        "format-date": FunctionSpec(2, 2, _format_date),
        "not": FunctionSpec(1, 1, _not),
        "true": FunctionSpec(0, 0, _true),
        "false": FunctionSpec(0, 0, _false),
        "coalesce": FunctionSpec(2, 2, _coalesce),
    }
)
