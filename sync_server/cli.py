"""``tambo-server``: the administrator's command line.

Exit codes: 0 ok; 2 bad input or a refused operation (with a Spanish message saying why); 1 anything
else, including an audit chain that does not verify.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from shared.errors import TamboError
from shared.forms.checking import check_definition_files
from sync_server import commands
from sync_server.config import Settings
from sync_server.maintenance import cli as maintenance_cli

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tambo-server", description="Servidor de sincronización de Tambo.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMANDO")

    init = sub.add_parser("init", help="prepara el directorio de datos, la clave maestra y la base de datos")
    init.add_argument("--demo", action="store_true", help="con la institución y el catálogo de demostración")

    run = sub.add_parser("run", help="sirve la API con waitress (no el servidor de desarrollo)")
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--port", type=int, default=8765)
    run.add_argument("--threads", type=int, default=8)

    db = sub.add_parser("db", help="esquema de la base de datos").add_subparsers(
        dest="db_command", required=True, metavar="SUBCOMANDO"
    )
    db.add_parser("upgrade", help="aplica las migraciones pendientes")
    db.add_parser("status", help="muestra la versión del esquema")

    institution = sub.add_parser("institution", help="instituciones").add_subparsers(
        dest="institution_command", required=True, metavar="SUBCOMANDO"
    )
    add = institution.add_parser("add", help="crea una institución con su par de claves")
    add.add_argument("--id", required=True, help="identificador corto: muni-ilave")
    add.add_argument("--name", required=True)
    add.add_argument(
        "--unit", action="append", default=[], metavar="CÓDIGO=NOMBRE", help="oficina (repetible)"
    )
    institution.add_parser("list", help="lista las instituciones")
    iset = institution.add_parser(
        "set", help="cambia el calendario o el aviso de datos personales (llegan a los equipos)"
    )
    iset.add_argument("--id", required=True)
    iset.add_argument(
        "--calendar",
        type=Path,
        metavar="ARCHIVO.json",
        help='{"non_working_days": [...], "extra_working_days": [...], "cutoff": "16:30", "tz": "..."}',
    )
    iset.add_argument("--notice", type=Path, metavar="ARCHIVO.txt", help="aviso de protección de datos")

    catalog = sub.add_parser("catalog", help="catálogo de trámites").add_subparsers(
        dest="catalog_command", required=True, metavar="SUBCOMANDO"
    )
    check = catalog.add_parser("check", help="valida definiciones de trámites (JSON)")
    check.add_argument("files", nargs="+", type=Path)
    load = catalog.add_parser("load", help="publica definiciones de trámites en una institución")
    load.add_argument("--institution", required=True)
    load.add_argument(
        "--as-new-version", action="store_true", help="publica una definición cambiada como versión siguiente"
    )
    load.add_argument("files", nargs="+", type=Path)

    device = sub.add_parser("device", help="equipos").add_subparsers(
        dest="device_command", required=True, metavar="SUBCOMANDO"
    )
    dadd = device.add_parser("add", help="reserva un equipo e imprime su código de registro de un solo uso")
    dadd.add_argument("--institution", required=True)
    dadd.add_argument("--name", required=True)
    dadd.add_argument("--ticket", type=Path, help="escribe el archivo de registro (JSON) aquí")
    dadd.add_argument(
        "--qr",
        type=Path,
        help="dónde escribir el código QR del registro (PNG); "
        "por omisión TAMBO_SERVER_HOME/enrollment/PREFIJO.png",
    )
    dadd.add_argument("--json", action="store_true", help="imprime el resultado como JSON")
    revoke = device.add_parser("revoke", help="da de baja un equipo (id, prefijo o número)")
    revoke.add_argument("--institution", required=True)
    revoke.add_argument("device")
    dlist = device.add_parser("list", help="lista los equipos de una institución")
    dlist.add_argument("--institution", required=True)

    user = sub.add_parser("user", help="usuarios de la consola").add_subparsers(
        dest="user_command", required=True, metavar="SUBCOMANDO"
    )
    uadd = user.add_parser("add", help="crea un usuario")
    uadd.add_argument("--institution", required=True)
    uadd.add_argument("--login", required=True)
    uadd.add_argument("--role", required=True, help="admin, official, coordinator o auditor")
    uadd.add_argument("--unit", action="append", default=[], help="oficina del usuario (repetible)")
    uadd.add_argument(
        "--password-stdin", action="store_true", help="lee la contraseña de la entrada estándar"
    )
    upassword = user.add_parser(
        "password", help="pone una contraseña nueva; cierra las sesiones del usuario y levanta su bloqueo"
    )
    upassword.add_argument("--institution", required=True)
    upassword.add_argument("--login", required=True)
    upassword.add_argument(
        "--password-stdin", action="store_true", help="lee la contraseña de la entrada estándar"
    )
    unlock = user.add_parser(
        "unlock",
        help="levanta el bloqueo de ingreso de un usuario (--institution y --login) "
        "o el de una dirección (--address)",
    )
    unlock.add_argument("--institution")
    unlock.add_argument("--login")
    unlock.add_argument("--address", help="dirección IP del cliente (IPv4, o IPv6: se levanta su /64)")
    ulist = user.add_parser("list", help="lista los usuarios de una institución y si están bloqueados")
    ulist.add_argument("--institution", required=True)

    audit = sub.add_parser("audit", help="registro de auditoría").add_subparsers(
        dest="audit_command", required=True, metavar="SUBCOMANDO"
    )
    verify = audit.add_parser("verify", help="verifica la cadena de hashes")
    verify.add_argument("--institution", help="solo esta institución")

    export = sub.add_parser("export", help="exporta las solicitudes de una institución (JSON por línea)")
    export.add_argument("--institution", required=True)
    export.add_argument("--out", type=Path, help="archivo de salida (por omisión, la salida estándar)")
    maintenance_cli.add_parsers(sub)  # backup, restore, master-key
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "catalog" and args.catalog_command == "check":
        return check_definition_files(args.files)
    try:
        settings = Settings.load()
    except (ValueError, OSError) as exc:
        print(f"Error en la configuración: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        return commands.dispatch(settings, args)
    except TamboError as exc:
        print(f"Error: {exc.message()}", file=sys.stderr)
        return EXIT_BAD_INPUT if exc.http_status < 500 else EXIT_FAILURE
    except KeyboardInterrupt:
        return EXIT_FAILURE


if __name__ == "__main__":
    sys.exit(main())
