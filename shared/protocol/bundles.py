"""Sync bundles: a device's unacknowledged envelopes and sealed attachments in one file, for sites with
no link at all (a USB stick, a coordinator's relay laptop). The server treats what is inside exactly
like a push.

Layout (integers big-endian)::

    b"TMBNDL" | format version (1 byte)
    record*   where record = kind (1 byte) | length (8 bytes) | data
      M  the manifest: canonical JSON of :class:`BundleManifest`, naming every item with its SHA-256
      S  the device's Ed25519 signature of SIGNING_LABEL + the 7 header bytes + the manifest bytes
      E  one envelope, the JSON the device stored and signed at save (manifest order)
      B  one sealed attachment, its bytes as stored on the device (manifest order)
      Z  the end (length 0); nothing may follow

Why this shape: the manifest comes first and carries each item's hash, so one signature covers every
byte while the file is still read (and written) as a stream, never whole in memory, however many
scanned PDFs it holds; a reader names the one item that does not match (a flipped byte in the third
envelope is "la solicitud ABCD-00012-K", not just "damaged"), and a cut file is told apart from an
altered one (the records or the end marker are missing). Whoever carries the file can neither read it
(payloads and attachments are sealed to the institution at save) nor change it (the signature), and
the manifest's clear part holds no more than the envelopes already show in clear: ids, tracking
codes, sizes, the device's name and office, counts.

The manifest also carries what the server needs to answer: the device's pull cursor (the
acknowledgement brings back the changes after it) and a public key derived from the device key, to
which the acknowledgement is encrypted and authenticated (:mod:`shared.protocol.bundle_acks`).
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, BinaryIO, Literal

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pydantic import AwareDatetime, Field, field_validator, model_validator

from shared import errors, ids
from shared.crypto import (
    CryptoError,
    canonical_json,
    device_id_for,
    ed25519_public_from_text,
    sha256_hex,
    sign,
    verify,
    x25519_public_from_text,
)
from shared.errors import TamboError
from shared.protocol.base import DEVICE_ID_PATTERN, SHA256_HEX_PATTERN, Request, RequestModel
from shared.protocol.codec import decode

MAGIC = b"TMBNDL"
FORMAT_VERSION = 1
HEADER = MAGIC + bytes([FORMAT_VERSION])
SIGNING_LABEL = b"tambo-bundle-v1\n"
FILE_SUFFIX = ".tambo"
MEDIA_TYPE = "application/vnd.tambo.bundle"

MANIFEST, SIGNATURE, ENVELOPE, BLOB, END = b"M", b"S", b"E", b"B", b"Z"
_LENGTH = struct.Struct(">Q")
SIGNATURE_LENGTH = 64
MAX_MANIFEST_BYTES = 16 * 1024 * 1024
MAX_ENVELOPE_BYTES = 4 * 1024 * 1024
MAX_ITEMS = 100_000
PIECE = 64 * 1024

Sha256Hex = Annotated[str, Field(pattern=SHA256_HEX_PATTERN)]
Text = Annotated[str, Field(min_length=1, max_length=200)]


class BundleEnvelope(RequestModel):
    """One envelope in the bundle: its submission id and tracking code, and the hash of its JSON."""

    id: str
    tracking_code: Text
    sha256: Sha256Hex
    size: Annotated[int, Field(ge=1, le=MAX_ENVELOPE_BYTES)]

    @field_validator("id")
    @classmethod
    def _ulid(cls, value: str) -> str:
        if not ids.is_ulid(value):
            raise ValueError("must be a ULID")
        return value


class BundleBlob(RequestModel):
    """One sealed attachment; ``tracking_code`` names the (first) submission it belongs to."""

    sha256: Sha256Hex
    size: Annotated[int, Field(ge=0)]
    media_type: Text
    tracking_code: Text | None = None


class BundleManifest(Request):
    """What a bundle holds, signed by the device that made it."""

    kind: Literal["tambo-bundle"] = "tambo-bundle"
    bundle_id: str
    created_at: AwareDatetime
    institution_id: Text
    device_id: Annotated[str, Field(pattern=DEVICE_ID_PATTERN)]
    device_public_key: str
    device_name: Text | None = None
    #: the device's tracking-code prefix: names the site in a relay's listing and in file names
    device_prefix: Annotated[str, Field(min_length=1, max_length=8)] | None = None
    office: Text | None = None
    app_version: Annotated[str, Field(min_length=1, max_length=64)]
    #: submissions still waiting for an acknowledgement on the device when it wrote the bundle
    pending_count: Annotated[int, Field(ge=0)]
    #: the device's pull cursor: the acknowledgement carries the changes after it
    pull_cursor: Annotated[str, Field(max_length=100)] | None = None
    #: X25519 public key (derived from the device key) the acknowledgement is sealed to
    ack_key: str
    envelopes: list[BundleEnvelope] = Field(default_factory=list, max_length=MAX_ITEMS)
    blobs: list[BundleBlob] = Field(default_factory=list, max_length=MAX_ITEMS)

    @field_validator("bundle_id")
    @classmethod
    def _bundle_ulid(cls, value: str) -> str:
        if not ids.is_ulid(value):
            raise ValueError("must be a ULID")
        return value

    @field_validator("ack_key")
    @classmethod
    def _ack_key(cls, value: str) -> str:
        try:
            x25519_public_from_text(value)
        except CryptoError:
            raise ValueError("must be an X25519 public key as unpadded base64url") from None
        return value

    @model_validator(mode="after")
    def _consistent(self) -> BundleManifest:
        try:
            public = ed25519_public_from_text(self.device_public_key)
        except CryptoError:
            raise ValueError("device_public_key must be an Ed25519 public key") from None
        if device_id_for(public) != self.device_id:
            raise ValueError("device_id is not the id of device_public_key")
        if len({entry.id for entry in self.envelopes}) != len(self.envelopes):
            raise ValueError("an envelope appears twice")
        if len({blob.sha256 for blob in self.blobs}) != len(self.blobs):
            raise ValueError("an attachment appears twice")
        return self

    @property
    def public_key(self) -> Ed25519PublicKey:
        return ed25519_public_from_text(self.device_public_key)

    @property
    def total_bytes(self) -> int:
        """The item bytes the bundle carries (envelopes and attachments)."""
        return sum(e.size for e in self.envelopes) + sum(b.size for b in self.blobs)


def bundle_stem(device_prefix: str | None, created_at: datetime) -> str:
    """``tambo-ABCD-20260314-093000``: a bundle's file name without its suffix (its acknowledgement
    shares it), the site's prefix and the moment it was written, so files sort by site and visit."""
    return f"tambo-{device_prefix or 'equipo'}-{created_at.astimezone(UTC):%Y%m%d-%H%M%S}"


