"""The smoke test of built apps (installers/desktop/smoke.py), run here on the source checkout.

Building takes a minute, so the suite does not build; but it runs the very steps the build's smoke test
runs, through ``python -m desktop.cli``, so that a change of the command line breaks this test first
and not the next installer build.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import EXIT_BAD_INPUT, EXIT_LOCKED
from installers.desktop.smoke import Smoke, SmokeFailure

pytestmark = pytest.mark.slow
SOURCE_COMMAND = [sys.executable, "-m", "desktop.cli"]


def test_the_self_test_never_waits_for_a_person(tmp_path: Path) -> None:
    smoke = Smoke(SOURCE_COMMAND, tmp_path, timeout=60)
    del smoke.env["TAMBO_PASSPHRASE"]
    smoke.run("no passphrase", "--self-test", expect=EXIT_LOCKED)
    smoke.run("kiosk", "--kiosk", "--self-test", expect=EXIT_BAD_INPUT)
    smoke.env["TAMBO_PASSPHRASE"] = "otra-clave-123"
    smoke.run("creates with this passphrase", "--self-test")
    smoke.env["TAMBO_PASSPHRASE"] = "clave-equivocada"
    smoke.run("wrong passphrase", "--self-test", expect=EXIT_LOCKED)


def test_a_failing_step_names_itself_with_the_output(tmp_path: Path) -> None:
    smoke = Smoke(SOURCE_COMMAND, tmp_path, timeout=60)
    with pytest.raises(SmokeFailure, match=r"show: código de salida 2, se esperaba 0(.|\n)*errores"):
        smoke.run("show", "show", "ZZZZ-00000-0")


def test_every_smoke_step_passes_on_the_source_checkout() -> None:
    done = subprocess.run(
        [sys.executable, "installers/desktop/smoke.py", "--cold-starts", "1", "--json"],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    assert figures["tracking_code"].startswith("AB12-00001-")
    assert len(figures["cold_start_ms"]) == 1
    steps = {
        "first start (creates the store)",
        "submit",
        "bundle export (USB)",
        "coordinator window",
        "window in English",
    }
    assert steps <= set(figures["steps_ms"])
