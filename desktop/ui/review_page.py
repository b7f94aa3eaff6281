"""The review screen: everything that will be saved, readable (choice labels, not stored values)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from desktop.ops.api import NewSubmission
from desktop.ui.form import review_lines
from desktop.ui.form.review import lines_html
from shared.forms import ServiceDefinition
from shared.i18n import pick


class ReviewPage(QWidget):
    """Shows a ``NewSubmission`` before it is saved; "Corregir" goes back, "Guardar" saves."""

    back_was_requested = Signal()
    save_was_requested = Signal()

    def __init__(self, lang: str = "es", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.title.setWordWrap(True)
        intro = QLabel(self.tr("Lea los datos al ciudadano y confirme que son correctos antes de guardar."))
        intro.setWordWrap(True)
        self.browser = QTextBrowser()
        self.browser.setAccessibleName(self.tr("Datos a guardar"))
        self.back_button = QPushButton(self.tr("Corregir"))
        self.save_button = QPushButton(self.tr("Guardar y emitir cargo"))
        self.save_button.setAccessibleName(self.tr("Guardar la solicitud y emitir el cargo"))
        self.save_button.setDefault(True)
        self.back_button.clicked.connect(self.back_was_requested)
        self.save_button.clicked.connect(self.save_was_requested)
        self.status = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(intro)
        layout.addWidget(self.browser, 1)
        layout.addLayout(buttons)
        QWidget.setTabOrder(self.browser, self.save_button)
        QWidget.setTabOrder(self.save_button, self.back_button)

    def show_submission(self, service: ServiceDefinition, new: NewSubmission) -> None:
        self.title.setText(self.tr("Revisión: {0}").format(pick(service.title, self.lang)))
        lines = review_lines(service.form, new.answers, self.lang)
        extra = [
            (self.tr("Folios"), str(new.pages) if new.pages is not None else "—"),
            (self.tr("Observaciones"), new.observations or self.tr("Sin observaciones")),
            (self.tr("Recibido por"), new.received_by or "—"),
        ]
        self.browser.setHtml(lines_html(lines, extra))
        self.set_saving(False)

    def text(self) -> str:
        return self.browser.toPlainText()

    def set_saving(self, saving: bool) -> None:
        self.save_button.setEnabled(not saving)
        self.back_button.setEnabled(not saving)
        self.status.setText(self.tr("Guardando…") if saving else "")
