"""The production set-up as shipped in installers/server/: gunicorn with its config file, nginx's TLS
example in front of it, and the systemd units as systemd itself reads them.

gunicorn runs with ``-c installers/server/gunicorn.conf.py`` exactly as the unit starts it (only the
port and the worker count come from the environment); nginx runs the example site with its host name,
certificate and ports swapped for a self-signed localhost certificate and free ports. The nginx and
systemd checks are skipped where those programs are not installed.
"""

from __future__ import annotations

import datetime
import getpass
import ipaddress
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from installers.desktop.bundle import ROOT
from tests.installers.support import push_with_files
from tests.sync_server.device_client import DeviceClient, enroll_with_ticket
from tests.sync_server.processes import ServerProcess, free_port

pytestmark = pytest.mark.slow
SERVER_DIR = ROOT / "installers" / "server"


def wait_until_up(url: str, process: subprocess.Popen, verify: str | bool = True) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            requests.get(f"{url}/api/v1/ping", timeout=5, verify=verify).raise_for_status()
            return
        except requests.RequestException:
            if process.poll() is not None:
                raise AssertionError(f"exited with {process.returncode}") from None
            assert time.monotonic() < deadline, f"{url} did not answer"
            time.sleep(0.2)


def stop(process: subprocess.Popen, sig: int = signal.SIGTERM) -> int:
    if process.poll() is None:
        process.send_signal(sig)
        try:
            return process.wait(60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
            raise
    return process.returncode


@dataclass
class Gunicorn:
    url: str
    home: Path
    process: subprocess.Popen
    admin: ServerProcess

    def new_device(self, name: str) -> DeviceClient:
        """``tambo-server device add`` (its ticket), then the real enrollment through gunicorn."""
        ticket = self.home / f"{name}.json"
        added = self.admin.run_cli(
            "device", "add", "--institution", "muni-ilave", "--name", name, "--ticket", str(ticket)
        )
        assert added.returncode == 0, added.stderr
        return enroll_with_ticket(self.url, ticket)


@pytest.fixture(scope="module")
def gunicorn(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gunicorn]:
    """``tambo-server init --demo``, then gunicorn with the shipped config: 2 workers of 2 threads."""
    home = tmp_path_factory.mktemp("gunicorn") / "servidor"
    server = ServerProcess(home)  # runs init --demo; its environment is an operator's
    port = free_port()
    env = {**server.env, "TAMBO_BIND": f"127.0.0.1:{port}", "TAMBO_WORKERS": "2", "TAMBO_THREADS": "2"}
    env["PYTHONPATH"] = str(ROOT)  # the code under test, whatever the virtualenv was installed from
    log = (home / "gunicorn.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(SERVER_DIR / "gunicorn.conf.py")],
        env=env,
        cwd=home,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}", process)
        yield Gunicorn(f"http://127.0.0.1:{port}", home, process, server)
    finally:
        stop(process)
        log.close()


def test_gunicorn_with_the_shipped_config_serves_devices_and_stops_cleanly(gunicorn: Gunicorn) -> None:
    children = subprocess.run(["pgrep", "-P", str(gunicorn.process.pid)], capture_output=True, text=True)
    assert len(children.stdout.split()) == 2  # the master and its two workers
    device = gunicorn.new_device("mesa-gunicorn")
    push_with_files(device, 2)
    log = (gunicorn.home / "gunicorn.log").read_text()
    assert re.search(rf'"POST /api/v1/push HTTP/1.1" 200 \d+ \d+ms device={device.device_id}', log), log[
        -2000:
    ]


def self_signed_localhost(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert, private = folder / "cert.pem", folder / "key.pem"
    cert.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    private.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert, private


def nginx_site(folder: Path, upstream: str, https_port: int, http_port: int) -> Path:
    """The shipped example with only the machine-specific parts replaced; an nginx.conf around it."""
    cert, key = self_signed_localhost(folder)
    site = (SERVER_DIR / "nginx-tambo.conf").read_text()
    site = site.replace("tambo.example.gob.pe", "localhost")
    site = site.replace("/etc/letsencrypt/live/localhost/fullchain.pem", str(cert))
    site = site.replace("/etc/letsencrypt/live/localhost/privkey.pem", str(key))
    site = site.replace("server 127.0.0.1:8765;", f"server {upstream};")
    site = re.sub(r"\n\s*listen \[::\]:\d+[^;]*;", "", site)  # no IPv6 in every test container
    site = site.replace("listen 443 ssl", f"listen 127.0.0.1:{https_port} ssl")
    site = site.replace("listen 80;", f"listen 127.0.0.1:{http_port};")
    (folder / "site.conf").write_text(site)
    conf = folder / "nginx.conf"
    conf.write_text(
        f"""user root;
daemon off;
master_process on;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log {folder}/access.log;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/site.conf;
}}
"""
    )
    return conf


@pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed")
def test_the_nginx_example_terminates_tls_and_passes_uploads_and_the_servers_refusals(
    gunicorn: Gunicorn, tmp_path: Path
) -> None:
    https_port, http_port = free_port(), free_port()
    conf = nginx_site(tmp_path, gunicorn.url.removeprefix("http://"), https_port, http_port)
    checked = subprocess.run(["nginx", "-t", "-c", str(conf)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    nginx = subprocess.Popen(["nginx", "-c", str(conf)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"https://127.0.0.1:{https_port}"
    cert = str(tmp_path / "cert.pem")
    try:
        wait_until_up(url, nginx, verify=cert)
        plain = requests.get(f"http://127.0.0.1:{http_port}/api/v1/ping", allow_redirects=False, timeout=10)
        assert plain.status_code == 301
        assert plain.headers["Location"].startswith("https://")

        device = gunicorn.new_device("mesa-nginx")
        device.base_url = url
        device.session.verify = cert
        device.session.trust_env = False  # REQUESTS_CA_BUNDLE would win over the session's verify
        sealed = device.seal(files=[(os.urandom(300_000), "application/pdf", "escaneo.pdf")])
        for blob in sealed.blobs.values():
            device.upload(blob, chunk_size=100_000)  # three PATCHes through the proxy
        [result] = device.push([sealed.envelope]).json()["results"]
        assert result["status"] == "accepted"

        too_big = device.request("POST", "/push", b"{" + b" " * (17 * 1024 * 1024) + b"}")
        assert too_big.status_code == 413
        assert too_big.json()["error"]["code"] == "request.too_large"  # in the server's words
        # a 20 MB chunk is no push: the attachments route takes chunks up to the attachment limit
        chunk = device.append("0" * 64, 0, b"x" * (20 * 1024 * 1024))
        assert chunk.status_code != 413
        hsts = device.session.get(f"{url}/api/v1/ping", timeout=10).headers
        assert "max-age" in hsts["Strict-Transport-Security"]
        assert device.session.get(f"{url}/metrics", timeout=10).status_code == 404  # not from outside
        assert requests.get(f"{gunicorn.url}/metrics", timeout=10).status_code == 200
    finally:
        assert stop(nginx, signal.SIGQUIT) == 0


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_reads_the_units_without_a_warning(tmp_path: Path) -> None:
    venv = Path(sys.executable).parent.parent
    units = []
    for name in ("tambo-server.service", "tambo-backup.service", "tambo-backup.timer"):
        text = (SERVER_DIR / name).read_text()
        text = text.replace("/opt/tambo/.venv", str(venv)).replace("/opt/tambo", str(ROOT))
        (tmp_path / name).write_text(text)
        units.append(str(tmp_path / name))
    for executable in re.findall(r"^Exec\w+=(\S+)", "\n".join(Path(u).read_text() for u in units), re.M):
        assert Path(executable).exists(), executable
    checked = subprocess.run(["systemd-analyze", "verify", *units], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    assert str(tmp_path) not in checked.stderr, checked.stderr  # unknown keys are only warnings


def test_tambo_admin_runs_commands_with_the_services_settings(tmp_path: Path) -> None:
    env_file = tmp_path / "server.env"
    env_file.write_text(
        f"TAMBO_DATABASE_URL=sqlite:///{tmp_path / 'servidor.sqlite3'}\nTAMBO_PUBLIC_URL=https://t\n"
    )
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "TAMBO_ADMIN_USER": getpass.getuser(),  # the service's user is this one here
        "TAMBO_ENV_FILE": str(env_file),
        "TAMBO_SERVER_HOME": str(tmp_path / "datos"),
        "TAMBO_VENV": str(Path(sys.executable).parent.parent),
        "PYTHONPATH": str(ROOT),
    }

    def admin(*args: str) -> subprocess.CompletedProcess[str]:
        command = [str(SERVER_DIR / "tambo-admin"), *args]
        return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=False)

    assert admin("init").returncode == 0
    assert (tmp_path / "servidor.sqlite3").is_file()  # the database of server.env, not a default one
    assert (tmp_path / "datos" / "master.key").is_file()
    status = admin("db", "status")
    assert status.returncode == 0, status.stderr
    env["TAMBO_VENV"] = str(tmp_path / "no-venv")
    missing = admin("db", "status")
    assert missing.returncode == 2
    assert "no está" in missing.stderr
