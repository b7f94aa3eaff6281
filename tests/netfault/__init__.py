"""A user-space network-fault proxy for tests and benchmarks (127.0.0.1 only). See docs/netfault.md."""

from tests.netfault.listener import LinkState
from tests.netfault.profiles import (
    PROFILES,
    Flapping,
    NetworkProfile,
    OfflineMode,
    get_profile,
    profile_names,
)
from tests.netfault.proxy import FaultProxy
from tests.netfault.rules import CutMode, FaultRule
from tests.netfault.schedules import Schedule
from tests.netfault.stats import ConnectionLog, Event, ProxyStats

__all__ = [
    "PROFILES",
    "ConnectionLog",
    "CutMode",
    "Event",
    "FaultProxy",
    "FaultRule",
    "Flapping",
    "LinkState",
    "NetworkProfile",
    "OfflineMode",
    "ProxyStats",
    "Schedule",
    "get_profile",
    "profile_names",
]
