"""Catalog drafts: a service definition being edited in the console, kept as JSON text exactly as the
admin left it, valid or not (so nothing typed is lost); publishing checks it and turns it into an
immutable version (:func:`sync_server.storage.catalog.publish_service`), then deletes the draft.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from sync_server.storage.console_schema import catalog_drafts


@dataclass(frozen=True)
class Draft:
    service_id: str
    definition: dict[str, Any]
    base_version: int | None
    updated_at: datetime
    updated_by: str


def _draft(row: Any) -> Draft:
    return Draft(row.service_id, json.loads(row.definition), row.base_version, row.updated_at, row.updated_by)


def get_draft(conn: Connection, institution_id: str, service_id: str) -> Draft | None:
    row = conn.execute(
        select(catalog_drafts).where(
            catalog_drafts.c.institution_id == institution_id, catalog_drafts.c.service_id == service_id
        )
    ).first()
    return _draft(row) if row else None


def list_drafts(conn: Connection, institution_id: str) -> list[Draft]:
    rows = conn.execute(
        select(catalog_drafts)
        .where(catalog_drafts.c.institution_id == institution_id)
        .order_by(catalog_drafts.c.service_id)
    )
    return [_draft(row) for row in rows]


def save_draft(
    conn: Connection,
    institution_id: str,
    service_id: str,
    definition: dict[str, Any],
    *,
    base_version: int | None,
    actor: str,
    now: datetime,
) -> None:
    text = json.dumps(definition, ensure_ascii=False, indent=2)
    values = {"definition": text, "updated_at": now, "updated_by": actor}
    changed = conn.execute(
        update(catalog_drafts)
        .where(catalog_drafts.c.institution_id == institution_id, catalog_drafts.c.service_id == service_id)
        .values(**values)
    ).rowcount
    if not changed:
        conn.execute(
            insert(catalog_drafts).values(
                institution_id=institution_id, service_id=service_id, base_version=base_version, **values
            )
        )


def delete_draft(conn: Connection, institution_id: str, service_id: str) -> None:
    conn.execute(
        delete(catalog_drafts).where(
            catalog_drafts.c.institution_id == institution_id, catalog_drafts.c.service_id == service_id
        )
    )
