"""The devices page: list with last sync and pending count, new enrollment codes with QR, revocation."""

from __future__ import annotations

from base64 import b64encode
from typing import Any
from urllib.parse import quote

from flask import redirect, request, url_for

from shared.errors import TamboError
from sync_server.ops import roles
from sync_server.ops.device_admin import (
    create_enrollment,
    device_rows,
    institutions_of,
    revoke,
    ticket_json,
    ticket_qr_svg,
)
from sync_server.web.base import _, blueprint, current_user, error_message, render, requires, server


def _chosen(institutions: list[Any]) -> str:
    wanted = request.values.get("institution", "")
    ids = [i.id for i in institutions]
    return wanted if wanted in ids else ids[0]


def _page(status: int = 200, **extra: Any) -> Any:
    user = current_user()
    institutions = institutions_of(server(), user)
    chosen = _chosen(institutions)
    notice = {"revoked": _("El equipo quedó dado de baja: el servidor rechazará sus pedidos.")}.get(
        request.args.get("done", "")
    )
    return render(
        "devices.html",
        status,
        rows=device_rows(server(), user, chosen),
        institutions=institutions,
        chosen=chosen,
        chosen_name=next(i.name for i in institutions if i.id == chosen),
        notice=notice,
        **extra,
    )


@blueprint.get("/devices")
@requires(roles.DEVICES_READ)
def devices() -> Any:
    return _page()


@blueprint.post("/devices/enroll")
@requires(roles.DEVICES_MANAGE)
def device_enroll() -> Any:
    user = current_user()
    institutions = institutions_of(server(), user)
    chosen = _chosen(institutions)
    name = request.form.get("name", "")
    try:
        issued = create_enrollment(server(), user, chosen, name)
    except TamboError as exc:
        return _page(exc.http_status, error=error_message(exc), name=name)
    ticket = ticket_json(issued.ticket)
    return _page(
        issued=issued,
        qr_svg=ticket_qr_svg(issued.ticket),
        ticket_href="data:application/json;base64," + b64encode(ticket.encode("utf-8")).decode("ascii"),
        ticket_name=quote(f"registro-{issued.device.prefix}.json"),
    )


@blueprint.post("/devices/<int:device_pk>/revoke")
@requires(roles.DEVICES_MANAGE)
def device_revoke(device_pk: int) -> Any:
    user = current_user()
    chosen = _chosen(institutions_of(server(), user))
    try:
        revoke(server(), user, chosen, device_pk)
    except TamboError as exc:
        return _page(exc.http_status, error=error_message(exc))
    return redirect(url_for("web.devices", institution=chosen, done="revoked"))
