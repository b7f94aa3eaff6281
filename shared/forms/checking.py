"""Checking definition files from a command line (``tambo catalog check``, ``tambo-server catalog check``)."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from shared.forms.definition import DefinitionError, load_service

EXIT_OK, EXIT_BAD_INPUT = 0, 2


def check_definition_files(files: Iterable[Path], out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Print every problem of each file with its JSON path; return 2 if any file is bad, else 0."""
    status = EXIT_OK
    for path in files:
        try:
            service = load_service(path)
        except DefinitionError as exc:
            status = EXIT_BAD_INPUT
            for problem in exc.problems:
                print(f"{path}: {problem.path}: {problem.message}", file=err)
        except OSError as exc:
            status = EXIT_BAD_INPUT
            print(f"{path}: no se puede leer el archivo: {exc.strerror}", file=err)
        else:
            print(f"{path}: válido ({service.id}, versión {service.form.version})", file=out)
    return status
