"""Users (admins): accounts of the institution, roles and units, password resets, external coordinators;
and every user's own password change."""

from __future__ import annotations

from typing import Any

from flask import redirect, request, url_for

from shared.errors import TamboError
from shared.i18n import pick
from sync_server.ops import roles, user_admin
from sync_server.storage.users import ROLES
from sync_server.web.base import (
    _,
    blueprint,
    current_user,
    error_message,
    institution,
    render,
    requires,
    server,
)

NOTICES = {
    "created": "El usuario fue creado.",
    "saved": "Los cambios se guardaron.",
    "password": "La contraseña se cambió; las sesiones abiertas de ese usuario se cerraron.",
    "granted": "El coordinador ya puede ver los equipos de esta institución.",
    "revoked": "El coordinador ya no ve los equipos de esta institución.",
    "own-password": "Su contraseña se cambió.",
}


def _page(status: int = 200, **extra: Any) -> Any:
    users, external = user_admin.accounts(server(), current_user())
    units = [(str(u.get("code")), pick(u.get("name"), "es")) for u in institution().units]
    notice = NOTICES.get(request.args.get("done", ""))
    form = extra.pop("form", {})
    return render(
        "users.html",
        status,
        users=users,
        external=external,
        units=units,
        unit_names=dict(units),
        role_codes=ROLES,
        notice=_(notice) if notice else None,
        form=form,
        form_units=form.getlist("units") if hasattr(form, "getlist") else [],
        **extra,
    )


def _done(done: str, action: Any) -> Any:
    try:
        action()
    except TamboError as exc:
        return _page(exc.http_status, error=error_message(exc), form=request.form)
    return redirect(url_for("web.users", done=done))


@blueprint.get("/users")
@requires(roles.USERS_MANAGE)
def users() -> Any:
    return _page()


@blueprint.post("/users")
@requires(roles.USERS_MANAGE)
def user_create() -> Any:
    form = request.form
    return _done(
        "created",
        lambda: user_admin.create_account(
            server(),
            current_user(),
            form.get("login", ""),
            form.get("password", ""),
            role=form.get("role", ""),
            units=form.getlist("units"),
        ),
    )


@blueprint.post("/users/<login>")
@requires(roles.USERS_MANAGE)
def user_edit(login: str) -> Any:
    form = request.form
    return _done(
        "saved",
        lambda: user_admin.edit_account(
            server(),
            current_user(),
            login,
            role=form.get("role", ""),
            units=form.getlist("units"),
            active=form.get("active") == "1",
        ),
    )


@blueprint.post("/users/<login>/password")
@requires(roles.USERS_MANAGE)
def user_password(login: str) -> Any:
    password = request.form.get("password", "")
    return _done("password", lambda: user_admin.reset_password(server(), current_user(), login, password))


@blueprint.post("/users/coordinators")
@requires(roles.USERS_MANAGE)
def user_grant() -> Any:
    form = request.form
    return _done(
        "granted",
        lambda: user_admin.grant_external(
            server(), current_user(), form.get("institution", ""), form.get("login", "")
        ),
    )


@blueprint.post("/users/coordinators/<int:user_id>/revoke")
@requires(roles.USERS_MANAGE)
def user_revoke_grant(user_id: int) -> Any:
    return _done("revoked", lambda: user_admin.revoke_external(server(), current_user(), user_id))


@blueprint.route("/account", methods=["GET", "POST"])
@requires()
def account() -> Any:
    error = None
    if request.method == "POST":
        try:
            user_admin.change_own_password(
                server(), current_user(), request.form.get("current", ""), request.form.get("new", "")
            )
        except TamboError as exc:
            error = error_message(exc)
        else:
            return redirect(url_for("web.account", done="own-password"))
    notice = NOTICES.get(request.args.get("done", ""))
    return render("account.html", 422 if error else 200, error=error, notice=_(notice) if notice else None)
