"""``python -m desktop.i18n update|compile|status``: keep the Qt translation files in step with the code.

* ``update``: run pyside6-lupdate over ``desktop/`` into ``tambo_qu.ts`` and ``tambo_en.ts``; new strings
  arrive empty and unfinished, strings gone from the code are dropped.
* ``compile [--out DIR]``: run pyside6-lrelease (installers do this at build time; the app also does it
  at start-up when a .qm is missing or older than its .ts).
* ``status``: how many entries each language has, how many are empty, how many unfinished, and how
  many strings of the code are not in the .ts files yet (exit 1 when a string a citizen reads is
  missing or untranslated).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.i18n.catalog import (
    TRANSLATED_LANGUAGES,
    citizen_source_files,
    compile_translations,
    read_messages,
    strings_in_code,
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
    in_code = strings_in_code()
    for_citizens = strings_in_code(citizen_source_files())
    status = 0
    for lang in TRANSLATED_LANGUAGES:
        messages = [m for m in read_messages(ts_path(lang)) if m.current]
        translated = {m.key for m in messages if m.translation.strip()}
        empty = sum(1 for m in messages if not m.translation.strip())
        unfinished = sum(1 for m in messages if m.state == "unfinished" and m.translation.strip())
        missing = len(in_code - {m.key for m in messages})
        citizens_lack = len(for_citizens - translated)
        print(
            f"{lang}: {len(messages)} entries, {empty} empty, {unfinished} not reviewed (unfinished); "
            f"{missing} strings of the code not in the file yet; "
            f"{citizens_lack} strings a citizen reads without translation"
        )
        if args.command == "status" and citizens_lack:
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