def envelope_entry(envelope_json: bytes, submission_id: str, tracking_code: str) -> BundleEnvelope:
    """The manifest entry of an envelope as stored."""
    return BundleEnvelope(
        id=submission_id,
        tracking_code=tracking_code,
        sha256=sha256_hex(envelope_json),
        size=len(envelope_json),
    )


def signing_bytes(manifest_bytes: bytes) -> bytes:
    return SIGNING_LABEL + HEADER + manifest_bytes


# --- writing ------------------------------------------------------------------------------------


def _record_head(kind: bytes, length: int) -> bytes:
    return kind + _LENGTH.pack(length)


def write_bundle(
    out: BinaryIO,
    manifest: BundleManifest,
    envelopes: Sequence[bytes],
    blob_paths: Sequence[Path],
    device_key: Ed25519PrivateKey,
) -> int:
    """Write a whole bundle to ``out``; the number of bytes written.

    ``envelopes`` and ``blob_paths`` follow the manifest's order. A file that no longer hashes as the
    manifest says raises TamboError(SYNC_ATTACHMENT_LOST): the caller checks blobs before building
    the manifest, so this only happens when a file changes while it is being copied.
    """
    if len(envelopes) != len(manifest.envelopes) or len(blob_paths) != len(manifest.blobs):
        raise ValueError("the items do not match the manifest")
    manifest_bytes = canonical_json(manifest.model_dump(mode="json", exclude_none=True))
    signature = sign(device_key, signing_bytes(manifest_bytes))
    written = 0

    def put(data: bytes) -> None:
        nonlocal written
        out.write(data)
        written += len(data)

    put(HEADER)
    put(_record_head(MANIFEST, len(manifest_bytes)) + manifest_bytes)
    put(_record_head(SIGNATURE, len(signature)) + signature)
    for entry, data in zip(manifest.envelopes, envelopes, strict=True):
        if sha256_hex(data) != entry.sha256:
            raise ValueError(f"envelope {entry.id} does not match its manifest entry")
        put(_record_head(ENVELOPE, len(data)) + data)
    for blob, path in zip(manifest.blobs, blob_paths, strict=True):
        put(_record_head(BLOB, blob.size))
        digest = hashlib.sha256()
        size = 0
        with path.open("rb") as handle:
            while piece := handle.read(PIECE):
                digest.update(piece)
                size += len(piece)
                if size > blob.size:
                    break
                put(piece)
        if size != blob.size or digest.hexdigest() != blob.sha256:
            raise TamboError(errors.SYNC_ATTACHMENT_LOST, details={"sha256": blob.sha256})
    put(_record_head(END, 0))
    return written


