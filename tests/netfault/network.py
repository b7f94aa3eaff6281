"""The state every connection through one proxy shares; only the proxy's loop thread touches it."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from tests.netfault.profiles import NetworkProfile
from tests.netfault.rules import FaultRule
from tests.netfault.shaping import DIRECTIONS, Direction, LinkParams
from tests.netfault.stats import Counters, EventLog

if TYPE_CHECKING:
    from tests.netfault.relay import Relay


class Network:
    """Profile, rules, link state and the open connections of one proxy."""

    def __init__(
        self,
        *,
        loop: asyncio.AbstractEventLoop,
        target: tuple[str, int],
        profile: NetworkProfile,
        seed: int,
        time_scale: float,
        bandwidth_scale: float,
        counters: Counters,
        log: EventLog,
    ) -> None:
        self.loop = loop
        self.target = target
        self.seed = seed
        self.time_scale = time_scale
        self.bandwidth_scale = bandwidth_scale
        self.counters = counters
        self.log = log
        self.rules: list[FaultRule] = []
        self.relays: dict[int, Relay] = {}
        #: Cleared while the link is black-holed: open connections hold their bytes until it is set.
        self.link_up = asyncio.Event()
        self.link_up.set()
        self.profile = profile
        self.links: dict[Direction, LinkParams] = {}
        self.set_profile(profile)

    def set_profile(self, profile: NetworkProfile) -> None:
        """Takes effect at once, also on open connections (from their next slice)."""
        self.profile = profile
        self.links = {d: LinkParams.from_profile(profile, d, self.bandwidth_scale) for d in DIRECTIONS}

    def add_rule(self, rule: FaultRule) -> None:
        """Rules without a match count from now on connections already open."""
        self.rules = [r for r in self.rules if r.active] + [rule]
        for relay in self.relays.values():
            relay.arm(rule)

    def active_rules(self) -> list[FaultRule]:
        return [r for r in self.rules if r.active]
