"""``tambo``: the desktop app (a window) and its headless commands, for scripts and paper backlogs.

Every command honours ``TAMBO_HOME`` (the data directory) and reads the staff passphrase from
``TAMBO_PASSPHRASE``, else from the OS keystore when the store has a keystore slot, else from a prompt;
the first use creates the store (asking for a new passphrase twice when interactive).

Exit codes: 0 ok; 2 bad input (a Spanish message naming the field or file); 3 no display for the
window; 4 the store stayed locked (wrong or missing passphrase); 5 the device is not enrolled yet;
6 the audit chain is broken; 7 the disk is full; 8 ``sync`` could not finish (no connection: try again
later, nothing is lost); 9 the server refuses this device (revoked); 1 anything else.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.cli_bundles import add_bundle_commands
from shared import errors
from shared.errors import TamboError
from shared.forms.checking import check_definition_files

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT, EXIT_NO_DISPLAY = 0, 1, 2, 3
EXIT_LOCKED, EXIT_NOT_PROVISIONED, EXIT_AUDIT_BROKEN, EXIT_DISK_FULL = 4, 5, 6, 7

_LOCKED_CODES = {
    errors.CRYPTO_WRONG_PASSPHRASE,
    errors.STORE_PASSPHRASE_MISSING,
    errors.STORE_KEYRING_UNAVAILABLE,
    errors.STORE_KEYRING_SECRET_MISSING,
    errors.STORAGE_LOCKED,
}
_BAD_INPUT_CODES = {
    errors.SUBMISSION_INVALID_ANSWERS,
    errors.SUBMISSION_UNKNOWN_SERVICE,
    errors.INPUT_FILE_UNREADABLE,
    errors.INPUT_NOT_JSON,
    errors.STORE_PASSPHRASE_MISMATCH,
    errors.ATTACHMENT_NOT_PROVIDED,
    errors.ENROLLMENT_TICKET_INVALID,
    errors.ENROLLMENT_CODE_EXPIRED,
    errors.ENROLLMENT_OTHER_INSTITUTION,
    errors.CATALOG_VERSION_CHANGED,
    errors.STORE_PASSPHRASE_TOO_SHORT,
    errors.STORE_SLOT_NOT_FOUND,
    errors.STORE_LAST_SLOT,
    errors.STORE_NO_RECOVERY_SLOT,
    errors.REQUEST_NOT_FOUND,
    errors.CRYPTO_BAD_KEY,
}
_BAD_INPUT_PREFIXES = ("field.", "definition.", "tracking.", "protocol.", "enrollment.", "sync.server_url")


def exit_code_for(exc: TamboError) -> int:
    code = exc.code
    if code in _LOCKED_CODES:
        return EXIT_LOCKED
    if code == errors.DEVICE_NOT_PROVISIONED:
        return EXIT_NOT_PROVISIONED
    if code == errors.AUDIT_CHAIN_BROKEN:
        return EXIT_AUDIT_BROKEN
    if code == errors.STORAGE_DISK_FULL:
        return EXIT_DISK_FULL
    if code in _BAD_INPUT_CODES or code.startswith(_BAD_INPUT_PREFIXES):
        return EXIT_BAD_INPUT
    return EXIT_FAILURE


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tambo", description="Tambo: mesa de partes y quiosco sin conexión."
    )
    parser.add_argument("--server", help="URL del servidor de sincronización")
    parser.add_argument("--kiosk", action="store_true", help="modo quiosco (pantalla completa; sale con PIN)")
    parser.add_argument(
        "--coordinator", action="store_true", help="modo coordinador: paquetes USB de sedes sin conexión"
    )
    parser.add_argument("--version", action="store_true", help="muestra la versión y termina")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="abre la ventana, comprueba que responde y termina (instaladores; sin preguntar la clave)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMANDO")

    catalog = commands.add_parser("catalog", help="catálogo de trámites")
    catalog_commands = catalog.add_subparsers(dest="catalog_command", required=True, metavar="SUBCOMANDO")
    check = catalog_commands.add_parser("check", help="valida definiciones de trámites (JSON)")
    check.add_argument("files", nargs="+", type=Path)
    load = catalog_commands.add_parser("import", help="carga definiciones de trámites en este equipo")
    load.add_argument("files", nargs="+", type=Path)

    submit = commands.add_parser("submit", help="registra una solicitud sin ventana; imprime su código")
    submit.add_argument("--service", required=True, help="id del trámite (p. ej. solicitud-general)")
    submit.add_argument("--answers", required=True, type=Path, help="archivo JSON con las respuestas")
    submit.add_argument(
        "--attach",
        action="append",
        default=[],
        metavar="CAMPO=ARCHIVO",
        help="adjunta un archivo (repetible)",
    )
    submit.add_argument("--pages", type=int, help="número de folios entregados")
    submit.add_argument("--form-version", type=int, help="versión del formulario (por defecto la vigente)")
    submit.add_argument(
        "--received-by", default=None, help="quién recibe (por defecto TAMBO_CLERK o el usuario)"
    )
    submit.add_argument("--observations", default="", help="requisitos que faltan u otras observaciones")

    listing = commands.add_parser("list", help="lista las solicitudes registradas en este equipo")
    listing.add_argument("--search", default="", help="N.º de registro, DNI o nombre")
    listing.add_argument("--limit", type=int, default=50)
    listing.add_argument("--json", action="store_true", help="una línea JSON por solicitud")

    show = commands.add_parser("show", help="muestra una solicitud y su cargo")
    show.add_argument("code", help="N.º de registro (o identificador)")
    show.add_argument("--json", action="store_true")

    enroll = commands.add_parser("enroll", help="registra este equipo en una institución")
    how = enroll.add_mutually_exclusive_group(required=True)
    how.add_argument("--ticket", type=Path, help="archivo de registro (tambo-server device add), sin red")
    how.add_argument("--code", help="código de registro de un solo uso (con --server; necesita red)")
    enroll.add_argument("--server", dest="command_server", help="URL del servidor (con --code)")
    enroll.add_argument("--name", help="nombre de este equipo (con --code; por defecto el del sistema)")
    enroll.add_argument("--office", help="oficina o sede que se imprime en los cargos")

    sync = commands.add_parser("sync", help="envía lo pendiente al servidor y recibe novedades")
    sync.add_argument("--once", action="store_true", help="una sola vez y termina (si no, hasta Ctrl+C)")
    sync.add_argument("--server", dest="command_server", help="URL del servidor (si no, el del registro)")
    sync.add_argument("--interval", type=float, help="segundos entre sincronizaciones (sin --once)")

    commands.add_parser("info", help="muestra la identidad de este equipo")

    audit = commands.add_parser("audit", help="registro de auditoría del equipo")
    audit_commands = audit.add_subparsers(dest="audit_command", required=True, metavar="SUBCOMANDO")
    audit_commands.add_parser(
        "verify", help="comprueba la cadena de huellas e informa el primer eslabón roto"
    )
    head = audit_commands.add_parser(
        "server-head",
        help="la última entrada del registro del servidor que este equipo atestiguó (sync health)",
    )
    head.add_argument(
        "--forget",
        action="store_true",
        help="la olvida (solo si el administrador confirma que el servidor se restauró de una copia)",
    )

    keys = commands.add_parser("keys", help="formas de abrir los datos cifrados (ranuras de clave)")
    key_commands = keys.add_subparsers(dest="keys_command", required=True, metavar="SUBCOMANDO")
    key_commands.add_parser("list", help="lista las ranuras")
    add = key_commands.add_parser("add-passphrase", help="agrega otra clave del personal")
    add.add_argument("--label", default="", help="para quién es (p. ej. «Ana Torres»)")
    change = key_commands.add_parser("change-passphrase", help="cambia una clave del personal")
    change.add_argument("--slot", help="ranura a cambiar (por defecto, la usada para abrir)")
    key_commands.add_parser("add-keyring", help="guarda una llave en el almacén de claves del sistema")
    remove = key_commands.add_parser("remove", help="quita una ranura (nunca la última utilizable)")
    remove.add_argument("slot")
    recover = key_commands.add_parser(
        "recover", help="abre con la llave de la institución y pone una clave nueva"
    )
    recover.add_argument(
        "--institution-key", required=True, type=Path, help="llave privada X25519 (base64url)"
    )
    add_bundle_commands(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.version:
        from desktop import __version__

        print(f"tambo {__version__}")
        return EXIT_OK
    if args.command is None:
        return open_window(
            args.server, kiosk=args.kiosk, self_test=args.self_test, coordinator=args.coordinator
        )
    if args.command == "catalog" and args.catalog_command == "check":
        return check_definition_files(args.files)
    from desktop import cli_bundle_commands, cli_commands, cli_sync  # noqa: F401 - they register handlers

    handler: Callable[[Any], int] = cli_commands.HANDLERS[_handler_name(args)]
    try:
        return handler(args)
    except TamboError as exc:
        cli_commands.report_error(exc)
        return exit_code_for(exc)
    except KeyboardInterrupt:
        print("\nInterrumpido: no se guardó nada más.", file=sys.stderr)
        return EXIT_FAILURE


def _handler_name(args: argparse.Namespace) -> str:
    sub = getattr(args, f"{args.command}_command", None)
    return f"{args.command} {sub}" if sub else args.command


def has_display() -> bool:
    """Qt can only open a window with a display server, or on its offscreen platform."""
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) or (
        os.environ.get("QT_QPA_PLATFORM") in ("offscreen", "minimal", "vnc")
    )


def open_window(
    server_url: str | None, kiosk: bool = False, self_test: bool = False, coordinator: bool = False
) -> int:
    if kiosk and (self_test or coordinator):
        print("--kiosk no se combina con --self-test ni con --coordinator.", file=sys.stderr)
        return EXIT_BAD_INPUT
    if not has_display():
        print(
            "No hay pantalla disponible (DISPLAY/WAYLAND_DISPLAY vacíos): "
            "la ventana de Tambo no puede abrirse. "
            "Use los comandos sin ventana (tambo --help).",
            file=sys.stderr,
        )
        return EXIT_NO_DISPLAY
    if kiosk:
        from desktop.ui.kiosk import run_kiosk

        return run_kiosk(server_url)
    if coordinator:
        from desktop.ui.coordinator_app import run_coordinator

        return run_coordinator(server_url, self_test=self_test)
    from desktop.ui.app import run_app

    return run_app(server_url, self_test=self_test)


if __name__ == "__main__":
    sys.exit(main())
