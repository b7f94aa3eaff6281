"""The server as a separate process, started like an operator would (``tambo-server init`` then
``run``), for tests that kill it, measure its memory, or check its command line."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

from tests.sync_server.conftest import MASTER_KEY


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ServerProcess:
    """``tambo-server`` commands on one data directory; as a context manager, a running server."""

    def __init__(
        self, home: Path, *, database_url: str | None = None, init: bool = True, demo: bool = True
    ) -> None:
        self.home = home
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "TAMBO_SERVER_HOME": str(home),
            "TAMBO_MASTER_KEY": MASTER_KEY,
            "TAMBO_PUBLIC_URL": self.url,
        }
        if database_url:
            self.env["TAMBO_DATABASE_URL"] = database_url
        self.process: subprocess.Popen[bytes] | None = None
        if init:
            result = self.run_cli("init", *(["--demo"] if demo else []))
            assert result.returncode == 0, result.stderr

    def run_cli(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "sync_server.cli", *args],
            env=self.env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    @property
    def log_path(self) -> Path:
        """Where the running server's stderr (one JSON line per request) goes: a file, because a pipe
        that nobody reads fills up after a few hundred requests and then blocks the server."""
        return self.home.parent / f"{self.home.name}-server.log"

    def start(self) -> ServerProcess:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "sync_server.cli", "run", "--port", str(self.port), "--threads", "4"],
                env=self.env,
                stdout=subprocess.DEVNULL,
                stderr=log,
            )
        deadline = time.monotonic() + 30
        while True:
            try:
                requests.get(f"{self.url}/api/v1/ping", timeout=2)
                return self
            except requests.ConnectionError:
                if self.process.poll() is not None:
                    raise AssertionError(self.log_path.read_text(errors="replace")) from None
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.1)

    def kill(self) -> None:
        """SIGKILL: no cleanup, no flush, like a power cut for the process."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)
        self.process = None

    def peak_rss_kib(self) -> int:
        assert self.process is not None
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
        raise AssertionError("no VmHWM")

    def __enter__(self) -> ServerProcess:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.kill()
