"""Status lookup, offline: the tracking code (typed or scanned) and the last 4 characters of the ID.

The answer is the last state this kiosk received from the server, with the date of that sync, so a
citizen knows how fresh it is. A mistyped code is caught before any lookup by the parser, which says
which character is wrong or offers the code with two neighbours swapped back as a button. Unknown
codes and wrong ID digits get the same answer (the backend makes sure), and repeated misses slow the
kiosk down, so nobody can use it to probe other people's codes.
"""

from __future__ import annotations

import time
from collections import deque
from html import escape

from PySide6.QtCore import QRegularExpression, Qt, QTimer
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop.i18n.error_text import error_text, exception_text
from desktop.ops.api import DeviceInfo, StatusLookup
from desktop.ui.kiosk.context import KioskContext, KioskScreen
from desktop.ui.kiosk.service_text import date_text, datetime_text
from desktop.ui.kiosk.widgets import PagedArea, button, card, describe, label
from desktop.ui.tasks import run_op
from shared import errors
from shared.errors import TamboError
from shared.forms import ServiceDefinition
from shared.i18n import pick
from shared.statuses import STATUSES, status_explanation, status_label
from shared.tracking import TrackingCodeError, parse_tracking_code

ID_DIGITS = 4
FREE_MISSES = 5
MISS_WINDOW_SECONDS = 15 * 60
FIRST_WAIT_SECONDS = 30


class LookupLimiter:
    """Misses within the last quarter of an hour: after :data:`FREE_MISSES`, each one doubles the wait.

    Lives with the kiosk window, not with a citizen session, so walking away does not reset it.
    """

    def __init__(self) -> None:
        self.misses: deque[float] = deque()

    def _forget_old(self, now: float) -> None:
        while self.misses and now - self.misses[0] > MISS_WINDOW_SECONDS:
            self.misses.popleft()

    def record_miss(self) -> None:
        now = time.monotonic()
        self._forget_old(now)
        self.misses.append(now)

    def seconds_to_wait(self) -> int:
        now = time.monotonic()
        self._forget_old(now)
        extra = len(self.misses) - FREE_MISSES
        if extra < 0:
            return 0
        wait = FIRST_WAIT_SECONDS * 2**extra
        return max(0, int(self.misses[-1] + wait - now + 0.999))


