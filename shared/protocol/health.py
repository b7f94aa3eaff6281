"""Sync health: device and server compare per-day digests of the submissions they hold.

A day whose digests differ is one where some submission is on one side only; the device can then
re-push that day (pushes are idempotent) without resending everything.

The "day" of a submission is the UTC date of its envelope's ``created_at`` (not the local date, not the
official filing date): both sides can compute it from the envelope alone, whatever their time zone,
so they always put a submission in the same day.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date
from typing import Annotated

from pydantic import Field

from shared.protocol.base import SHA256_HEX_PATTERN, Request, Response, ResponseModel

MAX_HEALTH_DAYS = 400


def day_digest(submission_ids: Iterable[str]) -> str:
    """SHA-256 hex of the sorted ids joined by newlines: the same set gives the same digest, in any order."""
    return hashlib.sha256("\n".join(sorted(submission_ids)).encode("utf-8")).hexdigest()


class DayDigest(ResponseModel):
    """The submissions of one day on one side, summarised by :func:`day_digest`.

    It ignores unknown fields although devices send it too, because it also appears inside
    :class:`HealthResponse`, which old devices must keep reading after a server upgrade.
    """

    day: date
    count: Annotated[int, Field(ge=0)]
    digest: Annotated[str, Field(pattern=SHA256_HEX_PATTERN)]


class HealthRequest(Request):
    """The device's digests for the days it wants checked.

    ``pending_count`` (submissions still in its outbox), ``app_version`` and ``clock_skew_seconds``
    (the device's clock minus the server's, as the device measured it against ``/ping``; its signed
    requests are already corrected, so the server cannot see it) are optional reports the server keeps
    for the coordinator's view of device health.
    """

    days: list[DayDigest] = Field(max_length=MAX_HEALTH_DAYS)
    pending_count: Annotated[int, Field(ge=0)] | None = None
    app_version: Annotated[str, Field(min_length=1, max_length=64)] | None = None
    clock_skew_seconds: Annotated[int, Field(ge=-(10**9), le=10**9)] | None = None


class HealthResponse(Response):
    """The server's digests for the same days, and the days where the two sides differ."""

    days: list[DayDigest]
    mismatched_days: list[date] = Field(default_factory=list)
