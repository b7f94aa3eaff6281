"""Application start-up: the QApplication, the exception hook and the first window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from desktop.ui.catalog_window import CatalogWindow
from shared.forms import demo_catalog_dir, load_services


def run_app(server_url: str | None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Tambo")
    window = CatalogWindow(load_services(demo_catalog_dir()), server_url)
    window.show()
    return app.exec()
