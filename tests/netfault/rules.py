"""Fault rules: cut a connection after N bytes, or drop a response the server already committed.

A rule counts bytes in one direction from the moment it is *armed* on a connection: at the start
of a connection opened after the rule was added, at the moment the rule was added for a connection
already open, or, when the rule has a ``match``, at the first occurrence of that byte string in the
connection's upstream bytes (``b"POST /api/v1/push"``), so a test can break the push without
breaking the health check that travels on the same keep-alive connection before it.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Literal

from tests.netfault.shaping import DIRECTIONS, Direction

CutMode = Literal["reset", "close", "hang"]
CUT_MODES: tuple[CutMode, ...] = ("reset", "close", "hang")
RuleKind = Literal["cut", "drop_response"]

_rule_ids = itertools.count(1)


@dataclass(eq=False)
class FaultRule:
    """A live rule; the handle ``cut_after`` and ``drop_response`` return.

    ``fired`` and ``cancel()`` are safe from any thread: the proxy's loop only reads ``cancelled``
    and only it increments ``fired``.
    """

    kind: RuleKind
    direction: Direction
    after_bytes: int
    match: bytes | None = None
    mode: CutMode = "reset"
    times: int | None = 1  # None: every connection that reaches it
    id: int = field(default_factory=lambda: next(_rule_ids))
    fired: int = 0
    cancelled: bool = False

    def __post_init__(self) -> None:
        if self.direction not in DIRECTIONS:
            raise ValueError(f"direction must be 'up' or 'down', not {self.direction!r}")
        if self.mode not in CUT_MODES:
            raise ValueError(f"mode must be one of {CUT_MODES}, not {self.mode!r}")
        if self.after_bytes < 0:
            raise ValueError("after_bytes must not be negative")
        if self.times is not None and self.times < 1:
            raise ValueError("times must be at least 1, or None for every connection")
        if self.match is not None and not self.match:
            raise ValueError("match must be a non-empty byte string")

    @property
    def active(self) -> bool:
        return not self.cancelled and (self.times is None or self.fired < self.times)

    def cancel(self) -> None:
        self.cancelled = True

    def describe(self) -> str:
        what = (
            f"drop response after {self.after_bytes} bytes"
            if self.kind == "drop_response"
            else f"cut {self.direction} after {self.after_bytes} bytes"
        )
        when = f" of the request matching {self.match!r}" if self.match else ""
        times = "every time" if self.times is None else f"{self.fired}/{self.times} fired"
        return f"rule {self.id}: {what}{when}, {self.mode}, {times}"


@dataclass(frozen=True)
class PendingCut:
    """A cut decided while reading: deliver up to ``offset``, then act."""

    offset: int
    mode: CutMode
    reason: str  # cut, drop_response, reset (random), schedule
    rule: FaultRule | None = None


class RuleTracker:
    """Where each rule is armed on one connection (stream offsets in the rule's direction)."""

    def __init__(self) -> None:
        self._armed: dict[int, int] = {}
        self._tail = b""

    def arm(self, rule: FaultRule, offsets: dict[Direction, int]) -> None:
        """Arm a rule without a match, counting from the current position of its direction."""
        if rule.match is None and rule.id not in self._armed:
            self._armed[rule.id] = offsets[rule.direction]

    def scan_upstream(
        self, rules: list[FaultRule], data: bytes, start: int, down_offset: int
    ) -> list[FaultRule]:
        """Arm rules whose match appears in these upstream bytes (also across read boundaries)."""
        waiting = [r for r in rules if r.match and r.active and r.id not in self._armed]
        if not waiting:
            self._tail = b""
            return []
        window = self._tail + data
        base = start - len(self._tail)
        armed = []
        for rule in waiting:
            assert rule.match is not None
            index = window.find(rule.match)
            if index >= 0:
                self._armed[rule.id] = base + index if rule.direction == "up" else down_offset
                armed.append(rule)
        keep = max(len(r.match or b"") for r in waiting) - 1
        self._tail = window[-keep:] if keep > 0 else b""
        return armed

    def first_cut(
        self, rules: list[FaultRule], direction: Direction, start: int, end: int
    ) -> PendingCut | None:
        """The earliest armed rule that the bytes [start, end) reach; it is claimed (fired) here.

        A rule cuts *before* byte ``armed + after_bytes``, so it fires only once a byte beyond the
        allowance arrives: a response of exactly ``keep_bytes`` is not a dropped response.
        """
        best: tuple[int, FaultRule] | None = None
        for rule in rules:
            if rule.direction != direction or not rule.active or rule.id not in self._armed:
                continue
            at = max(self._armed[rule.id] + rule.after_bytes, start)
            if at < end and (best is None or at < best[0]):
                best = (at, rule)
        if best is None:
            return None
        at, rule = best
        rule.fired += 1
        return PendingCut(offset=at, mode=rule.mode, reason=rule.kind, rule=rule)
