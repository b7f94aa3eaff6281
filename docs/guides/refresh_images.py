"""Copy the screenshots the guides show from the test artifacts, scaled down for the repository.

    scripts/test.sh tests/desktop tests/coordinators tests/sync_server    # the tests save them
    .venv/bin/python docs/guides/refresh_images.py                        # then refresh the guides' copies

The tests are the only source of these pictures (a person never takes them by hand), so the guides
show the screens as the code draws them; re-run this after a change to a screen and look at the result.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage

ROOT = Path(__file__).resolve().parents[2]
IMG = Path(__file__).resolve().parent / "img"
MAX_WIDTH = 820

#: guide picture -> the test artifact it is made from
SELECTION = {
    "mesa-1-elegir-tramite.png": "ui-01-chooser.png",
    "mesa-2-formulario.png": "ui-02-form-errors.png",
    "mesa-3-revision.png": "ui-03-review.png",
    "mesa-4-cargo.png": "ui-04-receipt.png",
    "mesa-5-registrados.png": "ui-05-list.png",
    "quiosco-1-bienvenida.png": "kiosk-es-1366-01-welcome.png",
    "quiosco-2-cargo.png": "kiosk-es-1366-13-receipt.png",
    "quiosco-3-consulta.png": "kiosk-es-1366-16-status-result.png",
    "quiosco-4-sigue-ahi.png": "kiosk-es-1366-18-countdown.png",
    "quiosco-5-pin.png": "kiosk-es-1366-21-staff-pin.png",
    "coordinador-1-ventana.png": "coordinator-window.png",
    "coordinador-2-equipos.png": "console-coordination.png",
    "coordinador-3-codigo.png": "console-devices-code.png",
    "funcionario-1-bandeja.png": "console-inbox-1366.png",
    "funcionario-2-solicitud.png": "console-case-received.png",
    "funcionario-3-atendida.png": "console-case-resolved.png",
}


def scaled(source: Path, max_width: int = MAX_WIDTH) -> QImage:
    """``source`` at most ``max_width`` wide, in its 256 most frequent colours.

    A screenshot is mostly a few flat colours plus the shades of anti-aliased text; keeping the 256
    most used ones (and mapping the rare rest to the nearest) makes the file about a third of the
    size with no visible change, which matters for pictures kept in git.
    """
    image = QImage(str(source))
    if image.isNull():
        raise ValueError(f"{source} is not an image")
    if image.width() > max_width:
        image = image.scaledToWidth(max_width, Qt.TransformationMode.SmoothTransformation)
    image = image.convertToFormat(QImage.Format.Format_RGB32)  # screenshots have no transparency
    counts = Counter(memoryview(bytes(image.constBits())).cast("I"))
    table = [colour | 0xFF000000 for colour, _ in counts.most_common(256)]
    return image.convertToFormat(QImage.Format.Format_Indexed8, table, Qt.ImageConversionFlag.ThresholdDither)


def refresh(artifacts: Path, out: Path = IMG) -> list[Path]:
    """Write every picture of :data:`SELECTION`; FileNotFoundError names the artifacts missing."""
    missing = [name for name in SELECTION.values() if not (artifacts / name).is_file()]
    if missing:
        raise FileNotFoundError(f"run the tests that save these first: {', '.join(missing)}")
    QGuiApplication.instance() or QGuiApplication(["refresh_images", "-platform", "offscreen"])
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for target, source in SELECTION.items():
        path = out / target
        if not scaled(artifacts / source).save(str(path), "PNG", 9):
            raise OSError(f"cannot write {path}")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = os.environ.get("TAMBO_TEST_ARTIFACTS", str(ROOT / "test-artifacts"))
    parser.add_argument("--artifacts", type=Path, default=Path(default))
    args = parser.parse_args(argv)
    try:
        written = refresh(args.artifacts)
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 1
    for path in written:
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
