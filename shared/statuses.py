"""The statuses a submission moves through, from filing to archive, and who may move it where.

One list for the server's workflow, the console, the devices' status lookup and the kiosk, so a
citizen reads at the kiosk the same word the official chose in the console. Codes are stable (they
travel in pull pages and are stored on devices); labels may be improved at any time.

The flow follows TUO Ley 27444: every filing is ``received``; missing requirements make it
``observed`` (the deadline is suspended and the citizen has 2 días hábiles to complete them); an
official reviews it, may assign or forward it to another unit, and it ends approved or rejected, then
``resolved`` (the final document is delivered) and eventually ``archived``. A filing whose
observations were not completed in time is ``not_submitted`` (art. 136.4: it counts as not filed).
"""

from __future__ import annotations

from dataclasses import dataclass

from shared.i18n import LocalizedText, pick


@dataclass(frozen=True, slots=True)
class Status:
    code: str
    label: LocalizedText
    #: what the citizen is told at the kiosk or over the counter, in plain words
    explanation: LocalizedText
    #: the legal deadline does not run while a submission sits in this status
    suspends_deadline: bool = False
    #: nothing more will happen to the submission (no due date is shown any more)
    final: bool = False


RECEIVED = "received"
OBSERVED = "observed"
IN_REVIEW = "in_review"
ASSIGNED = "assigned"
APPROVED = "approved"
REJECTED = "rejected"
RESOLVED = "resolved"
ARCHIVED = "archived"
NOT_SUBMITTED = "not_submitted"

_UNVERIFIED_QU = "qu"  # Quechua labels below have not been checked by a native speaker

STATUSES: dict[str, Status] = {
    s.code: s
    for s in (
        Status(
            RECEIVED,
            {"es": "Recibido", "en": "Received", "qu": "Chaskisqa"},
            {
                "es": "Su trámite llegó a la municipalidad y espera ser revisado.",
                "en": "Your request reached the municipality and is waiting to be reviewed.",
                "qu": "Mañakuyniykiqa municipalidadman chayamunñam, qhawarinankutam suyashan.",
            },
        ),
        Status(
            OBSERVED,
            {"es": "Observado", "en": "Observed (missing requirements)", "qu": "Qhawarisqa (pisisqan)"},
            {
                "es": "Falta completar requisitos. Tiene 2 días hábiles para presentarlos; "
                "mientras tanto el plazo está suspendido.",
                "en": "Some requirements are missing. You have 2 business days to bring them; "
                "meanwhile the deadline is suspended.",
                "qu": "Wakin mañakusqankuna pisinraqmi. Iskay llamk'ay p'unchawpi apamunayki.",
            },
            suspends_deadline=True,
        ),
        Status(
            IN_REVIEW,
            {"es": "En revisión", "en": "In review", "qu": "Qhawarisqa kashan"},
            {
                "es": "Un funcionario está revisando su trámite.",
                "en": "An official is reviewing your request.",
                "qu": "Huk llamk'aqmi mañakuyniykita qhawarishan.",
            },
        ),
        Status(
            ASSIGNED,
            {"es": "Derivado", "en": "Forwarded", "qu": "Apachisqa"},
            {
                "es": "Su trámite fue derivado a la oficina que lo atiende.",
                "en": "Your request was forwarded to the office that handles it.",
                "qu": "Mañakuyniykiqa llamk'aq oficinamanmi apachisqa.",
            },
        ),
        Status(
            APPROVED,
            {"es": "Aprobado", "en": "Approved", "qu": "Chaninchasqa"},
            {
                "es": "Su trámite fue aprobado. Pronto recibirá el documento final.",
                "en": "Your request was approved. You will receive the final document soon.",
                "qu": "Mañakuyniykiqa chaninchasqañam.",
            },
        ),
        Status(
            REJECTED,
            {"es": "Denegado", "en": "Rejected", "qu": "Mana chaskisqa"},
            {
                "es": "Su trámite fue denegado. Consulte el mensaje de la municipalidad.",
                "en": "Your request was rejected. See the municipality's message.",
                "qu": "Mañakuyniykiqa manam chaskisqachu. Willakuyta qhaway.",
            },
            final=True,
        ),
        Status(
            RESOLVED,
            {"es": "Atendido", "en": "Resolved", "qu": "Tukusqa"},
            {
                "es": "Su trámite fue atendido y el documento final está disponible.",
                "en": "Your request was resolved and the final document is available.",
                "qu": "Mañakuyniykiqa tukusqañam.",
            },
            final=True,
        ),
        Status(
            ARCHIVED,
            {"es": "Archivado", "en": "Archived", "qu": "Waqaychasqa"},
            {
                "es": "El expediente fue archivado.",
                "en": "The file was archived.",
                "qu": "Qillqakunaqa waqaychasqañam.",
            },
            final=True,
        ),
        Status(
            NOT_SUBMITTED,
            {"es": "Tenido por no presentado", "en": "Deemed not filed", "qu": "Mana haykusqa hina"},
            {
                "es": "No se completaron los requisitos observados a tiempo; el trámite se tiene por "
                "no presentado. Puede volver a presentarlo.",
                "en": "The missing requirements were not completed in time; the request counts as "
                "not filed. You may file it again.",
                "qu": "Pisiqkunata mana apamurqankichu; wakmanta mañakuyta atinki.",
            },
            final=True,
        ),
    )
}

#: Who may move a submission from one status to another (the console enforces roles on top of this).
TRANSITIONS: dict[str, frozenset[str]] = {
    RECEIVED: frozenset({OBSERVED, IN_REVIEW, ASSIGNED, APPROVED, REJECTED}),
    OBSERVED: frozenset({IN_REVIEW, ASSIGNED, NOT_SUBMITTED, REJECTED}),
    IN_REVIEW: frozenset({OBSERVED, ASSIGNED, APPROVED, REJECTED}),
    ASSIGNED: frozenset({OBSERVED, IN_REVIEW, ASSIGNED, APPROVED, REJECTED}),
    APPROVED: frozenset({RESOLVED}),
    REJECTED: frozenset({RESOLVED, ARCHIVED}),
    RESOLVED: frozenset({ARCHIVED}),
    NOT_SUBMITTED: frozenset({ARCHIVED}),
    ARCHIVED: frozenset(),
}

UNVERIFIED_TRANSLATIONS = (_UNVERIFIED_QU,)


def can_move(current: str, target: str) -> bool:
    """Whether the workflow allows ``current`` -> ``target`` (unknown codes never move)."""
    return target in TRANSITIONS.get(current, frozenset())


def status_label(code: str | None, lang: str = "es") -> str:
    """The word to show for ``code``; an unknown code (from a newer server) is shown as it is."""
    if code is None:
        return ""
    status = STATUSES.get(code)
    return pick(status.label, lang) if status else code


def status_explanation(code: str | None, lang: str = "es") -> str:
    status = STATUSES.get(code or "")
    return pick(status.explanation, lang) if status else ""
