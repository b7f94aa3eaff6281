"""``tambo-server``: the administrator's command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from shared.forms.checking import check_definition_files
from sync_server.config import Settings

EXIT_OK = 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tambo-server", description="Servidor de sincronización de Tambo.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMANDO")

    init = commands.add_parser("init", help="prepara el directorio de datos (TAMBO_SERVER_HOME)")
    init.add_argument("--demo", action="store_true", help="con el catálogo de demostración")

    run = commands.add_parser("run", help="sirve la API con waitress (no el servidor de desarrollo)")
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--port", type=int, default=8765)
    run.add_argument("--threads", type=int, default=8)

    catalog = commands.add_parser("catalog", help="catálogo de trámites")
    catalog_commands = catalog.add_subparsers(dest="catalog_command", required=True, metavar="SUBCOMANDO")
    check = catalog_commands.add_parser("check", help="valida definiciones de trámites (JSON)")
    check.add_argument("files", nargs="+", type=Path)

    args = parser.parse_args(argv)
    settings = Settings.load()
    if args.command == "init":
        settings.home.mkdir(parents=True, exist_ok=True)
        print(f"Directorio de datos: {settings.home}")
        return EXIT_OK
    if args.command == "run":
        return _run(settings, args.host, args.port, args.threads)
    return check_definition_files(args.files)


def _run(settings: Settings, host: str, port: int, threads: int) -> int:
    import waitress

    from sync_server.app import create_app

    settings.home.mkdir(parents=True, exist_ok=True)
    waitress.serve(create_app(settings), host=host, port=port, threads=threads, ident="tambo")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
