"""ULIDs: the identifiers of submissions, attachments and events.

A ULID is made on the device without asking anyone (80 random bits make collisions across devices
negligible), and it sorts by creation time, so rows created offline keep a useful order once synced.
The text form is the canonical one: 26 upper-case Crockford base-32 characters. Only that exact form is
accepted by :func:`is_ulid`, because identifiers are compared as strings in both databases and a
lower-case twin of a stored id would silently be a different key.

Within one process, ids are also strictly increasing: two ids made in the same millisecond share the
random part of the first plus one (the ULID spec's monotonic mode), so a burst of events written in one
transaction keeps its order. The generator is ours rather than ``python-ulid``'s module-wide one, which
other code may replace and which older releases of the package do not have; the package is used only
to encode and decode. If the clock steps back, fresh randomness is drawn: order then follows the clock,
and the timestamp stays truthful.
"""

from __future__ import annotations

import os
import re
import threading
import time
from datetime import datetime

from ulid import ULID

# The first character carries only 3 bits (128 bits in 26 * 5 = 130), so it is at most 7.
_CANONICAL = re.compile(r"^[0-7][0-9A-HJKMNP-TV-Z]{25}$")
_RANDOM_BITS = 80

_lock = threading.Lock()
_last_ms = -1
_last_random = 0


def _now_ms() -> int:
    return time.time_ns() // 1_000_000


def new_ulid() -> str:
    """A fresh ULID in canonical text form, stamped with the current time, after any earlier one."""
    global _last_ms, _last_random
    with _lock:
        ms = _now_ms()
        if ms == _last_ms and _last_random + 1 < 1 << _RANDOM_BITS:
            random_part = _last_random + 1
        else:
            if ms == _last_ms:  # 2**80 ids in one millisecond: borrow the next one
                ms += 1
            random_part = int.from_bytes(os.urandom(_RANDOM_BITS // 8), "big")
        _last_ms, _last_random = ms, random_part
    return str(ULID.from_bytes(ms.to_bytes(6, "big") + random_part.to_bytes(10, "big")))


def is_ulid(text: object) -> bool:
    """Whether ``text`` is a ULID in canonical form (26 upper-case Crockford base-32 characters)."""
    return isinstance(text, str) and _CANONICAL.match(text) is not None


def ulid_timestamp(text: str) -> datetime:
    """The creation time carried by a ULID, as an aware UTC datetime (millisecond precision).

    Raises ValueError when ``text`` is not a canonical ULID.
    """
    if not is_ulid(text):
        raise ValueError(f"not a ULID: {text!r}")
    return ULID.from_str(text).datetime
