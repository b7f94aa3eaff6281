"""What the coordinator window asks for: this device's bundle and acknowledgements, and the relay.

Every method may block on the store, the disk (a slow USB stick) or the network, so the window calls
them through ``run_op``, off the UI thread. Forwarding is serialised (a timer and a click must not
upload the same files at once).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from desktop.bundles.acks import AckResult, FolderOutcome, apply_ack_file, apply_ack_folder
from desktop.bundles.export import ExportResult, export_bundle
from desktop.bundles.relay import CollectReport, ForwardReport, Relay, SiteSummary
from desktop.bundles.upload import relay_client
from desktop.ops.backend import LocalBackend
from desktop.store import outbox


@dataclass(frozen=True)
class RelayState:
    sites: list[SiteSummary]
    carrying: int  # bundles waiting to be forwarded
    acks_to_deliver: int
    own_pending: int  # this device's own submissions not yet acknowledged


class CoordinatorService:
    def __init__(self, backend: LocalBackend, server_url: str | None = None) -> None:
        self.backend = backend
        self.server_url = server_url
        self.relay = Relay(backend.store.home)
        self._forwarding = threading.Lock()

    def state(self) -> RelayState:
        pending = self.backend.store.read(outbox.counts)["pending"]
        return RelayState(
            self.relay.sites(), len(self.relay.carried()), len(self.relay.pending_acks()), pending
        )

    def collect(self, folder: Path) -> CollectReport:
        return self.relay.collect(folder)

    def forward(self) -> ForwardReport:
        """Upload what is carried; an empty report at once if another forward is under way."""
        if not self._forwarding.acquire(blocking=False):
            return ForwardReport()
        try:
            client = relay_client(self.backend.store, self.server_url, timeout=(10.0, 120.0))
            try:
                return self.relay.forward(client)
            finally:
                client.close()
        finally:
            self._forwarding.release()

    def deliver(self, folder: Path) -> list[Path]:
        return self.relay.deliver(folder)

    def export_own(self, target: Path) -> ExportResult:
        return export_bundle(self.backend.store, target)

    def apply_acks(self, path: Path) -> FolderOutcome | AckResult:
        if path.is_dir():
            return apply_ack_folder(self.backend.store, path)
        return apply_ack_file(self.backend.store, path)