class StatusScreen(KioskScreen):
    has_back = True

    def __init__(
        self, context: KioskContext, limiter: LookupLimiter, typed: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(context, parent)
        self.limiter = limiter
        self.result: StatusLookup | None = None
        self.title = label("title")
        self.code_label = label("subtitle")
        self.code_edit = QLineEdit()
        self.code_edit.setMaxLength(20)
        self.code_edit.setProperty("kiosk_keyboard", "text")
        self.code_hint = label("muted")
        self.digits_label = label("subtitle")
        self.digits_edit = QLineEdit()
        self.digits_edit.setMaxLength(ID_DIGITS)
        self.digits_edit.setValidator(
            QRegularExpressionValidator(QRegularExpression("[0-9A-Za-z]{0,4}"), self.digits_edit)
        )
        self.digits_edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.code_label.setBuddy(self.code_edit)
        self.digits_label.setBuddy(self.digits_edit)
        self.lookup_button = button(primary=True)
        self.error = label("error")
        self.suggestions = QHBoxLayout()
        self.suggestion_buttons: list[QPushButton] = []
        self.sync_line = label("muted")
        self.result_box = card()
        self.result_layout = QVBoxLayout(self.result_box)
        self.result_box.hide()
        self.back_button = button()
        self.again_button = button()
        self.code_edit.returnPressed.connect(self.digits_edit.setFocus)
        self.digits_edit.returnPressed.connect(self.lookup)
        self.code_edit.textEdited.connect(self._edited)
        self.digits_edit.textEdited.connect(self._edited)
        self.lookup_button.clicked.connect(self.lookup)
        self.again_button.clicked.connect(self.clear)
        self.back_button.clicked.connect(self.back_was_requested)
        form = QVBoxLayout()
        form.setSpacing(8)
        form.addWidget(self.code_label)
        form.addWidget(self.code_edit)
        form.addWidget(self.code_hint)
        form.addWidget(self.digits_label)
        row = QHBoxLayout()
        row.addWidget(self.digits_edit)
        row.addWidget(self.lookup_button)
        row.addStretch(1)
        form.addLayout(row)
        form.addWidget(self.error)
        form.addLayout(self.suggestions)
        content = QWidget()
        inner = QVBoxLayout(content)
        inner.addLayout(form)
        inner.addWidget(self.result_box)
        inner.addStretch(1)
        self.area = PagedArea(content)
        bottom = QHBoxLayout()
        bottom.addWidget(self.back_button)
        bottom.addWidget(self.sync_line, 1)
        bottom.addWidget(self.again_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 8, 32, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.area, 1)
        layout.addLayout(bottom)
        QWidget.setTabOrder(self.code_edit, self.digits_edit)
        QWidget.setTabOrder(self.digits_edit, self.lookup_button)
        self.retranslate()
        if typed:
            self.code_edit.setText(typed)
        self.refresh_device()

    # --- the kiosk's own state ---------------------------------------------------------------------
    def refresh_device(self) -> None:
        backend = self.context.backend
        run_op(self, backend.device_info, self._device_loaded, lambda _exc: None)

    def _device_loaded(self, device: DeviceInfo) -> None:
        self.context.device = device
        self._show_sync_line()

    def _show_sync_line(self) -> None:
        device = self.context.device
        if device is None or device.last_sync_at is None:
            self.sync_line.setText(
                self.tr("Este quiosco todavía no se ha sincronizado con la municipalidad.")
            )
        else:
            self.sync_line.setText(
                self.tr("Última sincronización: {0}").format(datetime_text(device.last_sync_at))
            )

    # --- lookup -----------------------------------------------------------------------------------
    def _edited(self) -> None:
        self.error.clear()
        self._set_suggestions([])

    def lookup(self) -> None:
        try:
            code = str(parse_tracking_code(self.code_edit.text()))
        except TrackingCodeError as exc:
            self._show_code_error(exc)
            return
        digits = self.digits_edit.text().strip()
        if len(digits) != ID_DIGITS:
            self._show_error(self.tr("Escriba los {0} últimos dígitos de su documento.").format(ID_DIGITS))
            self.digits_edit.setFocus()
            return
        wait = self.limiter.seconds_to_wait()
        if wait:
            self._show_error(
                self.tr("Demasiados intentos. Espere {0} segundos y vuelva a intentar.").format(wait)
            )
            return
        self.lookup_button.setEnabled(False)
        self.error.setText(self.tr("Buscando…"))
        backend = self.context.backend
        run_op(self, lambda: backend.lookup_status(code, digits.upper()), self._found, self._failed)

    def _show_code_error(self, exc: TrackingCodeError) -> None:
        message = error_text(exc.code, exc.params, self.lang)
        maybe = exc.details.get("maybe") or []
        if maybe:
            hints = ", ".join(
                self.tr("en la posición {0} quizá quiso escribir «{1}»").format(m["position"], m["probably"])
                for m in maybe
            )
            message += " " + hints[0].upper() + hints[1:] + "."
        self._show_error(message)
        self._set_suggestions(list(exc.details.get("suggestions") or []))
        self.code_edit.setFocus()

    def _set_suggestions(self, codes: list[str]) -> None:
        for old in self.suggestion_buttons:
            self.suggestions.removeWidget(old)
            old.deleteLater()
        self.suggestion_buttons = []
        for code in codes[:3]:
            choice = button()
            describe(
                choice, self.tr("¿Quiso decir {0}?").format(code), self.tr("Usar el código {0}").format(code)
            )
            choice.clicked.connect(lambda _checked=False, c=code: self._use_suggestion(c))
            self.suggestions.addWidget(choice)
            self.suggestion_buttons.append(choice)
        if self.suggestion_buttons:
            self._scroll_to(self.suggestion_buttons[-1])

    def _scroll_to(self, widget: QWidget) -> None:
        """Bring what just appeared into view (the keyboard may have taken half the screen)."""
        QTimer.singleShot(0, lambda: self.area.area.ensureWidgetVisible(widget))

    def _use_suggestion(self, code: str) -> None:
        self.code_edit.setText(code)
        self._edited()
        if len(self.digits_edit.text()) == ID_DIGITS:
            self.lookup()
        else:
            self.digits_edit.setFocus()

    def _show_error(self, message: str) -> None:
        self.error.setText("⚠ " + message)
        self.error.setAccessibleName(message)
        self.result_box.hide()

    def _found(self, lookup: StatusLookup) -> None:
        self.lookup_button.setEnabled(True)
        self.error.clear()
        self.result = lookup
        self._show_result()
        self.again_button.setFocus()

    def _failed(self, exc: BaseException) -> None:
        self.lookup_button.setEnabled(True)
        if isinstance(exc, TamboError) and exc.code == errors.LOOKUP_NOT_FOUND:
            self.limiter.record_miss()
        self._show_error(exception_text(exc, self.lang))
        self.code_edit.setFocus()

    def _show_result(self) -> None:
        lookup = self.result
        while self.result_layout.count():
            item = self.result_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        if lookup is None:
            self.result_box.hide()
            return
        lang = self.lang
        status = lookup.status
        service = self.context.service(lookup.service_id)
        title = label("subtitle")
        title.setText(f"{lookup.tracking_code} · {_service_title(service, lookup, lang)}")
        state = label("title")
        explanation = label()
        if status is None:
            state.setText(self.tr("Estado: registrado en este quiosco"))
            explanation.setText(
                self.tr(
                    "Su solicitud aún no se ha enviado a la municipalidad; se enviará cuando haya conexión."
                )
                if lookup.pending_sync
                else self.tr("La municipalidad recibió su solicitud y pronto la revisará.")
            )
        else:
            state.setText(self.tr("Estado: {0}").format(status_label(status, lang)))
            explanation.setText(status_explanation(status, lang))
        facts = [self.tr("Presentado el {0}").format(datetime_text(lookup.filed_at))]
        final = status is not None and status in STATUSES and STATUSES[status].final
        if lookup.due_date and not final:
            facts.append(self.tr("Fecha límite de respuesta: {0}").format(date_text(lookup.due_date)))
        if lookup.status_at:
            facts.append(self.tr("Último cambio: {0}").format(datetime_text(lookup.status_at)))
        details = label()
        details.setText("\n".join(facts))
        for widget in (title, state, explanation, details):
            self.result_layout.addWidget(widget)
        if lookup.messages:
            heading = label("subtitle")
            heading.setText(self.tr("Mensajes de la municipalidad para usted"))
            self.result_layout.addWidget(heading)
            for message in lookup.messages:
                note = label("note")
                note.setTextFormat(Qt.TextFormat.RichText)
                note.setText(
                    f"<b>{escape(datetime_text(message.at))} · {escape(message.from_unit)}</b><br>"
                    + escape(message.body).replace("\n", "<br>")
                )
                note.setAccessibleName(f"{datetime_text(message.at)}, {message.from_unit}: {message.body}")
                self.result_layout.addWidget(note)
        as_of = label("muted")
        when = lookup.last_sync_at or (self.context.device.last_sync_at if self.context.device else None)
        as_of.setText(
            self.tr("Información al {0}, la última vez que este quiosco se sincronizó.").format(
                datetime_text(when)
            )
            if when
            else self.tr("Este quiosco todavía no se ha sincronizado con la municipalidad.")
        )
        self.result_layout.addWidget(as_of)
        self.result_box.show()
        self._scroll_to(self.result_box)

    def clear(self) -> None:
        """Another lookup: nothing of this one stays on screen."""
        self.code_edit.clear()
        self.digits_edit.clear()
        self.error.clear()
        self._set_suggestions([])
        self.result = None
        self._show_result()
        self.code_edit.setFocus()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Consultar mi trámite"))
        self.code_label.setText(self.tr("Número de registro"))
        self.code_edit.setPlaceholderText("XXXX-XXXXX-X")
        self.code_edit.setAccessibleName(self.tr("Número de registro"))
        self.code_hint.setText(
            self.tr("Está en su cargo, debajo del código QR. También puede acercar el código QR al lector.")
        )
        self.code_edit.setAccessibleDescription(self.code_hint.text())
        self.digits_label.setText(self.tr("Últimos {0} dígitos de su documento (DNI)").format(ID_DIGITS))
        self.digits_edit.setAccessibleName(self.digits_label.text())
        describe(self.lookup_button, self.tr("Consultar"), self.tr("Consultar el estado"))
        describe(self.back_button, self.tr("◀ Inicio"), self.tr("Volver al inicio"))
        describe(self.again_button, self.tr("Nueva consulta"), self.tr("Borrar y hacer otra consulta"))
        self.area.retranslate()
        self._show_sync_line()
        self._show_result()

    def focus_first(self) -> None:
        self.code_edit.setFocus()
        self.code_edit.end(False)


def _service_title(service: ServiceDefinition | None, lookup: StatusLookup, lang: str) -> str:
    return pick(service.title, lang) if service is not None else lookup.service_title
