"""The real server app behind a WSGI wrapper that answers 500 (or 503 with Retry-After) on chosen
routes, before handling the request or after it committed (a 500 that hides a stored submission)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from shared import errors
from sync_server.app import create_app
from tests.sync_server.serving import serve_app


@dataclass
class _Failure:
    prefix: str
    times: int
    status: int
    after_handling: bool
    retry_after: int | None


class FlakyServer:
    def __init__(self, live_server: Any) -> None:
        self.app = create_app(live_server.settings)
        self.inner = self.app.wsgi_app
        self.app.wsgi_app = self  # type: ignore[method-assign]
        self.failures: list[_Failure] = []
        self.failures_sent = 0
        self._lock = threading.Lock()

    def fail(
        self,
        prefix: str,
        *,
        times: int = 1,
        status: int = 500,
        after_handling: bool = False,
        retry_after: int | None = None,
    ) -> None:
        self.failures.append(_Failure(prefix, times, status, after_handling, retry_after))

    def _take(self, path: str) -> _Failure | None:
        with self._lock:
            for failure in self.failures:
                if path.startswith(failure.prefix) and failure.times > 0:
                    failure.times -= 1
                    self.failures_sent += 1
                    return failure
        return None

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        failure = self._take(environ.get("PATH_INFO", ""))
        if failure is None:
            return self.inner(environ, start_response)
        if failure.after_handling:
            result = self.inner(environ, lambda *args, **kwargs: None)
            for _chunk in result:
                pass
            if hasattr(result, "close"):
                result.close()
        else:
            environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        code = errors.SERVER_UNAVAILABLE if failure.status == 503 else errors.SERVER_INTERNAL
        body = json.dumps(errors.error_body(code)).encode()
        headers = [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
        if failure.retry_after is not None:
            headers.append(("Retry-After", str(failure.retry_after)))
        start_response(f"{failure.status} Error", headers)
        return [body]

    @contextmanager
    def serving(self) -> Iterator[str]:
        with serve_app(self.app) as url:
            yield url
