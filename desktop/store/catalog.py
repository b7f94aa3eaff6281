"""The local cache of the catalog: service definitions by (service id, form version).

A device captures offline, so it keeps every definition it was given: imported from files
(``tambo catalog import``), the demo catalog on first use (so a new install is usable at once), and
later the versions the sync engine pulls (:func:`apply_catalog_change`). A published version never
changes: importing the same (id, version) with other content is refused. Old versions stay, so a
submission saved under version 1 can still be shown after version 2 arrives.

When the first definition arrives from the institution's server, the demo services are retired (hidden
from the chooser, kept for the submissions that reference them).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from desktop.store import audit
from desktop.store.sqlcipher import Database
from shared import errors
from shared.crypto import canonical_json, sha256_hex
from shared.errors import TamboError
from shared.forms import ServiceDefinition, load_service
from shared.i18n import pick
from shared.protocol import CatalogChange

Source = Literal["demo", "file", "server"]


@dataclass(frozen=True, slots=True)
class CatalogEntry:
    service_id: str
    form_version: int
    definition: str  # canonical JSON
    retired: bool


def import_definition(db: Database, service: ServiceDefinition, source: Source) -> bool:
    """Store one checked definition (inside the caller's transaction); True if it was new."""
    data = canonical_json(dict(service.raw))
    digest = sha256_hex(data)
    existing = db.execute(
        "SELECT definition_sha256 FROM catalog WHERE service_id = ? AND form_version = ?",
        [service.id, service.form.version],
    ).fetchone()
    if existing is not None:
        if existing[0] != digest:
            raise TamboError(
                errors.CATALOG_VERSION_CHANGED,
                params={"service_id": service.id, "form_version": service.form.version},
            )
        if source == "server":  # the server publishes it too: it is the server's now, never retired
            db.execute(
                "UPDATE catalog SET retired = 0, source = 'server' WHERE service_id = ? AND form_version = ?",
                [service.id, service.form.version],
            )
        return False
    db.execute(
        "INSERT INTO catalog (service_id, form_version, definition, definition_sha256, title, audience, "
        "source, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            service.id,
            service.form.version,
            data.decode("utf-8"),
            digest,
            pick(service.title),
            json.dumps(list(service.audience)),
            source,
            datetime.now(UTC).isoformat(timespec="seconds"),
        ],
    )
    audit.append(
        db,
        "catalog.imported",
        f"{service.id}@{service.form.version}",
        {"sha256": digest, "source": source},
    )
    return True


def apply_catalog_change(db: Database, change: CatalogChange) -> bool:
    """A definition pulled from the server (inside the caller's transaction, e.g. a pulled page).

    The definition is checked with the same rules as an import; the first one from the server retires
    the demo catalog.
    """
    service = load_service(change.definition)
    if (service.id, service.form.version) != (change.service_id, change.form_version):
        raise TamboError(
            errors.PROTOCOL_INVALID,
            params={
                "path": "$.definition",
                "problem": "the definition does not match service_id/form_version",
            },
        )
    db.execute("UPDATE catalog SET retired = 1 WHERE source = 'demo' AND retired = 0")
    return import_definition(db, service, "server")


def entries(db: Database, *, include_retired: bool = False) -> list[CatalogEntry]:
    where = "" if include_retired else "WHERE retired = 0"
    return [
        CatalogEntry(service_id, version, definition, bool(retired))
        for service_id, version, definition, retired in db.execute(
            f"SELECT service_id, form_version, definition, retired FROM catalog {where} "
            "ORDER BY service_id, form_version"
        )
    ]


def entry(db: Database, service_id: str, form_version: int) -> CatalogEntry | None:
    row = db.execute(
        "SELECT definition, retired FROM catalog WHERE service_id = ? AND form_version = ?",
        [service_id, form_version],
    ).fetchone()
    return CatalogEntry(service_id, form_version, row[0], bool(row[1])) if row else None


def is_empty(db: Database) -> bool:
    return db.execute("SELECT 1 FROM catalog LIMIT 1").fetchone() is None
