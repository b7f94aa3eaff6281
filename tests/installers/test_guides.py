"""The user guides: every picture they show is there, small, and made from a test's screenshot."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage, QImageReader

from installers.desktop.bundle import ROOT

GUIDES = ROOT / "docs" / "guides"
_spec = importlib.util.spec_from_file_location("refresh_images", GUIDES / "refresh_images.py")
assert _spec is not None
assert _spec.loader is not None
refresh_images = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(refresh_images)  # a script beside the guides, not a package
IMAGE_LINK = re.compile(r"!\[[^\]]+\]\((img/[^)]+)\)")


def guide_files() -> list[Path]:
    return sorted(path for path in GUIDES.glob("*.md") if path.name != "README.md")


def test_every_guide_is_listed_and_every_picture_it_shows_is_small_and_known() -> None:
    index = (GUIDES / "README.md").read_text(encoding="utf-8")
    shown: set[str] = set()
    for guide in guide_files():
        assert f"]({guide.name})" in index, guide.name
        links = IMAGE_LINK.findall(guide.read_text(encoding="utf-8"))
        assert links, f"{guide.name} shows no screen"
        shown.update(links)
    on_disk = {f"img/{path.name}" for path in (GUIDES / "img").glob("*.png")}
    assert shown == on_disk  # nothing missing, nothing left over
    assert on_disk == {f"img/{name}" for name in refresh_images.SELECTION}
    for name in on_disk:
        path = GUIDES / name
        assert path.stat().st_size < 120_000, name
        assert QImageReader(str(path)).size().width() <= refresh_images.MAX_WIDTH, name


def test_refresh_scales_and_reduces_the_selected_screenshots(
    tmp_path: Path, qapp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    selection = dict(list(refresh_images.SELECTION.items())[:2])
    monkeypatch.setattr(refresh_images, "SELECTION", selection)
    artifacts = tmp_path / "artifacts"
    artifacts.mkdir()
    for source in selection.values():
        image = QImage(1000, 500, QImage.Format.Format_RGB32)
        image.fill(QColor("#0b4f60"))
        image.save(str(artifacts / source))
    written = refresh_images.refresh(artifacts, tmp_path / "img")
    assert [path.name for path in written] == list(selection)
    for path in written:
        image = QImage(str(path))
        assert (image.width(), image.height()) == (refresh_images.MAX_WIDTH, 410)
        assert image.format() == QImage.Format.Format_Indexed8
        assert image.pixelColor(10, 10) == QColor("#0b4f60")


def test_refresh_names_the_screenshots_the_tests_have_not_saved(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"ui-01-chooser\.png"):
        refresh_images.refresh(tmp_path, tmp_path / "img")
