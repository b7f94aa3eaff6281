"""The storage contract: what every database backend must do, run on SQLite and on PostgreSQL.

Following Kinto's ``storage/testing.py``: one base class of tests, one subclass per backend
(``test_storage_backends.py``), so a behaviour that differs between backends fails on one of them.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from shared import errors, statuses
from shared.errors import TamboError
from shared.forms import demo_catalog_dir, load_service
from shared.protocol import SettingsChange
from sync_server.context import Server
from sync_server.ops.admin import create_institution
from sync_server.storage import audit, catalog, devices, journal, submissions, uploads, users, workflow
from sync_server.storage.institutions import get_institution, list_institutions
from sync_server.storage.schema import audit_log, institutions

NOW = datetime(2026, 3, 2, 15, 30, tzinfo=UTC)
SOLICITUD = demo_catalog_dir() / "solicitud-general.json"


def definition(version: int = 1, title: str | None = None) -> dict:
    raw = json.loads(SOLICITUD.read_text(encoding="utf-8"))
    raw["form"]["version"] = version
    if title:
        raw["title"]["es"] = title
    return raw


def submission_row(
    institution_id: str, device_id: str, submission_id: str, tracking_code: str, **extra
) -> dict:
    row = {
        "id": submission_id,
        "institution_id": institution_id,
        "device_id": device_id,
        "pushed_by": device_id,
        "service_id": "solicitud-general",
        "form_version": 1,
        "tracking_code": tracking_code,
        "created_at": NOW,
        "created_day": NOW.date(),
        "device_seq": 1,
        "official_date": NOW.date(),
        "due_date": date(2026, 3, 16),
        "received_at": NOW,
        "status": statuses.RECEIVED,
        "status_at": NOW,
        "applicant_name": "Rosa Mamani",
        "applicant_id": "12345678",
        "answers": {"nombres": "Rosa", "dni": "12345678"},
        "details": {"pages": 2},
        "envelope": "{}",
        "envelope_sha256": "a" * 64,
    }
    row.update(extra)
    return row


def bypass_audit_guard(conn: sa.Connection) -> None:
    """What someone with the database owner's rights can do (migration 0006 stops everyone else): switch
    the append-only triggers off for this transaction, so the tests can show the chain still tells."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SET LOCAL session_replication_role = replica"))
    else:
        conn.execute(sa.text("DROP TRIGGER IF EXISTS audit_log_no_update"))
        conn.execute(sa.text("DROP TRIGGER IF EXISTS audit_log_no_delete"))


