"""The link model and rule tracking on their own, without sockets: exact arithmetic, seeded fates."""

from __future__ import annotations

import random

import pytest

from tests.netfault import get_profile
from tests.netfault.rules import FaultRule, RuleTracker
from tests.netfault.shaping import SEGMENT_BYTES, LinkClock, LinkParams, SegmentFates, seeded_rng

LOSSY = LinkParams.from_profile(get_profile("perfect").with_changes(loss=0.1, resets_per_mb=50), "up")


def test_link_clock_paces_at_the_rate_and_stalls_add_up() -> None:
    clock = LinkClock()
    finish = 0.0
    for _ in range(100):  # 100 slices of 500 bytes at 10,000 B/s, offered all at once
        finish = clock.send(now=0.0, nbytes=500, rate_bps=10_000)
    assert finish == pytest.approx(5.0)
    clock.stall(now=5.0, seconds=1.5)
    assert clock.send(now=5.0, nbytes=1_000, rate_bps=10_000) == pytest.approx(6.6)


def test_link_clock_catches_up_only_a_little_after_idling() -> None:
    clock = LinkClock(free_at=0.0)
    # Idle for 10 s: the link may not bank 10 s of credit, only the small catch-up allowance.
    finish = clock.send(now=10.0, nbytes=10_000, rate_bps=10_000)
    assert 10.9 < finish <= 11.0


def test_uncapped_links_never_wait() -> None:
    assert LinkClock().send(now=3.0, nbytes=10**9, rate_bps=None) == 3.0


def _fates(seed: int, chunks: list[int]) -> list[tuple[int, bool, bool, bool]]:
    fates = SegmentFates(seeded_rng(seed, 1, "up", "fate"))
    drawn, offset = [], 0
    for size in chunks:
        drawn += [(f.index, f.lost, f.reset, f.spike) for f in fates.touched(offset, offset + size, LOSSY)]
        offset += size
    return drawn


def test_fates_depend_on_the_bytes_not_on_how_reads_chunk_them() -> None:
    total = 300 * SEGMENT_BYTES
    rng = random.Random(5)
    ragged = []
    while sum(ragged) < total:
        ragged.append(min(rng.randint(1, 9000), total - sum(ragged)))
    assert _fates(42, [total]) == _fates(42, ragged) == _fates(42, [1] * 2000 + [total - 2000])
    assert [f[0] for f in _fates(42, ragged)] == list(range(300))
    assert _fates(42, [total]) != _fates(43, [total])


def test_fates_follow_the_configured_probabilities() -> None:
    drawn = _fates(7, [20_000 * SEGMENT_BYTES])
    lost = sum(f[1] for f in drawn) / len(drawn)
    resets = sum(f[2] for f in drawn) / len(drawn)
    assert lost == pytest.approx(0.1, rel=0.15)
    assert resets == pytest.approx(50 * SEGMENT_BYTES / 1e6, rel=0.25)
    assert not any(f[3] for f in drawn)  # no spikes configured


def test_a_match_arms_a_rule_across_read_boundaries() -> None:
    rule = FaultRule("cut", "up", after_bytes=10, match=b"POST /api/v1/push")
    tracker = RuleTracker()
    stream = b"GET /healthz HTTP/1.1\r\n\r\nPOST /api/v1/push HTTP/1.1\r\n" + b"x" * 100
    split = stream.index(b"/api") + 3  # the pattern straddles two reads
    first, second = stream[:split], stream[split:]
    assert tracker.scan_upstream([rule], first, 0, down_offset=0) == []
    assert tracker.first_cut([rule], "up", 0, len(first)) is None
    assert tracker.scan_upstream([rule], second, len(first), down_offset=0) == [rule]
    cut = tracker.first_cut([rule], "up", len(first), len(stream))
    assert cut is not None
    assert cut.offset == stream.index(b"POST") + 10
    assert rule.fired == 1
    assert not rule.active


def test_a_response_rule_arms_at_the_current_downstream_offset_and_needs_a_byte_beyond() -> None:
    rule = FaultRule("drop_response", "down", after_bytes=5, match=b"POST", times=None)
    tracker = RuleTracker()
    tracker.scan_upstream([rule], b"POST /x", 0, down_offset=300)
    assert tracker.first_cut([rule], "down", 300, 305) is None  # exactly keep_bytes: not a drop
    cut = tracker.first_cut([rule], "down", 305, 400)
    assert cut is not None
    assert cut.offset == 305
    assert rule.active


def test_rules_validate_their_arguments() -> None:
    with pytest.raises(ValueError, match="direction"):
        FaultRule("cut", "sideways", 1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="mode"):
        FaultRule("cut", "up", 1, mode="explode")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="times"):
        FaultRule("cut", "up", 1, times=0)
    with pytest.raises(ValueError, match="match"):
        FaultRule("cut", "up", 1, match=b"")
