"""Pull: the changes a device receives since its cursor.

A change is one of several kinds, told apart by ``kind``. A kind this code does not know (added by a
newer server) is kept as :class:`UnknownChange` holding the raw object, so an old device skips it and
keeps syncing instead of failing the whole page.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    AwareDatetime,
    Discriminator,
    Field,
    Tag,
    TypeAdapter,
    ValidationError,
    model_serializer,
    model_validator,
)

from shared.protocol.base import Request, Response, ResponseModel
from shared.protocol.codec import invalid_message_error

MAX_PULL_LIMIT = 1000
DEFAULT_PULL_LIMIT = 200


class PullRequest(Request):
    """Ask for changes after ``cursor`` (None: from the beginning), at most ``limit`` of them."""

    cursor: str | None = None
    limit: Annotated[int, Field(ge=1, le=MAX_PULL_LIMIT)] = DEFAULT_PULL_LIMIT


class CatalogChange(ResponseModel):
    """A form definition (a service at a version) the device should offer."""

    kind: Literal["catalog"] = "catalog"
    service_id: str
    form_version: int
    definition: dict[str, Any]


class StatusChange(ResponseModel):
    """A submission moved to a new status; ``note_public`` may be shown to the citizen."""

    kind: Literal["status"] = "status"
    submission_id: str
    tracking_code: str
    status: str
    at: AwareDatetime
    note_public: str | None = None
    #: the last day the institution has to answer (días hábiles from the official filing date), if any
    due_date: date | None = None


class MessageChange(ResponseModel):
    """A message from an office of the institution about a submission."""

    kind: Literal["message"] = "message"
    submission_id: str
    message_id: str
    body: str
    at: AwareDatetime
    from_unit: str


class DocumentChange(ResponseModel):
    """A document issued for a submission (to fetch by hash)."""

    kind: Literal["document"] = "document"
    submission_id: str
    document_id: str
    name: str
    media_type: str
    sha256: str
    size: int


class SettingsChange(ResponseModel):
    """A device setting (revocation, clock skew, ...)."""

    kind: Literal["settings"] = "settings"
    key: str
    value: Any = None


class UnknownChange(ResponseModel):
    """A change of a kind this version does not know; ``raw`` is the object as received.

    It serialises back to ``raw`` so storing and re-reading it loses nothing.
    """

    kind: str
    raw: dict[str, Any]

    @model_validator(mode="before")
    @classmethod
    def _wrap(cls, data: Any) -> Any:
        if isinstance(data, dict) and not (set(data) == {"kind", "raw"} and isinstance(data["raw"], dict)):
            return {"kind": data.get("kind"), "raw": data}
        return data

    @model_serializer(mode="plain")
    def _as_raw(self) -> dict[str, Any]:
        return dict(self.raw)


KNOWN_CHANGE_KINDS = frozenset({"catalog", "status", "message", "document", "settings"})


def _change_tag(value: Any) -> str | None:
    kind = value.get("kind") if isinstance(value, dict) else getattr(value, "kind", None)
    if isinstance(value, UnknownChange):
        return "unknown"
    if not isinstance(kind, str):
        return None
    return kind if kind in KNOWN_CHANGE_KINDS else "unknown"


Change = Annotated[
    Annotated[CatalogChange, Tag("catalog")]
    | Annotated[StatusChange, Tag("status")]
    | Annotated[MessageChange, Tag("message")]
    | Annotated[DocumentChange, Tag("document")]
    | Annotated[SettingsChange, Tag("settings")]
    | Annotated[UnknownChange, Tag("unknown")],
    Discriminator(_change_tag, custom_error_type="change_kind", custom_error_message="missing change kind"),
]


class PullResponse(Response):
    """One bounded page of changes; commit it, then pull again from ``cursor`` while ``has_more``."""

    changes: list[Change]
    cursor: str
    has_more: bool


_CHANGE_LIST: TypeAdapter[list[Change]] = TypeAdapter(list[Change])


def decode_changes(raw: Iterable[Any]) -> list[Change]:
    """Typed changes from their JSON objects, in order; a kind this version does not know becomes
    :class:`UnknownChange` (kept, so it can be stored and re-read by a later version of the app).

    For changes read outside a :class:`PullResponse` (a page stored before it was applied, a USB
    bundle). Raises ProtocolError(PROTOCOL_INVALID) with a path like ``$[3].at`` when a change of a
    known kind is malformed or one has no ``kind``.
    """
    items = list(raw)
    try:
        return _CHANGE_LIST.validate_python(items)
    except ValidationError as exc:
        raise invalid_message_error(exc, items, "Change") from None
