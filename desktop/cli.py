"""``tambo``: the desktop app (a window) and its headless commands."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from shared.forms.checking import check_definition_files

EXIT_OK, EXIT_NO_DISPLAY = 0, 3


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="tambo", description="Tambo: mesa de partes y quiosco sin conexión."
    )
    parser.add_argument("--server", help="URL del servidor de sincronización")
    parser.add_argument("--version", action="store_true", help="muestra la versión y termina")
    commands = parser.add_subparsers(dest="command", metavar="COMANDO")
    catalog = commands.add_parser("catalog", help="catálogo de trámites")
    catalog_commands = catalog.add_subparsers(dest="catalog_command", required=True, metavar="SUBCOMANDO")
    check = catalog_commands.add_parser("check", help="valida definiciones de trámites (JSON)")
    check.add_argument("files", nargs="+", type=Path)

    args = parser.parse_args(argv)
    if args.version:
        from desktop import __version__

        print(f"tambo {__version__}")
        return EXIT_OK
    if args.command == "catalog":
        return check_definition_files(args.files)
    return open_window(args.server)


def has_display() -> bool:
    """Qt can only open a window with a display server, or on its offscreen platform."""
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) or (
        os.environ.get("QT_QPA_PLATFORM") in ("offscreen", "minimal", "vnc")
    )


def open_window(server_url: str | None) -> int:
    if not has_display():
        print(
            "No hay pantalla disponible (DISPLAY/WAYLAND_DISPLAY vacíos): "
            "la ventana de Tambo no puede abrirse. "
            "Use los comandos sin ventana (tambo --help).",
            file=sys.stderr,
        )
        return EXIT_NO_DISPLAY
    from desktop.ui.app import run_app

    return run_app(server_url)


if __name__ == "__main__":
    sys.exit(main())
