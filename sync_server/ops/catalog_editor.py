"""Catalog management without programming: an admin edits a *draft* of a service (its information and
its form, field by field, or the whole JSON), previews the form, and publishes the draft as the next
immutable version, which every device of the institution receives on its next pull. JSON definitions
can be imported (as a draft) and exported (a published version or a draft).

A draft is saved as it is, valid or not, so nothing typed is lost; its problems are listed with their
JSON paths, and publishing refuses a draft that ``load_service`` refuses. Fields are addressed by their
position, ``"3"`` or ``"3.1"`` (the second field of the fourth, a group or repeat).
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from shared import errors
from shared.errors import TamboError
from shared.forms import DefinitionError, ServiceDefinition, load_service
from shared.i18n import pick
from sync_server.context import Server
from sync_server.ops import roles
from sync_server.ops.console_auth import actor_of
from sync_server.storage.catalog import PublishResult, current_forms, get_form, publish_service
from sync_server.storage.drafts import Draft, delete_draft, get_draft, list_drafts, save_draft
from sync_server.storage.institutions import require_institution
from sync_server.storage.users import User

SERVICE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}$")
MAX_IMPORT_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class Problem:
    path: str
    message: str
    #: the editor's address of the field the problem is in ("3.1"), when it is in one
    field: str | None


@dataclass(frozen=True)
class CatalogEntry:
    service_id: str
    title: str
    unit: str
    version: int | None
    restricted: bool
    draft: bool


_FIELD_PATH = re.compile(r"\.fields\[(\d+)\]")


def problems_of(definition: dict[str, Any]) -> list[Problem]:
    """Every problem ``load_service`` finds, each with the editor's address of its field."""
    try:
        load_service(definition)
    except DefinitionError as exc:
        found = []
        for problem in exc.problems:
            indices = _FIELD_PATH.findall(problem.path)
            found.append(Problem(problem.path, problem.message, ".".join(indices) if indices else None))
        return found
    return []


def _require_admin(user: User) -> None:
    roles.require(user, roles.CATALOG_EDIT)


def overview(server: Server, user: User) -> list[CatalogEntry]:
    _require_admin(user)
    with server.db.read() as conn:
        published = {f.service_id: f for f in current_forms(conn, user.institution_id)}
        drafts = {d.service_id: d for d in list_drafts(conn, user.institution_id)}
    entries = []
    for service_id in sorted(set(published) | set(drafts)):
        raw = (
            drafts[service_id].definition
            if service_id in drafts
            else json.loads(published[service_id].definition)
        )
        entries.append(
            CatalogEntry(
                service_id,
                pick(raw.get("title"), "es") or service_id,
                pick((raw.get("unit") or {}).get("name"), "es"),
                published[service_id].version if service_id in published else None,
                bool(raw.get("restricted")),
                service_id in drafts,
            )
        )
    return entries


def draft_of(server: Server, user: User, service_id: str) -> Draft:
    _require_admin(user)
    with server.db.read() as conn:
        found = get_draft(conn, user.institution_id, service_id)
    if found is None:
        raise TamboError(errors.CATALOG_DRAFT_NOT_FOUND, params={"service_id": service_id})
    return found


def _save(
    server: Server, user: User, service_id: str, definition: dict[str, Any], base: int | None = None
) -> None:
    with server.db.write() as conn:
        save_draft(
            conn,
            user.institution_id,
            service_id,
            definition,
            base_version=base,
            actor=actor_of(user),
            now=datetime.now(UTC),
        )


def edit_service(server: Server, user: User, service_id: str) -> Draft:
    """The draft of a published service, started from its current version when there is none yet."""
    _require_admin(user)
    with server.db.read() as conn:
        existing = get_draft(conn, user.institution_id, service_id)
        if existing is not None:
            return existing
        current = next(
            (f for f in current_forms(conn, user.institution_id) if f.service_id == service_id), None
        )
    if current is None:
        raise TamboError(errors.CATALOG_DRAFT_NOT_FOUND, params={"service_id": service_id})
    _save(server, user, service_id, json.loads(current.definition), current.version)
    return draft_of(server, user, service_id)


