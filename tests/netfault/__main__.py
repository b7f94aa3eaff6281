"""Run the fault proxy by hand, in front of a running server:

    python -m tests.netfault --listen 127.0.0.1:9000 --target 127.0.0.1:8765 --profile edge

then point the desktop app at http://127.0.0.1:9000. Ctrl+C (or SIGTERM) stops it and prints what
the network did. Exit codes: 0 stopped normally, 2 bad arguments.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Sequence

from tests.netfault.profiles import OFFLINE_MODES, PROFILES, get_profile
from tests.netfault.proxy import FaultProxy
from tests.netfault.rules import CUT_MODES


def _address(text: str) -> tuple[str, int]:
    host, sep, port = text.rpartition(":")
    if not sep or not port.isdigit():
        raise argparse.ArgumentTypeError(f"expected HOST:PORT, got {text!r}")
    if host not in ("127.0.0.1", "localhost"):
        raise argparse.ArgumentTypeError(f"netfault only uses 127.0.0.1, not {host!r}")
    return "127.0.0.1", int(port)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m tests.netfault",
        description="A TCP proxy on 127.0.0.1 that behaves like a bad network (see docs/netfault.md).",
    )
    parser.add_argument("--listen", type=_address, default=("127.0.0.1", 0), help="HOST:PORT (port 0: any)")
    parser.add_argument("--target", type=_address, help="HOST:PORT of the server, e.g. 127.0.0.1:8765")
    parser.add_argument("--profile", default="perfect", help=f"one of: {', '.join(PROFILES)}")
    parser.add_argument("--seed", type=int, help="make loss, resets, spikes and jitter reproducible")
    parser.add_argument("--time-scale", type=float, default=1.0, help="multiplies schedule periods")
    parser.add_argument("--bandwidth-scale", type=float, default=1.0, help="multiplies both rate caps")
    parser.add_argument("--cut-every", type=float, metavar="SECONDS", help="cut all connections periodically")
    parser.add_argument("--cut-mode", choices=CUT_MODES, default="reset")
    parser.add_argument("--offline", choices=OFFLINE_MODES, help="start with the link down")
    parser.add_argument("--stats-every", type=float, metavar="SECONDS", help="print counters periodically")
    parser.add_argument("--list-profiles", action="store_true", help="print the profiles and exit")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.list_profiles:
        for profile in PROFILES.values():
            print(f"{profile.summary()}\n    {profile.description}")
        return 0
    if args.target is None:
        parser.error("--target is required")
    try:
        profile = get_profile(args.profile)
        proxy = FaultProxy(
            args.target[1],
            profile,
            listen_port=args.listen[1],
            seed=args.seed,
            time_scale=args.time_scale,
            bandwidth_scale=args.bandwidth_scale,
        )
    except ValueError as exc:
        parser.error(str(exc))

    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    with proxy:
        if args.cut_every:
            proxy.cut_every(args.cut_every, mode=args.cut_mode)
        if args.offline:
            proxy.go_offline(args.offline)
        print(f"netfault: listening on {proxy.url} -> http://127.0.0.1:{args.target[1]}", flush=True)
        print(f"netfault: {profile.summary()} (seed {proxy.seed})", flush=True)
        while not stop.wait(args.stats_every or 3600):
            stats = proxy.stats()
            print(f"netfault: {', '.join(f'{k}={v:g}' for k, v in stats.as_dict().items() if v)}", flush=True)
    print(proxy.report(last_connections=10), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
