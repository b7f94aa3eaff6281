"""The one exception type of the protocol package (its own module so siblings import it freely)."""

from __future__ import annotations

from shared.errors import TamboError


class ProtocolError(TamboError):
    """A message that cannot be decoded; ``code`` is one of the PROTOCOL_* error codes.

    PROTOCOL_UNSUPPORTED_VERSION has params ``version`` and ``supported``; PROTOCOL_MALFORMED has
    ``problem``; PROTOCOL_INVALID has ``path`` (a JSON path such as ``$.items[3].form_version``) and
    ``problem``, and ``details["errors"]`` lists every problem found, not only the first.
    """
