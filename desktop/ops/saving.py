"""Saving a submission: one local transaction, so a crash leaves all of it or none of it.

Before the transaction (on the caller's thread, so the store thread is never busy reading a scan): the
attachments are read, hashed, described in the answers, the answers validated with the shared rules,
and each attachment sealed to the institution and written, fsynced, into ``blobs/incoming``.

In the transaction (``BEGIN IMMEDIATE`` on the store thread): the next tracking serial and
``device_seq``, the tracking code, the payload sealed and the envelope signed, the receipt, the row for
the list and its search entry, the attachments' rows, the outbox entry, the audit entry, and the draft
deleted. After the commit the blobs move to their final place; if the transaction fails they are
deleted (and if the process dies, the next open finishes either way: see :mod:`desktop.store.blobs`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from desktop.ops.api import AttachmentInput, NewSubmission, ReceiptData
from desktop.ops.applicant import applicant_of
from desktop.ops.receipts import DEFAULT_OFFICE, build_receipt, receipt_to_json
from desktop.store import audit, drafts, outbox, settings
from desktop.store.blobs import BlobStore
from desktop.store.identity import load_identity
from desktop.store.sqlcipher import Database, translate
from desktop.store.submissions import NewRow, insert_submission, next_counter
from shared import errors
from shared.crypto import canonical_json, sha256_hex
from shared.errors import TamboError
from shared.forms import ServiceDefinition, validate_answers
from shared.ids import new_ulid
from shared.submission import AttachmentMeta, SubmissionPayload, seal_attachment, seal_submission
from shared.tracking import make_tracking_code

TRACKING_SERIAL = "tracking_serial"
DEVICE_SEQ = "device_seq"
PAYMENT_RECEIPT_FIELD = "recibo_pago"
PAGES_PATH = "folios"


@dataclass(frozen=True)
class _File:
    input: AttachmentInput
    data: bytes
    sha256: str

    def describe(self) -> dict[str, Any]:
        return {
            "sha256": self.sha256,
            "size": len(self.data),
            "media_type": self.input.media_type,
            "name": self.input.name,
        }


@dataclass(frozen=True)
class SavedSubmission:
    """What the transaction produced, for the caller to return without reading it back."""

    row: NewRow
    receipt: ReceiptData
    answers: dict[str, Any]


def invalid(problems: list[dict[str, Any]]) -> TamboError:
    """SUBMISSION_INVALID_ANSWERS with every problem ({path, code, message}) in ``details``."""
    return TamboError(
        errors.SUBMISSION_INVALID_ANSWERS, params={"count": len(problems)}, details={"errors": problems}
    )


def _read(item: AttachmentInput) -> _File:
    try:
        data = item.path.read_bytes()
    except OSError as exc:
        raise TamboError(
            errors.INPUT_FILE_UNREADABLE, params={"name": item.name, "problem": exc.strerror or str(exc)}
        ) from None
    return _File(item, data, sha256_hex(data))


def answers_with_files(service: ServiceDefinition, new: NewSubmission, files: list[_File]) -> dict[str, Any]:
    """The answers with each attachment field described from the files actually attached.

    The files are the truth: a scan changed since it was attached is described as it is now. A field
    that lists files nobody attached is an error (there would be nothing to seal).
    """
    answers = dict(new.answers)
    by_field: dict[str, list[dict[str, Any]]] = {}
    for item in files:
        by_field.setdefault(item.input.field, []).append(item.describe())
    for name, value in list(answers.items()):
        field = service.form.fields_by_name.get(name)
        if field is not None and field.type == "attachment" and value and name not in by_field:
            raise TamboError(errors.ATTACHMENT_NOT_PROVIDED, params={"field": name})
    answers.update(by_field)
    return answers


def check_pages(service: ServiceDefinition, new: NewSubmission) -> list[dict[str, Any]]:
    """At the counter the folios are part of the reception act (they go on the receipt)."""
    if new.pages is not None and new.pages < 0:
        return [
            {"path": PAGES_PATH, "code": errors.FIELD_OUT_OF_RANGE, "message": "Folios: número inválido."}
        ]
    if service.form.pages_field and new.channel == "counter" and not new.pages:
        return [
            {
                "path": PAGES_PATH,
                "code": errors.FIELD_REQUIRED,
                "message": "Indique cuántos folios (páginas) entrega.",
            }
        ]
    return []


def prepare(
    service: ServiceDefinition, new: NewSubmission, filed_at: datetime, tz: str
) -> tuple[dict[str, Any], list[_File]]:
    """Read the files and validate everything; the cleaned answers, or SUBMISSION_INVALID_ANSWERS."""
    files = [_read(item) for item in new.attachments]
    answers = answers_with_files(service, new, files)
    local = filed_at.astimezone(ZoneInfo(tz))
    result = validate_answers(service.form, answers, today=local.date(), now=local)
    problems = [error.to_dict() for error in result.errors] + check_pages(service, new)
    if problems:
        raise invalid(problems)
    return result.cleaned, files


def seal_files(
    files: list[_File], submission_id: str, institution_public: Any, blobs: BlobStore
) -> tuple[AttachmentMeta, ...]:
    """Seal each file to the institution and write it durably into ``incoming``."""
    metas: list[AttachmentMeta] = []
    try:
        for item in files:
            plain_sha, sealed = seal_attachment(item.data, submission_id, institution_public)
            sealed_sha = blobs.write_incoming(sealed)
            metas.append(
                AttachmentMeta(
                    item.input.field,
                    plain_sha,
                    len(item.data),
                    item.input.media_type,
                    item.input.name,
                    sealed_sha,
                    len(sealed),
                )
            )
        if metas:
            blobs.sync_incoming()
    except OSError as exc:
        blobs.discard(meta.sealed_sha256 for meta in metas)
        raise translate(exc) from exc
    return tuple(metas)


def save_transaction(
    service: ServiceDefinition,
    new: NewSubmission,
    submission_id: str,
    filed_at: datetime,
    answers: dict[str, Any],
    metas: tuple[AttachmentMeta, ...],
) -> Callable[[Database], SavedSubmission]:
    """The body of the save transaction (runs on the store thread inside BEGIN IMMEDIATE)."""

    def run(db: Database) -> SavedSubmission:
        identity = load_identity(db).require_provisioned()
        assert identity.device_prefix is not None
        assert identity.institution_public is not None
        serial = next_counter(db, TRACKING_SERIAL)
        device_seq = next_counter(db, DEVICE_SEQ)
        code = make_tracking_code(identity.device_prefix, serial)
        payload = SubmissionPayload(
            submission_id=submission_id,
            service_id=service.id,
            form_version=service.form.version,
            tracking_code=code,
            filed_at=filed_at,
            answers=answers,
            attachments=metas,
            pages=new.pages,
            channel=new.channel,
            received_by=new.received_by,
            observations=new.observations,
        )
        sealed = seal_submission(
            payload,
            institution_id=identity.institution_id or "",
            institution_public=identity.institution_public,
            device_key=identity.device_key,
            device_seq=device_seq,
        )
        envelope = sealed.envelope
        calendar = settings.calendar(db)
        applicant = applicant_of(service.form, answers)
        office = settings.get_setting(db, settings.OFFICE) or identity.device_name or DEFAULT_OFFICE
        received_by = new.received_by or (f"Quiosco {identity.device_name or identity.device_id}")
        receipt = build_receipt(
            institution_name=identity.institution_name or "",
            office=office,
            tracking_code=code,
            filed_at=filed_at,
            service=service,
            calendar=calendar,
            applicant=applicant,
            pages=new.pages,
            attachment_names=tuple(meta.name for meta in metas),
            payment_receipt=str(answers[PAYMENT_RECEIPT_FIELD])
            if answers.get(PAYMENT_RECEIPT_FIELD)
            else None,
            observations=new.observations,
            received_by=received_by,
            notice=settings.get_setting(db, settings.DATA_PROTECTION_NOTICE),
            payload_sha256=envelope.payload_sha256,
        )
        row = NewRow(
            id=submission_id,
            tracking_code=code,
            tracking_serial=serial,
            device_seq=device_seq,
            service_id=service.id,
            form_version=service.form.version,
            service_title=receipt.service_title,
            applicant_name=applicant.name,
            applicant_id=applicant.id_number,
            filed_at=filed_at.isoformat(),
            due_date=receipt.due_date.isoformat() if receipt.due_date else None,
            channel=new.channel,
            answers=canonical_json(answers).decode("utf-8"),
            receipt=json.dumps(receipt_to_json(receipt), ensure_ascii=False),
            envelope=envelope.model_dump_json(),
            payload_sha256=envelope.payload_sha256,
            attachments=metas,
        )
        insert_submission(db, row)
        outbox.enqueue(db, submission_id)
        audit.append(
            db,
            "submission.saved",
            submission_id,
            {
                "tracking_code": code,
                "device_seq": device_seq,
                "payload_sha256": envelope.payload_sha256,
                "attachments": [meta.sealed_sha256 for meta in metas],
            },
        )
        if new.draft_id:
            drafts.delete(db, new.draft_id)
        return SavedSubmission(row, receipt, answers)

    return run


def save_submission(
    service: ServiceDefinition,
    new: NewSubmission,
    *,
    institution_public: Any,
    tz: str,
    blobs: BlobStore,
    write: Callable[[Callable[[Database], SavedSubmission]], SavedSubmission],
    filed_at: datetime | None = None,
) -> SavedSubmission:
    """Validate, seal, and save in one transaction (``write`` runs it on the store thread)."""
    submission_id = new_ulid()
    filed_at = filed_at or datetime.now(UTC)
    answers, files = prepare(service, new, filed_at, tz)
    metas: tuple[AttachmentMeta, ...] = ()
    try:
        metas = seal_files(files, submission_id, institution_public, blobs)
        saved = write(save_transaction(service, new, submission_id, filed_at, answers, metas))
    except BaseException:
        blobs.discard(meta.sealed_sha256 for meta in metas)
        raise
    blobs.promote(meta.sealed_sha256 for meta in metas)
    return saved
