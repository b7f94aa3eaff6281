"""``tambo`` headless commands, run as subprocesses: output, Spanish messages and exit codes."""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlcipher3

from desktop.cli import EXIT_AUDIT_BROKEN, EXIT_BAD_INPUT, EXIT_LOCKED, EXIT_NOT_PROVISIONED
from desktop.store import DB_FILE, Store, settings
from desktop.sync.health import AUDIT_SEEN
from tests.desktop.test_store_support import (
    PASSPHRASE,
    VALID_DNI,
    Institution,
    complaint_answers,
    open_backend,
)
from tests.desktop.test_ui_support import tiny_pdf

INSTITUTION = Institution()


def tambo(
    home: Path, *args: str, passphrase: str | None = PASSPHRASE, **env: str
) -> subprocess.CompletedProcess:
    environment = {
        **os.environ,
        "TAMBO_HOME": str(home),
        "TAMBO_CLERK": "Ana Torres",
        # the headless Linux case, also on a developer's desktop that has a keystore
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        **env,
    }
    environment.pop("TAMBO_PASSPHRASE", None)
    if passphrase is not None:
        environment["TAMBO_PASSPHRASE"] = passphrase
    return subprocess.run(
        [sys.executable, "-m", "desktop.cli", *args],
        env=environment,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """An enrolled store, made once (cheap KDF); each test works on its own copy."""
    home = tmp_path_factory.mktemp("template") / "home"
    open_backend(home, INSTITUTION).close()
    return home


@pytest.fixture
def home(template, tmp_path) -> Path:
    copy = tmp_path / "home"
    shutil.copytree(template, copy)
    return copy


def write_answers(path: Path, **changes) -> Path:
    path.write_text(json.dumps({**complaint_answers(), **changes}), encoding="utf-8")
    return path


def test_first_use_creates_the_store_and_saving_needs_enrollment(tmp_path):
    home = tmp_path / "nuevo"
    answers = write_answers(tmp_path / "respuestas.json")
    result = tambo(home, "submit", "--service", "libro-reclamaciones", "--answers", str(answers))
    assert result.returncode == EXIT_NOT_PROVISIONED, result.stderr
    assert "aún no está registrado" in result.stderr
    assert (home / "keyslots.json").exists()
    ticket = INSTITUTION.write_ticket(tmp_path / "registro.json")
    enrolled = tambo(home, "enroll", "--ticket", str(ticket), "--office", "Sede central")
    assert enrolled.returncode == 0, enrolled.stderr
    assert "Municipalidad Distrital de Prueba" in enrolled.stdout
    saved = tambo(home, "submit", "--service", "libro-reclamaciones", "--answers", str(answers))
    assert saved.returncode == 0, saved.stderr
    assert saved.stdout.strip().startswith("AB12-00001-")
    info = tambo(home, "info")
    assert "Sede central" in info.stdout
    assert "Por enviar: 1" in info.stdout


def test_submit_list_show(home, tmp_path):
    answers = write_answers(tmp_path / "respuestas.json", nombres="Wilfredo")
    scan = tiny_pdf(tmp_path / "ticket-de-atencion.pdf")
    result = tambo(
        home,
        "submit",
        "--service",
        "libro-reclamaciones",
        "--answers",
        str(answers),
        "--attach",
        f"adjuntos={scan}",
        "--observations",
        "Falta: copia del DNI",
    )
    assert result.returncode == 0, result.stderr
    code = result.stdout.strip()
    listed = tambo(home, "list", "--search", "wilfredo")
    assert listed.returncode == 0
    assert code in listed.stdout
    assert "Wilfredo Quispe Mamani" in listed.stdout
    assert "[pendiente]" in listed.stdout
    assert "1 de 1" in listed.stderr
    as_json = [json.loads(line) for line in tambo(home, "list", "--json").stdout.splitlines()]
    assert [row["tracking_code"] for row in as_json] == [code]
    shown = tambo(home, "show", code.lower())
    assert shown.returncode == 0, shown.stderr
    for text in (
        code,
        "Wilfredo",
        "ticket-de-atencion.pdf",
        "hasta el",
        "Ana Torres",
        "Código de integridad",
    ):
        assert text in shown.stdout
    detail = json.loads(tambo(home, "show", code, "--json").stdout)
    assert detail["answers"]["dni"] == VALID_DNI
    assert detail["receipt"]["pending_sync"] is True
    missing = tambo(home, "show", "ZZ99-00001-X")
    assert missing.returncode == EXIT_BAD_INPUT


def test_bad_answers_exit_2_naming_each_field_in_spanish(home, tmp_path):
    answers = write_answers(tmp_path / "mal.json", dni="1234", fecha_hecho="ayer", nombres="")
    result = tambo(home, "submit", "--service", "libro-reclamaciones", "--answers", str(answers))
    assert result.returncode == EXIT_BAD_INPUT
    assert "La solicitud tiene 3 datos inválidos." in result.stderr
    assert "- dni (Número de DNI): DNI inválido" in result.stderr
    assert "- nombres (Nombres): Este dato es obligatorio." in result.stderr
    assert "fecha_hecho" in result.stderr
    assert result.stdout == ""
    assert "Por enviar: 0" in tambo(home, "info").stdout  # nothing was saved


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "No se pudo leer el archivo"),
        ("{ no es json", "no es un objeto JSON válido (línea 1"),
        ("[1, 2]", "se esperaba un objeto"),
    ],
)
def test_unreadable_answer_files_exit_2(home, tmp_path, content, expected):
    path = tmp_path / "respuestas.json"
    if content is not None:
        path.write_text(content)
    result = tambo(home, "submit", "--service", "libro-reclamaciones", "--answers", str(path))
    assert result.returncode == EXIT_BAD_INPUT
    assert expected in result.stderr


