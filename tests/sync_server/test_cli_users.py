"""``tambo-server user password / unlock / list``: what an operator does for officials when the console
cannot, against a server started with ``tambo-server run`` and logins through its real login page."""

from __future__ import annotations

import argparse
import re
import sqlite3
from collections.abc import Iterator

import pytest
import requests

from shared.errors import TamboError
from sync_server import commands
from sync_server.config import Settings
from sync_server.context import Server
from sync_server.ops.console_auth import log_in
from tests.sync_server.processes import ServerProcess

pytestmark = pytest.mark.slow

INSTITUTION = "muni-ilave"
PASSWORD = "una clave bastante larga"
#: small limits keep the tests quick (every failed login costs an Argon2 hash)
LOCKOUT_FAILURES = 3
ADDRESS_FAILURES = 6
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """A running demo server. Its logins all come from 127.0.0.1 (waitress drops X-Forwarded-For from
    an untrusted peer); other client addresses go through :func:`log_in` in this process."""
    process = ServerProcess(tmp_path_factory.mktemp("cli-users") / "home")
    process.env["TAMBO_CONSOLE_LOCKOUT_FAILURES"] = str(LOCKOUT_FAILURES)
    process.env["TAMBO_CONSOLE_ADDRESS_FAILURES"] = str(ADDRESS_FAILURES)
    with process:
        yield process


@pytest.fixture
def in_process(server: ServerProcess) -> Iterator[Server]:
    """The same data directory and settings, opened here: console logins from any client address."""
    opened = Server.open(Settings.load(dict(server.env)))
    try:
        yield opened
    finally:
        opened.close()


