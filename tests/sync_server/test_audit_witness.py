"""Devices as witnesses of the audit chain: the health answer carries the institution's audit head and
says whether the chain still holds the head a device saw, so a chain rewritten (every hash recomputed,
which ``audit verify`` cannot tell) or cut in the database shows. SQLite and PostgreSQL."""

from __future__ import annotations

import logging

import pytest
import sqlalchemy as sa

from shared.protocol import AuditHead, HealthRequest
from sync_server.storage import audit, journal
from sync_server.storage.schema import audit_log
from tests.sync_server.conftest import LiveServer
from tests.sync_server.storage_contract import bypass_audit_guard


def rewrite_chain(conn: sa.Connection, institution_id: str, position: int) -> None:
    """What the database owner can do: change the entry at ``position`` and recompute every hash after
    it, so that the chain verifies again (``audit verify`` sees nothing)."""
    bypass_audit_guard(conn)
    entries = [e for e in audit.iter_entries(conn, institution_id) if e.position >= position]
    prev = entries[0].prev_hash
    for entry in entries:
        details = '{"forged":true}' if entry.position == position else entry.details
        digest = audit.entry_hash(
            prev,
            institution_id,
            entry.position,
            entry.at,
            entry.actor,
            entry.action,
            entry.subject,
            details,
        )
        conn.execute(
            sa.update(audit_log)
            .where(audit_log.c.institution_id == institution_id, audit_log.c.position == entry.position)
            .values(details=details, prev_hash=prev, hash=digest)
        )
        prev = digest


def truncate_chain(conn: sa.Connection, institution_id: str, keep: int) -> None:
    """Remove the entries after ``keep``: what is left still verifies."""
    bypass_audit_guard(conn)
    conn.execute(
        sa.delete(audit_log).where(audit_log.c.institution_id == institution_id, audit_log.c.position > keep)
    )


def ask(device, seen: AuditHead | None) -> dict:  # type: ignore[no-untyped-def]
    response = device.post_message("/health", HealthRequest(days=[], audit_seen=seen))
    assert response.status_code == 200, response.text
    return response.json()


def head_of(live_server: LiveServer, institution_id: str = "muni-demo") -> AuditHead:
    with live_server.server.db.read() as conn:
        position, digest = audit.chain_head(conn, institution_id)
    return AuditHead(position=position, hash=digest)


def test_nothing_seen_is_unknown_and_the_answer_carries_the_head(
    backend: str, live_server: LiveServer
) -> None:
    device = live_server.device()
    body = ask(device, None)
    assert body["audit_witness"] == "unknown"
    head = head_of(live_server)
    assert head.position >= 3  # the institution, its catalog, the enrollment
    assert body["audit_head"] == {"position": head.position, "hash": head.hash}


def test_a_head_the_chain_still_holds_is_ok_even_after_new_entries(
    backend: str, live_server: LiveServer
) -> None:
    device = live_server.device()
    seen = AuditHead.model_validate(ask(device, None)["audit_head"])
    live_server.device(name="Mesa 2")  # a new enrollment: new audit entries after the one seen
    body = ask(device, seen)
    assert body["audit_witness"] == "ok"
    assert body["audit_head"]["position"] > seen.position
    assert ask(device, AuditHead(position=0, hash=audit.GENESIS_HASH))["audit_witness"] == "ok"


def test_a_rewritten_chain_is_a_mismatch_and_is_logged(
    backend: str, live_server: LiveServer, caplog: pytest.LogCaptureFixture
) -> None:
    device = live_server.device()
    seen = AuditHead.model_validate(ask(device, None)["audit_head"])
    with live_server.server.db.write() as conn:
        rewrite_chain(conn, "muni-demo", 2)
    with live_server.server.db.read() as conn:
        assert audit.verify_chain(conn, "muni-demo").ok  # the chain alone does not tell
    with caplog.at_level(logging.ERROR, logger="tambo.server"):
        body = ask(device, seen)
    assert body["audit_witness"] == "mismatch"
    assert body["audit_head"]["hash"] != seen.hash
    logged = [r for r in caplog.records if r.name == "tambo.server" and r.levelno == logging.ERROR]
    assert len(logged) == 1
    assert "muni-demo" in logged[0].getMessage()
    assert f"position {seen.position}" in logged[0].getMessage()


def test_a_truncated_chain_is_a_mismatch(
    backend: str, live_server: LiveServer, caplog: pytest.LogCaptureFixture
) -> None:
    device = live_server.device()
    seen = AuditHead.model_validate(ask(device, None)["audit_head"])
    with live_server.server.db.write() as conn:
        truncate_chain(conn, "muni-demo", seen.position - 1)
    with caplog.at_level(logging.ERROR, logger="tambo.server"):
        body = ask(device, seen)
    assert body["audit_witness"] == "mismatch"
    assert body["audit_head"]["position"] == seen.position - 1
    assert any(r.name == "tambo.server" and r.levelno == logging.ERROR for r in caplog.records)


def test_a_wrong_hash_or_an_unknown_position_is_a_mismatch_per_institution(
    backend: str, live_server: LiveServer, second_institution
) -> None:
    device, other = live_server.device(), second_institution()
    seen = AuditHead.model_validate(ask(device, None)["audit_head"])
    assert ask(device, AuditHead(position=seen.position, hash="0" * 64))["audit_witness"] == "mismatch"
    beyond = AuditHead(position=seen.position + 100, hash=seen.hash)
    assert ask(device, beyond)["audit_witness"] == "mismatch"
    theirs = AuditHead.model_validate(ask(other, None)["audit_head"])
    assert ask(other, theirs)["audit_witness"] == "ok"
    assert ask(device, theirs)["audit_witness"] == "mismatch"  # another institution's chain


def test_the_answer_flushes_pending_audit_entries_first(backend: str, live_server: LiveServer) -> None:
    device = live_server.device()
    before = head_of(live_server)
    with live_server.server.db.write() as conn:  # a push committed, its flush has not run yet
        journal.record(
            conn, "muni-demo", audit=[audit.AuditRecord("device:t", "test.pending", "s1")], deferred=True
        )
    assert head_of(live_server) == before
    body = ask(device, before)
    assert body["audit_witness"] == "ok"
    assert body["audit_head"]["position"] == before.position + 1