# --- reading ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BlobReader:
    """The bytes of one attachment record, read in pieces (the reader checks the hash afterwards)."""

    _read: Callable[[int], bytes]

    def read(self, size: int = -1) -> bytes:
        return self._read(size)


class BundleReader:
    """Reads a bundle from the start of ``handle``: the header, manifest and signature at once, then
    the items in order (:meth:`walk`), checking each against the manifest.

    Nothing read is trusted before :meth:`verify_signature` (with the key the caller trusts) and a
    complete :meth:`walk`: a truncated file raises BUNDLE_TRUNCATED, an item that does not match the
    manifest BUNDLE_ITEM_TAMPERED naming it, anything else out of shape BUNDLE_MALFORMED.
    """

    def __init__(self, handle: BinaryIO, name: str) -> None:
        self.handle = handle
        self.name = name
        self._position = 0
        start = self.handle.read(len(HEADER))
        if start[: len(MAGIC)] != MAGIC[: len(start)]:
            raise TamboError(errors.BUNDLE_NOT_A_BUNDLE, params={"name": name})
        self._position = len(start)
        if len(start) < len(HEADER):  # a prefix of the header: a copy cut at once
            raise self._truncated("la cabecera")
        header = start
        if header[len(MAGIC)] != FORMAT_VERSION:
            raise TamboError(
                errors.BUNDLE_UNSUPPORTED_VERSION, params={"name": name, "version": header[len(MAGIC)]}
            )
        self.manifest_bytes = self._record(MANIFEST, MAX_MANIFEST_BYTES, "el índice")
        self.signature = self._record(SIGNATURE, SIGNATURE_LENGTH, "la firma")
        try:
            self.manifest = decode(BundleManifest, self.manifest_bytes)
        except TamboError as exc:
            raise self._malformed(f"índice ilegible: {exc.message()}") from None
        if canonical_json(self.manifest.model_dump(mode="json", exclude_none=True)) != self.manifest_bytes:
            raise self._malformed("el índice no está en su forma canónica")
        self._items_start = self._position

    # --- low level ----------------------------------------------------------------------------------
    def _malformed(self, problem: str) -> TamboError:
        return TamboError(errors.BUNDLE_MALFORMED, params={"name": self.name, "problem": problem})

    def _truncated(self, where: str) -> TamboError:
        return TamboError(
            errors.BUNDLE_TRUNCATED,
            params={"name": self.name, "problem": f"el archivo termina en {where}"},
            details={"offset": self._position},
        )

    def _read_exactly(self, size: int, where: str) -> bytes:
        data = self.handle.read(size)
        self._position += len(data)
        if len(data) != size:
            raise self._truncated(where)
        return data

    def _head(self, where: str) -> tuple[bytes, int]:
        head = self._read_exactly(1 + _LENGTH.size, where)
        return head[:1], _LENGTH.unpack(head[1:])[0]

    def _record(self, kind: bytes, max_length: int, where: str) -> bytes:
        found, length = self._head(where)
        if found != kind:
            raise self._malformed(f"se esperaba {where}")
        if length > max_length or (kind == SIGNATURE and length != SIGNATURE_LENGTH):
            raise self._malformed(f"{where} tiene un tamaño imposible ({length} bytes)")
        return self._read_exactly(length, where)

    # --- checks -------------------------------------------------------------------------------------
    def verify_signature(self, public: Ed25519PublicKey | None = None) -> None:
        """Check the device's signature of the manifest, with ``public`` (the key the server registered)
        or, for a relay that only checks the file is whole, the key the manifest names."""
        key = public or self.manifest.public_key
        try:
            verify(key, self.signature, signing_bytes(self.manifest_bytes))
        except CryptoError:
            raise TamboError(
                errors.BUNDLE_BAD_SIGNATURE,
                params={"name": self.name, "device_id": self.manifest.device_id},
            ) from None

    def _item_name(self, kind: bytes, index: int) -> str:
        if kind == ENVELOPE:
            entry = self.manifest.envelopes[index]
            return f"la solicitud {entry.tracking_code}"
        blob = self.manifest.blobs[index]
        owner = f" de la solicitud {blob.tracking_code}" if blob.tracking_code else ""
        return f"el adjunto {index + 1} de {len(self.manifest.blobs)}{owner}"

    def _tampered(self, kind: bytes, index: int) -> TamboError:
        item = self._item_name(kind, index)
        entry = self.manifest.envelopes[index] if kind == ENVELOPE else self.manifest.blobs[index]
        details = {"item": item, "sha256": entry.sha256}
        if kind == ENVELOPE:
            details["submission_id"] = self.manifest.envelopes[index].id
        return TamboError(
            errors.BUNDLE_ITEM_TAMPERED, params={"name": self.name, "item": item}, details=details
        )

    def walk(
        self,
        on_envelope: Callable[[BundleEnvelope, bytes], None] | None = None,
        on_blob: Callable[[BundleBlob, BlobReader], None] | None = None,
    ) -> None:
        """Read every item once, in order, checking each against the manifest, then the end marker.

        ``on_blob`` gets a reader of the attachment's bytes; what it leaves unread is read and hashed
        afterwards, and only then is a mismatch raised, so a caller that stores while reading must be
        able to drop what it stored (the server checks a whole bundle with a first walk that stores
        nothing).
        """
        if self._position != self._items_start:
            self.handle.seek(self._items_start)
            self._position = self._items_start
        for index, entry in enumerate(self.manifest.envelopes):
            where = self._item_name(ENVELOPE, index)
            kind, length = self._head(where)
            if kind != ENVELOPE or length != entry.size:
                raise self._record_mismatch(kind, length, ENVELOPE, index)
            data = self._read_exactly(length, where)
            if sha256_hex(data) != entry.sha256:
                raise self._tampered(ENVELOPE, index)
            if on_envelope is not None:
                on_envelope(entry, data)
        for index, blob in enumerate(self.manifest.blobs):
            self._walk_blob(index, blob, on_blob)
        kind, length = self._head("el marcador de final")
        if kind != END or length != 0:
            raise self._malformed("falta el marcador de final donde se esperaba")
        if self.handle.read(1):
            raise self._malformed("hay datos después del final")

    def _record_mismatch(self, kind: bytes, length: int, expected: bytes, index: int) -> TamboError:
        if kind == expected:  # the right record with another size: its bytes are not the signed ones
            return self._tampered(expected, index)
        return self._malformed(f"se esperaba {self._item_name(expected, index)}")

    def _walk_blob(
        self, index: int, blob: BundleBlob, on_blob: Callable[[BundleBlob, BlobReader], None] | None
    ) -> None:
        where = self._item_name(BLOB, index)
        kind, length = self._head(where)
        if kind != BLOB or length != blob.size:
            raise self._record_mismatch(kind, length, BLOB, index)
        digest = hashlib.sha256()
        remaining = length

        def read(size: int = -1) -> bytes:
            nonlocal remaining
            want = remaining if size is None or size < 0 else min(size, remaining)
            if want <= 0:
                return b""
            data = self._read_exactly(want, where)
            remaining -= len(data)
            digest.update(data)
            return data

        if on_blob is not None:
            on_blob(blob, BlobReader(read))
        while remaining:
            read(PIECE)
        if digest.hexdigest() != blob.sha256:
            raise self._tampered(BLOB, index)

    def check(self, public: Ed25519PublicKey | None = None) -> BundleManifest:
        """The whole check: signature, every item, the end. The manifest, once it all holds."""
        self.verify_signature(public)
        self.walk()
        return self.manifest

    def envelopes(self) -> Iterator[tuple[BundleEnvelope, bytes]]:
        """The envelopes (checked), for callers that need only them: a small list, read at once."""
        found: list[tuple[BundleEnvelope, bytes]] = []
        self.walk(on_envelope=lambda entry, data: found.append((entry, data)))
        return iter(found)


def read_manifest(path: Path) -> BundleManifest:
    """The manifest of the bundle at ``path`` (unchecked: for listing, never for trusting)."""
    with path.open("rb") as handle:
        return BundleReader(handle, path.name).manifest


def check_bundle_file(path: Path, public: Ed25519PublicKey | None = None) -> BundleManifest:
    """Check the bundle at ``path`` whole (see :meth:`BundleReader.check`); its manifest."""
    with path.open("rb") as handle:
        return BundleReader(handle, path.name).check(public)
