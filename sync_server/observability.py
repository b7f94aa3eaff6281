"""Logs (one JSON line per record: requests, messages, tracebacks) and Prometheus-style metrics at
``/metrics``.

The metrics are hand-written and per process: with several gunicorn workers each keeps its own, and
every sample carries a ``worker`` label (the process id) so a scraper that reaches different workers
does not mix them up. They cover what an operator asks first: how many requests, how slow, which
errors, and how pushed items fared.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime

from flask import Flask, Response, g, request
from werkzeug.http import http_date

import sync_server

REQUEST_LOG = logging.getLogger("tambo.server.requests")
DURATION_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
RETRY_AFTER_SECONDS = "5"


class Metrics:
    """Counters and a latency histogram, safe to update from many request threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.started = time.time()
        self.requests: dict[tuple[str, str, str], int] = defaultdict(int)
        self.errors: dict[str, int] = defaultdict(int)
        self.push_items: dict[str, int] = defaultdict(int)
        self.upload_bytes = 0
        self._buckets: dict[str, list[int]] = defaultdict(lambda: [0] * len(DURATION_BUCKETS))
        self._sums: dict[str, float] = defaultdict(float)
        self._counts: dict[str, int] = defaultdict(int)

    def observe_request(self, method: str, route: str, status: int, seconds: float) -> None:
        with self._lock:
            self.requests[(method, route, str(status))] += 1
            buckets = self._buckets[route]
            for index, bound in enumerate(DURATION_BUCKETS):
                if seconds <= bound:
                    buckets[index] += 1
            self._sums[route] += seconds
            self._counts[route] += 1

    def count_error(self, code: str) -> None:
        with self._lock:
            self.errors[code] += 1

    def count_push_results(self, statuses: Iterable[str]) -> None:
        with self._lock:
            for status in statuses:
                self.push_items[status] += 1

    def count_upload_bytes(self, count: int) -> None:
        with self._lock:
            self.upload_bytes += count

    def render(self) -> str:
        """The Prometheus text exposition format (version 0.0.4)."""
        worker = f'worker="{os.getpid()}"'
        lines = [
            "# HELP tambo_build_info Version of the running server.",
            "# TYPE tambo_build_info gauge",
            f'tambo_build_info{{{worker},version="{sync_server.__version__}"}} 1',
            "# HELP tambo_process_start_time_seconds When this worker started (unix time).",
            "# TYPE tambo_process_start_time_seconds gauge",
            f"tambo_process_start_time_seconds{{{worker}}} {self.started:.3f}",
            "# HELP tambo_http_requests_total HTTP requests by method, route and status.",
            "# TYPE tambo_http_requests_total counter",
        ]
        with self._lock:
            for (method, route, status), count in sorted(self.requests.items()):
                labels = f'{worker},method="{method}",route="{_escape(route)}",status="{status}"'
                lines.append(f"tambo_http_requests_total{{{labels}}} {count}")
            lines += [
                "# HELP tambo_http_request_duration_seconds Time to answer a request, by route.",
                "# TYPE tambo_http_request_duration_seconds histogram",
            ]
            for route in sorted(self._counts):
                labels = f'{worker},route="{_escape(route)}"'
                for bound, count in zip(DURATION_BUCKETS, self._buckets[route], strict=True):
                    lines.append(
                        f'tambo_http_request_duration_seconds_bucket{{{labels},le="{bound}"}} {count}'
                    )
                lines.append(
                    f'tambo_http_request_duration_seconds_bucket{{{labels},le="+Inf"}} {self._counts[route]}'
                )
                lines.append(f"tambo_http_request_duration_seconds_sum{{{labels}}} {self._sums[route]:.6f}")
                lines.append(f"tambo_http_request_duration_seconds_count{{{labels}}} {self._counts[route]}")
            lines += [
                "# HELP tambo_errors_total Error answers by stable error code.",
                "# TYPE tambo_errors_total counter",
            ]
            lines += [
                f'tambo_errors_total{{{worker},code="{code}"}} {n}' for code, n in sorted(self.errors.items())
            ]
            lines += [
                "# HELP tambo_push_items_total Pushed submissions by result.",
                "# TYPE tambo_push_items_total counter",
            ]
            lines += [
                f'tambo_push_items_total{{{worker},status="{status}"}} {n}'
                for status, n in sorted(self.push_items.items())
            ]
            lines += [
                "# HELP tambo_upload_bytes_total Attachment bytes accepted.",
                "# TYPE tambo_upload_bytes_total counter",
                f"tambo_upload_bytes_total{{{worker}}} {self.upload_bytes}",
            ]
        return "\n".join(lines) + "\n"


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def metrics_of(app: Flask) -> Metrics:
    return app.extensions["tambo_metrics"]


def init_app(app: Flask) -> None:
    """Time every request, log it as one JSON line, count it, and add the headers every answer needs."""
    metrics = Metrics()
    app.extensions["tambo_metrics"] = metrics

    @app.before_request
    def _start() -> None:
        g.tambo_started = time.perf_counter()

    @app.after_request
    def _finish(response: Response) -> Response:
        response.headers.setdefault("Date", http_date(time.time()))
        if response.status_code == 503:
            response.headers.setdefault("Retry-After", RETRY_AFTER_SECONDS)
        started = g.pop("tambo_started", None)
        seconds = time.perf_counter() - started if started is not None else 0.0
        route = request.url_rule.rule if request.url_rule is not None else "(unmatched)"
        metrics.observe_request(request.method, route, response.status_code, seconds)
        auth = g.get("tambo_auth")
        entry = {
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "ms": round(seconds * 1000, 2),
            "address": request.remote_addr,  # the client's, behind a trusted proxy (trusted_proxies)
            "device": auth.device_id if auth else None,
            "institution": auth.institution.id if auth else None,
        }
        error_code = g.get("tambo_error_code")
        if error_code:
            entry["error"] = error_code
            metrics.count_error(error_code)
        REQUEST_LOG.info(json.dumps(entry, ensure_ascii=False))
        return response


class JsonLineFormatter(logging.Formatter):
    """Every log record as one JSON object per line: ``time`` (UTC, ISO 8601), ``level``, ``logger``,
    then the request line's own members (a message that is a JSON object) or ``message``, and
    ``exception`` with the traceback when there is one. One shape for every line, so a log shipper
    (journald, Loki, CloudWatch) parses them all the same way."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
        }
        message = record.getMessage()
        fields = _json_object(message)
        if fields is None:
            entry["message"] = message
        else:
            entry.update(fields)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def _json_object(text: str) -> dict[str, object] | None:
    if not text.startswith("{"):
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def configure_logging(level: int = logging.INFO) -> None:
    """Every log line on stderr as JSON (:class:`JsonLineFormatter`): the request lines, the server's
    own messages and tracebacks, and those of waitress. The command line and the WSGI entry point call
    this; tests read the records with caplog."""
    handler = logging.StreamHandler()
    handler.setFormatter(JsonLineFormatter())
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h.formatter, JsonLineFormatter)]:
        root.removeHandler(old)  # called twice (tests, reloads): one line per record, not two
    root.addHandler(handler)
    root.setLevel(level)
    REQUEST_LOG.setLevel(level)
    REQUEST_LOG.propagate = True
