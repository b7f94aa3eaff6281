"""The first admin, as an operator makes it: ``tambo-server user add`` on a fresh server, then the login
page of the server started with ``tambo-server run`` (waitress, a separate process)."""

from __future__ import annotations

import re
from pathlib import Path

import requests

from tests.sync_server.processes import ServerProcess


def test_tambo_server_user_add_makes_the_first_admin(tmp_path: Path) -> None:
    process = ServerProcess(tmp_path / "home")
    added = process.run_cli(
        "user",
        "add",
        "--institution",
        "muni-ilave",
        "--login",
        "jefa",
        "--role",
        "admin",
        "--password-stdin",
        stdin="una-clave-larga\n",
    )
    assert added.returncode == 0, added.stderr
    with process:
        session = requests.Session()
        page = session.get(f"{process.url}/web/login", timeout=30)
        assert page.status_code == 200
        assert "Municipalidad Distrital de Ilave" in page.text  # the only institution: no need to type it
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        response = session.post(
            f"{process.url}/web/login",
            data={
                "institution": "muni-ilave",
                "login": "jefa",
                "password": "una-clave-larga",
                "csrf_token": token,
            },
            timeout=30,
        )
        assert response.status_code == 200
        assert response.url.endswith("/web/inbox")
        assert "Usuarios" in response.text  # an admin's menu