def test_attachments_unknown_service_and_wrong_file_type(home, tmp_path):
    answers = write_answers(tmp_path / "r.json")
    notes = tmp_path / "notas.txt"
    notes.write_text("texto plano")
    wrong = tambo(
        home, "submit", "--service", "libro-reclamaciones", "--answers", str(answers), "--attach", str(notes)
    )
    assert wrong.returncode == EXIT_BAD_INPUT
    assert "adjuntos" in wrong.stderr
    assert "Tipo de archivo no permitido (text/plain)" in wrong.stderr
    unknown = tambo(home, "submit", "--service", "no-existe", "--answers", str(answers))
    assert unknown.returncode == EXIT_BAD_INPUT
    assert "no-existe" in unknown.stderr
    absent = tambo(
        home, "submit", "--service", "libro-reclamaciones", "--answers", str(answers), "--attach", "x.pdf"
    )
    assert absent.returncode == EXIT_BAD_INPUT
    assert "x.pdf" in absent.stderr


def test_a_wrong_or_missing_passphrase_exits_4_and_changes_nothing(home):
    before = (home / "keyslots.json").read_bytes()
    wrong = tambo(home, "list", passphrase="no-es-la-clave")
    assert wrong.returncode == EXIT_LOCKED
    assert "La contraseña no es correcta. No se modificó nada." in wrong.stderr
    missing = tambo(home, "list", passphrase=None)
    assert missing.returncode == EXIT_LOCKED
    assert "TAMBO_PASSPHRASE" in missing.stderr
    assert (home / "keyslots.json").read_bytes() == before
    assert tambo(home, "list").returncode == 0


def test_catalog_import(home, tmp_path):
    from shared.forms import demo_catalog_dir

    source = json.loads((demo_catalog_dir() / "solicitud-general.json").read_text())
    source["form"]["version"] = 2
    newer = tmp_path / "solicitud-v2.json"
    newer.write_text(json.dumps(source))
    result = tambo(home, "catalog", "import", str(newer))
    assert result.returncode == 0, result.stderr
    assert "solicitud-general versión 2: cargado" in result.stdout
    assert "ya estaba" in tambo(home, "catalog", "import", str(newer)).stdout
    broken = tmp_path / "roto.json"
    broken.write_text(json.dumps({**source, "fee": {"kind": "fixed"}}))
    refused = tambo(home, "catalog", "import", str(broken))
    assert refused.returncode == EXIT_BAD_INPUT
    assert "$.fee" in refused.stderr


