"""Attaching files at the kiosk: only from the citizen's USB memory, never from the kiosk's own disk.

A file dialog would open the whole file system (and the OS) to whoever stands at the kiosk, so the
kiosk lists, off the UI thread, only the files under the removable-media folders
(``TAMBO_KIOSK_MEDIA``) whose type the field accepts, without following links out of them, as large
buttons paged six at a time. The chosen file goes through the same checks as at the counter.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QStorageInfo, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from desktop.ui.form.attachment_editor import AttachmentEditor, media_type_of
from desktop.ui.kiosk.context import KioskContext, KioskScreen
from desktop.ui.kiosk.widgets import button, describe, label
from desktop.ui.tasks import run_op
from shared.forms import Field
from shared.forms.display import human_size

MAX_DEPTH = 3
MAX_FILES = 300
PER_PAGE = 6


def media_roots(configured: Iterable[Path]) -> list[Path]:
    """The folders where USB memories appear (and, on Windows, the mounted volumes but the system's)."""
    roots = [root for root in configured if root.is_dir()]
    if sys.platform == "win32" and not roots:
        system = QStorageInfo.root().rootPath()
        roots = [
            Path(volume.rootPath())
            for volume in QStorageInfo.mountedVolumes()
            if volume.isValid() and volume.isReady() and volume.rootPath() != system
        ]
    return roots


def accepts(field: Field, media_type: str) -> bool:
    if not field.accept:
        return True
    return any(
        media_type.startswith(pattern[:-1]) if pattern.endswith("/*") else media_type == pattern
        for pattern in field.accept
    )


def find_files(roots: Iterable[Path], field: Field) -> list[Path]:
    """Files under ``roots`` (at most :data:`MAX_DEPTH` folders deep) that ``field`` accepts, by name."""
    found: list[Path] = []
    for root in roots:
        base = root.resolve()
        for folder, dirs, files in os.walk(base, followlinks=False):
            depth = len(Path(folder).relative_to(base).parts)
            dirs[:] = sorted(d for d in dirs if not d.startswith(".")) if depth < MAX_DEPTH else []
            for name in sorted(files):
                path = Path(folder) / name
                if name.startswith(".") or path.is_symlink() or not path.is_file():
                    continue
                if accepts(field, media_type_of(path)):
                    found.append(path)
                if len(found) >= MAX_FILES:
                    return found
    return found


class FilesScreen(KioskScreen):
    """Pick one file for ``editor`` (an attachment field); emits ``file_was_chosen`` or ``done``."""

    file_was_chosen = Signal(object)  # Path
    done = Signal()

    def __init__(
        self, context: KioskContext, editor: AttachmentEditor, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, parent)
        self.editor = editor
        self.files: list[Path] = []
        self.page = 0
        self.title = label("title")
        self.message = label()
        self.list_holder = QVBoxLayout()
        self.file_buttons: list[QPushButton] = []
        self.previous_button = button()
        self.next_button = button()
        self.page_label = label()
        self.search_button = button()
        self.back_button = button()
        self.previous_button.clicked.connect(lambda: self.show_page(self.page - 1))
        self.next_button.clicked.connect(lambda: self.show_page(self.page + 1))
        self.search_button.clicked.connect(self.search)
        self.back_button.clicked.connect(self.done)
        paging = QHBoxLayout()
        paging.addWidget(self.previous_button)
        paging.addWidget(self.page_label)
        paging.addWidget(self.next_button)
        paging.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.back_button)
        bottom.addStretch(1)
        bottom.addWidget(self.search_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 8, 32, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.message)
        layout.addLayout(self.list_holder)
        layout.addLayout(paging)
        layout.addStretch(1)
        layout.addLayout(bottom)
        self.retranslate()
        self.search()

    def search(self) -> None:
        self.message.setText(self.tr("Buscando archivos en su memoria USB…"))
        roots = media_roots(self.context.settings.roots())
        field = self.editor.field
        run_op(self, lambda: find_files(roots, field), self._found, lambda _exc: self._found([]))

    def _found(self, files: list[Path]) -> None:
        self.files = files
        self.message.setText(
            self.tr("Toque el archivo que desea adjuntar.")
            if files
            else self.tr("No encontramos archivos en una memoria USB. Conéctela y toque «Buscar otra vez».")
        )
        self.show_page(0)

    def show_page(self, page: int) -> None:
        pages = max(1, -(-len(self.files) // PER_PAGE))
        self.page = max(0, min(page, pages - 1))
        for old in self.file_buttons:
            self.list_holder.removeWidget(old)
            old.deleteLater()
        self.file_buttons = []
        for path in self.files[self.page * PER_PAGE : (self.page + 1) * PER_PAGE]:
            choice = button()
            size = human_size(path.stat().st_size) if path.exists() else ""
            describe(choice, f"{path.name}  ({size})", self.tr("Adjuntar {0}").format(path.name))
            choice.clicked.connect(lambda _checked=False, p=path: self.file_was_chosen.emit(p))
            self.list_holder.addWidget(choice)
            self.file_buttons.append(choice)
        for widget in (self.previous_button, self.next_button, self.page_label):
            widget.setVisible(pages > 1)
        self.previous_button.setEnabled(self.page > 0)
        self.next_button.setEnabled(self.page < pages - 1)
        self.page_label.setText(self.tr("Página {0} de {1}").format(self.page + 1, pages))

    def retranslate(self) -> None:
        self.title.setText(self.tr("Adjuntar un archivo de su memoria USB"))
        describe(self.previous_button, self.tr("◀ Anteriores"), self.tr("Ver los archivos anteriores"))
        describe(self.next_button, self.tr("Más archivos ▶"), self.tr("Ver más archivos"))
        describe(self.search_button, self.tr("Buscar otra vez"), self.tr("Buscar archivos otra vez"))
        describe(
            self.back_button, self.tr("◀ Volver a la pregunta"), self.tr("Volver a la pregunta sin adjuntar")
        )

    def focus_first(self) -> None:
        (self.file_buttons[0] if self.file_buttons else self.back_button).setFocus()

    def go_back(self) -> bool:
        self.done.emit()
        return True
