"""The app shell: settings, health, ping, metrics, logs, headers, the JSON error shape, and waitress."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

import pytest
import requests

from shared import errors
from sync_server.app import create_app
from sync_server.cli import build_parser
from sync_server.config import Settings
from sync_server.observability import JsonLineFormatter
from tests.sync_server.conftest import LiveServer
from tests.sync_server.processes import ServerProcess
from tests.sync_server.serving import serve_app


def test_healthz_checks_the_database(live_server: LiveServer) -> None:
    response = requests.get(f"{live_server.url}/healthz", timeout=10)
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "version": "0.1.0", "database": "sqlite"}


def test_healthz_says_503_with_retry_after_when_the_database_is_gone(live_server: LiveServer) -> None:
    live_server.server.db.engine.dispose()
    Path(live_server.server.db.engine.url.database).rename(
        Path(live_server.server.db.engine.url.database + ".away")
    )
    Path(live_server.server.db.engine.url.database).mkdir()  # a directory cannot be opened as a database
    response = requests.get(f"{live_server.url}/healthz", timeout=10)
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    assert response.json()["status"] == "unavailable"


def test_ping_is_tiny_and_public(live_server: LiveServer) -> None:
    response = requests.get(f"{live_server.url}/api/v1/ping", timeout=10)
    assert response.status_code == 200
    assert response.json()["ok"] is True
    assert response.json()["supported"] == [1]
    assert len(response.content) < 200
    assert response.headers["Cache-Control"] == "no-store"


def test_every_answer_has_a_date_header(live_server: LiveServer) -> None:
    for path in ("/healthz", "/api/v1/ping", "/api/v1/nada", "/metrics"):
        assert requests.get(f"{live_server.url}{path}", timeout=10).headers["Date"].endswith("GMT")


def test_unknown_route_gets_the_standard_error_shape(live_server: LiveServer) -> None:
    response = requests.get(f"{live_server.url}/api/v1/nada", timeout=10)
    assert response.status_code == 404
    assert response.json() == {
        "error": {"code": errors.REQUEST_NOT_FOUND, "message": "No encontrado.", "details": {}}
    }
    wrong_method = requests.delete(f"{live_server.url}/api/v1/push", timeout=10)
    assert wrong_method.status_code == 405
    assert wrong_method.json()["error"]["code"] == errors.REQUEST_METHOD_NOT_ALLOWED


def test_metrics_count_requests_and_push_results(live_server: LiveServer) -> None:
    device = live_server.device()
    device.push([device.seal().envelope])
    text = requests.get(f"{live_server.url}/metrics", timeout=10).text
    assert "# TYPE tambo_http_requests_total counter" in text
    assert 'route="/api/v1/push",status="200"} 1' in text
    assert "tambo_push_items_total{" in text
    assert 'status="accepted"} 1' in text
    assert "tambo_http_request_duration_seconds_bucket{" in text


def test_metrics_behind_a_token_when_one_is_set(settings: Settings) -> None:
    with serve_app(create_app(settings, metrics_token="un-token-largo")) as url:
        refused = requests.get(f"{url}/metrics", timeout=10)
        wrong = requests.get(f"{url}/metrics", headers={"Authorization": "Bearer otro"}, timeout=10)
        good = requests.get(f"{url}/metrics", headers={"Authorization": "Bearer un-token-largo"}, timeout=10)
    assert (refused.status_code, wrong.status_code) == (401, 401)
    assert refused.json()["error"]["code"] == errors.AUTH_METRICS_TOKEN
    assert good.status_code == 200
    assert "tambo_http_requests_total" in good.text


def test_each_request_is_one_json_log_line(live_server: LiveServer, caplog: pytest.LogCaptureFixture) -> None:
    device = live_server.device()
    with caplog.at_level(logging.INFO, logger="tambo.server.requests"):
        device.push([device.seal().envelope])
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "tambo.server.requests"]
    push = next(line for line in lines if line["path"] == "/api/v1/push")
    assert push["method"] == "POST"
    assert push["status"] == 200
    assert push["device"] == device.device_id
    assert push["institution"] == "muni-demo"
    assert push["ms"] >= 0
    assert push["address"] == "127.0.0.1"


def test_settings_file_and_environment(tmp_path: Path) -> None:
    (tmp_path / "server.toml").write_text('max_request_bytes = 1000\ndatabase_url = "sqlite:///x.db"\n')
    settings = Settings.load({"TAMBO_SERVER_HOME": str(tmp_path), "TAMBO_MAX_REQUEST_BYTES": "2000"})
    assert settings.max_request_bytes == 2000  # environment wins over the file
    assert settings.effective_database_url == "sqlite:///x.db"
    other = Settings.load({"TAMBO_SERVER_HOME": str(tmp_path / "otro"), "TAMBO_PUBLIC_URL": "https://t.pe"})
    assert other.effective_database_url.endswith("otro/tambo.sqlite3")
    assert other.public_url == "https://t.pe"


def test_unknown_setting_in_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "server.toml").write_text("max_requst_bytes = 1\n")
    with pytest.raises(ValueError, match="max_requst_bytes"):
        Settings.load({"TAMBO_SERVER_HOME": str(tmp_path)})


def test_every_setting_is_documented() -> None:
    documented = (Path(__file__).resolve().parents[2] / "docs" / "configuration.md").read_text(
        encoding="utf-8"
    )
    for name in Settings.__dataclass_fields__:
        assert f"`{name}`" in documented, name
        env = "TAMBO_SERVER_HOME" if name == "home" else f"TAMBO_{name.upper()}"
        assert f"`{env}`" in documented, env


def test_desktop_home_variable_does_not_move_the_server(tmp_path: Path) -> None:
    settings = Settings.load(
        {"TAMBO_SERVER_HOME": str(tmp_path / "server"), "TAMBO_HOME": str(tmp_path / "desk")}
    )
    assert settings.home == tmp_path / "server"


def test_run_command_serves_with_waitress(tmp_path: Path) -> None:
    with ServerProcess(tmp_path / "home") as process:
        response = requests.get(f"{process.url}/healthz", timeout=10)
        assert response.json()["status"] == "ok"
        assert response.headers["Server"] == "tambo"  # waitress ident, not Werkzeug's dev server
        requests.post(f"{process.url}/api/v1/push", data=b"{", timeout=10)
    lines = [json.loads(line) for line in process.log_path.read_text().splitlines() if line.strip()]
    assert all({"time", "level", "logger"} <= line.keys() for line in lines), lines  # every line is JSON
    health = next(line for line in lines if line.get("path") == "/healthz")
    assert (health["level"], health["status"]) == ("info", 200)
    assert health["time"].endswith("+00:00")
    refused = next(line for line in lines if line.get("path") == "/api/v1/push")
    assert refused["status"] >= 400
    assert refused["error"]


@pytest.mark.parametrize("trusted", [0, 1])
def test_the_client_address_behind_a_trusted_proxy(tmp_path: Path, trusted: int) -> None:
    """``tambo-server run`` behind nginx: with ``trusted_proxies`` the address nginx appended is the
    client's (the login throttle and the logs need it); without, a forged header changes nothing."""
    process = ServerProcess(tmp_path / "home")
    process.env["TAMBO_TRUSTED_PROXIES"] = str(trusted)
    with process:
        requests.get(f"{process.url}/healthz", headers={"X-Forwarded-For": "203.0.113.9"}, timeout=10)
    lines = [json.loads(line) for line in process.log_path.read_text().splitlines() if line.strip()]
    health = [line for line in lines if line.get("path") == "/healthz"]
    assert health[-1]["address"] == ("203.0.113.9" if trusted else "127.0.0.1")


