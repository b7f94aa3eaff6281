"""Error messages a citizen or clerk may read, in the language of the interface.

``shared/errors.py`` carries Spanish and English (it serves the server too, and imports no Qt). The
interface also speaks Quechua, so the messages people meet while filling a form or looking up a
request are listed here once more as Qt translation sources (context ``errors``), keyed by their
Spanish text: a translator sees them in Qt Linguist like every other string. A test keeps this list
identical to the Spanish messages in ``shared/errors.py``, so the two cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from shared import errors
from shared.errors import TamboError
from shared.forms import FieldError

#: code -> the Spanish message of ``shared.errors`` (the Qt source text). Only what people meet in the UI.
TRANSLATED_ERRORS: dict[str, str] = {
    "field.required": QT_TRANSLATE_NOOP("errors", "Este dato es obligatorio."),
    "field.constraint": QT_TRANSLATE_NOOP("errors", "El valor no cumple la condición del formulario."),
    "field.type": QT_TRANSLATE_NOOP("errors", "Tipo de dato incorrecto: se esperaba {expected}."),
    "field.not_a_number": QT_TRANSLATE_NOOP("errors", "Escriba un número válido."),
    "field.not_an_integer": QT_TRANSLATE_NOOP("errors", "Escriba un número entero, sin decimales."),
    "field.out_of_range": QT_TRANSLATE_NOOP("errors", "El valor debe estar entre {min} y {max}."),
    "field.too_long": QT_TRANSLATE_NOOP("errors", "El texto es demasiado largo (máximo {max} caracteres)."),
    "field.too_short": QT_TRANSLATE_NOOP("errors", "El texto es demasiado corto (mínimo {min} caracteres)."),
    "field.invalid_date": QT_TRANSLATE_NOOP("errors", "Fecha inválida: use el formato AAAA-MM-DD."),
    "field.invalid_choice": QT_TRANSLATE_NOOP("errors", "La opción «{value}» no está en la lista."),
    "field.invalid_email": QT_TRANSLATE_NOOP("errors", "Correo electrónico inválido."),
    "field.invalid_phone": QT_TRANSLATE_NOOP(
        "errors",
        "Teléfono inválido: un celular tiene 9 dígitos y empieza con 9; un fijo lleva código de área.",
    ),
    "field.invalid_dni": QT_TRANSLATE_NOOP(
        "errors", "DNI inválido: debe tener 8 dígitos (y opcionalmente el dígito de verificación)."
    ),
    "field.invalid_dni_check": QT_TRANSLATE_NOOP(
        "errors", "El dígito de verificación del DNI no corresponde: revise el número."
    ),
    "field.invalid_ruc": QT_TRANSLATE_NOOP(
        "errors", "RUC inválido: debe tener 11 dígitos y empezar con 10, 15, 16, 17 o 20."
    ),
    "field.invalid_ruc_check": QT_TRANSLATE_NOOP(
        "errors", "El dígito verificador del RUC no corresponde: revise el número."
    ),
    "field.invalid_ce": QT_TRANSLATE_NOOP(
        "errors", "Carné de extranjería inválido: de 9 a 12 letras o dígitos."
    ),
    "field.invalid_ubigeo": QT_TRANSLATE_NOOP(
        "errors", "Ubicación inválida: elija departamento, provincia y distrito de la lista."
    ),
    "field.attachment_type": QT_TRANSLATE_NOOP(
        "errors", "Tipo de archivo no permitido ({media_type}). Se aceptan: {allowed}."
    ),
    "field.attachment_too_large": QT_TRANSLATE_NOOP(
        "errors", "El archivo pesa {size_mb} MB; el máximo es {max_mb} MB."
    ),
    "field.attachment_count": QT_TRANSLATE_NOOP("errors", "Adjunte como máximo {max} archivos."),
    "field.repeat_count": QT_TRANSLATE_NOOP("errors", "Debe registrar entre {min} y {max} elementos."),
    "field.unknown": QT_TRANSLATE_NOOP("errors", "El formulario no tiene el campo «{name}»."),
    "field.read_only": QT_TRANSLATE_NOOP("errors", "Este dato se calcula solo y no se puede escribir."),
    "tracking.format": QT_TRANSLATE_NOOP(
        "errors", "El código de seguimiento tiene la forma XXXX-XXXXX-X (10 letras o dígitos)."
    ),
    "tracking.character": QT_TRANSLATE_NOOP(
        "errors", "El carácter «{char}» en la posición {position} no se usa en los códigos."
    ),
    "tracking.check": QT_TRANSLATE_NOOP(
        "errors", "El código no es válido: revise que no falte ni se haya cambiado ningún carácter."
    ),
    "submission.invalid_answers": QT_TRANSLATE_NOOP("errors", "La solicitud tiene {count} datos inválidos."),
    "storage.disk_full": QT_TRANSLATE_NOOP(
        "errors", "No hay espacio en el disco. Libere espacio: no se perdió ningún dato guardado."
    ),
    "device.not_provisioned": QT_TRANSLATE_NOOP(
        "errors",
        "Este equipo aún no está registrado en una institución: regístrelo con «tambo enroll» "
        "(código del coordinador o archivo de registro).",
    ),
    "lookup.not_found": QT_TRANSLATE_NOOP(
        "errors", "No encontramos un trámite con ese código y esos dígitos del documento. Revise ambos datos."
    ),
}


def error_text(code: str, params: Mapping[str, Any] | None = None, lang: str = "es") -> str:
    """The message for ``code`` in the installed UI language.

    ``lang`` only matters for English when the .qm lacks the message: shared's English text is used.
    """
    spec = errors.spec(code)
    template = QCoreApplication.translate("errors", spec.es)
    if template == spec.es and lang == "en":
        template = spec.en
    try:
        return template.format(**(params or {}))
    except (KeyError, IndexError, ValueError):
        return template


def field_error_text(error: FieldError, lang: str = "es") -> str:
    """A validation error as the form renderer shows it; a definition's own message wins."""
    if error.custom_message:
        return error.message(lang)
    return error_text(error.code, error.params, lang)


def exception_text(exc: BaseException, lang: str = "es") -> str:
    """What to tell a person about ``exc``: its stable message, or the generic one (same words as
    ``desktop.ui.tasks.user_message``, in the interface language)."""
    if isinstance(exc, TamboError):
        return error_text(exc.code, exc.params, lang)
    return QCoreApplication.translate(
        "tasks", "Ocurrió un error inesperado. Se guardó el detalle en el registro; intente de nuevo."
    )
