"""The headless commands of ``tambo`` (see :mod:`desktop.cli` for the parser and the exit codes).

Each handler unlocks the store, calls one backend operation and prints plain text (or JSON lines with
``--json``) for a person or a script. Errors are ``TamboError``; :func:`report_error` prints them in
Spanish, one line per invalid field, naming it.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.ops.api import AttachmentInput, NewSubmission, SubmissionDetail, SubmissionRow
from desktop.ops.backend import LocalBackend, has_keyring_slot
from desktop.ops.home import data_home
from desktop.ops.media import sniff_media_type
from desktop.store import outbox, store_exists
from desktop.store.keyslots import check_passphrase
from desktop.store.os_keyring import keyring_available, keyring_description
from desktop.sync.health import audit_seen, forget_audit_seen
from shared import errors
from shared.crypto import b64d, x25519_private_from_bytes
from shared.errors import TamboError
from shared.forms import ServiceDefinition
from shared.i18n import pick

Handler = Callable[[argparse.Namespace], int]
HANDLERS: dict[str, Handler] = {}
_KEYRING_FAILURES = {errors.STORE_KEYRING_UNAVAILABLE, errors.STORE_KEYRING_SECRET_MISSING}


def command(name: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        HANDLERS[name] = fn
        return fn

    return register


def report_error(exc: TamboError, form: ServiceDefinition | None = None) -> None:
    """The Spanish message on stderr; for invalid answers one line per field, with its label."""
    print(f"tambo: {exc.message()}", file=sys.stderr)
    for problem in exc.details.get("errors", []):
        path = problem.get("path", "")
        label = _label(form, path)
        print(f"  - {path}{f' ({label})' if label else ''}: {problem.get('message', '')}", file=sys.stderr)


def _label(form: ServiceDefinition | None, path: str) -> str:
    name = path.rsplit(".", 1)[-1].split("[", 1)[0]
    if form is None or name not in form.form.fields_by_name:
        return ""
    return pick(form.form.field(name).label)


# --- unlocking --------------------------------------------------------------------------------------
def interactive() -> bool:
    return sys.stdin.isatty()


def ask_new_passphrase(variable: str = "TAMBO_NEW_PASSPHRASE") -> str:
    """A new passphrase from ``variable``, or typed twice at a prompt."""
    given = os.environ.get(variable)
    if given:
        check_passphrase(given)
        return given
    if not interactive():
        raise TamboError(errors.STORE_PASSPHRASE_MISSING, details={"variable": variable})
    first = getpass.getpass("Nueva clave del personal (mínimo 8 caracteres): ")
    check_passphrase(first)
    if getpass.getpass("Repita la clave: ") != first:
        raise TamboError(errors.STORE_PASSPHRASE_MISMATCH)
    return first


def unlock() -> LocalBackend:
    """Open the store: TAMBO_PASSPHRASE, else the OS keystore slot, else a prompt; create on first use."""
    home = data_home()
    passphrase = os.environ.get("TAMBO_PASSPHRASE")
    if passphrase:
        return LocalBackend.open(home, passphrase)
    if not store_exists(home):
        if not interactive():
            raise TamboError(errors.STORE_PASSPHRASE_MISSING)
        print(f"Primer uso: se crearán los datos cifrados de Tambo en {home}.", file=sys.stderr)
        return LocalBackend.open(home, ask_new_passphrase("TAMBO_PASSPHRASE"))
    if has_keyring_slot(home) and keyring_available():
        try:
            return LocalBackend.open_with_keyring(home)
        except TamboError as exc:
            if exc.code not in _KEYRING_FAILURES:
                raise
    if not interactive():
        raise TamboError(errors.STORE_PASSPHRASE_MISSING)
    return LocalBackend.open(home, getpass.getpass("Clave del personal: "))


def _with_backend(fn: Callable[[LocalBackend], int]) -> int:
    backend = unlock()
    try:
        return fn(backend)
    finally:
        backend.close()


# --- catalog ----------------------------------------------------------------------------------------
def _existing(paths: list[Path]) -> list[Path]:
    for path in paths:
        if not path.is_file():
            raise TamboError(errors.INPUT_FILE_UNREADABLE, params={"name": str(path), "problem": "no existe"})
    return paths


@command("catalog import")
def catalog_import(args: argparse.Namespace) -> int:
    files = _existing(args.files)

    def run(backend: LocalBackend) -> int:
        for item in backend.import_catalog(files):
            state = "cargado" if item.added else "ya estaba"
            print(f"{item.service_id} versión {item.form_version}: {state}")
        return 0

    return _with_backend(run)


# --- submit -----------------------------------------------------------------------------------------
def read_answers(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TamboError(
            errors.INPUT_FILE_UNREADABLE, params={"name": str(path), "problem": str(exc)}
        ) from None
    try:
        answers = json.loads(text)
    except json.JSONDecodeError as exc:
        problem = f"línea {exc.lineno}, columna {exc.colno}: {exc.msg}"
        raise TamboError(errors.INPUT_NOT_JSON, params={"name": str(path), "problem": problem}) from None
    if not isinstance(answers, dict):
        raise TamboError(
            errors.INPUT_NOT_JSON, params={"name": str(path), "problem": "se esperaba un objeto {…}"}
        )
    return answers


def attachment_inputs(service: ServiceDefinition, specs: list[str]) -> tuple[AttachmentInput, ...]:
    """``CAMPO=ARCHIVO`` (or just ``ARCHIVO`` when the form has a single attachment field)."""
    fields = [f.name for f in service.form.walk() if f.type == "attachment"]
    inputs = []
    for spec in specs:
        field, sep, name = spec.partition("=")
        if not sep:
            if len(fields) != 1:
                choices = ", ".join(fields) or "ninguno"
                raise TamboError(
                    errors.FIELD_UNKNOWN,
                    params={"name": f"{spec} (indique CAMPO=ARCHIVO; campos de adjuntos: {choices})"},
                )
            field, name = fields[0], spec
        path = Path(name)
        if not path.is_file():
            raise TamboError(errors.INPUT_FILE_UNREADABLE, params={"name": name, "problem": "no existe"})
        inputs.append(AttachmentInput(field, path, sniff_media_type(path), path.name))
    return tuple(inputs)


@command("submit")
def submit(args: argparse.Namespace) -> int:
    answers = read_answers(args.answers)

    def run(backend: LocalBackend) -> int:
        service = (
            backend.catalog.version(args.service, args.form_version)
            if args.form_version
            else backend.catalog.latest(args.service)
        )
        received_by = args.received_by or os.environ.get("TAMBO_CLERK") or getpass.getuser()
        new = NewSubmission(
            service_id=service.id,
            form_version=service.form.version,
            answers=answers,
            attachments=attachment_inputs(service, args.attach),
            pages=args.pages,
            received_by=received_by,
            observations=args.observations,
        )
        try:
            detail = backend.save_submission(new)
        except TamboError as exc:
            if exc.code != errors.SUBMISSION_INVALID_ANSWERS:
                raise
            report_error(exc, service)
            return 2
        print(detail.row.tracking_code)
        return 0

    return _with_backend(run)


# --- list and show ----------------------------------------------------------------------------------
def _sync_text(row: SubmissionRow) -> str:
    if row.sync_state == "sent":
        return "enviado"
    if row.sync_state == "rejected":
        return f"rechazado: {row.sync_error or '—'}"
    return "pendiente"


def row_json(row: SubmissionRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "tracking_code": row.tracking_code,
        "service_id": row.service_id,
        "service_title": row.service_title,
        "applicant_name": row.applicant_name,
        "applicant_id": row.applicant_id,
        "filed_at": row.filed_at.isoformat(),
        "due_date": row.due_date.isoformat() if row.due_date else None,
        "sync_state": row.sync_state,
        "sync_error": row.sync_error,
        "last_status": row.last_status,
    }


@command("list")
def list_submissions(args: argparse.Namespace) -> int:
    def run(backend: LocalBackend) -> int:
        rows = backend.search(args.search, limit=max(1, args.limit))
        for row in rows:
            if args.json:
                print(json.dumps(row_json(row), ensure_ascii=False))
            else:
                applicant = (
                    f"{row.applicant_name} ({row.applicant_id})" if row.applicant_id else row.applicant_name
                )
                print(
                    f"{row.tracking_code}  {row.filed_at.strftime('%d/%m/%Y %H:%M')}  {applicant}  "
                    f"{row.service_title}  [{_sync_text(row)}]"
                    + (f"  {row.last_status}" if row.last_status else "")
                )
        if not args.json:
            print(f"{len(rows)} de {backend.count(args.search)} solicitud(es).", file=sys.stderr)
        return 0

    return _with_backend(run)


def detail_lines(detail: SubmissionDetail) -> list[str]:
    from desktop.ui.form.review import review_lines  # plain data; imported late (it loads Qt's core)

    receipt = detail.receipt
    lines = [
        f"N.º de registro: {receipt.tracking_code}",
        f"Trámite: {receipt.service_title}",
        f"Presentado: {receipt.filed_at.strftime('%d/%m/%Y %H:%M')} "
        f"(fecha oficial {receipt.official_date.strftime('%d/%m/%Y')})",
        f"Vence: {receipt.due_date.strftime('%d/%m/%Y') if receipt.due_date else '—'} · "
        f"Plazo: {receipt.plazo}",
        f"Solicitante: {receipt.applicant_name} — {receipt.applicant_id_type} {receipt.applicant_id_number}",
        f"Folios: {receipt.pages if receipt.pages is not None else '—'} · "
        f"Adjuntos: {'; '.join(receipt.attachments) or 'ninguno'}",
        f"Observaciones: {receipt.observations or 'sin observaciones'}",
        f"Recibido por: {receipt.received_by} · Código de integridad: {receipt.integrity_code}",
        f"Sincronización: {_sync_text(detail.row)} · Estado: {detail.row.last_status or '—'}",
        "",
        "Datos:",
    ]
    lines += [
        f"{'  ' * line.depth}{line.label}" + ("" if line.heading else f": {line.text}")
        for line in review_lines(detail.service.form, detail.answers)
    ]
    if detail.history:
        lines += ["", "Historial:"]
        lines += [
            f"  {item.get('at', '')}  {item.get('status') or item.get('event', '')}"
            for item in detail.history
        ]
    return lines


@command("show")
def show(args: argparse.Namespace) -> int:
    def run(backend: LocalBackend) -> int:
        detail = backend.submission(args.code)
        if args.json:
            from desktop.ops.receipts import receipt_to_json

            data = {
                "row": row_json(detail.row),
                "answers": detail.answers,
                "receipt": receipt_to_json(detail.receipt),
            }
            print(json.dumps({**data, "history": list(detail.history)}, ensure_ascii=False, indent=2))
        else:
            print("\n".join(detail_lines(detail)))
        return 0

    return _with_backend(run)


# --- the device -------------------------------------------------------------------------------------
@command("enroll")
def enroll(args: argparse.Namespace) -> int:
    def run(backend: LocalBackend) -> int:
        if getattr(args, "code", None):
            from desktop.cli_sync import enroll_online

            enroll_online(backend, args)  # registers with the server at once (needs the network)
        else:
            backend.enroll(args.ticket)
        if args.office:
            backend.set_office(args.office)
        info = backend.device_info()
        print(f"Equipo registrado en {info.institution_name} como «{info.device_name}» ({info.device_id}).")
        if not info.registered:
            server = info.server_url or "el servidor"
            print(f"Ya puede registrar solicitudes. Se confirmará con {server} en la primera sincronización.")
        return 0

    return _with_backend(run)


@command("info")
def info(args: argparse.Namespace) -> int:
    def run(backend: LocalBackend) -> int:
        device = backend.device_info()
        queue = backend.store.read(outbox.counts)
        print(f"Datos: {backend.store.home}")
        print(f"Equipo: {device.device_name or '—'} ({device.device_id})")
        print(f"Institución: {device.institution_name or 'sin registrar'} · Oficina: {device.office}")
        registered = "sí" if device.registered else "no"
        print(f"Registrado en el servidor: {registered} · Servidor: {device.server_url or '—'}")
        when = device.last_sync_at.strftime("%d/%m/%Y %H:%M") if device.last_sync_at else "nunca"
        print(f"Última sincronización: {when}")
        print(f"Por enviar: {queue['pending']} · Enviadas: {queue['sent']} · Rechazadas: {queue['rejected']}")
        return 0

    return _with_backend(run)


@command("audit verify")
def audit_verify(args: argparse.Namespace) -> int:
    def run(backend: LocalBackend) -> int:
        report = backend.verify_audit()
        if not report.ok:
            raise TamboError(
                errors.AUDIT_CHAIN_BROKEN, params={"seq": report.broken_seq, "problem": report.problem}
            )
        print(f"Registro de auditoría íntegro: {report.entries} entradas. Última huella: {report.head_hash}")
        return 0

    return _with_backend(run)


@command("audit server-head")
def audit_server_head(args: argparse.Namespace) -> int:
    """The server's audit head this device witnessed; ``--forget`` drops it after a legitimate restore
    of the server (else every sync reports that the server's log changed)."""

    def run(backend: LocalBackend) -> int:
        if args.forget:
            forgotten = backend.store.write(forget_audit_seen)
            if forgotten is None:
                print("Este equipo no tenía ninguna entrada del servidor atestiguada.")
            else:
                print(
                    f"Olvidada la entrada {forgotten.position} del registro del servidor "
                    f"(huella {forgotten.hash[:16]}…); la próxima sincronización toma la actual."
                )
            return 0
        seen = backend.store.read(audit_seen)
        if seen is None:
            print("Aún no se atestiguó el registro de auditoría del servidor (se hace al sincronizar).")
        else:
            print(f"Entrada {seen.position} del registro del servidor, huella {seen.hash}")
        return 0

    return _with_backend(run)


# --- keys -------------------------------------------------------------------------------------------
_KIND_WORDS = {
    "passphrase": "clave del personal",
    "keyring": "almacén del sistema",
    "recovery": "recuperación",
}


@command("keys list")
def keys_list(args: argparse.Namespace) -> int:
    def run(backend: LocalBackend) -> int:
        for slot in backend.key_slots():
            mark = " (usada ahora)" if slot.id == backend.store.unlocked_by else ""
            print(
                f"{slot.id}\t{_KIND_WORDS.get(slot.kind, slot.kind)}\t{slot.label}\t{slot.created_at}{mark}"
            )
        print(f"Almacén de claves del sistema: {keyring_description()}", file=sys.stderr)
        return 0

    return _with_backend(run)


@command("keys add-passphrase")
def keys_add_passphrase(args: argparse.Namespace) -> int:
    def run(backend: LocalBackend) -> int:
        print(f"Clave agregada: {backend.add_passphrase(ask_new_passphrase(), label=args.label)}")
        return 0

    return _with_backend(run)


@command("keys change-passphrase")
def keys_change_passphrase(args: argparse.Namespace) -> int:
    def run(backend: LocalBackend) -> int:
        print(f"Clave cambiada: {backend.change_passphrase(ask_new_passphrase(), args.slot)}")
        return 0

    return _with_backend(run)


@command("keys add-keyring")
def keys_add_keyring(args: argparse.Namespace) -> int:
    def run(backend: LocalBackend) -> int:
        print(f"Llave guardada en el almacén del sistema: {backend.add_keyring_slot()}")
        return 0

    return _with_backend(run)


@command("keys remove")
def keys_remove(args: argparse.Namespace) -> int:
    def run(backend: LocalBackend) -> int:
        backend.remove_slot(args.slot)
        print(f"Ranura quitada: {args.slot}")
        return 0

    return _with_backend(run)


@command("keys recover")
def keys_recover(args: argparse.Namespace) -> int:
    try:
        text = args.institution_key.read_text(encoding="ascii").strip()
        private = x25519_private_from_bytes(b64d(text))
    except (OSError, UnicodeDecodeError) as exc:
        raise TamboError(
            errors.INPUT_FILE_UNREADABLE, params={"name": str(args.institution_key), "problem": str(exc)}
        ) from None
    backend = LocalBackend.recover(data_home(), private, ask_new_passphrase())
    try:
        print(f"Datos abiertos con la llave de la institución; clave nueva: {backend.key_slots()[-1].id}")
    finally:
        backend.close()
    return 0