def test_log_records_that_are_not_requests_are_json_too() -> None:
    formatter = JsonLineFormatter()
    try:
        raise ValueError("algo falló")
    except ValueError:
        record = logging.getLogger("sync_server.app").makeRecord(
            "sync_server.app",
            logging.ERROR,
            __file__,
            1,
            "error inesperado en %s",
            ("/push",),
            sys.exc_info(),
        )
    line = json.loads(formatter.format(record))
    assert (line["level"], line["logger"]) == ("error", "sync_server.app")
    assert line["message"] == "error inesperado en /push"
    assert "ValueError: algo falló" in line["exception"]


def test_run_refuses_a_database_that_was_never_initialised(tmp_path: Path) -> None:
    result = ServerProcess(tmp_path / "home", init=False).run_cli("run", "--port", "1")
    assert result.returncode != 0
    assert "tambo-server init" in result.stderr


def test_every_command_is_documented() -> None:
    """Each ``tambo-server`` command and subcommand appears in docs/server.md (as `name sub...`)."""
    documented = (Path(__file__).resolve().parents[2] / "docs" / "server.md").read_text(encoding="utf-8")
    parser = build_parser()
    (commands,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    for name, command in commands.choices.items():
        nested = [a for a in command._actions if isinstance(a, argparse._SubParsersAction)]
        names = [f"{name} {sub}" for sub in nested[0].choices] if nested else [name]
        for full in names:
            assert f"`{full}" in documented, full
