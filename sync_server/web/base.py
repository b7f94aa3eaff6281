"""The console's blueprint and what every page shares: the session cookie, CSRF, the language, the
permission check, security headers and error pages.

- **Session**: a random token in an HttpOnly, SameSite=Lax cookie limited to ``/web`` (Secure when the
  server is reached over HTTPS); the server keeps the session (see ``ops.console_auth``).
- **CSRF**: every POST carries the session's token (hidden field ``csrf_token``), compared in constant
  time; the login form, before there is a session, uses a double-submit cookie. SameSite=Lax alone
  would leave older browsers and same-site subdomains open.
- **Language**: Spanish unless the user picked English (cookie ``tambo_lang``); see :mod:`.i18n`.
- **Headers**: a strict Content-Security-Policy (no inline script), no framing, no caching of pages
  that carry citizens' data.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode, urlparse
from zoneinfo import ZoneInfo

from flask import Blueprint, Response, current_app, g, redirect, render_template, request, url_for
from werkzeug.exceptions import HTTPException

from shared import errors, statuses
from shared.errors import TamboError
from sync_server.context import Server
from sync_server.ops import roles
from sync_server.ops.console_auth import Session, csrf_ok, resume
from sync_server.storage.institutions import Institution, get_institution
from sync_server.web.i18n import LANGS, translate

blueprint = Blueprint("web", __name__, template_folder="templates", static_folder="static")

SESSION_COOKIE = "tambo_session"
LANG_COOKIE = "tambo_lang"
LOGIN_CSRF_COOKIE = "tambo_login_csrf"
COOKIE_PATH = "/web"
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'"
)


def server() -> Server:
    return current_app.extensions["tambo"]


def lang() -> str:
    return g.get("lang", "es")


def _(text: str, /, **params: Any) -> str:
    """Translate a Spanish interface text into the request's language."""
    return translate(text, lang(), **params)


def session() -> Session | None:
    return g.get("console_session")


def current_user() -> Any:
    current = session()
    return current.user if current else None


def institution() -> Institution | None:
    if "institution" not in g:
        user = current_user()
        if user is None:
            g.institution = None
        else:
            with server().db.read() as conn:
                g.institution = get_institution(conn, user.institution_id)
    return g.institution


def secure_cookies() -> bool:
    return request.is_secure or server().settings.public_url.startswith("https://")


def set_cookie(response: Response, name: str, value: str, *, max_age: int | None = None) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path=COOKIE_PATH,
        httponly=True,
        samesite="Lax",
        secure=secure_cookies(),
    )


def error_message(error: TamboError) -> str:
    return error.message(lang())


def safe_next(target: str | None, default: str) -> str:
    """Only a path inside the console: never another site (an open redirect helps phishing)."""
    if target and target.startswith("/web/") and not target.startswith("//") and "\\" not in target:
        return target
    return default


@blueprint.before_request
def _load_session() -> Any:
    g.lang = request.cookies.get(LANG_COOKIE) if request.cookies.get(LANG_COOKIE) in LANGS else "es"
    g.console_session = resume(server(), request.cookies.get(SESSION_COOKIE))
    if request.method == "POST" and request.endpoint not in ("web.login", "web.set_language"):
        current = session()
        if current is None:
            return redirect(url_for("web.login", next=request.path))
        sent = request.form.get("csrf_token") or request.headers.get("X-CSRF-Token")
        if not csrf_ok(current, sent):
            return render_error(TamboError(errors.CONSOLE_CSRF), 403)
    return None


@blueprint.after_request
def _headers(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    if request.endpoint != "web.static":
        response.headers["Cache-Control"] = "no-store"
    return response


def requires(permission: str | None = None) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """A view for logged-in users (with ``permission``, when given): others go to the login page or
    get a 403 page saying their role does not allow it."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            current = session()
            if current is None:
                return redirect(url_for("web.login", next=request.full_path.rstrip("?")))
            if permission is not None and not roles.can(current.user, permission):
                return render_error(
                    TamboError(errors.CONSOLE_ROLE, params={"role": role_label(current.user.role)}), 403
                )
            return view(*args, **kwargs)

        return wrapper

    return decorate


ROLE_LABELS = {
    roles.ADMIN: "Administrador",
    roles.OFFICIAL: "Funcionario",
    roles.COORDINATOR: "Coordinador",
    roles.AUDITOR: "Auditor",
}


def role_label(role: str) -> str:
    return _(ROLE_LABELS.get(role, role))


def render(template: str, status: int = 200, **context: Any) -> tuple[str, int]:
    return render_template(template, **context), status


def render_error(error: TamboError, status: int | None = None) -> Any:
    status = status or error.http_status
    response = current_app.make_response(render("error.html", status, message=error_message(error)))
    return response


def page_url(endpoint: str, **params: Any) -> str:
    """A link keeping only the parameters that are set (filters, cursors)."""
    kept = {k: v for k, v in params.items() if v not in (None, "", False)}
    base = url_for(endpoint)
    return f"{base}?{urlencode(kept)}" if kept else base


@blueprint.app_template_global("csrf_token")
def _csrf_token() -> str:
    current = session()
    return current.csrf_token if current else g.get("login_csrf", "")


@blueprint.context_processor
def _context() -> dict[str, Any]:
    user = current_user()
    return {
        "_": _,
        "lang": lang(),
        "user": user,
        "institution": institution(),
        "can": (lambda permission: user is not None and roles.can(user, permission)),
        "roles": roles,
        "role_label": role_label,
        "status_label": lambda code: statuses.status_label(code, lang()),
        "page_url": page_url,
        "dmy": _dmy,
        "this_page": _this_page(),
    }


def _this_page() -> str:
    """This page's address for the language switch (after a POST, the page the form was on)."""
    if request.method == "GET":
        return request.full_path.rstrip("?")
    referrer = urlparse(request.referrer or "")
    if referrer.netloc == request.host:
        return referrer.path + (f"?{referrer.query}" if referrer.query else "")
    return url_for("web.home")


def _dmy(value: Any, with_time: bool = False) -> str:
    """dd/mm/aaaa (and hh:mm, in the institution's time zone) as people write dates in Peru."""
    if value is None:
        return "—"
    if with_time and hasattr(value, "hour"):
        current = institution()
        zone = ZoneInfo(current.business_calendar().tz if current else "America/Lima")
        return value.astimezone(zone).strftime("%d/%m/%Y %H:%M")
    return value.strftime("%d/%m/%Y")


@blueprint.errorhandler(TamboError)
def _tambo_error(error: TamboError) -> Any:
    return render_error(error)


@blueprint.errorhandler(HTTPException)
def _http_error(error: HTTPException) -> Any:
    if error.code == 404:
        return render_error(TamboError(errors.REQUEST_NOT_FOUND), 404)
    if error.code == 413:
        limit = current_app.config["MAX_CONTENT_LENGTH"]
        return render_error(TamboError(errors.REQUEST_TOO_LARGE, params={"max_bytes": limit}), 413)
    return render_error(
        TamboError(errors.PROTOCOL_MALFORMED, params={"problem": error.description}), error.code or 400
    )


def new_login_csrf() -> str:
    token = request.cookies.get(LOGIN_CSRF_COOKIE) or secrets.token_urlsafe(24)
    g.login_csrf = token
    return token
