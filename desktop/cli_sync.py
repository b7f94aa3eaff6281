"""``tambo sync [--once]`` and the online half of ``tambo enroll`` (``--server URL --code CODE``).

``tambo sync --once`` runs one sync (the same engine as the window, on this thread) with a progress bar
on the terminal and exits: 0 when the run finished (items the server rejected are listed, with their
reasons, on stderr), 8 when the server could not be reached or the run was cut short (try again
later: nothing is lost), 9 when the server refuses this device (revoked, unknown). Without ``--once``
it keeps syncing (start, every ``--interval`` seconds, backoff while offline) until Ctrl+C.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from desktop.cli_commands import _with_backend, command
from desktop.ops.backend import LocalBackend
from desktop.store import syncing
from desktop.sync.engine import DEFAULT_INTERVAL, SyncEngine, SyncEvent
from desktop.sync.enrollment import enroll_with_code
from desktop.sync.errors import ServerRefusal, TransientError
from desktop.sync.progress import SyncReport
from desktop.sync.terminal import TerminalProgress, summary_lines
from shared import errors
from shared.errors import TamboError

EXIT_OK, EXIT_INCOMPLETE, EXIT_REFUSED = 0, 8, 9


def server_option(args: argparse.Namespace) -> str | None:
    """``--server`` given to the command, else to ``tambo`` itself."""
    return getattr(args, "command_server", None) or getattr(args, "server", None)


def enroll_online(backend: LocalBackend, args: argparse.Namespace) -> None:
    url = server_option(args)
    if not url:
        raise TamboError(errors.SYNC_NO_SERVER)
    enroll_with_code(backend, url, args.code, device_name=args.name)


def report_outcome(report: SyncReport, backend: LocalBackend) -> int:
    problems = backend.store.read(syncing.problem_items)
    for line in summary_lines(report, problems):
        print(line, file=sys.stderr)
    error = report.error
    if error is None:
        return EXIT_OK
    message = error.message() if isinstance(error, TamboError) else str(error)
    print(f"tambo: {message}", file=sys.stderr)
    if isinstance(error, TransientError):
        return EXIT_INCOMPLETE
    if isinstance(error, ServerRefusal) and error.code in (errors.DEVICE_REVOKED, errors.DEVICE_UNKNOWN):
        return EXIT_REFUSED
    if isinstance(error, TamboError):
        raise error  # the CLI maps it to its exit code (disk full, not enrolled...)
    return 1


@command("sync")
def sync(args: argparse.Namespace) -> int:
    def run(backend: LocalBackend) -> int:
        interval = args.interval if args.interval else DEFAULT_INTERVAL
        engine = SyncEngine(backend.store, server_url=server_option(args), interval=interval)
        terminal = TerminalProgress()
        engine.subscribe(lambda event: terminal(event.progress) if event.progress else None)
        if args.once:
            try:
                report = engine.run_once("manual")
            finally:
                engine.stop()
            terminal.clear()
            return report_outcome(report, backend)
        return keep_syncing(engine, backend)

    return _with_backend(run)


def keep_syncing(engine: SyncEngine, backend: LocalBackend) -> int:
    """The engine's own thread until Ctrl+C or SIGTERM (a service manager stopping it); a summary after
    each run."""
    done = threading.Event()
    stopped_by: list[int] = []

    def finished(event: SyncEvent) -> None:
        if event.kind == "finished" and event.report is not None:
            for line in summary_lines(event.report, backend.store.read(syncing.problem_items)):
                print(line, file=sys.stderr)
            status = event.status
            if status.error_message:
                print(f"tambo: {status.error_message}", file=sys.stderr)
            if status.connection == "revoked":
                done.set()

    def stop_signal(signum: int, _frame: object) -> None:
        stopped_by.append(signum)
        done.set()

    engine.subscribe(finished)
    with _stop_signals(stop_signal):
        engine.start()
        print("Sincronizando; Ctrl+C para terminar.", file=sys.stderr)
        try:
            while not done.wait(0.5):
                pass
        except KeyboardInterrupt:  # a handler we could not replace (not on the main thread)
            stopped_by.append(signal.SIGINT)
        finally:
            if stopped_by:
                print("\nDeteniendo la sincronización…", file=sys.stderr)
            engine.stop()
    return EXIT_REFUSED if engine.status().connection == "revoked" else EXIT_OK


@contextmanager
def _stop_signals(handler: Callable[[int, object], None]) -> Iterator[None]:
    """SIGINT and SIGTERM call ``handler`` while the block runs. Set explicitly because a process
    started in the background by a non-interactive shell (a script's ``&``) inherits SIGINT ignored,
    and Python then never raises KeyboardInterrupt: Ctrl+C, or the kill of a supervisor, must still
    stop the sync cleanly."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)
