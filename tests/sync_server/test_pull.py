"""Pull over the real API: pages, cursors, what each device sees, and the officials' changes flowing down."""

from __future__ import annotations

import hashlib
import io
from datetime import UTC, datetime

import pytest
import requests

from shared import errors, statuses
from shared.errors import TamboError
from shared.protocol import DayDigest, HealthRequest, PullResponse, day_digest, decode_changes
from sync_server.ops.documents import store_document
from sync_server.storage.devices import device_by_device_id
from sync_server.storage.institutions import change_institution_settings, get_institution
from sync_server.storage.workflow import add_message, change_status
from tests.sync_server.conftest import LiveServer


def test_a_new_devices_first_pull_has_the_institution_key_and_the_catalog(live_server: LiveServer) -> None:
    device = live_server.device()
    changes, cursor = device.pull_all()
    typed = decode_changes(changes)
    assert typed[0].kind == "settings"
    assert typed[0].value["public_key"] == device.institution_public_key
    assert (typed[1].kind, typed[1].key, typed[1].value) == ("settings", "calendar", {})
    services = {c.service_id for c in typed if c.kind == "catalog"}
    assert {"solicitud-general", "libro-reclamaciones", "constancia-domiciliaria"} <= services
    assert len(services) == 10
    assert device.pull(cursor).json() == {"v": 1, "changes": [], "cursor": cursor, "has_more": False}


def test_pages_are_bounded_and_the_cursor_moves_forward(live_server: LiveServer) -> None:
    device = live_server.device()
    seen: list[dict] = []
    cursor = None
    pages = 0
    while True:
        page = PullResponse.model_validate(device.pull(cursor, limit=3).json())
        assert len(page.changes) <= 3
        seen += [c.model_dump(mode="json") for c in page.changes]
        cursor = page.cursor
        pages += 1
        if not page.has_more:
            break
    everything, _ = device.pull_all()
    assert seen == everything
    assert pages == 4  # 12 changes in pages of 3


def test_the_institutions_calendar_and_notice_reach_every_device(live_server: LiveServer) -> None:
    device = live_server.device()
    _, cursor = device.pull_all()
    calendar = {"non_working_days": ["2026-06-24"], "cutoff": "16:30", "tz": "America/Lima"}
    with live_server.server.db.write() as conn:
        change_institution_settings(
            conn,
            "muni-demo",
            calendar=calendar,
            notice="  Sus datos se usan solo para su trámite.  ",
            actor="admin:test",
            now=datetime.now(UTC),
        )
    page = device.pull(cursor).json()
    settings = {c["key"]: c["value"] for c in page["changes"] if c["kind"] == "settings"}
    assert settings == {
        "calendar": calendar,
        "data_protection_notice": "Sus datos se usan solo para su trámite.",
    }
    newcomer = live_server.device(name="Nuevo")  # a device enrolled later learns them from the log
    everything, _ = newcomer.pull_all()
    latest = {c["key"]: c["value"] for c in everything if c["kind"] == "settings"}
    assert latest["calendar"] == calendar
    with live_server.server.db.read() as conn:  # the server's own due dates follow the new calendar
        assert get_institution(conn, "muni-demo").business_calendar().cutoff.isoformat() == "16:30:00"


@pytest.mark.parametrize(
    ("calendar", "notice"),
    [({"non_working_day": ["2026-06-24"]}, None), ({"tz": "Luna/Tranquilidad"}, None), (None, "   ")],
)
def test_a_bad_calendar_or_notice_is_refused_and_nothing_reaches_devices(
    live_server: LiveServer, calendar: dict | None, notice: str | None
) -> None:
    device = live_server.device()
    _, cursor = device.pull_all()
    with pytest.raises(TamboError) as caught, live_server.server.db.write() as conn:
        change_institution_settings(
            conn, "muni-demo", calendar=calendar, notice=notice, actor="admin:test", now=datetime.now(UTC)
        )
    assert caught.value.code == errors.PROTOCOL_MALFORMED
    assert device.pull(cursor).json()["changes"] == []


def test_the_limit_is_bounded(live_server: LiveServer) -> None:
    device = live_server.device()
    response = device.request("POST", "/pull", b'{"v": 1, "limit": 100000}')
    assert response.status_code == 422
    assert response.json()["error"]["code"] == errors.PROTOCOL_INVALID


