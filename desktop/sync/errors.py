"""How the sync engine tells "try again later" from "the server said no".

Every failure that crosses the sync package is a :class:`~shared.errors.TamboError`. Two kinds matter
to the engine:

* :class:`TransientError`: the network failed, the server is busy or failing (5xx, 429, 423), or it
  answered something unreadable. Nothing is wrong with what the device sent; the same request later may
  work. It may carry the server's ``Retry-After``.
* :class:`ServerRefusal`: the server read the request and refused it with a stable code (4xx). Sending
  it again unchanged will meet the same answer, so the engine stops and shows the reason.
"""

from __future__ import annotations

import email.utils
from dataclasses import dataclass
from datetime import UTC, datetime

from shared import errors
from shared.errors import TamboError

#: Codes a 4xx can carry that are nevertheless worth retrying (the next attempt may differ).
RETRYABLE_CODES = frozenset(
    {
        errors.ATTACHMENT_BUSY,  # a cut request still holds the upload on the server
        errors.AUTH_REPLAY,  # a retried request that reused a nonce: a new one is made each time
        errors.REQUEST_RATE_LIMITED,
    }
)


@dataclass(eq=False)
class TransientError(TamboError):
    """A failure a later attempt may not meet; ``retry_after`` (seconds) when the server named one."""

    retry_after: float | None = None


@dataclass(eq=False)
class ServerRefusal(TamboError):
    """The server's stable refusal; ``server_message`` is its own sentence, used when the local
    template needs parameters the answer did not carry."""

    server_message: str = ""
    http_status_received: int = 0

    def message(self, lang: str = "es") -> str:
        spec = errors.spec(self.code)
        template = spec.en if lang == "en" else spec.es
        try:
            return template.format(**self.params)
        except (KeyError, IndexError, ValueError):
            return self.server_message or template


def offline(problem: str) -> TransientError:
    return TransientError(errors.SYNC_OFFLINE, params={"problem": problem})


def bad_response(problem: str) -> TransientError:
    return TransientError(errors.SYNC_BAD_RESPONSE, params={"problem": problem})


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or an HTTP date); None when absent or odd."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(min(int(value), 24 * 3600))
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def is_transient(exc: BaseException) -> bool:
    return isinstance(exc, TransientError)
