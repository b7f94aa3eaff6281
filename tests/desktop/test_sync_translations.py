"""The sync UI (indicator, panel, enrollment screen, "Sincronización" menu) is translatable: lupdate
finds its strings in context ``sync``, both .ts files hold them, English translates every one, and with
the English translation installed the widgets speak English. A recording translator catches a string
the widgets ask Qt for that the .ts files lack (what a ``tr(text)`` helper used to cause: lupdate could
not see through it, so no sync string ever reached a translator)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QThreadPool, QTranslator
from PySide6.QtWidgets import QMainWindow

from desktop.i18n import Translations, compile_translations, read_messages, ts_path
from desktop.i18n.catalog import DESKTOP_DIR, source_files, strings_in_code
from desktop.store.syncing import ProblemItem
from desktop.sync.engine import SyncEvent, SyncStatus
from desktop.sync.progress import Progress
from desktop.ui.sync import attach_sync
from desktop.ui.sync.texts import PHASES, connection_text
from shared import errors

SYNC_SOURCES = source_files(DESKTOP_DIR / "ui" / "sync")
FIX = (
    "write the string inline as QCoreApplication.translate('sync', '…'), run `python -m desktop.i18n update`"
)
NOW = datetime(2026, 3, 11, 14, 32, tzinfo=UTC)
MIB = 1024 * 1024


@pytest.fixture(scope="module")
def sync_strings() -> set[tuple[str, str, str]]:
    """What lupdate finds in desktop/ui/sync/ as the code is now."""
    return strings_in_code(SYNC_SOURCES)


def test_lupdate_sees_every_sync_string_in_context_sync(sync_strings):
    assert len(sync_strings) >= 70, (
        f"lupdate found only {len(sync_strings)} strings in desktop/ui/sync ({FIX})"
    )
    elsewhere = sorted(key for key in sync_strings if key[0] != "sync")
    assert not elsewhere, f"strings outside context 'sync' (Qt looks them up under another name): {elsewhere}"
    sources = {source for _context, source, _comment in sync_strings}
    assert {"Sincronizar ahora", "En línea", "Registrar este equipo", "&Sincronización"} <= sources
    assert set(PHASES.values()) <= sources


@pytest.mark.parametrize("lang", ["en", "qu"])
def test_both_ts_files_hold_the_sync_strings(lang, sync_strings):
    held = {m.key for m in read_messages(ts_path(lang)) if m.current}
    missing = sorted(sync_strings - held)
    assert not missing, f"{lang}: {len(missing)} sync strings not in the .ts ({FIX}): {missing[:10]}"


def test_english_translates_every_sync_string(sync_strings):
    english = {m.key: m for m in read_messages(ts_path("en")) if m.current and m.context == "sync"}
    untranslated = sorted(key[1] for key in sync_strings if not english[key].translation.strip())
    assert not untranslated, f"sync strings without English: {untranslated[:10]}"
    assert not [m.source for m in english.values() if m.state == "unfinished"]


class RecordingTranslator(QTranslator):
    """Translates nothing; notes every (context, source) the widgets ask Qt for."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: set[tuple[str, str]] = set()

    def isEmpty(self) -> bool:
        return False

    def translate(self, context, source, disambiguation=None, n=-1):  # type: ignore[no-untyped-def]
        """Returns nothing (a null string), so Qt asks the next translator."""
        self.asked.add((context, source))


def problem(tracking_code: str, state: str, reason: str | None) -> ProblemItem:
    return ProblemItem(
        submission_id=tracking_code,
        tracking_code=tracking_code,
        service_title="Licencia de funcionamiento",
        applicant_name="Ana Quispe",
        state=state,
        code="submission.invalid" if reason else None,
        reason=reason,
        attempts=1,
        last_attempt_at=NOW.isoformat(),
    )


class FakeService:
    """Just enough of SyncService for the widgets: a status, events on demand, no network."""

    def __init__(self, status: SyncStatus) -> None:
        self._status = status
        self.listeners: list[Callable[[SyncEvent], None]] = []

    def status(self) -> SyncStatus:
        return self._status

    def refresh(self) -> SyncStatus:
        return self._status

    def subscribe(self, listener: Callable[[SyncEvent], None]) -> Callable[[], None]:
        self.listeners.append(listener)
        return lambda: None

    def problems(self, limit: int = 200) -> list[ProblemItem]:
        return []

    def sync_now(self) -> None: ...

    def notify_saved(self) -> None: ...

    def stop(self, timeout: float = 5.0) -> None: ...


