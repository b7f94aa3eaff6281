"""The coordinator window (``tambo --coordinator``) is translatable: lupdate finds its strings in context
``CoordinatorWindow``, both .ts files hold them, English translates every one with its placeholders,
and with the English translation installed the window, its folder dialog and its status messages speak
English. A recording translator catches a string the window asks Qt for that the English file lacks."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QFileDialog

from desktop.bundles.acks import AckResult, FolderOutcome
from desktop.bundles.coordinator import RelayState
from desktop.bundles.export import ExportResult
from desktop.bundles.relay import CollectReport, ForwardReport, Refusal, SiteSummary
from desktop.i18n import read_messages, ts_path
from desktop.i18n.catalog import DESKTOP_DIR, strings_in_code
from desktop.sync.progress import SyncReport
from desktop.ui.coordinator_window import STALE_COLOR, STALE_DAYS, CoordinatorWindow
from desktop.ui.tasks import ops_in_flight
from shared.errors import TamboError
from shared.protocol.bundle_acks import AckSummary
from tests.desktop.test_sync_translations import english  # noqa: F401 - fixture reused as it is

CONTEXT = "CoordinatorWindow"
COORDINATOR_SOURCES = [
    DESKTOP_DIR / "ui" / "coordinator_window.py",
    DESKTOP_DIR / "ui" / "coordinator_app.py",
]
FIX = (
    "write the string inline as self.tr('…') in CoordinatorWindow, run `python -m desktop.i18n update`, "
    "then translate it in desktop/i18n/tambo_en.ts"
)
PLACEHOLDER = re.compile(r"\{[a-z_0-9]*\}|%n")
NOW = datetime.now(UTC)
WAIT = 10_000


@pytest.fixture(scope="module")
def coordinator_strings() -> set[tuple[str, str, str]]:
    """What lupdate finds in the coordinator window's modules as the code is now."""
    return strings_in_code(COORDINATOR_SOURCES)


def test_lupdate_sees_every_coordinator_string_in_its_context(coordinator_strings):
    assert len(coordinator_strings) >= 33, (
        f"lupdate found only {len(coordinator_strings)} strings in the coordinator window ({FIX})"
    )
    elsewhere = sorted(key for key in coordinator_strings if key[0] != CONTEXT)
    assert not elsewhere, (
        f"strings outside context {CONTEXT!r} (Qt looks them up under another name): {elsewhere}"
    )
    sources = {source for _context, source, _comment in coordinator_strings}
    assert {"Tambo — Coordinación de sedes", "Recoger paquetes de la memoria USB…", "Sede"} <= sources


@pytest.mark.parametrize("lang", ["en", "qu"])
def test_both_ts_files_hold_the_coordinator_strings(lang, coordinator_strings):
    held = {m.key for m in read_messages(ts_path(lang)) if m.current}
    missing = sorted(coordinator_strings - held)
    assert not missing, f"{lang}: {len(missing)} coordinator strings not in the .ts ({FIX}): {missing[:10]}"


def test_english_translates_every_coordinator_string(coordinator_strings):
    english_ts = {m.key: m for m in read_messages(ts_path("en")) if m.current and m.context == CONTEXT}
    untranslated = sorted(key[1] for key in coordinator_strings if not english_ts[key].translation.strip())
    assert not untranslated, f"coordinator strings without English ({FIX}): {untranslated[:10]}"
    assert not [m.source for m in english_ts.values() if m.state == "unfinished"]
    lost = [
        (m.source, m.translation)
        for m in english_ts.values()
        if sorted(PLACEHOLDER.findall(m.source)) != sorted(PLACEHOLDER.findall(m.translation))
    ]
    assert not lost, f"English translations that lost or gained a placeholder: {lost}"


def ack_result(sent: int) -> AckResult:
    return AckResult(
        bundle_id="b1",
        sent=sent,
        already_sent=0,
        rejected=0,
        waiting=0,
        changes_applied=0,
        cursor_moved=False,
        has_more=False,
        report=SyncReport(started_at=NOW),
    )


