"""The coordination page: device health (last direct sync, last bundle, pending reported, version,
clock skew; silent sites highlighted), the upload form for bundles brought from sites with no link,
and their acknowledgement files to take back (see docs/coordinators.md).

Its English texts are kept here, beside the page, and added to the console's dictionary on import.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from flask import Response, request

from shared import errors
from shared.errors import TamboError
from sync_server.ops import roles
from sync_server.ops.coordination import (
    DEFAULT_SILENT_DAYS,
    ack_file,
    bundle_history,
    device_health,
    upload_bundle,
)
from sync_server.ops.device_admin import institutions_of
from sync_server.web.base import _, blueprint, current_user, error_message, render, requires, server
from sync_server.web.i18n_en import EN

UPLOAD_ENDPOINT = "web.device_bundle_upload"
MAX_SILENT_DAYS = 365


@blueprint.before_app_request
def _bundle_size_limit() -> None:
    """A bundle may be far larger than any other form: raise the limit for its upload only (before
    the console reads the form for its CSRF token)."""
    if request.endpoint == UPLOAD_ENDPOINT:
        request.max_content_length = server().settings.max_bundle_bytes


def _silent_days() -> int:
    value = request.args.get("dias", "")
    return min(int(value), MAX_SILENT_DAYS) if value.isdigit() and int(value) > 0 else DEFAULT_SILENT_DAYS


def _page(status: int = 200, **extra: Any) -> Any:
    user = current_user()
    institutions = institutions_of(server(), user)
    wanted = request.values.get("institution", "")
    chosen = wanted if wanted in {i.id for i in institutions} else institutions[0].id
    days = _silent_days()
    rows = device_health(server(), user, chosen, silent_days=days)
    return render(
        "coordination.html",
        status,
        rows=rows,
        names={row.device.device_id: f"{row.device.name} ({row.device.prefix})" for row in rows},
        bundles=bundle_history(server(), user, chosen),
        institutions=institutions,
        chosen=chosen,
        chosen_name=next(i.name for i in institutions if i.id == chosen),
        days=days,
        **extra,
    )


@blueprint.get("/devices/health")
@requires(roles.DEVICES_READ)
def device_health_page() -> Any:
    return _page()


@blueprint.post("/devices/bundles")
@requires(roles.DEVICES_MANAGE)
def device_bundle_upload() -> Any:
    sent = request.files.get("bundle")
    if sent is None or not sent.filename:
        error = TamboError(
            errors.CONSOLE_INPUT, params={"field": _("Paquete"), "problem": _("elija un archivo")}
        )
        return _page(422, error=error_message(error))
    try:
        receipt = upload_bundle(server(), current_user(), sent.stream, sent.filename[:200])
    except TamboError as exc:
        return _page(exc.http_status, error=error_message(exc), refused_name=sent.filename)
    return _page(receipt=receipt)


@blueprint.get("/devices/bundles/<ulid:bundle_id>/ack")
@requires(roles.DEVICES_READ)
def device_bundle_ack(bundle_id: str) -> Any:
    name, data = ack_file(server(), current_user(), bundle_id)
    response = Response(data, mimetype="application/octet-stream")
    response.headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


_EN = {
    "Salud de los equipos": "Device health",
    "Salud de los equipos de {name}": "Device health of {name}",
    "Sin noticias hace {days} días o más": "Not heard from for {days} days or more",
    "Resaltar sedes sin noticias desde hace": "Highlight sites not heard from for",
    "días": "days",
    "Paquete": "Bundle",
    "elija un archivo": "choose a file",
    "Subir un paquete de una sede sin conexión": "Upload a bundle from a site with no connection",
    "El servidor lo trata como una sincronización del equipo que lo escribió: lo ya recibido no se duplica. "
    "Descargue luego el acuse y llévelo a la sede.": "The server treats it as a sync of the device that "
    "wrote it: what was already received is not duplicated. Then download the acknowledgement and "
    "take it to the site.",
    "Archivo del paquete (.tambo)": "Bundle file (.tambo)",
    "Subir paquete": "Upload bundle",
    "Paquete de «{name}»: {accepted} recibidas, {duplicate} ya estaban, {rejected} rechazadas, "
    "{waiting} esperan adjuntos.": "Bundle from '{name}': {accepted} received, {duplicate} already "
    "there, {rejected} refused, {waiting} waiting for attachments.",
    "Descargar el acuse": "Download the acknowledgement",
    "No se aceptó «{name}»": "'{name}' was not accepted",
    "Última sincronización directa": "Last direct sync",
    "Último paquete": "Last bundle",
    "Pendientes informados": "Pending reported",
    "Hora del equipo": "Device clock",
    "Última noticia": "Last heard",
    "escrito {date}": "written {date}",
    "recibido {date}": "received {date}",
    "al {date}": "as of {date}",
    "adelantada {seconds} s": "{seconds} s ahead",
    "atrasada {seconds} s": "{seconds} s behind",
    "correcta": "correct",
    "hace {days} días": "{days} days ago",
    "hoy": "today",
    "Paquetes recibidos": "Bundles received",
    "Escrito en la sede": "Written at the site",
    "Recibido": "Received",
    "Traído por": "Brought by",
    "Solicitudes": "Submissions",
    "Nuevas": "New",
    "Ya estaban": "Already there",
    "Rechazadas": "Refused",
    "Acuse": "Acknowledgement",
    "Descargar": "Download",
    "Todavía no llegó ningún paquete.": "No bundle has arrived yet.",
    "Ver la salud de los equipos": "See device health",
    "Equipo": "Device",
    "Prefijo": "Prefix",
    "Estado": "Status",
    "Versión": "Version",
    "Institución": "Institution",
    "Ver": "Show",
    "nunca": "never",
    "Activo": "Active",
    "Esperando registro": "Waiting for enrollment",
    "Dado de baja": "Revoked",
    "Equipos registrados": "Enrolled devices",
    "Todavía no hay equipos registrados.": "No devices enrolled yet.",
}
for _key, _value in _EN.items():
    EN.setdefault(_key, _value)  # the console's own entry wins where both have one
