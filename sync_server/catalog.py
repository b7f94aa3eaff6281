"""Where the server's catalog comes from (until the database-backed catalog exists: a folder)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from shared.forms import ServiceDefinition, demo_catalog_dir, load_services
from sync_server.config import Settings


@dataclass(frozen=True)
class CatalogSource:
    directory: Path

    @classmethod
    def for_settings(cls, settings: Settings) -> CatalogSource:
        return cls(settings.catalog_dir or demo_catalog_dir())

    def services(self) -> list[ServiceDefinition]:
        return load_services(self.directory)
