"""The ubigeo field: department, province and district as three dependent drop-downs (INEI codes)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget

from desktop.ui.form.editors import FieldEditor
from shared.forms import Field
from shared.peru import ubigeo

_LEVELS = ("department", "province", "district")


class UbigeoEditor(FieldEditor):
    """Choosing a department fills the provinces, choosing a province fills the districts.

    The answer is the code at the field's level (2, 4 or 6 digits) once that level is chosen, else
    None, so an unfinished choice reads as "required" rather than as an invalid code.
    """

    def __init__(self, field: Field, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(field, lang, parent)
        depth = _LEVELS.index(field.level) + 1
        placeholders = [self.tr("— Departamento —"), self.tr("— Provincia —"), self.tr("— Distrito —")]
        self.combos = [QComboBox() for _ in range(depth)]
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for combo, placeholder in zip(self.combos, placeholders, strict=False):
            combo.setPlaceholderText(placeholder)
            combo.setMinimumWidth(170)
            layout.addWidget(combo)
        layout.addStretch(1)
        self._fill(0, ubigeo.departments())
        for level, combo in enumerate(self.combos):
            combo.currentIndexChanged.connect(lambda _i, level=level: self._chosen(level))
        self.setFocusProxy(self.combos[0])

    def _fill(self, level: int, items: list[tuple[str, str]]) -> None:
        combo = self.combos[level]
        combo.blockSignals(True)
        combo.clear()
        for code, name in items:
            combo.addItem(name, code)
        combo.setCurrentIndex(-1)
        combo.setEnabled(bool(items))
        combo.blockSignals(False)

    def _chosen(self, level: int) -> None:
        code = self.combos[level].currentData()
        if level + 1 < len(self.combos):
            children = []
            if code:
                children = ubigeo.provinces_of(code) if level == 0 else ubigeo.districts_of(code)
            self._fill(level + 1, children)
            for deeper in range(level + 2, len(self.combos)):
                self._fill(deeper, [])
        self.value_did_change.emit()
        self.editing_did_finish.emit()

    def value(self) -> Any:
        return self.combos[-1].currentData()

    def set_value(self, value: Any) -> None:
        code = str(value) if value else ""
        for level, combo in enumerate(self.combos):
            part = code[: 2 * (level + 1)]
            index = combo.findData(part) if len(code) >= 2 * (level + 1) else -1
            combo.setCurrentIndex(index)  # fills the next level through _chosen
            if index < 0:
                break

    def controls(self) -> list[QWidget]:
        return list(self.combos)

    def set_accessible(self, name: str, description: str) -> None:
        words = [self.tr("departamento"), self.tr("provincia"), self.tr("distrito")]
        for combo, word in zip(self.combos, words, strict=False):
            combo.setAccessibleName(f"{name} — {word}")
            combo.setAccessibleDescription(description)
