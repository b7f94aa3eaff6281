"""The local list of submissions as a ``QAbstractTableModel`` that pages through ``backend.search``.

Rows arrive a page at a time from a background call (never a query on the UI thread, unlike the
"database is locked" crashes Vorta had); the view asks for more through ``canFetchMore``/``fetchMore``
when the clerk scrolls down. A new search bumps a generation number so late pages of an old search are
dropped.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from desktop.ops.api import DesktopBackend, SubmissionRow
from desktop.ui.tasks import run_op, show_failure

PAGE_SIZE = 200
ModelIndex = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("SubmissionsTableModel", text)


def sync_text(row: SubmissionRow) -> str:
    if row.sync_state == "sent":
        return QCoreApplication.translate("SubmissionsTableModel", "Enviado")
    if row.sync_state == "rejected":
        return QCoreApplication.translate("SubmissionsTableModel", "Rechazado: {0}").format(
            row.sync_error or QCoreApplication.translate("SubmissionsTableModel", "sin motivo")
        )
    return QCoreApplication.translate("SubmissionsTableModel", "Pendiente")


def row_cells(row: SubmissionRow) -> tuple[str, ...]:
    """The texts of one line (plain data, testable without a view)."""
    return (
        row.tracking_code,
        row.service_title,
        f"{row.applicant_name} ({row.applicant_id})" if row.applicant_id else row.applicant_name,
        row.filed_at.astimezone().strftime("%d/%m/%Y %H:%M"),
        row.due_date.strftime("%d/%m/%Y") if row.due_date else "—",
        sync_text(row),
        row.last_status or "—",
    )


class SubmissionsTableModel(QAbstractTableModel):
    rows_did_load = Signal()

    HEADERS = (
        QT_TRANSLATE_NOOP("SubmissionsTableModel", "N.º de registro"),
        QT_TRANSLATE_NOOP("SubmissionsTableModel", "Trámite"),
        QT_TRANSLATE_NOOP("SubmissionsTableModel", "Solicitante"),
        QT_TRANSLATE_NOOP("SubmissionsTableModel", "Presentado"),
        QT_TRANSLATE_NOOP("SubmissionsTableModel", "Vence"),
        QT_TRANSLATE_NOOP("SubmissionsTableModel", "Sincronización"),
        QT_TRANSLATE_NOOP("SubmissionsTableModel", "Estado"),
    )

    def __init__(self, backend: DesktopBackend, page_size: int = PAGE_SIZE) -> None:
        super().__init__()
        self.backend, self.page_size = backend, page_size
        self.query = ""
        self.rows: list[SubmissionRow] = []
        self.cells: list[tuple[str, ...]] = []
        self.loading = False
        self.exhausted = False
        self._generation = 0

    # --- loading -----------------------------------------------------------------------------------
    def set_query(self, text: str) -> None:
        """Start over with ``text`` (tracking code, DNI or name; empty lists everything)."""
        self.query = text.strip()
        self.refresh()

    def refresh(self) -> None:
        self._generation += 1
        self.beginResetModel()
        self.rows, self.cells = [], []
        self.exhausted = False
        self.loading = False
        self.endResetModel()
        self._load_page()

    def _load_page(self) -> None:
        self.loading = True
        generation, query, offset, limit = self._generation, self.query, len(self.rows), self.page_size
        run_op(
            None,
            lambda: self.backend.search(query, limit=limit, offset=offset),
            lambda rows: self._append(generation, rows),
            lambda exc: self._failed(generation, exc),
        )

    def _append(self, generation: int, rows: list[SubmissionRow]) -> None:
        if generation != self._generation:
            return
        self.loading = False
        self.exhausted = len(rows) < self.page_size
        if rows:
            start = len(self.rows)
            self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
            self.rows.extend(rows)
            self.cells.extend(row_cells(row) for row in rows)
            self.endInsertRows()
        self.rows_did_load.emit()

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self.loading = False
            self.exhausted = True
            show_failure(None, exc)
            self.rows_did_load.emit()

    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008, N802 - Qt API
        return not parent.isValid() and not self.exhausted and not self.loading

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:  # noqa: B008, N802 - Qt API
        if self.canFetchMore(parent):
            self._load_page()

    # --- Qt model API ------------------------------------------------------------------------------
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return self.cells[index.row()][index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return row
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 5 and row.sync_state == "rejected":
            return QColor("#b00020")
        return None

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _tr(self.HEADERS[section])
        return None

    def row_at(self, index: ModelIndex) -> SubmissionRow:
        return self.rows[index.row()]
