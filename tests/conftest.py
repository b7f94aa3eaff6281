"""Suite-wide settings: Qt offscreen, and a folder for artifacts (screenshots) that people review."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ARTIFACTS = Path(
    os.environ.get("TAMBO_TEST_ARTIFACTS", Path(__file__).resolve().parent.parent / "test-artifacts")
)


@pytest.fixture
def artifacts_dir() -> Path:
    """Where a test saves what a person should look at (screenshots, PDFs)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
