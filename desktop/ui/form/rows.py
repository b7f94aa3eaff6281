"""A labelled row around one editor, and the factory that picks the editor for a field type.

The row carries what a person needs besides the input itself: the label in the chosen language, a
"*" for required fields (also spoken by screen readers as "obligatorio", never colour alone), the hint
as secondary text and tooltip, and the error message right under the input.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.ui.form.attachment_editor import AttachmentEditor
from desktop.ui.form.editors import (
    MAX_RADIO_CHOICES,
    CalculatedEditor,
    CheckboxesEditor,
    ChoiceButtonsEditor,
    ComboEditor,
    DateEditor,
    FieldEditor,
    LineEditor,
    TextAreaEditor,
)
from desktop.ui.form.tiles_editor import TilesEditor
from desktop.ui.form.ubigeo_editor import UbigeoEditor
from shared.forms import Field
from shared.i18n import pick

ERROR_STYLE = "color: #b00020; font-weight: bold;"
HINT_STYLE = "color: #555555;"


#: On touch screens (the kiosk) select_one shows up to this many choices as buttons, in two columns.
TOUCH_MAX_CHOICE_BUTTONS = 12


def make_editor(field: Field, lang: str, touch: bool = False) -> FieldEditor:
    """The editor widget for ``field``'s type (and appearance, for select_one).

    ``touch`` (kiosk): choices become large buttons instead of drop-downs wherever they fit, and
    ``appearance: tiles`` becomes a row of tiles (faces for a 1-5 rating).
    """
    if field.is_calculated:
        return CalculatedEditor(field, lang)
    kind = field.type
    if touch and kind == "select_one":
        if field.appearance == "tiles":
            return TilesEditor(field, lang)
        if len(field.choices) <= TOUCH_MAX_CHOICE_BUTTONS:
            return ChoiceButtonsEditor(field, lang, columns=2)
    if kind == "long_text":
        return TextAreaEditor(field, lang)
    if kind == "date":
        return DateEditor(field, lang)
    if kind == "yes_no":
        return ChoiceButtonsEditor(field, lang)
    if kind == "select_one":
        as_buttons = field.appearance == "buttons" or (
            field.appearance != "dropdown" and len(field.choices) <= MAX_RADIO_CHOICES
        )
        return ChoiceButtonsEditor(field, lang) if as_buttons else ComboEditor(field, lang)
    if kind == "select_multiple":
        return CheckboxesEditor(field, lang)
    if kind == "ubigeo":
        return UbigeoEditor(field, lang)
    if kind == "attachment":
        return AttachmentEditor(field, lang)
    return LineEditor(field, lang)


class FieldRow(QWidget):
    """Label, hint, editor and error message of one field (or just the text of a note)."""

    def __init__(
        self, field: Field, path: str, lang: str, parent: QWidget | None = None, touch: bool = False
    ) -> None:
        super().__init__(parent)
        self.field, self.path, self.lang = field, path, lang
        self.touched = False
        self.problem: str | None = None  # a refusal from the editor itself (e.g. a file too large)
        self.error_text: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(2)
        hint = pick(field.hint, lang)
        self.editor: FieldEditor | None = None
        if field.type == "note":
            note = QLabel(pick(field.label, lang) + (f"\n{hint}" if hint else ""))
            note.setWordWrap(True)
            note.setFrameShape(QLabel.Shape.StyledPanel)
            note.setStyleSheet("padding: 6px; background: #eef4fb;")
            note.setAccessibleName(pick(field.label, lang))
            layout.addWidget(note)
            self.label = note
            self.hint = None
            self.error = None
            return
        required = field.required is True
        self.label = QLabel(pick(field.label, lang) + (" *" if required else ""))
        self.label.setWordWrap(True)
        self.label.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.label)
        self.hint = QLabel(hint)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(HINT_STYLE)
        layout.addWidget(self.hint)
        self.hint.setVisible(bool(hint))
        self.editor = make_editor(field, lang, touch)
        if field.read_only:
            self.editor.set_read_only(True)
        layout.addWidget(self.editor)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()
        layout.addWidget(self.error)
        self.accessible_name = pick(field.label, lang) + (self.tr(" (obligatorio)") if required else "")
        self.editor.set_accessible(self.accessible_name, hint)
        for control in self.editor.controls():
            control.setToolTip(hint)
        self.label.setBuddy(self.editor.controls()[0])
        self.editor.editing_did_finish.connect(self.mark_touched)
        if isinstance(self.editor, AttachmentEditor):
            self.editor.problem_did_occur.connect(self.show_problem)
            self.editor.value_did_change.connect(lambda: self.show_problem(None))

    def mark_touched(self) -> None:
        self.touched = True

    def show_problem(self, problem: str | None) -> None:
        self.problem = problem
        self.show_error(self.error_text)

    def show_error(self, message: str | None) -> None:
        """Show ``message`` under the input (prefixed by a sign, not only red), or clear it."""
        if self.error is None or self.editor is None:
            return
        self.error_text = message
        text = "\n".join(part for part in (self.problem, message) if part)
        self.error.setText(f"⚠ {text}" if text else "")
        self.error.setVisible(bool(text))
        description = pick(self.field.hint, self.lang)
        for control in self.editor.controls():
            control.setAccessibleDescription(f"{text} {description}".strip() if text else description)
