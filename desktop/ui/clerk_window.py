"""The clerk's window at the counter (mesa de partes): choose, capture, review, save, print.

Everything the clerk does is a page of one stack: service chooser -> form -> review -> receipt, with
the local list on a second tab. Backend calls run off the UI thread through ``run_op``; drafts are
saved two seconds after the last change so a power cut costs at most those two seconds.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.ops.api import DesktopBackend, Draft, SubmissionDetail
from desktop.ui.capture_page import CapturePage
from desktop.ui.receipt_view import ReceiptView
from desktop.ui.review_page import ReviewPage
from desktop.ui.service_chooser import ServiceChooser
from desktop.ui.submissions_view import SubmissionsView
from desktop.ui.tasks import run_op, show_failure
from shared.forms import ServiceDefinition

DRAFT_DELAY_MS = 2000


class ReceiptPage(QWidget):
    """After saving: the receipt to print, and the way to the next citizen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.view = ReceiptView()
        self.next_button = QPushButton(self.tr("Nuevo trámite"))
        self.next_button.setAccessibleName(self.tr("Atender un nuevo trámite"))
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)

    def show_detail(self, detail: SubmissionDetail) -> None:
        self.title.setText(self.tr("Solicitud registrada: {0}").format(detail.row.tracking_code))
        self.view.set_receipt(detail.receipt)


