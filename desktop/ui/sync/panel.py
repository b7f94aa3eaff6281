"""The sync panel: where the device stands with the server, progress bars while a sync runs, the items
the server refused (with its reason in Spanish) or that keep failing, and "Sincronizar ahora"."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.store.syncing import ProblemItem
from desktop.sync.engine import SyncStatus
from desktop.sync.progress import Progress
from desktop.ui.sync.texts import connection_text, error_text, phase_text, queue_text, when_text
from desktop.ui.tasks import run_op

MIB = 1024 * 1024


def _size(n: int) -> str:
    return f"{n / MIB:.1f} MB" if n >= MIB else f"{max(n, 0) / 1024:.0f} KB"


class SyncPanel(QDialog):
    """Non-modal: the clerk keeps working while it is open."""

    enroll_was_requested = Signal()

    def __init__(self, service, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.service = service
        self.setWindowTitle(QCoreApplication.translate("sync", "Sincronización"))
        self.setModal(False)
        self.resize(760, 520)
        self.connection = QLabel()
        self.connection.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.queue = QLabel()
        self.server = QLabel()
        self.last_sync = QLabel()
        self.next_attempt = QLabel()
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b71c1c;")
        facts = QFormLayout()
        facts.addRow(QCoreApplication.translate("sync", "Estado:"), self.connection)
        facts.addRow(QCoreApplication.translate("sync", "Cola:"), self.queue)
        facts.addRow(QCoreApplication.translate("sync", "Servidor:"), self.server)
        facts.addRow(QCoreApplication.translate("sync", "Última sincronización:"), self.last_sync)
        facts.addRow(QCoreApplication.translate("sync", "Próxima sincronización:"), self.next_attempt)

        self.phase = QLabel(QCoreApplication.translate("sync", "Sin actividad"))
        self.items_bar = QProgressBar()
        self.items_bar.setFormat(QCoreApplication.translate("sync", "%v de %m solicitudes"))
        self.items_bar.setAccessibleName(QCoreApplication.translate("sync", "Solicitudes enviadas"))
        self.file_bar = QProgressBar()
        self.file_bar.setAccessibleName(QCoreApplication.translate("sync", "Archivo adjunto en camino"))
        self.file_label = QLabel()
        self.file_bar.hide()

        self.problems = QTableWidget(0, 4)
        self.problems.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("sync", "N.º de registro"),
                QCoreApplication.translate("sync", "Trámite"),
                QCoreApplication.translate("sync", "Situación"),
                QCoreApplication.translate("sync", "Motivo"),
            ]
        )
        self.problems.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.problems.verticalHeader().hide()
        self.problems.setWordWrap(True)
        self.problems.setAccessibleName(
            QCoreApplication.translate("sync", "Solicitudes con problemas de envío")
        )
        header = self.problems.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.no_problems = QLabel(QCoreApplication.translate("sync", "Ninguna solicitud con problemas."))

        self.sync_button = QPushButton(QCoreApplication.translate("sync", "Sincronizar ahora"))
        self.sync_button.setAccessibleName(
            QCoreApplication.translate("sync", "Sincronizar ahora con el servidor")
        )
        self.enroll_button = QPushButton(QCoreApplication.translate("sync", "Registrar equipo…"))
        self.close_button = QPushButton(QCoreApplication.translate("sync", "Cerrar"))
        self.sync_button.clicked.connect(self.sync_now)
        self.enroll_button.clicked.connect(self.enroll_was_requested)
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.enroll_button)
        buttons.addStretch(1)
        buttons.addWidget(self.sync_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(facts)
        layout.addWidget(self.error)
        layout.addWidget(self.phase)
        layout.addWidget(self.items_bar)
        layout.addWidget(self.file_label)
        layout.addWidget(self.file_bar)
        layout.addWidget(QLabel(QCoreApplication.translate("sync", "Solicitudes con problemas:")))
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.no_problems)
        layout.addLayout(buttons)
        self.status = SyncStatus()

    # --- what the engine says -----------------------------------------------------------------------
    def show_status(self, status: SyncStatus, now: datetime | None = None) -> None:
        self.status = status
        self.connection.setText(connection_text(status))
        self.queue.setText(queue_text(status))
        self.server.setText(status.server_url or QCoreApplication.translate("sync", "ninguno"))
        self.last_sync.setText(when_text(status.last_success_at, now))
        self.next_attempt.setText(
            when_text(status.next_attempt_at, now) if status.next_attempt_at and not status.running else "—"
        )
        problems = [text for text in (error_text(status), status.health_problem) if text]
        self.error.setText("\n".join(problems))
        self.error.setVisible(bool(problems))
        self.sync_button.setEnabled(not status.running and status.connection != "not_enrolled")
        self.enroll_button.setVisible(
            status.connection in ("not_enrolled", "no_server", "refused", "unknown")
        )
        if not status.running:
            self.phase.setText(QCoreApplication.translate("sync", "Sin actividad"))
            self.file_bar.hide()
            self.file_label.hide()

    def show_progress(self, progress: Progress) -> None:
        self.phase.setText(phase_text(progress))
        if progress.items_total:
            self.items_bar.setRange(0, progress.items_total)
            self.items_bar.setValue(min(progress.items_done, progress.items_total))
        uploading = progress.phase == "uploading" and progress.file_total > 0
        self.file_bar.setVisible(uploading)
        self.file_label.setVisible(uploading)
        if uploading:
            self.file_bar.setRange(0, 1000)
            self.file_bar.setValue(int(1000 * progress.file_done / progress.file_total))
            self.file_label.setText(
                QCoreApplication.translate("sync", "Adjunto: {0} de {1} (en total {2} de {3})").format(
                    _size(progress.file_done),
                    _size(progress.file_total),
                    _size(progress.bytes_done),
                    _size(progress.bytes_total),
                )
            )

    def show_problems(self, items: list[ProblemItem]) -> None:
        self.problems.setRowCount(len(items))
        for row, item in enumerate(items):
            situation = (
                QCoreApplication.translate("sync", "Rechazada por el servidor")
                if item.state == "rejected"
                else QCoreApplication.translate("sync", "No se pudo enviar")
            )
            cells = [item.tracking_code, item.service_title, situation, item.reason or "—"]
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.problems.setItem(row, column, cell)
        self.problems.resizeRowsToContents()
        self.problems.setVisible(bool(items))
        self.no_problems.setVisible(not items)

    # --- actions ------------------------------------------------------------------------------------
    def reload_problems(self) -> None:
        run_op(self, self.service.problems, self.show_problems)

    def sync_now(self) -> None:
        self.sync_button.setEnabled(False)
        self.phase.setText(QCoreApplication.translate("sync", "Conectando con el servidor"))
        run_op(self, self.service.sync_now)
