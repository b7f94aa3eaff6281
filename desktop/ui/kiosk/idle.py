"""Noticing that the citizen has left: an idle timer, then a visible countdown any touch cancels.

The watcher filters the application's input events (press, touch, key, wheel; not mouse movement, so a
bumped mouse does not keep a session alive). After ``idle_seconds`` without one it asks, in a large
overlay, "¿Sigue ahí?" and counts down ``countdown_seconds``; any touch or key cancels it. At zero it
emits ``idle_did_expire`` and the kiosk wipes the session.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QProgressBar, QVBoxLayout, QWidget

from desktop.ui.kiosk.widgets import button, card, describe, label

ACTIVITY_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.KeyPress,
        QEvent.Type.Wheel,
    }
)


class IdleWatcher(QObject):
    """``armed`` only while there is something to protect; ``countdown_did_tick(seconds_left)``."""

    countdown_did_start = Signal()
    countdown_did_tick = Signal(int)
    countdown_did_stop = Signal()
    idle_did_expire = Signal()

    def __init__(self, idle_seconds: float, countdown_seconds: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.countdown_seconds = countdown_seconds
        self.seconds_left = 0
        self.armed = False
        self.with_countdown = True
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.setInterval(int(idle_seconds * 1000))
        self.idle_timer.timeout.connect(self._start_countdown)
        self.tick_timer = QTimer(self)
        self.tick_timer.setInterval(1000)
        self.tick_timer.timeout.connect(self._tick)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    @property
    def counting(self) -> bool:
        return self.tick_timer.isActive()

    def arm(self, countdown: bool = True) -> None:
        """Start (or restart) watching. Without ``countdown`` (nothing private on screen, only a
        changed language or text size) the kiosk resets quietly when the time is up."""
        self.armed = True
        self.with_countdown = countdown
        self.poke()

    def disarm(self) -> None:
        self.armed = False
        self.idle_timer.stop()
        self._stop_countdown()

    def poke(self) -> None:
        """The person is there: cancel any countdown and start the idle period again."""
        if self.counting:
            self._stop_countdown()
        if self.armed:
            self.idle_timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if self.armed and event.type() in ACTIVITY_EVENTS:
            self.poke()
        return False

    def _start_countdown(self) -> None:
        if not self.armed:
            return
        if not self.with_countdown:
            self.armed = False
            self.idle_did_expire.emit()
            return
        self.seconds_left = self.countdown_seconds
        self.tick_timer.start()
        self.countdown_did_start.emit()
        self.countdown_did_tick.emit(self.seconds_left)

    def _tick(self) -> None:
        self.seconds_left -= 1
        if self.seconds_left <= 0:
            self.tick_timer.stop()
            self.armed = False
            self.idle_did_expire.emit()
            return
        self.countdown_did_tick.emit(self.seconds_left)

    def _stop_countdown(self) -> None:
        if self.tick_timer.isActive():
            self.tick_timer.stop()
            self.countdown_did_stop.emit()

    def detach(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.disarm()


class CountdownOverlay(QWidget):
    """ "¿Sigue ahí?" over the whole window, with the seconds left as a number, words and a bar."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("CountdownOverlay { background: rgba(0, 0, 0, 170); }")
        self.panel = card()
        self.panel.setMaximumWidth(900)
        self.title = label("title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = label()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.seconds = label("big-code")
        self.seconds.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.stay_button = button(primary=True)
        self.leave_button = button()
        inner = QVBoxLayout(self.panel)
        inner.setContentsMargins(32, 24, 32, 24)
        inner.setSpacing(16)
        for widget in (self.title, self.message, self.seconds, self.bar, self.stay_button, self.leave_button):
            inner.addWidget(widget)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(self.panel, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(1)
        self.left = 0
        self.total = 1
        self.hide()
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("¿Sigue ahí?"))
        self.message.setText(self.tr("Por su privacidad, borraremos lo que escribió y volveremos al inicio."))
        describe(self.stay_button, self.tr("Sí, sigo aquí"), self.tr("Sí, sigo aquí: continuar"))
        describe(self.leave_button, self.tr("Terminar ahora"), self.tr("Borrar todo y volver al inicio"))
        self.show_seconds(self.left)

    def start(self, total: int) -> None:
        self.total = max(1, total)
        self.bar.setRange(0, self.total)
        self.setGeometry(self.parentWidget().rect())
        self.raise_()
        self.show()
        self.stay_button.setFocus()

    def show_seconds(self, left: int) -> None:
        self.left = left
        self.seconds.setText(str(left))
        self.bar.setValue(left)
        text = self.tr("Quedan {0} segundos").format(left)
        self.seconds.setAccessibleName(text)
        self.bar.setAccessibleName(text)
