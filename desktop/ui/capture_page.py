"""Capturing one submission: the form, folios, requirements checklist and observations.

Besides the answers, the counter records what the law asks of the reception itself: how many pages
(folios) were handed in, and which requirements are missing. Missing requirements never stop the
filing (Ley 27444, art. 136): they become the observations printed on the receipt.
"""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.ops.api import NewSubmission
from desktop.ui.form import FormView
from desktop.ui.form.rows import ERROR_STYLE
from shared.forms import ServiceDefinition
from shared.i18n import pick

#: The key under which a draft keeps what is not an answer (files, folios, checklist, notes).
DRAFT_EXTRAS_KEY = "_tambo"


class CapturePage(QWidget):
    """One service being filled in; emits ``review_was_requested`` when the clerk presses "Revisar"."""

    answers_did_change = Signal()
    review_was_requested = Signal()
    cancel_was_requested = Signal()

    def __init__(self, service: ServiceDefinition, lang: str = "es", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service, self.lang = service, lang
        self.draft_id: str | None = None
        title = QLabel(pick(service.title, lang))
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        title.setWordWrap(True)
        summary = QLabel(
            self.tr("Costo: {0} · Plazo: {1} · Calificación: {2}").format(
                service.fee.describe(lang),
                service.deadline.describe(lang),
                service.calificacion.describe(lang),
            )
        )
        summary.setWordWrap(True)
        self.form_view = FormView(service.form, lang)
        self.form_view.answers_did_change.connect(self.answers_did_change)

        reception = QGroupBox(self.tr("Recepción en mesa de partes"))
        reception_layout = QVBoxLayout(reception)
        self.pages = QSpinBox()
        self.pages.setRange(0, 9999)
        self.pages.setSpecialValueText("—")
        self.pages.setAccessibleName(self.tr("Número de folios (obligatorio)"))
        self.pages.setMaximumWidth(120)
        self.pages_error = QLabel()
        self.pages_error.setStyleSheet(ERROR_STYLE)
        self.pages_error.hide()
        if service.form.pages_field:
            pages_row = QFormLayout()
            pages_label = QLabel(self.tr("Número de folios *"))
            pages_label.setBuddy(self.pages)
            pages_row.addRow(pages_label, self.pages)
            reception_layout.addLayout(pages_row)
            reception_layout.addWidget(self.pages_error)
        self.pages.setVisible(service.form.pages_field)
        self.pages.valueChanged.connect(self._pages_changed)

        self.requirement_boxes: list[tuple[str, QCheckBox]] = []
        if service.requirements:
            reception_layout.addWidget(QLabel(self.tr("Requisitos presentados (desmarque los que faltan):")))
            for requirement in service.requirements:
                text = pick(requirement, lang)
                box = QCheckBox(text)
                box.setChecked(True)
                box.setAccessibleName(self.tr("Presentó: {0}").format(text))
                box.toggled.connect(self.answers_did_change)
                self.requirement_boxes.append((text, box))
                reception_layout.addWidget(box)
        notes_label = QLabel(self.tr("Otras observaciones (opcional):"))
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(70)
        self.notes.setAccessibleName(self.tr("Otras observaciones"))
        notes_label.setBuddy(self.notes)
        self.notes.textChanged.connect(self.answers_did_change)
        reception_layout.addWidget(notes_label)
        reception_layout.addWidget(self.notes)

        self.cancel_button = QPushButton(self.tr("Cancelar"))
        self.review_button = QPushButton(self.tr("Revisar"))
        self.review_button.setAccessibleName(self.tr("Revisar antes de guardar"))
        self.review_button.setDefault(True)
        self.cancel_button.clicked.connect(self.cancel_was_requested)
        self.review_button.clicked.connect(self.request_review)
        self.status = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.review_button)

        holder = self.form_view.widget()
        holder.layout().insertWidget(1, reception)  # type: ignore[union-attr]
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(summary)
        layout.addWidget(self.form_view, 1)
        layout.addLayout(buttons)
        self.answers_did_change.connect(self._fix_tab_chain)
        self._fix_tab_chain()

    def _fix_tab_chain(self) -> None:
        """Form fields, then folios, checklist, notes, then the buttons: the order of the paper."""
        chain = list(self.form_view.root.controls())
        if self.service.form.pages_field:
            chain.append(self.pages)
        chain += [box for _, box in self.requirement_boxes] + [
            self.notes,
            self.review_button,
            self.cancel_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _pages_changed(self) -> None:
        if self.pages_error.isVisible():
            self.check_pages()
        self.answers_did_change.emit()

    def check_pages(self) -> bool:
        missing = self.service.form.pages_field and self.pages.value() < 1
        self.pages_error.setText(
            "⚠ " + self.tr("Indique cuántos folios (páginas) entrega.") if missing else ""
        )
        self.pages_error.setVisible(bool(missing))
        return not missing

    def request_review(self) -> None:
        """Show every error; go to the review only when the answers and the folios are complete."""
        if self.form_view.hashing:
            self.status.setText(self.tr("Espere: se están leyendo los archivos adjuntos…"))
            return
        pages_ok = self.check_pages()
        answers_ok = self.form_view.reveal_errors()
        if not pages_ok and answers_ok:
            self.pages.setFocus()
        if answers_ok and pages_ok:
            self.status.clear()
            self.review_was_requested.emit()
        else:
            count = len(self.form_view.result.errors) + (0 if pages_ok else 1)
            self.status.setText(self.tr("Hay {0} dato(s) por corregir.").format(count))

    # --- results -----------------------------------------------------------------------------------
    def missing_requirements(self) -> list[str]:
        return [text for text, box in self.requirement_boxes if not box.isChecked()]

    def observations(self) -> str:
        """The observation act: missing requirements, then the clerk's own notes."""
        parts = [self.tr("Falta: {0}").format(text) for text in self.missing_requirements()]
        notes = self.notes.toPlainText().strip()
        if notes:
            parts.append(notes)
        return "\n".join(parts)

    def new_submission(self, received_by: str) -> NewSubmission:
        return NewSubmission(
            service_id=self.service.id,
            form_version=self.service.form.version,
            answers=self.form_view.validate().cleaned,
            attachments=self.form_view.attachment_inputs(),
            pages=self.pages.value() if self.service.form.pages_field and self.pages.value() > 0 else None,
            channel="counter",
            received_by=received_by,
            observations=self.observations(),
            draft_id=self.draft_id,
        )

    # --- drafts ------------------------------------------------------------------------------------
    def draft_answers(self) -> dict[str, Any]:
        """The raw answers plus, under :data:`DRAFT_EXTRAS_KEY`, what a draft needs to come back whole."""
        files = [
            {"field": item.field, "path": str(item.path), "name": item.name}
            for editor in self.form_view.attachment_editors()
            for item in editor.inputs()
        ]
        extras = {
            "files": files,
            "pages": self.pages.value(),
            "missing": self.missing_requirements(),
            "notes": self.notes.toPlainText(),
        }
        return {**self.form_view.answers(), DRAFT_EXTRAS_KEY: extras}

    def restore_draft(self, draft_id: str, answers: dict[str, Any]) -> None:
        self.draft_id = draft_id
        answers = dict(answers)
        extras = answers.pop(DRAFT_EXTRAS_KEY, {}) or {}
        self.form_view.set_answers(answers)
        self.pages.setValue(int(extras.get("pages") or 0))
        missing = set(extras.get("missing") or [])
        for text, box in self.requirement_boxes:
            box.setChecked(text not in missing)
        self.notes.setPlainText(extras.get("notes") or "")
        for editor in self.form_view.attachment_editors():
            mine = [item for item in extras.get("files") or [] if item.get("field") == editor.field.name]
            if mine:
                editor.set_inputs(mine)
