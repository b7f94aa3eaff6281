"""The officials' console (web). Registered at ``/web``; built by the console's engineer.

It calls the same storage functions as the device API (``sync_server.storage.workflow``:
``change_status``, ``add_message``, ``attach_document`` through ``sync_server.ops.documents``), so every
change reaches the capturing device through the change log.
"""

from __future__ import annotations

from flask import Blueprint

blueprint = Blueprint("web", __name__)
