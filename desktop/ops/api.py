"""The contract between the desktop's widgets and everything below them (store, crypto, sync).

Widgets call these operations through ``desktop.ui.tasks`` (off the UI thread) and receive plain data
back; they never see SQL, files or HTTP. Every method may block (it runs on the store's single database
thread) and raises ``TamboError`` with a stable code for anything a person must be told about.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal, Protocol

from shared.forms import ServiceDefinition

SyncState = Literal["pending", "sent", "rejected"]


@dataclass(frozen=True, slots=True)
class AttachmentInput:
    """A file the clerk attached to a field; read, hashed and sealed by the save operation."""

    field: str
    path: Path
    media_type: str
    name: str


@dataclass(frozen=True, slots=True)
class NewSubmission:
    service_id: str
    form_version: int
    answers: dict[str, Any]
    attachments: tuple[AttachmentInput, ...] = ()
    pages: int | None = None
    channel: Literal["counter", "kiosk"] = "counter"
    received_by: str = ""
    observations: str = ""  # missing requirements noted at the counter (Ley 27444 art. 136)
    draft_id: str | None = None  # the draft this save completes, deleted in the same transaction


@dataclass(frozen=True, slots=True)
class SubmissionRow:
    """One line of the local list."""

    id: str
    tracking_code: str
    service_id: str
    service_title: str
    applicant_name: str
    applicant_id: str
    filed_at: datetime
    due_date: date | None
    sync_state: SyncState
    sync_error: str | None
    last_status: str | None


@dataclass(frozen=True, slots=True)
class ReceiptData:
    """Everything the cargo de recepción shows (domain README, "What the receipt shows")."""

    institution_name: str
    office: str
    tracking_code: str
    filed_at: datetime
    official_date: date
    service_title: str
    tupa_code: str | None
    calificacion: str
    plazo: str
    due_date: date | None
    applicant_name: str
    applicant_id_type: str
    applicant_id_number: str
    applicant_contact: str
    pages: int | None
    attachments: tuple[str, ...]
    fee: str
    payment_receipt: str | None
    observations: str
    received_by: str
    data_protection_notice: str
    pending_sync: bool
    integrity_code: str


@dataclass(frozen=True, slots=True)
class SubmissionDetail:
    row: SubmissionRow
    service: ServiceDefinition
    answers: dict[str, Any]
    receipt: ReceiptData
    history: tuple[dict[str, Any], ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class Draft:
    id: str
    service_id: str
    form_version: int
    answers: dict[str, Any]
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class DeviceInfo:
    """Who this device is, for the status bar, the receipt and the kiosk's "last synced" line.

    ``provisioned``: it holds an institution key and a tracking prefix, so it can save submissions
    (from an enrollment or an enrollment ticket). ``registered``: the server has accepted its key.
    """

    institution_name: str
    office: str
    device_name: str
    device_id: str | None
    provisioned: bool
    registered: bool
    server_url: str | None
    last_sync_at: datetime | None


@dataclass(frozen=True, slots=True)
class CitizenMessage:
    """A message from an office of the institution about one submission, as pulled from the server."""

    at: datetime
    from_unit: str
    body: str


@dataclass(frozen=True, slots=True)
class StatusLookup:
    """What a citizen sees after typing a tracking code and the last digits of their ID at a kiosk.

    ``status`` is a code of :mod:`shared.statuses` (None until the server's first status arrives);
    everything here is the last known state, as of ``last_sync_at``.
    """

    tracking_code: str
    service_id: str
    service_title: str
    filed_at: datetime
    due_date: date | None
    status: str | None
    status_at: datetime | None
    messages: tuple[CitizenMessage, ...]
    pending_sync: bool
    last_sync_at: datetime | None


class DesktopBackend(Protocol):
    """What the UI may ask of the desktop's lower layers."""

    def services(self, audience: str = "counter") -> list[ServiceDefinition]: ...

    def save_submission(self, new: NewSubmission) -> SubmissionDetail: ...

    def save_draft(
        self, draft_id: str | None, service_id: str, form_version: int, answers: dict[str, Any]
    ) -> str: ...

    def drafts(self) -> list[Draft]: ...

    def delete_draft(self, draft_id: str) -> None: ...

    def search(self, text: str = "", limit: int = 200, offset: int = 0) -> list[SubmissionRow]: ...

    def count(self, text: str = "") -> int: ...

    def submission(self, id_or_code: str) -> SubmissionDetail: ...

    def device_info(self) -> DeviceInfo: ...

    def lookup_status(self, tracking_code: str, id_last_digits: str) -> StatusLookup:
        """The last known status of one submission, for the citizen who filed it.

        Raises TrackingCodeError (with what is wrong: length, a character, the check) for a mistyped
        code, and the same not-found error whether the code is unknown or the ID digits do not match,
        so a kiosk never confirms that somebody else's code exists.
        """
        ...

    def kiosk_pin_hash(self) -> str | None:
        """The staff PIN that ends kiosk mode, as an Argon2id hash string (None until staff sets one).

        Kept in the encrypted store, so nobody can read or replace it without the database key.
        """
        ...

    def set_kiosk_pin_hash(self, pin_hash: str) -> None:
        """Store (replace) the kiosk's staff PIN hash (hashed by desktop.ui.kiosk.staff_pin)."""
        ...
