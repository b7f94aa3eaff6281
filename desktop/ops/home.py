"""Where the desktop keeps its data: ``TAMBO_HOME``, else the platform's per-user data folder.

One function for the window and the headless commands (so both open the same store), read when a
command runs, never at import time.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def data_home() -> Path:
    configured = os.environ.get("TAMBO_HOME")
    if configured:
        return Path(configured).expanduser()
    return platformdirs.user_data_path("Tambo", "Tambo")
