"""Services (trámites) and their immutable form versions, per institution.

A published version never changes: loading an identical definition again is a no-op, loading a
different one under an existing version number is refused, and ``as_new_version`` publishes a changed
definition as the next version. Each publication goes to every device of the institution through the
change log, so devices can capture with it offline.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import Connection, insert, select, update

from shared import errors
from shared.crypto import canonical_json, sha256_hex
from shared.errors import TamboError
from shared.forms import ServiceDefinition, load_service
from shared.i18n import pick
from shared.protocol import CatalogChange
from sync_server.storage.audit import AuditRecord
from sync_server.storage.journal import ChangeRecord, record
from sync_server.storage.schema import form_versions, services


@dataclass(frozen=True, slots=True)
class PublishResult:
    service_id: str
    version: int
    outcome: Literal["published", "unchanged"]


@dataclass(frozen=True, slots=True)
class StoredForm:
    """A form version as stored: its canonical JSON text and that text's hash (a cache key)."""

    service_id: str
    version: int
    definition: str
    sha256: str

    def load(self) -> ServiceDefinition:
        return load_service(json.loads(self.definition))


def _canonical(raw: Mapping[str, Any]) -> tuple[str, str]:
    text = canonical_json(dict(raw)).decode("utf-8")
    return text, sha256_hex(text.encode("utf-8"))


def _without_version(raw: Mapping[str, Any]) -> dict[str, Any]:
    copied = copy.deepcopy(dict(raw))
    copied.get("form", {}).pop("version", None)
    return copied


def publish_service(
    conn: Connection,
    institution_id: str,
    raw: Mapping[str, Any],
    *,
    actor: str,
    now: datetime,
    as_new_version: bool = False,
) -> PublishResult:
    """Publish one service definition (checked with ``load_service``; DefinitionError if invalid)."""
    service = load_service(raw)
    service_row = conn.execute(
        select(services).where(
            services.c.institution_id == institution_id, services.c.service_id == service.id
        )
    ).first()
    latest = service_row.current_version if service_row else 0
    version = service.form.version
    existing = get_form(conn, institution_id, service.id, version)
    text, digest = _canonical(raw)
    if existing is not None and existing.sha256 == digest:
        return PublishResult(service.id, version, "unchanged")
    if as_new_version and (existing is not None or version <= latest):
        current = get_form(conn, institution_id, service.id, latest)
        if current is not None and _without_version(json.loads(current.definition)) == _without_version(raw):
            return PublishResult(service.id, latest, "unchanged")
        version = latest + 1
        raw = copy.deepcopy(dict(raw))
        raw["form"]["version"] = version
        service = load_service(raw)
        text, digest = _canonical(raw)
    elif existing is not None:
        raise TamboError(
            errors.CATALOG_VERSION_IMMUTABLE, params={"service_id": service.id, "form_version": version}
        )
    elif version < latest:
        raise TamboError(errors.CATALOG_VERSION_BEHIND, params={"service_id": service.id, "latest": latest})
    values = {
        "current_version": version,
        "title": pick(service.title, "es")[:300],
        "unit_code": service.unit.code,
        "restricted": service.restricted,
        "updated_at": now,
    }
    if service_row is None:
        conn.execute(insert(services).values(institution_id=institution_id, service_id=service.id, **values))
    else:
        conn.execute(
            update(services)
            .where(services.c.institution_id == institution_id, services.c.service_id == service.id)
            .values(**values)
        )
    conn.execute(
        insert(form_versions).values(
            institution_id=institution_id,
            service_id=service.id,
            version=version,
            definition=text,
            definition_sha256=digest,
            published_at=now,
        )
    )
    change = CatalogChange(service_id=service.id, form_version=version, definition=dict(raw))
    record(
        conn,
        institution_id,
        changes_to_send=[ChangeRecord(None, change)],
        audit=[AuditRecord(actor, "catalog.publish", f"{service.id}@{version}", {"sha256": digest})],
        at=now,
    )
    return PublishResult(service.id, version, "published")


def get_form(conn: Connection, institution_id: str, service_id: str, version: int) -> StoredForm | None:
    row = conn.execute(
        select(form_versions).where(
            form_versions.c.institution_id == institution_id,
            form_versions.c.service_id == service_id,
            form_versions.c.version == version,
        )
    ).first()
    return StoredForm(row.service_id, row.version, row.definition, row.definition_sha256) if row else None


def current_forms(conn: Connection, institution_id: str) -> list[StoredForm]:
    """The latest version of every service of the institution, by service id."""
    rows = conn.execute(
        select(form_versions)
        .join(
            services,
            (services.c.institution_id == form_versions.c.institution_id)
            & (services.c.service_id == form_versions.c.service_id)
            & (services.c.current_version == form_versions.c.version),
        )
        .where(form_versions.c.institution_id == institution_id)
        .order_by(form_versions.c.service_id)
    )
    return [StoredForm(row.service_id, row.version, row.definition, row.definition_sha256) for row in rows]


def published_versions(conn: Connection, institution_id: str) -> list[tuple[str, int]]:
    """Every (service id, form version) the institution ever published (devices may still capture with
    an older one until they pull the newer)."""
    rows = conn.execute(
        select(form_versions.c.service_id, form_versions.c.version)
        .where(form_versions.c.institution_id == institution_id)
        .order_by(form_versions.c.service_id, form_versions.c.version)
    )
    return [(row.service_id, row.version) for row in rows]
