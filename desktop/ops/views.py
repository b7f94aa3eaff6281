"""Turning stored rows into the plain values of the contract (``desktop.ops.api``) the widgets read."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from desktop.ops.api import CitizenMessage, StatusLookup, SubmissionDetail, SubmissionRow
from desktop.ops.receipts import receipt_from_json
from desktop.store.submissions import ListRow, StoredSubmission
from shared import errors
from shared.errors import TamboError
from shared.forms import ServiceDefinition
from shared.statuses import status_label

#: The fewest ID characters a citizen must type at the kiosk to see a status.
MIN_ID_DIGITS = 4
_NOT_ALNUM = re.compile(r"[^0-9A-Za-z]")


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def submission_row(row: ListRow, tz: ZoneInfo) -> SubmissionRow:
    """A list line; ``last_status`` is the status's Spanish label (what the list shows)."""
    return SubmissionRow(
        id=row.id,
        tracking_code=row.tracking_code,
        service_id=row.service_id,
        service_title=row.service_title,
        applicant_name=row.applicant_name,
        applicant_id=row.applicant_id,
        filed_at=datetime.fromisoformat(row.filed_at).astimezone(tz),
        due_date=_date(row.due_date),
        sync_state=row.sync_state,  # type: ignore[arg-type]
        sync_error=row.sync_error,
        last_status=status_label(row.last_status) or None,
    )


def _when(text: str, tz: ZoneInfo) -> str:
    return datetime.fromisoformat(text).astimezone(tz).strftime("%d/%m/%Y %H:%M")


_EVENT_WORDS = {
    "submission.saved": "Registrado en este equipo",
    "submission.sent": "Recibido por el servidor",
    "submission.rejected": "Rechazado por el servidor",
}


def history(
    audit_entries: list[dict[str, Any]],
    statuses: list[tuple[str, str, str | None]],
    messages: list[tuple[str, str, str]],
    tz: ZoneInfo,
) -> tuple[dict[str, Any], ...]:
    """What happened to one submission, oldest first: local events, statuses and messages."""
    items: list[tuple[str, dict[str, Any]]] = []
    for entry in audit_entries:
        words = _EVENT_WORDS.get(entry["event"])
        if words:
            reason = entry["data"].get("reason_code")
            text = f"{words}: {errors.message(reason)}" if reason else words
            items.append((entry["at"], {"at": _when(entry["at"], tz), "event": text}))
    for at, code, note in statuses:
        text = status_label(code) + (f" — {note}" if note else "")
        items.append((at, {"at": _when(at, tz), "status": text, "code": code}))
    for at, unit, body in messages:
        items.append((at, {"at": _when(at, tz), "event": f"Mensaje de {unit}: {body}"}))
    items.sort(key=lambda item: datetime.fromisoformat(item[0]))
    return tuple(item for _, item in items)


def submission_detail(
    stored: StoredSubmission, service: ServiceDefinition, tz: ZoneInfo, events: tuple[dict[str, Any], ...]
) -> SubmissionDetail:
    row = submission_row(stored.row, tz)
    receipt = receipt_from_json(json.loads(stored.receipt), pending_sync=row.sync_state != "sent")
    return SubmissionDetail(row, service, json.loads(stored.answers), receipt, events)


def id_matches(applicant_id: str, typed: str) -> bool:
    """Whether ``typed`` (at least :data:`MIN_ID_DIGITS` characters) ends the applicant's ID number."""
    typed = _NOT_ALNUM.sub("", typed or "").upper()
    number = _NOT_ALNUM.sub("", applicant_id or "").upper()
    return len(typed) >= MIN_ID_DIGITS and bool(number) and number.endswith(typed)


def status_lookup(
    stored: StoredSubmission | None,
    typed_id: str,
    messages: list[tuple[str, str, str]],
    last_sync_at: datetime | None,
    tz: ZoneInfo,
) -> StatusLookup:
    """The citizen's view, or LOOKUP_NOT_FOUND alike for an unknown code and a wrong ID."""
    if stored is None or not id_matches(stored.row.applicant_id, typed_id):
        raise TamboError(errors.LOOKUP_NOT_FOUND)
    row = stored.row
    return StatusLookup(
        tracking_code=row.tracking_code,
        service_id=row.service_id,
        service_title=row.service_title,
        filed_at=datetime.fromisoformat(row.filed_at).astimezone(tz),
        due_date=_date(row.due_date),
        status=row.last_status,
        status_at=datetime.fromisoformat(row.last_status_at).astimezone(tz) if row.last_status_at else None,
        messages=tuple(
            CitizenMessage(datetime.fromisoformat(at).astimezone(tz), unit, body)
            for at, unit, body in messages
        ),
        pending_sync=row.sync_state != "sent",
        last_sync_at=last_sync_at,
    )
