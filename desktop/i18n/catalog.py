"""The Qt Linguist files of the desktop app: where they are, how they are refreshed and compiled.

Source strings are Spanish (``self.tr("Guardar")``), so Spanish needs no file; ``tambo_qu.ts`` and
``tambo_en.ts`` hold the Quechua and English translations. ``pyside6-lupdate`` collects the strings
from every module of ``desktop/`` into them (:func:`update_sources`), a translator edits them with Qt
Linguist, and ``pyside6-lrelease`` compiles them to ``.qm`` files (:func:`compile_translations`),
at build time for installers and, when the compiled files are missing or older than their sources,
at start-up.

Quechua entries stay ``type="unfinished"`` until a native speaker has checked them (Qt Linguist's
own convention): lrelease still compiles them, so the kiosk speaks Quechua, and the kiosk shows a
"translation not reviewed" note while any entry of the language is unfinished.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import PySide6

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "es"
#: Languages with a .ts file, and the Qt locale each is written for.
TRANSLATED_LANGUAGES = {"qu": "qu_PE", "en": "en"}
I18N_DIR = Path(__file__).resolve().parent
DESKTOP_DIR = I18N_DIR.parent
#: Where the compiled files go when the package folder is writable (a checkout, a build).
PACKAGE_QM_DIR = I18N_DIR / "qm"


class ToolMissingError(RuntimeError):
    """pyside6-lupdate or pyside6-lrelease cannot be found (e.g. in a frozen build)."""


def ts_path(lang: str) -> Path:
    return I18N_DIR / f"tambo_{lang}.ts"


def qm_name(lang: str) -> str:
    return f"tambo_{lang}.qm"


def _tool(name: str) -> list[str]:
    """The command for ``pyside6-<name>``: next to this Python, on PATH, or inside the PySide6 wheel."""
    script = f"pyside6-{name}"
    beside = Path(sys.executable).parent / script
    if beside.exists():
        return [str(beside)]
    found = shutil.which(script)
    if found:
        return [found]
    binary = Path(PySide6.__file__).parent / (name + (".exe" if os.name == "nt" else ""))
    if binary.exists():
        return [str(binary)]
    raise ToolMissingError(f"{script} not found; install PySide6 (or PySide6-Essentials)")


def source_files(root: Path = DESKTOP_DIR) -> list[Path]:
    """Every Python module of the desktop app (where translatable strings live), sorted."""
    return sorted(path for path in root.rglob("*.py") if "__pycache__" not in path.parts)


#: What a citizen reads at the kiosk (relative to ``desktop/``): the kiosk, the form renderer it
#: shares with the counter, the error messages and the generic failure. Every string here must be
#: translated in the change that adds it; staff-only screens may lag behind (they show Spanish).
CITIZEN_SOURCES = ("ui/kiosk", "ui/form", "i18n", "ui/tasks.py")


def citizen_source_files(root: Path = DESKTOP_DIR) -> list[Path]:
    """The modules of :data:`CITIZEN_SOURCES`, sorted."""
    wanted = [root / part for part in CITIZEN_SOURCES]
    return [path for path in source_files(root) if any(path.is_relative_to(w) for w in wanted)]


def strings_in_code(sources: Iterable[Path] | None = None) -> set[tuple[str, str, str]]:
    """The (context, source, comment) keys that lupdate finds in ``sources`` (default: all of desktop/)."""
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder) / "scratch.ts"
        run_lupdate([scratch], sources)
        return {m.key for m in read_messages(scratch) if m.current}


def run_lupdate(
    ts_files: Iterable[Path], sources: Iterable[Path] | None = None, target_language: str | None = None
) -> str:
    """Merge the current source strings into ``ts_files`` (creating them if needed); returns lupdate's report.

    ``-locations none`` keeps line numbers out of the files, so that editing a module does not churn
    every .ts (several engineers edit the sources at once); ``-no-obsolete`` drops strings that are gone.
    lupdate's guesses (the translation of an equal or similar string) are turned off: a new string
    arrives empty, so it reads as untranslated, never as a translation waiting for review.
    """
    files = [str(path) for path in (sources if sources is not None else source_files())]
    command = [*_tool("lupdate"), "-locations", "none", "-no-obsolete", "-source-language", SOURCE_LANGUAGE]
    command += ["-disable-heuristic", "sametext", "-disable-heuristic", "similartext"]
    if target_language:
        command += ["-target-language", target_language]
    with tempfile.NamedTemporaryFile("w", suffix=".lst", delete=False, encoding="utf-8") as listing:
        listing.write("\n".join(files))
    try:
        ts_list = [str(path) for path in ts_files]
        done = subprocess.run(
            [*command, f"@{listing.name}", "-ts", *ts_list], capture_output=True, text=True, check=True
        )
    finally:
        Path(listing.name).unlink(missing_ok=True)
    return done.stdout + done.stderr


def update_sources() -> str:
    """Refresh ``tambo_qu.ts`` and ``tambo_en.ts`` from the code (new strings arrive unfinished)."""
    reports = []
    for lang, locale in TRANSLATED_LANGUAGES.items():
        reports.append(run_lupdate([ts_path(lang)], target_language=locale))
    return "".join(reports)


def write_ts(tree: ET.ElementTree, path: Path) -> None:
    """Write a .ts in the layout lupdate itself writes (so a later lupdate run changes nothing)."""
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode", short_empty_elements=False)
    path.write_text(f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n{body}\n', encoding="utf-8")


def default_qm_dir() -> Path:
    """The package's own ``qm`` folder when it can be written, else a per-user cache folder."""
    try:
        PACKAGE_QM_DIR.mkdir(exist_ok=True)
        if os.access(PACKAGE_QM_DIR, os.W_OK):
            return PACKAGE_QM_DIR
    except OSError:
        pass
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tambo" / "qm"
    cache.mkdir(parents=True, exist_ok=True)
    return cache


