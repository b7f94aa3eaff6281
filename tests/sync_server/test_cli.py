"""``tambo-server`` as an administrator runs it: subprocesses on a real data directory."""

from __future__ import annotations

import json
import sqlite3
import stat
import struct
from pathlib import Path

import pytest
import requests

from shared.forms import demo_catalog_dir
from shared.protocol import EnrollmentTicket
from sync_server.storage import migrate
from tests.sync_server.device_client import enroll_with_ticket
from tests.sync_server.processes import ServerProcess

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cli(tmp_path_factory: pytest.TempPathFactory) -> ServerProcess:
    """One initialised data directory (``init --demo``) shared by this module's tests."""
    return ServerProcess(tmp_path_factory.mktemp("cli") / "home")


def test_init_is_idempotent_and_makes_a_private_master_key(tmp_path: Path) -> None:
    home = tmp_path / "home"
    process = ServerProcess(home, init=False)
    process.env.pop("TAMBO_MASTER_KEY")
    first = process.run_cli("init", "--demo")
    assert first.returncode == 0, first.stderr
    assert "Clave maestra creada" in first.stdout
    assert stat.S_IMODE((home / "master.key").stat().st_mode) == 0o600
    ticket = (home / "demo-ticket.json").read_bytes()
    again = process.run_cli("init", "--demo")
    assert again.returncode == 0, again.stderr
    assert "10 sin cambios" in again.stdout
    assert (home / "demo-ticket.json").read_bytes() == ticket  # written once
    demo = EnrollmentTicket.model_validate_json(ticket)
    assert demo.institution_id == "muni-ilave"
    assert demo.institution_name == "Municipalidad Distrital de Ilave"
    (home / "tambo.sqlite3").unlink()  # the database reset: the old ticket's code means nothing now
    reset = process.run_cli("init", "--demo")
    assert reset.returncode == 0, reset.stderr
    assert EnrollmentTicket.model_validate_json((home / "demo-ticket.json").read_bytes()).code != demo.code
    with process:
        enroll_with_ticket(process.url, home / "demo-ticket.json")


def test_a_master_key_readable_by_others_is_refused(tmp_path: Path) -> None:
    home = tmp_path / "home"
    process = ServerProcess(home, init=False)
    process.env.pop("TAMBO_MASTER_KEY")
    assert process.run_cli("init").returncode == 0
    (home / "master.key").chmod(0o644)
    result = process.run_cli("run", "--port", "1")
    assert result.returncode == 1
    assert "chmod 600" in result.stderr


def test_institution_add_and_list(cli: ServerProcess) -> None:
    added = cli.run_cli(
        "institution",
        "add",
        "--id",
        "muni-puno",
        "--name",
        "Municipalidad de Puno",
        "--unit",
        "mesa=Mesa de partes",
    )
    assert added.returncode == 0, added.stderr
    assert "muni-puno" in cli.run_cli("institution", "list").stdout
    twice = cli.run_cli("institution", "add", "--id", "muni-puno", "--name", "Otra")
    assert twice.returncode == 2
    assert "ya existe" in twice.stderr
    bad = cli.run_cli("institution", "add", "--id", "Muni Puno!", "--name", "X")
    assert bad.returncode == 2
    assert "Identificador de institución inválido" in bad.stderr


def test_institution_set_sends_the_calendar_and_notice_to_devices(cli: ServerProcess, tmp_path: Path) -> None:
    calendar = tmp_path / "calendario.json"
    calendar.write_text('{"non_working_days": ["2026-06-24"], "cutoff": "16:30"}', encoding="utf-8")
    notice = tmp_path / "aviso.txt"
    notice.write_text("Sus datos personales se tratan según la Ley 29733.\n", encoding="utf-8")
    done = cli.run_cli(
        "institution", "set", "--id", "muni-ilave", "--calendar", str(calendar), "--notice", str(notice)
    )
    assert done.returncode == 0, done.stderr
    assert "calendario y aviso actualizado" in done.stdout
    with sqlite3.connect(cli.home / "tambo.sqlite3") as conn:
        bodies = [row[0] for row in conn.execute("SELECT body FROM changes WHERE kind = 'settings'")]
    assert '"value":"Sus datos personales se tratan según la Ley 29733."' in bodies[-1]
    assert '"cutoff":"16:30"' in bodies[-2]
    calendar.write_text('["2026-06-24"]', encoding="utf-8")
    refused = cli.run_cli("institution", "set", "--id", "muni-ilave", "--calendar", str(calendar))
    assert refused.returncode == 2
    assert "objeto JSON" in refused.stderr
    assert cli.run_cli("institution", "set", "--id", "muni-ilave").returncode == 2
    unknown = cli.run_cli("institution", "set", "--id", "muni-nadie", "--notice", str(notice))
    assert unknown.returncode == 2


