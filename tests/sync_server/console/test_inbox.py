"""The inbox query on both backends: every filter, the three sort orders, keyset pages forward and
back without gaps or repeats, the capped count, and the scope of an official."""

from __future__ import annotations

from datetime import date

import pytest

from sync_server.storage import Database
from sync_server.storage.inbox import COUNT_CAP, Cursor, InboxFilter, inbox_page
from tests.sync_server.console.conftest import INSTITUTION, Console
from tests.sync_server.console.seed import seed_cases, seed_device


@pytest.fixture(params=["sqlite", "postgresql"])
def seeded(request: pytest.FixtureRequest) -> tuple[Database, list[dict]]:
    console: Console = request.getfixturevalue("console" if request.param == "sqlite" else "console_pg")
    db = console.server.db
    device = seed_device(db, INSTITUTION)
    rows = seed_cases(db, INSTITUTION, device, 137)
    return db, rows


def _all_pages(db: Database, flt: InboxFilter, sort: str, limit: int = 10) -> list[str]:
    seen: list[str] = []
    after = None
    while True:
        with db.read() as conn:
            page = inbox_page(conn, flt, sort=sort, after=Cursor.decode(after, sort), limit=limit)  # type: ignore[arg-type]
        seen += [row.id for row in page.rows]
        if page.next_cursor is None:
            return seen
        after = page.next_cursor


def _expected(rows: list[dict], sort: str, keep=lambda r: True) -> list[str]:
    chosen = [(i, r) for i, r in enumerate(rows) if keep(r)]
    if sort == "newest":
        chosen.sort(key=lambda p: -p[0])
    elif sort == "oldest":
        chosen.sort(key=lambda p: p[0])
    else:
        chosen.sort(key=lambda p: (p[1]["due_date"] is None, p[1]["due_date"] or date.max, p[0]))
    return [r["id"] for _, r in chosen]


@pytest.mark.parametrize("sort", ["newest", "oldest", "due"])
def test_keyset_pages_cover_everything_once_in_order(seeded, sort: str) -> None:
    db, rows = seeded
    assert _all_pages(db, InboxFilter(INSTITUTION), sort) == _expected(rows, sort)


def test_pages_backwards_mirror_pages_forwards(seeded) -> None:
    db, _ = seeded
    flt = InboxFilter(INSTITUTION)
    for sort in ("newest", "due"):
        with db.read() as conn:
            first = inbox_page(conn, flt, sort=sort, limit=10)
            second = inbox_page(conn, flt, sort=sort, after=Cursor.decode(first.next_cursor, sort), limit=10)
            back = inbox_page(conn, flt, sort=sort, before=Cursor.decode(second.prev_cursor, sort), limit=10)
        assert first.prev_cursor is None
        assert [r.id for r in back.rows] == [r.id for r in first.rows]
        assert back.prev_cursor is None


def test_undated_cases_come_last_when_sorting_by_due_date(seeded) -> None:
    db, rows = seeded
    with db.write() as conn:
        from sqlalchemy import update

        from sync_server.storage.schema import submissions

        undated = [r["id"] for r in rows[:5]]
        conn.execute(update(submissions).where(submissions.c.id.in_(undated)).values(due_date=None))
    for r in rows[:5]:
        r["due_date"] = None
    order = _all_pages(db, InboxFilter(INSTITUTION), "due", limit=7)
    assert order == _expected(rows, "due")
    assert order[-5:] == undated


def test_the_name_search_ignores_accents_and_case(seeded) -> None:
    """As officials type ("lucia", "JOSÉ TÍCONA") and as the name was written ("Lucía", "Ticona")."""
    db, rows = seeded
    for typed, name in (
        ("lucia apaza", "Lucía Apaza"),
        ("JOSÉ TÍCONA", "José Ticona"),
        ("maría", "María Condori"),
    ):
        found = _all_pages(db, InboxFilter(INSTITUTION, applicant_name=typed), "newest", limit=25)
        expected = _expected(rows, "newest", lambda r, name=name: r["applicant_name"] == name)
        assert expected, name  # the seed has such cases
        assert found == expected, typed


