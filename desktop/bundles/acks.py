"""``tambo bundle ack PATH``: the server's acknowledgement of a bundle, applied like a direct sync.

The file is opened with the device's own acknowledgement key and the institution's public key
(:func:`shared.protocol.bundle_acks.open_ack`): one that was altered, cut, made for another device or
not made by the institution's server is refused whole, and nothing is applied. Otherwise, in ONE
local transaction:

1. each item's result becomes the ack a direct push would have recorded (the same mapping,
   :meth:`desktop.sync.push.Pusher._ack`): ``accepted``/``duplicate`` leave the outbox, ``rejected``
   stays visible with the server's reason, ``need_attachments`` stays pending for the next sync;
2. the changes it carries (statuses, messages, documents, catalog, settings) are stored like a pulled
   page (:func:`desktop.store.pulled.apply_change`: each has a natural key, so applying the same
   acknowledgement twice, or one whose changes also came by a direct pull, changes nothing);
3. the pull cursor moves to the acknowledgement's, but only if it is still where it was when the
   bundle was written; if the device synced directly since, its own cursor is newer and stays.

An acknowledgement older than one already applied is therefore harmless: nothing goes backwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from desktop.bundles.files import read_input_file
from desktop.store import Store, audit, pulled, settings, syncing
from desktop.store.identity import load_identity
from desktop.store.sqlcipher import Database
from desktop.store.syncing import Ack
from desktop.sync.progress import SyncReport
from desktop.sync.push import Pusher
from shared.errors import TamboError
from shared.protocol import decode_changes
from shared.protocol.bundle_acks import ACK_SUFFIX, AckBody, AckHeader, open_ack, read_ack_header


@dataclass(frozen=True)
class AckResult:
    bundle_id: str
    sent: int  # left the outbox now (accepted or duplicate)
    already_sent: int  # were acknowledged before (a direct sync, another acknowledgement)
    rejected: int
    waiting: int  # still pending (attachments missing on the server)
    changes_applied: int
    cursor_moved: bool
    has_more: bool
    report: SyncReport


def apply_ack_file(store: Store, path: Path) -> AckResult:
    return apply_ack(store, read_input_file(path), path.name)


@dataclass(frozen=True)
class FolderOutcome:
    applied: list[tuple[str, AckResult]]
    others: int  # acknowledgements for other sites on the same stick, left alone
    failed: list[tuple[str, TamboError]]


def apply_ack_folder(store: Store, folder: Path) -> FolderOutcome:
    """Apply, oldest first, every acknowledgement in ``folder`` that is for this device (one stick may
    carry those of every site on the coordinator's round); a bad one does not stop the others."""
    device_id = store.read(load_identity).device_id
    found: list[tuple[datetime, str, bytes]] = []
    others = 0
    failed: list[tuple[str, TamboError]] = []
    for path in sorted(folder.glob(f"*{ACK_SUFFIX}")):
        try:
            data = read_input_file(path)
            header = read_ack_header(data, path.name)
        except TamboError as exc:
            failed.append((path.name, exc))
            continue
        if header.device_id != device_id:
            others += 1
            continue
        found.append((header.created_at, path.name, data))
    applied: list[tuple[str, AckResult]] = []
    for _created, name, data in sorted(found, key=lambda item: item[0]):
        try:
            applied.append((name, apply_ack(store, data, name)))
        except TamboError as exc:
            failed.append((name, exc))
    return FolderOutcome(applied, others, failed)


def apply_ack(store: Store, data: bytes, name: str) -> AckResult:
    identity = store.read(load_identity).require_provisioned()
    assert identity.institution_public is not None
    header, body = open_ack(data, name, identity.device_key, identity.device_id, identity.institution_public)
    changes = decode_changes(body.changes)
    report = SyncReport(started_at=datetime.now(UTC))
    pusher = Pusher(store, client=None, report=report)  # type: ignore[arg-type]  # only its ack mapping

    def apply(db: Database) -> AckResult:
        states = dict(db.execute("SELECT submission_id, state FROM outbox"))
        items = {item.submission_id: item for item in syncing.items_by_id(db, [r.id for r in body.results])}
        acks: list[Ack] = []
        already = 0
        for result in body.results:
            item = items.get(result.id)
            if item is None:
                continue  # not a submission of this device (the server named it, the bundle had it)
            ack = pusher._ack(item, result)
            already += int(ack.kind == "sent" and states.get(result.id) == "sent")
            acks.append(ack)
        syncing.apply_acks(db, acks)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        applied = sum(1 for change in changes if pulled.apply_change(db, change, now))
        cursor_moved = _move_cursor(db, body)
        audit.append(
            db, "bundle.ack_applied", header.bundle_id, _audit_data(header, acks, applied, cursor_moved)
        )
        return AckResult(
            header.bundle_id,
            sent=sum(1 for a in acks if a.kind == "sent") - already,
            already_sent=already,
            rejected=sum(1 for a in acks if a.kind == "rejected"),
            waiting=sum(1 for a in acks if a.kind == "retry"),
            changes_applied=applied,
            cursor_moved=cursor_moved,
            has_more=body.has_more,
            report=report,
        )

    return store.write(apply)


def _move_cursor(db: Database, body: AckBody) -> bool:
    if body.cursor is None or settings.get_state(db, settings.PULL_CURSOR) != body.from_cursor:
        return False
    settings.set_state(db, settings.PULL_CURSOR, body.cursor)
    return True


def _audit_data(header: AckHeader, acks: list[Ack], applied: int, cursor_moved: bool) -> dict[str, object]:
    return {
        "created_at": header.created_at.isoformat(),
        "results": len(acks),
        "sent": sum(1 for a in acks if a.kind == "sent"),
        "rejected": sum(1 for a in acks if a.kind == "rejected"),
        "changes_applied": applied,
        "cursor_moved": cursor_moved,
    }
