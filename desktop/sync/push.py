"""Push: the outbox to the server, attachments first, envelopes in compressed batches.

Order per page of the queue (oldest first): every attachment the page's submissions still need is
uploaded (resumably), then their envelopes go in gzip-compressed batches of at most 250, each about
as big as the link carries in a few seconds (the same measurement that sizes attachment chunks), so a
cut on EDGE loses a small batch; each batch's acks are recorded in ONE local transaction. An item
leaves the queue only on ``accepted`` or ``duplicate``; ``rejected`` and ``conflict`` stay on the
device with the server's reason in Spanish, never blocking the items behind them;
``need_attachments`` gets its files (again) and one more push.

A whole batch the server refuses as malformed or too large is split in halves until the one item at
fault is found and set aside as rejected, so one bad envelope cannot hold back the rest. Transient
failures (cuts, 5xx) are raised to the run, which waits and calls :meth:`Pusher.push_pending` again:
the queue is re-read, so acked items are not sent twice and a half-uploaded file resumes.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from desktop.store import Store, outbox, syncing
from desktop.store.syncing import Ack, QueuedItem
from desktop.sync.client import ServerClient
from desktop.sync.errors import ServerRefusal, TransientError, bad_response
from desktop.sync.progress import SyncReport
from desktop.sync.uploads import ChunkSizer, upload_file
from shared import errors
from shared.errors import TamboError
from shared.protocol import ItemResult

#: Envelopes per push request, and a bound on the request body before compression.
BATCH_ITEMS = 250
BATCH_BYTES = 4 * 1024 * 1024
#: A push is never smaller than this (a few envelopes), and its envelope bytes are budgeted as the
#: sizer's bytes per request times this (the compression ratio of envelopes, measured about 1.5).
MIN_BATCH_BYTES = 8 * 1024
RAW_PER_SENT_BYTE = 1.5
#: Refusals of a whole batch that say "something in here is wrong": split it to find the item.
_SPLIT_CODES = frozenset(
    {
        errors.PROTOCOL_INVALID,
        errors.PROTOCOL_MALFORMED,
        errors.REQUEST_TOO_LARGE,
        errors.REQUEST_MALFORMED_JSON,
    }
)

#: Refusals of one attachment that make its submission impossible to send as it is.
_FILE_REFUSALS = frozenset(
    {
        errors.ATTACHMENT_TOO_LARGE,
        errors.ATTACHMENT_SIZE_MISMATCH,
        errors.FIELD_ATTACHMENT_TYPE,
        errors.FIELD_ATTACHMENT_TOO_LARGE,
        errors.PROTOCOL_INVALID,
        errors.REQUEST_TOO_LARGE,
    }
)


def reason_text(code: str, details: dict | None) -> str:
    """The Spanish sentence a clerk reads for a rejected item (each invalid field named)."""
    details = dict(details or {})
    problems = details.get("errors") if isinstance(details.get("errors"), list) else []
    params = {**details, "count": len(problems)}
    text = errors.message(code, **params)
    listed = [
        f"{p.get('path', '')}: {p.get('message', '')}".strip(": ")
        for p in problems[:5]
        if isinstance(p, dict)
    ]
    if listed:
        text += " " + "; ".join(listed) + ("…" if len(problems) > 5 else "")
    return text


@dataclass
class PushCounters:
    """Progress of the push phase: items acked of the total, attachment bytes on the server of the total."""

    items_total: int = 0
    items_done: int = 0
    bytes_total: int = 0
    bytes_done: int = 0
    file_done: int = 0
    file_total: int = 0
    uploaded: set[str] = field(default_factory=set)


class Pusher:
    def __init__(
        self,
        store: Store,
        client: ServerClient,
        report: SyncReport,
        *,
        sizer: ChunkSizer | None = None,
        on_progress: Callable[[str], None] | None = None,
        batch_items: int = BATCH_ITEMS,
        batch_bytes: int = BATCH_BYTES,
    ) -> None:
        self.store, self.client, self.report = store, client, report
        self.sizer = sizer or ChunkSizer()
        self.on_progress = on_progress or (lambda _phase: None)
        self.batch_items, self.batch_bytes = batch_items, batch_bytes
        self.counters = PushCounters()

    # --- the queue ----------------------------------------------------------------------------------
    def push_pending(self) -> None:
        """Push every pending item, page by page in save order."""
        after = 0
        while True:
            page = self.store.read(lambda db, after=after: syncing.queue_page(db, after, self.batch_items))
            if not page:
                return
            after = page[-1].seq
            self.push_items(page)

    def push_items(self, items: Sequence[QueuedItem]) -> None:
        """Upload what these items need, then push them (also used to re-push what health found missing)."""
        ready = self._with_attachments(items)
        for batch in self._batches(ready):
            self._push_batch(batch)

    # --- attachments --------------------------------------------------------------------------------
    def _with_attachments(self, items: Sequence[QueuedItem], force: Iterable[str] = ()) -> list[QueuedItem]:
        """The items whose attachments are on the server; the others get their reason recorded."""
        forced = set(force)
        ready: list[QueuedItem] = []
        acks: list[Ack] = []
        for item in items:
            try:
                for attachment in item.attachments:
                    sha = attachment.sealed_sha256
                    if sha in self.counters.uploaded or (attachment.uploaded and sha not in forced):
                        continue
                    self._upload(sha, attachment.sealed_size, attachment.media_type)
            except ServerRefusal as exc:
                if exc.code not in _FILE_REFUSALS:
                    raise  # about the device, not this file: the run stops
                acks.append(Ack(item.submission_id, "rejected", code=exc.code, reason=exc.message()))
                continue
            except TamboError as exc:
                if exc.code != errors.SYNC_ATTACHMENT_LOST:
                    raise
                acks.append(Ack(item.submission_id, "retry", reason=exc.message()))
                continue
            ready.append(item)
        if acks:
            self.store.write(lambda db: syncing.apply_acks(db, acks))
        return ready

    def _upload(self, sha256: str, size: int, media_type: str) -> None:
        counters = self.counters
        self.on_progress("uploading")

        def moved(offset: int, total: int) -> None:
            counters.bytes_done += max(0, offset - counters.file_done)
            counters.file_done, counters.file_total = offset, total
            self.on_progress("uploading")

        counters.file_done, counters.file_total = 0, size

        def sent_bytes(count: int) -> None:
            self.report.uploaded_bytes += count

        sent = upload_file(
            self.client,
            self.store.blobs.path(sha256),
            sha256,
            size,
            media_type,
            self.sizer,
            moved,
            sent_bytes,
        )
        self.store.write(lambda db: outbox.mark_attachment_uploaded(db, sha256))
        counters.uploaded.add(sha256)
        self.report.attachments_uploaded += int(sent > 0)

    # --- envelopes ----------------------------------------------------------------------------------
    def _batches(self, items: Sequence[QueuedItem]) -> Iterable[list[QueuedItem]]:
        batch: list[QueuedItem] = []
        size = 0
        for item in items:
            if batch and (len(batch) >= self.batch_items or size + len(item.envelope) > self._batch_budget()):
                yield batch
                batch, size = [], 0
            batch.append(item)
            size += len(item.envelope)
        if batch:
            yield batch

    def _batch_budget(self) -> int:
        """Envelope bytes per push: about as many as the link carries in the sizer's target time
        (gzip makes them ~2/3), so a cut on a slow link loses a small batch, not 250 envelopes."""
        return max(MIN_BATCH_BYTES, min(self.batch_bytes, int(self.sizer.size * RAW_PER_SENT_BYTE)))

    def _push_batch(self, batch: list[QueuedItem], *, retried: bool = False) -> None:
        self.on_progress("pushing")
        started = time.monotonic()
        try:
            response = self.client.push_raw([item.envelope.encode("utf-8") for item in batch])
            self.sizer.observe(self.client.last_body_bytes, time.monotonic() - started)
        except TransientError:
            self.sizer.failed()
            raise
        except ServerRefusal as exc:
            if exc.code not in _SPLIT_CODES:
                raise  # about the device or the request (revoked, bad signature...): the run stops
            if len(batch) == 1:
                self._record([Ack(batch[0].submission_id, "rejected", code=exc.code, reason=exc.message())])
                return
            middle = len(batch) // 2
            self._push_batch(batch[:middle], retried=retried)
            self._push_batch(batch[middle:], retried=retried)
            return
        acks: list[Ack] = []
        needing: list[tuple[QueuedItem, ItemResult]] = []
        for item, result in zip(batch, response.results, strict=True):
            if result.id != item.submission_id:
                raise bad_response("los resultados no corresponden a lo enviado")
            if result.status == "need_attachments" and not retried:
                needing.append((item, result))
            else:
                acks.append(self._ack(item, result))
        self._record(acks)
        if needing:
            missing = {sha for _item, result in needing for sha in result.missing}
            again = self._with_attachments([item for item, _result in needing], force=missing)
            if again:
                self._push_batch(again, retried=True)

    def _ack(self, item: QueuedItem, result: ItemResult) -> Ack:
        if result.status == "accepted":
            self.report.accepted += 1
            return Ack(item.submission_id, "sent", server_seq=result.seq)
        if result.status == "duplicate":
            self.report.duplicates += 1
            return Ack(item.submission_id, "sent", server_seq=result.seq, duplicate=True)
        if result.status == "need_attachments":  # still missing after uploading them: try next run
            return Ack(item.submission_id, "retry", reason=errors.message(errors.ATTACHMENT_MISSING))
        self.report.rejected += 1
        code = result.code or errors.SUBMISSION_CONFLICT
        return Ack(item.submission_id, "rejected", code=code, reason=reason_text(code, result.details))

    def _record(self, acks: list[Ack]) -> None:
        if not acks:
            return
        self.store.write(lambda db: syncing.apply_acks(db, acks))
        self.counters.items_done += sum(1 for ack in acks if ack.kind != "retry")
        self.on_progress("pushing")
