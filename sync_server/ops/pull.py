"""Pull: the changes for a device since its cursor, in bounded pages.

The cursor is opaque to devices (``c1.<seq>``): a device stores it and sends it back after it has
committed the page. Sequence numbers follow commit order within an institution (see
:mod:`sync_server.storage.journal`), so a reader can never pass over a change that commits later.
A new device's first pull (no cursor) starts at the beginning of its institution's log, which holds
the institution key and every catalog version ever published, so it always receives the current
catalog; status changes, messages and documents are only those of its own submissions.
"""

from __future__ import annotations

import json
import re

from shared import errors
from shared.errors import TamboError
from shared.protocol import PROTOCOL_VERSION, PullRequest
from sync_server.context import Server
from sync_server.ops.auth import AuthContext
from sync_server.storage.journal import flush_pending, has_pending, read_changes

CURSOR_PATTERN = re.compile(r"^c1\.(0|[1-9][0-9]{0,18})$")


def encode_cursor(seq: int) -> str:
    return f"c1.{seq}"


def decode_cursor(cursor: str | None) -> int:
    if cursor is None:
        return 0
    match = CURSOR_PATTERN.match(cursor)
    if match is None:
        raise TamboError(
            errors.PROTOCOL_INVALID,
            params={"path": "$.cursor", "problem": "not a cursor given by this server"},
        )
    return int(match.group(1))


def pull(server: Server, auth: AuthContext, request: PullRequest) -> dict[str, object]:
    """One page as a JSON-ready dict (the stored change bodies are passed through, not re-validated)."""
    after = decode_cursor(request.cursor)
    institution_id = auth.institution.id
    with server.db.read() as conn:
        pending = has_pending(conn, institution_id)
    if pending:  # committed by a push whose own flush has not run yet (or never will: a crash)
        with server.db.write() as conn:
            flush_pending(conn, institution_id)
    with server.db.read() as conn:
        rows = read_changes(conn, institution_id, auth.device_id, after, request.limit + 1)
    has_more = len(rows) > request.limit
    rows = rows[: request.limit]
    return {
        "v": PROTOCOL_VERSION,
        "changes": [json.loads(row.body) for row in rows],
        "cursor": encode_cursor(rows[-1].seq if rows else after),
        "has_more": has_more,
    }
