"""Tracking codes: every single substitution and adjacent transposition is caught; input is forgiving."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared import errors
from shared.tracking import (
    ALPHABET,
    MAX_SERIAL,
    TrackingCode,
    TrackingCodeError,
    is_valid_tracking_code,
    make_tracking_code,
    normalize_tracking_input,
    parse_tracking_code,
    random_device_prefix,
)


def _random_codes(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    codes = []
    for _ in range(count):
        prefix = "".join(rng.choice(ALPHABET) for _ in range(4))
        codes.append(make_tracking_code(prefix, rng.randint(0, MAX_SERIAL)))
    return codes


CODES = _random_codes(200, seed=20260417)


def _compact(code: str) -> str:
    return code.replace("-", "")


def _is_caught(compact: str) -> bool:
    with pytest.raises(TrackingCodeError) as caught:
        parse_tracking_code(compact)
    return caught.value.code == errors.TRACKING_CHECK


def test_alphabet_has_31_unambiguous_symbols() -> None:
    assert len(ALPHABET) == 31
    assert len(set(ALPHABET)) == 31
    assert not set("ILOUV") & set(ALPHABET)


def test_hand_computed_codes() -> None:
    # All-zero code: sum 0, so the check is "0".
    assert make_tracking_code("0000", 0) == "0000-00000-0"
    # Serial 1 puts value 1 at weight 9; 9 + 10 * 27 = 279 = 9 * 31, and symbol 27 is "W".
    assert make_tracking_code("0000", 1) == "0000-00001-W"
    # Serial 31 is "00010": value 1 at weight 8; 8 + 10 * c ≡ 0 → c = 24 ("R"): 8 + 240 = 248 = 8 * 31.
    assert make_tracking_code("0000", 31) == "0000-00010-R"


def test_every_single_substitution_is_caught() -> None:
    tried = 0
    for code in CODES:
        compact = _compact(code)
        for position in range(len(compact)):
            for symbol in ALPHABET:
                if symbol == compact[position]:
                    continue
                mutated = compact[:position] + symbol + compact[position + 1 :]
                assert _is_caught(mutated), (code, mutated)
                tried += 1
    assert tried == 200 * 10 * 30


def test_every_adjacent_transposition_is_caught() -> None:
    tried = 0
    for code in CODES:
        compact = _compact(code)
        for position in range(len(compact) - 1):
            a, b = compact[position], compact[position + 1]
            if a == b:
                continue
            mutated = compact[:position] + b + a + compact[position + 2 :]
            assert _is_caught(mutated), (code, mutated)
            tried += 1
    assert tried > 200 * 8  # most pairs differ


def test_suggestions_contain_the_original_after_an_adjacent_swap() -> None:
    for code in CODES:
        compact = _compact(code)
        for position in range(len(compact) - 1):
            a, b = compact[position], compact[position + 1]
            if a == b:
                continue
            mutated = compact[:position] + b + a + compact[position + 2 :]
            with pytest.raises(TrackingCodeError) as caught:
                parse_tracking_code(mutated)
            suggestions = caught.value.details["suggestions"]
            assert code in suggestions
            assert all(is_valid_tracking_code(s) for s in suggestions)


@pytest.mark.parametrize("serial", [0, 1, 30, 31, 12_345, MAX_SERIAL])
def test_round_trip(serial: int) -> None:
    code = make_tracking_code("K7ZQ", serial)
    parsed = parse_tracking_code(code)
    assert parsed.device_prefix == "K7ZQ"
    assert parsed.serial == serial
    assert str(parsed) == code


def test_max_serial_is_all_z() -> None:
    assert MAX_SERIAL == 31**5 - 1
    assert make_tracking_code("0000", MAX_SERIAL).split("-")[1] == "ZZZZZ"


@given(
    prefix=st.text(alphabet=ALPHABET, min_size=4, max_size=4),
    serial=st.integers(min_value=0, max_value=MAX_SERIAL),
)
def test_round_trip_property(prefix: str, serial: int) -> None:
    code = make_tracking_code(prefix, serial)
    assert len(code) == 12
    assert parse_tracking_code(code) == TrackingCode(prefix, serial, code[-1])


def test_distinct_serials_give_distinct_codes() -> None:
    codes = {make_tracking_code("AB12", serial) for serial in range(5_000)}
    assert len(codes) == 5_000


@pytest.mark.parametrize("serial", [-1, MAX_SERIAL + 1, True, 1.0, "1"])
def test_make_rejects_bad_serial(serial: object) -> None:
    with pytest.raises(ValueError, match="serial"):
        make_tracking_code("AB12", serial)  # type: ignore[arg-type]


@pytest.mark.parametrize("prefix", ["", "AB1", "AB123", "ab12", "AB1O", "ABIU", "ABV2", "AB-2", 1234])
def test_make_rejects_bad_prefix(prefix: object) -> None:
    with pytest.raises(ValueError, match="prefix"):
        make_tracking_code(prefix, 1)  # type: ignore[arg-type]


def test_forgiving_input() -> None:
    code = make_tracking_code("0011", 100)  # has zeros and ones to type as O, I and L
    assert code.startswith("0011-")
    sloppy = " o o-I l " + code[5:].lower().replace("-", " ") + "  "
    assert normalize_tracking_input(sloppy) == _compact(code)
    assert str(parse_tracking_code(sloppy)) == code
    assert is_valid_tracking_code(_compact(code).lower())


def test_normalize_does_not_validate() -> None:
    assert normalize_tracking_input("ab-c u v") == "ABCUV"


@pytest.mark.parametrize("text", ["", "ABCD-1234-5", "ABCD-12345-67", "ABCD12345"])
def test_wrong_length_is_a_format_error(text: str) -> None:
    with pytest.raises(TrackingCodeError) as caught:
        parse_tracking_code(text)
    assert caught.value.code == errors.TRACKING_FORMAT


def test_non_string_is_a_format_error() -> None:
    with pytest.raises(TrackingCodeError) as caught:
        parse_tracking_code(None)  # type: ignore[arg-type]
    assert caught.value.code == errors.TRACKING_FORMAT


def test_bad_character_position_ignores_separators() -> None:
    # U is the 6th symbol (the hyphen does not count), V the 9th.
    with pytest.raises(TrackingCodeError) as caught:
        parse_tracking_code("AB12-3U45V-7")
    error = caught.value
    assert error.code == errors.TRACKING_CHARACTER
    assert error.params == {"char": "U", "position": 6}
    assert error.details["positions"] == [6, 9]
    assert "«U»" in error.message("es")
    assert "posición 6" in error.message("es")
    assert "position 6" in error.message("en")


def test_bad_character_reported_as_typed() -> None:
    with pytest.raises(TrackingCodeError) as caught:
        parse_tracking_code("ab12 34#56 7")
    assert caught.value.params == {"char": "#", "position": 7}


def test_check_failure_without_swap_has_no_false_suggestion() -> None:
    code = make_tracking_code("AB12", 777)
    compact = _compact(code)
    # Replace the check symbol: no adjacent swap of the body can restore a valid code...
    wrong = compact[:-1] + next(s for s in ALPHABET if s != compact[-1])
    with pytest.raises(TrackingCodeError) as caught:
        parse_tracking_code(wrong)
    # ...unless by coincidence; whatever is suggested must be valid and differ by exactly one swap.
    for suggestion in caught.value.details["suggestions"]:
        fixed = _compact(suggestion)
        diffs = [i for i in range(10) if fixed[i] != wrong[i]]
        assert len(diffs) == 2
        assert diffs[1] == diffs[0] + 1
        assert is_valid_tracking_code(suggestion)


def test_random_device_prefix_is_usable() -> None:
    for _ in range(100):
        prefix = random_device_prefix()
        assert len(prefix) == 4
        assert set(prefix) <= set(ALPHABET)
        assert is_valid_tracking_code(make_tracking_code(prefix, 1))


def test_error_is_a_tambo_error_with_wire_shape() -> None:
    code = make_tracking_code("AB12", 4567)
    wrong = code[:-1] + ("0" if code[-1] != "0" else "1")
    with pytest.raises(errors.TamboError) as caught:
        parse_tracking_code(wrong)
    body = caught.value.to_dict()
    assert body["error"]["code"] == errors.TRACKING_CHECK
    assert isinstance(body["error"]["details"]["suggestions"], list)


def test_v_heard_for_b_is_explained_and_fixed() -> None:
    code = make_tracking_code("AB12", 9_876)  # B is the 2nd symbol
    typed = "av12" + code[4:].lower()  # a clerk heard "ve" for "be"
    with pytest.raises(TrackingCodeError) as caught:
        parse_tracking_code(typed)
    error = caught.value
    assert error.code == errors.TRACKING_CHARACTER
    assert error.params == {"char": "v", "position": 2}
    assert error.details["maybe"] == [{"position": 2, "probably": "B"}]
    assert error.details["suggestions"] == [code]


def test_v_where_b_is_wrong_too_suggests_nothing() -> None:
    code = make_tracking_code("AC12", 9_876)
    # B in place of C is a single substitution, which the check always catches: no suggestion.
    with pytest.raises(TrackingCodeError) as caught:
        parse_tracking_code("AV12" + code[4:])
    assert caught.value.details["maybe"] == [{"position": 2, "probably": "B"}]
    assert caught.value.details["suggestions"] == []


def test_u_gets_no_guess() -> None:
    code = make_tracking_code("AB12", 9_876)
    with pytest.raises(TrackingCodeError) as caught:
        parse_tracking_code("AVU2" + code[4:])
    assert caught.value.details["positions"] == [2, 3]
    assert caught.value.details["maybe"] == [{"position": 2, "probably": "B"}]
    assert caught.value.details["suggestions"] == []