def test_catalog_load_publishes_once_and_refuses_changes_in_place(cli: ServerProcess, tmp_path: Path) -> None:
    source = demo_catalog_dir() / "encuesta-satisfaccion.json"
    loaded = cli.run_cli("catalog", "load", "--institution", "muni-ilave", str(source))
    assert loaded.returncode == 0, loaded.stderr
    assert "encuesta-satisfaccion versión 1: sin cambios" in loaded.stdout
    changed = json.loads(source.read_text(encoding="utf-8"))
    changed["title"]["es"] = "Encuesta (nueva)"
    edited = tmp_path / "encuesta.json"
    edited.write_text(json.dumps(changed), encoding="utf-8")
    refused = cli.run_cli("catalog", "load", "--institution", "muni-ilave", str(edited))
    assert refused.returncode == 2
    assert "versión publicada no cambia" in refused.stderr
    bumped = cli.run_cli("catalog", "load", "--institution", "muni-ilave", "--as-new-version", str(edited))
    assert bumped.returncode == 0, bumped.stderr
    assert "encuesta-satisfaccion versión 2: publicado" in bumped.stdout
    broken = tmp_path / "roto.json"
    broken.write_text('{"id": "x"', encoding="utf-8")
    result = cli.run_cli("catalog", "load", "--institution", "muni-ilave", str(broken))
    assert result.returncode == 2
    assert "JSON" in result.stderr


def test_catalog_check_names_problems(cli: ServerProcess, tmp_path: Path) -> None:
    bad = tmp_path / "malo.json"
    bad.write_text('{"schema_version": 1}', encoding="utf-8")
    result = cli.run_cli("catalog", "check", str(bad))
    assert result.returncode == 2


def test_device_add_prints_a_code_and_writes_a_ticket_and_a_qr(cli: ServerProcess, tmp_path: Path) -> None:
    ticket_path, qr_path = tmp_path / "mesa2.json", tmp_path / "mesa2.png"
    result = cli.run_cli(
        "device",
        "add",
        "--institution",
        "muni-ilave",
        "--name",
        "Mesa 2",
        "--ticket",
        str(ticket_path),
        "--qr",
        str(qr_path),
    )
    assert result.returncode == 0, result.stderr
    ticket = EnrollmentTicket.model_validate_json(ticket_path.read_bytes())
    assert f"Código de registro: {ticket.code}" in result.stdout
    assert f"prefijo {ticket.device_prefix}" in result.stdout
    assert ticket.server_url == cli.url
    assert stat.S_IMODE(ticket_path.stat().st_mode) == 0o600
    png = qr_path.read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", png[16:24])
    assert width == height > 100  # a square QR code, large enough to scan
    as_json = cli.run_cli("device", "add", "--institution", "muni-ilave", "--name", "Kiosco", "--json")
    answer = json.loads(as_json.stdout)
    assert answer["ticket"]["device_name"] == "Kiosco"
    default_qr = Path(answer["qr"])  # without --qr, next to the server's data, as private as the ticket
    assert default_qr.parent == cli.home / "enrollment"
    assert default_qr.read_bytes().startswith(b"\x89PNG")
    assert stat.S_IMODE(default_qr.stat().st_mode) == 0o600
    listed = cli.run_cli("device", "list", "--institution", "muni-ilave").stdout
    assert "Mesa 2" in listed
    assert "pending" in listed


