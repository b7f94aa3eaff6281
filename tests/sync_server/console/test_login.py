"""Console accounts: Argon2 login, sessions in the database, CSRF on every form, lockout, logout, and
each role reaching only its pages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from shared import errors
from sync_server.ops.console_auth import log_in, resume
from sync_server.storage.console_schema import console_sessions
from sync_server.storage.schema import audit_log, users
from tests.sync_server.console.conftest import INSTITUTION, PASSWORD, Console
from tests.sync_server.console.web_client import csrf_of


def test_the_login_page_is_spanish_and_accessible(console: Console) -> None:
    page = console.client().get("/web/login")
    assert page.status_code == 200
    html = page.text
    assert '<html lang="es">' in html
    assert '<label for="login">Usuario</label>' in html
    assert '<label for="password">Contraseña</label>' in html
    assert 'autocomplete="current-password"' in html
    assert page.headers["X-Frame-Options"] == "DENY"
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]


def test_login_opens_the_inbox_and_logout_ends_the_session_on_the_server(console: Console) -> None:
    client = console.client()
    response = client.login(INSTITUTION, "rosa", PASSWORD)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/web/inbox")
    cookie = client.client.get_cookie("tambo_session", path="/web")
    assert cookie is not None
    assert cookie.http_only
    assert cookie.same_site == "Lax"
    inbox = client.get("/web/inbox")
    assert inbox.status_code == 200
    assert "Bandeja de solicitudes" in inbox.text
    with console.server.db.read() as conn:
        stored = conn.execute(select(console_sessions.c.id)).scalars().all()
    assert len(stored) == 1
    assert stored[0] != cookie.value  # only the token's hash is kept
    assert client.post("/web/logout").status_code == 302
    with console.server.db.read() as conn:
        assert conn.execute(select(console_sessions.c.id)).first() is None
    again = client.get("/web/inbox")
    assert again.status_code == 302
    assert "/web/login" in again.headers["Location"]


def test_a_wrong_password_says_so_without_telling_which_part_was_wrong(console: Console) -> None:
    client = console.client()
    wrong_password = client.login(INSTITUTION, "rosa", "otra-clave-123")
    unknown_user = client.login(INSTITUTION, "nadie", PASSWORD)
    assert wrong_password.status_code == unknown_user.status_code == 401
    message = "Institución, usuario o contraseña incorrectos."
    assert message in wrong_password.text
    assert message in unknown_user.text
    assert 'value="rosa"' in wrong_password.text  # what was typed is kept (not the password)
    assert "otra-clave-123" not in wrong_password.text


def test_five_failures_lock_the_login_even_for_the_right_password(console: Console) -> None:
    client = console.client()
    for _ in range(4):
        assert client.login(INSTITUTION, "rosa", "mala-clave-000").status_code == 401
    fifth = client.login(INSTITUTION, "rosa", "mala-clave-000")
    assert fifth.status_code == 429
    assert "bloqueado 15 minutos" in fifth.text
    right = client.login(INSTITUTION, "rosa", PASSWORD)
    assert right.status_code == 429
    assert client.login(INSTITUTION, "luis", PASSWORD).status_code == 302  # other users are not affected


def test_unknown_logins_lock_like_real_ones(console: Console) -> None:
    """Otherwise the lockout message would tell an attacker which user names exist."""
    client = console.client()
    statuses = [client.login(INSTITUTION, "fantasma", "x" * 12).status_code for _ in range(5)]
    assert statuses == [401, 401, 401, 401, 429]


def test_the_lock_runs_out(console: Console) -> None:
    now = datetime.now(UTC)
    for _ in range(5):
        with pytest.raises(errors.TamboError):
            log_in(console.server, INSTITUTION, "rosa", "mala-clave-000", now=now)
    with pytest.raises(errors.TamboError) as locked:
        log_in(console.server, INSTITUTION, "rosa", PASSWORD, now=now + timedelta(minutes=14))
    assert locked.value.code == errors.CONSOLE_LOCKED
    session = log_in(console.server, INSTITUTION, "rosa", PASSWORD, now=now + timedelta(minutes=16))
    assert session.user.login == "rosa"


def test_the_login_form_needs_its_csrf_token(console: Console) -> None:
    client = console.client()
    client.get("/web/login")
    response = client.client.post(
        "/web/login",
        data={"institution": INSTITUTION, "login": "rosa", "password": PASSWORD, "csrf_token": "x"},
    )
    assert response.status_code == 403
    assert "recargue la página" in response.text


def test_every_form_needs_the_sessions_csrf_token(console: Console) -> None:
    client = console.client("rosa")
    refused = client.post("/web/logout", csrf="otro-token")
    assert refused.status_code == 403
    assert client.get("/web/inbox").status_code == 200  # still logged in
    missing = client.client.post("/web/logout", data={})
    assert missing.status_code == 403


def test_a_deactivated_user_is_logged_out_at_once(console: Console) -> None:
    client = console.client("rosa")
    with console.server.db.write() as conn:
        conn.execute(users.update().where(users.c.login == "rosa").values(active=False))
    assert client.get("/web/inbox").status_code == 302


def test_sessions_expire_after_the_idle_time(console: Console) -> None:
    session = log_in(console.server, INSTITUTION, "rosa", PASSWORD)
    assert resume(console.server, session.token) is not None
    later = datetime.now(UTC) + timedelta(minutes=61)
    assert resume(console.server, session.token, now=later) is None


@pytest.mark.parametrize(
    ("login", "allowed", "refused"),
    [
        ("admin", ["/web/inbox", "/web/dashboard", "/web/devices", "/web/catalog", "/web/users"], []),
        ("rosa", ["/web/inbox", "/web/dashboard"], ["/web/devices", "/web/catalog", "/web/users"]),
        (
            "coord",
            ["/web/devices"],
            ["/web/inbox", "/web/dashboard", "/web/catalog", "/web/users", "/web/export.csv"],
        ),
        ("auditor", ["/web/inbox", "/web/dashboard", "/web/devices"], ["/web/catalog", "/web/users"]),
    ],
)
def test_each_role_reaches_only_its_pages(
    console: Console, login: str, allowed: list[str], refused: list[str]
) -> None:
    client = console.client(login)
    for path in allowed:
        assert client.get(path).status_code == 200, path
    for path in refused:
        response = client.get(path)
        assert response.status_code == 403, path
        assert "no permite esta acción" in response.text


def test_logins_and_failures_are_in_the_audit_chain(console: Console) -> None:
    client = console.client()
    client.login(INSTITUTION, "rosa", "mala-clave-000")
    client.login(INSTITUTION, "rosa", PASSWORD)
    with console.server.db.read() as conn:
        actions = (
            conn.execute(select(audit_log.c.action).where(audit_log.c.action.like("console.%")))
            .scalars()
            .all()
        )
    assert actions == ["console.login_failed", "console.login"]


def test_the_start_page_depends_on_the_role(console: Console) -> None:
    assert console.client("coord").get("/web/").headers["Location"].endswith("/web/devices")
    assert console.client("rosa").get("/web/").headers["Location"].endswith("/web/inbox")
    assert console.client().get("/web/").headers["Location"].endswith("/web/login")


def test_english_is_one_click_away(console: Console) -> None:
    client = console.client("rosa")
    switched = client.get("/web/lang/en?next=/web/inbox")
    assert switched.headers["Location"].endswith("/web/inbox")
    page = client.get("/web/inbox")
    assert '<html lang="en">' in page.text
    assert "Inbox" in page.text
    assert client.get("/web/lang/en?next=https://evil.example/").headers["Location"].endswith("/web/")


def test_csrf_token_is_on_every_page_for_logged_in_users(console: Console) -> None:
    client = console.client("rosa")
    assert csrf_of(client.get("/web/inbox").text) == client.csrf