class FakeService:
    """Just enough of CoordinatorService for the window: fixed answers, no store, no network."""

    def __init__(self) -> None:
        self.relay_state = RelayState(
            [
                SiteSummary(
                    "dev_a",
                    "Quiosco Ccochaccasa",
                    "CCOC",
                    NOW - timedelta(days=STALE_DAYS + 6),
                    carrying_bundles=1,
                    carrying_items=3,
                    forwarded_items=12,
                    acks_to_deliver=1,
                    last_forwarded_at=NOW - timedelta(days=STALE_DAYS + 5),
                ),
                SiteSummary("dev_b", "Quiosco Anchonga", "ANCH", NOW - timedelta(days=2), forwarded_items=4),
            ],
            carrying=1,
            acks_to_deliver=1,
            own_pending=2,
        )

    def state(self) -> RelayState:
        return self.relay_state

    def collect(self, folder: Path) -> CollectReport:
        return CollectReport(collected=[object()], already=["vieja.tambo"])  # type: ignore[list-item]

    def forward(self) -> ForwardReport:
        return ForwardReport(
            forwarded=[(object(), AckSummary(accepted=3))],  # type: ignore[list-item]
            refused=[Refusal("otra.tambo", "El paquete está dañado.")],
            stopped=TamboError("sync.offline"),
        )

    def deliver(self, folder: Path) -> list[Path]:
        return [folder / "CCOC.acuse"]

    def export_own(self, target: Path) -> ExportResult:
        return ExportResult(target / "propio.tambo", "b2", 2, 1, 2048, skipped=["CCOC-2026-000007"])

    def apply_acks(self, path: Path) -> FolderOutcome:
        return FolderOutcome(applied=[("CCOC.acuse", ack_result(2))], others=0, failed=[])


def settle(qtbot, window: CoordinatorWindow) -> None:
    qtbot.waitUntil(lambda: ops_in_flight() == 0 and not window.forwarding, timeout=WAIT)


def test_the_coordinator_window_speaks_english(qtbot, english, artifacts_dir, monkeypatch, tmp_path):  # noqa: F811
    window = CoordinatorWindow(FakeService())  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    try:
        qtbot.waitUntil(lambda: window.state is not None, timeout=WAIT)
        assert window.windowTitle() == "Tambo — Site coordination"
        assert window.collect_button.text() == "Collect bundles from the USB stick…"
        assert window.collect_button.accessibleName() == "Collect bundles from the USB stick"
        assert window.forward_button.text() == "Send to the server now"
        assert window.deliver_button.text() == "Copy acknowledgements to the USB stick…"
        assert window.export_button.text() == "Export this device's bundle…"
        assert window.ack_button.text() == "Apply acknowledgements…"
        headers = [window.sites.horizontalHeaderItem(i).text() for i in range(window.sites.columnCount())]
        assert headers == [
            "Site",
            "Last visit",
            "To send",
            "Sent",
            "Acknowledgements to deliver",
            "Last sent",
        ]
        assert window.sites.item(0, 2).text() == "3 in 1 bundle(s)"
        assert window.sites.item(0, 0).background().color() == STALE_COLOR
        assert window.sites.item(0, 0).toolTip() == f"No visit for {STALE_DAYS} days or more"
        assert (
            window.own.text() == "2 request(s) from this device are waiting for confirmation from the server."
        )
        window.grab().save(str(artifacts_dir / "coordinator-en.png"))

        captions: list[str] = []

        def choose(parent, caption="", *args, **kwargs):  # type: ignore[no-untyped-def]
            captions.append(caption)
            return str(tmp_path)

        monkeypatch.setattr(QFileDialog, "getExistingDirectory", choose)
        window.collect_button.click()  # collecting forwards at once what it took
        qtbot.waitUntil(lambda: "Sent 1 bundle(s)" in window.status.text(), timeout=WAIT)
        settle(qtbot, window)
        assert captions == ["Choose the folder (the USB stick)"]
        said = window.status.text()
        assert said.startswith("Collected: 1 bundle(s). 1 had already been collected. ")
        assert "Sent 1 bundle(s): 3 new request(s) on the server." in said
        assert "Refused otra.tambo: " in said
        assert "The rest will be sent later: " in said

        window.deliver_button.click()
        qtbot.waitUntil(lambda: window.status.text().startswith("1 acknowledgement(s) copied"), timeout=WAIT)
        assert window.status.text() == "1 acknowledgement(s) copied: take them to their sites."
        settle(qtbot, window)

        window.export_button.click()
        qtbot.waitUntil(lambda: window.status.text().startswith("Bundle written to "), timeout=WAIT)
        assert window.status.text().endswith(
            ": 2 request(s), 1 attachment(s). Not included (an attachment is missing): CCOC-2026-000007"
        )
        settle(qtbot, window)

        window.ack_button.click()
        qtbot.waitUntil(lambda: window.status.text().startswith("1 acknowledgement(s) applied"), timeout=WAIT)
        assert window.status.text() == "1 acknowledgement(s) applied: 2 request(s) confirmed."
        settle(qtbot, window)
    finally:
        QThreadPool.globalInstance().waitForDone(10_000)

    english_ts = {m.key[:2] for m in read_messages(ts_path("en")) if m.current and m.translation.strip()}
    asked = {key for key in english.asked if key[0] == CONTEXT}
    assert len(asked) >= 30
    lacking = sorted(asked - english_ts)
    assert not lacking, f"the coordinator window asks Qt for strings the English .ts lacks ({FIX}): {lacking}"