def new_service(server: Server, user: User, service_id: str, title: str, unit_code: str) -> Draft:
    """A draft for a new service: the least a service needs, and one field to start from."""
    _require_admin(user)
    service_id = service_id.strip().lower()
    if not SERVICE_ID.match(service_id):
        raise TamboError(
            errors.CONSOLE_INPUT,
            params={"field": "identificador", "problem": "de 2 a 63 letras minúsculas, dígitos o guiones"},
        )
    with server.db.read() as conn:
        institution = require_institution(conn, user.institution_id)
        taken = get_draft(conn, user.institution_id, service_id) is not None or any(
            f.service_id == service_id for f in current_forms(conn, user.institution_id)
        )
    if taken:
        raise TamboError(errors.CATALOG_SERVICE_EXISTS, params={"service_id": service_id})
    unit = next((u for u in institution.units if u.get("code") == unit_code), None)
    if unit is None:
        raise TamboError(errors.CASE_UNIT_UNKNOWN, params={"unit": unit_code or "—"})
    definition = {
        "schema_version": 1,
        "id": service_id,
        "title": {"es": title.strip() or service_id},
        "audience": ["counter", "kiosk"],
        "unit": {"code": unit["code"], "name": dict(unit["name"])},
        "fee": {"kind": "free"},
        "deadline": {"kind": "business_days", "business_days": 30},
        "calificacion": {"kind": "prior_evaluation", "silence": "negative"},
        "form": {
            "version": 1,
            "fields": [
                {
                    "name": "dni",
                    "type": "dni",
                    "label": {"es": "Número de DNI"},
                    "required": True,
                    "applicant": "id_number",
                },
                {
                    "name": "nombres",
                    "type": "text",
                    "label": {"es": "Nombres y apellidos"},
                    "required": True,
                    "applicant": "name",
                },
            ],
        },
    }
    _save(server, user, service_id, definition)
    return draft_of(server, user, service_id)


def save_definition(server: Server, user: User, service_id: str, definition: dict[str, Any]) -> list[Problem]:
    """Replace the draft (the JSON editor, the info form); its problems, if any."""
    draft = draft_of(server, user, service_id)
    if definition.get("id") != service_id:
        definition = {**definition, "id": service_id}
    _save(server, user, service_id, definition, draft.base_version)
    return problems_of(definition)


def parse_json(text: str | bytes) -> dict[str, Any]:
    if len(text) > MAX_IMPORT_BYTES:
        raise TamboError(errors.REQUEST_TOO_LARGE, params={"max_bytes": MAX_IMPORT_BYTES})
    try:
        value = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise TamboError(errors.DEFINITION_NOT_JSON, params={"problem": str(exc)}) from None
    if not isinstance(value, dict):
        raise TamboError(errors.DEFINITION_NOT_JSON, params={"problem": "se esperaba un objeto JSON"})
    return value


def import_definition(server: Server, user: User, text: str | bytes) -> tuple[str, list[Problem]]:
    """A JSON definition becomes (or replaces) the draft of its service; its problems are listed."""
    _require_admin(user)
    definition = parse_json(text)
    service_id = str(definition.get("id") or "").strip()
    if not SERVICE_ID.match(service_id):
        raise TamboError(
            errors.CONSOLE_INPUT,
            params={"field": "id", "problem": "falta el identificador del trámite o no es válido"},
        )
    with server.db.read() as conn:
        existing = get_draft(conn, user.institution_id, service_id)
        current = next(
            (f for f in current_forms(conn, user.institution_id) if f.service_id == service_id), None
        )
    base = existing.base_version if existing else (current.version if current else None)
    _save(server, user, service_id, definition, base)
    return service_id, problems_of(definition)


