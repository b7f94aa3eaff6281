"""The kiosk window: full screen, the bar with language and reading aids, the screens, the keyboard.

It owns what outlives a citizen (the welcome screen, the staff screens, the limits on lookups and PIN
tries) and creates a :class:`CitizenFlow` for each citizen, which it destroys on :meth:`wipe`: after
the survey, after "Terminar", or when the idle countdown runs out. A wipe also clears the clipboard and
puts the language and reading aids back to the kiosk's defaults. Closing needs the staff PIN.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QGuiApplication, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from desktop.i18n import translations, unverified_languages
from desktop.i18n.error_text import exception_text
from desktop.ui.kiosk.context import KioskContext, KioskScreen
from desktop.ui.kiosk.flow import CitizenFlow
from desktop.ui.kiosk.idle import CountdownOverlay, IdleWatcher
from desktop.ui.kiosk.keyboard import KeyboardDock
from desktop.ui.kiosk.printing import KioskPrinter
from desktop.ui.kiosk.settings import KioskSettings
from desktop.ui.kiosk.speech import Speaker, speech_available
from desktop.ui.kiosk.staff_pin import AttemptLimiter, PinStore
from desktop.ui.kiosk.staff_screens import PinScreen, StaffMenuScreen, UnlockScreen
from desktop.ui.kiosk.status_screen import LookupLimiter
from desktop.ui.kiosk.theme import Theme
from desktop.ui.kiosk.top_bar import TopBar
from desktop.ui.kiosk.welcome import WelcomeScreen
from desktop.ui.kiosk.widgets import button, describe, fit_to_current, label
from desktop.ui.tasks import run_op

END_CONFIRM_MS = 5000


class KioskWindow(QWidget):
    kiosk_did_exit = Signal()
    session_did_wipe = Signal()
    kiosk_did_become_ready = Signal()
    submission_did_save = Signal(object)  # SubmissionDetail: a filing or a survey (the sync pushes it)

    def __init__(
        self,
        backend: Any = None,
        settings: KioskSettings | None = None,
        *,
        opener: Callable[[str], Any] | None = None,
        first_use: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("KioskWindow")
        self.setWindowTitle(self.tr("Tambo — Quiosco"))
        self.settings = settings or KioskSettings()
        self.context = KioskContext(
            backend, self.settings, lang=self.settings.default_lang, unverified_ui=unverified_languages()
        )
        self.printer = KioskPrinter(self.settings.printer)
        self.lookup_limiter = LookupLimiter()
        self.pin_limiter = AttemptLimiter()
        self.speaker = Speaker(self) if speech_available() else None
        self.exit_allowed = False
        self.ready = False
        self.flow: CitizenFlow | None = None
        self.staff: list[KioskScreen] = []

        self.top_bar = TopBar()
        self.stack = QStackedWidget()
        self.welcome = WelcomeScreen(self.context)
        self.stack.addWidget(self.welcome)
        fit_to_current(self.stack)
        self.dock = KeyboardDock(self)
        self.footer_note = label("muted")
        self.staff_button = button()
        self.staff_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        footer = QHBoxLayout()
        footer.setContentsMargins(16, 0, 16, 6)
        footer.addWidget(self.footer_note, 1)
        footer.addWidget(self.staff_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.top_bar)
        layout.addWidget(line)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.dock)
        layout.addLayout(footer)
        self.overlay = CountdownOverlay(self)
        self.idle = IdleWatcher(self.settings.idle_seconds, self.settings.countdown_seconds, self)
        self.end_timer = QTimer(self)
        self.end_timer.setSingleShot(True)
        self.end_timer.setInterval(END_CONFIRM_MS)
        self.end_timer.timeout.connect(self._update_chrome)

        self.top_bar.language_was_chosen.connect(self.set_language)
        self.top_bar.large_text_was_toggled.connect(lambda on: self.set_theme(large_text=on))
        self.top_bar.contrast_was_toggled.connect(lambda on: self.set_theme(high_contrast=on))
        self.top_bar.end_was_requested.connect(self._end_pressed)
        self.welcome.filing_was_requested.connect(lambda: self.start_session("file"))
        self.welcome.status_was_requested.connect(lambda typed: self.start_session("status", typed))
        self.welcome.survey_was_requested.connect(lambda: self.start_session("survey"))
        self.staff_button.clicked.connect(self.open_staff)
        self.idle.countdown_did_start.connect(lambda: self.overlay.start(self.settings.countdown_seconds))
        self.idle.countdown_did_tick.connect(self.overlay.show_seconds)
        self.idle.countdown_did_stop.connect(self.overlay.hide)
        self.idle.idle_did_expire.connect(self.wipe)
        self.overlay.stay_button.clicked.connect(self.idle.poke)
        self.overlay.leave_button.clicked.connect(self.wipe)
        self.dock.kind_did_change.connect(lambda _kind: self._keep_focus_visible())

        translations().set_language(self.context.lang)
        self.top_bar.set_state(self.context.lang, False, False)
        self.apply_theme()
        if backend is None and opener is not None:
            self._show_staff(self._unlock_screen(opener, first_use))
        else:
            self.backend_ready()

    # --- start-up ---------------------------------------------------------------------------------
    def _unlock_screen(self, opener: Callable[[str], Any], first_use: bool) -> UnlockScreen:
        screen = UnlockScreen(self.context, opener, first_use)
        screen.backend_did_open.connect(self._unlocked)
        return screen

    def _unlocked(self, backend: Any) -> None:
        self.context.backend = backend
        self._drop_staff()
        self.backend_ready()

    def backend_ready(self) -> None:
        backend = self.context.backend
        store = PinStore(backend)

        def load() -> tuple[Any, Any, str | None]:
            return backend.services("kiosk"), backend.device_info(), store.load()

        run_op(self, load, self._loaded, self._load_failed)

    def _loaded(self, loaded: tuple[Any, Any, str | None]) -> None:
        services, device, pin_hash = loaded
        self.context.services = list(services)
        self.context.device = device
        self.welcome.retranslate()
        self.welcome.file_tile.setEnabled(bool(device is None or device.provisioned))
        self.ready = True
        if not pin_hash:
            self._show_staff(self._pin_screen("set", can_cancel=False))
        else:
            self.show_welcome()
        self.kiosk_did_become_ready.emit()

    def refresh_from_store(self) -> None:
        """A sync brought something down: the next citizen sees the new catalog and institution name.

        A session in progress keeps the procedure it started with (its screens hold their definition).
        """
        backend = self.context.backend
        if backend is None or not self.ready:
            return
        run_op(
            self, lambda: (backend.services("kiosk"), backend.device_info()), self._refreshed, lambda _e: None
        )

    def _refreshed(self, loaded: tuple[Any, Any]) -> None:
        services, device = loaded
        self.context.services = list(services)
        self.context.device = device
        self.welcome.retranslate()
        self.welcome.file_tile.setEnabled(bool(device is None or device.provisioned))

    def _load_failed(self, exc: BaseException) -> None:
        self.welcome.question.setText("⚠ " + exception_text(exc, self.context.lang))

    # --- screens ----------------------------------------------------------------------------------
    def current_screen(self) -> KioskScreen | None:
        current = self.stack.currentWidget()
        if isinstance(current, CitizenFlow):
            return current.current_screen()
        return current if isinstance(current, KioskScreen) else None

    def show_welcome(self) -> None:
        self.stack.setCurrentWidget(self.welcome)
        self.welcome.focus_first()
        self.idle.disarm()
        self._update_chrome()

    def start_session(self, mode: str, typed: str = "") -> CitizenFlow:
        """A citizen begins: a new flow, watched for inactivity."""
        if self.flow is not None:
            self._drop_flow()
        self.flow = CitizenFlow(self.context, self.printer, self.lookup_limiter, self.speaker, mode, typed)
        self.flow.flow_did_finish.connect(self.wipe)
        self.flow.submission_did_save.connect(self.submission_did_save)
        self.flow.screen_did_change.connect(self._update_chrome)
        self.flow.busy_did_change.connect(lambda busy: self.idle.disarm() if busy else self.idle.arm())
        self.stack.addWidget(self.flow)
        self.stack.setCurrentWidget(self.flow)
        current = self.flow.current_screen()
        if current is not None:
            current.focus_first()
        self.idle.arm()
        self._update_chrome()
        return self.flow

    def _drop_flow(self) -> None:
        flow, self.flow = self.flow, None
        if flow is not None:
            self.stack.removeWidget(flow)
            flow.setParent(None)
            flow.deleteLater()

    def wipe(self) -> None:
        """End the session: destroy every screen the citizen used, and reset language and reading aids."""
        self.idle.disarm()
        self.overlay.hide()
        self.end_timer.stop()
        if self.speaker is not None:
            self.speaker.stop()
        self._drop_flow()
        self._drop_staff()
        QGuiApplication.clipboard().clear()
        self.dock.show_for(None)
        if self.context.lang != self.settings.default_lang:
            self.set_language(self.settings.default_lang)
        if self.context.theme.large_text or self.context.theme.high_contrast:
            self.set_theme(large_text=False, high_contrast=False)
        self.top_bar.set_state(self.context.lang, False, False)
        if self.ready:
            self.show_welcome()
        self.session_did_wipe.emit()

    # --- staff ------------------------------------------------------------------------------------
    def _pin_screen(self, mode: str, can_cancel: bool = True) -> PinScreen:
        screen = PinScreen(self.context, PinStore(self.context.backend), self.pin_limiter, mode, can_cancel)
        screen.cancel_was_requested.connect(self.wipe)
        if mode == "set":
            screen.pin_did_change.connect(self._pin_set)
        else:
            screen.pin_did_match.connect(lambda: self._show_staff(self._menu_screen()))
        return screen

    def _pin_set(self) -> None:
        if any(isinstance(s, StaffMenuScreen) for s in self.staff):
            self._show_staff(self._menu_screen())
        else:
            self.wipe()

    def _menu_screen(self) -> StaffMenuScreen:
        screen = StaffMenuScreen(self.context)
        screen.back_was_requested.connect(self.wipe)
        screen.exit_was_requested.connect(self.exit_kiosk)
        screen.change_pin_was_requested.connect(lambda: self._show_staff(self._pin_screen("set")))
        return screen

    def open_staff(self) -> None:
        self._drop_flow()
        self._show_staff(self._pin_screen("check"))

    def _show_staff(self, screen: KioskScreen) -> None:
        screen.apply_theme()
        self.stack.addWidget(screen)
        self.stack.setCurrentWidget(screen)
        for old in self.staff:
            if old is not screen and not isinstance(old, StaffMenuScreen):
                self._drop(old)
        self.staff = [s for s in self.staff if isinstance(s, StaffMenuScreen) and s is not screen] + [screen]
        screen.focus_first()
        if self.ready:
            self.idle.arm(countdown=False)
        self._update_chrome()

    def _drop(self, screen: QWidget) -> None:
        self.stack.removeWidget(screen)
        screen.setParent(None)
        screen.deleteLater()

    def _drop_staff(self) -> None:
        for screen in self.staff:
            self._drop(screen)
        self.staff = []

    def exit_kiosk(self) -> None:
        self.wipe()
        self.exit_allowed = True
        self.idle.detach()
        self.kiosk_did_exit.emit()
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        """Alt+F4 and the like do nothing: only the staff menu closes the kiosk."""
        if self.exit_allowed:
            event.accept()
        else:
            event.ignore()

    # --- language and reading aids ------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        self.context.lang = translations().set_language(lang)
        self.retranslate()
        self.welcome.set_language(self.context.lang)
        for screen in self.staff:
            screen.set_language(self.context.lang)
        if self.flow is not None:
            self.flow.set_language(self.context.lang)
        self._update_chrome()
        if self.flow is None and not self.staff and self.ready:
            self.idle.arm(countdown=False)  # a changed language goes back to the default when left alone

    def set_theme(self, large_text: bool | None = None, high_contrast: bool | None = None) -> None:
        theme = self.context.theme
        self.context.theme = Theme(
            screen_height=theme.screen_height,
            large_text=theme.large_text if large_text is None else large_text,
            high_contrast=theme.high_contrast if high_contrast is None else high_contrast,
        )
        self.apply_theme()
        if self.flow is None and not self.staff and self.ready:
            self.idle.arm(countdown=False)

    def apply_theme(self) -> None:
        theme = self.context.theme
        self.setStyleSheet(theme.stylesheet())
        font = QFont(self.font())
        font.setPixelSize(theme.base_px)
        self.setFont(font)
        self.welcome.apply_theme()
        for screen in self.staff:
            screen.apply_theme()
        if self.flow is not None:
            self.flow.apply_theme()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        height = event.size().height()
        if height > 0 and height != self.context.theme.screen_height:
            theme = self.context.theme
            self.context.theme = Theme(height, theme.large_text, theme.high_contrast)
            self.apply_theme()
        if self.overlay.isVisible():
            self.overlay.setGeometry(self.rect())

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Tambo — Quiosco"))
        self.top_bar.retranslate()
        self.dock.retranslate()
        self.overlay.retranslate()
        self._update_chrome()

    def _update_chrome(self) -> None:
        """What depends on the current screen: Terminar, the staff button, the translation note, and
        the keyboard for a field that a new screen focused."""
        QTimer.singleShot(0, self.dock.sync)
        in_session = self.flow is not None and self.stack.currentWidget() is self.flow
        self.top_bar.end_button.setVisible(in_session)
        if not self.end_timer.isActive():
            describe(
                self.top_bar.end_button, self.tr("✕ Terminar"), self.tr("Terminar y borrar todo lo escrito")
            )
        on_welcome = self.stack.currentWidget() is self.welcome
        self.staff_button.setVisible(on_welcome and self.ready)
        describe(self.staff_button, self.tr("Personal"), self.tr("Acceso del personal (pide el PIN)"))
        screen = self.current_screen()
        unverified = screen.unverified() if screen is not None else self.context.unverified()
        self.footer_note.setText(
            self.tr("Traducción no revisada por un hablante nativo") if unverified else ""
        )

    def _end_pressed(self) -> None:
        """ "Terminar" asks once more in place (no dialog); a second touch within 5 s wipes."""
        if self.end_timer.isActive():
            self.wipe()
            return
        describe(
            self.top_bar.end_button,
            self.tr("✕ ¿Borrar todo? Toque otra vez"),
            self.tr("Toque otra vez para borrar todo lo escrito y volver al inicio"),
        )
        self.end_timer.start()

    def _keep_focus_visible(self) -> None:
        """The keyboard took room: make sure the field being typed into is still on screen."""
        focus = QGuiApplication.focusObject()
        if isinstance(focus, QWidget):
            parent = focus.parentWidget()
            while parent is not None:
                ensure = getattr(parent, "ensureWidgetVisible", None)
                if callable(ensure):
                    QTimer.singleShot(0, lambda e=ensure, f=focus: e(f))
                    break
                parent = parent.parentWidget()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        """Esc steps back on every screen (and answers "¿Sigue ahí?")."""
        if event.key() == Qt.Key.Key_Escape:
            if self.overlay.isVisible():
                self.idle.poke()
                return
            screen = self.current_screen()
            if screen is not None and screen.go_back():
                return
        super().keyPressEvent(event)