def test_each_filter(seeded) -> None:
    db, rows = seeded
    today = date(2026, 1, 20)
    cases = [
        (InboxFilter(INSTITUTION, status="observed"), lambda r: r["status"] == "observed"),
        (
            InboxFilter(INSTITUTION, service_id="libro-reclamaciones"),
            lambda r: r["service_id"] == "libro-reclamaciones",
        ),
        (InboxFilter(INSTITUTION, unit="registro-civil"), lambda r: r["unit_code"] == "registro-civil"),
        (
            InboxFilter(INSTITUTION, units=("registro-civil", "atencion-reclamos")),
            lambda r: r["unit_code"] != "tramite-documentario",
        ),
        (InboxFilter(INSTITUTION, units=()), lambda r: False),
        (
            InboxFilter(INSTITUTION, filed_from=date(2026, 1, 10), filed_to=date(2026, 1, 12)),
            lambda r: date(2026, 1, 10) <= r["official_date"] <= date(2026, 1, 12),
        ),
        (InboxFilter(INSTITUTION, tracking_code=rows[40]["tracking_code"]), lambda r: r is rows[40]),
        (
            InboxFilter(INSTITUTION, applicant_id=rows[3]["applicant_id"]),
            lambda r: r["applicant_id"] == rows[3]["applicant_id"],
        ),
        (InboxFilter(INSTITUTION, applicant_name="MAMANI"), lambda r: "Mamani" in r["applicant_name"]),
        (
            InboxFilter(INSTITUTION, applicant_name="a%"),
            lambda r: False,
        ),  # % is a letter here, not a wildcard
        (
            InboxFilter(INSTITUTION, overdue=True, today=today),
            lambda r: (
                r["due_date"] < today and r["status"] in ("received", "in_review", "assigned", "approved")
            ),
        ),
        (InboxFilter(INSTITUTION, unassigned=True), lambda r: True),
        (InboxFilter(INSTITUTION, assignee_id=12345), lambda r: False),
        (
            InboxFilter(INSTITUTION, hidden_services=("solicitud-general",)),
            lambda r: r["service_id"] != "solicitud-general",
        ),
        (InboxFilter("otra-institucion"), lambda r: False),
    ]
    for flt, keep in cases:
        assert _all_pages(db, flt, "newest", limit=25) == _expected(rows, "newest", keep), flt
        with db.read() as conn:
            page = inbox_page(conn, flt, limit=25)
        assert page.total == len(_expected(rows, "newest", keep))
        assert not page.total_capped


def test_a_mangled_cursor_shows_the_first_page() -> None:
    assert Cursor.decode("abc", "newest") is None
    assert Cursor.decode("2026-13-40.5", "due") is None
    assert Cursor.decode("12", "due") is None
    assert Cursor.decode("-.12", "due") == Cursor(12, None)
    assert Cursor.decode("2026-01-05.12", "due") == Cursor(12, date(2026, 1, 5))


def test_the_count_stops_at_the_cap(console: Console, monkeypatch: pytest.MonkeyPatch) -> None:
    import sync_server.storage.inbox as inbox

    monkeypatch.setattr(inbox, "COUNT_CAP", 20)
    db = console.server.db
    seed_cases(db, INSTITUTION, seed_device(db, INSTITUTION), 30)
    with db.read() as conn:
        page = inbox_page(conn, InboxFilter(INSTITUTION), limit=10)
    assert (page.total, page.total_capped) == (20, True)
    assert COUNT_CAP == 1_000


def test_the_inbox_page_filters_from_the_url(console: Console) -> None:
    db = console.server.db
    rows = seed_cases(db, INSTITUTION, seed_device(db, INSTITUTION), 60)
    admin = console.client("admin")
    page = admin.get("/web/inbox?status=observed&sort=oldest")
    assert page.status_code == 200
    observed = [r for r in rows if r["status"] == "observed"]
    assert f"{len(observed)} solicitudes" in page.text
    assert all(r["tracking_code"] in page.text for r in observed)
    by_code = admin.get(f"/web/inbox?q={rows[7]['tracking_code'].lower().replace('-', '')}")
    assert rows[7]["tracking_code"] in by_code.text
    assert "1 solicitud" in by_code.text
    assert "1 solicitudes" not in by_code.text
    bad_date = admin.get("/web/inbox?from=ayer")
    assert "no es válida" in bad_date.text
    second = admin.get("/web/inbox?sort=newest")
    assert 'rel="next"' in second.text
    rosa_page = console.client("rosa").get("/web/inbox")
    mine = [r for r in rows if r["unit_code"] == "tramite-documentario"]
    assert f"{len(mine)} solicitudes" in rosa_page.text


def test_the_open_cases_index_lists_the_statuses_whose_deadline_runs() -> None:
    """``ix_submissions_open_due`` (migration 0005) is a partial index on this literal list."""
    from shared import statuses
    from sync_server.storage.inbox import RUNNING_STATUSES

    running = {c for c, s in statuses.STATUSES.items() if not s.final and not s.suspends_deadline}
    assert set(RUNNING_STATUSES) == running