def test_a_revoked_device_is_refused_by_the_running_server(tmp_path: Path) -> None:
    with ServerProcess(tmp_path / "home") as process:
        device = enroll_with_ticket(process.url, process.home / "demo-ticket.json")
        assert device.pull().status_code == 200
        result = process.run_cli("device", "revoke", "--institution", "muni-ilave", device.prefix)
        assert result.returncode == 0, result.stderr
        assert "dado de baja" in result.stdout
        response = device.pull()
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "device.revoked"
        missing = process.run_cli("device", "revoke", "--institution", "muni-ilave", "ZZZZ")
        assert missing.returncode == 2


def test_user_add_stores_an_argon2_hash(cli: ServerProcess) -> None:
    result = cli.run_cli(
        "user",
        "add",
        "--institution",
        "muni-ilave",
        "--login",
        "ana",
        "--role",
        "official",
        "--unit",
        "registro-civil",
        "--password-stdin",
        stdin="una clave bastante larga\n",
    )
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(cli.home / "tambo.sqlite3") as conn:
        stored = conn.execute("SELECT password_hash, role FROM users WHERE login = 'ana'").fetchone()
    assert stored[0].startswith("$argon2id$")
    assert stored[1] == "official"
    short = cli.run_cli(
        "user",
        "add",
        "--institution",
        "muni-ilave",
        "--login",
        "beto",
        "--role",
        "official",
        "--password-stdin",
        stdin="corta\n",
    )
    assert short.returncode == 2
    role = cli.run_cli(
        "user",
        "add",
        "--institution",
        "muni-ilave",
        "--login",
        "carla",
        "--role",
        "rey",
        "--password-stdin",
        stdin="una clave bastante larga\n",
    )
    assert role.returncode == 2
    assert "Rol desconocido" in role.stderr


def test_audit_verify_and_export_after_real_pushes(tmp_path: Path) -> None:
    with ServerProcess(tmp_path / "home") as process:
        device = enroll_with_ticket(process.url, process.home / "demo-ticket.json")
        sealed = [device.seal() for _ in range(3)]
        assert {r["status"] for r in device.push([s.envelope for s in sealed]).json()["results"]} == {
            "accepted"
        }
        verified = process.run_cli("audit", "verify")
        assert verified.returncode == 0, verified.stderr
        assert "muni-ilave:" in verified.stdout
        assert "entradas verificadas" in verified.stdout
        out = tmp_path / "export.jsonl"
        exported = process.run_cli("export", "--institution", "muni-ilave", "--out", str(out))
        assert exported.returncode == 0, exported.stderr
        lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert sorted(line["id"] for line in lines) == sorted(s.envelope.id for s in sealed)
        assert lines[0]["answers"]["nombres"] == "Rosa"
        assert lines[0]["history"][0]["status"] == "received"

    with sqlite3.connect(process.home / "tambo.sqlite3") as conn:  # someone edits the log by hand
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute("UPDATE audit_log SET actor = 'nadie' WHERE position = 13")
        conn.execute("DROP TRIGGER audit_log_no_update")  # ...with the file's owner's rights
        conn.execute("UPDATE audit_log SET actor = 'nadie' WHERE position = 13")
    tampered = process.run_cli("audit", "verify")
    assert tampered.returncode == 1
    assert "entrada 13 no cuadra" in tampered.stderr


def test_db_status_and_the_run_check(tmp_path: Path) -> None:
    process = ServerProcess(tmp_path / "home", demo=False)
    status = process.run_cli("db", "status")
    assert status.returncode == 0
    assert f"Esquema: {migrate.head_revision()};" in status.stdout
    empty = ServerProcess(tmp_path / "vacio", init=False)
    empty.home.mkdir(parents=True)
    assert empty.run_cli("db", "status").returncode == 1


def test_the_demo_ticket_enrolls_a_desktop_against_the_running_server(tmp_path: Path) -> None:
    with ServerProcess(tmp_path / "home") as process:
        device = enroll_with_ticket(process.url, process.home / "demo-ticket.json")
        assert requests.get(f"{process.url}/healthz", timeout=10).json()["status"] == "ok"
        changes, _ = device.pull_all()
        assert sum(c["kind"] == "catalog" for c in changes) == 10
