"""The catalog editor (admins): services and drafts, the service's information, its fields one by one,
the whole JSON, a preview that validates like the devices, publishing, import and export."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from flask import Response, redirect, request, url_for

from shared.errors import TamboError
from shared.i18n import pick
from sync_server.ops import catalog_editor as editor
from sync_server.ops import field_forms, form_preview, roles
from sync_server.ops.deadlines import local_date
from sync_server.web.base import (
    _,
    blueprint,
    current_user,
    error_message,
    institution,
    lang,
    render,
    requires,
    server,
)

NOTICES = {
    "published": "Se publicó la versión {version}: los equipos la recibirán en su próxima sincronización.",
    "saved": "El borrador se guardó.",
    "discarded": "El borrador se descartó.",
    "imported": "La definición se importó como borrador.",
}


def _units() -> list[dict[str, Any]]:
    return [dict(u) for u in institution().units]


def _overview(status: int = 200, **extra: Any) -> Any:
    done = request.args.get("done", "")
    notice = _(NOTICES[done], version=request.args.get("version", "")) if done in NOTICES else None
    return render(
        "catalog.html",
        status,
        entries=editor.overview(server(), current_user()),
        units=[(u["code"], pick(u["name"], lang())) for u in _units()],
        notice=notice,
        form=extra.pop("form", {}),
        **extra,
    )


@blueprint.get("/catalog")
@requires(roles.CATALOG_EDIT)
def catalog() -> Any:
    return _overview()


@blueprint.post("/catalog/new")
@requires(roles.CATALOG_EDIT)
def catalog_new() -> Any:
    form = request.form
    try:
        draft = editor.new_service(
            server(), current_user(), form.get("service_id", ""), form.get("title", ""), form.get("unit", "")
        )
    except TamboError as exc:
        return _overview(exc.http_status, error=error_message(exc), form=form)
    return redirect(url_for("web.catalog_draft", service_id=draft.service_id))


@blueprint.post("/catalog/import")
@requires(roles.CATALOG_EDIT)
def catalog_import() -> Any:
    upload = request.files.get("file")
    text = (
        upload.read()
        if upload is not None and upload.filename
        else request.form.get("json", "").encode("utf-8")
    )
    try:
        service_id, _problems = editor.import_definition(server(), current_user(), text)
    except TamboError as exc:
        return _overview(exc.http_status, error=error_message(exc))
    return redirect(url_for("web.catalog_draft", service_id=service_id, done="imported"))


@blueprint.post("/catalog/<service_id>/edit")
@requires(roles.CATALOG_EDIT)
def catalog_edit(service_id: str) -> Any:
    editor.edit_service(server(), current_user(), service_id)
    return redirect(url_for("web.catalog_draft", service_id=service_id))


def _draft_page(service_id: str, status: int = 200, **extra: Any) -> Any:
    draft = editor.draft_of(server(), current_user(), service_id)
    done = request.args.get("done", "")
    notice = _(NOTICES[done]) if done in NOTICES and done != "published" else None
    info = extra.pop("info", None) or field_forms.service_to_form(draft.definition)
    return render(
        "catalog_draft.html",
        status,
        draft=draft,
        problems=editor.problems_of(draft.definition),
        info=info,
        units=[(u["code"], pick(u["name"], lang())) for u in _units()],
        fields=draft.definition.get("form", {}).get("fields", []),
        notice=notice,
        ff=field_forms,
        **extra,
    )


@blueprint.get("/catalog/<service_id>/draft")
@requires(roles.CATALOG_EDIT)
def catalog_draft(service_id: str) -> Any:
    return _draft_page(service_id)


@blueprint.post("/catalog/<service_id>/info")
@requires(roles.CATALOG_EDIT)
def catalog_info(service_id: str) -> Any:
    form = {key: request.form.get(key, "") for key in request.form}
    form["audience"] = request.form.getlist("audience")
    draft = editor.draft_of(server(), current_user(), service_id)
    try:
        definition = field_forms.apply_service_form(draft.definition, form, _units())
    except field_forms.FieldFormError as exc:
        return _draft_page(service_id, 422, error=f"{exc.field}: {exc.problem}", info=form)
    editor.save_definition(server(), current_user(), service_id, definition)
    return redirect(url_for("web.catalog_draft", service_id=service_id, done="saved"))


def _field_page(
    service_id: str, path: str | None, values: dict[str, Any], status: int = 200, **extra: Any
) -> Any:
    draft = editor.draft_of(server(), current_user(), service_id)
    problems = [p for p in editor.problems_of(draft.definition) if path is not None and p.field == path]
    return render(
        "catalog_field.html",
        status,
        draft=draft,
        path=path,
        inside=request.values.get("inside", ""),
        values=values,
        problems=problems,
        ff=field_forms,
        **extra,
    )


@blueprint.route("/catalog/<service_id>/fields/new", methods=["GET", "POST"])
@requires(roles.CATALOG_EDIT)
def catalog_field_new(service_id: str) -> Any:
    return _field(service_id, None)


@blueprint.route("/catalog/<service_id>/fields/<path>", methods=["GET", "POST"])
@requires(roles.CATALOG_EDIT)
def catalog_field(service_id: str, path: str) -> Any:
    return _field(service_id, path)


def _field(service_id: str, path: str | None) -> Any:
    draft = editor.draft_of(server(), current_user(), service_id)
    previous = editor.field_at(draft.definition, path) if path is not None else None
    if request.method == "GET":
        values = field_forms.to_form(previous) if previous else {"type": "text", "required": "no"}
        return _field_page(service_id, path, values)
    values = {key: request.form.get(key, "") for key in request.form}
    try:
        new = field_forms.from_form(request.form, previous)
        saved_path, _problems = editor.set_field(
            server(), current_user(), service_id, path, new, inside=request.form.get("inside") or None
        )
    except field_forms.FieldFormError as exc:
        return _field_page(service_id, path, values, 422, error=f"{exc.field}: {exc.problem}")
    except TamboError as exc:
        return _field_page(service_id, path, values, exc.http_status, error=error_message(exc))
    return redirect(
        url_for("web.catalog_draft", service_id=service_id, done="saved") + f"#field-{saved_path}"
    )


@blueprint.post("/catalog/<service_id>/fields/<path>/move")
@requires(roles.CATALOG_EDIT)
def catalog_field_move(service_id: str, path: str) -> Any:
    editor.move_field(
        server(), current_user(), service_id, path, -1 if request.form.get("step") == "up" else 1
    )
    return redirect(url_for("web.catalog_draft", service_id=service_id) + "#fields")


@blueprint.post("/catalog/<service_id>/fields/<path>/delete")
@requires(roles.CATALOG_EDIT)
def catalog_field_delete(service_id: str, path: str) -> Any:
    editor.delete_field(server(), current_user(), service_id, path)
    return redirect(url_for("web.catalog_draft", service_id=service_id, done="saved") + "#fields")


@blueprint.route("/catalog/<service_id>/json", methods=["GET", "POST"])
@requires(roles.CATALOG_EDIT)
def catalog_json(service_id: str) -> Any:
    draft = editor.draft_of(server(), current_user(), service_id)
    text = json.dumps(draft.definition, ensure_ascii=False, indent=2)
    error = None
    status = 200
    if request.method == "POST":
        text = request.form.get("json", "")
        try:
            editor.save_definition(server(), current_user(), service_id, editor.parse_json(text))
        except TamboError as exc:
            error, status = error_message(exc), exc.http_status
        else:
            return redirect(url_for("web.catalog_draft", service_id=service_id, done="saved"))
    return render("catalog_json.html", status, draft=draft, text=text, error=error)


@blueprint.route("/catalog/<service_id>/preview", methods=["GET", "POST"])
@requires(roles.CATALOG_EDIT)
def catalog_preview(service_id: str) -> Any:
    draft = editor.draft_of(server(), current_user(), service_id)
    service = editor.loaded(draft.definition)
    result = None
    if service is not None and request.method == "POST":
        today = local_date(datetime.now(UTC), institution().business_calendar())
        _answers, result = form_preview.check(service, request.form, today)
    form = request.form if request.method == "POST" else request.args
    return render(
        "catalog_preview.html",
        draft=draft,
        service=service,
        items=form_preview.preview_items(service, form, result, lang()) if service else [],
        result=result,
        problems=editor.problems_of(draft.definition),
        counts={
            f.name: form_preview.instance_count(form, f) for f in service.form.walk() if f.type == "repeat"
        }
        if service
        else {},
        title=pick(draft.definition.get("title"), lang()),
    )


@blueprint.post("/catalog/<service_id>/publish")
@requires(roles.CATALOG_EDIT)
def catalog_publish(service_id: str) -> Any:
    try:
        result = editor.publish(server(), current_user(), service_id)
    except TamboError as exc:
        return _draft_page(service_id, exc.http_status, error=error_message(exc))
    return redirect(url_for("web.catalog", done="published", version=result.version))


@blueprint.post("/catalog/<service_id>/discard")
@requires(roles.CATALOG_EDIT)
def catalog_discard(service_id: str) -> Any:
    editor.discard(server(), current_user(), service_id)
    return redirect(url_for("web.catalog", done="discarded"))


def _json_download(text: str, name: str) -> Response:
    response = Response(text, mimetype="application/json; charset=utf-8")
    response.headers.set("Content-Disposition", "attachment", filename=name)
    return response


@blueprint.get("/catalog/<service_id>/export.json")
@requires(roles.CATALOG_EDIT)
def catalog_export(service_id: str) -> Response:
    version = request.args.get("version", "")
    text = editor.export_definition(
        server(), current_user(), service_id, int(version) if version.isdigit() else None
    )
    return _json_download(text, f"{service_id}.json")


@blueprint.get("/catalog/<service_id>/draft.json")
@requires(roles.CATALOG_EDIT)
def catalog_draft_export(service_id: str) -> Response:
    draft = editor.draft_of(server(), current_user(), service_id)
    return _json_download(
        json.dumps(draft.definition, ensure_ascii=False, indent=2) + "\n", f"{service_id}-borrador.json"
    )
