"""What each ``tambo-server`` command does (the parser is in :mod:`sync_server.cli`)."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from shared import errors
from shared.errors import TamboError
from sync_server.config import Settings
from sync_server.context import Server
from sync_server.keys import create_master_key_file
from sync_server.maintenance import cli as maintenance_cli
from sync_server.ops import admin, operator_accounts
from sync_server.ops.enrollment import issue_device, write_ticket, write_ticket_qr
from sync_server.storage import migrate
from sync_server.storage.accounts import check_new_password
from sync_server.storage.audit import verify_chain
from sync_server.storage.devices import find_device, list_devices, revoke_device
from sync_server.storage.institutions import (
    change_institution_settings,
    list_institutions,
    require_institution,
)
from sync_server.storage.journal import flush_pending
from sync_server.storage.users import add_user

ADMIN = "admin:cli"
EXIT_OK = 0
EXIT_FAILURE = 1


@contextmanager
def opened(settings: Settings, *, check_schema: bool = True) -> Iterator[Server]:
    server = Server.open(settings)
    try:
        if check_schema:
            migrate.check_schema(server.db)
        yield server
    finally:
        server.close()


def dispatch(settings: Settings, args: argparse.Namespace) -> int:
    handler = {
        "init": init,
        "run": run,
        "db": db,
        "institution": institution,
        "catalog": catalog_load,
        "device": device,
        "user": user,
        "audit": audit_verify,
        "export": export,
        **maintenance_cli.HANDLERS,
    }[args.command]
    return handler(settings, args)


def init(settings: Settings, args: argparse.Namespace) -> int:
    """Idempotent: creates what is missing and leaves the rest as it is."""
    settings.home.mkdir(parents=True, exist_ok=True)
    print(f"Directorio de datos: {settings.home}")
    if not settings.master_key and create_master_key_file(settings.master_key_file):
        print(f"Clave maestra creada: {settings.master_key_file} (guárdela en un lugar seguro)")
    with opened(settings, check_schema=False) as server:
        migrate.upgrade(server.db)
        print(f"Base de datos lista (esquema {migrate.head_revision()}).")
        if args.demo:
            institution, results, issued = admin.init_demo(server, actor=ADMIN)
            published = sum(result.outcome == "published" for result in results)
            print(f"Institución de demostración: {institution.name} ({institution.id})")
            print(f"Catálogo: {published} versiones publicadas, {len(results) - published} sin cambios.")
            ticket = settings.home / admin.DEMO_TICKET
            if issued is not None:
                print(f"Registro del equipo de demostración: {ticket} (código {issued.code})")
            else:
                print(f"Registro del equipo de demostración: {ticket} (ya existía)")
    return EXIT_OK


def run(settings: Settings, args: argparse.Namespace) -> int:
    import waitress

    from sync_server.app import create_app
    from sync_server.observability import configure_logging

    with opened(settings):
        pass  # refuse to serve a database that is not migrated, or a missing or unsafe master key
    configure_logging()
    proxies: dict[str, object] = {}
    if settings.trusted_proxies > 0:  # waitress drops X-Forwarded-* it was not told to trust
        proxies = {
            "trusted_proxy": "*",
            "trusted_proxy_count": settings.trusted_proxies,
            "trusted_proxy_headers": {"x-forwarded-for", "x-forwarded-proto"},
        }
    waitress.serve(
        create_app(settings), host=args.host, port=args.port, threads=args.threads, ident="tambo", **proxies
    )
    return EXIT_OK


def db(settings: Settings, args: argparse.Namespace) -> int:
    with opened(settings, check_schema=False) as server:
        if args.db_command == "upgrade":
            migrate.upgrade(server.db)
        current = migrate.current_revision(server.db)
        print(f"Esquema: {current or '(vacío)'}; el de este servidor: {migrate.head_revision()}")
        return EXIT_OK if current == migrate.head_revision() else EXIT_FAILURE


def _units(values: list[str]) -> list[dict[str, object]]:
    units = []
    for value in values:
        code, sep, name = value.partition("=")
        if not sep or not code.strip() or not name.strip():
            raise TamboError(
                errors.PROTOCOL_MALFORMED, params={"problem": f"--unit {value!r}: use CÓDIGO=NOMBRE"}
            )
        units.append({"code": code.strip(), "name": {"es": name.strip()}})
    return units


def institution(settings: Settings, args: argparse.Namespace) -> int:
    with opened(settings) as server:
        if args.institution_command == "add":
            created = admin.create_institution(
                server, args.id, args.name, units=_units(args.unit), actor=ADMIN
            )
            print(f"Institución creada: {created.name} ({created.id}); clave {created.key_id}")
        elif args.institution_command == "set":
            _set_institution(server, args)
        else:
            with server.db.read() as conn:
                for item in list_institutions(conn):
                    print(f"{item.id}\t{item.name}\tclave {item.key_id}")
    return EXIT_OK


def _set_institution(server: Server, args: argparse.Namespace) -> None:
    if args.calendar is None and args.notice is None:
        raise TamboError(errors.PROTOCOL_MALFORMED, params={"problem": "indique --calendar o --notice"})
    calendar = notice = None
    try:
        if args.calendar is not None:
            calendar = json.loads(args.calendar.read_text(encoding="utf-8"))
            if not isinstance(calendar, dict):
                raise ValueError("se esperaba un objeto JSON")
        if args.notice is not None:
            notice = args.notice.read_text(encoding="utf-8")
    except (OSError, ValueError) as exc:
        raise TamboError(errors.PROTOCOL_MALFORMED, params={"problem": str(exc)}) from None
    with server.db.write() as conn:
        change_institution_settings(
            conn, args.id, calendar=calendar, notice=notice, actor=ADMIN, now=datetime.now(UTC)
        )
    what = [name for name, value in (("calendario", calendar), ("aviso", notice)) if value is not None]
    print(f"{args.id}: {' y '.join(what)} actualizado; los equipos lo reciben al sincronizar.")


def catalog_load(settings: Settings, args: argparse.Namespace) -> int:
    definitions = admin.read_definitions(args.files)
    with opened(settings) as server:
        with server.db.read() as conn:
            require_institution(conn, args.institution)
        results = admin.load_catalog(
            server, args.institution, definitions, actor=ADMIN, as_new_version=args.as_new_version
        )
    for result in results:
        what = "publicado" if result.outcome == "published" else "sin cambios"
        print(f"{result.service_id} versión {result.version}: {what}")
    return EXIT_OK


def device(settings: Settings, args: argparse.Namespace) -> int:
    with opened(settings) as server:
        if args.device_command == "add":
            issued = issue_device(server, args.institution, args.name, actor=ADMIN)
            if args.ticket:
                write_ticket(issued.ticket, args.ticket)
            qr_path = args.qr or settings.home / "enrollment" / f"{issued.device.prefix}.png"
            write_ticket_qr(issued.ticket, qr_path)
            if args.json:
                print(
                    json.dumps(
                        {
                            "code": issued.code,
                            "prefix": issued.device.prefix,
                            "ticket": issued.ticket.model_dump(mode="json"),
                            "qr": str(qr_path),
                        },
                        ensure_ascii=False,
                    )
                )
            else:
                print(f"Equipo: {args.name} (prefijo {issued.device.prefix})")
                print(f"Código de registro: {issued.code}")
                print(f"Vence: {issued.ticket.expires_at:%Y-%m-%d %H:%M} UTC; funciona una sola vez.")
                if args.ticket:
                    print(f"Archivo de registro: {args.ticket}")
                print(f"Código QR: {qr_path}")
        elif args.device_command == "revoke":
            with server.db.write() as conn:
                found = find_device(conn, args.institution, args.device)
                if found is None:
                    raise TamboError(errors.DEVICE_NOT_FOUND, params={"device": args.device})
                revoked = revoke_device(conn, found, actor=ADMIN, now=datetime.now(UTC))
            print(f"Equipo dado de baja: {revoked.name} (prefijo {revoked.prefix})")
        else:
            with server.db.read() as conn:
                require_institution(conn, args.institution)
                for item in list_devices(conn, args.institution):
                    seen = f"{item.last_seen_at:%Y-%m-%d %H:%M}" if item.last_seen_at else "nunca"
                    pending = "" if item.pending_count is None else f"\tpendientes {item.pending_count}"
                    columns = [str(item.id), item.prefix, item.status, item.name, item.device_id or "-"]
                    print("\t".join(columns) + f"\tvisto {seen}{pending}")
    return EXIT_OK


def user(settings: Settings, args: argparse.Namespace) -> int:
    if args.user_command == "add":
        return _user_add(settings, args)
    if args.user_command == "password":
        return _user_password(settings, args)
    if args.user_command == "unlock":
        return _user_unlock(settings, args)
    return _user_list(settings, args)


def _new_password(args: argparse.Namespace) -> str:
    """One line of standard input (``--password-stdin``), or typed twice without echo."""
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Contraseña: ")
        check_new_password(password)
        if getpass.getpass("Repita la contraseña: ") != password:
            raise TamboError(
                errors.CONSOLE_INPUT, params={"field": "contraseña", "problem": "las dos no coinciden"}
            )
    check_new_password(password)
    return password


def _user_add(settings: Settings, args: argparse.Namespace) -> int:
    password = _new_password(args)
    with opened(settings) as server, server.db.write() as conn:
        require_institution(conn, args.institution)
        created = add_user(
            conn,
            args.institution,
            args.login,
            password,
            role=args.role,
            units=args.unit,
            actor=ADMIN,
            now=datetime.now(UTC),
        )
    print(f"Usuario creado: {created.login} ({created.role}) en {created.institution_id}")
    return EXIT_OK


def _user_password(settings: Settings, args: argparse.Namespace) -> int:
    password = _new_password(args)
    with opened(settings) as server:
        done = operator_accounts.reset_password(server, args.institution, args.login, password, actor=ADMIN)
    sessions = {0: "no tenía sesiones abiertas", 1: "su sesión abierta terminó"}.get(
        done.sessions_ended, f"sus {done.sessions_ended} sesiones abiertas terminaron"
    )
    print(f"Contraseña cambiada: {done.user.login} ({done.user.institution_id}); {sessions}.")
    if done.unlock.failures:
        print(_unlock_text(done.unlock))
    return EXIT_OK


def _failed(count: int) -> str:
    return "1 intento fallido" if count == 1 else f"{count} intentos fallidos"


def _utc(moment: datetime) -> str:
    return f"{moment.astimezone(UTC):%H:%M} UTC"


def _unlock_text(done: operator_accounts.LoginUnlock) -> str:
    who = f"{done.user.login} ({done.user.institution_id})"
    if done.locked_until is not None:
        return (
            f"{who}: bloqueo levantado (estaba bloqueado hasta las {_utc(done.locked_until)} "
            f"tras {_failed(done.failures)}); ya puede ingresar."
        )
    if done.failures:
        return f"{who}: no estaba bloqueado; se olvidó su cuenta de {_failed(done.failures)}."
    return f"{who}: no estaba bloqueado ni tenía intentos fallidos; nada que hacer."


def _user_unlock(settings: Settings, args: argparse.Namespace) -> int:
    by_login = args.institution is not None or args.login is not None
    if by_login == (args.address is not None) or (by_login and not (args.institution and args.login)):
        raise TamboError(
            errors.PROTOCOL_MALFORMED, params={"problem": "indique --institution y --login, o --address"}
        )
    with opened(settings) as server:
        if args.address is None:
            unlocked = operator_accounts.unlock_login(server, args.institution, args.login, actor=ADMIN)
            print(_unlock_text(unlocked))
            return EXIT_OK
        done = operator_accounts.unlock_address(server, args.address, actor=ADMIN)
    where = f"Dirección {done.key}"
    if done.refused_until is not None:
        print(
            f"{where}: ingresos desde ella habilitados (estaba rechazada hasta las "
            f"{_utc(done.refused_until)} tras {_failed(done.failures)} recientes)."
        )
    elif done.failures:
        print(f"{where}: no estaba rechazada; se olvidó su cuenta de {_failed(done.failures)} recientes.")
    else:
        print(f"{where}: no estaba rechazada ni tenía intentos fallidos recientes; nada que hacer.")
    return EXIT_OK


def _user_list(settings: Settings, args: argparse.Namespace) -> int:
    with opened(settings) as server:
        accounts = operator_accounts.accounts_with_locks(server, args.institution)
    for account in accounts:
        item = account.user
        locked = f"bloqueado hasta las {_utc(account.locked_until)}" if account.locked_until else "-"
        columns = [
            item.login,
            item.role,
            ",".join(item.units) or "-",
            "activo" if item.active else "inactivo",
        ]
        print("\t".join([*columns, locked]))
    return EXIT_OK


def audit_verify(settings: Settings, args: argparse.Namespace) -> int:
    broken = False
    with opened(settings) as server:
        with server.db.read() as conn:
            ids = [args.institution] if args.institution else [i.id for i in list_institutions(conn)]
            for institution_id in ids:
                require_institution(conn, institution_id)
        for institution_id in ids:
            with server.db.write() as conn:  # link the entries of pushes still waiting for their place
                flush_pending(conn, institution_id)
            with server.db.read() as conn:
                report = verify_chain(conn, institution_id)
            if report.ok:
                print(
                    f"{institution_id}: {report.entries} entradas verificadas; hash final {report.head_hash}"
                )
            else:
                broken = True
                error = TamboError(
                    errors.SERVER_AUDIT_CHAIN_BROKEN,
                    params={
                        "institution": institution_id,
                        "position": report.broken_at,
                        "problem": report.problem,
                    },
                )
                print(f"{institution_id}: {error.message()}", file=sys.stderr)
    return EXIT_FAILURE if broken else EXIT_OK


def export(settings: Settings, args: argparse.Namespace) -> int:
    with opened(settings) as server:
        with server.db.read() as conn:
            require_institution(conn, args.institution)
        if args.out:
            with args.out.open("w", encoding="utf-8") as out:
                count = admin.export_submissions(server, args.institution, out)
            print(f"{count} solicitudes exportadas a {args.out}")
        else:
            admin.export_submissions(server, args.institution, sys.stdout)
    return EXIT_OK
