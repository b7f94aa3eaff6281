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
from typing import Annotated, Literal

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


class AuditHead(ResponseModel):
    """One entry of the institution's audit chain, by its place and its hash (position 0 and the
    genesis hash when the chain is still empty).

    Devices keep the last head the server showed them and send it back at the next health check: the
    server then says whether its chain still holds that hash at that place, so rewriting or cutting
    the chain in the database (possible for the database owner, who can recompute every hash) shows on
    every device that saw an entry it changed.
    """

    position: Annotated[int, Field(ge=0)]
    hash: Annotated[str, Field(pattern=SHA256_HEX_PATTERN)]


#: the server's answer about the head a device saw: still in its chain, changed or gone, or nothing asked
AuditWitness = Literal["ok", "mismatch", "unknown"]


class HealthRequest(Request):
    """The device's digests for the days it wants checked.

    ``pending_count`` (submissions still in its outbox), ``app_version`` and ``clock_skew_seconds``
    (the device's clock minus the server's, as the device measured it against ``/ping``; its signed
    requests are already corrected, so the server cannot see it) are optional reports the server keeps
    for the coordinator's view of device health. ``audit_seen`` is the last audit head the server
    showed this device (see :class:`AuditHead`), ``None`` until it has seen one.
    """

    days: list[DayDigest] = Field(max_length=MAX_HEALTH_DAYS)
    pending_count: Annotated[int, Field(ge=0)] | None = None
    app_version: Annotated[str, Field(min_length=1, max_length=64)] | None = None
    clock_skew_seconds: Annotated[int, Field(ge=-(10**9), le=10**9)] | None = None
    audit_seen: AuditHead | None = None


class HealthResponse(Response):
    """The server's digests for the same days, and the days where the two sides differ.

    ``audit_head`` is the institution's audit head now (``None`` from servers older than it), and
    ``audit_witness`` whether the chain still holds the head the device sent: ``"mismatch"`` also when
    that position no longer exists, ``"unknown"`` when the device sent none.
    """

    days: list[DayDigest]
    mismatched_days: list[date] = Field(default_factory=list)
    audit_head: AuditHead | None = None
    audit_witness: AuditWitness = "unknown"