class StorageContract:
    """Subclasses choose the backend through the ``database_url`` fixture (see conftest)."""

    @pytest.fixture
    def institution(self, server: Server) -> str:
        create_institution(server, "muni-a", "Municipalidad A", actor="test", now=NOW)
        create_institution(server, "muni-b", "Municipalidad B", actor="test", now=NOW)
        with server.db.write() as conn:
            for inst in ("muni-a", "muni-b"):
                catalog.publish_service(conn, inst, definition(), actor="test", now=NOW)
        return "muni-a"

    def enrolled(
        self, server: Server, institution_id: str, device_id: str, name: str = "Mesa"
    ) -> devices.Device:
        with server.db.write() as conn:
            reserved = devices.reserve_device(
                conn,
                institution_id,
                name,
                code_hash=device_id.ljust(64, "0")[:64],
                code_expires_at=NOW,
                actor="t",
                now=NOW,
            )
            return devices.activate_device(
                conn,
                reserved,
                device_id=device_id,
                public_key="k" * 43,
                app_version="1",
                platform="x",
                now=NOW,
            )

    def stored(
        self, server: Server, institution_id: str, device: devices.Device, submission_id: str, serial: int = 1
    ) -> int:
        with server.db.write() as conn:
            row = submission_row(
                institution_id, device.device_id, submission_id, f"{device.prefix}-0000{serial}-X"
            )
            seq = submissions.insert_submission(conn, row, actor="t")
        assert seq is not None
        return seq

    # --- institutions -----------------------------------------------------------------------------

    def test_institution_round_trip(self, server: Server, institution: str) -> None:
        with server.db.read() as conn:
            found = get_institution(conn, institution)
            assert [i.id for i in list_institutions(conn)] == ["muni-a", "muni-b"]
        assert found is not None
        assert found.name == "Municipalidad A"
        assert len(found.key_id) == 16
        assert server.keyring.private_key(found.private_key_wrapped) is not None
        assert found.business_calendar().tz == "America/Lima"

    def test_institution_ids_are_checked_and_unique(self, server: Server, institution: str) -> None:
        with pytest.raises(TamboError) as caught:
            create_institution(server, "muni-a", "Otra", actor="t")
        assert caught.value.code == errors.INSTITUTION_EXISTS
        with pytest.raises(TamboError) as caught:
            create_institution(server, "../etc", "Mala", actor="t")
        assert caught.value.code == errors.INSTITUTION_ID_INVALID

    def test_datetimes_come_back_aware_in_utc(self, server: Server, institution: str) -> None:
        lima = timezone(timedelta(hours=-5))
        with server.db.write() as conn:
            device = devices.reserve_device(
                conn,
                institution,
                "Mesa",
                code_hash="c" * 64,
                code_expires_at=NOW.astimezone(lima),
                actor="t",
                now=NOW,
            )
        assert device.code_expires_at == NOW
        assert device.code_expires_at.tzinfo is not None

    # --- devices and nonces -----------------------------------------------------------------------

    def test_prefixes_are_unique_and_retried_on_collision(self, server: Server, institution: str) -> None:
        wanted = iter(["K7M2", "K7M2", "K7M2", "Q9RS"])
        with server.db.write() as conn:
            first = devices.reserve_device(
                conn,
                institution,
                "A",
                code_hash="1" * 64,
                code_expires_at=NOW,
                actor="t",
                now=NOW,
                new_prefix=lambda: next(wanted),
            )
            second = devices.reserve_device(
                conn,
                "muni-b",
                "B",
                code_hash="2" * 64,
                code_expires_at=NOW,
                actor="t",
                now=NOW,
                new_prefix=lambda: next(wanted),
            )
        assert (first.prefix, second.prefix) == ("K7M2", "Q9RS")
        assert first.status == devices.PENDING
        assert first.device_id is None

    def test_activation_works_once(self, server: Server, institution: str) -> None:
        device = self.enrolled(server, institution, "dev_aaaaaaaaaaaaaaaa")
        assert device.status == devices.ACTIVE
        with server.db.write() as conn:
            assert devices.device_by_code_hash(conn, "dev_aaaaaaaaaaaaaaaa".ljust(64, "0")).id == device.id
            with pytest.raises(TamboError) as caught:
                devices.activate_device(
                    conn,
                    device,
                    device_id="dev_bbbbbbbbbbbbbbbb",
                    public_key="x",
                    app_version="1",
                    platform="x",
                    now=NOW,
                )
        assert caught.value.code == errors.ENROLLMENT_CODE_USED

    def test_find_and_revoke_devices_within_their_institution(self, server: Server, institution: str) -> None:
        device = self.enrolled(server, institution, "dev_aaaaaaaaaaaaaaaa")
        with server.db.write() as conn:
            assert devices.find_device(conn, "muni-b", device.prefix) is None
            assert devices.find_device(conn, institution, str(device.id)).id == device.id
            assert devices.find_device(conn, institution, device.prefix.lower()).id == device.id
            revoked = devices.revoke_device(conn, device, actor="t", now=NOW)
        assert revoked.status == devices.REVOKED
        assert revoked.revoked_at == NOW

    def test_a_nonce_works_once_until_purged(self, server: Server) -> None:
        with server.db.write() as conn:
            assert devices.remember_nonce(conn, "dev_x", "n" * 20, 100)
            assert not devices.remember_nonce(conn, "dev_x", "n" * 20, 100)
            assert devices.remember_nonce(conn, "dev_y", "n" * 20, 100)
            assert devices.purge_nonces(conn, 101) == 2
            assert devices.remember_nonce(conn, "dev_x", "n" * 20, 200)

    # --- catalog ----------------------------------------------------------------------------------

    def test_publishing_is_idempotent_and_versions_are_immutable(
        self, server: Server, institution: str
    ) -> None:
        with server.db.write() as conn:
            again = catalog.publish_service(conn, institution, definition(), actor="t", now=NOW)
            assert again.outcome == "unchanged"
            with pytest.raises(TamboError) as caught:
                catalog.publish_service(conn, institution, definition(title="Cambiado"), actor="t", now=NOW)
        assert caught.value.code == errors.CATALOG_VERSION_IMMUTABLE
        with server.db.write() as conn:
            bumped = catalog.publish_service(
                conn, institution, definition(title="Cambiado"), actor="t", now=NOW, as_new_version=True
            )
            assert (bumped.version, bumped.outcome) == (2, "published")
            same = catalog.publish_service(
                conn, institution, definition(title="Cambiado"), actor="t", now=NOW, as_new_version=True
            )
            assert (same.version, same.outcome) == (2, "unchanged")
        with server.db.read() as conn:
            first = catalog.get_form(conn, institution, "solicitud-general", 1)
            current = catalog.current_forms(conn, institution)
        assert json.loads(first.definition)["title"]["es"] != "Cambiado"
        assert [(f.service_id, f.version) for f in current] == [("solicitud-general", 2)]
        assert load_service(json.loads(current[0].definition)).form.version == 2

    def test_an_older_version_than_the_latest_is_refused(self, server: Server, institution: str) -> None:
        with server.db.write() as conn:
            catalog.publish_service(conn, institution, definition(3), actor="t", now=NOW)
        with pytest.raises(TamboError) as caught, server.db.write() as conn:
            catalog.publish_service(conn, institution, definition(2), actor="t", now=NOW)
        assert caught.value.code == errors.CATALOG_VERSION_BEHIND

    def test_publications_reach_the_institutions_devices_only(self, server: Server, institution: str) -> None:
        with server.db.read() as conn:
            mine = journal.read_changes(conn, institution, "dev_anyone", 0, 100)
            theirs = journal.read_changes(conn, "muni-b", "dev_anyone", 0, 100)
        assert [c.kind for c in mine] == ["settings", "settings", "catalog"]  # key, calendar, catalog
        assert [c.kind for c in theirs] == ["settings", "settings", "catalog"]
        assert not {c.seq for c in mine} & {c.seq for c in theirs}

    # --- submissions ------------------------------------------------------------------------------

    def test_a_submission_id_is_stored_once(self, server: Server, institution: str) -> None:
        device = self.enrolled(server, institution, "dev_aaaaaaaaaaaaaaaa")
        seq = self.stored(server, institution, device, "01J00000000000000000000001")
        with server.db.write() as conn:
            again = submission_row(institution, device.device_id, "01J00000000000000000000001", "OTHER-CODE")
            assert submissions.insert_submission(conn, again, actor="t") is None
            taken = submission_row(
                institution, device.device_id, "01J00000000000000000000002", f"{device.prefix}-00001-X"
            )
            assert submissions.insert_submission(conn, taken, actor="t") is None  # same tracking code
            known = submissions.stored_identities(
                conn, ["01J00000000000000000000001", "01J00000000000000000000009"]
            )
        assert known == {"01J00000000000000000000001": submissions.StoredIdentity(seq, institution, "a" * 64)}

    def test_submissions_are_scoped_by_institution(self, server: Server, institution: str) -> None:
        device = self.enrolled(server, institution, "dev_aaaaaaaaaaaaaaaa")
        self.stored(server, institution, device, "01J00000000000000000000001")
        with server.db.read() as conn:
            assert submissions.get_submission(conn, "muni-b", "01J00000000000000000000001") is None
            found = submissions.get_submission(conn, institution, "01J00000000000000000000001")
            assert submissions.count_submissions(conn, "muni-b") == 0
            assert [s.id for s in submissions.iter_submissions(conn, institution)] == [
                "01J00000000000000000000001"
            ]
        assert found.answers == {"nombres": "Rosa", "dni": "12345678"}
        assert found.due_date == date(2026, 3, 16)
        assert found.created_at == NOW

    def test_day_digests_cover_the_devices_own_submissions(self, server: Server, institution: str) -> None:
        device = self.enrolled(server, institution, "dev_aaaaaaaaaaaaaaaa")
        other = self.enrolled(server, institution, "dev_bbbbbbbbbbbbbbbb", "Otra")
        self.stored(server, institution, device, "01J00000000000000000000001", 1)
        self.stored(server, institution, device, "01J00000000000000000000002", 2)
        self.stored(server, institution, other, "01J00000000000000000000003", 1)
        with server.db.read() as conn:
            digests = submissions.day_digests(
                conn, institution, device.device_id, [NOW.date(), date(2026, 1, 1)]
            )
        from shared.protocol import day_digest

        assert digests == {
            NOW.date(): (2, day_digest(["01J00000000000000000000002", "01J00000000000000000000001"]))
        }

    # --- workflow ---------------------------------------------------------------------------------

    def test_status_messages_and_documents_go_to_the_capturing_device(
        self, server: Server, institution: str
    ) -> None:
        device = self.enrolled(server, institution, "dev_aaaaaaaaaaaaaaaa")
        other = self.enrolled(server, institution, "dev_bbbbbbbbbbbbbbbb", "Otra")
        submission_id = "01J00000000000000000000001"
        self.stored(server, institution, device, submission_id)
        with server.db.write() as conn:
            workflow.change_status(
                conn,
                institution,
                submission_id,
                statuses.IN_REVIEW,
                actor="user:ana",
                now=NOW,
                note_public="En revisión",
            )
            message = workflow.add_message(
                conn,
                institution,
                submission_id,
                "Traiga su DNI",
                from_unit="registro-civil",
                actor="user:ana",
                now=NOW,
            )
            document = workflow.attach_document(
                conn,
                institution,
                submission_id,
                name="constancia.pdf",
                media_type="application/pdf",
                sha256="b" * 64,
                size=10,
                actor="user:ana",
                now=NOW,
            )
        with server.db.read() as conn:
            for_device = journal.read_changes(conn, institution, device.device_id, 0, 100)
            for_other = journal.read_changes(conn, institution, other.device_id, 0, 100)
            history = workflow.status_history(conn, institution, submission_id)
            found = workflow.get_document(conn, institution, document.id)
            assert workflow.get_document(conn, "muni-b", document.id) is None
            assert [m.id for m in workflow.list_messages(conn, institution, submission_id)] == [message.id]
        kinds = [c.kind for c in for_device if c.device_id]
        assert kinds == ["status", "message", "document"]
        assert not [c for c in for_other if c.device_id]
        status_body = json.loads(next(c.body for c in for_device if c.kind == "status"))
        assert status_body["status"] == statuses.IN_REVIEW
        assert status_body["due_date"] == "2026-03-16"
        assert [e.status for e in history] == [statuses.RECEIVED, statuses.IN_REVIEW]
        assert found == (document, device.device_id)

    def test_status_moves_only_along_the_workflow(self, server: Server, institution: str) -> None:
        device = self.enrolled(server, institution, "dev_aaaaaaaaaaaaaaaa")
        self.stored(server, institution, device, "01J00000000000000000000001")
        with pytest.raises(TamboError) as caught, server.db.write() as conn:
            workflow.change_status(
                conn, institution, "01J00000000000000000000001", statuses.ARCHIVED, actor="u", now=NOW
            )
        assert caught.value.code == errors.SUBMISSION_STATUS_TRANSITION
        with pytest.raises(TamboError) as caught, server.db.write() as conn:
            workflow.change_status(
                conn, "muni-b", "01J00000000000000000000001", statuses.IN_REVIEW, actor="u", now=NOW
            )
        assert caught.value.code == errors.SUBMISSION_NOT_FOUND

    # --- uploads ----------------------------------------------------------------------------------

    def test_uploads_are_per_institution(self, server: Server, institution: str) -> None:
        sha = "c" * 64
        with server.db.write() as conn:
            _first, created = uploads.announce_upload(
                conn, institution, sha, 100, "application/pdf", complete=False, now=NOW
            )
            _again, created_again = uploads.announce_upload(
                conn, institution, sha, 100, "application/pdf", complete=False, now=NOW
            )
            assert (created, created_again) == (True, False)
            uploads.set_upload_offset(conn, institution, sha, 40)
            assert uploads.get_upload(conn, institution, sha).offset == 40
            assert uploads.get_upload(conn, "muni-b", sha) is None
            assert uploads.complete_uploads(conn, institution, [sha]) == {}
            uploads.complete_upload(conn, institution, sha, NOW)
            assert uploads.complete_uploads(conn, institution, [sha, "d" * 64]) == {sha: 100}
            assert uploads.complete_uploads(conn, "muni-b", [sha]) == {}
            assert uploads.get_upload(conn, institution, sha).offset == 100

    # --- users ------------------------------------------------------------------------------------

    def test_users_have_roles_and_argon2_hashes(self, server: Server, institution: str) -> None:
        with server.db.write() as conn:
            users.add_user(
                conn,
                institution,
                "ana",
                "una clave larga",
                role="official",
                units=["registro-civil"],
                actor="t",
                now=NOW,
            )
            with pytest.raises(TamboError) as caught:
                users.add_user(
                    conn, institution, "ana", "otra clave larga", role="official", actor="t", now=NOW
                )
            assert caught.value.code == errors.USER_EXISTS
            with pytest.raises(TamboError) as caught:
                users.add_user(conn, institution, "beto", "otra clave larga", role="rey", actor="t", now=NOW)
            assert caught.value.code == errors.USER_ROLE_INVALID
            stored = conn.execute(sa.text("SELECT password_hash FROM users WHERE login = 'ana'")).scalar_one()
            assert stored.startswith("$argon2id$")
            assert "una clave" not in stored
            assert users.check_password(conn, institution, "ana", "una clave larga").units == (
                "registro-civil",
            )
            assert users.check_password(conn, institution, "ana", "mal") is None
            assert users.check_password(conn, "muni-b", "ana", "una clave larga") is None

    # --- audit chain ------------------------------------------------------------------------------

    def test_the_audit_chain_verifies_and_reveals_tampering(self, server: Server, institution: str) -> None:
        self.enrolled(server, institution, "dev_aaaaaaaaaaaaaaaa")
        with server.db.read() as conn:
            report = audit.verify_chain(conn, institution)
        assert report.ok
        assert report.entries == 4
        with server.db.write() as conn:
            bypass_audit_guard(conn)
            conn.execute(
                sa.update(audit_log)
                .where(audit_log.c.institution_id == institution, audit_log.c.position == 2)
                .values(details='{"sha256":"forged"}')
            )
        with server.db.read() as conn:
            tampered = audit.verify_chain(conn, institution)
            untouched = audit.verify_chain(conn, "muni-b")
        assert (tampered.ok, tampered.broken_at) == (False, 2)
        assert untouched.ok

    def test_a_removed_audit_entry_breaks_the_chain(self, server: Server, institution: str) -> None:
        self.enrolled(server, institution, "dev_aaaaaaaaaaaaaaaa")
        with server.db.write() as conn:
            bypass_audit_guard(conn)
            conn.execute(
                sa.delete(audit_log).where(
                    audit_log.c.institution_id == institution, audit_log.c.position == 3
                )
            )
        with server.db.read() as conn:
            report = audit.verify_chain(conn, institution)
        assert (report.ok, report.broken_at) == (False, 3)

    def test_the_database_refuses_to_change_or_remove_an_audit_entry(
        self, server: Server, institution: str
    ) -> None:
        self.enrolled(server, institution, "dev_aaaaaaaaaaaaaaaa")
        one = (audit_log.c.institution_id == institution) & (audit_log.c.position == 2)
        for statement in (
            sa.update(audit_log).where(one).values(actor="nadie"),
            sa.delete(audit_log).where(one),
        ):
            with pytest.raises(sa.exc.DBAPIError, match="append-only"), server.db.write() as conn:
                conn.execute(statement)
        with server.db.read() as conn:
            report = audit.verify_chain(conn, institution)
        assert (report.ok, report.entries) == (True, 4)

    # --- change log -------------------------------------------------------------------------------

    def test_changes_are_read_in_order_in_pages(self, server: Server, institution: str) -> None:
        with server.db.write() as conn:
            for index in range(5):
                journal.record(
                    conn,
                    institution,
                    changes_to_send=[journal.ChangeRecord(None, SettingsChange(key=f"k{index}"))],
                )
            journal.record(
                conn,
                institution,
                changes_to_send=[journal.ChangeRecord("dev_other", SettingsChange(key="private"))],
            )
        with server.db.read() as conn:
            first = journal.read_changes(conn, institution, "dev_me", 0, 4)
            rest = journal.read_changes(conn, institution, "dev_me", first[-1].seq, 100)
        keys = [json.loads(c.body).get("key") for c in first + rest if c.kind == "settings"]
        assert keys == ["institution_key", "calendar", "k0", "k1", "k2", "k3", "k4"]
        seqs = [c.seq for c in first + rest]
        assert seqs == sorted(seqs)
        assert len(set(seqs)) == len(seqs)

    def test_deferred_entries_wait_until_a_flush_places_them_in_order(
        self, server: Server, institution: str
    ) -> None:
        def deferred(key: str) -> None:
            with server.db.write() as conn:
                journal.record(
                    conn,
                    institution,
                    changes_to_send=[journal.ChangeRecord("dev_me", SettingsChange(key=key))],
                    audit=[audit.AuditRecord("device:dev_me", "test.deferred", key, {"n": 1})],
                    deferred=True,
                )

        def keys() -> list[str]:
            with server.db.read() as conn:
                found = journal.read_changes(conn, institution, "dev_me", 0, 100)
            return [json.loads(c.body).get("key") for c in found if c.kind == "settings"]

        deferred("d1")
        deferred("d2")
        with server.db.write() as conn:  # an inline append meanwhile is placed at once
            journal.record(
                conn, institution, changes_to_send=[journal.ChangeRecord(None, SettingsChange(key="i"))]
            )
        with server.db.read() as conn:
            assert journal.has_pending(conn, institution)
            assert not journal.has_pending(conn, "muni-b")
        assert keys() == ["institution_key", "calendar", "i"]
        with server.db.write() as conn:
            assert journal.flush_pending(conn, institution) == 4  # two changes, two audit entries
        with server.db.write() as conn:
            assert journal.flush_pending(conn, institution) == 0
        with server.db.read() as conn:
            assert not journal.has_pending(conn, institution)
            report = audit.verify_chain(conn, institution)
            subjects = [e.subject for e in audit.iter_entries(conn, institution)][-2:]
        assert keys() == ["institution_key", "calendar", "i", "d1", "d2"]
        assert report.ok
        assert subjects == ["d1", "d2"]

    def test_a_flush_moves_more_than_one_batch(self, server: Server, institution: str) -> None:
        with server.db.write() as conn:
            journal.record(
                conn,
                institution,
                changes_to_send=[journal.ChangeRecord(None, SettingsChange(key=f"k{n}")) for n in range(7)],
                audit=[audit.AuditRecord("t", "test.many", f"s{n}") for n in range(5)],
                deferred=True,
            )
        with server.db.write() as conn:
            assert journal.flush_pending(conn, institution, batch=3) == 12
        with server.db.read() as conn:
            found = journal.read_changes(conn, institution, "dev_me", 0, 100)
            report = audit.verify_chain(conn, institution)
        assert [json.loads(c.body).get("key") for c in found][-7:] == [f"k{n}" for n in range(7)]
        assert report.ok

    def test_journal_lock_keys_differ_per_institution(self) -> None:
        assert journal.journal_lock_key("muni-a") != journal.journal_lock_key("muni-b")
        assert -(2**63) <= journal.journal_lock_key("muni-a") < 2**63

    def test_the_institutions_table_never_holds_a_clear_private_key(
        self, server: Server, institution: str
    ) -> None:
        with server.db.read() as conn:
            wrapped = conn.execute(sa.select(institutions.c.private_key_wrapped)).scalars().all()
        assert all(bytes(blob).startswith(b"TKK") for blob in wrapped)
