"""The console's per-address login throttle (password spraying: one password against many user names):
refused after N failures from one address whatever the user names, other addresses untouched, the
window runs out, the refusal names no user, a success forgives only its own login's failures, and
X-Forwarded-For counts only through a trusted proxy. On SQLite and PostgreSQL."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from shared import errors
from sync_server.app import create_app
from sync_server.ops.console_auth import client_address, log_in
from sync_server.storage.console_schema import login_address_failures
from tests.sync_server.console.conftest import INSTITUTION, PASSWORD, Console
from tests.sync_server.console.web_client import WebClient

#: a small limit keeps the tests quick (every failure costs an Argon2 hash); the per-user lockout is 5
LIMIT = 4
WINDOW = timedelta(minutes=15)
SPRAYER = "203.0.113.7"
NEIGHBOUR = "198.51.100.9"
REFUSED = "Demasiados intentos de ingreso fallidos desde esta conexión"
_ALERT = re.compile(r'<p class="alert alert-error" role="alert" id="login-error">([^<]*)</p>')


@pytest.fixture(params=["sqlite", "postgresql"])
def console_any(request: pytest.FixtureRequest) -> Console:
    console: Console = request.getfixturevalue("console" if request.param == "sqlite" else "console_pg")
    # the app reads its settings from its Server (app.extensions["tambo"]), this very object
    console.server.settings = replace(console.server.settings, console_address_failures=LIMIT)
    return console


def client_from(console: Console, address: str) -> WebClient:
    client = console.client()
    client.client.environ_base["REMOTE_ADDR"] = address
    return client


def alert_of(page: str) -> str:
    match = _ALERT.search(page)
    assert match, "the login page shows no error"
    return html.unescape(match.group(1))


def spray(console: Console, address: str, count: int, *, now: datetime, start: int = 0) -> list[str]:
    """``count`` failed logins from ``address``, each against another (unknown) user name: the codes."""
    codes = []
    for i in range(start, start + count):
        try:
            log_in(console.server, INSTITUTION, f"usuario{i:02}", "Primavera2026", address=address, now=now)
        except errors.TamboError as exc:
            codes.append(exc.code)
    return codes


def test_spraying_user_names_from_one_address_is_refused_after_the_default_limit(console: Console) -> None:
    """With the shipped settings (20 in 15 minutes), over HTTP: 429, Retry-After, Spanish message."""
    assert console.settings.console_address_failures == 20
    client = client_from(console, SPRAYER)
    statuses = [client.login(INSTITUTION, f"usuario{i:02}", "Primavera2026").status_code for i in range(20)]
    assert statuses == [401] * 19 + [429]
    refused = client.login(INSTITUTION, "rosa", PASSWORD)  # even the right password of a real user
    assert refused.status_code == 429
    assert 0 < int(refused.headers["Retry-After"]) <= 15 * 60
    message = alert_of(refused.text)
    assert message.startswith(REFUSED)
    assert re.search(r"a partir de las \d\d:\d\d", message)
    assert client_from(console, NEIGHBOUR).login(INSTITUTION, "rosa", PASSWORD).status_code == 302


def test_another_address_is_unaffected(console_any: Console) -> None:
    now = datetime.now(UTC)
    assert spray(console_any, SPRAYER, LIMIT, now=now) == [errors.CONSOLE_LOGIN_FAILED] * (LIMIT - 1) + [
        errors.CONSOLE_ADDRESS_THROTTLED
    ]
    with pytest.raises(errors.TamboError) as refused:
        log_in(console_any.server, INSTITUTION, "rosa", PASSWORD, address=SPRAYER, now=now)
    assert refused.value.code == errors.CONSOLE_ADDRESS_THROTTLED
    # the neighbour's own failures are counted from zero, and it logs in
    assert spray(console_any, NEIGHBOUR, 1, now=now) == [errors.CONSOLE_LOGIN_FAILED]
    session = log_in(console_any.server, INSTITUTION, "rosa", PASSWORD, address=NEIGHBOUR, now=now)
    assert session.user.login == "rosa"
    # and the web client, from yet another address, is not held off either
    assert client_from(console_any, "192.0.2.1").login(INSTITUTION, "luis", PASSWORD).status_code == 302


def test_the_window_runs_out(console_any: Console) -> None:
    """A sliding window: the address is heard again as soon as enough failures are older than it."""
    start = datetime.now(UTC)
    spray(console_any, SPRAYER, LIMIT - 1, now=start)
    later = start + timedelta(minutes=10)
    assert spray(console_any, SPRAYER, 1, now=later, start=50) == [errors.CONSOLE_ADDRESS_THROTTLED]
    with pytest.raises(errors.TamboError) as refused:
        log_in(console_any.server, INSTITUTION, "rosa", PASSWORD, address=SPRAYER, now=later)
    assert refused.value.details == {"retry_after": 5 * 60}  # when the first three age out
    almost = start + WINDOW - timedelta(seconds=1)
    with pytest.raises(errors.TamboError) as still:
        log_in(console_any.server, INSTITUTION, "rosa", PASSWORD, address=SPRAYER, now=almost)
    assert still.value.code == errors.CONSOLE_ADDRESS_THROTTLED
    assert still.value.details == {"retry_after": 1}
    after = start + WINDOW
    assert log_in(console_any.server, INSTITUTION, "rosa", PASSWORD, address=SPRAYER, now=after).user
    # one failure is left in the window (the one at +10 min): LIMIT - 1 more trip it again
    assert spray(console_any, SPRAYER, LIMIT - 1, now=after, start=60)[-1] == errors.CONSOLE_ADDRESS_THROTTLED


def test_the_refusal_is_spanish_and_the_same_for_existing_and_unknown_users(console_any: Console) -> None:
    client = client_from(console_any, SPRAYER)
    for i in range(LIMIT):
        client.login(INSTITUTION, f"usuario{i:02}", "Primavera2026")
    answers = [
        client.login(INSTITUTION, "rosa", PASSWORD),  # exists, right password
        client.login(INSTITUTION, "rosa", "otra-clave-123"),  # exists, wrong password
        client.login(INSTITUTION, "fantasma", PASSWORD),  # does not exist
        client.login("otra-institucion", "rosa", PASSWORD),  # no such institution
    ]
    assert {answer.status_code for answer in answers} == {429}
    messages = {alert_of(answer.text) for answer in answers}
    assert len(messages) == 1
    (message,) = messages
    assert message.startswith(REFUSED)
    for revealing in ("rosa", "fantasma", "usuario", "no existe"):
        assert revealing not in message
    assert len({answer.headers["Retry-After"] for answer in answers}) <= 2  # the same, give or take a second
    english = errors.TamboError(errors.CONSOLE_ADDRESS_THROTTLED, params={"until": "10:42"}).message("en")
    assert english.startswith("Too many failed logins from this connection")


def test_a_success_forgives_only_its_own_logins_failures(console_any: Console) -> None:
    """The official's own typos are forgiven; the failures against other user names are not, so an
    account of one's own cannot be used to reset the count between rounds of spraying."""
    now = datetime.now(UTC)
    for _ in range(2):
        with pytest.raises(errors.TamboError):
            log_in(console_any.server, INSTITUTION, "rosa", "mala-clave-000", address=SPRAYER, now=now)
    spray(console_any, SPRAYER, LIMIT - 3, now=now)  # LIMIT - 1 failures from SPRAYER in all
    spray(console_any, NEIGHBOUR, 2, now=now)
    log_in(console_any.server, INSTITUTION, "rosa", PASSWORD, address=SPRAYER, now=now)
    with console_any.server.db.read() as conn:
        rows = conn.execute(
            select(login_address_failures.c.address, login_address_failures.c.login).order_by(
                login_address_failures.c.address, login_address_failures.c.login
            )
        ).all()
    assert [tuple(row) for row in rows] == [
        (NEIGHBOUR, "usuario00"),
        (NEIGHBOUR, "usuario01"),
        *[(SPRAYER, f"usuario{i:02}") for i in range(LIMIT - 3)],
    ]
    # the insider logs in between rounds: the count against other names keeps growing
    codes = spray(console_any, SPRAYER, 3, now=now, start=10)
    assert codes == [
        errors.CONSOLE_LOGIN_FAILED,
        errors.CONSOLE_LOGIN_FAILED,
        errors.CONSOLE_ADDRESS_THROTTLED,
    ]
    log_in(console_any.server, INSTITUTION, "luis", PASSWORD, address=NEIGHBOUR, now=now)  # not refused


