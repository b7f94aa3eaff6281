"""The first desktop window, driven offscreen with real widgets."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtCore import Qt

from desktop.ui.catalog_window import CatalogWindow
from shared.forms import demo_catalog_dir, load_services


def test_window_shows_requirements_fee_and_plazo(qtbot, artifacts_dir):
    services = load_services(demo_catalog_dir())
    window = CatalogWindow(services, "http://127.0.0.1:8765")
    qtbot.addWidget(window)
    window.show()
    index = next(i for i, s in enumerate(services) if s.id == "acceso-informacion-publica")
    window.service_list.setCurrentRow(index)
    text = window.details.toPlainText()
    assert "10 días hábiles" in text
    assert "silencio administrativo negativo" in text
    assert "Requisitos" in text
    window.service_list.setFocus()
    qtbot.keyClick(window.service_list, Qt.Key.Key_Down)
    assert window.details.toPlainText() != text
    window.grab().save(str(artifacts_dir / "desktop-catalog-window.png"))


def test_without_display_the_app_says_so():
    env = {"PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-m", "desktop.cli"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 3
    assert "No hay pantalla" in result.stderr