def export_definition(server: Server, user: User, service_id: str, version: int | None = None) -> str:
    """A published version (the current one when ``version`` is None) as indented JSON."""
    _require_admin(user)
    with server.db.read() as conn:
        if version is None:
            found = next(
                (f for f in current_forms(conn, user.institution_id) if f.service_id == service_id), None
            )
        else:
            found = get_form(conn, user.institution_id, service_id, version)
    if found is None:
        raise TamboError(errors.CATALOG_DRAFT_NOT_FOUND, params={"service_id": service_id})
    return json.dumps(json.loads(found.definition), ensure_ascii=False, indent=2) + "\n"


def publish(server: Server, user: User, service_id: str) -> PublishResult:
    """Publish the draft as the service's next version (refused while it has problems)."""
    draft = draft_of(server, user, service_id)
    problems = problems_of(draft.definition)
    if problems:
        load_service(draft.definition)  # raises the DefinitionError with every problem
    with server.db.write() as conn:
        result = publish_service(
            conn,
            user.institution_id,
            draft.definition,
            actor=actor_of(user),
            now=datetime.now(UTC),
            as_new_version=True,
        )
        delete_draft(conn, user.institution_id, service_id)
    return result


def discard(server: Server, user: User, service_id: str) -> None:
    _require_admin(user)
    with server.db.write() as conn:
        delete_draft(conn, user.institution_id, service_id)


def loaded(definition: dict[str, Any]) -> ServiceDefinition | None:
    """The draft as the devices would load it, or None while it has problems (for the preview)."""
    try:
        return load_service(definition)
    except DefinitionError:
        return None


# --- fields, addressed by position -------------------------------------------------------------


def _container(definition: dict[str, Any], path: str) -> tuple[list[dict[str, Any]], int]:
    """The list holding the field at ``path`` and its index there."""
    indices = [int(part) for part in path.split(".")] if path else []
    if not indices:
        raise TamboError(errors.CONSOLE_INPUT, params={"field": "campo", "problem": "no existe"})
    fields = definition.setdefault("form", {}).setdefault("fields", [])
    for index in indices[:-1]:
        if not 0 <= index < len(fields) or "fields" not in fields[index]:
            raise TamboError(errors.CONSOLE_INPUT, params={"field": "campo", "problem": "no existe"})
        fields = fields[index]["fields"]
    return fields, indices[-1]


def field_at(definition: dict[str, Any], path: str) -> dict[str, Any]:
    fields, index = _container(definition, path)
    if not 0 <= index < len(fields):
        raise TamboError(errors.CONSOLE_INPUT, params={"field": "campo", "problem": "no existe"})
    return fields[index]


def set_field(
    server: Server,
    user: User,
    service_id: str,
    path: str | None,
    field: dict[str, Any],
    *,
    inside: str | None = None,
) -> tuple[str, list[Problem]]:
    """Replace the field at ``path``, or (``path`` None) append a new one at the end of the form or of
    the group/repeat ``inside``; the field's address and the draft's problems."""
    draft = draft_of(server, user, service_id)
    definition = copy.deepcopy(draft.definition)
    if path is None:
        fields = (
            field_at(definition, inside)["fields"]
            if inside
            else definition.setdefault("form", {}).setdefault("fields", [])
        )
        fields.append(field)
        path = f"{inside}.{len(fields) - 1}" if inside else str(len(fields) - 1)
    else:
        fields, index = _container(definition, path)
        field_at(definition, path)
        fields[index] = field
    _save(server, user, service_id, definition, draft.base_version)
    return path, problems_of(definition)


def move_field(server: Server, user: User, service_id: str, path: str, step: int) -> None:
    draft = draft_of(server, user, service_id)
    definition = copy.deepcopy(draft.definition)
    fields, index = _container(definition, path)
    field_at(definition, path)
    target = index + step
    if 0 <= target < len(fields):
        fields[index], fields[target] = fields[target], fields[index]
        _save(server, user, service_id, definition, draft.base_version)


def delete_field(server: Server, user: User, service_id: str, path: str) -> None:
    draft = draft_of(server, user, service_id)
    definition = copy.deepcopy(draft.definition)
    fields, index = _container(definition, path)
    field_at(definition, path)
    del fields[index]
    _save(server, user, service_id, definition, draft.base_version)
