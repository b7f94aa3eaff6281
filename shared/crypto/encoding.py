"""Base64url text for binary values that travel inside JSON (keys, signatures, sealed payloads).

Unpadded base64url (RFC 4648 §5) is safe in URLs, file names and JSON without escaping. Decoding is
strict: any character outside the alphabet, a length no encoder produces, or non-zero unused trailing
bits is refused, so each byte string has exactly one accepted text form. Lenient decoders (the
standard library's ignores stray characters) would let two different texts name the same signature.
"""

from __future__ import annotations

import base64
import binascii
import re

from shared import errors
from shared.crypto.errors import CryptoError

_ALPHABET = re.compile(r"[A-Za-z0-9_-]*")


def b64e(data: bytes) -> str:
    """``data`` as unpadded base64url text."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64d(text: str) -> bytes:
    """The bytes of unpadded base64url ``text``; raise CryptoError(CRYPTO_BAD_FORMAT) if it is not."""
    if not isinstance(text, str) or _ALPHABET.fullmatch(text) is None or len(text) % 4 == 1:
        raise CryptoError(errors.CRYPTO_BAD_FORMAT, details={"reason": "not_base64url"})
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise CryptoError(errors.CRYPTO_BAD_FORMAT, details={"reason": "not_base64url"}) from None
    if b64e(data) != text:  # non-zero padding bits: a second spelling of the same bytes
        raise CryptoError(errors.CRYPTO_BAD_FORMAT, details={"reason": "not_canonical_base64url"})
    return data
