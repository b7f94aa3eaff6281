"""The one exception type of the crypto package.

It lives in its own module (not in ``shared/crypto/__init__.py``) so the sibling modules can import it
without a circular import; ``shared.crypto.CryptoError`` is the public name.
"""

from __future__ import annotations

from shared.errors import TamboError


class CryptoError(TamboError):
    """A key, blob or signature that cannot be used; ``code`` is one of the CRYPTO_* error codes.

    ``details["reason"]`` says which check failed in words a log reader can act on (``key_id_mismatch``,
    ``decryption_failed``, ``truncated``...), without ever containing key material or plaintext.
    """