def compile_translations(out_dir: Path | None = None, *, force: bool = False) -> dict[str, Path]:
    """Compile every .ts to .qm in ``out_dir`` when missing or older than its source; {lang: qm path}.

    A frozen build uses the files compiled into it, as they are. Without lrelease, already compiled
    files are used as they are; a language with neither is left out, and the app shows Spanish, the
    source language, for it.
    """
    if out_dir is None and getattr(sys, "frozen", False):
        # An installed build (installers/build-desktop compiled these): its folder may be read-only
        # (/opt/tambo, Program Files), unpacking gives the files new times, and there is no lrelease.
        bundled = {lang: PACKAGE_QM_DIR / qm_name(lang) for lang in TRANSLATED_LANGUAGES}
        return {lang: path for lang, path in bundled.items() if path.exists()}
    target = out_dir or default_qm_dir()
    target.mkdir(parents=True, exist_ok=True)
    compiled: dict[str, Path] = {}
    for lang in TRANSLATED_LANGUAGES:
        source, qm = ts_path(lang), target / qm_name(lang)
        stale = not qm.exists() or (source.exists() and source.stat().st_mtime > qm.stat().st_mtime)
        if source.exists() and (force or stale):
            partial = qm.with_name(f"{qm.name}.{os.getpid()}.part")  # several processes may compile at once
            try:
                subprocess.run(
                    [*_tool("lrelease"), "-silent", str(source), "-qm", str(partial)],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                partial.replace(qm)
            except (ToolMissingError, subprocess.CalledProcessError, OSError) as exc:
                log.warning("could not compile %s: %s", source.name, exc)
            finally:
                partial.unlink(missing_ok=True)
        if qm.exists():
            compiled[lang] = qm
    return compiled


# --- reading .ts files ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Message:
    """One entry of a .ts file; ``key`` is what Qt looks a translation up by."""

    context: str
    source: str
    comment: str
    translation: str
    state: str  # "" (finished), "unfinished", "obsolete" or "vanished"

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.context, self.source, self.comment)

    @property
    def current(self) -> bool:
        return self.state not in ("obsolete", "vanished")


def read_messages(path: Path) -> list[Message]:
    """Every message of a .ts file, in file order."""
    found = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            numerus = (
                [] if translation is None else [form.text or "" for form in translation.iter("numerusform")]
            )
            text = "|".join(numerus) if numerus else ("" if translation is None else translation.text or "")
            found.append(
                Message(
                    name,
                    message.findtext("source") or "",
                    message.findtext("comment") or "",
                    text,
                    "" if translation is None else translation.get("type", ""),
                )
            )
    return found


def is_unverified(message: Message) -> bool:
    """A translation that nobody has checked yet: written, but still marked unfinished.

    An unfinished entry with no text is a string not translated at all (Qt shows the Spanish source
    for it), which is not what the "translation not reviewed" note is about.
    """
    return message.current and message.state == "unfinished" and bool(message.translation.strip())


def unverified_languages() -> frozenset[str]:
    """Languages whose .ts has translations that no native speaker has checked (unfinished entries)."""
    unverified = set()
    for lang in TRANSLATED_LANGUAGES:
        path = ts_path(lang)
        if path.exists() and any(is_unverified(m) for m in read_messages(path)):
            unverified.add(lang)
    return frozenset(unverified)
