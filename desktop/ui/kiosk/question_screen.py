"""Filling the form at the kiosk: one question (or one group) per screen, with its progress.

The shared renderer (``desktop.ui.form.FormView`` in touch mode) builds the editors and applies the one
rule book (``validate_answers``) on every change, exactly as at the counter; this screen only decides
which top-level field is on screen. "Siguiente" shows the errors of this screen and stays, or moves to
the next screen whose question is relevant; the progress counts only relevant screens, so it never
promises questions that will be skipped.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n.error_text import field_error_text
from desktop.ui.form import FormView
from desktop.ui.form.attachment_editor import AttachmentEditor
from desktop.ui.form.editors import DateEditor, LineEditor, TextAreaEditor
from desktop.ui.form.form_view import RepeatEditor
from desktop.ui.form.rows import FieldRow
from desktop.ui.form.tiles_editor import TilesEditor
from desktop.ui.form.ubigeo_editor import UbigeoEditor
from desktop.ui.kiosk.context import KioskContext, KioskScreen
from desktop.ui.kiosk.speech import Speaker
from desktop.ui.kiosk.widgets import button, describe, label, touch_anywhere
from shared.forms import FormVersion, ServiceDefinition
from shared.i18n import pick


def kiosk_pages(form: FormVersion) -> list[tuple[str, ...]]:
    """Top-level field names per screen: one question or group each; a note goes with the question
    after it (it introduces it), or with the last question when it closes the form."""
    pages: list[tuple[str, ...]] = []
    notes: list[str] = []
    for field in form.fields:
        if field.type == "note":
            notes.append(field.name)
            continue
        pages.append((*notes, field.name))
        notes = []
    if notes:
        if pages:
            pages[-1] = (*pages[-1], *notes)
        else:
            pages.append(tuple(notes))
    return pages


def top_level_owner(form: FormVersion) -> dict[str, str]:
    """Field name -> the top-level field it sits in (groups do not nest answers; repeats do)."""
    return {field.name: top.name for top in form.fields for field in top.walk()}


def path_owner(path: str, owners: dict[str, str]) -> str:
    first = path.split(".", 1)[0].split("[", 1)[0]
    return owners.get(first, first)


class QuestionScreen(KioskScreen):
    """Emits ``form_did_complete`` after the last relevant screen, ``back_was_requested`` before the first."""

    form_did_complete = Signal()
    files_were_requested = Signal(object)  # AttachmentEditor
    answers_did_change = Signal()

    def __init__(
        self,
        context: KioskContext,
        service: ServiceDefinition,
        speaker: Speaker | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, parent, service)
        self.service: ServiceDefinition = service
        self.speaker = speaker
        self.pages = kiosk_pages(service.form)
        self.owners = top_level_owner(service.form)
        self.page = 0
        self.returning_to_review = False
        self.title = label("subtitle")
        self.progress_label = label(wrap=False)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.read_button = button()
        self.read_button.clicked.connect(self.read_aloud)
        self.status = label("error")
        self.back_button = button()
        self.next_button = button(primary=True)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.read_button)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress_label)
        progress_row.addWidget(self.progress, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.back_button)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.next_button)
        self.body = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 8, 32, 8)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addLayout(progress_row)
        layout.addLayout(self.body, 1)
        layout.addLayout(bottom)
        self.form_view = self._build_form()
        self.retranslate()
        self.show_page(0)

    # --- the renderer --------------------------------------------------------------------------------
    def _build_form(self) -> FormView:
        view = FormView(
            self.service.form,
            self.lang,
            touch=True,
            error_text=lambda error: field_error_text(error, self.lang),
        )
        QScroller.grabGesture(view.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        view.setFrameShape(QFrame.Shape.NoFrame)
        for row in view.root.rows():
            if isinstance(row.editor, LineEditor):
                row.editor.edit.installEventFilter(self)  # runs before the renderer's Enter-moves-on
        view.answers_did_change.connect(self.answers_did_change)
        view.answers_did_change.connect(self._update_progress)
        for editor in view.attachment_editors():
            editor.setAcceptDrops(False)
            editor.add_button.clicked.disconnect()
            editor.add_button.clicked.connect(
                lambda _checked=False, e=editor: self.files_were_requested.emit(e)
            )
        touch_anywhere(view)
        self.body.addWidget(view)
        return view

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """Enter ("Listo" on the on-screen keyboard) in the last field of a screen means "Siguiente"."""
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and watched is self._last_field_on_page()
        ):
            self.next()
            return True
        return False

    def _last_field_on_page(self) -> QWidget | None:
        controls = self.page_controls()
        return controls[-1] if controls else None

    def rebuild_form(self) -> None:
        """A new renderer in the current language, with everything typed, attached and touched kept."""
        old = self.form_view
        answers = old.answers()
        files = {editor.field.name: [f.path for f in editor.files] for editor in old.attachment_editors()}
        touched = {row.path for row in old.root.rows() if row.touched}
        old.setParent(None)
        old.deleteLater()
        self.form_view = self._build_form()
        self.form_view.set_answers(answers)
        for editor in self.form_view.attachment_editors():
            if files.get(editor.field.name):
                editor.add_files(files[editor.field.name])
        for row in self.form_view.root.rows():
            row.touched = row.path in touched
        self.apply_theme()
        self.show_page(self.page)

    def rows(self) -> Iterator[FieldRow]:
        return self.form_view.root.rows()

    # --- pages ------------------------------------------------------------------------------------
    def page_is_relevant(self, index: int) -> bool:
        relevant = self.form_view.result.relevant
        names = self.pages[index]
        questions = [n for n in names if self.service.form.field(n).type != "note"] or list(names)
        return any(name in relevant for name in questions)

    def relevant_pages(self) -> list[int]:
        return [index for index in range(len(self.pages)) if self.page_is_relevant(index)]

    def show_page(self, index: int) -> None:
        self.page = max(0, min(index, len(self.pages) - 1))
        self.form_view.reveal_all = False
        self.form_view.show_only(frozenset(self.pages[self.page]))
        self.form_view.verticalScrollBar().setValue(0)
        self.status.clear()
        self._update_progress()
        self._update_buttons()
        self._fix_tab_chain()

    def page_controls(self) -> list[QWidget]:
        """The focusable controls of the question(s) on screen, in order."""
        names = set(self.pages[self.page])
        return [
            control
            for row in self.rows()
            if row.editor is not None and path_owner(row.path, self.owners) in names and row.isVisibleTo(self)
            for control in row.editor.controls()
        ]

    def _fix_tab_chain(self) -> None:
        """Tab goes through this screen's question, then "Siguiente", then "Atrás"."""
        chain = [*self.page_controls(), self.next_button, self.back_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def focus_first(self) -> None:
        names = set(self.pages[self.page])
        for row in self.rows():
            if (
                path_owner(row.path, self.owners) in names
                and row.editor is not None
                and row.isVisibleTo(self)
            ):
                row.editor.controls()[0].setFocus()
                return
        self.next_button.setFocus()

    def page_errors(self) -> list[Any]:
        names = set(self.pages[self.page])
        return [e for e in self.form_view.validate().errors if path_owner(e.path, self.owners) in names]

    def next(self) -> None:
        """Stay and show what is wrong on this screen, or move on (or finish)."""
        names = set(self.pages[self.page])
        for row in self.rows():
            if path_owner(row.path, self.owners) in names:
                row.touched = True
        errors = self.page_errors()
        if errors:
            self.form_view.reveal_all = True
            self.form_view.refresh()
            self.form_view.focus_path(errors[0].path)
            self.status.setText("⚠ " + self.tr("Revise lo marcado con ⚠ antes de seguir."))
            return
        if self.form_view.hashing:
            self.status.setText(self.tr("Espere: se está leyendo el archivo…"))
            return
        if self.returning_to_review:
            first_wrong = self._first_page_with_errors()
            if first_wrong is None:
                self.returning_to_review = False
                self.form_did_complete.emit()
            else:
                self.show_page(first_wrong)
                self.focus_first()
            return
        following = [index for index in self.relevant_pages() if index > self.page]
        if following:
            self.show_page(following[0])
            self.focus_first()
        else:
            self.form_did_complete.emit()

    def back(self) -> None:
        earlier = [index for index in self.relevant_pages() if index < self.page]
        if earlier and not self.returning_to_review:
            self.show_page(earlier[-1])
            self.focus_first()
        elif self.returning_to_review:
            self.next()
        else:
            self.back_was_requested.emit()

    def go_back(self) -> bool:
        self.back()
        return True

    def go_to_page_of(self, name: str) -> None:
        """From the review: change one answer, then "Siguiente" returns to the review."""
        owner = self.owners.get(name, name)
        index = next((i for i, names in enumerate(self.pages) if owner in names), 0)
        self.returning_to_review = True
        self.show_page(index)
        self.focus_first()

    def _first_page_with_errors(self) -> int | None:
        result = self.form_view.validate()
        for error in result.errors:
            owner = path_owner(error.path, self.owners)
            for index, names in enumerate(self.pages):
                if owner in names:
                    return index
        return None

    def complete(self) -> bool:
        """Whether every answer is valid (the review may only follow then)."""
        return self.form_view.validate().ok

    def start_at_beginning(self) -> None:
        relevant = self.relevant_pages()
        self.returning_to_review = False
        self.show_page(relevant[0] if relevant else 0)

    # --- words ------------------------------------------------------------------------------------
    def _update_progress(self) -> None:
        relevant = self.relevant_pages()
        position = relevant.index(self.page) + 1 if self.page in relevant else 1
        total = max(1, len(relevant))
        self.progress.setRange(0, total)
        self.progress.setValue(position)
        text = self.tr("Pregunta {0} de {1}").format(position, total)
        self.progress_label.setText(text)
        self.progress.setAccessibleName(text)

    def _update_buttons(self) -> None:
        if self.returning_to_review:
            describe(
                self.next_button,
                self.tr("Volver a la revisión ▶"),
                self.tr("Guardar el cambio y volver a la revisión"),
            )
            describe(self.back_button, self.tr("◀ Cancelar cambio"), self.tr("Volver a la revisión"))
        else:
            later = [index for index in self.relevant_pages() if index > self.page]
            describe(
                self.next_button,
                self.tr("Siguiente ▶") if later else self.tr("Revisar ▶"),
                self.tr("Ir a la siguiente pregunta") if later else self.tr("Revisar todas las respuestas"),
            )
            describe(self.back_button, self.tr("◀ Atrás"), self.tr("Volver a la pregunta anterior"))

    def retranslate(self) -> None:
        self.title.setText(pick(self.service.title, self.lang))
        describe(self.read_button, self.tr("Leer en voz alta"), self.tr("Leer la pregunta en voz alta"))
        self.read_button.setVisible(self.speaker is not None and self.speaker.can_speak(self.lang))
        self._update_progress()
        self._update_buttons()
        self.kiosk_words()

    def kiosk_words(self) -> None:
        """Texts of the shared renderer that read differently at a kiosk (no drag and drop, USB)."""
        for editor in self.form_view.attachment_editors():
            editor.drop_hint.setText(
                self.tr(
                    "Conecte su memoria USB y toque «Adjuntar archivo…». También puede entregar sus "
                    "documentos después en mesa de partes."
                )
            )

    def set_language(self, lang: str) -> None:
        self.rebuild_form()
        self.retranslate()

    # --- looks ------------------------------------------------------------------------------------
    def apply_theme(self) -> None:
        """Restyle what the renderer styled inline, and widen inputs sized for the counter's small font."""
        theme = self.context.theme
        font = QFont(self.font())
        font.setPixelSize(theme.base_px)
        digit = float(max(QFontMetrics(font).horizontalAdvance("0"), 1))
        for row in self.rows():
            if row.field.type == "note":
                row.label.setStyleSheet(theme.note_style())
                continue
            row.label.setStyleSheet(theme.label_style())
            if row.hint is not None:
                row.hint.setStyleSheet(theme.hint_style())
            if row.error is not None:
                row.error.setStyleSheet(theme.error_style())
            _widen(row.editor, digit, theme.target_px)
        for _, widget in self.form_view.root.widgets():
            if isinstance(widget, RepeatEditor):
                widget.error.setStyleSheet(theme.error_style())

    def read_aloud(self) -> None:
        if self.speaker is None:
            return
        names = set(self.pages[self.page])
        parts = []
        for row in self.rows():
            if path_owner(row.path, self.owners) in names and row.isVisibleTo(self):
                parts.append(pick(row.field.label, self.lang))
                if row.field.hint:
                    parts.append(pick(row.field.hint, self.lang))
        self.speaker.say(". ".join(parts), self.lang)

    def attach_file(self, editor: AttachmentEditor, path: Path) -> list[str]:
        return editor.add_files([path])


def _widen(editor: Any, digit: float, target: int) -> None:
    """Counter-sized widths (a DNI box of 160 px) would cut kiosk-sized digits."""
    if isinstance(editor, LineEditor) and editor.edit.maximumWidth() < 1000:
        editor.edit.setMaximumWidth(int(digit * 16 + 40))
        editor.edit.setMinimumWidth(int(digit * 12 + 40))
    elif isinstance(editor, DateEditor):
        editor.edit.setMaximumWidth(int(digit * 12 + target + 30))
        editor.edit.setMinimumWidth(int(digit * 10 + target + 30))
    elif isinstance(editor, TextAreaEditor):
        editor.edit.setMinimumHeight(target * 2)
        editor.edit.setMaximumHeight(target * 4)
    elif isinstance(editor, AttachmentEditor):
        editor.list.setMaximumHeight(target * 3)
    elif isinstance(editor, UbigeoEditor):
        for combo in editor.combos:
            combo.setMinimumWidth(int(digit * 13 + target))
    elif isinstance(editor, TilesEditor):
        editor.set_icon_size(int(target * 1.3))
    if editor is not None:
        for control in editor.controls():
            if isinstance(control, QLineEdit):
                control.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
