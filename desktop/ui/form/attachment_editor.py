"""The attachment field: a file picker and a drop target, with type, size and count checked on entry.

A file that breaks the field's rules is refused at once with the same Spanish message the validator
would give later (``field.attachment_type`` / ``field.attachment_too_large`` / ``field.attachment_count``),
so the clerk learns about a 30 MB scan while the citizen is still at the counter. Hashing runs off the
UI thread; the answer only lists files whose SHA-256 is known.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QMimeDatabase, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ops.api import AttachmentInput
from desktop.ui.form.editors import FieldEditor
from desktop.ui.tasks import run_op
from shared import errors
from shared.crypto import sha256_file
from shared.forms import Field
from shared.forms.display import human_size

_MIME = QMimeDatabase()


@dataclass
class AttachedFile:
    path: Path
    name: str
    media_type: str
    size: int
    sha256: str | None = None  # None while hashing

    def metadata(self) -> dict[str, Any]:
        return {"sha256": self.sha256, "size": self.size, "media_type": self.media_type, "name": self.name}


def media_type_of(path: Path) -> str:
    """The MIME type from the file's content and name (a renamed .exe is not a PDF)."""
    return _MIME.mimeTypeForFile(str(path)).name()


def check_file(field: Field, path: Path, already: int) -> str | None:
    """The Spanish reason to refuse ``path`` for ``field`` given ``already`` attached files, or None."""
    if not path.is_file():
        return QCoreApplication.translate("attachments", "El archivo no existe o no se puede leer.")
    if already + 1 > field.max_files:
        return errors.message(errors.FIELD_ATTACHMENT_COUNT, max=field.max_files)
    media_type = media_type_of(path)
    if field.accept and not any(_accepts(pattern, media_type) for pattern in field.accept):
        return errors.message(
            errors.FIELD_ATTACHMENT_TYPE, media_type=media_type, allowed=", ".join(field.accept)
        )
    size = path.stat().st_size
    if field.max_size_mb is not None and size > field.max_size_mb * 1024 * 1024:
        max_mb = int(field.max_size_mb) if float(field.max_size_mb).is_integer() else field.max_size_mb
        return errors.message(
            errors.FIELD_ATTACHMENT_TOO_LARGE, size_mb=round(size / 1048576, 1), max_mb=max_mb
        )
    return None


def _accepts(pattern: str, media_type: str) -> bool:
    if pattern.endswith("/*"):
        return media_type.startswith(pattern[:-1])
    return pattern == media_type


class AttachmentEditor(FieldEditor):
    """Attached files of one field; also accepts files dropped from the file manager or a scanner."""

    problem_did_occur = Signal(str)

    def __init__(self, field: Field, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(field, lang, parent)
        self.files: list[AttachedFile] = []
        self.setAcceptDrops(True)
        self.list = QListWidget()
        self.list.setMaximumHeight(110)
        self.drop_hint = QLabel(self.tr("Arrastre aquí los archivos o use «Adjuntar archivo…»."))
        self.drop_hint.setWordWrap(True)
        self.add_button = QPushButton(self.tr("Adjuntar archivo…"))
        self.remove_button = QPushButton(self.tr("Quitar archivo"))
        self.add_button.clicked.connect(self.choose_files)
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.drop_hint)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self.setFocusProxy(self.add_button)
        self._refresh()

    # --- choosing files ------------------------------------------------------------------------
    def choose_files(self) -> None:
        patterns = " ".join(_glob_for(media_type) for media_type in self.field.accept) or "*"
        names, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Elegir archivos"), "", self.tr("Documentos ({0})").format(patterns)
        )
        self.add_files([Path(name) for name in names])

    def add_files(self, paths: list[Path]) -> list[str]:
        """Attach ``paths`` that pass the field's checks; returns the refusals (also signalled)."""
        refusals = []
        for path in paths:
            problem = check_file(self.field, path, len(self.files))
            if problem:
                refusals.append(f"{path.name}: {problem}")
                continue
            attached = AttachedFile(path, path.name, media_type_of(path), path.stat().st_size)
            self.files.append(attached)
            run_op(self, lambda p=path: sha256_file(p), lambda digest, a=attached: self._hashed(a, digest))
        if refusals:
            self.problem_did_occur.emit("\n".join(refusals))
        self._refresh()
        return refusals

    def _hashed(self, attached: AttachedFile, digest: str) -> None:
        attached.sha256 = digest
        self._refresh()
        self.value_did_change.emit()
        self.editing_did_finish.emit()

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.files):
            del self.files[row]
            self._refresh()
            self.value_did_change.emit()
            self.editing_did_finish.emit()

    def _refresh(self) -> None:
        self.list.clear()
        for attached in self.files:
            state = human_size(attached.size) if attached.sha256 else self.tr("calculando…")
            item = QListWidgetItem(f"{attached.name} ({attached.media_type}, {state})")
            item.setData(0x0100, str(attached.path))
            self.list.addItem(item)
        self.remove_button.setEnabled(bool(self.files))
        self.list.setVisible(bool(self.files))

    @property
    def hashing(self) -> bool:
        return any(attached.sha256 is None for attached in self.files)

    # --- drag and drop -------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt API
        if event.mimeData().hasUrls() and all(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt API
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        self.add_files(paths)
        event.acceptProposedAction()

    # --- answers ---------------------------------------------------------------------------------
    def value(self) -> Any:
        ready = [attached.metadata() for attached in self.files if attached.sha256]
        return ready or None

    def set_value(self, value: Any) -> None:
        """Metadata alone cannot bring files back; drafts restore them through :meth:`set_inputs`."""

    def inputs(self) -> list[AttachmentInput]:
        return [
            AttachmentInput(self.field.name, attached.path, attached.media_type, attached.name)
            for attached in self.files
            if attached.sha256
        ]

    def set_inputs(self, inputs: list[dict[str, str]]) -> None:
        """Re-attach files recorded in a draft (path, name); files gone since are reported."""
        self.files.clear()
        self.add_files([Path(item["path"]) for item in inputs])

    def controls(self) -> list[QWidget]:
        return [self.add_button, self.list, self.remove_button]

    def set_accessible(self, name: str, description: str) -> None:
        self.add_button.setAccessibleName(self.tr("{0}: adjuntar archivo").format(name))
        self.list.setAccessibleName(self.tr("{0}: archivos adjuntos").format(name))
        self.remove_button.setAccessibleName(self.tr("{0}: quitar archivo").format(name))
        for control in self.controls():
            control.setAccessibleDescription(description)


def _glob_for(media_type: str) -> str:
    patterns = _MIME.mimeTypeForName(media_type).globPatterns()
    return " ".join(patterns) or "*"
