"""The device as a witness of the server's audit chain, against the real server: a chain rewritten in the
server's database after a sync (every hash recomputed, so ``audit verify`` sees nothing) shows as a
sync health problem at the next sync, and stays until an administrator acts."""

from __future__ import annotations

from desktop.sync.health import audit_seen, forget_audit_seen
from sync_server.storage import audit
from tests.sync.support import make_engine
from tests.sync_server.test_audit_witness import rewrite_chain


def test_a_rewritten_server_audit_chain_is_reported_at_the_next_sync(desk, live_server):
    desk.save()
    engine = make_engine(desk, live_server.url)
    try:
        report = engine.run_once()
        assert report.complete, report.error
        assert report.health is not None
        assert report.health.ok
        assert engine.status().health_problem is None
        seen = desk.backend.store.read(audit_seen)
        with live_server.server.db.read() as conn:
            assert (seen.position, seen.hash) == audit.chain_head(conn, "muni-demo")

        desk.save()  # a second sync: the server proves the head still holds and shows its newer one
        report = engine.run_once()
        assert report.complete
        assert report.health.ok
        witnessed = desk.backend.store.read(audit_seen)
        assert witnessed.position > seen.position

        with live_server.server.db.write() as conn:
            rewrite_chain(conn, "muni-demo", 2)
        with live_server.server.db.read() as conn:
            assert audit.verify_chain(conn, "muni-demo").ok

        for _ in range(2):  # the problem stays: the device keeps the head it witnessed
            report = engine.run_once()
            assert report.complete, report.error
            assert report.health.audit_changed_at == witnessed.position
            assert not report.health.ok
            problem = engine.status().health_problem
            assert problem is not None
            assert "El registro de auditoría del servidor cambió" in problem
            assert f"(entrada {witnessed.position})" in problem
            assert desk.backend.store.read(audit_seen) == witnessed

        # the administrator confirms a legitimate restore: `tambo audit server-head --forget`
        assert desk.backend.store.write(forget_audit_seen) == witnessed
        report = engine.run_once()
        assert report.complete, report.error
        assert report.health.ok
        assert engine.status().health_problem is None
        with live_server.server.db.read() as conn:
            now_seen = desk.backend.store.read(audit_seen)
            assert (now_seen.position, now_seen.hash) == audit.chain_head(conn, "muni-demo")
    finally:
        engine.stop()
