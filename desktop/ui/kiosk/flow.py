"""One citizen's session: every screen that holds what they typed, chose or looked up lives here.

The window creates a flow when a citizen starts and destroys it whole when they finish or leave, so
"wiping" is not a list of fields to clear (one would be forgotten) but the end of the objects
themselves. Screens are built when first needed, in the order of the legal act: service, what it
needs, the questions, review, the data-protection notice, saving, the cargo, the survey.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from desktop.i18n.error_text import exception_text
from desktop.ops.api import NewSubmission, SubmissionDetail
from desktop.ui.form.attachment_editor import AttachmentEditor
from desktop.ui.kiosk.consent_screen import ConsentScreen
from desktop.ui.kiosk.context import KioskContext, KioskScreen
from desktop.ui.kiosk.printing import KioskPrinter
from desktop.ui.kiosk.question_screen import QuestionScreen
from desktop.ui.kiosk.receipt_screen import ReceiptScreen
from desktop.ui.kiosk.review_screen import ReviewScreen
from desktop.ui.kiosk.service_info import ServiceInfoScreen
from desktop.ui.kiosk.services_screen import ServicesScreen
from desktop.ui.kiosk.speech import Speaker
from desktop.ui.kiosk.status_screen import LookupLimiter, StatusScreen
from desktop.ui.kiosk.survey_screen import SurveyScreen
from desktop.ui.kiosk.usb_files import FilesScreen
from desktop.ui.kiosk.widgets import fit_to_current
from desktop.ui.tasks import run_op
from shared.forms import ServiceDefinition


class CitizenFlow(QStackedWidget):
    """``mode``: "file" (start at the tiles), "status" (lookup) or "survey" (rate the service)."""

    flow_did_finish = Signal()
    screen_did_change = Signal()
    busy_did_change = Signal(bool)
    submission_did_save = Signal(object)  # SubmissionDetail

    def __init__(
        self,
        context: KioskContext,
        printer: KioskPrinter,
        limiter: LookupLimiter,
        speaker: Speaker | None = None,
        mode: str = "file",
        typed: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context, self.printer, self.limiter, self.speaker = context, printer, limiter, speaker
        self.mode = mode
        self.service: ServiceDefinition | None = None
        self.services: ServicesScreen | None = None
        self.info: ServiceInfoScreen | None = None
        self.questions: QuestionScreen | None = None
        self.review: ReviewScreen | None = None
        self.consent: ConsentScreen | None = None
        self.receipt: ReceiptScreen | None = None
        self.survey: SurveyScreen | None = None
        self.status: StatusScreen | None = None
        self.files: FilesScreen | None = None
        self.saved: SubmissionDetail | None = None
        self.saving = False
        fit_to_current(self)
        if mode == "status":
            self.status = self._add(StatusScreen(context, limiter, typed))
            self.status.back_was_requested.connect(self.flow_did_finish)
            self.show_screen(self.status)
        elif mode == "survey" and context.survey is not None:
            self.open_survey(None)
        else:
            self.show_services()

    # --- screens ----------------------------------------------------------------------------------
    def _add(self, screen: KioskScreen) -> KioskScreen:
        screen.apply_theme()
        self.addWidget(screen)
        return screen

    def _drop(self, screen: KioskScreen | None) -> None:
        if screen is not None:
            self.removeWidget(screen)
            screen.setParent(None)
            screen.deleteLater()

    def screens(self) -> list[KioskScreen]:
        return [self.widget(i) for i in range(self.count()) if isinstance(self.widget(i), KioskScreen)]

    def current_screen(self) -> KioskScreen | None:
        current = self.currentWidget()
        return current if isinstance(current, KioskScreen) else None

    def show_screen(self, screen: KioskScreen) -> None:
        self.setCurrentWidget(screen)
        screen.focus_first()
        self.screen_did_change.emit()

    def go_back(self) -> bool:
        screen = self.current_screen()
        return screen.go_back() if screen is not None else False

    def set_language(self, lang: str) -> None:
        for screen in self.screens():
            screen.set_language(lang)
        self.screen_did_change.emit()

    def apply_theme(self) -> None:
        for screen in self.screens():
            screen.apply_theme()
            screen.retranslate()

    # --- filing ------------------------------------------------------------------------------------
    def show_services(self) -> None:
        if self.services is None:
            self.services = self._add(ServicesScreen(self.context))
            self.services.service_was_chosen.connect(self.choose_service)
            self.services.back_was_requested.connect(self.flow_did_finish)
        self.show_screen(self.services)

    def choose_service(self, service: ServiceDefinition) -> None:
        """A different service than before: what was typed for the other one is dropped."""
        if self.service is not None and self.service.id != service.id:
            for screen in (self.info, self.questions, self.review, self.consent):
                self._drop(screen)
            self.info = self.questions = self.review = self.consent = None
        self.service = service
        if self.info is None:
            self.info = self._add(ServiceInfoScreen(self.context, service))
            self.info.back_was_requested.connect(self.show_services)
            self.info.start_was_requested.connect(self.start_questions)
        self.show_screen(self.info)

    def start_questions(self) -> None:
        if self.service is None:
            return
        if self.questions is None:
            self.questions = self._add(QuestionScreen(self.context, self.service, self.speaker))
            self.questions.back_was_requested.connect(lambda: self.choose_service(self.service))
            self.questions.form_did_complete.connect(self.show_review)
            self.questions.files_were_requested.connect(self.choose_file)
            self.questions.start_at_beginning()
        self.show_screen(self.questions)

    def choose_file(self, editor: AttachmentEditor) -> None:
        self._drop(self.files)
        self.files = self._add(FilesScreen(self.context, editor))
        self.files.file_was_chosen.connect(lambda path: self._file_chosen(editor, path))
        self.files.done.connect(self._files_done)
        self.show_screen(self.files)

    def _file_chosen(self, editor: AttachmentEditor, path: Path) -> None:
        editor.add_files([path])
        self._files_done()

    def _files_done(self) -> None:
        if self.questions is not None:
            self.show_screen(self.questions)
        self._drop(self.files)
        self.files = None

    def show_review(self) -> None:
        if self.service is None or self.questions is None:
            return
        if self.review is None:
            self.review = self._add(ReviewScreen(self.context, self.service))
            self.review.back_was_requested.connect(self.start_questions)
            self.review.change_was_requested.connect(self.change_answer)
            self.review.confirm_was_requested.connect(self.show_consent)
        self.review.show_answers(self.questions.form_view.validate().cleaned)
        self.show_screen(self.review)

    def change_answer(self, name: str) -> None:
        if self.questions is not None:
            self.setCurrentWidget(self.questions)
            self.questions.go_to_page_of(name)
            self.screen_did_change.emit()

    def show_consent(self) -> None:
        if self.consent is None:
            self.consent = self._add(ConsentScreen(self.context))
            self.consent.back_was_requested.connect(self.show_review)
            self.consent.save_was_requested.connect(self.save)
            self.consent.refusal_did_end.connect(self.flow_did_finish)
        self.show_screen(self.consent)

    def new_submission(self) -> NewSubmission | None:
        if self.service is None or self.questions is None:
            return None
        view = self.questions.form_view
        return NewSubmission(
            service_id=self.service.id,
            form_version=self.service.form.version,
            answers=view.validate().cleaned,
            attachments=view.attachment_inputs(),
            pages=None,  # a kiosk receives no paper
            channel="kiosk",
            received_by=self.context.received_by(),
        )

    def save(self) -> None:
        if self.saving or self.questions is None or self.consent is None:
            return
        if not self.questions.complete():
            self.start_questions()
            self.questions.next()
            return
        new = self.new_submission()
        if new is None:
            return
        self.saving = True
        self.consent.set_saving(True)
        self.busy_did_change.emit(True)
        backend = self.context.backend
        run_op(self, lambda: backend.save_submission(new), self._saved, self._save_failed)

    def _saved(self, detail: SubmissionDetail) -> None:
        """Saved: the answers are no longer needed on screen; only the cargo stays until "Terminar"."""
        self.saving = False
        self.busy_did_change.emit(False)
        self.saved = detail
        self.submission_did_save.emit(detail)
        if self.receipt is None:
            self.receipt = self._add(ReceiptScreen(self.context, self.printer))
            self.receipt.finish_was_requested.connect(self.finish_receipt)
        self.receipt.show_detail(detail)
        self.show_screen(self.receipt)
        for screen in (self.services, self.info, self.questions, self.review, self.consent):
            self._drop(screen)
        self.services = self.info = self.questions = self.review = self.consent = None

    def _save_failed(self, exc: BaseException) -> None:
        self.saving = False
        self.busy_did_change.emit(False)
        if self.consent is not None:
            self.consent.set_saving(False)
            self.consent.status.setText("⚠ " + exception_text(exc, self.context.lang))

    def finish_receipt(self) -> None:
        if self.context.survey is None:
            self.flow_did_finish.emit()
            return
        self.open_survey(self.saved.service.id if self.saved else None)

    def open_survey(self, service_used: str | None) -> None:
        survey = self.context.survey
        if survey is None:
            self.flow_did_finish.emit()
            return
        self.survey = self._add(SurveyScreen(self.context, survey, service_used))
        self.survey.survey_did_finish.connect(self.flow_did_finish)
        self.survey.survey_did_save.connect(self.submission_did_save)
        self.show_screen(self.survey)
        if self.receipt is not None:
            self._drop(self.receipt)
            self.receipt = None
