"""ULIDs: canonical form, uniqueness, order and embedded time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from shared import ids
from shared.ids import is_ulid, new_ulid, ulid_timestamp

# 2023-11-14 22:13:20 UTC, a fixed millisecond for the frozen-clock tests.
FROZEN_MS = 1_700_000_000_000
FROZEN_AT = datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)


def _random_part(text: str) -> int:
    """The low 80 bits, decoded independently of the implementation: Crockford base 32."""
    alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    value = 0
    for char in text:
        value = value * 32 + alphabet.index(char)
    return value & ((1 << 80) - 1)


def test_new_ulid_is_canonical() -> None:
    value = new_ulid()
    assert len(value) == 26
    assert value == value.upper()
    assert is_ulid(value)


def test_new_ulids_are_unique() -> None:
    values = {new_ulid() for _ in range(10_000)}
    assert len(values) == 10_000


def test_new_ulids_made_later_sort_later() -> None:
    values = [new_ulid() for _ in range(1_000)]
    assert values == sorted(values)


def test_same_millisecond_ids_are_strictly_increasing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ids, "_now_ms", lambda: FROZEN_MS)
    values = [new_ulid() for _ in range(1_000)]
    assert all(ulid_timestamp(value) == FROZEN_AT for value in values)
    assert values == sorted(set(values))  # strictly increasing
    # Monotonic mode: each random part is the previous one plus one.
    parts = [_random_part(value) for value in values]
    assert parts == list(range(parts[0], parts[0] + 1_000))


def test_random_part_overflow_moves_to_the_next_millisecond(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ids, "_now_ms", lambda: FROZEN_MS)
    monkeypatch.setattr(ids, "_last_ms", FROZEN_MS)
    monkeypatch.setattr(ids, "_last_random", (1 << 80) - 1)
    value = new_ulid()
    assert ulid_timestamp(value) == FROZEN_AT + timedelta(milliseconds=1)
    assert is_ulid(value)


def test_clock_stepping_back_keeps_the_true_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ids, "_now_ms", lambda: FROZEN_MS)
    new_ulid()
    monkeypatch.setattr(ids, "_now_ms", lambda: FROZEN_MS - 5_000)
    assert ulid_timestamp(new_ulid()) == FROZEN_AT - timedelta(seconds=5)


def test_timestamp_is_aware_utc_and_close_to_now() -> None:
    before = datetime.now(UTC).replace(microsecond=0) - timedelta(seconds=1)
    stamp = ulid_timestamp(new_ulid())
    after = datetime.now(UTC) + timedelta(seconds=1)
    assert stamp.tzinfo is not None
    assert stamp.utcoffset() == timedelta(0)
    assert before <= stamp <= after


def test_timestamp_of_known_ulid() -> None:
    # 48-bit time 0x0000_0000_03E8 = 1000 ms after the epoch; "0000000Z8" encodes 1000 (31*32 + 8).
    text = "00000000Z8" + "0" * 16
    assert ulid_timestamp(text) == datetime(1970, 1, 1, 0, 0, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "01ARZ3NDEKTSV4RRFFQ69G5FA",  # 25 characters
        "01ARZ3NDEKTSV4RRFFQ69G5FAVX",  # 27 characters
        "01arz3ndektsv4rrffq69g5fav",  # lower case is not canonical
        "01ARZ3NDEKTSV4RRFFQ69G5FAU",  # U is not in Crockford base 32
        "01ARZ3NDEKTSV4RRFFQ69G5FAI",  # nor I
        "81ARZ3NDEKTSV4RRFFQ69G5FAV",  # first character above 7 overflows 128 bits
        "01ARZ3NDEKTSV4RRFFQ69G5FA-",
    ],
)
def test_is_ulid_rejects(text: str) -> None:
    assert not is_ulid(text)


def test_is_ulid_rejects_non_strings() -> None:
    assert not is_ulid(None)
    assert not is_ulid(123)


def test_is_ulid_accepts_spec_example() -> None:
    assert is_ulid("01ARZ3NDEKTSV4RRFFQ69G5FAV")
    assert is_ulid("7ZZZZZZZZZZZZZZZZZZZZZZZZZ")


def test_timestamp_of_invalid_raises() -> None:
    with pytest.raises(ValueError, match="not a ULID"):
        ulid_timestamp("not-a-ulid")
