"""What a citizen reads about a service, in the interface language: fee, deadline, calificación, dates.

The definitions' own ``describe()`` methods speak Spanish and English; the kiosk also speaks Quechua,
so it words these from the structured values (kind, amount, days) through Qt's translations instead.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication

from shared.forms import Calificacion, Deadline, Fee


def fee_text(fee: Fee) -> str:
    if fee.kind == "free":
        return QCoreApplication.translate("ServiceText", "Gratuito")
    if fee.kind == "reproduction_cost":
        return QCoreApplication.translate("ServiceText", "Solo el costo de las copias")
    if fee.kind == "range":
        return QCoreApplication.translate("ServiceText", "Entre S/ {0} y S/ {1}").format(
            f"{fee.min:.2f}", f"{fee.max:.2f}"
        )
    amount = fee.amount_in_soles()
    return f"S/ {amount:.2f}" if amount is not None else fee.describe()


def deadline_text(deadline: Deadline) -> str:
    if deadline.kind == "business_days":
        return QCoreApplication.translate("ServiceText", "{0} días hábiles").format(deadline.business_days)
    if deadline.kind == "same_day":
        return QCoreApplication.translate("ServiceText", "Se envía a la oficina el mismo día")
    if deadline.kind == "before_event":
        return QCoreApplication.translate("ServiceText", "Presentar {0} días antes").format(
            deadline.calendar_days
        )
    return QCoreApplication.translate("ServiceText", "Sin plazo")


def calificacion_text(calificacion: Calificacion) -> str:
    if calificacion.kind == "automatic":
        return QCoreApplication.translate("ServiceText", "Aprobación automática")
    if calificacion.kind == "prior_evaluation":
        if calificacion.silence == "positive":
            return QCoreApplication.translate(
                "ServiceText", "Evaluación previa; si no le responden a tiempo, se considera aprobado"
            )
        return QCoreApplication.translate(
            "ServiceText", "Evaluación previa; si no le responden a tiempo, se considera denegado"
        )
    return QCoreApplication.translate("ServiceText", "No aplica")


def date_text(value: date | None) -> str:
    if value is None:
        return "—"
    return value.strftime("%d/%m/%Y")


def datetime_text(value: datetime | None) -> str:
    """dd/mm/aaaa hh:mm in the zone the backend gave (the institution's, as on the receipt); times
    kept in UTC by the store (the last sync) are shown on the kiosk's own clock instead."""
    if value is None:
        return "—"
    offset = value.utcoffset()
    local = value.astimezone() if offset is not None and not offset else value
    return local.strftime("%d/%m/%Y %H:%M")