class ClerkWindow(QMainWindow):
    """Counter mode. ``submissions_did_change`` fires once per save; the list refreshes from it."""

    submissions_did_change = Signal()
    draft_did_save = Signal(str)

    def __init__(
        self,
        backend: DesktopBackend,
        received_by: str,
        lang: str = "es",
        server_url: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.backend, self.received_by, self.lang = backend, received_by, lang
        self.setWindowTitle(self.tr("Tambo — Mesa de partes"))
        self.resize(1100, 780)
        self.services: list[ServiceDefinition] = []
        self.capture: CapturePage | None = None
        self.last_detail: SubmissionDetail | None = None
        self._draft_saving = False
        self._draft_dirty = False
        self._after_draft: Callable[[], None] | None = None

        self.chooser = ServiceChooser(lang)
        self.review = ReviewPage(lang)
        self.receipt = ReceiptPage()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.chooser)
        self.capture_holder = QStackedWidget()
        self.stack.addWidget(self.capture_holder)
        self.stack.addWidget(self.review)
        self.stack.addWidget(self.receipt)
        self.list_view = SubmissionsView(backend, lang)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.stack, self.tr("Nuevo trámite"))
        self.tabs.addTab(self.list_view, self.tr("Registrados"))
        self.setCentralWidget(self.tabs)
        where = (
            self.tr("Servidor: {0}").format(server_url) if server_url else self.tr("Trabajando sin conexión")
        )
        self.statusBar().showMessage(self.tr("Atiende: {0} · {1}").format(received_by, where))

        self.draft_timer = QTimer(self)
        self.draft_timer.setSingleShot(True)
        self.draft_timer.setInterval(DRAFT_DELAY_MS)
        self.draft_timer.timeout.connect(self.save_draft)
        self.chooser.service_was_chosen.connect(self.start_capture)
        self.chooser.draft_was_chosen.connect(self.resume_draft)
        self.chooser.draft_was_discarded.connect(self.discard_draft)
        self.review.back_was_requested.connect(self.back_to_form)
        self.review.save_was_requested.connect(self.save)
        self.receipt.next_button.clicked.connect(self.new_capture)
        self.submissions_did_change.connect(self.list_view.refresh)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.load()

    # --- start-up ------------------------------------------------------------------------------------
    def load(self) -> None:
        run_op(self, lambda: self.backend.services("counter"), self._services_loaded)

    def _services_loaded(self, services: list[ServiceDefinition]) -> None:
        self.services = services
        self.chooser.set_services(services)
        self.reload_drafts()
        self.chooser.search.setFocus()

    def reload_drafts(self) -> None:
        run_op(self, self.backend.drafts, self.chooser.set_drafts)

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.list_view:
            self.list_view.refresh()
            self.list_view.search.setFocus()

    # --- capture -------------------------------------------------------------------------------------
    def start_capture(self, service: ServiceDefinition) -> CapturePage:
        while self.capture_holder.count():  # pages of earlier captures (saved or cancelled)
            old = self.capture_holder.widget(0)
            self.capture_holder.removeWidget(old)
            old.deleteLater()
        self.capture = CapturePage(service, self.lang)
        self.capture.answers_did_change.connect(self.draft_timer.start)
        self.capture.review_was_requested.connect(self.show_review)
        self.capture.cancel_was_requested.connect(self.cancel_capture)
        self.capture_holder.addWidget(self.capture)
        self.capture_holder.setCurrentWidget(self.capture)
        self.stack.setCurrentWidget(self.capture_holder)
        first = self.capture.form_view.first_control()
        if first is not None:
            first.setFocus()
        return self.capture

    def resume_draft(self, draft: Draft) -> None:
        service = next((s for s in self.services if s.id == draft.service_id), None)
        if service is None or service.form.version != draft.form_version:
            self.statusBar().showMessage(
                self.tr("Este borrador es de un formulario que ya no está disponible.")
            )
            return
        page = self.start_capture(service)
        page.restore_draft(draft.id, draft.answers)

    def discard_draft(self, draft: Draft) -> None:
        run_op(self, lambda: self.backend.delete_draft(draft.id), lambda _none: self.reload_drafts())

    def cancel_capture(self) -> None:
        """Back to the chooser; the answers stay as a draft the clerk can continue or discard."""
        if self.draft_timer.isActive():
            self.draft_timer.stop()
            self.save_draft()
        self._after_draft_or_now(self._close_capture)

    def _close_capture(self) -> None:
        self.capture = None
        self.stack.setCurrentWidget(self.chooser)
        self.reload_drafts()

    # --- drafts --------------------------------------------------------------------------------------
    def save_draft(self) -> None:
        """Save the current answers as a draft; one save at a time, the latest answers win."""
        page = self.capture
        if page is None:
            return
        if self._draft_saving:
            self._draft_dirty = True
            return
        self._draft_saving = True
        answers, draft_id, service = page.draft_answers(), page.draft_id, page.service
        run_op(
            self,
            lambda: self.backend.save_draft(draft_id, service.id, service.form.version, answers),
            lambda new_id: self._draft_saved(page, new_id),
            self._draft_failed,
        )

    def _draft_saved(self, page: CapturePage, draft_id: str) -> None:
        page.draft_id = draft_id
        self._draft_saving = False
        self.draft_did_save.emit(draft_id)
        if self._after_draft is not None:
            action, self._after_draft = self._after_draft, None
            self._draft_dirty = False
            action()
        elif self._draft_dirty:
            self._draft_dirty = False
            self.save_draft()

    def _draft_failed(self, exc: BaseException) -> None:
        self._draft_saving = False
        self.statusBar().showMessage(self.tr("No se pudo guardar el borrador: {0}").format(exc))
        if self._after_draft is not None:
            action, self._after_draft = self._after_draft, None
            action()

    def _after_draft_or_now(self, action: Callable[[], None]) -> None:
        """Run ``action`` once no draft save is in flight (so a saved draft is never recreated)."""
        if self._draft_saving:
            self._after_draft = action
        else:
            action()

    # --- review and save -----------------------------------------------------------------------------
    def show_review(self) -> None:
        if self.capture is None:
            return
        self.review.show_submission(self.capture.service, self.capture.new_submission(self.received_by))
        self.stack.setCurrentWidget(self.review)
        self.review.save_button.setFocus()

    def back_to_form(self) -> None:
        self.stack.setCurrentWidget(self.capture_holder)
        if self.capture is not None:
            self.capture.review_button.setFocus()

    def save(self) -> None:
        if self.capture is None:
            return
        self.review.set_saving(True)
        self.draft_timer.stop()
        self._after_draft_or_now(self._save_now)

    def _save_now(self) -> None:
        page = self.capture
        if page is None:
            return
        new = page.new_submission(self.received_by)
        run_op(
            self,
            lambda: self.backend.save_submission(new),
            self._saved,
            self._save_failed,
            progress_label=self.tr("Guardando la solicitud…"),
        )

    def _saved(self, detail: SubmissionDetail) -> None:
        self.last_detail = detail
        self.capture = None
        self.receipt.show_detail(detail)
        self.stack.setCurrentWidget(self.receipt)
        self.receipt.view.print_thermal_button.setFocus()
        self.statusBar().showMessage(self.tr("Guardado: {0}").format(detail.row.tracking_code))
        self.submissions_did_change.emit()

    def _save_failed(self, exc: BaseException) -> None:
        self.review.set_saving(False)
        show_failure(self, exc)

    def new_capture(self) -> None:
        self.stack.setCurrentWidget(self.chooser)
        self.reload_drafts()
        self.chooser.search.clear()
        self.chooser.search.setFocus()
