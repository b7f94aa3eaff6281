"""Server settings: defaults, then a TOML file, then environment variables (highest priority).

Nothing is read at import time; ``Settings.load()`` is called by the CLI or by tests, which pass their
own values. Every setting is documented in docs/configuration.md (a test checks that).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

ENV_PREFIX = "TAMBO_"
MIB = 1024 * 1024


@dataclass(frozen=True)
class Settings:
    """Everything the server can be told."""

    home: Path = field(default_factory=lambda: Path.cwd() / ".tambo" / "server")
    database_url: str | None = None
    #: the address devices use to reach this server, written into enrollment tickets
    public_url: str = "http://127.0.0.1:8765"
    #: base64url of 32 random bytes; when unset, ``$home/master.key`` (made by ``init``) is used
    master_key: str | None = None
    max_request_bytes: int = 16 * MIB
    max_attachment_bytes: int = 64 * MIB
    #: largest sync bundle a relay or the console may upload (streamed to disk, checked, then applied)
    max_bundle_bytes: int = 512 * MIB
    enrollment_code_days: int = 30
    clock_skew_seconds: int = 300
    database_pool_size: int = 10
    #: seconds a request waits for SQLite's write lock before the device is told to retry (503)
    database_busy_seconds: int = 10
    #: the console logs a user out after this many minutes without a request
    console_idle_minutes: int = 60
    #: failed console logins in a row (per institution and user name) that lock the login
    console_lockout_failures: int = 5
    #: how long such a lock lasts
    console_lockout_minutes: int = 15
    #: failed console logins from one client address (whatever the user names) within
    #: ``console_address_minutes`` after which that address is refused until enough of them age out
    console_address_failures: int = 20
    #: the window of that per-address count
    console_address_minutes: int = 15
    #: reverse proxies in front of the server that append to ``X-Forwarded-For`` (nginx: 1); 0 takes the
    #: client address from the connection (the header would be the client's own word)
    trusted_proxies: int = 0
    #: when set, ``/metrics`` answers only ``Authorization: Bearer <this>`` (a scraper not on the
    #: machine, or a server without nginx in front); empty: open, for a scraper on 127.0.0.1
    metrics_token: str = ""

    @property
    def effective_database_url(self) -> str:
        """``TAMBO_DATABASE_URL`` when set, else the embedded SQLite file inside the data directory."""
        return self.database_url or f"sqlite:///{self.home / 'tambo.sqlite3'}"

    @property
    def master_key_file(self) -> Path:
        return self.home / "master.key"

    @property
    def attachments_dir(self) -> Path:
        return self.home / "attachments"

    @classmethod
    def load(cls, environ: dict[str, str] | None = None, config_file: Path | None = None) -> Settings:
        environ = dict(os.environ if environ is None else environ)
        values: dict[str, Any] = {}
        home = Path(environ.get("TAMBO_SERVER_HOME", str(cls().home)))
        config_file = config_file or Path(environ.get("TAMBO_SERVER_CONFIG", str(home / "server.toml")))
        if config_file.is_file():
            values.update(tomllib.loads(config_file.read_text(encoding="utf-8")))
        values["home"] = home
        for f in fields(cls):
            if f.name == "home":
                continue  # TAMBO_SERVER_HOME, read above; TAMBO_HOME is the desktop's data directory
            env_name = ENV_PREFIX + f.name.upper()
            if env_name in environ:
                values[f.name] = environ[env_name]
        return cls().with_values(values)

    def with_values(self, values: dict[str, Any]) -> Settings:
        known = {f.name: f for f in fields(self)}
        converted: dict[str, Any] = {}
        for name, value in values.items():
            if name not in known:
                raise ValueError(f"ajuste desconocido: {name}")
            default = getattr(self, name)
            if isinstance(default, int) and not isinstance(default, bool):
                value = int(value)
            elif name == "home" and value is not None:
                value = Path(value)
            converted[name] = value
        return replace(self, **converted)
