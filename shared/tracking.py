"""Tracking codes: the number a citizen reads off the receipt and says over the phone.

A code is made offline, on the device that takes the filing, and must still be unique across every
device of the institution without anyone coordinating at filing time. It looks like ``PPPP-SSSSS-C``:

* ``PPPP``: the device prefix, four symbols the server assigns once, at enrollment, and never reuses;
* ``SSSSS``: the device's own serial in base 31, zero-padded (31**5, about 28.6 million per device);
* ``C``: one check symbol.

Uniqueness therefore needs only a per-device counter, which the device already keeps in its store.

**Alphabet.** 31 symbols, ``0123456789ABCDEFGHJKMNPQRSTWXYZ``: I, L and O are left out because they
look like 1 and 0, U because it looks like V, and V because, spelled aloud in Spanish ("ve" / "be"),
it is confused with B. When reading input we are forgiving: O is read as 0 and I or L as 1; case,
spaces and hyphens do not matter. U and V stay invalid: a U has no safe reading, and a V most likely
means B, which the error says (``details["maybe"]``), suggesting the code with B when that one is valid.

**Check symbol.** With symbol values ``v_0 .. v_9`` (the check symbol is ``v_9``), C is chosen so that
``sum((i + 1) * v_i) ≡ 0 (mod 31)``. Because 31 is prime, every non-zero number below 31 has an inverse
modulo 31, so no product of two such numbers is a multiple of 31. Hence:

* a single substitution ``a → b`` at position ``i`` changes the sum by ``(i + 1)(b − a)``; both factors
  lie in 1..30 in absolute value, so the change is never ≡ 0 and EVERY substitution is caught,
  the check symbol included;
* swapping two different adjacent symbols ``a, b`` at ``i, i + 1`` changes the sum by
  ``((i + 1) − (i + 2))(b − a) = −(b − a)``, never ≡ 0, so EVERY adjacent transposition is caught
  (in fact any transposition is: weights differ by 1..9, never a multiple of 31).

The parser says what is wrong: the length, the character and its position, or a failed check with the
codes reachable by undoing one adjacent swap (the commonest slip when copying).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from shared import errors
from shared.errors import TamboError

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTWXYZ"
BASE = len(ALPHABET)  # 31, a prime: the check arithmetic relies on it
PREFIX_LENGTH = 4
SERIAL_LENGTH = 5
CODE_LENGTH = PREFIX_LENGTH + SERIAL_LENGTH + 1
MAX_SERIAL = BASE**SERIAL_LENGTH - 1

_VALUE = {symbol: index for index, symbol in enumerate(ALPHABET)}
_LOOK_ALIKES = {"O": "0", "I": "1", "L": "1"}
_HEARD_AS = {"V": "B"}  # spelled aloud in Spanish, "ve" and "be" sound alike
_SEPARATORS = frozenset(" \t\r\n-‐‑‒–—_.")  # people paste codes with all sorts of dashes and dots
_CHECK_WEIGHT_INVERSE = pow(CODE_LENGTH, -1, BASE)


class TrackingCodeError(TamboError):
    """A tracking code that cannot be read; ``code`` is one of the TRACKING_* error codes."""


@dataclass(frozen=True, slots=True)
class TrackingCode:
    """A valid tracking code, split into its parts."""

    device_prefix: str
    serial: int
    check: str

    def __str__(self) -> str:
        return f"{self.device_prefix}-{_encode_serial(self.serial)}-{self.check}"


def _encode_serial(serial: int) -> str:
    digits = []
    for _ in range(SERIAL_LENGTH):
        serial, remainder = divmod(serial, BASE)
        digits.append(ALPHABET[remainder])
    return "".join(reversed(digits))


def _weighted_sum(symbols: str) -> int:
    return sum((index + 1) * _VALUE[symbol] for index, symbol in enumerate(symbols))


def _check_symbol(body: str) -> str:
    """The symbol that, weighted by 10 in the last place, brings the sum of ``body + C`` to 0 mod 31."""
    return ALPHABET[(-_weighted_sum(body) * _CHECK_WEIGHT_INVERSE) % BASE]


def make_tracking_code(device_prefix: str, serial: int) -> str:
    """The canonical code ``PPPP-SSSSS-C`` for serial number ``serial`` of the device ``device_prefix``.

    Raises ValueError for a prefix that is not four alphabet symbols (upper case) or a serial outside
    ``0..MAX_SERIAL``: these are programming or enrollment errors, not a citizen's typing.
    """
    if (
        not isinstance(device_prefix, str)
        or len(device_prefix) != PREFIX_LENGTH
        or any(symbol not in _VALUE for symbol in device_prefix)
    ):
        raise ValueError(f"device prefix must be {PREFIX_LENGTH} symbols of {ALPHABET}: {device_prefix!r}")
    if not isinstance(serial, int) or isinstance(serial, bool) or not 0 <= serial <= MAX_SERIAL:
        raise ValueError(f"serial must be an integer in 0..{MAX_SERIAL}: {serial!r}")
    body = device_prefix + _encode_serial(serial)
    return str(TrackingCode(device_prefix, serial, _check_symbol(body)))


def _typed_symbols(text: str) -> list[tuple[str, str]]:
    """(as typed, as read) for each character that is not a separator, in order."""
    return [(char, _LOOK_ALIKES.get(char.upper(), char.upper())) for char in text if char not in _SEPARATORS]


def normalize_tracking_input(text: str) -> str:
    """What the user typed, without separators, upper-cased, with O read as 0 and I/L as 1.

    The result is not validated: it may still have the wrong length or foreign characters.
    """
    return "".join(read for _, read in _typed_symbols(text))


def parse_tracking_code(text: str) -> TrackingCode:
    """Read a tracking code as a person typed it; raise TrackingCodeError saying what is wrong.

    Checks, in order: the length (TRACKING_FORMAT), the characters (TRACKING_CHARACTER, with the first
    bad character and its 1-based position counting only letters and digits; ``details["positions"]``
    lists them all, ``details["maybe"]`` lists ``{"position": p, "probably": "B"}`` for each V, and
    ``details["suggestions"]`` holds the code with those Bs when it is valid), and the check symbol
    (TRACKING_CHECK, with ``details["suggestions"]``: the valid codes obtained by swapping back one pair
    of adjacent symbols).
    """
    if not isinstance(text, str):
        raise TrackingCodeError(errors.TRACKING_FORMAT, details={"length": None})
    typed = _typed_symbols(text)
    if len(typed) != CODE_LENGTH:
        raise TrackingCodeError(errors.TRACKING_FORMAT, details={"length": len(typed)})
    bad = [(position, char) for position, (char, read) in enumerate(typed, start=1) if read not in _VALUE]
    if bad:
        position, char = bad[0]
        raise TrackingCodeError(
            errors.TRACKING_CHARACTER,
            params={"char": char, "position": position},
            details=_character_details(typed, bad),
        )
    symbols = "".join(read for _, read in typed)
    if _weighted_sum(symbols) % BASE != 0:
        raise TrackingCodeError(errors.TRACKING_CHECK, details={"suggestions": _swap_suggestions(symbols)})
    return _split(symbols)


def _character_details(typed: list[tuple[str, str]], bad: list[tuple[int, str]]) -> dict[str, object]:
    """Positions of the bad characters, what each V probably was, and the code with those Bs if valid."""
    heard = {
        position: _HEARD_AS[typed[position - 1][1]]
        for position, _ in bad
        if typed[position - 1][1] in _HEARD_AS
    }
    suggestions: list[str] = []
    if len(heard) == len(bad):
        symbols = "".join(heard.get(position, read) for position, (_, read) in enumerate(typed, start=1))
        if _weighted_sum(symbols) % BASE == 0:
            suggestions.append(str(_split(symbols)))
    return {
        "positions": [position for position, _ in bad],
        "maybe": [{"position": position, "probably": symbol} for position, symbol in heard.items()],
        "suggestions": suggestions,
    }


def _split(symbols: str) -> TrackingCode:
    serial = 0
    for symbol in symbols[PREFIX_LENGTH : PREFIX_LENGTH + SERIAL_LENGTH]:
        serial = serial * BASE + _VALUE[symbol]
    return TrackingCode(symbols[:PREFIX_LENGTH], serial, symbols[-1])


def _swap_suggestions(symbols: str) -> list[str]:
    found: list[str] = []
    for index in range(CODE_LENGTH - 1):
        if symbols[index] == symbols[index + 1]:
            continue
        swapped = symbols[:index] + symbols[index + 1] + symbols[index] + symbols[index + 2 :]
        if _weighted_sum(swapped) % BASE == 0:
            canonical = str(_split(swapped))
            if canonical not in found:
                found.append(canonical)
    return found


def is_valid_tracking_code(text: str) -> bool:
    """Whether ``text`` reads (forgivingly) as a valid tracking code."""
    try:
        parse_tracking_code(text)
    except TrackingCodeError:
        return False
    return True


def random_device_prefix() -> str:
    """A random prefix for a device that has not been enrolled yet.

    Random prefixes are NOT guaranteed unique: with 31**4 (about 920,000) of them, two devices out of
    roughly a thousand are likely to collide. The real prefix is assigned by the server at enrollment,
    which keeps the registry of prefixes in use; use this only for codes that never leave the device
    (demos, tests, a device still being set up).
    """
    return "".join(secrets.choice(ALPHABET) for _ in range(PREFIX_LENGTH))