@pytest.fixture
def english(tmp_path: Path, qapp) -> Iterator[RecordingTranslator]:
    """The English translation installed the way the app installs it, plus a recorder on top."""
    runtime = Translations(compile_translations(tmp_path, force=True))
    assert runtime.set_language("en") == "en"
    recorder = RecordingTranslator()
    QCoreApplication.installTranslator(recorder)  # asked first; answers nothing, English answers next
    try:
        yield recorder
    finally:
        QCoreApplication.removeTranslator(recorder)
        runtime.uninstall()


def test_the_sync_ui_speaks_english(qtbot, english, artifacts_dir):
    status = SyncStatus(
        connection="online",
        pending=2,
        rejected=1,
        last_success_at=NOW - timedelta(minutes=5),
        next_attempt_at=NOW + timedelta(minutes=10),
        server_url="https://tambo.muni.gob.pe",
        error_code=errors.SERVER_UNAVAILABLE,
        error_message=errors.message(errors.SERVER_UNAVAILABLE),
        error_message_en=errors.message(errors.SERVER_UNAVAILABLE, "en"),
    )
    window = QMainWindow()
    qtbot.addWidget(window)
    ui = attach_sync(window, FakeService(status))  # type: ignore[arg-type]
    try:
        menus = [action.text() for action in window.menuBar().actions()]
        assert menus == ["S&ync"]
        items = [action.text() for action in window.menuBar().actions()[0].menu().actions()]
        assert items == ["Sync &now", "&View sync…", "&Register device…"]

        ui.indicator.show_status(status, NOW)
        assert ui.indicator.text.startswith("Online · 2 to send · 1 refused · Last sync: ")
        assert ui.indicator.button.toolTip().endswith("Click to see the sync details")
        assert ui.indicator.button.accessibleName().startswith("Sync: Online")
        for connection, expected in [("offline", "Offline"), ("not_enrolled", "Device not registered")]:
            assert connection_text(SyncStatus(connection=connection)) == expected  # type: ignore[arg-type]

        panel = ui.open_panel()
        panel.show_status(status, NOW)
        panel.show_progress(
            Progress(
                "uploading",
                items_done=1,
                items_total=3,
                bytes_done=3 * MIB,
                bytes_total=8 * MIB,
                file_done=MIB,
                file_total=4 * MIB,
            )
        )
        refused = problem("MDP-2026-000123", "rejected", "Falta el DNI del solicitante.")
        panel.show_problems([refused, problem("MDP-2026-000124", "failed", None)])
        assert panel.windowTitle() == "Sync"
        assert panel.sync_button.text() == "Sync now"
        assert panel.close_button.text() == "Close"
        assert panel.connection.text() == "Online"
        assert panel.error.text() == "Server unavailable for now; it will be retried."  # the engine's, too
        assert panel.phase.text() == "Sending attachments"
        assert panel.file_label.text().startswith("Attachment: 1.0 MB of 4.0 MB")
        headers = [panel.problems.horizontalHeaderItem(i).text() for i in range(4)]
        assert headers == ["Registration no.", "Procedure", "Situation", "Reason"]
        assert panel.problems.item(0, 2).text() == "Refused by the server"
        assert panel.problems.item(1, 2).text() == "Could not be sent"
        panel.grab().save(str(artifacts_dir / "sync-panel-en.png"))

        dialog = ui.open_enrollment()
        assert dialog.windowTitle() == "Register this device"
        assert dialog.enroll_button.text() == "Register"
        assert dialog.file_button.text() == "Use enrollment file…"
        dialog.enroll()  # nothing typed in: asks for the address and the code
        assert dialog.message.text() == "Enter the server address and the enrollment code."
        dialog.grab().save(str(artifacts_dir / "sync-enroll-en.png"))
        dialog.reject()
    finally:
        ui.stop()
        QThreadPool.globalInstance().waitForDone(10_000)

    english_ts = {m.key[:2] for m in read_messages(ts_path("en")) if m.current and m.translation.strip()}
    asked = {key for key in english.asked if key[0] == "sync"}
    assert len(asked) > 40
    lacking = sorted(asked - english_ts)
    assert not lacking, f"the sync UI asks Qt for strings the English .ts lacks ({FIX}): {lacking}"