def test_officials_changes_reach_only_the_capturing_device(live_server: LiveServer) -> None:
    clerk, kiosk = live_server.device(name="Mesa"), live_server.device(name="Kiosco")
    sealed = clerk.seal()
    clerk.push([sealed.envelope])
    _, clerk_cursor = clerk.pull_all()
    _, kiosk_cursor = kiosk.pull_all()
    now = datetime.now(UTC)
    with live_server.server.db.write() as conn:
        change_status(
            conn,
            "muni-demo",
            sealed.envelope.id,
            statuses.OBSERVED,
            actor="user:ana",
            now=now,
            note_public="Falta copia del DNI",
        )
        add_message(
            conn,
            "muni-demo",
            sealed.envelope.id,
            "Traiga copia de su DNI",
            from_unit="tramite-documentario",
            actor="user:ana",
            now=now,
        )
    document = store_document(
        live_server.server,
        "muni-demo",
        sealed.envelope.id,
        io.BytesIO(b"%PDF-1.4 constancia"),
        name="constancia.pdf",
        media_type="application/pdf",
        actor="user:ana",
    )
    page = clerk.pull(clerk_cursor).json()
    kinds = [c["kind"] for c in page["changes"]]
    assert kinds == ["status", "message", "document"]
    status, message, doc = decode_changes(page["changes"])
    assert status.status == statuses.OBSERVED
    assert status.note_public == "Falta copia del DNI"
    assert message.body == "Traiga copia de su DNI"
    assert doc.document_id == document.id
    assert doc.sha256 == hashlib.sha256(b"%PDF-1.4 constancia").hexdigest()
    assert kiosk.pull(kiosk_cursor).json()["changes"] == []

    download = clerk.request("GET", f"/documents/{document.id}")
    assert download.status_code == 200
    assert download.content == b"%PDF-1.4 constancia"
    assert download.headers["Content-Type"] == "application/pdf"
    assert "constancia.pdf" in download.headers["Content-Disposition"]
    assert kiosk.request("GET", f"/documents/{document.id}").status_code == 404


def test_a_document_request_needs_a_signature(live_server: LiveServer) -> None:
    response = requests.get(f"{live_server.url}/api/v1/documents/01J00000000000000000000001", timeout=10)
    assert response.status_code == 401


@pytest.mark.parametrize("cursor", [None, "c1.0"])
def test_pulling_twice_from_the_same_cursor_gives_the_same_page(
    live_server: LiveServer, cursor: str | None
) -> None:
    device = live_server.device()
    assert device.pull(cursor, limit=5).json() == device.pull(cursor, limit=5).json()


def test_the_catalog_route_gives_the_current_versions_and_the_key(live_server: LiveServer) -> None:
    device = live_server.device()
    body = device.request("GET", "/catalog").json()
    assert body["institution"]["id"] == "muni-demo"
    assert body["institution"]["public_key"] == device.institution_public_key
    assert len(body["services"]) == 10
    assert all(service["form"]["version"] == 1 for service in body["services"])


def test_health_compares_days_and_keeps_what_the_device_reports(live_server: LiveServer) -> None:
    device = live_server.device()
    pushed = [device.seal() for _ in range(3)]
    device.push([s.envelope for s in pushed[:2]])  # the third is still in the outbox
    day = pushed[0].envelope.created_at.astimezone(UTC).date()
    mine = DayDigest(day=day, count=3, digest=day_digest(s.envelope.id for s in pushed))
    empty = DayDigest(day=datetime(2026, 1, 5).date(), count=0, digest=day_digest([]))
    request = HealthRequest(days=[mine, empty], pending_count=1, app_version="0.1.0")
    response = device.post_message("/health", request).json()
    assert response["mismatched_days"] == [day.isoformat()]
    assert response["days"] == [
        {"day": day.isoformat(), "count": 2, "digest": day_digest(s.envelope.id for s in pushed[:2])}
    ]
    with live_server.server.db.read() as conn:
        stored = device_by_device_id(conn, device.device_id)
    assert stored.pending_count == 1
    assert stored.app_version == "0.1.0"
