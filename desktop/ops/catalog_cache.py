"""Parsed service definitions, kept in memory and refreshed when the catalog table changes.

Parsing and checking a definition costs milliseconds; the chooser and every save need them, so they
are parsed once per (service, version) and kept. A cheap fingerprint of the catalog table (count, last
import, retired count) is read on each use, so a catalog imported by another process (a script beside
the window) shows up without a restart.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from desktop.store import catalog
from desktop.store.sqlcipher import Database
from shared import errors
from shared.errors import TamboError
from shared.forms import ServiceDefinition, load_service

T = TypeVar("T")
Reader = Callable[[Callable[[Database], Any]], Any]


def _fingerprint(db: Database) -> tuple[Any, ...]:
    return tuple(db.execute("SELECT count(*), max(imported_at), sum(retired) FROM catalog").fetchone())


class CatalogCache:
    def __init__(self, read: Reader) -> None:
        self._read = read
        self._lock = threading.Lock()
        self._parsed: dict[tuple[str, int], ServiceDefinition] = {}
        self._current: list[ServiceDefinition] = []
        self._fingerprint: tuple[Any, ...] | None = None

    def _parse(self, entry: catalog.CatalogEntry) -> ServiceDefinition:
        key = (entry.service_id, entry.form_version)
        found = self._parsed.get(key)
        if found is None:
            found = self._parsed[key] = load_service(entry.definition)
        return found

    def current(self) -> list[ServiceDefinition]:
        """The latest non-retired version of every service, sorted by id."""
        fingerprint = self._read(_fingerprint)
        with self._lock:
            if fingerprint == self._fingerprint:
                return list(self._current)
        fingerprint, entries = self._read(lambda db: (_fingerprint(db), catalog.entries(db)))
        with self._lock:
            latest: dict[str, ServiceDefinition] = {}
            for entry in entries:  # ordered by id, then version: the last one wins
                latest[entry.service_id] = self._parse(entry)
            self._current = [latest[key] for key in sorted(latest)]
            self._fingerprint = fingerprint
            return list(self._current)

    def version(self, service_id: str, form_version: int) -> ServiceDefinition:
        """One exact version (retired ones included: old submissions are still shown)."""
        with self._lock:
            found = self._parsed.get((service_id, form_version))
        if found is not None:
            return found
        entry = self._read(lambda db: catalog.entry(db, service_id, form_version))
        if entry is None:
            raise TamboError(
                errors.SUBMISSION_UNKNOWN_SERVICE,
                params={"service_id": service_id, "form_version": form_version},
            )
        with self._lock:
            return self._parse(entry)

    def latest(self, service_id: str) -> ServiceDefinition:
        for service in self.current():
            if service.id == service_id:
                return service
        raise TamboError(
            errors.SUBMISSION_UNKNOWN_SERVICE, params={"service_id": service_id, "form_version": "—"}
        )
