"""Profiles carry the figures of the domain table, load by any reasonable spelling, and validate."""

from __future__ import annotations

import pytest

from tests.netfault import PROFILES, Flapping, get_profile, profile_names
from tests.netfault.shaping import SEGMENT_BYTES, LinkParams

# The table "Network conditions to simulate" (down kbps, up kbps, rtt ms, jitter ms, loss).
DOMAIN_TABLE = {
    "4G rural": (10_000, 2_000, 60, 0, 0.005),
    "4G poor (Loreto)": (3_000, 1_000, 120, 40, 0.045),
    "3G slow": (780, 330, 200, 0, 0.02),
    "EDGE": (240, 200, 840, 0, 0.05),
    "GPRS": (50, 20, 500, 0, 0.05),
    "satellite (geostationary)": (1_000, 256, 650, 0, 0.02),
}


@pytest.mark.parametrize(("label", "figures"), DOMAIN_TABLE.items())
def test_profiles_have_the_domain_table_figures(label: str, figures: tuple) -> None:
    profile = get_profile(label)
    assert (profile.down_kbps, profile.up_kbps, profile.rtt_ms, profile.jitter_ms, profile.loss) == figures


def test_satellite_spikes_to_three_seconds_and_flapping_is_5_min_up_30_down() -> None:
    assert get_profile("satellite").spike_rtt_ms == 3_000
    assert get_profile("satellite").spike_probability > 0
    assert get_profile("flapping").flapping == Flapping(up_s=300, down_s=1_800, down_mode="refuse")


def test_perfect_does_nothing() -> None:
    link = LinkParams.from_profile(get_profile("perfect"), "up")
    assert link.rate_bps is None
    assert (link.one_way_s, link.loss, link.reset_probability, link.handshake_s) == (0, 0, 0, 0)


@pytest.mark.parametrize(
    ("spelling", "name"),
    [
        ("EDGE", "edge"),
        ("3G_slow", "3g-slow"),
        ("4g poor", "4g-poor"),
        ("Loreto", "4g-poor"),
        ("Satellite (geostationary)", "satellite"),
        ("  GPRS ", "gprs"),
    ],
)
def test_profiles_load_by_name_in_any_spelling(spelling: str, name: str) -> None:
    assert get_profile(spelling).name == name


def test_every_profile_is_listed_and_unknown_names_say_what_exists() -> None:
    assert set(profile_names()) == {
        "perfect",
        "4g-rural",
        "4g-poor",
        "3g-slow",
        "edge",
        "gprs",
        "satellite",
        "flapping",
    }
    with pytest.raises(ValueError, match=r"unknown network profile 'lte-advanced'.*edge"):
        get_profile("lte-advanced")


def test_link_params_convert_the_edge_figures_to_bytes_and_seconds() -> None:
    edge = get_profile("edge")
    up = LinkParams.from_profile(edge, "up")
    down = LinkParams.from_profile(edge, "down", bandwidth_scale=10)
    assert up.rate_bps == 25_000  # 200 kbps
    assert down.rate_bps == 300_000  # 240 kbps x 10
    assert up.one_way_s == pytest.approx(0.42)
    assert up.stall_s == pytest.approx(1.04)  # one round trip + 200 ms minimum RTO
    assert up.handshake_s == pytest.approx(0.84)
    assert up.reset_probability == pytest.approx(0.5 * SEGMENT_BYTES / 1e6)
    # A 1 MB upload at EDGE's 200 kbps takes 40 s of link time: the figure the brief names.
    assert 1_000_000 / up.rate_bps == 40


def test_with_changes_copies_and_validates() -> None:
    edge = get_profile("edge")
    calm = edge.with_changes(loss=0)
    assert calm.loss == 0
    assert edge.loss == 0.05
    assert calm.up_kbps == edge.up_kbps
    with pytest.raises(ValueError, match="fraction"):
        edge.with_changes(loss=1.5)
    with pytest.raises(ValueError, match="positive"):
        edge.with_changes(up_kbps=0)
    with pytest.raises(ValueError, match="rtt_ms"):
        edge.with_changes(rtt_ms=-1)
    with pytest.raises(ValueError, match="down_mode"):
        Flapping(1, 1, "unplugged")  # type: ignore[arg-type]


def test_summaries_name_the_figures() -> None:
    assert "spikes to 3000 ms" in PROFILES["satellite"].summary()
    assert "up 300 s / down 1800 s" in PROFILES["flapping"].summary()
    assert "± 40 ms" in PROFILES["4g-poor"].summary()
