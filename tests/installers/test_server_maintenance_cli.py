"""``tambo-server backup``, ``restore`` and ``master-key`` as an operator types them (subprocesses)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sync_server.processes import ServerProcess

pytestmark = pytest.mark.slow


def test_backup_restore_and_key_rotation_from_the_command_line(tmp_path: Path) -> None:
    home = tmp_path / "servidor"
    process = ServerProcess(home, init=False)
    process.env.pop("TAMBO_MASTER_KEY")  # the key in $home/master.key, as `init` makes it
    assert process.run_cli("init", "--demo").returncode == 0

    made = process.run_cli("backup", "--out", str(tmp_path / "copias"), "--keep", "3")
    assert made.returncode == 0, made.stderr
    assert "Copia lista" in made.stdout
    assert "NO va en la copia" in made.stdout
    [backup] = sorted((tmp_path / "copias").glob("tambo-backup-*"))

    occupied = process.run_cli("restore", str(backup))
    assert occupied.returncode == 2
    assert "--replace" in occupied.stderr
    replaced = process.run_cli("restore", "--replace", str(backup))
    assert replaced.returncode == 0, replaced.stderr
    assert "lo que había antes quedó en" in replaced.stdout

    nothing = process.run_cli("restore", str(tmp_path / "no-existe"))
    assert nothing.returncode == 2
    assert "falta manifest.json" in nothing.stderr

    checked = process.run_cli("master-key", "check")
    assert checked.returncode == 0, checked.stderr
    assert "abre las llaves de 1 instituciones" in checked.stdout
    rotated = process.run_cli("master-key", "rotate")
    assert rotated.returncode == 0, rotated.stderr
    assert "Reinicie el servidor" in rotated.stdout
    assert list(home.glob("master.key.retired-*"))

    old_key = process.run_cli("restore", "--replace", str(backup))  # made with the key just retired
    assert old_key.returncode == 2
    assert "master.key.retired-" in old_key.stderr
    with process:  # the server starts with the new key and answers
        pass


def test_rotating_a_key_from_the_environment_needs_a_file(tmp_path: Path) -> None:
    process = ServerProcess(tmp_path / "servidor", demo=True)  # TAMBO_MASTER_KEY set
    refused = process.run_cli("master-key", "rotate")
    assert refused.returncode == 2
    assert "--new-key-file" in refused.stderr
    done = process.run_cli("master-key", "rotate", "--new-key-file", str(tmp_path / "nueva.key"))
    assert done.returncode == 0, done.stderr
    assert "póngala en TAMBO_MASTER_KEY" in done.stdout
    process.env["TAMBO_MASTER_KEY"] = (tmp_path / "nueva.key").read_text().strip()
    assert process.run_cli("master-key", "check").returncode == 0
