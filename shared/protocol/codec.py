"""Encoding and decoding of protocol messages, with errors a person can act on.

Decoding runs in three steps, each with its own error code: parse the JSON (PROTOCOL_MALFORMED), check
the protocol version before anything else (PROTOCOL_UNSUPPORTED_VERSION, so a device that is too old is
told to update rather than shown a confusing field error), then validate the fields (PROTOCOL_INVALID
with the JSON path of the first problem).
"""

from __future__ import annotations

import json
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from shared import errors
from shared.protocol.base import SUPPORTED_VERSIONS
from shared.protocol.errors import ProtocolError

M = TypeVar("M", bound=BaseModel)

_MAX_REPORTED_ERRORS = 20


def encode(message: BaseModel) -> bytes:
    """A message as compact UTF-8 JSON."""
    return message.model_dump_json().encode("utf-8")


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # Two values for one key would let the signer and the verifier read different messages.
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def parse_json(data: bytes | str) -> Any:
    """Strict JSON: no NaN/Infinity, no duplicate keys; PROTOCOL_MALFORMED otherwise."""
    try:
        text = data.decode("utf-8") if isinstance(data, bytes | bytearray) else data
        return json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_no_duplicate_keys)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise ProtocolError(errors.PROTOCOL_MALFORMED, params={"problem": str(exc)[:200]}) from None


def json_path(loc: tuple[int | str, ...], data: Any) -> str:
    """A JSON path such as ``$.items[3].form_version`` from a pydantic error location.

    Pydantic inserts schema labels into locations: the tag of a discriminated union (the ``kind`` of a
    change) and member names of plain unions. The location is walked against the input so that only
    segments naming something in it are kept; below a value that is absent every segment is kept.
    """
    path = "$"
    current: Any = data
    absent = False
    for index, segment in enumerate(loc):
        is_last = index == len(loc) - 1
        if absent:
            path += f"[{segment}]" if isinstance(segment, int) else f".{segment}"
        elif isinstance(current, dict):
            if current.get("kind") == segment and not is_last:
                continue  # the union tag, always present before the member's own fields
            if segment in current:
                path += f".{segment}"
                current = current[segment]
            elif is_last:
                path += f".{segment}"
        elif isinstance(current, list) and isinstance(segment, int):
            path += f"[{segment}]"
            if 0 <= segment < len(current):
                current = current[segment]
            else:
                absent = True
    return path


def _check_version(data: dict[str, Any]) -> None:
    version = data.get("v")
    if isinstance(version, int) and not isinstance(version, bool) and version not in SUPPORTED_VERSIONS:
        raise ProtocolError(
            errors.PROTOCOL_UNSUPPORTED_VERSION,
            params={"version": version, "supported": ", ".join(str(v) for v in sorted(SUPPORTED_VERSIONS))},
            details={"version": version, "supported": sorted(SUPPORTED_VERSIONS)},
        )


def decode(model_cls: type[M], data: bytes | str | dict[str, Any]) -> M:
    """Parse and validate ``data`` as a ``model_cls`` message; raise ProtocolError if it is not one."""
    parsed = data if isinstance(data, dict) else parse_json(data)
    if not isinstance(parsed, dict):
        raise ProtocolError(
            errors.PROTOCOL_INVALID, params={"path": "$", "problem": "expected a JSON object"}
        )
    if "v" in model_cls.model_fields:
        _check_version(parsed)
    try:
        return model_cls.model_validate(parsed)
    except ValidationError as exc:
        raise invalid_message_error(exc, parsed, model_cls.__name__) from None


def invalid_message_error(exc: ValidationError, data: Any, message_type: str) -> ProtocolError:
    """PROTOCOL_INVALID for a failed validation of ``data``: the first problem's path, and every problem."""
    problems = [
        {"path": json_path(tuple(error["loc"]), data), "problem": error["msg"], "type": error["type"]}
        for error in exc.errors(include_url=False, include_input=False)[:_MAX_REPORTED_ERRORS]
    ]
    first = problems[0]
    return ProtocolError(
        errors.PROTOCOL_INVALID,
        params={"path": first["path"], "problem": first["problem"]},
        details={"errors": problems, "message_type": message_type},
    )
