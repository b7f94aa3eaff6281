"""The case page and its actions. Every action posts, then redirects back to the page (so a reload
does not repeat it); a refused action shows the page again with the reason and what was typed."""

from __future__ import annotations

from typing import Any

from flask import Response, redirect, request, send_file, url_for

from shared import errors, statuses
from shared.errors import TamboError
from sync_server.ops import cases, roles
from sync_server.ops.case_view import case_document, case_view, open_case_attachment
from sync_server.web.base import _, blueprint, current_user, error_message, lang, render, requires, server

#: What the page says after an action succeeded (``?done=...``).
NOTICES = {
    "moved": "El estado se cambió y se enviará al equipo de origen en su próxima sincronización.",
    "assigned": "La asignación quedó registrada.",
    "message": "El mensaje se enviará al equipo de origen en su próxima sincronización.",
    "note": "La nota interna quedó registrada (no se envía al solicitante).",
    "document": "El documento se adjuntó y se enviará al equipo de origen.",
    "extended": "El plazo se amplió; la nueva fecha y el motivo se enviarán al equipo de origen.",
}
INLINE_TYPES = frozenset({"application/pdf", "image/png", "image/jpeg"})
CHANNELS = {"counter": "Mesa de partes", "kiosk": "Kiosco", "bundle": "Paquete sin conexión"}


def channel_label(code: str | None) -> str:
    return _(CHANNELS[code]) if code in CHANNELS else (code or "—")


def _page(submission_id: str, *, status: int = 200, error: str | None = None, form: Any = None) -> Any:
    view = case_view(server(), current_user(), submission_id, lang=lang())
    notice = NOTICES.get(request.args.get("done", ""))
    return render(
        "case.html",
        status,
        view=view,
        error=error,
        notice=_(notice) if notice else None,
        form=form or {},
        statuses=statuses,
        channel_label=channel_label,
    )


@blueprint.get("/cases/<submission_id>")
@requires(roles.CASES_READ)
def case(submission_id: str) -> Any:
    return _page(submission_id)


def _act(submission_id: str, done: str, action: Any) -> Any:
    try:
        action()
    except TamboError as exc:
        return _page(submission_id, status=exc.http_status, error=error_message(exc), form=request.form)
    return redirect(url_for("web.case", submission_id=submission_id, done=done) + "#actions")


def _upload(name: str) -> cases.UploadedFile | None:
    file = request.files.get(name)
    if file is None or not file.filename:
        return None
    return cases.UploadedFile(file.filename, file.stream)


@blueprint.post("/cases/<submission_id>/move")
@requires(roles.CASES_ACT)
def case_move(submission_id: str) -> Any:
    form = request.form
    return _act(
        submission_id,
        "moved",
        lambda: cases.move_case(
            server(),
            current_user(),
            submission_id,
            form.get("target", ""),
            message=form.get("message"),
            note=form.get("note"),
            unit=form.get("unit") or None,
            assignee=form.get("assignee") or None,
            document=_upload("document"),
        ),
    )


@blueprint.post("/cases/<submission_id>/assign")
@requires(roles.CASES_ACT)
def case_assign(submission_id: str) -> Any:
    assignee = request.form.get("assignee") or None
    return _act(
        submission_id,
        "assigned",
        lambda: cases.assign_case(server(), current_user(), submission_id, assignee),
    )


@blueprint.post("/cases/<submission_id>/message")
@requires(roles.CASES_ACT)
def case_message(submission_id: str) -> Any:
    body = request.form.get("body", "")
    return _act(
        submission_id, "message", lambda: cases.send_message(server(), current_user(), submission_id, body)
    )


@blueprint.post("/cases/<submission_id>/note")
@requires(roles.CASES_ACT)
def case_note(submission_id: str) -> Any:
    body = request.form.get("body", "")
    return _act(submission_id, "note", lambda: cases.add_note(server(), current_user(), submission_id, body))


@blueprint.post("/cases/<submission_id>/document")
@requires(roles.CASES_ACT)
def case_add_document(submission_id: str) -> Any:
    def attach() -> None:
        upload = _upload("document")
        if upload is None:
            raise TamboError(errors.CASE_DOCUMENT_NOT_PDF, params={"name": "—"})
        cases.add_document(server(), current_user(), submission_id, upload)

    return _act(submission_id, "document", attach)


@blueprint.post("/cases/<submission_id>/deadline")
@requires(roles.CASES_ACT)
def case_extend(submission_id: str) -> Any:
    form = request.form
    return _act(
        submission_id,
        "extended",
        lambda: cases.extend_deadline(
            server(), current_user(), submission_id, form.get("due_date"), form.get("reason")
        ),
    )


@blueprint.get("/cases/<submission_id>/attachments/<sealed_sha256>")
@requires(roles.CASES_READ)
def case_attachment(submission_id: str, sealed_sha256: str) -> Response:
    link, data = open_case_attachment(server(), current_user(), submission_id, sealed_sha256)
    inline = link.media_type in INLINE_TYPES and request.args.get("download") != "1"
    response = Response(data, mimetype=link.media_type if inline else "application/octet-stream")
    response.headers.set("Content-Disposition", "inline" if inline else "attachment", filename=link.name)
    return response


@blueprint.get("/cases/<submission_id>/documents/<document_id>")
@requires(roles.CASES_READ)
def case_document_file(submission_id: str, document_id: str) -> Any:
    document, path = case_document(server(), current_user(), submission_id, document_id)
    return send_file(
        path,
        mimetype=document.media_type,
        as_attachment=request.args.get("download") == "1",
        download_name=document.name,
    )
