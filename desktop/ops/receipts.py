"""The receipt (cargo de recepción) of a submission, computed once, at save, with the shared rules.

Everything on it follows the domain notes ("What the receipt shows"): the official filing date with the
cutoff and holidays, the due date in días hábiles, the fee, the calificación, the observations with the
2-día-hábil warning, the Ley 29733 notice, the pending-sync flag and an integrity code. It is stored
with the submission as it was printed, so a reprint months later shows the same dates even if the
holiday calendar or the notice changed since; only the sync flag is read afresh.

The integrity code is the first 12 hex digits of the envelope's ``payload_sha256`` (the hash of the
sealed payload, which the device signed and the server stores), so an official can match a paper
receipt to its record.
"""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from desktop.ops.api import ReceiptData
from desktop.ops.applicant import Applicant
from shared.business_days import OBSERVATION_BUSINESS_DAYS, BusinessCalendar
from shared.forms import ServiceDefinition
from shared.i18n import pick

INTEGRITY_DIGITS = 12
DEFAULT_OFFICE = "Mesa de partes"


def default_notice(institution_name: str) -> str:
    """The data-protection notice (Ley 29733; reglamento D.S. 016-2024-JUS), unless the server sets one."""
    return (
        f"Sus datos personales son tratados por {institution_name or 'la institución'} solo para atender "
        "esta solicitud y se guardan en su banco de datos de administrados, con medidas de seguridad "
        "(Ley 29733 y su reglamento, D.S. 016-2024-JUS). Puede ejercer sus derechos de acceso, "
        "rectificación, cancelación y oposición (ARCO) en mesa de partes."
    )


def integrity_code(payload_sha256: str) -> str:
    """``3F9A-C2D1-7B04``: a short, readable form of the sealed payload's hash."""
    digits = payload_sha256[:INTEGRITY_DIGITS].upper()
    return "-".join(digits[i : i + 4] for i in range(0, INTEGRITY_DIGITS, 4))


def plazo_text(service: ServiceDefinition) -> str:
    text = service.deadline.describe()
    if service.deadline.notice_business_days:
        text += (
            f" (si necesita más tiempo, la entidad se lo comunicará dentro de "
            f"{service.deadline.notice_business_days} días hábiles)"
        )
    return text


def due_date(
    service: ServiceDefinition, calendar: BusinessCalendar, filed_at: datetime, observed: bool
) -> date | None:
    """The last day to answer (TUO Ley 27444, arts. 144-145), or None when the procedure has no plazo.

    An observed filing (missing requirements) has its term suspended while the citizen completes them,
    at most 2 días hábiles (art. 136); the receipt shows the latest the due date can then be.
    """
    deadline = service.deadline
    if deadline.kind == "business_days" and deadline.business_days is not None:
        suspended = OBSERVATION_BUSINESS_DAYS if observed else 0
        return calendar.due_date(filed_at, deadline.business_days, suspended)
    if deadline.kind == "same_day":
        return calendar.official_filing_date(filed_at)
    return None


def observations_text(observations: str, calendar: BusinessCalendar, official: date) -> str:
    """The clerk's observations plus the 2-día-hábil warning with its date, or "" when there are none."""
    observations = observations.strip()
    if not observations:
        return ""
    until = calendar.observation_deadline(official).strftime("%d/%m/%Y")
    return (
        f"{observations}\nTiene {OBSERVATION_BUSINESS_DAYS} días hábiles (hasta el {until}) para completar "
        "lo observado; mientras tanto, el plazo queda suspendido. Si no lo completa, la solicitud se tendrá "
        "por no presentada (Ley 27444, art. 136)."
    )


def build_receipt(
    *,
    institution_name: str,
    office: str,
    tracking_code: str,
    filed_at: datetime,
    service: ServiceDefinition,
    calendar: BusinessCalendar,
    applicant: Applicant,
    pages: int | None,
    attachment_names: tuple[str, ...],
    payment_receipt: str | None,
    observations: str,
    received_by: str,
    notice: str | None,
    payload_sha256: str,
) -> ReceiptData:
    local = filed_at.astimezone(ZoneInfo(calendar.tz))
    official = calendar.official_filing_date(filed_at)
    observed = bool(observations.strip())
    return ReceiptData(
        institution_name=institution_name,
        office=office or DEFAULT_OFFICE,
        tracking_code=tracking_code,
        filed_at=local,
        official_date=official,
        service_title=pick(service.title),
        tupa_code=service.tupa_code,
        calificacion=service.calificacion.describe(),
        plazo=plazo_text(service),
        due_date=due_date(service, calendar, filed_at, observed),
        applicant_name=applicant.name,
        applicant_id_type=applicant.id_type,
        applicant_id_number=applicant.id_number,
        applicant_contact=applicant.contact,
        pages=pages,
        attachments=attachment_names,
        fee=service.fee.describe(),
        payment_receipt=payment_receipt,
        observations=observations_text(observations, calendar, official),
        received_by=received_by,
        data_protection_notice=notice or default_notice(institution_name),
        pending_sync=True,
        integrity_code=integrity_code(payload_sha256),
    )


def receipt_to_json(receipt: ReceiptData) -> dict[str, Any]:
    data = asdict(receipt)
    data["filed_at"] = receipt.filed_at.isoformat()
    data["official_date"] = receipt.official_date.isoformat()
    data["due_date"] = receipt.due_date.isoformat() if receipt.due_date else None
    data["attachments"] = list(receipt.attachments)
    return data


def receipt_from_json(data: dict[str, Any], pending_sync: bool) -> ReceiptData:
    receipt = ReceiptData(
        **{
            **data,
            "filed_at": datetime.fromisoformat(data["filed_at"]),
            "official_date": date.fromisoformat(data["official_date"]),
            "due_date": date.fromisoformat(data["due_date"]) if data.get("due_date") else None,
            "attachments": tuple(data.get("attachments") or ()),
        }
    )
    return replace(receipt, pending_sync=pending_sync)
