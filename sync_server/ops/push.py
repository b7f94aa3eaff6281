"""Push: a device sends a batch of signed, sealed envelopes; the server answers each one.

Every item is checked before anything is written: the envelope's institution and device, the tracking
prefix, the device's signature, the form version, the sealed payload (opened with the institution
key), the answers (``validate_answers`` as of the filing date, the same code the device ran) and the
attachments (uploaded completely, and within the form's type and size limits). An item that fails is
answered ``rejected`` with a stable code, or ``need_attachments`` with the hashes still to upload;
nothing of it is stored.

The items that pass are stored together, in one transaction for the batch, as a few multi-row
statements (:func:`sync_server.storage.ingest.store_received`): each submission row with its
attachments and first status, the change telling its device "received, due on ...", and the audit
entry. An item is still all or nothing and decided on its own (its checks ran before anything was
written, and a stored id is skipped by the database, not half-written); what the batch shares is the
commit, and the answer is sent only after that commit is on disk. A crash before the commit keeps
none of the batch and sends no answer: the device retries it, and gets ``accepted`` for each item.
Committing each item on its own would cost a disk flush per submission (about 3 ms on the
development disk, ~280/s for a device however fast the rest) for no gain in safety: no answer leaves
before the last commit either way. Measured in docs/PERFORMANCE.md.

The change and audit entries are written as *pending* rows without the institution's journal lock, and
one short transaction at the end of the push puts them in commit order (see
:mod:`sync_server.storage.journal`), so that concurrent pushes of many devices do not queue on the lock
while they commit.

Idempotency rests on the unique submission id: a stored id with the same envelope hash is a
``duplicate`` (with the original seq), with another hash a ``conflict``, never an overwrite.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import Connection

from shared import errors, statuses
from shared.crypto import CryptoError, canonical_json, ed25519_public_from_text, sha256_hex
from shared.errors import TamboError
from shared.forms import ServiceDefinition, validate_answers
from shared.protocol import Envelope, ItemResult, PushRequest, PushResponse, StatusChange
from shared.submission import SubmissionPayload, open_submission, verify_envelope
from shared.tracking import TrackingCodeError, parse_tracking_code
from sync_server.context import Server
from sync_server.ops.auth import AuthContext
from sync_server.storage.audit import AuditRecord
from sync_server.storage.devices import REVOKED, Device, device_by_device_id, record_device_report
from sync_server.storage.ingest import Received, store_received
from sync_server.storage.journal import ChangeRecord, flush_pending
from sync_server.storage.submissions import StoredIdentity, stored_identities
from sync_server.storage.uploads import complete_uploads


def envelope_text(envelope: Envelope) -> bytes:
    """The envelope as stored (verbatim, for audit): canonical JSON without the members that are None."""
    return canonical_json(envelope.model_dump(mode="json", exclude_none=True))


def envelope_digest(envelope: Envelope) -> str:
    """The hash that tells "the same submission again" from "another one with the same id"."""
    return sha256_hex(envelope_text(envelope))


class _Refused(Exception):
    def __init__(self, result: ItemResult) -> None:
        super().__init__(result.code)
        self.result = result


def _rejected(envelope: Envelope, code: str, details: dict[str, Any] | None = None) -> _Refused:
    return _Refused(ItemResult(id=envelope.id, status="rejected", code=code, details=details or None))


@dataclass(frozen=True)
class _Ready:
    """An item that passed every check: what to insert and what to announce."""

    index: int
    envelope: Envelope
    row: dict[str, Any]
    attachments: list[dict[str, Any]]
    change: StatusChange
    audit: AuditRecord

    @property
    def change_record(self) -> ChangeRecord:
        """The "received" change, for the device that captured the submission."""
        return ChangeRecord(self.envelope.device_id, self.change)


def push(
    server: Server, auth: AuthContext, request: PushRequest, now: datetime | None = None
) -> PushResponse:
    now = now or datetime.now(UTC)
    results: list[ItemResult | None] = [None] * len(request.items)
    ready: list[_Ready] = []
    with server.db.read() as conn:
        known = stored_identities(conn, [item.id for item in request.items])
        checker = _Checker(server, conn, auth, now)
        for index, envelope in enumerate(request.items):
            text = envelope_text(envelope)
            digest = sha256_hex(text)
            try:
                if envelope.institution_id != auth.institution.id:
                    raise _rejected(envelope, errors.SUBMISSION_WRONG_INSTITUTION)
                stored = known.get(envelope.id)
                if stored is not None:
                    results[index] = _repeat(envelope, stored, digest, auth)
                    continue
                ready.append(checker.check(index, envelope, digest, text))
            except _Refused as refused:
                results[index] = refused.result
    with server.db.writer() as conn:
        if ready:
            with server.db.transaction(conn):
                _store(conn, auth, ready, results, now)
        with server.db.transaction(conn):
            record_device_report(conn, auth.device_id, now=now)
            if ready:
                flush_pending(conn, auth.institution.id)
    return PushResponse(results=[result for result in results if result is not None])


def _repeat(envelope: Envelope, stored: StoredIdentity, digest: str, auth: AuthContext) -> ItemResult:
    if stored.institution_id == auth.institution.id and stored.envelope_sha256 == digest:
        return ItemResult(id=envelope.id, status="duplicate", seq=stored.seq)
    return ItemResult(id=envelope.id, status="conflict", code=errors.SUBMISSION_CONFLICT)


def _store(
    conn: Connection,
    auth: AuthContext,
    ready: list[_Ready],
    results: list[ItemResult | None],
    now: datetime,
) -> None:
    """Store the checked items in the caller's transaction and answer each: ``accepted`` with its seq,
    or, when a concurrent push (or the same id earlier in this batch) stored it first, what it is."""
    inserted = store_received(
        conn,
        [Received(item.row, item.attachments, item.change_record, item.audit) for item in ready],
        actor=f"device:{auth.device_id}",
        at=now,
    )
    accepted: set[str] = set()
    others = stored_identities(conn, [item.envelope.id for item in ready if item.envelope.id not in inserted])
    for item in ready:
        envelope, digest = item.envelope, item.row["envelope_sha256"]
        mine = inserted.get(envelope.id)
        if mine is not None and mine.envelope_sha256 == digest and envelope.id not in accepted:
            accepted.add(envelope.id)
            results[item.index] = ItemResult(id=envelope.id, status="accepted", seq=mine.seq)
            continue
        stored = others.get(envelope.id)
        if mine is not None:  # the same id earlier in this batch was stored
            stored = StoredIdentity(mine.seq, auth.institution.id, mine.envelope_sha256)
        if stored is None:
            results[item.index] = ItemResult(
                id=envelope.id, status="rejected", code=errors.SUBMISSION_TRACKING_CODE_TAKEN
            )
        else:
            results[item.index] = _repeat(envelope, stored, digest, auth)


class _Checker:
    """The checks of one batch, with what they look up cached for the batch."""

    def __init__(self, server: Server, conn: Connection, auth: AuthContext, now: datetime) -> None:
        self.server = server
        self.conn = conn
        self.auth = auth
        self.now = now
        self.institution = auth.institution
        self.calendar = auth.institution.business_calendar()
        self._devices: dict[str, Device | None] = {}

    def _device(self, envelope: Envelope) -> Device:
        if envelope.device_id not in self._devices:
            self._devices[envelope.device_id] = device_by_device_id(self.conn, envelope.device_id)
        device = self._devices[envelope.device_id]
        if device is None or device.public_key is None:
            raise _rejected(envelope, errors.DEVICE_UNKNOWN)
        if device.institution_id != self.institution.id:
            raise _rejected(envelope, errors.SUBMISSION_WRONG_INSTITUTION)
        if device.status == REVOKED:
            raise _rejected(envelope, errors.DEVICE_REVOKED)
        return device

    def _institution_key(self) -> X25519PrivateKey:
        """The institution's private key. If the master key cannot open it, the fault is the server's
        (a wrong key configured or restored), not the submission's: the push fails with a 500 and the
        device retries later, rather than having valid filings set aside as rejected."""
        try:
            return self.server.keyring.private_key(self.institution.private_key_wrapped)
        except CryptoError:
            key_id = self.server.keyring.key_id
            raise TamboError(
                errors.SERVER_MASTER_KEY_WRONG, params={"key_id": key_id, "institution": self.institution.id}
            ) from None

    def check(self, index: int, envelope: Envelope, digest: str, text: bytes) -> _Ready:
        device = self._device(envelope)
        try:
            prefix = parse_tracking_code(envelope.tracking_code).device_prefix
        except TrackingCodeError as exc:
            raise _rejected(envelope, exc.code) from None
        if prefix != device.prefix:
            raise _rejected(
                envelope,
                errors.SUBMISSION_TRACKING_PREFIX,
                {"tracking_code": envelope.tracking_code, "prefix": device.prefix},
            )
        try:
            verify_envelope(envelope, ed25519_public_from_text(device.public_key))  # type: ignore[arg-type]
        except CryptoError as exc:
            raise _rejected(envelope, exc.code) from None
        service = self.server.forms.get(
            self.conn, self.institution.id, envelope.service_id, envelope.form_version
        )
        if service is None:
            raise _rejected(
                envelope,
                errors.SUBMISSION_UNKNOWN_SERVICE,
                {"service_id": envelope.service_id, "form_version": envelope.form_version},
            )
        private = self._institution_key()
        try:
            payload = open_submission(envelope, private)
        except CryptoError as exc:
            raise _rejected(envelope, exc.code) from None
        filed_local = payload.filed_at.astimezone(ZoneInfo(self.calendar.tz))
        validation = validate_answers(
            service.form, payload.answers, today=filed_local.date(), now=payload.filed_at
        )
        if not validation.ok:
            problems = [error.to_dict() for error in validation.errors]
            raise _rejected(envelope, errors.SUBMISSION_INVALID_ANSWERS, {"errors": problems})
        self._check_attachments(envelope, payload, service)
        return self._ready(index, envelope, digest, text, payload, service, validation.cleaned)

    def _check_attachments(
        self, envelope: Envelope, payload: SubmissionPayload, service: ServiceDefinition
    ) -> None:
        complete = complete_uploads(
            self.conn, self.institution.id, [ref.sha256 for ref in envelope.attachments]
        )
        missing = sorted({ref.sha256 for ref in envelope.attachments} - set(complete))
        if missing:
            raise _Refused(ItemResult(id=envelope.id, status="need_attachments", missing=missing))
        for ref in envelope.attachments:
            if complete[ref.sha256] != ref.size:
                raise _rejected(envelope, errors.ATTACHMENT_SIZE_MISMATCH, {"sha256": ref.sha256})
        per_field: dict[str, int] = {}
        for meta in payload.attachments:
            field = service.form.fields_by_name.get(meta.field)
            if field is None or field.type != "attachment":
                raise _rejected(envelope, errors.FIELD_UNKNOWN, {"name": meta.field})
            per_field[meta.field] = per_field.get(meta.field, 0) + 1
            if field.accept and meta.media_type not in field.accept:
                raise _rejected(
                    envelope,
                    errors.FIELD_ATTACHMENT_TYPE,
                    {"field": meta.field, "media_type": meta.media_type},
                )
            if field.max_size_mb is not None and meta.size > field.max_size_mb * 1024 * 1024:
                raise _rejected(
                    envelope, errors.FIELD_ATTACHMENT_TOO_LARGE, {"field": meta.field, "size": meta.size}
                )
            if per_field[meta.field] > field.max_files:
                raise _rejected(envelope, errors.FIELD_ATTACHMENT_COUNT, {"field": meta.field})

    def _due_date(self, service: ServiceDefinition, filed_at: datetime) -> date | None:
        deadline = service.deadline
        if deadline.kind == "business_days" and deadline.business_days is not None:
            return self.calendar.due_date(filed_at, deadline.business_days)
        if deadline.kind == "same_day":
            return self.calendar.official_filing_date(filed_at)
        return None

    def _ready(
        self,
        index: int,
        envelope: Envelope,
        digest: str,
        text: bytes,
        payload: SubmissionPayload,
        service: ServiceDefinition,
        answers: dict[str, Any],
    ) -> _Ready:
        due = self._due_date(service, payload.filed_at)
        row = {
            "id": envelope.id,
            "institution_id": self.institution.id,
            "device_id": envelope.device_id,
            "pushed_by": self.auth.device_id,
            "service_id": envelope.service_id,
            "form_version": envelope.form_version,
            "tracking_code": envelope.tracking_code,
            "created_at": envelope.created_at,
            "created_day": envelope.created_at.astimezone(UTC).date(),
            "device_seq": envelope.device_seq,
            "official_date": self.calendar.official_filing_date(payload.filed_at),
            "due_date": due,
            "received_at": self.now,
            "status": statuses.RECEIVED,
            "status_at": self.now,
            "unit_code": service.unit.code,
            "applicant_name": _applicant(service, answers, "name", 300),
            "applicant_id": _applicant(service, answers, "id_number", 32),
            "answers": answers,
            "details": {
                "pages": payload.pages,
                "channel": payload.channel,
                "received_by": payload.received_by,
                "observations": payload.observations,
                "attachments": [
                    {
                        "field": m.field,
                        "name": m.name,
                        "media_type": m.media_type,
                        "size": m.size,
                        "sha256": m.sha256,
                        "sealed_sha256": m.sealed_sha256,
                    }
                    for m in payload.attachments
                ],
                "extra": dict(payload.extra),
            },
            "envelope": text.decode("utf-8"),
            "envelope_sha256": digest,
        }
        fields_of = {m.sealed_sha256: m.field for m in payload.attachments}
        attachments = [
            {
                "sha256": ref.sha256,
                "field": fields_of.get(ref.sha256, ""),
                "size": ref.size,
                "media_type": ref.media_type,
            }
            for ref in envelope.attachments
        ]
        change = StatusChange(
            submission_id=envelope.id,
            tracking_code=envelope.tracking_code,
            status=statuses.RECEIVED,
            at=self.now,
            due_date=due,
        )
        audit = AuditRecord(
            f"device:{self.auth.device_id}",
            "submission.receive",
            envelope.id,
            {
                "tracking_code": envelope.tracking_code,
                "form": f"{envelope.service_id}@{envelope.form_version}",
                "envelope_sha256": digest,
                "device_id": envelope.device_id,
            },
        )
        return _Ready(index, envelope, row, attachments, change, audit)


def _applicant(service: ServiceDefinition, answers: dict[str, Any], role: str, limit: int) -> str | None:
    """The applicant's name or id number for the console's search (from the fields marked with the role)."""
    values = [
        str(answers[f.name])
        for f in service.form.walk()
        if f.applicant == role and answers.get(f.name) not in (None, "")
    ]
    return " ".join(values)[:limit] or None
