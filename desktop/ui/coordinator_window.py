"""``tambo --coordinator``: the regional coordinator's window, for sites that sync by USB stick.

Two jobs on one screen. As a relay: collect the bundles the sites wrote on a stick, forward them when
the laptop reaches a link (by itself every few minutes, or at once with a click), and put the
acknowledgements on a stick for the way back; a table shows per site the last visit, what is carried,
what went through and what is still to deliver. For the device it runs on (a site's own computer
opened in coordinator mode, or the coordinator's): write its bundle, and apply the acknowledgements
that came back for it.

Every operation runs off the UI thread (``run_op``); the buttons that ask for a folder call a method
taking the path, which the tests call directly.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.bundles.acks import AckResult, FolderOutcome
from desktop.bundles.coordinator import CoordinatorService, RelayState
from desktop.bundles.export import ExportResult
from desktop.bundles.relay import CollectReport, ForwardReport
from desktop.ui.tasks import run_op, user_message

#: How often the window tries to forward what it carries (it pings first: cheap when offline).
FORWARD_INTERVAL_MS = 3 * 60 * 1000
#: Sites whose last visit is older than this many days are shown in amber.
STALE_DAYS = 14
STALE_COLOR = QColor("#ffe2a8")


def when(value: datetime | None) -> str:
    return value.astimezone().strftime("%d/%m/%Y %H:%M") if value else "—"


class CoordinatorWindow(QMainWindow):
    def __init__(self, service: CoordinatorService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.state: RelayState | None = None
        self.forwarding = False
        self.note = ""
        self.setWindowTitle(self.tr("Tambo — Coordinación de sedes"))
        self.resize(1000, 640)

        self.status = QLabel(self.tr("Cargando…"))
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Estado"))

        self.collect_button = QPushButton(self.tr("Recoger paquetes de la memoria USB…"))
        self.forward_button = QPushButton(self.tr("Enviar al servidor ahora"))
        self.deliver_button = QPushButton(self.tr("Copiar acuses a la memoria USB…"))
        for button in (self.collect_button, self.forward_button, self.deliver_button):
            button.setAccessibleName(button.text().rstrip("…"))
        self.sites = QTableWidget(0, 6)
        self.sites.setHorizontalHeaderLabels(
            [
                self.tr("Sede"),
                self.tr("Última visita"),
                self.tr("Por enviar"),
                self.tr("Enviadas"),
                self.tr("Acuses por entregar"),
                self.tr("Último envío"),
            ]
        )
        self.sites.setAccessibleName(self.tr("Sedes: última visita, pendientes, enviadas y acuses"))
        self.sites.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.sites.verticalHeader().setVisible(False)
        header = self.sites.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        relay_box = QGroupBox(self.tr("Paquetes de las sedes (no se pueden leer ni alterar)"))
        relay_buttons = QHBoxLayout()
        for button in (self.collect_button, self.forward_button, self.deliver_button):
            relay_buttons.addWidget(button)
        relay_buttons.addStretch(1)
        relay_layout = QVBoxLayout(relay_box)
        relay_layout.addLayout(relay_buttons)
        relay_layout.addWidget(self.sites)

        self.own = QLabel()
        self.export_button = QPushButton(self.tr("Exportar paquete de este equipo…"))
        self.ack_button = QPushButton(self.tr("Aplicar acuses…"))
        for button in (self.export_button, self.ack_button):
            button.setAccessibleName(button.text().rstrip("…"))
        own_box = QGroupBox(self.tr("Este equipo"))
        own_layout = QHBoxLayout(own_box)
        own_layout.addWidget(self.own, 1)
        own_layout.addWidget(self.export_button)
        own_layout.addWidget(self.ack_button)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.status)
        layout.addWidget(relay_box, 1)
        layout.addWidget(own_box)
        self.setCentralWidget(central)

        self.collect_button.clicked.connect(lambda: self._ask_folder(self.collect_from))
        self.forward_button.clicked.connect(self.forward_now)
        self.deliver_button.clicked.connect(lambda: self._ask_folder(self.deliver_to))
        self.export_button.clicked.connect(lambda: self._ask_folder(self.export_to))
        self.ack_button.clicked.connect(lambda: self._ask_folder(self.apply_acks_from))
        self.timer = QTimer(self)
        self.timer.setInterval(FORWARD_INTERVAL_MS)
        self.timer.timeout.connect(self._forward_if_carrying)
        self.timer.start()
        self.refresh()

    # --- state --------------------------------------------------------------------------------------
    def refresh(self) -> None:
        run_op(self, self.service.state, self._show_state, self._failed)

    def _show_state(self, state: RelayState) -> None:
        if self.state is None and self.status.text() == self.tr("Cargando…"):
            self._say("")  # loaded: the table speaks for itself until something happens
        self.state = state
        self.sites.setRowCount(len(state.sites))
        now = datetime.now().astimezone()
        for row, site in enumerate(state.sites):
            label = f"{site.name} ({site.prefix})" if site.prefix else site.name
            carried = self.tr("{0} en {1} paquete(s)").format(site.carrying_items, site.carrying_bundles)
            values = [
                label,
                when(site.last_visit),
                carried if site.carrying_bundles else "0",
                str(site.forwarded_items),
                str(site.acks_to_deliver),
                when(site.last_forwarded_at),
            ]
            stale = site.last_visit is not None and (now - site.last_visit).days >= STALE_DAYS
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if stale:
                    item.setBackground(STALE_COLOR)
                    item.setToolTip(self.tr("Sin visita hace {0} días o más").format(STALE_DAYS))
                self.sites.setItem(row, column, item)
        self.forward_button.setEnabled(bool(state.carrying) and not self.forwarding)
        self.deliver_button.setEnabled(bool(state.acks_to_deliver))
        self.own.setText(
            self.tr("{0} solicitud(es) de este equipo esperan confirmación del servidor.").format(
                state.own_pending
            )
        )

    def _say(self, text: str) -> None:
        self.status.setText(text)

    def _failed(self, exc: BaseException) -> None:
        self._say(user_message(exc))
        self.refresh()

    def _ask_folder(self, then) -> None:  # type: ignore[no-untyped-def]
        folder = QFileDialog.getExistingDirectory(self, self.tr("Elija la carpeta (la memoria USB)"))
        if folder:
            then(Path(folder))

    # --- relay --------------------------------------------------------------------------------------
    def collect_from(self, folder: Path) -> None:
        run_op(
            self, lambda: self.service.collect(folder), self._collected, self._failed, self.tr("Recogiendo…")
        )

    def _collected(self, report: CollectReport) -> None:
        parts = [self.tr("Recogidos: {0} paquete(s).").format(len(report.collected))]
        if report.already:
            parts.append(self.tr("{0} ya se habían recogido.").format(len(report.already)))
        for refusal in report.refused:
            parts.append(f"{refusal.name}: {refusal.message}")
        self._say(" ".join(parts))
        if report.collected and not self.forwarding:
            self.note = self.status.text()  # kept in front of the forwarding's outcome
            self.forward_now()  # with a link, what was just collected goes at once
        else:
            self.refresh()

    def forward_now(self) -> None:
        if self.forwarding:
            return
        self.forwarding = True
        self.forward_button.setEnabled(False)
        self._say(" ".join([self.note, self.tr("Enviando al servidor…")]).strip())
        run_op(self, self.service.forward, self._forwarded, self._forward_failed)

    def _forward_if_carrying(self) -> None:
        if self.state is not None and self.state.carrying and not self.forwarding:
            self.forward_now()

    def _forwarded(self, report: ForwardReport) -> None:
        self.forwarding = False
        accepted = sum(summary.accepted for _manifest, summary in report.forwarded)
        parts = [
            self.tr("Enviados {0} paquete(s): {1} solicitud(es) nuevas en el servidor.").format(
                len(report.forwarded), accepted
            )
        ]
        for refusal in report.refused:
            parts.append(self.tr("Rechazado {0}: {1}").format(refusal.name, refusal.message))
        if report.stopped is not None:
            parts.append(self.tr("Lo demás se enviará después: {0}").format(user_message(report.stopped)))
        self._say(" ".join([self.note, *parts]).strip())
        self.note = ""
        self.refresh()

    def _forward_failed(self, exc: BaseException) -> None:
        self.forwarding = False
        self.note = ""
        self._failed(exc)

    def deliver_to(self, folder: Path) -> None:
        run_op(self, lambda: self.service.deliver(folder), self._delivered, self._failed)

    def _delivered(self, written: list[Path]) -> None:
        self._say(self.tr("{0} acuse(s) copiados: llévelos a sus sedes.").format(len(written)))
        self.refresh()

    # --- this device --------------------------------------------------------------------------------
    def export_to(self, folder: Path) -> None:
        run_op(
            self,
            lambda: self.service.export_own(folder),
            self._exported,
            self._failed,
            self.tr("Exportando…"),
        )

    def _exported(self, result: ExportResult) -> None:
        text = self.tr("Paquete escrito en {0}: {1} solicitud(es), {2} adjunto(s).").format(
            result.path, result.envelopes, result.attachments
        )
        if result.skipped:
            text += " " + self.tr("No incluidas (falta un adjunto): {0}").format(", ".join(result.skipped))
        self._say(text)
        self.refresh()

    def apply_acks_from(self, path: Path) -> None:
        run_op(self, lambda: self.service.apply_acks(path), self._acks_applied, self._failed)

    def _acks_applied(self, outcome: FolderOutcome | AckResult) -> None:
        results = [outcome] if isinstance(outcome, AckResult) else [r for _n, r in outcome.applied]
        sent = sum(result.sent for result in results)
        text = self.tr("{0} acuse(s) aplicados: {1} solicitud(es) confirmadas.").format(len(results), sent)
        if isinstance(outcome, FolderOutcome):
            for name, exc in outcome.failed:
                text += f" {name}: {exc.message()}"
        self._say(text)
        self.refresh()
