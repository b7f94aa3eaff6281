"""What a sync run reports while it works and when it ends (plain data for the UI and the terminal)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Literal

Phase = Literal["connecting", "registering", "uploading", "pushing", "pulling", "checking", "done"]

#: Spanish names of the phases, as the sync panel and ``tambo sync`` show them.
PHASE_TEXT: dict[str, str] = {
    "connecting": "Conectando con el servidor",
    "registering": "Registrando el equipo",
    "uploading": "Enviando archivos adjuntos",
    "pushing": "Enviando solicitudes",
    "pulling": "Recibiendo novedades",
    "checking": "Comprobando con el servidor",
    "done": "Sincronización terminada",
}


@dataclass(frozen=True, slots=True)
class Progress:
    """A snapshot of the running sync. ``items_*`` count submissions, ``bytes_*`` attachment bytes of
    the whole run, ``file_*`` the attachment on its way now (for a progress bar on long transfers)."""

    phase: Phase
    items_done: int = 0
    items_total: int = 0
    bytes_done: int = 0
    bytes_total: int = 0
    file_done: int = 0
    file_total: int = 0
    changes: int = 0

    def with_(self, **changes: object) -> Progress:
        return replace(self, **changes)  # type: ignore[arg-type]

    @property
    def text(self) -> str:
        return PHASE_TEXT.get(self.phase, self.phase)


ProgressSink = Callable[[Progress], None]


def ignore_progress(_progress: Progress) -> None:
    """A sink for runs nobody watches."""


@dataclass
class HealthOutcome:
    """The end-of-sync comparison of per-day digests with the server."""

    days_checked: int = 0
    full: bool = True  # every day, or only the recent ones
    mismatched_days: list[str] = field(default_factory=list)
    repushed: int = 0
    still_mismatched: list[str] = field(default_factory=list)
    #: the position of the audit entry this device saw that the server's chain no longer holds
    audit_changed_at: int | None = None

    @property
    def ok(self) -> bool:
        return not self.still_mismatched and self.audit_changed_at is None


@dataclass
class SyncReport:
    """How one sync run went. ``complete``: every phase ran to its end."""

    started_at: datetime
    finished_at: datetime | None = None
    complete: bool = False
    reached_server: bool = False
    accepted: int = 0
    duplicates: int = 0
    rejected: int = 0
    attachments_uploaded: int = 0
    uploaded_bytes: int = 0  # attachment bytes put on the wire, retransmissions included
    pulled_changes: int = 0
    pending_after: int = 0
    rejected_after: int = 0
    retries: int = 0
    health: HealthOutcome | None = None
    error: BaseException | None = None

    @property
    def sent(self) -> int:
        return self.accepted + self.duplicates
