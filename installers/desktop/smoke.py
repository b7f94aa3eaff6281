"""Smoke test of a built desktop app: what a technician checks after installing it, done by a script.

    python installers/desktop/smoke.py --binary dist/desktop/tambo/tambo
    python installers/desktop/smoke.py                      # the same steps on the source checkout

Offscreen, on a fresh data folder: the version; the first start of the window (it creates and unlocks
the encrypted store); enrolment with a ticket; a submission saved through the command line (with no
system time zone database, as on Windows); the list and the audit chain; a USB bundle of it; the
coordinator's window; the English translation; and the cold start of the window, timed. Exit 0 when
every step passed, 1 otherwise. ``installers/build-desktop --smoke`` runs it on what it built; the
test suite runs it on the source checkout, so the steps stay in step with the command line.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from tests.desktop.test_store_support import PASSPHRASE, Institution, complaint_answers  # noqa: E402

SERVICE = "libro-reclamaciones"
WINDOW_READY = "ventana lista"


class SmokeFailure(AssertionError):
    """A step did not do what it should; the message says which and shows the output."""


@dataclass
class Report:
    """What the smoke run measured (milliseconds) and saw."""

    steps: dict[str, float] = field(default_factory=dict)
    cold_starts_ms: list[float] = field(default_factory=list)
    tracking_code: str = ""

    @property
    def cold_start_p50_ms(self) -> float:
        return statistics.median(self.cold_starts_ms) if self.cold_starts_ms else 0.0


class Smoke:
    """The steps, run against one command (the built binary, or ``python -m desktop.cli``)."""

    def __init__(
        self, command: Sequence[str], workdir: Path, timeout: float = 120, *, installed: bool = False
    ) -> None:
        self.command = list(command)
        #: a built app: also run it as another user, as an installed app in a folder it cannot write
        self.installed = installed
        self.workdir = workdir
        self.timeout = timeout
        self.home = workdir / "datos"
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(workdir),
            "LANG": "C.UTF-8",
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_CACHE_HOME": str(workdir / "cache"),
            "TAMBO_HOME": str(self.home),
            "TAMBO_PASSPHRASE": PASSPHRASE,
            "TAMBO_CLERK": "Prueba de instalación",
            # a kiosk or a server room has no desktop keystore; never touch the developer's own
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        }
        for name in ("SYSTEMROOT", "TEMP", "TMP", "PYTHONPATH"):  # Windows needs these to start
            if name in os.environ:
                self.env[name] = os.environ[name]
        self.report = Report()

    def run(self, step: str, *args: str, expect: int = 0, **env: str) -> str:
        start = time.perf_counter()
        try:
            done = subprocess.run(
                [*self.command, *args],
                env={**self.env, **env},
                capture_output=True,
                text=True,
                encoding="utf-8",
                stdin=subprocess.DEVNULL,
                timeout=self.timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise SmokeFailure(f"{step}: no terminó en {self.timeout:.0f} s") from exc
        self.report.steps[step] = (time.perf_counter() - start) * 1000
        if done.returncode != expect:
            raise SmokeFailure(
                f"{step}: código de salida {done.returncode}, se esperaba {expect}\n"
                f"--- salida ---\n{done.stdout[-3000:]}\n--- errores ---\n{done.stderr[-3000:]}"
            )
        return done.stdout

    def run_as_other_user(self, step: str, *args: str, **env: str) -> str:
        """The step as ``nobody``, with a data folder of its own: the app's folder is not writable then,
        as in /opt/tambo or Program Files (only possible when the smoke test runs as root)."""
        account = other_user()
        assert account is not None
        home = self.workdir / "otro-usuario"
        home.mkdir(exist_ok=True)
        os.chown(home, account.pw_uid, account.pw_gid)
        self.workdir.chmod(0o711)  # let it through to its folder, and nowhere else
        variables = {**self.env, "HOME": str(home), "TAMBO_HOME": str(home / "datos"), **env}
        variables.pop("XDG_CACHE_HOME", None)
        prefix = ["runuser", "-u", account.pw_name, "--", "env", *(f"{k}={v}" for k, v in variables.items())]
        saved = self.command
        self.command = [*prefix, *saved]
        try:
            return self.run(step, *args)
        finally:
            self.command = saved

    def check(self, step: str, condition: bool, output: str) -> None:
        if not condition:
            raise SmokeFailure(f"{step}: resultado inesperado:\n{output[-3000:]}")

    def all_steps(self, cold_starts: int = 3) -> Report:
        from desktop import __version__

        version = self.run("version", "--version")
        self.check("version", version.strip() == f"tambo {__version__}", version)

        first = self.run("first start (creates the store)", "--self-test")
        self.check("first start (creates the store)", WINDOW_READY in first, first)
        self.check("first start (creates the store)", (self.home / "keyslots.json").is_file(), first)

        ticket = Institution().write_ticket(self.workdir / "registro.json")
        enrolled = self.run("enroll", "enroll", "--ticket", str(ticket), "--office", "Sede central")
        self.check("enroll", "Municipalidad Distrital de Prueba" in enrolled, enrolled)

        answers = self.workdir / "respuestas.json"
        answers.write_text(json.dumps(complaint_answers()), encoding="utf-8")
        # PYTHONTZPATH empty: no system time zone files, as on Windows; the bundled tzdata must do
        saved = self.run("submit", "submit", "--service", SERVICE, "--answers", str(answers), PYTHONTZPATH="")
        code = saved.strip()
        self.check("submit", code.startswith("AB12-00001-"), saved)
        self.report.tracking_code = code

        listed = self.run("list", "list", "--json")
        rows = [json.loads(line) for line in listed.splitlines() if line.strip()]
        self.check("list", [row.get("tracking_code") for row in rows] == [code], listed)
        verified = self.run("audit verify", "audit", "verify")
        self.check("audit verify", bool(verified.strip()), verified)

        usb = self.workdir / "usb"
        usb.mkdir()
        exported = self.run("bundle export (USB)", "bundle", "export", str(usb))
        self.check("bundle export (USB)", len(list(usb.glob("*.tambo"))) == 1, exported)
        coordinator = self.run("coordinator window", "--coordinator", "--self-test")
        self.check("coordinator window", WINDOW_READY in coordinator, coordinator)

        english = self.run("window in English", "--self-test", TAMBO_LANG="en")
        self.check("window in English", "Front desk" in english, english)
        if self.installed and other_user() is not None:
            step = "read-only install, another user"
            shown = self.run_as_other_user(step, "--self-test", TAMBO_LANG="en")
            self.check(step, "Front desk" in shown, shown)

        for _ in range(cold_starts):
            start = time.perf_counter()
            again = self.run("cold start", "--self-test")
            self.report.cold_starts_ms.append((time.perf_counter() - start) * 1000)
            self.check("cold start", WINDOW_READY in again, again)
        return self.report


def other_user() -> Any:
    """``nobody``'s passwd entry, when this process may act as it (root, with runuser); else None."""
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("runuser") is None:
        return None
    import pwd  # POSIX only: the smoke test also runs on Windows

    try:
        return pwd.getpwnam("nobody")
    except KeyError:
        return None


