"""``python -m desktop.i18n update|compile|status``: keep the Qt translation files in step with the code.

* ``update``: run pyside6-lupdate over ``desktop/`` into ``tambo_qu.ts`` and ``tambo_en.ts``; new strings
  arrive empty and unfinished, strings gone from the code are dropped.
* ``compile [--out DIR]``: run pyside6-lrelease (installers do this at build time; the app also does it
  at start-up when a .qm is missing or older than its .ts).
* ``status``: how many entries each language has, how many are empty, how many unfinished.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.i18n.catalog import (
    TRANSLATED_LANGUAGES,
    compile_translations,
    read_messages,
    ts_path,
    update_sources,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desktop.i18n", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("update", help="lupdate: collect the strings of the code into the .ts files")
    compile_command = commands.add_parser("compile", help="lrelease: .ts -> .qm")
    compile_command.add_argument("--out", type=Path, help="folder for the .qm files")
    commands.add_parser("status", help="translated / empty / unfinished entries per language")
    args = parser.parse_args(argv)
    if args.command == "update":
        print(update_sources(), end="")
    elif args.command == "compile":
        for lang, path in compile_translations(args.out, force=True).items():
            print(f"{lang}: {path}")
    status = 0
    for lang in TRANSLATED_LANGUAGES:
        messages = [m for m in read_messages(ts_path(lang)) if m.current]
        empty = sum(1 for m in messages if not m.translation.strip())
        unfinished = sum(1 for m in messages if m.state == "unfinished")
        print(f"{lang}: {len(messages)} entries, {empty} empty, {unfinished} unfinished (not reviewed)")
        status = status or (1 if empty and args.command == "status" else 0)
    return status


if __name__ == "__main__":
    sys.exit(main())
