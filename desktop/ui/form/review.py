"""What the review screen shows: every answer as a person reads it (labels, not stored values).

``review_lines`` is plain data from plain data (no widgets), in the spirit of Vorta's ``prepare()``:
the review page, the submission dialog and tests all use it, and it can be tested without a screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication

from shared.forms import Field, FormVersion
from shared.forms.display import display_value as shared_display_value
from shared.i18n import pick


@dataclass(frozen=True, slots=True)
class ReviewLine:
    label: str
    text: str
    depth: int = 0
    heading: bool = False


def instance_title(label: str, number: int) -> str:
    """ "Testigos (n.º 2)": the heading of one instance of a repeat."""
    return QCoreApplication.translate("review", "{0} (n.º {1})").format(label, number)


def display_value(field: Field, value: Any, lang: str = "es") -> str:
    """One answer as text for people (the shared rules of :mod:`shared.forms.display`, which the console
    also uses), with Sí/No from Qt's translator and places by name only."""
    yes_no = (QCoreApplication.translate("review", "Sí"), QCoreApplication.translate("review", "No"))
    return shared_display_value(field, value, lang, yes_no=yes_no, place_codes=False)


def review_lines(form: FormVersion, cleaned: dict[str, Any], lang: str = "es") -> list[ReviewLine]:
    """Lines for every answered field of ``cleaned`` (validated answers), in document order."""
    lines: list[ReviewLine] = []
    _walk(form.fields, cleaned, lang, 0, lines)
    return lines


def _walk(
    fields: tuple[Field, ...], answers: dict[str, Any], lang: str, depth: int, out: list[ReviewLine]
) -> None:
    for field in fields:
        label = pick(field.label, lang)
        if field.type == "note":
            continue
        if field.type == "group":
            inner: list[ReviewLine] = []
            _walk(field.fields, answers, lang, depth + 1, inner)
            if inner:
                out.append(ReviewLine(label, "", depth, heading=True))
                out.extend(inner)
        elif field.type == "repeat":
            for number, instance in enumerate(answers.get(field.name) or [], 1):
                out.append(ReviewLine(instance_title(label, number), "", depth, heading=True))
                _walk(field.fields, instance, lang, depth + 1, out)
        elif field.name in answers:
            out.append(ReviewLine(label, display_value(field, answers[field.name], lang), depth))


def lines_html(lines: list[ReviewLine], extra: list[tuple[str, str]] | None = None) -> str:
    """The review as an HTML table (for QTextBrowser): labels left, answers right, groups as headings."""

    rows = []
    for line in lines:
        indent = 12 * line.depth
        if line.heading:
            rows.append(
                f"<tr><td colspan='2' style='padding-left:{indent}px; padding-top:6px'>"
                f"<b><u>{escape(line.label)}</u></b></td></tr>"
            )
        else:
            rows.append(
                f"<tr><td valign='top' style='padding-left:{indent}px; padding-right:12px'>"
                f"<b>{escape(line.label)}</b></td>"
                f"<td>{escape(line.text).replace(chr(10), '<br>')}</td></tr>"
            )
    for label, text in extra or []:
        rows.append(
            f"<tr><td valign='top' style='padding-right:12px; padding-top:6px'><b>{escape(label)}</b></td>"
            f"<td style='padding-top:6px'>{escape(text).replace(chr(10), '<br>')}</td></tr>"
        )
    return "<table cellspacing='0' cellpadding='3' width='100%'>" + "".join(rows) + "</table>"
