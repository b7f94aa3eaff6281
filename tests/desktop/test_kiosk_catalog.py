"""The kiosk's tiles after its first sync: the services the institution's server publishes stay, also
when they are the very definitions of the demo catalog the device started with; demo services the
server does not publish are retired."""

from __future__ import annotations

import json

from desktop.store import pulled
from shared.forms import demo_catalog_dir
from shared.protocol import CatalogChange
from tests.desktop.test_store_support import (
    backend,  # noqa: F401 - fixture
    institution,  # noqa: F401 - fixture
)


def published(service_id: str) -> CatalogChange:
    """The demo definition of ``service_id`` as the server sends it (``tambo-server init --demo``)."""
    definition = json.loads((demo_catalog_dir() / f"{service_id}.json").read_text(encoding="utf-8"))
    return CatalogChange(
        service_id=service_id, form_version=definition["form"]["version"], definition=definition
    )


def test_the_first_pull_keeps_every_published_service_and_retires_the_other_demo_ones(backend):  # noqa: F811
    before = {s.id for s in backend.services("kiosk")}
    assert {"libro-reclamaciones", "constancia-domiciliaria", "encuesta-satisfaccion"} <= before

    kept = ["constancia-domiciliaria", "encuesta-satisfaccion", "libro-reclamaciones"]
    changes = [published(service_id) for service_id in kept]
    backend.store.write(lambda db: pulled.apply_pulled_page(db, changes, "cursor-1"))
    assert sorted(s.id for s in backend.services("kiosk")) == kept

    # the same page again (its ack lost): nothing changes
    backend.store.write(lambda db: pulled.apply_pulled_page(db, changes, "cursor-1"))
    assert sorted(s.id for s in backend.services("kiosk")) == kept