def test_audit_verify_reports_the_first_broken_link(home, tmp_path):
    answers = write_answers(tmp_path / "r.json")
    assert (
        tambo(home, "submit", "--service", "libro-reclamaciones", "--answers", str(answers)).returncode == 0
    )
    ok = tambo(home, "audit", "verify")
    assert ok.returncode == 0
    assert "Registro de auditoría íntegro" in ok.stdout
    store = Store.open_with_passphrase(home, PASSPHRASE)
    key = store._key
    target = store.read(
        lambda db: db.execute("SELECT seq FROM audit_log WHERE event = 'submission.saved'").fetchone()[0]
    )
    store.close()
    conn = sqlcipher3.dbapi2.connect(str(home / DB_FILE), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET at = '2020-01-01T00:00:00+00:00' WHERE seq = ?", [target])
    conn.close()
    broken = tambo(home, "audit", "verify")
    assert broken.returncode == EXIT_AUDIT_BROKEN
    assert f"la entrada {target} no cuadra" in broken.stderr


def test_the_witnessed_server_audit_head_is_shown_and_forgotten_on_request(home):
    assert "Aún no se atestiguó" in tambo(home, "audit", "server-head").stdout
    assert "no tenía ninguna entrada" in tambo(home, "audit", "server-head", "--forget").stdout
    store = Store.open_with_passphrase(home, PASSPHRASE)
    store.write(
        lambda db: settings.set_state(db, AUDIT_SEEN, '{"position": 41, "hash": "' + "ab" * 32 + '"}')
    )
    store.close()
    shown = tambo(home, "audit", "server-head")
    assert f"Entrada 41 del registro del servidor, huella {'ab' * 32}" in shown.stdout
    forgotten = tambo(home, "audit", "server-head", "--forget")
    assert forgotten.returncode == 0
    assert "Olvidada la entrada 41" in forgotten.stdout
    assert "Aún no se atestiguó" in tambo(home, "audit", "server-head").stdout
    store = Store.open_with_passphrase(home, PASSPHRASE)
    events = store.read(lambda db: [row[0] for row in db.execute("SELECT event FROM audit_log")])
    store.close()
    assert "sync.audit_head_forgotten" in events  # the device's own chain keeps the decision
    assert tambo(home, "audit", "verify").returncode == 0


def test_key_slots_from_the_command_line(home, tmp_path):
    listed = tambo(home, "keys", "list")
    assert "passphrase-1" in listed.stdout
    assert "recovery-1" in listed.stdout
    assert "no disponible en este sistema" in listed.stderr
    added = tambo(home, "keys", "add-passphrase", "--label", "Beto", TAMBO_NEW_PASSPHRASE="clave-de-beto-1")
    assert added.returncode == 0, added.stderr
    assert "passphrase-2" in added.stdout
    assert tambo(home, "list", passphrase="clave-de-beto-1").returncode == 0
    changed = tambo(
        home, "keys", "change-passphrase", passphrase="clave-de-beto-1", TAMBO_NEW_PASSPHRASE="nueva-de-beto"
    )
    assert changed.returncode == 0, changed.stderr
    assert tambo(home, "list", passphrase="clave-de-beto-1").returncode == EXIT_LOCKED
    assert tambo(home, "keys", "remove", "passphrase-1", passphrase="nueva-de-beto").returncode == 0
    last = tambo(home, "keys", "remove", "passphrase-2", passphrase="nueva-de-beto")
    assert last.returncode == EXIT_BAD_INPUT
    assert "última forma de abrir" in last.stderr
    keyring = tambo(home, "keys", "add-keyring", passphrase="nueva-de-beto")
    assert keyring.returncode == EXIT_LOCKED
    assert "no está disponible en este sistema" in keyring.stderr
    short = tambo(home, "keys", "add-passphrase", passphrase="nueva-de-beto", TAMBO_NEW_PASSPHRASE="corta")
    assert short.returncode == EXIT_BAD_INPUT
    assert "al menos 8 caracteres" in short.stderr


def test_recover_with_the_institution_key(home, tmp_path):
    key_file = INSTITUTION.write_private_key(tmp_path / "institucion.key")
    result = tambo(
        home,
        "keys",
        "recover",
        "--institution-key",
        str(key_file),
        passphrase=None,
        TAMBO_NEW_PASSPHRASE="recuperada-1",
    )
    assert result.returncode == 0, result.stderr
    assert tambo(home, "list", passphrase="recuperada-1").returncode == 0
    stranger = Institution("otra").write_private_key(tmp_path / "otra.key")
    refused = tambo(
        home, "keys", "recover", "--institution-key", str(stranger), TAMBO_NEW_PASSPHRASE="x" * 10
    )
    assert refused.returncode != 0
    assert "Traceback" not in refused.stderr


def _read_until(fd: int, text: str, timeout: float = 60.0) -> str:
    seen = b""
    deadline = time.monotonic() + timeout
    while text.encode() not in seen:
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            raise AssertionError(f"no prompt {text!r}; got {seen!r}")
        try:
            chunk = os.read(fd, 1024)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    return seen.decode(errors="replace")


@pytest.mark.skipif(sys.platform == "win32", reason="uses a pseudo-terminal")
@pytest.mark.parametrize(
    ("second", "expected_code"), [("clave-interactiva", 0), ("otra-distinta", EXIT_BAD_INPUT)]
)
def test_first_use_at_a_terminal_asks_the_new_passphrase_twice(tmp_path, second, expected_code):
    import fcntl
    import termios

    home = tmp_path / "nuevo"
    master, slave = os.openpty()
    environment = {
        **os.environ,
        "TAMBO_HOME": str(home),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    environment.pop("TAMBO_PASSPHRASE", None)

    def controlling_terminal() -> None:
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    child = subprocess.Popen(
        [sys.executable, "-m", "desktop.cli", "info"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=environment,
        start_new_session=True,
        preexec_fn=controlling_terminal,  # the child needs the pty as its controlling terminal
    )
    os.close(slave)
    try:
        _read_until(master, "Nueva clave del personal")
        os.write(master, b"clave-interactiva\n")
        _read_until(master, "Repita la clave")
        os.write(master, second.encode() + b"\n")
        output = _read_until(master, "Última sincronización" if expected_code == 0 else "no coinciden")
        assert child.wait(60) == expected_code
    finally:
        os.close(master)
        if child.poll() is None:
            child.kill()
    if expected_code == 0:
        assert "sin registrar" in output
        assert tambo(home, "list", passphrase="clave-interactiva").returncode == 0
    else:
        assert not (home / "keyslots.json").exists()