def add_user(server: ServerProcess, login: str, role: str = "official") -> None:
    unit = ["--unit", "registro-civil"] if role == "official" else []
    added = server.run_cli(
        "user",
        "add",
        "--institution",
        INSTITUTION,
        "--login",
        login,
        "--role",
        role,
        *unit,
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    assert added.returncode == 0, added.stderr


def web_login(
    server: ServerProcess, login: str, password: str, browser: requests.Session | None = None
) -> int:
    """The login form as a browser sends it: 302 when in, the page's error status else."""
    browser = browser or requests.Session()
    page = browser.get(f"{server.url}/web/login", timeout=30)
    form = {
        "institution": INSTITUTION,
        "login": login,
        "password": password,
        "csrf_token": _CSRF.search(page.text).group(1),
    }
    response = browser.post(f"{server.url}/web/login", data=form, allow_redirects=False, timeout=30)
    return response.status_code if response.status_code != 429 else _refusal(response.text)


def _refusal(page: str) -> int:
    """429, told apart: 4291 this user is locked, 4292 this connection is refused."""
    if "el acceso de este usuario queda bloqueado" in page:
        return 4291
    assert "desde esta conexión" in page
    return 4292


def error_code(server: Server, login: str, password: str, address: str) -> str | None:
    """A console login from ``address`` through the same function the login page calls."""
    try:
        log_in(server, INSTITUTION, login, password, address=address)
    except TamboError as exc:
        return exc.code
    return None


def listed(server: ServerProcess, login: str) -> list[str]:
    result = server.run_cli("user", "list", "--institution", INSTITUTION)
    assert result.returncode == 0, result.stderr
    (line,) = [line for line in result.stdout.splitlines() if line.split("\t")[0] == login]
    return line.split("\t")


def audit_actions(server: ServerProcess, action: str) -> list[tuple[str, str, str]]:
    with sqlite3.connect(server.home / "tambo.sqlite3") as conn:
        return conn.execute(
            "SELECT actor, subject, details FROM audit_log WHERE action = ? ORDER BY position", (action,)
        ).fetchall()


LOCKED, REFUSED = 4291, 4292


def test_unlock_lets_a_locked_out_user_log_in_again(server: ServerProcess) -> None:
    add_user(server, "rosa")
    assert listed(server, "rosa") == ["rosa", "official", "registro-civil", "activo", "-"]
    assert [web_login(server, "rosa", "no es la clave") for _ in range(3)] == [401, 401, LOCKED]
    assert web_login(server, "rosa", PASSWORD) == LOCKED  # even the right password
    assert listed(server, "rosa")[4].startswith("bloqueado hasta las ")

    unlocked = server.run_cli("user", "unlock", "--institution", INSTITUTION, "--login", "rosa")
    assert unlocked.returncode == 0, unlocked.stderr
    assert "rosa (muni-ilave): bloqueo levantado" in unlocked.stdout
    assert "tras 3 intentos fallidos" in unlocked.stdout
    assert listed(server, "rosa")[4] == "-"
    assert web_login(server, "rosa", PASSWORD) == 302
    assert ("admin:cli", "rosa", '{"failures":3,"was_locked":true}') in audit_actions(
        server, "console.unlock"
    )

    again = server.run_cli("user", "unlock", "--institution", INSTITUTION, "--login", "rosa")
    assert again.returncode == 0, again.stderr
    assert "nada que hacer" in again.stdout


def test_unlock_by_address_lifts_the_throttle_of_that_address(server: ServerProcess) -> None:
    add_user(server, "teo")
    sprayed = [web_login(server, f"nadie{i}", "Primavera2026") for i in range(ADDRESS_FAILURES)]
    assert sprayed == [401] * (ADDRESS_FAILURES - 1) + [REFUSED]
    assert web_login(server, "teo", PASSWORD) == REFUSED  # whoever logs in from there
    unlocked = server.run_cli("user", "unlock", "--address", "127.0.0.1")
    assert unlocked.returncode == 0, unlocked.stderr
    assert "Dirección 127.0.0.1: ingresos desde ella habilitados" in unlocked.stdout
    assert f"tras {ADDRESS_FAILURES} intentos fallidos recientes" in unlocked.stdout
    assert web_login(server, "teo", PASSWORD) == 302
    entry = ("admin:cli", "127.0.0.1", f'{{"failures":{ADDRESS_FAILURES}}}')
    assert entry in audit_actions(server, "console.address_unlock")
    again = server.run_cli("user", "unlock", "--address", "127.0.0.1")
    assert "Dirección 127.0.0.1: no estaba rechazada ni tenía intentos fallidos" in again.stdout
    for bad in ("no-es-una-ip", "2001:db8::/48"):
        refused = server.run_cli("user", "unlock", "--address", bad)
        assert refused.returncode == 2
        assert "Revise el dato «--address»" in refused.stderr


def test_unlock_by_an_ipv6_address_lifts_its_64(server: ServerProcess, in_process: Server) -> None:
    add_user(server, "lia")
    codes = [
        error_code(in_process, f"nadie{i}", "Primavera2026", "2001:db8:7:7::1")
        for i in range(ADDRESS_FAILURES)
    ]
    assert codes == ["console.login_failed"] * (ADDRESS_FAILURES - 1) + ["console.address_throttled"]
    neighbour = "2001:db8:7:7::abcd"  # the same /64
    assert error_code(in_process, "lia", PASSWORD, neighbour) == "console.address_throttled"
    elsewhere = server.run_cli("user", "unlock", "--address", "2001:db8:7:8::1")  # another /64
    assert elsewhere.returncode == 0, elsewhere.stderr
    assert "Dirección 2001:db8:7:8::/64: no estaba rechazada" in elsewhere.stdout
    assert error_code(in_process, "lia", PASSWORD, neighbour) == "console.address_throttled"

    unlocked = server.run_cli("user", "unlock", "--address", "2001:db8:7:7::99")
    assert unlocked.returncode == 0, unlocked.stderr
    assert "Dirección 2001:db8:7:7::/64: ingresos desde ella habilitados" in unlocked.stdout
    assert error_code(in_process, "lia", PASSWORD, neighbour) is None
    entry = ("admin:cli", "2001:db8:7:7::/64", f'{{"failures":{ADDRESS_FAILURES}}}')
    assert entry in audit_actions(server, "console.address_unlock")
    # the /64 as the server's warning names it
    for i in range(ADDRESS_FAILURES):
        error_code(in_process, f"otro{i}", "Primavera2026", neighbour)
    by_key = server.run_cli("user", "unlock", "--address", "2001:db8:7:7::/64")
    assert "Dirección 2001:db8:7:7::/64: ingresos desde ella habilitados" in by_key.stdout


def test_password_sets_a_new_one_ends_sessions_and_lifts_the_lockout(server: ServerProcess) -> None:
    add_user(server, "jefa", role="admin")
    browser = requests.Session()
    assert web_login(server, "jefa", PASSWORD, browser) == 302
    assert browser.get(f"{server.url}/web/inbox", allow_redirects=False, timeout=30).status_code == 200
    assert [web_login(server, "jefa", "la olvidé") for _ in range(3)] == [401, 401, LOCKED]
    assert listed(server, "jefa")[4].startswith("bloqueado hasta las ")

    short = server.run_cli(
        "user",
        "password",
        "--institution",
        INSTITUTION,
        "--login",
        "jefa",
        "--password-stdin",
        stdin="corta\n",
    )
    assert short.returncode == 2
    assert "al menos 10 caracteres" in short.stderr
    new = "otra clave bastante larga"
    changed = server.run_cli(
        "user",
        "password",
        "--institution",
        INSTITUTION,
        "--login",
        "jefa",
        "--password-stdin",
        stdin=new + "\n",
    )
    assert changed.returncode == 0, changed.stderr
    assert "Contraseña cambiada: jefa (muni-ilave); su sesión abierta terminó." in changed.stdout
    assert "jefa (muni-ilave): bloqueo levantado" in changed.stdout
    assert listed(server, "jefa")[4] == "-"

    ended = browser.get(f"{server.url}/web/inbox", allow_redirects=False, timeout=30)
    assert ended.status_code == 302
    assert "/web/login" in ended.headers["Location"]
    assert web_login(server, "jefa", PASSWORD) == 401
    assert web_login(server, "jefa", new) == 302
    with sqlite3.connect(server.home / "tambo.sqlite3") as conn:
        stored = conn.execute("SELECT password_hash FROM users WHERE login = 'jefa'").fetchone()[0]
    assert stored.startswith("$argon2id$")
    assert ("admin:cli", "jefa", "{}") in audit_actions(server, "user.password")
    verified = server.run_cli("audit", "verify", "--institution", INSTITUTION)
    assert verified.returncode == 0, verified.stderr


def test_unknown_institutions_users_and_wrong_arguments_are_refused(server: ServerProcess) -> None:
    cases = {
        ("unlock", "--institution", INSTITUTION, "--login", "nadie"): "No existe el usuario «nadie».",
        (
            "unlock",
            "--institution",
            "muni-nadie",
            "--login",
            "rosa",
        ): "No existe la institución «muni-nadie».",
        ("list", "--institution", "muni-nadie"): "No existe la institución «muni-nadie».",
        ("unlock",): "indique --institution y --login, o --address",
        ("unlock", "--login", "rosa"): "indique --institution y --login, o --address",
        ("unlock", "--institution", INSTITUTION, "--login", "rosa", "--address", "192.0.2.1"): "indique",
    }
    for args, message in cases.items():
        result = server.run_cli("user", *args)
        assert result.returncode == 2, args
        assert message in result.stderr, (args, result.stderr)
    password = server.run_cli(
        "user",
        "password",
        "--institution",
        INSTITUTION,
        "--login",
        "nadie",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    assert password.returncode == 2
    assert "No existe el usuario «nadie»." in password.stderr


def test_a_typed_password_is_asked_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without --password-stdin, ``user add`` and ``user password`` ask twice without echo."""
    args = argparse.Namespace(password_stdin=False)
    typed = iter([PASSWORD, PASSWORD, PASSWORD, "otra cosa distinta"])
    monkeypatch.setattr(commands.getpass, "getpass", lambda prompt: next(typed))
    assert commands._new_password(args) == PASSWORD
    with pytest.raises(TamboError) as refused:
        commands._new_password(args)
    assert refused.value.message() == "Revise el dato «contraseña»: las dos no coinciden."
