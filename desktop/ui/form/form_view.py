"""The form renderer: widgets built from a ``FormVersion``, answers collected, rules applied live.

Every change collects the raw answers and runs ``shared.forms.validate_answers`` (a pure, fast
function) on the UI thread; its result decides which fields are shown (relevance), what calculated
fields display, and which errors appear next to fields the clerk has already touched (all of them
after "Revisar"). The same code will render forms in kiosk mode.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.ops.api import AttachmentInput
from desktop.ui.form.attachment_editor import AttachmentEditor
from desktop.ui.form.editors import CalculatedEditor
from desktop.ui.form.review import instance_title
from desktop.ui.form.rows import ERROR_STYLE, FieldRow
from shared.forms import Field, FieldError, FormVersion, ValidationResult, validate_answers
from shared.i18n import pick


class Section(QWidget):
    """The fields of one data level: the form itself, or one instance of a repeat."""

    def __init__(
        self,
        fields: tuple[Field, ...],
        prefix: str,
        lang: str,
        changed: Callable[[], None],
        touch: bool = False,
    ) -> None:
        super().__init__()
        self.prefix, self.lang, self.changed, self.touch = prefix, lang, changed, touch
        self.items: list[tuple[Field, QWidget]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._build(fields, layout)

    def _build(self, fields: tuple[Field, ...], layout: QVBoxLayout) -> None:
        for field in fields:
            if field.type == "group":
                box = QGroupBox(pick(field.label, self.lang))
                box.setAccessibleName(pick(field.label, self.lang))
                inner = QVBoxLayout(box)
                self.items.append((field, box))
                self._build(field.fields, inner)
                layout.addWidget(box)
            elif field.type == "repeat":
                repeat = RepeatEditor(field, self.path_of(field.name), self.lang, self.changed, self.touch)
                self.items.append((field, repeat))
                layout.addWidget(repeat)
            else:
                row = FieldRow(field, self.path_of(field.name), self.lang, touch=self.touch)
                if row.editor is not None:
                    row.editor.value_did_change.connect(self.changed)
                    row.editor.editing_did_finish.connect(self.changed)
                self.items.append((field, row))
                layout.addWidget(row)

    def path_of(self, name: str) -> str:
        return f"{self.prefix}.{name}" if self.prefix else name

    def set_prefix(self, prefix: str) -> None:
        self.prefix = prefix
        for field, widget in self.items:
            if isinstance(widget, FieldRow):
                widget.path = self.path_of(field.name)
            elif isinstance(widget, RepeatEditor):
                widget.set_path(self.path_of(field.name))

    # --- answers -------------------------------------------------------------------------------
    def collect(self) -> dict[str, Any]:
        answers: dict[str, Any] = {}
        for field, widget in self.items:
            if isinstance(widget, FieldRow) and widget.editor is not None:
                value = widget.editor.value()
                if value is not None and not field.is_calculated:
                    answers[field.name] = value
            elif isinstance(widget, RepeatEditor) and widget.instances:
                answers[field.name] = [instance.collect() for instance in widget.instances]
        return answers

    def restore(self, answers: dict[str, Any]) -> None:
        for field, widget in self.items:
            if isinstance(widget, FieldRow) and widget.editor is not None and field.name in answers:
                widget.editor.set_value(answers[field.name])
            elif isinstance(widget, RepeatEditor):
                widget.restore(answers.get(field.name) or [])

    def set_defaults(self) -> None:
        for field, widget in self.items:
            if isinstance(widget, FieldRow) and widget.editor is not None and field.default is not None:
                widget.editor.set_value(field.default)

    # --- walking -----------------------------------------------------------------------------------
    def rows(self) -> Iterator[FieldRow]:
        for _, widget in self.items:
            if isinstance(widget, FieldRow):
                yield widget
            elif isinstance(widget, RepeatEditor):
                for instance in widget.instances:
                    yield from instance.rows()

    def widgets(self) -> Iterator[tuple[str, QWidget]]:
        """(path, widget) of every row, group box and repeat, in document order."""
        for field, widget in self.items:
            yield self.path_of(field.name), widget
            if isinstance(widget, RepeatEditor):
                for instance in widget.instances:
                    yield from instance.widgets()

    def controls(self) -> Iterator[QWidget]:
        """Focusable controls in document order, for the tab chain."""
        for _, widget in self.items:
            if isinstance(widget, FieldRow) and widget.editor is not None:
                yield from widget.editor.controls()
            elif isinstance(widget, RepeatEditor):
                yield from widget.controls()


class RepeatEditor(QWidget):
    """A repeat (e.g. witnesses): one box per instance, with buttons to add and remove instances."""

    def __init__(
        self, field: Field, path: str, lang: str, changed: Callable[[], None], touch: bool = False
    ) -> None:
        super().__init__()
        self.field, self.path, self.lang, self.changed, self.touch = field, path, lang, changed, touch
        self.instances: list[Section] = []
        self.boxes: list[QGroupBox] = []
        self.remove_buttons: list[QPushButton] = []
        self.label = pick(field.label, lang)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        title = QLabel(self.label + (" *" if field.required is True or field.min_repeat else ""))
        title.setStyleSheet("font-weight: bold;")
        layout.addWidget(title)
        self.container = QVBoxLayout()
        layout.addLayout(self.container)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.add_button = QPushButton(self.tr("Agregar: {0}").format(self.label))
        self.add_button.setAccessibleName(self.add_button.text())
        self.add_button.clicked.connect(lambda: self.add_instance())
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        layout.addLayout(row)
        for _ in range(field.min_repeat):
            self.add_instance(notify=False)

    def set_path(self, path: str) -> None:
        self.path = path
        for index, instance in enumerate(self.instances):
            instance.set_prefix(f"{path}[{index}]")

    def add_instance(self, notify: bool = True) -> Section:
        index = len(self.instances)
        box = QGroupBox()
        inner = QVBoxLayout(box)
        section = Section(self.field.fields, f"{self.path}[{index}]", self.lang, self.changed, self.touch)
        section.set_defaults()
        inner.addWidget(section)
        remove = QPushButton()
        remove.clicked.connect(lambda: self.remove_instance(self.remove_buttons.index(remove)))
        inner.addWidget(remove)
        self.container.addWidget(box)
        box.show()  # a widget added to a shown parent would otherwise appear only after the event loop runs
        self.instances.append(section)
        self.boxes.append(box)
        self.remove_buttons.append(remove)
        self._renumber()
        if notify:
            self.changed()
            section.setFocus()
        return section

    def remove_instance(self, index: int) -> None:
        box = self.boxes.pop(index)
        self.instances.pop(index)
        self.remove_buttons.pop(index)
        box.setParent(None)
        box.deleteLater()
        self.set_path(self.path)
        self._renumber()
        self.changed()

    def _renumber(self) -> None:
        for number, (box, remove) in enumerate(zip(self.boxes, self.remove_buttons, strict=True), 1):
            box.setTitle(instance_title(self.label, number))
            remove.setText(self.tr("Quitar: {0}").format(instance_title(self.label, number)))
            remove.setAccessibleName(remove.text())
            remove.setEnabled(len(self.instances) > self.field.min_repeat)
        maximum = self.field.max_repeat
        self.add_button.setEnabled(maximum is None or len(self.instances) < maximum)

    def restore(self, values: list[dict[str, Any]]) -> None:
        while len(self.instances) > len(values) and len(self.instances) > self.field.min_repeat:
            self.remove_instance(len(self.instances) - 1)
        while len(self.instances) < len(values):
            self.add_instance(notify=False)
        for instance, value in zip(self.instances, values, strict=False):
            instance.restore(value)

    def controls(self) -> Iterator[QWidget]:
        for instance, remove in zip(self.instances, self.remove_buttons, strict=True):
            yield from instance.controls()
            yield remove
        yield self.add_button

    def show_error(self, message: str | None) -> None:
        self.error.setText(f"⚠ {message}" if message else "")
        self.error.setVisible(bool(message))


class FormView(QScrollArea):
    """A whole form; ``answers()`` gives the JSON for ``validate_answers``, ``result`` its latest verdict.

    For the kiosk: ``touch`` picks touch-sized editors, ``error_text`` words errors in the interface
    language, and :meth:`show_only` shows one question (or group) at a time.
    """

    answers_did_change = Signal()

    def __init__(
        self,
        form: FormVersion,
        lang: str = "es",
        parent: QWidget | None = None,
        *,
        touch: bool = False,
        error_text: Callable[[FieldError], str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.form, self.lang = form, lang
        self.error_text = error_text or (lambda error: error.message(self.lang))
        self.only: frozenset[str] | None = None  # top-level fields on screen (None: all of them)
        self.reveal_all = False
        self._restoring = True  # no change signals while the widgets are being built
        self._structure: tuple[int, ...] = ()
        self.setWidgetResizable(True)
        self.root = Section(form.fields, "", lang, self._changed, touch)
        self.root.set_defaults()
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.addWidget(self.root)
        layout.addStretch(1)
        self.setWidget(holder)
        self.result: ValidationResult = validate_answers(form, {})
        self._restoring = False
        self.refresh()

    # --- answers -------------------------------------------------------------------------------
    def answers(self) -> dict[str, Any]:
        """The raw answers as typed (not yet cleaned), in the JSON shape of the form."""
        return self.root.collect()

    def set_answers(self, answers: dict[str, Any]) -> None:
        self._restoring = True
        try:
            self.root.restore(answers)
        finally:
            self._restoring = False
        self.refresh()

    def attachment_editors(self) -> list[AttachmentEditor]:
        return [row.editor for row in self.root.rows() if isinstance(row.editor, AttachmentEditor)]

    def attachment_inputs(self) -> tuple[AttachmentInput, ...]:
        """Files of attachment fields that are still relevant, for ``NewSubmission.attachments``."""
        found = []
        for row in self.root.rows():
            if isinstance(row.editor, AttachmentEditor) and row.path in self.result.relevant:
                found.extend(row.editor.inputs())
        return tuple(found)

    @property
    def hashing(self) -> bool:
        return any(editor.hashing for editor in self.attachment_editors())

    # --- rules -----------------------------------------------------------------------------------
    def _changed(self) -> None:
        if self._restoring:
            return
        self.refresh()
        self.answers_did_change.emit()

    def validate(self) -> ValidationResult:
        self.result = validate_answers(self.form, self.answers(), now=datetime.now().astimezone())
        return self.result

    def refresh(self) -> ValidationResult:
        """Validate, then apply relevance, calculated values and visible errors to the widgets."""
        result = self.validate()
        top_level = {field.name for field in self.form.fields}
        for path, widget in self.root.widgets():
            on_page = self.only is None or path not in top_level or path in self.only
            widget.setVisible(path in result.relevant and on_page)
            messages = " ".join(self.error_text(e) for e in result.errors_for(path))
            if isinstance(widget, FieldRow):
                if isinstance(widget.editor, CalculatedEditor):
                    widget.editor.set_value(_cleaned_at(result.cleaned, path))
                shown = widget.touched or self.reveal_all
                widget.show_error(messages if shown and messages else None)
            elif isinstance(widget, RepeatEditor):
                widget.show_error(messages if self.reveal_all and messages else None)
        if self._structure != (key := self._structure_key()):
            self._structure = key
            self.fix_tab_order()
        return result

    def show_only(self, names: frozenset[str] | None) -> None:
        """Show only these top-level fields (a kiosk page), or every field again with None."""
        self.only = names
        self.refresh()

    def reveal_errors(self) -> bool:
        """Show every error (the "Revisar" step); focus the first one. True when there is none."""
        self.reveal_all = True
        result = self.refresh()
        if result.errors:
            self.focus_path(result.errors[0].path)
        return result.ok

    def focus_path(self, path: str) -> None:
        for row_path, widget in self.root.widgets():
            if row_path == path:
                self.ensureWidgetVisible(widget)
                target = widget.editor if isinstance(widget, FieldRow) and widget.editor else widget
                target.setFocus()
                return

    def row(self, path: str) -> FieldRow:
        """The row at ``path`` (``"dni"``, ``"testigos[1].dni"``); for tests and for focusing."""
        return next(row for row in self.root.rows() if row.path == path)

    def repeat(self, path: str) -> RepeatEditor:
        return next(w for p, w in self.root.widgets() if p == path and isinstance(w, RepeatEditor))

    # --- keyboard ----------------------------------------------------------------------------------
    def _structure_key(self) -> tuple[int, ...]:
        return tuple(id(control) for control in self.root.controls())

    def fix_tab_order(self) -> None:
        """Tab follows the document, also through repeat instances added later."""
        controls = list(self.root.controls())
        for first, second in itertools.pairwise(controls):
            QWidget.setTabOrder(first, second)

    def first_control(self) -> QWidget | None:
        return next((c for c in self.root.controls() if c.isVisibleTo(self)), None)

    def last_control(self) -> QWidget | None:
        controls = list(self.root.controls())
        return controls[-1] if controls else None


def _cleaned_at(cleaned: dict[str, Any], path: str) -> Any:
    """The cleaned value at ``a[1].b``-style ``path``, or None."""
    node: Any = cleaned
    for part in path.split("."):
        name, _, index = part.partition("[")
        if not isinstance(node, dict):
            return None
        node = node.get(name)
        if index:
            position = int(index.rstrip("]"))
            node = node[position] if isinstance(node, list) and position < len(node) else None
    return node
