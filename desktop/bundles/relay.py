"""Relay mode: the coordinator's laptop collects bundles from several sites, forwards them when it
reaches a link, and sorts the acknowledgements for the way back, without being able to read any.

Everything lives in plain files under ``$TAMBO_HOME/relay/`` (the files are sealed and signed already;
the clear parts name sites, ids and counts, nothing about citizens)::

    carrying/<bundle_id>.tambo          collected, checked, waiting to be forwarded
    acks/<bundle_id>.acuse              the server's acknowledgements, waiting to go back to their site
    delivered/<bundle_id>.acuse         acknowledgements already copied to a stick
    refused/<bundle_id>.tambo (+ .txt)  bundles the server refused, with its reason, for the record
    forwarded.jsonl                     one line per forwarded bundle (site, counts, when)

Collecting checks each file whole (signed by the device its manifest names, every item as signed), so
a copy damaged on the stick is noticed at the site, where it can be exported again. The same bundle
collected twice is kept once (files are named by bundle id); forwarding twice is harmless anyway, the
server keeps one copy of each submission.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from desktop.bundles.upload import upload_bundle
from desktop.store.files import fsync_directory, replace_durably
from desktop.sync.client import ServerClient
from desktop.sync.errors import ServerRefusal
from shared.errors import TamboError
from shared.protocol.bundle_acks import ACK_SUFFIX, AckSummary, read_ack_header
from shared.protocol.bundles import FILE_SUFFIX, BundleManifest, bundle_stem, check_bundle_file, read_manifest

RELAY_DIR = "relay"


@dataclass(frozen=True)
class Refusal:
    name: str
    message: str


@dataclass
class CollectReport:
    collected: list[BundleManifest] = field(default_factory=list)
    already: list[str] = field(default_factory=list)  # file names already carried or forwarded
    refused: list[Refusal] = field(default_factory=list)


@dataclass
class ForwardReport:
    forwarded: list[tuple[BundleManifest, AckSummary]] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    #: why forwarding stopped early (no link...), with the rest still carried
    stopped: TamboError | None = None


@dataclass
class SiteSummary:
    """One site (device) as the coordinator sees it."""

    device_id: str
    name: str
    prefix: str | None
    last_visit: datetime | None = None  # when its newest bundle was written (the device's clock)
    carrying_bundles: int = 0
    carrying_items: int = 0
    forwarded_items: int = 0  # accepted by the server, over every forwarded bundle
    acks_to_deliver: int = 0
    last_forwarded_at: datetime | None = None


def _move(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    source.replace(target)
    fsync_directory(target.parent)


class Relay:
    def __init__(self, home: Path) -> None:
        self.root = home / RELAY_DIR
        self.carrying = self.root / "carrying"
        self.acks = self.root / "acks"
        self.delivered = self.root / "delivered"
        self.refused = self.root / "refused"
        self.log = self.root / "forwarded.jsonl"

    # --- collecting ---------------------------------------------------------------------------------
    def _known(self) -> set[str]:
        known = {path.stem for path in self.carrying.glob(f"*{FILE_SUFFIX}")}
        return known | {entry["bundle_id"] for entry in self.forwarded_log()}

    def collect(self, source: Path) -> CollectReport:
        """Check and take every bundle in ``source`` (a folder, e.g. a USB stick, or one file)."""
        files = [source] if source.is_file() else sorted(source.glob(f"*{FILE_SUFFIX}"))
        report = CollectReport()
        known = self._known()
        self.carrying.mkdir(parents=True, exist_ok=True)
        for path in files:
            try:
                manifest = check_bundle_file(path)
            except TamboError as exc:
                report.refused.append(Refusal(path.name, exc.message()))
                continue
            if manifest.bundle_id in known:
                report.already.append(path.name)
                continue
            target = self.carrying / f"{manifest.bundle_id}{FILE_SUFFIX}"
            partial = target.with_suffix(".part")
            shutil.copyfile(path, partial)
            with partial.open("rb+") as handle:
                os.fsync(handle.fileno())
            _move(partial, target)
            known.add(manifest.bundle_id)
            report.collected.append(manifest)
        return report

    def carried(self) -> list[tuple[Path, BundleManifest]]:
        """The bundles waiting to be forwarded, oldest visit first."""
        found = []
        for path in self.carrying.glob(f"*{FILE_SUFFIX}"):
            with contextlib.suppress(TamboError, OSError):
                found.append((path, read_manifest(path)))
        return sorted(found, key=lambda item: item[1].created_at)

    # --- forwarding ---------------------------------------------------------------------------------
    def forward(self, client: ServerClient) -> ForwardReport:
        """Upload every carried bundle; stop at the first failure that is not about the bundle."""
        report = ForwardReport()
        for path, manifest in self.carried():
            try:
                result = upload_bundle(client, path)
            except ServerRefusal as exc:
                if not exc.code.startswith("bundle."):
                    report.stopped = exc  # about this relay (revoked, unknown...): nothing else will pass
                    return report
                self._refused(path, manifest, exc)
                report.refused.append(Refusal(path.name, exc.message()))
                continue
            except TamboError as exc:
                report.stopped = exc  # no link, server busy: the rest waits for the next attempt
                return report
            self._forwarded(path, manifest, result.ack, result.response.summary)
            report.forwarded.append((manifest, result.response.summary))
        return report

    def _forwarded(self, path: Path, manifest: BundleManifest, ack: bytes, summary: AckSummary) -> None:
        self.acks.mkdir(parents=True, exist_ok=True)
        replace_durably(self.acks / f"{manifest.bundle_id}{ACK_SUFFIX}", ack)
        entry = {
            "bundle_id": manifest.bundle_id,
            "device_id": manifest.device_id,
            "device_name": manifest.device_name or manifest.office or manifest.device_id,
            "device_prefix": manifest.device_prefix,
            "created_at": manifest.created_at.isoformat(),
            "forwarded_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "items": len(manifest.envelopes),
            "summary": summary.model_dump(mode="json"),
        }
        with self.log.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
            handle.flush()
        path.unlink()

    def _refused(self, path: Path, manifest: BundleManifest, exc: TamboError) -> None:
        _move(path, self.refused / path.name)
        (self.refused / f"{manifest.bundle_id}.txt").write_text(exc.message() + "\n", encoding="utf-8")

    def forwarded_log(self) -> list[dict[str, object]]:
        if not self.log.is_file():
            return []
        entries = []
        for line in self.log.read_text(encoding="utf-8").splitlines():
            with contextlib.suppress(ValueError):
                entries.append(json.loads(line))
        return entries

    # --- acknowledgements back ----------------------------------------------------------------------
    def pending_acks(self) -> list[Path]:
        return sorted(self.acks.glob(f"*{ACK_SUFFIX}"))

    def deliver(self, target: Path) -> list[Path]:
        """Copy the acknowledgements waiting to go back into ``target`` (a stick), named like the
        bundles they answer; they move to ``delivered/``. The copies written, in order."""
        target.mkdir(parents=True, exist_ok=True)
        names = self._ack_names()
        written = []
        for path in self.pending_acks():
            copy = target / names.get(path.stem, path.name)
            shutil.copyfile(path, copy)
            written.append(copy)
            _move(path, self.delivered / path.name)
        return written

    def _ack_names(self) -> dict[str, str]:
        names = {}
        for entry in self.forwarded_log():
            created = datetime.fromisoformat(str(entry["created_at"]))
            prefix = entry.get("device_prefix")
            names[str(entry["bundle_id"])] = (
                bundle_stem(str(prefix) if prefix else None, created) + ACK_SUFFIX
            )
        return names

    # --- the coordinator's view ---------------------------------------------------------------------
    def sites(self) -> list[SiteSummary]:
        """Per site: last visit, what is carried, what went through, acknowledgements to take back."""
        sites: dict[str, SiteSummary] = {}

        def site(device_id: str, name: str, prefix: object, visit: datetime) -> SiteSummary:
            found = sites.setdefault(device_id, SiteSummary(device_id, name, str(prefix) if prefix else None))
            found.last_visit = max(filter(None, (found.last_visit, visit)))
            return found

        for _path, manifest in self.carried():
            found = site(
                manifest.device_id, _site_name(manifest), manifest.device_prefix, manifest.created_at
            )
            found.carrying_bundles += 1
            found.carrying_items += len(manifest.envelopes)
        pending = {path.stem for path in self.pending_acks()}
        for log in self.forwarded_log():
            visit = datetime.fromisoformat(str(log["created_at"]))
            found = site(str(log["device_id"]), str(log["device_name"]), log.get("device_prefix"), visit)
            summary = log.get("summary")
            found.forwarded_items += int(summary.get("accepted", 0)) if isinstance(summary, dict) else 0
            forwarded_at = datetime.fromisoformat(str(log["forwarded_at"]))
            found.last_forwarded_at = max(filter(None, (found.last_forwarded_at, forwarded_at)))
            found.acks_to_deliver += int(log["bundle_id"] in pending)
        return sorted(sites.values(), key=lambda item: item.name.lower())


def _site_name(manifest: BundleManifest) -> str:
    if manifest.office and manifest.device_name and manifest.office != manifest.device_name:
        return f"{manifest.office} · {manifest.device_name}"
    return manifest.office or manifest.device_name or manifest.device_id


def pending_ack_summary(path: Path) -> AckSummary | None:
    """The counts in an acknowledgement's clear header, for listings."""
    try:
        return read_ack_header(path.read_bytes(), path.name).summary
    except (TamboError, OSError):
        return None