def test_an_ipv6_address_counts_by_its_64(console_any: Console) -> None:
    now = datetime.now(UTC)
    codes = [spray(console_any, f"2001:db8:1:2::{i:x}", 1, now=now, start=i)[0] for i in range(1, LIMIT + 1)]
    assert codes[-1] == errors.CONSOLE_ADDRESS_THROTTLED
    assert log_in(console_any.server, INSTITUTION, "rosa", PASSWORD, address="2001:db8:1:3::1", now=now).user


def test_address_keys() -> None:
    assert client_address("203.0.113.7") == "203.0.113.7"
    assert client_address("2001:db8:1:2:aaaa:bbbb:cccc:dddd") == "2001:db8:1:2::/64"
    assert client_address("::ffff:203.0.113.7") == "203.0.113.7"
    assert client_address("fe80::1%eth0") == "fe80::/64"
    assert client_address(None) == client_address("") == "unknown"


def test_forwarded_for_counts_only_through_a_trusted_proxy(console: Console) -> None:
    """Without trusted_proxies the header is ignored (a client could otherwise pick a fresh address for
    every attempt); with trusted_proxies = 1 the last entry, the one nginx appends, is the address."""
    console.server.settings = replace(console.server.settings, console_address_failures=LIMIT)
    direct = console.client()
    for i in range(LIMIT):
        direct.client.environ_base["HTTP_X_FORWARDED_FOR"] = f"10.0.0.{i}"
        direct.login(INSTITUTION, f"usuario{i:02}", "Primavera2026")
    assert direct.login(INSTITUTION, "rosa", PASSWORD).status_code == 429  # all counted against 127.0.0.1

    proxied = create_app(replace(console.settings, trusted_proxies=1, console_address_failures=LIMIT))
    try:
        for i in range(LIMIT + 1):
            client = WebClient(proxied.test_client())
            client.client.environ_base["HTTP_X_FORWARDED_FOR"] = f"10.0.0.{i}, {SPRAYER}"
            answer = client.login(INSTITUTION, f"usuario{i:02}", "Primavera2026")
        assert answer.status_code == 429  # the forged first entries changed nothing
        neighbour = WebClient(proxied.test_client())
        neighbour.client.environ_base["HTTP_X_FORWARDED_FOR"] = f"{SPRAYER}, {NEIGHBOUR}"
        assert neighbour.login(INSTITUTION, "rosa", PASSWORD).status_code == 302
    finally:
        proxied.extensions["tambo"].close()
