"""The service chooser (it replaced the first catalog window), driven offscreen with real widgets."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtCore import Qt

from desktop.ui.service_chooser import ServiceChooser, fold
from shared.forms import demo_catalog_dir, load_services


def test_chooser_shows_requirements_fee_and_plazo(qtbot, artifacts_dir):
    services = load_services(demo_catalog_dir())
    chooser = ServiceChooser()
    qtbot.addWidget(chooser)
    chooser.set_services(services)
    chooser.resize(960, 600)
    chooser.show()
    chooser.select("acceso-informacion-publica")
    text = chooser.details.toPlainText()
    assert "10 días hábiles" in text
    assert "silencio administrativo negativo" in text
    assert "Requisitos" in text
    chooser.list.setFocus()
    qtbot.keyClick(chooser.list, Qt.Key.Key_Down)
    assert chooser.details.toPlainText() != text
    chooser.grab().save(str(artifacts_dir / "desktop-catalog-window.png"))


def test_search_ignores_accents_and_case(qtbot):
    chooser = ServiceChooser()
    qtbot.addWidget(chooser)
    chooser.set_services(load_services(demo_catalog_dir()))
    qtbot.keyClicks(chooser.search, "INFORMACION")
    shown = [
        chooser.list.item(i).text()
        for i in range(chooser.list.count())
        if not chooser.list.item(i).isHidden()
    ]
    assert shown == ["Acceso a la información pública"]
    assert fold("Información Pública") == "informacion publica"
    chooser.search.clear()
    qtbot.keyClicks(chooser.search, "zzzz")
    assert chooser.current_service() is None
    assert not chooser.start_button.isEnabled()
    assert "Ningún trámite" in chooser.details.toPlainText()


def test_without_display_the_app_says_so():
    env = {"PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-m", "desktop.cli"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 3
    assert "No hay pantalla" in result.stderr
