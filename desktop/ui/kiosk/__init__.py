"""Kiosk mode: citizens file requests and look up their status by themselves, in es / qu / en.

``run_kiosk`` starts it (``tambo --kiosk``); :class:`KioskWindow` is the window, one
:class:`~desktop.ui.kiosk.flow.CitizenFlow` per citizen. See ``docs/kiosk.md``.
"""

from desktop.ui.kiosk.settings import KioskSettings
from desktop.ui.kiosk.startup import run_kiosk
from desktop.ui.kiosk.window import KioskWindow

__all__ = ["KioskSettings", "KioskWindow", "run_kiosk"]
