"""The satisfaction survey, offered after the receipt: one screen, faces with words, skippable.

It is the ``encuesta-satisfaccion`` service saved like any submission (``channel="kiosk"``), so it
syncs with everything else; it is anonymous: nothing links it to the request just filed except the
name of the procedure, which the citizen can see (and which is the survey's first question).
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScroller, QVBoxLayout, QWidget

from desktop.i18n.error_text import exception_text, field_error_text
from desktop.ops.api import NewSubmission, SubmissionDetail
from desktop.ui.form import FormView
from desktop.ui.form.tiles_editor import TilesEditor
from desktop.ui.kiosk.context import KioskContext, KioskScreen
from desktop.ui.kiosk.widgets import button, describe, label, touch_anywhere
from desktop.ui.tasks import run_op
from shared.forms import ServiceDefinition

THANKS_MS = 3000
SERVICE_FIELD = "servicio"


class SurveyScreen(KioskScreen):
    survey_did_finish = Signal()
    survey_did_save = Signal(object)  # SubmissionDetail

    def __init__(
        self,
        context: KioskContext,
        survey: ServiceDefinition,
        service_used: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, parent, survey)
        self.survey = survey
        self.service_used = service_used
        self.saving = False
        self.thanks_timer = QTimer(self)
        self.thanks_timer.setSingleShot(True)
        self.thanks_timer.setInterval(THANKS_MS)
        self.thanks_timer.timeout.connect(self.survey_did_finish)
        self.title = label("title")
        self.intro = label()
        self.status = label("error")
        self.thanks = label("title")
        self.thanks.hide()
        self.skip_button = button()
        self.send_button = button(primary=True)
        self.skip_button.clicked.connect(self.skip)
        self.send_button.clicked.connect(self.send)
        self.body = QVBoxLayout()
        bottom = QHBoxLayout()
        bottom.addWidget(self.skip_button)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 8, 32, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addLayout(self.body, 1)
        layout.addWidget(self.thanks)
        layout.addLayout(bottom)
        self.form_view = self._build_form()
        self.retranslate()
        self._fix_tab_chain()

    def _fix_tab_chain(self) -> None:
        """Tab goes through the questions, then "Enviar opinión", then "Omitir"."""
        chain = [*self.form_view.root.controls(), self.send_button, self.skip_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _build_form(self, answers: dict | None = None) -> FormView:
        view = FormView(
            self.survey.form, self.lang, touch=True, error_text=lambda e: field_error_text(e, self.lang)
        )
        QScroller.grabGesture(view.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        view.setFrameShape(QFrame.Shape.NoFrame)
        known = {c.value for c in self.survey.form.field(SERVICE_FIELD).choices}
        if answers:
            view.set_answers(answers)
        elif self.service_used in known:
            view.set_answers({SERVICE_FIELD: self.service_used})
        shown = {f.name for f in self.survey.form.fields}
        if self.service_used in known:
            shown.discard(SERVICE_FIELD)  # already known: one question less
        view.show_only(frozenset(shown))
        touch_anywhere(view)
        self.body.addWidget(view)
        return view

    def apply_theme(self) -> None:
        theme = self.context.theme
        for row in self.form_view.root.rows():
            row.label.setStyleSheet(theme.label_style())
            if row.error is not None:
                row.error.setStyleSheet(theme.error_style())
            if row.hint is not None:
                row.hint.setStyleSheet(theme.hint_style())
            if isinstance(row.editor, TilesEditor):
                row.editor.set_icon_size(int(theme.target_px * 1.3))

    def set_language(self, lang: str) -> None:
        answers = self.form_view.answers()
        self.form_view.setParent(None)
        self.form_view.deleteLater()
        self.form_view = self._build_form(answers)
        self.apply_theme()
        self.retranslate()
        self._fix_tab_chain()

    def retranslate(self) -> None:
        self.title.setText(self.tr("¿Cómo le atendimos?"))
        self.intro.setText(self.tr("Su opinión es anónima y nos ayuda a mejorar. Puede omitirla."))
        self.thanks.setText(self.tr("¡Gracias por su opinión!"))
        describe(self.skip_button, self.tr("Omitir"), self.tr("Omitir la encuesta y terminar"))
        describe(self.send_button, self.tr("Enviar opinión"), self.tr("Enviar mi opinión"))

    def focus_first(self) -> None:
        first = self.form_view.first_control()
        (first or self.send_button).setFocus()

    def skip(self) -> None:
        if not self.saving:
            self.survey_did_finish.emit()

    def send(self) -> None:
        if self.saving or self.thanks.isVisible():
            return
        if not self.form_view.reveal_errors():
            self.status.setText("⚠ " + self.tr("Elija una calificación, o toque «Omitir»."))
            return
        new = NewSubmission(
            service_id=self.survey.id,
            form_version=self.survey.form.version,
            answers=self.form_view.validate().cleaned,
            channel="kiosk",
            received_by=self.context.received_by(),
        )
        self.saving = True
        self.send_button.setEnabled(False)
        self.status.setText(self.tr("Enviando…"))
        backend = self.context.backend
        run_op(self, lambda: backend.save_submission(new), self._saved, self._failed)

    def _saved(self, detail: SubmissionDetail) -> None:
        self.saving = False
        self.status.clear()
        self.form_view.hide()
        self.send_button.hide()
        self.skip_button.hide()
        self.intro.hide()
        self.thanks.show()
        self.survey_did_save.emit(detail)
        self.thanks_timer.start()

    def _failed(self, exc: BaseException) -> None:
        self.saving = False
        self.send_button.setEnabled(True)
        self.status.setText("⚠ " + exception_text(exc, self.lang))
