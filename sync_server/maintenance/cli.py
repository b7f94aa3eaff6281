"""The ``backup``, ``restore`` and ``master-key`` commands of ``tambo-server`` (parsers and handlers)."""

from __future__ import annotations

import argparse
from pathlib import Path

from sync_server.config import Settings
from sync_server.context import Server
from sync_server.maintenance.backup import make_backup
from sync_server.maintenance.master_key import check_master_key, rotate_master_key
from sync_server.maintenance.restore import restore_backup
from sync_server.storage import migrate

EXIT_OK = 0


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    backup = sub.add_parser(
        "backup", help="copia la base de datos y los adjuntos a una carpeta (con el servidor en marcha)"
    )
    backup.add_argument("--out", required=True, type=Path, help="carpeta de las copias")
    backup.add_argument("--keep", type=int, metavar="N", help="conserva solo las N copias más nuevas")

    restore = sub.add_parser("restore", help="restaura una copia (con el servidor detenido)")
    restore.add_argument("backup", type=Path, help="carpeta tambo-backup-… de la copia")
    restore.add_argument(
        "--replace",
        action="store_true",
        help="reemplaza una base de datos que ya tiene datos (antes guarda una copia de ella)",
    )

    key = sub.add_parser("master-key", help="clave maestra del servidor").add_subparsers(
        dest="master_key_command", required=True, metavar="SUBCOMANDO"
    )
    rotate = key.add_parser("rotate", help="cambia la clave maestra (con el servidor detenido)")
    rotate.add_argument(
        "--new-key-file",
        type=Path,
        help="dónde escribir la clave nueva cuando la actual viene de TAMBO_MASTER_KEY",
    )
    key.add_parser("check", help="muestra el id de la clave y comprueba que abre todas las instituciones")


def backup(settings: Settings, args: argparse.Namespace) -> int:
    if args.keep is not None and args.keep < 1:
        raise SystemExit("tambo-server backup: --keep debe ser 1 o más")
    server = Server.open(settings)
    try:
        migrate.check_schema(server.db)
        result = make_backup(server, args.out, keep=args.keep)
    finally:
        server.close()
    print(f"Copia lista: {result.path}")
    print(f"  base de datos: {result.database_bytes / 1e6:,.1f} MB")
    print(
        f"  adjuntos: {result.files} archivos, {result.files_bytes / 1e6:,.1f} MB "
        f"({result.linked} enlazados de la copia anterior)"
    )
    for old in result.removed:
        print(f"  copia antigua borrada: {old.name}")
    print(f"  {result.seconds:,.1f} s. La clave maestra NO va en la copia: guárdela aparte.")
    return EXIT_OK


def restore(settings: Settings, args: argparse.Namespace) -> int:
    result = restore_backup(settings, args.backup, replace=args.replace)
    counts = result.manifest.table_counts
    print(f"Copia restaurada: {args.backup} (hecha el {result.manifest.created_at})")
    if result.safety_copy:
        print(f"  lo que había antes quedó en {result.safety_copy}")
    print(
        f"  {counts.get('submissions', 0)} solicitudes, {result.institutions} instituciones; "
        f"adjuntos: {result.files_copied} copiados, {result.files_present} ya estaban"
    )
    if result.needs_upgrade:
        print("  La copia tiene un esquema anterior: ejecute «tambo-server db upgrade» antes de iniciar.")
    print(f"  {result.seconds:,.1f} s.")
    return EXIT_OK


def master_key(settings: Settings, args: argparse.Namespace) -> int:
    server = Server.open(settings)
    try:
        migrate.check_schema(server.db)
        if args.master_key_command == "check":
            key_id, count = check_master_key(settings, server.db)
            print(f"Clave maestra {key_id}: abre las llaves de {count} instituciones.")
            return EXIT_OK
        rotation = rotate_master_key(settings, server.db, new_key_file=args.new_key_file)
    finally:
        server.close()
    print(f"Clave maestra cambiada: {rotation.old_id} -> {rotation.new_id}")
    print(f"  llaves de institución vueltas a cifrar: {rotation.rewrapped}", end="")
    print(f" (ya hechas antes: {rotation.already_done})" if rotation.already_done else "")
    if rotation.retired_file is not None:
        print(f"  clave nueva en {rotation.key_file}; la anterior quedó en {rotation.retired_file}")
        print("  (consérvela mientras existan copias de seguridad hechas con ella)")
    else:
        print(f"  clave nueva en {rotation.key_file}: póngala en TAMBO_MASTER_KEY y borre ese archivo")
    print("  Reinicie el servidor: uno en marcha sigue con la clave anterior.")
    return EXIT_OK


HANDLERS = {"backup": backup, "restore": restore, "master-key": master_key}
