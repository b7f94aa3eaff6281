"""The words of the sync indicator and panel (Qt translation sources, context ``sync``).

Every module of ``desktop/ui/sync`` writes its strings inline as ``QCoreApplication.translate("sync",
"…")``: pyside6-lupdate only collects a literal passed straight to ``translate``/``tr``, so a helper
that forwards its argument would hide every string from the .ts files.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from desktop.sync.engine import SyncStatus
from desktop.sync.progress import Progress


def connection_text(status: SyncStatus) -> str:
    if status.running:
        return QCoreApplication.translate("sync", "Sincronizando…")
    return {
        "online": QCoreApplication.translate("sync", "En línea"),
        "offline": QCoreApplication.translate("sync", "Sin conexión"),
        "revoked": QCoreApplication.translate("sync", "Equipo dado de baja"),
        "not_enrolled": QCoreApplication.translate("sync", "Equipo sin registrar"),
        "no_server": QCoreApplication.translate("sync", "Sin servidor"),
        "refused": QCoreApplication.translate("sync", "El servidor rechaza este equipo"),
    }.get(status.connection, QCoreApplication.translate("sync", "Conectando…"))


def connection_color(status: SyncStatus) -> str:
    """A colour for the dot: green online, grey offline, red when a person must act, blue working."""
    if status.running:
        return "#1565c0"
    return {
        "online": "#2e7d32",
        "offline": "#757575",
        "revoked": "#c62828",
        "refused": "#c62828",
        "not_enrolled": "#ef6c00",
        "no_server": "#ef6c00",
    }.get(status.connection, "#757575")


def when_text(moment: datetime | None, now: datetime | None = None) -> str:
    """'hoy 14:32', 'ayer 09:10', '03/11/2026 16:05' or 'nunca', in the device's local time."""
    if moment is None:
        return QCoreApplication.translate("sync", "nunca")
    now = (now or datetime.now(UTC)).astimezone()
    local = moment.astimezone()
    if local.date() == now.date():
        return QCoreApplication.translate("sync", "hoy {0}").format(local.strftime("%H:%M"))
    if (now.date() - local.date()).days == 1:
        return QCoreApplication.translate("sync", "ayer {0}").format(local.strftime("%H:%M"))
    return local.strftime("%d/%m/%Y %H:%M")


def queue_text(status: SyncStatus) -> str:
    parts = [QCoreApplication.translate("sync", "{0} por enviar").format(status.pending)]
    if status.rejected:
        parts.append(QCoreApplication.translate("sync", "{0} rechazadas").format(status.rejected))
    return " · ".join(parts)


def indicator_text(status: SyncStatus, now: datetime | None = None) -> str:
    """The one line of the status bar: connection · pending · last successful sync."""
    return " · ".join(
        [
            connection_text(status),
            queue_text(status),
            QCoreApplication.translate("sync", "Última sincronización: {0}").format(
                when_text(status.last_success_at, now)
            ),
        ]
    )


def error_text(status: SyncStatus) -> str | None:
    """The engine's problem in the interface's language: English when the interface is in English (the
    installed language sets the default QLocale), Spanish otherwise (the messages come from
    shared/errors.py, which has those two)."""
    if status.error_message_en and QLocale().language() == QLocale.Language.English:
        return status.error_message_en
    return status.error_message


def tooltip_text(status: SyncStatus, now: datetime | None = None) -> str:
    lines = []
    if status.server_url:
        lines.append(QCoreApplication.translate("sync", "Servidor: {0}").format(status.server_url))
    problem = error_text(status)
    if problem:
        lines.append(problem)
    if status.health_problem:
        lines.append(status.health_problem)
    if status.next_attempt_at and not status.running and status.connection != "online":
        lines.append(
            QCoreApplication.translate("sync", "Próximo intento: {0}").format(
                when_text(status.next_attempt_at, now)
            )
        )
    lines.append(QCoreApplication.translate("sync", "Clic para ver la sincronización"))
    return "\n".join(lines)


#: The phases' Spanish names (the terminal's are in desktop.sync.progress, which imports no Qt).
PHASES = {
    "connecting": QT_TRANSLATE_NOOP("sync", "Conectando con el servidor"),
    "registering": QT_TRANSLATE_NOOP("sync", "Registrando el equipo"),
    "uploading": QT_TRANSLATE_NOOP("sync", "Enviando archivos adjuntos"),
    "pushing": QT_TRANSLATE_NOOP("sync", "Enviando solicitudes"),
    "pulling": QT_TRANSLATE_NOOP("sync", "Recibiendo novedades"),
    "checking": QT_TRANSLATE_NOOP("sync", "Comprobando con el servidor"),
    "done": QT_TRANSLATE_NOOP("sync", "Sincronización terminada"),
}


def phase_text(progress: Progress) -> str:
    return QCoreApplication.translate("sync", PHASES.get(progress.phase, progress.phase))
