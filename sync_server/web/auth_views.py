"""Login, logout, the language switch, and the start page (which depends on the role)."""

from __future__ import annotations

import secrets
from typing import Any

from flask import make_response, redirect, request, url_for

from shared import errors
from shared.errors import TamboError
from sync_server.ops import roles
from sync_server.ops.console_auth import log_in, log_out
from sync_server.storage.institutions import list_institutions
from sync_server.web.base import (
    LANG_COOKIE,
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    blueprint,
    error_message,
    new_login_csrf,
    render,
    safe_next,
    server,
    session,
    set_cookie,
)
from sync_server.web.i18n import LANGS

INSTITUTION_COOKIE = "tambo_institution"


def home_for(role: str) -> str:
    if role == roles.COORDINATOR:
        return url_for("web.devices")
    return url_for("web.inbox")


@blueprint.get("/")
def home() -> Any:
    current = session()
    if current is None:
        return redirect(url_for("web.login"))
    return redirect(home_for(current.user.role))


def _login_page(
    status: int = 200, error: str | None = None, login: str = "", institution_id: str = ""
) -> Any:
    with server().db.read() as conn:
        institutions = list_institutions(conn)
    token = new_login_csrf()
    chosen = institution_id or request.cookies.get(INSTITUTION_COOKIE, "")
    if len(institutions) == 1:
        chosen = institutions[0].id
    body, code = render(
        "login.html",
        status,
        error=error,
        login=login,
        institution_id=chosen,
        single_institution=institutions[0] if len(institutions) == 1 else None,
        next=safe_next(request.values.get("next"), ""),
    )
    response = make_response(body, code)
    set_cookie(response, LOGIN_CSRF_COOKIE, token, max_age=3600)
    return response


@blueprint.route("/login", methods=["GET", "POST"])
def login() -> Any:
    if request.method == "POST":
        return _log_in()
    current = session()
    if current is not None:
        return redirect(home_for(current.user.role))
    return _login_page()


def _log_in() -> Any:
    form = request.form
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    institution_id = form.get("institution", "").strip()
    login_name = form.get("login", "").strip()
    if not cookie or not secrets.compare_digest(cookie, form.get("csrf_token", "")):
        error = error_message(TamboError(errors.CONSOLE_CSRF))
        return _login_page(403, error, login_name, institution_id)
    try:
        created = log_in(
            server(), institution_id, login_name, form.get("password", ""), address=request.remote_addr
        )
    except TamboError as exc:
        refused = _login_page(exc.http_status, error_message(exc), login_name, institution_id)
        if "retry_after" in exc.details:  # a lock: 429 with the seconds it has left
            refused.headers["Retry-After"] = str(exc.details["retry_after"])
        return refused
    response = redirect(safe_next(form.get("next"), home_for(created.user.role)))
    set_cookie(response, SESSION_COOKIE, created.token or "")
    set_cookie(response, INSTITUTION_COOKIE, created.user.institution_id, max_age=365 * 86400)
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/web")
    return response


@blueprint.post("/logout")
def logout() -> Any:
    current = session()
    if current is not None:
        log_out(server(), current)
    response = redirect(url_for("web.login"))
    response.delete_cookie(SESSION_COOKIE, path="/web")
    return response


@blueprint.get("/lang/<code>")
def set_language(code: str) -> Any:
    response = redirect(safe_next(request.args.get("next"), url_for("web.home")))
    if code in LANGS:
        set_cookie(response, LANG_COOKIE, code, max_age=365 * 86400)
    return response
