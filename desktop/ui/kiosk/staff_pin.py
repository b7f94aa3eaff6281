"""The staff PIN that ends kiosk mode: hashed with Argon2id, kept in the encrypted store, rate-limited.

A 4-8 digit PIN has at most 10^8 values, so its hash is no secret against someone holding the file;
what protects it is where it lives (the encrypted store, through ``DesktopBackend.kiosk_pin_hash``)
and the lock-out after repeated wrong tries at the screen. Hashing and checking take a noticeable
fraction of a second by design, so callers run them through ``run_op``, off the UI thread.
"""

from __future__ import annotations

import time
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

PIN_MIN_LENGTH, PIN_MAX_LENGTH = 4, 8
FREE_ATTEMPTS = 5
LOCKOUT_SECONDS = 60

# OWASP's second Argon2id profile (19 MiB, 2 passes, 1 lane): ~50 ms here, fine on an old kiosk PC.
_HASHER = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)


def is_valid_pin(pin: str) -> bool:
    return pin.isdigit() and pin.isascii() and PIN_MIN_LENGTH <= len(pin) <= PIN_MAX_LENGTH


def hash_pin(pin: str) -> str:
    if not is_valid_pin(pin):
        raise ValueError("a staff PIN has 4 to 8 digits")
    return _HASHER.hash(pin)


def verify_pin(stored: str | None, pin: str) -> bool:
    if not stored:
        return False
    try:
        return _HASHER.verify(stored, pin)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


class PinStore:
    """The hash lives in the encrypted store (``DesktopBackend.kiosk_pin_hash``); these calls block,
    so callers run them through ``run_op``."""

    def __init__(self, backend: Any) -> None:
        self.backend = backend

    def load(self) -> str | None:
        return self.backend.kiosk_pin_hash()

    def save(self, pin: str) -> None:
        self.backend.set_kiosk_pin_hash(hash_pin(pin))

    def check(self, pin: str) -> bool:
        """Whether ``pin`` is the staff PIN."""
        return verify_pin(self.load(), pin)


class AttemptLimiter:
    """After :data:`FREE_ATTEMPTS` wrong tries, wait; each further wrong try doubles the wait."""

    def __init__(self, free: int = FREE_ATTEMPTS, lockout_seconds: float = LOCKOUT_SECONDS) -> None:
        self.free, self.lockout_seconds = free, lockout_seconds
        self.failures = 0
        self.locked_until = 0.0

    def seconds_to_wait(self) -> int:
        return max(0, int(self.locked_until - time.monotonic() + 0.999))

    def record(self, ok: bool) -> None:
        if ok:
            self.failures = 0
            self.locked_until = 0.0
            return
        self.failures += 1
        if self.failures >= self.free:
            wait = self.lockout_seconds * 2 ** (self.failures - self.free)
            self.locked_until = time.monotonic() + min(wait, 3600)
