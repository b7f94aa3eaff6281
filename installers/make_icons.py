"""Render the app icon (installers/assets/tambo.svg) to the files installers need, with Qt alone.

    python installers/make_icons.py build/icons      # tambo.ico (Windows) and tambo-256.png (Linux, docs)

The SVG is the only icon kept in git; the rest is made at build time, so they never drift apart.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QImageWriter, QPainter
from PySide6.QtSvg import QSvgRenderer

SVG = Path(__file__).resolve().parent / "assets" / "tambo.svg"


def render(size: int, svg: Path = SVG) -> QImage:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    return image


def write(image: QImage, path: Path, image_format: str) -> None:
    writer = QImageWriter(str(path), image_format.encode())
    if not writer.write(image):
        raise OSError(f"cannot write {path}: {writer.errorString()}")


def make_icons(out: Path) -> list[Path]:
    """``tambo.ico`` (256 px, what Windows scales from) and ``tambo-256.png``; the paths written."""
    QGuiApplication.instance() or QGuiApplication(["make_icons", "-platform", "offscreen"])
    out.mkdir(parents=True, exist_ok=True)
    image = render(256)
    ico, png = out / "tambo.ico", out / "tambo-256.png"
    write(image, ico, "ico")
    write(image, png, "png")
    return [ico, png]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder for the icon files")
    args = parser.parse_args(argv)
    for path in make_icons(args.out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
