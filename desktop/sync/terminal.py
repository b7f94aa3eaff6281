"""``tambo sync`` on a terminal: a progress bar that redraws in place, or plain lines in a log.

On a TTY one line is redrawn (``\\r``) at most ten times a second: the phase, a bar, the items sent of
the total and, while an attachment travels, its bytes. When the output is a file or a pipe (cron, a
service's log), only phase changes and every tenth of the work are printed, one line each, so the log
stays readable.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

from desktop.store.syncing import ProblemItem
from desktop.sync.progress import Progress, SyncReport
from shared import errors

BAR_WIDTH = 24
REDRAW_SECONDS = 0.1


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} B"


def bar(fraction: float, width: int = BAR_WIDTH) -> str:
    fraction = min(1.0, max(0.0, fraction))
    filled = round(fraction * width)
    return "[" + "#" * filled + "." * (width - filled) + f"] {fraction:4.0%}"


def progress_line(progress: Progress) -> str:
    """One line for a snapshot: 'Enviando solicitudes [#####...]  40% · 200/500 · adjunto 1.2 MB/3.0 MB'."""
    parts = [progress.text]
    if progress.phase in ("uploading", "pushing") and (progress.items_total or progress.bytes_total):
        done = progress.items_done + (progress.bytes_done / max(progress.bytes_total, 1))
        total = progress.items_total + (1 if progress.bytes_total else 0)
        parts.append(bar(done / max(total, 1)))
        parts.append(f"{progress.items_done}/{progress.items_total} solicitudes")
        if progress.phase == "uploading" and progress.file_total:
            parts.append(f"adjunto {_size(progress.file_done)}/{_size(progress.file_total)}")
    elif progress.phase == "pulling" and progress.changes:
        parts.append(f"{progress.changes} novedades")
    return " · ".join(parts)


class TerminalProgress:
    """A progress sink for :class:`~desktop.sync.progress.Progress` snapshots."""

    def __init__(self, stream: TextIO | None = None, tty: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self._last_draw = 0.0
        self._last_phase: str | None = None
        self._last_tenth = -1
        self._width = 0

    def __call__(self, progress: Progress) -> None:
        if progress.phase == "done":
            self.clear()
            return
        line = progress_line(progress)
        if self.tty:
            now = time.monotonic()
            if progress.phase == self._last_phase and now - self._last_draw < REDRAW_SECONDS:
                return
            self._last_draw, self._last_phase = now, progress.phase
            padding = " " * max(0, self._width - len(line))
            self._width = len(line)
            self.stream.write("\r" + line + padding)
            self.stream.flush()
            return
        tenth = int(10 * progress.items_done / progress.items_total) if progress.items_total else 0
        if progress.phase != self._last_phase or tenth != self._last_tenth:
            self._last_phase, self._last_tenth = progress.phase, tenth
            self.stream.write(line + "\n")
            self.stream.flush()

    def clear(self) -> None:
        if self.tty and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0


def summary_lines(report: SyncReport, problems: list[ProblemItem]) -> list[str]:
    """What one run did, in Spanish, and every item a person must look at."""
    lines = []
    sent = f"Enviadas: {report.sent}"
    if report.duplicates:
        sent += f" ({report.duplicates} ya estaban en el servidor)"
    lines.append(
        f"{sent} · Adjuntos: {report.attachments_uploaded} ({_size(report.uploaded_bytes)}) · "
        f"Novedades recibidas: {report.pulled_changes}"
    )
    lines.append(f"Por enviar: {report.pending_after} · Rechazadas: {report.rejected_after}")
    if report.health is not None and report.health.repushed:
        lines.append(f"Comprobación: se reenviaron {report.health.repushed} solicitudes que faltaban.")
    if report.health is not None and report.health.still_mismatched:
        lines.append("Atención: no coinciden con el servidor: " + ", ".join(report.health.still_mismatched))
    if report.health is not None and report.health.audit_changed_at is not None:
        lines.append(
            "Atención: "
            + errors.message(errors.SYNC_AUDIT_CHAIN_CHANGED, position=report.health.audit_changed_at)
        )
    for item in problems:
        state = "rechazada" if item.state == "rejected" else "no se pudo enviar"
        lines.append(f"  - {item.tracking_code} ({item.service_title}), {state}: {item.reason or '—'}")
    return lines
