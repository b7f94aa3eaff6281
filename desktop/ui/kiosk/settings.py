"""Kiosk settings: read from the environment when the kiosk starts (never at import time).

| variable | default | meaning |
|---|---|---|
| ``TAMBO_KIOSK_LANG`` | ``es`` | language every session starts in (``es``, ``qu``, ``en``) |
| ``TAMBO_KIOSK_IDLE_SECONDS`` | 90 | quiet time before "¿Sigue ahí?" |
| ``TAMBO_KIOSK_COUNTDOWN_SECONDS`` | 20 | the countdown before the session is wiped |
| ``TAMBO_KIOSK_PRINTER`` | system default | printer name, ``none``, or ``pdf:FOLDER`` |
| ``TAMBO_KIOSK_MEDIA`` | ``/media``, ``/run/media`` | where USB sticks appear (``none``: no attachments) |
| ``TAMBO_KIOSK_NAME`` | the device name | "Recibido por" on the kiosk's receipts |
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from shared.i18n import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES

log = logging.getLogger(__name__)


def default_media_roots() -> tuple[Path, ...]:
    if sys.platform == "darwin":
        return (Path("/Volumes"),)
    if sys.platform == "win32":
        return ()  # removable drives are found through QStorageInfo (see usb_files.py)
    return (Path("/media"), Path("/run/media"))


@dataclass(frozen=True, slots=True)
class KioskSettings:
    default_lang: str = DEFAULT_LANGUAGE
    idle_seconds: float = 90.0
    countdown_seconds: int = 20
    printer: str = ""
    media_roots: tuple[Path, ...] | None = None  # None: the platform's defaults
    kiosk_name: str = ""

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> KioskSettings:
        env = os.environ if env is None else env
        lang = env.get("TAMBO_KIOSK_LANG", DEFAULT_LANGUAGE).strip().lower()
        if lang not in SUPPORTED_LANGUAGES:
            log.warning(
                "TAMBO_KIOSK_LANG=%r is not one of %s; using %s",
                lang,
                ", ".join(SUPPORTED_LANGUAGES),
                DEFAULT_LANGUAGE,
            )
            lang = DEFAULT_LANGUAGE
        media = env.get("TAMBO_KIOSK_MEDIA")
        roots: tuple[Path, ...] | None = None
        if media is not None:
            roots = (
                ()
                if media.strip().lower() == "none"
                else tuple(Path(p) for p in media.split(os.pathsep) if p)
            )
        return cls(
            default_lang=lang,
            idle_seconds=_positive(env, "TAMBO_KIOSK_IDLE_SECONDS", 90.0),
            countdown_seconds=int(_positive(env, "TAMBO_KIOSK_COUNTDOWN_SECONDS", 20)),
            printer=env.get("TAMBO_KIOSK_PRINTER", ""),
            media_roots=roots,
            kiosk_name=env.get("TAMBO_KIOSK_NAME", ""),
        )

    def roots(self) -> tuple[Path, ...]:
        return default_media_roots() if self.media_roots is None else self.media_roots


def _positive(env: Mapping[str, str], name: str, default: float) -> float:
    """A number of seconds above zero; anything else is logged (naming the variable) and ignored."""
    text = (env.get(name) or "").strip()
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if 0 < value < float("inf"):
        return value
    log.warning("%s=%r is not a number of seconds above 0; using %s", name, text, default)
    return default