def size_mb(target: Path) -> float:
    """The size on disk of a one-file build, or of the whole folder of a one-folder build."""
    folder = target.parent if (target.parent / "_internal").is_dir() else None
    files = folder.rglob("*") if folder else [target]
    return sum(path.lstat().st_size for path in files if path.is_file() and not path.is_symlink()) / 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", type=Path, help="the built tambo (default: python -m desktop.cli)")
    parser.add_argument("--cold-starts", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    command = [str(args.binary.resolve())] if args.binary else [sys.executable, "-m", "desktop.cli"]
    with tempfile.TemporaryDirectory(prefix="tambo-smoke-") as workdir:
        smoke = Smoke(command, Path(workdir), installed=args.binary is not None)
        try:
            report = smoke.all_steps(args.cold_starts)
        except SmokeFailure as exc:
            print(f"PRUEBA DE HUMO FALLIDA: {exc}", file=sys.stderr)
            return 1
    figures = {
        "binary": str(args.binary or "python -m desktop.cli"),
        "size_mb": round(size_mb(args.binary), 1) if args.binary else None,
        "steps_ms": {name: round(ms) for name, ms in report.steps.items()},
        "cold_start_ms": [round(ms) for ms in report.cold_starts_ms],
        "cold_start_p50_ms": round(report.cold_start_p50_ms),
        "tracking_code": report.tracking_code,
    }
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
    else:
        for name, ms in figures["steps_ms"].items():
            print(f"  {name:<34} {ms:>7} ms")
        runs, p50 = len(report.cold_starts_ms), figures["cold_start_p50_ms"]
        print(f"  cold start to the window, p50 of {runs}: {p50} ms")
        if figures["size_mb"] is not None:
            print(f"  size on disk: {figures['size_mb']} MB")
        print(f"Prueba de humo correcta ({report.tracking_code}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
