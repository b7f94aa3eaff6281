"""``tambo enroll --server --code`` and ``tambo sync [--once]``, run as subprocesses against the real
server: output, progress, Spanish messages, exit codes."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from desktop.cli_sync import EXIT_INCOMPLETE
from desktop.sync.progress import Progress
from desktop.sync.terminal import TerminalProgress, progress_line
from sync_server.ops.enrollment import issue_device
from tests.desktop.test_cli_commands import tambo, write_answers
from tests.desktop.test_store_support import PASSPHRASE
from tests.sync.support import INSTITUTION
from tests.sync_server.processes import free_port


def test_enroll_with_a_code_then_sync_once(live_server, tmp_path):
    home = tmp_path / "home"
    code = issue_device(live_server.server, INSTITUTION, "Mesa 2", actor="test").code
    enrolled = tambo(home, "enroll", "--server", live_server.url, "--code", code.lower(), "--office", "Sede")
    assert enrolled.returncode == 0, enrolled.stderr
    assert "Municipalidad" in enrolled.stdout
    info = tambo(home, "info")
    assert "Registrado en el servidor: sí" in info.stdout
    for dni in ("45781236", "41234567"):
        saved = tambo(
            home,
            "submit",
            "--service",
            "libro-reclamaciones",
            "--answers",
            str(write_answers(tmp_path / f"{dni}.json", dni=dni)),
        )
        assert saved.returncode == 0, saved.stderr
    synced = tambo(home, "sync", "--once")
    assert synced.returncode == 0, synced.stderr
    assert "Enviando solicitudes" in synced.stderr  # progress lines (not a terminal: one per step)
    assert "Enviadas: 2" in synced.stderr
    assert "Por enviar: 0" in synced.stderr
    listed = tambo(home, "list", "--json")
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert {row["sync_state"] for row in rows} == {"sent"}
    again = tambo(home, "enroll", "--server", live_server.url, "--code", code)  # the same key again
    assert again.returncode == 0, again.stderr


def test_a_used_or_mistyped_code_is_refused_in_spanish(live_server, tmp_path):
    code = issue_device(live_server.server, INSTITUTION, "Mesa 3", actor="test").code
    assert tambo(tmp_path / "a", "enroll", "--server", live_server.url, "--code", code).returncode == 0
    used = tambo(tmp_path / "b", "enroll", "--server", live_server.url, "--code", code)
    assert used.returncode == 2
    assert "ya fue usado" in used.stderr
    wrong = tambo(tmp_path / "c", "enroll", "--server", live_server.url, "--code", "AAAA-BBBB-CCCC")
    assert wrong.returncode == 2
    assert "Código de registro inválido" in wrong.stderr
    bad_url = tambo(tmp_path / "d", "enroll", "--server", "ftp://x", "--code", code)
    assert bad_url.returncode == 2
    assert "La dirección del servidor no es válida" in bad_url.stderr
    no_server = tambo(tmp_path / "e", "enroll", "--code", code)
    assert no_server.returncode != 0
    assert "servidor" in no_server.stderr


def test_sync_once_without_a_server_says_so_and_exits_8(live_server, tmp_path):
    home = tmp_path / "home"
    code = issue_device(live_server.server, INSTITUTION, "Mesa 4", actor="test").code
    assert tambo(home, "enroll", "--server", live_server.url, "--code", code).returncode == 0
    saved = tambo(
        home,
        "submit",
        "--service",
        "libro-reclamaciones",
        "--answers",
        str(write_answers(tmp_path / "a.json")),
    )
    assert saved.returncode == 0
    down = f"http://127.0.0.1:{free_port()}"
    result = tambo(home, "sync", "--once", "--server", down)
    assert result.returncode == EXIT_INCOMPLETE
    assert "Sin conexión con el servidor" in result.stderr
    assert "Por enviar: 1" in result.stderr


def test_the_terminal_bar_redraws_one_line():
    stream = io.StringIO()
    terminal = TerminalProgress(stream, tty=True)
    terminal(
        Progress(
            "uploading",
            items_done=1,
            items_total=4,
            bytes_done=512 * 1024,
            bytes_total=2 * 1024 * 1024,
            file_done=512 * 1024,
            file_total=1024 * 1024,
        )
    )
    terminal(Progress("done"))
    text = stream.getvalue()
    assert text.startswith("\rEnviando archivos adjuntos · [")
    assert "1/4 solicitudes · adjunto 512 KB/1.0 MB" in text
    assert "\n" not in text
    assert progress_line(Progress("pulling", changes=12)) == "Recibiendo novedades · 12 novedades"


def _ignore_sigint() -> None:
    """As a non-interactive shell starts a command in the background (``tambo sync &``)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@pytest.mark.parametrize(
    ("stop", "start_ignoring_sigint"),
    [(signal.SIGINT, False), (signal.SIGINT, True), (signal.SIGTERM, False)],
    ids=["ctrl-c", "ctrl-c-started-in-background", "sigterm"],
)
def test_sync_without_once_keeps_syncing_until_ctrl_c(live_server, tmp_path, stop, start_ignoring_sigint):
    home = tmp_path / "home"
    code = issue_device(live_server.server, INSTITUTION, "Mesa 5", actor="test").code
    assert tambo(home, "enroll", "--server", live_server.url, "--code", code).returncode == 0
    env = {
        **os.environ,
        "TAMBO_HOME": str(home),
        "TAMBO_PASSPHRASE": PASSPHRASE,
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "desktop.cli", "sync", "--interval", "0.5"],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_ignore_sigint if start_ignoring_sigint else None,
    )
    try:
        lines = []
        deadline = time.monotonic() + 60
        while sum("Por enviar: 0" in line for line in lines) < 2:  # two runs: start, then the timer
            assert time.monotonic() < deadline, lines
            lines.append(process.stderr.readline())
        process.send_signal(stop)
        _out, rest = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 0
    assert "Deteniendo la sincronización" in rest
