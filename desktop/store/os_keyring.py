"""The operating system's keystore through ``keyring`` (Windows Credential Locker, macOS Keychain,
Secret Service on a Linux desktop).

An unattended kiosk has nobody to type the staff passphrase when it boots; its keystore slot holds a
random wrapping key in the OS keystore, which releases it only to the logged-in kiosk account. A
headless Linux has no keystore at all (``keyring`` falls back to its "fail" backend): that is reported
with a clear Spanish message, never a traceback, and the passphrase keeps working.
"""

from __future__ import annotations

import contextlib

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

from shared import errors
from shared.crypto import b64d, b64e
from shared.errors import TamboError

SERVICE_NAME = "Tambo"


def _backend() -> KeyringBackend | None:
    """The keystore keyring would use, or None when there is none usable on this system."""
    try:
        backend = keyring.get_keyring()
    except Exception:  # a broken keyring configuration must not stop the app
        return None
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    if name in ("keyring.backends.fail.Keyring", "keyring.backends.null.Keyring"):
        return None
    try:
        if float(backend.priority) <= 0:
            return None
    except Exception:
        return None
    return backend


def keyring_available() -> bool:
    return _backend() is not None


def keyring_description() -> str:
    """The keystore's name for ``tambo keys list`` ("no disponible en este sistema" when there is none)."""
    backend = _backend()
    if backend is None:
        return "no disponible en este sistema"
    return str(getattr(backend, "name", type(backend).__name__))


def _require() -> KeyringBackend:
    backend = _backend()
    if backend is None:
        raise TamboError(errors.STORE_KEYRING_UNAVAILABLE)
    return backend


def store_secret(account: str, secret: bytes) -> None:
    try:
        _require().set_password(SERVICE_NAME, account, b64e(secret))
    except keyring.errors.KeyringError as exc:
        raise TamboError(errors.STORE_KEYRING_UNAVAILABLE, details={"problem": str(exc)}) from None


def load_secret(account: str) -> bytes:
    try:
        text = _require().get_password(SERVICE_NAME, account)
    except keyring.errors.KeyringError as exc:
        raise TamboError(errors.STORE_KEYRING_UNAVAILABLE, details={"problem": str(exc)}) from None
    if not text:
        raise TamboError(errors.STORE_KEYRING_SECRET_MISSING)
    return b64d(text)


def forget_secret(account: str) -> None:
    """Delete the secret (best effort: a keystore that is gone holds nothing to delete)."""
    backend = _backend()
    if backend is None:
        return
    with contextlib.suppress(keyring.errors.KeyringError):
        backend.delete_password(SERVICE_NAME, account)
