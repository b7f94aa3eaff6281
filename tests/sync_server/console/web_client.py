"""A browser-like client over Flask's test client: keeps cookies, logs in through the login form and
sends the CSRF token of its session with every POST, as a browser sending the console's forms does."""

from __future__ import annotations

import re
from typing import Any

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

_CSRF = re.compile(r'name="csrf_token" value="([^"]*)"')


def csrf_of(html: str) -> str:
    match = _CSRF.search(html)
    assert match, "the page has no CSRF field"
    return match.group(1)


class WebClient:
    def __init__(self, client: FlaskClient) -> None:
        self.client = client
        self.csrf = ""

    def login(self, institution: str, login: str, password: str) -> TestResponse:
        page = self.client.get("/web/login")
        response = self.client.post(
            "/web/login",
            data={
                "institution": institution,
                "login": login,
                "password": password,
                "csrf_token": csrf_of(page.text),
            },
        )
        if response.status_code == 302:
            self.csrf = csrf_of(self.client.get("/web/login", follow_redirects=True).text)
        return response

    def get(self, path: str, **options: Any) -> TestResponse:
        return self.client.get(path, **options)

    def post(
        self, path: str, data: dict[str, Any] | None = None, *, csrf: str | None = None, **options: Any
    ) -> TestResponse:
        payload = dict(data or {})
        payload.setdefault("csrf_token", self.csrf if csrf is None else csrf)
        return self.client.post(path, data=payload, **options)
