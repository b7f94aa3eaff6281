"""Stable error codes with Spanish and English messages, used by the desktop app and the server.

A code never changes meaning once released: devices in the field map the codes they receive to the
messages they show, and a clerk reading "DNI inválido" on the device must be reading about the same
problem the server reported. Messages are templates filled with ``str.format`` parameters.

The JSON error shape on the wire is ``{"error": {"code": ..., "message": ..., "details": {...}}}``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class ErrorSpec:
    """One stable error: its code, the HTTP status the server answers with, and its messages."""

    code: str
    http_status: int
    es: str
    en: str


_SPECS: dict[str, ErrorSpec] = {}


def _define(code: str, http_status: int, es: str, en: str) -> str:
    if code in _SPECS:
        raise ValueError(f"duplicate error code {code}")
    _SPECS[code] = ErrorSpec(code, http_status, es, en)
    return code


# --- answers to a form (field-level validation) -------------------------------------------------
FIELD_REQUIRED = _define("field.required", 422, "Este dato es obligatorio.", "This field is required.")
FIELD_CONSTRAINT = _define(
    "field.constraint",
    422,
    "El valor no cumple la condición del formulario.",
    "The value breaks a rule of the form.",
)
FIELD_TYPE = _define(
    "field.type", 422, "Tipo de dato incorrecto: se esperaba {expected}.", "Wrong type: expected {expected}."
)
FIELD_NOT_A_NUMBER = _define("field.not_a_number", 422, "Escriba un número válido.", "Enter a valid number.")
FIELD_NOT_AN_INTEGER = _define(
    "field.not_an_integer", 422, "Escriba un número entero, sin decimales.", "Enter a whole number."
)
FIELD_OUT_OF_RANGE = _define(
    "field.out_of_range",
    422,
    "El valor debe estar entre {min} y {max}.",
    "The value must be between {min} and {max}.",
)
FIELD_TOO_LONG = _define(
    "field.too_long",
    422,
    "El texto es demasiado largo (máximo {max} caracteres).",
    "The text is too long (at most {max} characters).",
)
FIELD_TOO_SHORT = _define(
    "field.too_short",
    422,
    "El texto es demasiado corto (mínimo {min} caracteres).",
    "The text is too short (at least {min} characters).",
)
FIELD_INVALID_DATE = _define(
    "field.invalid_date", 422, "Fecha inválida: use el formato AAAA-MM-DD.", "Invalid date: use YYYY-MM-DD."
)
FIELD_INVALID_CHOICE = _define(
    "field.invalid_choice",
    422,
    "La opción «{value}» no está en la lista.",
    "The option '{value}' is not in the list.",
)
FIELD_INVALID_EMAIL = _define(
    "field.invalid_email", 422, "Correo electrónico inválido.", "Invalid e-mail address."
)
FIELD_INVALID_PHONE = _define(
    "field.invalid_phone",
    422,
    "Teléfono inválido: un celular tiene 9 dígitos y empieza con 9; un fijo lleva código de área.",
    "Invalid phone: a mobile has 9 digits starting with 9; a landline has an area code.",
)
FIELD_INVALID_DNI = _define(
    "field.invalid_dni",
    422,
    "DNI inválido: debe tener 8 dígitos (y opcionalmente el dígito de verificación).",
    "Invalid DNI: it must have 8 digits (and optionally its check character).",
)
FIELD_INVALID_DNI_CHECK = _define(
    "field.invalid_dni_check",
    422,
    "El dígito de verificación del DNI no corresponde: revise el número.",
    "The DNI check character does not match: check the number.",
)
FIELD_INVALID_RUC = _define(
    "field.invalid_ruc",
    422,
    "RUC inválido: debe tener 11 dígitos y empezar con 10, 15, 16, 17 o 20.",
    "Invalid RUC: it must have 11 digits and start with 10, 15, 16, 17 or 20.",
)
FIELD_INVALID_RUC_CHECK = _define(
    "field.invalid_ruc_check",
    422,
    "El dígito verificador del RUC no corresponde: revise el número.",
    "The RUC check digit does not match: check the number.",
)
FIELD_INVALID_CE = _define(
    "field.invalid_ce",
    422,
    "Carné de extranjería inválido: de 9 a 12 letras o dígitos.",
    "Invalid foreigner's card: 9 to 12 letters or digits.",
)
FIELD_INVALID_UBIGEO = _define(
    "field.invalid_ubigeo",
    422,
    "Ubicación inválida: elija departamento, provincia y distrito de la lista.",
    "Invalid location: choose department, province and district from the list.",
)
FIELD_ATTACHMENT_TYPE = _define(
    "field.attachment_type",
    422,
    "Tipo de archivo no permitido ({media_type}). Se aceptan: {allowed}.",
    "File type not allowed ({media_type}). Allowed: {allowed}.",
)
FIELD_ATTACHMENT_TOO_LARGE = _define(
    "field.attachment_too_large",
    422,
    "El archivo pesa {size_mb} MB; el máximo es {max_mb} MB.",
    "The file is {size_mb} MB; the maximum is {max_mb} MB.",
)
FIELD_ATTACHMENT_COUNT = _define(
    "field.attachment_count", 422, "Adjunte como máximo {max} archivos.", "Attach at most {max} files."
)
FIELD_REPEAT_COUNT = _define(
    "field.repeat_count",
    422,
    "Debe registrar entre {min} y {max} elementos.",
    "Enter between {min} and {max} items.",
)
FIELD_UNKNOWN = _define(
    "field.unknown", 422, "El formulario no tiene el campo «{name}».", "The form has no field '{name}'."
)
FIELD_READ_ONLY = _define(
    "field.read_only",
    422,
    "Este dato se calcula solo y no se puede escribir.",
    "This value is calculated and cannot be entered.",
)

# --- form definitions ------------------------------------------------------------------------------
DEFINITION_SCHEMA = _define(
    "definition.schema",
    422,
    "Definición inválida en {path}: {problem}",
    "Invalid definition at {path}: {problem}",
)
DEFINITION_DUPLICATE_NAME = _define(
    "definition.duplicate_name",
    422,
    "Definición inválida en {path}: el nombre de campo «{name}» ya se usó.",
    "Invalid definition at {path}: field name '{name}' is used twice.",
)
DEFINITION_UNKNOWN_REFERENCE = _define(
    "definition.unknown_reference",
    422,
    "Definición inválida en {path}: la expresión usa ${{{name}}}, que no existe en el formulario.",
    "Invalid definition at {path}: the expression uses ${{{name}}}, which is not in the form.",
)
DEFINITION_BAD_EXPRESSION = _define(
    "definition.bad_expression",
    422,
    "Definición inválida en {path}: {problem}",
    "Invalid definition at {path}: {problem}",
)
DEFINITION_CYCLE = _define(
    "definition.cycle",
    422,
    "Definición inválida en {path}: los cálculos dependen unos de otros en círculo ({cycle}).",
    "Invalid definition at {path}: calculations depend on each other in a cycle ({cycle}).",
)
DEFINITION_NOT_JSON = _define(
    "definition.not_json",
    422,
    "El archivo no es JSON válido (línea {line}, columna {column}): {problem}",
    "The file is not valid JSON (line {line}, column {column}): {problem}",
)

# --- expressions -----------------------------------------------------------------------------------
EXPRESSION_SYNTAX = _define(
    "expression.syntax",
    422,
    "Expresión inválida en la posición {position}: {problem}",
    "Invalid expression at position {position}: {problem}",
)
EXPRESSION_UNKNOWN_FUNCTION = _define(
    "expression.unknown_function", 422, "Función desconocida: {name}().", "Unknown function: {name}()."
)
EXPRESSION_ARITY = _define(
    "expression.arity",
    422,
    "La función {name}() recibe {expected} argumentos, no {given}.",
    "Function {name}() takes {expected} arguments, not {given}.",
)
EXPRESSION_EVALUATION = _define(
    "expression.evaluation",
    422,
    "No se pudo evaluar la expresión: {problem}",
    "Could not evaluate the expression: {problem}",
)

# --- tracking codes --------------------------------------------------------------------------------
TRACKING_FORMAT = _define(
    "tracking.format",
    422,
    "El código de seguimiento tiene la forma XXXX-XXXXX-X (10 letras o dígitos).",
    "A tracking code looks like XXXX-XXXXX-X (10 letters or digits).",
)
TRACKING_CHARACTER = _define(
    "tracking.character",
    422,
    "El carácter «{char}» en la posición {position} no se usa en los códigos.",
    "The character '{char}' at position {position} is not used in codes.",
)
TRACKING_CHECK = _define(
    "tracking.check",
    422,
    "El código no es válido: revise que no falte ni se haya cambiado ningún carácter.",
    "The code is not valid: check for a mistyped or swapped character.",
)

# --- cryptography ----------------------------------------------------------------------------------
CRYPTO_BAD_FORMAT = _define(
    "crypto.bad_format",
    400,
    "Los datos cifrados están incompletos o dañados.",
    "The encrypted data is truncated or damaged.",
)
CRYPTO_UNSUPPORTED_VERSION = _define(
    "crypto.unsupported_version",
    400,
    "Formato cifrado versión {version} no soportado; actualice la aplicación.",
    "Unsupported encrypted format version {version}; update the application.",
)
CRYPTO_WRONG_KEY_OR_TAMPERED = _define(
    "crypto.wrong_key_or_tampered",
    400,
    "No se pudo abrir: la clave no corresponde o los datos fueron alterados.",
    "Could not open: wrong key, or the data was altered.",
)
CRYPTO_BAD_SIGNATURE = _define(
    "crypto.bad_signature", 401, "La firma no es válida.", "The signature is not valid."
)
CRYPTO_WRONG_PASSPHRASE = _define(
    "crypto.wrong_passphrase",
    401,
    "La contraseña no es correcta. No se modificó nada.",
    "The passphrase is not correct. Nothing was changed.",
)
CRYPTO_BAD_KEY = _define(
    "crypto.bad_key",
    400,
    "La clave pública o privada no es válida.",
    "The public or private key is not valid.",
)

# --- protocol and requests -------------------------------------------------------------------------
PROTOCOL_UNSUPPORTED_VERSION = _define(
    "protocol.unsupported_version",
    400,
    "Versión de protocolo {version} no soportada (soportadas: {supported}). Actualice la aplicación.",
    "Protocol version {version} not supported (supported: {supported}). Update the application.",
)
PROTOCOL_MALFORMED = _define(
    "protocol.malformed", 400, "Mensaje mal formado: {problem}", "Malformed message: {problem}"
)
PROTOCOL_INVALID = _define(
    "protocol.invalid", 422, "Mensaje inválido en {path}: {problem}", "Invalid message at {path}: {problem}"
)
REQUEST_TOO_LARGE = _define(
    "request.too_large",
    413,
    "La solicitud es demasiado grande (máximo {max_bytes} bytes).",
    "The request is too large (at most {max_bytes} bytes).",
)
REQUEST_MALFORMED_JSON = _define(
    "request.malformed_json", 400, "El cuerpo no es JSON válido.", "The body is not valid JSON."
)
REQUEST_NOT_FOUND = _define("request.not_found", 404, "No encontrado.", "Not found.")
REQUEST_METHOD_NOT_ALLOWED = _define(
    "request.method_not_allowed", 405, "Método no permitido.", "Method not allowed."
)
REQUEST_RATE_LIMITED = _define(
    "request.rate_limited",
    429,
    "Demasiadas solicitudes; reintente en {retry_after} s.",
    "Too many requests; retry in {retry_after} s.",
)

# --- devices and authentication -------------------------------------------------------------------
AUTH_MISSING = _define(
    "auth.missing", 401, "Falta la firma del dispositivo.", "The device signature is missing."
)
AUTH_BAD_SIGNATURE = _define(
    "auth.bad_signature", 401, "La firma del dispositivo no es válida.", "The device signature is not valid."
)
AUTH_CLOCK_SKEW = _define(
    "auth.clock_skew",
    401,
    "La hora del equipo difiere {skew_seconds} s de la del servidor; corrija la fecha y hora.",
    "The device clock is {skew_seconds} s off the server's; fix the date and time.",
)
AUTH_REPLAY = _define("auth.replay", 401, "Solicitud repetida rechazada.", "Replayed request refused.")
AUTH_METRICS_TOKEN = _define(
    "auth.metrics_token",
    401,
    "Las métricas piden el token configurado (Authorization: Bearer …).",
    "The metrics need the configured token (Authorization: Bearer …).",
)
DEVICE_UNKNOWN = _define("device.unknown", 401, "Dispositivo no registrado.", "Unknown device.")
DEVICE_REVOKED = _define(
    "device.revoked",
    403,
    "Este equipo fue dado de baja por la institución; comuníquese con su coordinador.",
    "This device was revoked by the institution; contact your coordinator.",
)
ENROLLMENT_CODE_INVALID = _define(
    "enrollment.code_invalid", 400, "Código de registro inválido.", "Invalid enrollment code."
)
ENROLLMENT_CODE_EXPIRED = _define(
    "enrollment.code_expired",
    400,
    "El código de registro venció; pida uno nuevo.",
    "The enrollment code expired; ask for a new one.",
)
ENROLLMENT_CODE_USED = _define(
    "enrollment.code_used",
    409,
    "El código de registro ya fue usado.",
    "The enrollment code was already used.",
)
FORBIDDEN = _define("auth.forbidden", 403, "No tiene permiso para esto.", "You are not allowed to do this.")

# --- submissions and sync --------------------------------------------------------------------------
SUBMISSION_CONFLICT = _define(
    "submission.conflict",
    409,
    "Ya existe una solicitud con el mismo identificador y distinto contenido.",
    "A submission with the same identifier and different content already exists.",
)
SUBMISSION_UNKNOWN_SERVICE = _define(
    "submission.unknown_service",
    422,
    "El trámite {service_id} versión {form_version} no existe en el catálogo.",
    "Service {service_id} version {form_version} is not in the catalog.",
)
SUBMISSION_INVALID_ANSWERS = _define(
    "submission.invalid_answers",
    422,
    "La solicitud tiene {count} datos inválidos.",
    "The submission has {count} invalid answers.",
)
SUBMISSION_WRONG_INSTITUTION = _define(
    "submission.wrong_institution",
    403,
    "La solicitud está cifrada para otra institución.",
    "The submission is sealed to another institution.",
)
ATTACHMENT_CHECKSUM_MISMATCH = _define(
    "attachment.checksum_mismatch",
    409,
    "El fragmento del archivo llegó dañado; se reenviará.",
    "The file chunk arrived damaged; it will be sent again.",
)
ATTACHMENT_OFFSET_MISMATCH = _define(
    "attachment.offset_mismatch",
    409,
    "El servidor ya tiene {offset} bytes de este archivo.",
    "The server already has {offset} bytes of this file.",
)
ATTACHMENT_MISSING = _define(
    "attachment.missing",
    409,
    "Faltan archivos adjuntos por enviar.",
    "Attachments still need to be uploaded.",
)
STORAGE_DISK_FULL = _define(
    "storage.disk_full",
    507,
    "No hay espacio en el disco. Libere espacio: no se perdió ningún dato guardado.",
    "The disk is full. Free some space: no saved data was lost.",
)
SERVER_DISK_FULL = _define(
    "server.disk_full",
    507,
    "El servidor se quedó sin espacio en disco; se reintentará. Lo guardado en este equipo está a salvo.",
    "The server has run out of disk space; it will be retried. What is saved on this device is safe.",
)
STORAGE_LOCKED = _define(
    "storage.locked",
    401,
    "La base de datos está bloqueada: ingrese la contraseña del personal.",
    "The database is locked: enter the staff passphrase.",
)
SERVER_INTERNAL = _define(
    "server.internal",
    500,
    "Error interno del servidor; se reintentará.",
    "Internal server error; it will be retried.",
)
SERVER_UNAVAILABLE = _define(
    "server.unavailable",
    503,
    "Servidor no disponible por ahora; se reintentará.",
    "Server unavailable for now; it will be retried.",
)

# --- the device's sync engine (desktop/sync) -------------------------------------------------------
SYNC_OFFLINE = _define(
    "sync.offline",
    503,
    "Sin conexión con el servidor ({problem}); se reintentará solo.",
    "No connection to the server ({problem}); it will retry by itself.",
)
SYNC_BAD_RESPONSE = _define(
    "sync.bad_response",
    502,
    "El servidor respondió algo inesperado ({problem}); se reintentará.",
    "The server answered something unexpected ({problem}); it will be retried.",
)
SYNC_NO_SERVER = _define(
    "sync.no_server",
    409,
    "Este equipo no tiene servidor de sincronización: regístrelo con «tambo enroll --server URL --code "
    "CÓDIGO» o indique el servidor con «--server».",
    "This device has no sync server: enroll it with 'tambo enroll --server URL --code CODE' or name the "
    "server with '--server'.",
)
SYNC_SERVER_URL_INVALID = _define(
    "sync.server_url_invalid",
    400,
    "La dirección del servidor no es válida: {problem}. Ejemplo: https://tambo.muni.gob.pe",
    "The server address is not valid: {problem}. Example: https://tambo.muni.gob.pe",
)
SYNC_ATTACHMENT_LOST = _define(
    "sync.attachment_lost",
    409,
    "Falta en este equipo un archivo adjunto de la solicitud (o está dañado); no se puede enviar. "
    "Comuníquese con su coordinador.",
    "An attachment of the submission is missing on this device (or damaged); it cannot be sent. "
    "Contact your coordinator.",
)
SYNC_HEALTH_MISMATCH = _define(
    "sync.health_mismatch",
    409,
    "El servidor y el equipo no coinciden en {days} día(s): {problem}.",
    "The server and the device disagree on {days} day(s): {problem}.",
)
SYNC_AUDIT_CHAIN_CHANGED = _define(
    "sync.audit_chain_changed",
    409,
    "El registro de auditoría del servidor cambió desde la última sincronización (entrada {position}). "
    "Avise al administrador.",
    "The server's audit log changed since the last sync (entry {position}). Tell the administrator.",
)

# --- sync bundles and their acknowledgements (USB sticks, coordinators' relay laptops) --------------
BUNDLE_NOT_A_BUNDLE = _define(
    "bundle.not_a_bundle",
    400,
    "«{name}» no es un paquete de sincronización de Tambo.",
    "'{name}' is not a Tambo sync bundle.",
)
BUNDLE_UNSUPPORTED_VERSION = _define(
    "bundle.unsupported_version",
    400,
    "El paquete «{name}» es de una versión más nueva de Tambo ({version}); actualice la aplicación.",
    "Bundle '{name}' comes from a newer Tambo ({version}); update the application.",
)
BUNDLE_TRUNCATED = _define(
    "bundle.truncated",
    400,
    "El paquete «{name}» está incompleto ({problem}): probablemente se copió a medias o se retiró la "
    "memoria USB antes de tiempo. Vuelva a exportarlo en el equipo de origen.",
    "Bundle '{name}' is incomplete ({problem}): it was probably copied halfway or the USB stick was "
    "removed too early. Export it again on the device it comes from.",
)
BUNDLE_MALFORMED = _define(
    "bundle.malformed",
    400,
    "El paquete «{name}» está dañado ({problem}). Vuelva a exportarlo en el equipo de origen.",
    "Bundle '{name}' is damaged ({problem}). Export it again on the device it comes from.",
)
BUNDLE_BAD_SIGNATURE = _define(
    "bundle.bad_signature",
    422,
    "La firma del paquete «{name}» no es válida: su índice fue alterado o no lo firmó el equipo "
    "{device_id}. No se aceptó nada de él.",
    "The signature of bundle '{name}' is not valid: its index was altered or device {device_id} did "
    "not sign it. Nothing in it was accepted.",
)
BUNDLE_ITEM_TAMPERED = _define(
    "bundle.item_tampered",
    422,
    "El paquete «{name}» fue alterado o está dañado: {item} no coincide con lo que firmó el equipo. "
    "No se aceptó nada de él; vuelva a exportarlo en el equipo de origen.",
    "Bundle '{name}' was altered or is damaged: {item} does not match what the device signed. "
    "Nothing in it was accepted; export it again on the device it comes from.",
)
BUNDLE_DEVICE_UNKNOWN = _define(
    "bundle.device_unknown",
    422,
    "El paquete viene de un equipo que el servidor no conoce ({device_id}): registre ese equipo primero.",
    "The bundle comes from a device the server does not know ({device_id}): enroll that device first.",
)
BUNDLE_DEVICE_REVOKED = _define(
    "bundle.device_revoked",
    403,
    "El paquete viene del equipo {device} ({device_id}), dado de baja por la institución: no se acepta "
    "nada de él. Comuníquese con el administrador.",
    "The bundle comes from device {device} ({device_id}), revoked by the institution: nothing in it is "
    "accepted. Contact the administrator.",
)
BUNDLE_TOO_LARGE = _define(
    "bundle.too_large",
    413,
    "El paquete es demasiado grande ({size} bytes; máximo {max_bytes}). Exporte en varias visitas o "
    "sincronice los adjuntos por la red.",
    "The bundle is too large ({size} bytes; at most {max_bytes}). Export over several visits or sync the "
    "attachments over the network.",
)
BUNDLE_WRITE_FAILED = _define(
    "bundle.write_failed",
    500,
    "No se pudo escribir «{name}»: {problem}. Revise que la memoria USB esté conectada y tenga espacio.",
    "Could not write '{name}': {problem}. Check that the USB stick is plugged in and has room.",
)
BUNDLE_ACK_INVALID = _define(
    "bundle.ack_invalid",
    400,
    "«{name}» no es un acuse de Tambo válido ({problem}).",
    "'{name}' is not a valid Tambo acknowledgement ({problem}).",
)
BUNDLE_ACK_TAMPERED = _define(
    "bundle.ack_tampered",
    422,
    "El acuse «{name}» fue alterado, está dañado o no lo emitió el servidor de la institución: no se "
    "aplicó nada.",
    "Acknowledgement '{name}' was altered, is damaged or was not issued by the institution's server: "
    "nothing was applied.",
)
BUNDLE_ACK_OTHER_DEVICE = _define(
    "bundle.ack_other_device",
    422,
    "El acuse «{name}» es para el equipo {device_id}, no para este ({this_device}).",
    "Acknowledgement '{name}' is for device {device_id}, not this one ({this_device}).",
)


# --- the device: provisioning and the citizen's status lookup --------------------------------------
DEVICE_NOT_PROVISIONED = _define(
    "device.not_provisioned",
    409,
    "Este equipo aún no está registrado en una institución: regístrelo con «tambo enroll» "
    "(código del coordinador o archivo de registro).",
    "This device is not registered with an institution yet: register it with 'tambo enroll' "
    "(a coordinator's code or enrollment file).",
)
LOOKUP_NOT_FOUND = _define(
    "lookup.not_found",
    404,
    "No encontramos un trámite con ese código y esos dígitos del documento. Revise ambos datos.",
    "No request matches that code and those ID digits. Check both.",
)


# --- the desktop's encrypted store: key slots, catalog cache, enrollment ticket, audit chain -------
STORE_NOT_FOUND = _define(
    "store.not_found",
    404,
    "Este equipo aún no tiene datos de Tambo en {home}.",
    "This computer has no Tambo data in {home} yet.",
)
STORE_DAMAGED = _define(
    "store.damaged",
    500,
    "Los datos cifrados de este equipo están incompletos o dañados ({problem}). No se modificó nada: "
    "avise a soporte técnico.",
    "The encrypted data on this computer is incomplete or damaged ({problem}). Nothing was changed: "
    "call technical support.",
)
STORE_TOO_NEW = _define(
    "store.too_new",
    409,
    "Los datos fueron creados por una versión más nueva de Tambo; actualice la aplicación.",
    "The data was created by a newer version of Tambo; update the application.",
)
STORE_BUSY = _define(
    "store.busy",
    503,
    "Otro programa está usando los datos de Tambo en este momento; intente de nuevo en unos segundos.",
    "Another program is using the Tambo data right now; try again in a few seconds.",
)
STORE_PASSPHRASE_MISSING = _define(
    "store.passphrase_missing",
    401,
    "Falta la clave del personal: defina TAMBO_PASSPHRASE o ejecute el comando en una terminal.",
    "The staff passphrase is missing: set TAMBO_PASSPHRASE or run the command in a terminal.",
)
STORE_PASSPHRASE_TOO_SHORT = _define(
    "store.passphrase_too_short",
    422,
    "La clave debe tener al menos {min} caracteres.",
    "The passphrase must have at least {min} characters.",
)
STORE_KEYRING_UNAVAILABLE = _define(
    "store.keyring_unavailable",
    409,
    "El almacén de claves del sistema no está disponible en este sistema; use la clave del personal.",
    "The system keystore is not available on this system; use the staff passphrase.",
)
STORE_KEYRING_SECRET_MISSING = _define(
    "store.keyring_secret_missing",
    401,
    "El almacén de claves del sistema ya no guarda la clave de Tambo; use la clave del personal.",
    "The system keystore no longer holds Tambo's key; use the staff passphrase.",
)
STORE_SLOT_NOT_FOUND = _define(
    "store.slot_not_found",
    404,
    "No existe la forma de apertura «{slot}». Vea la lista con «tambo keys list».",
    "There is no key slot '{slot}'. See the list with 'tambo keys list'.",
)
STORE_LAST_SLOT = _define(
    "store.last_slot",
    409,
    "No se puede quitar la última forma de abrir los datos de este equipo; agregue otra antes.",
    "The last way to open this computer's data cannot be removed; add another one first.",
)
STORE_NO_RECOVERY_SLOT = _define(
    "store.no_recovery_slot",
    409,
    "Este equipo no tiene una copia de la clave para la institución (se crea al registrarlo).",
    "This computer has no recovery copy of its key for the institution (made at enrollment).",
)
CATALOG_VERSION_CHANGED = _define(
    "catalog.version_changed",
    409,
    "El trámite {service_id} versión {form_version} ya existe con otro contenido: una versión publicada "
    "no cambia. Publique una versión nueva.",
    "Service {service_id} version {form_version} already exists with other content: a published version "
    "never changes. Publish a new version.",
)
INPUT_FILE_UNREADABLE = _define(
    "input.file_unreadable",
    422,
    "No se pudo leer el archivo «{name}» ({problem}).",
    "The file '{name}' could not be read ({problem}).",
)
INPUT_NOT_JSON = _define(
    "input.not_json",
    422,
    "El archivo «{name}» no es un objeto JSON válido ({problem}).",
    "The file '{name}' is not a valid JSON object ({problem}).",
)
STORE_PASSPHRASE_MISMATCH = _define(
    "store.passphrase_mismatch",
    422,
    "Las dos claves no coinciden; no se cambió nada.",
    "The two passphrases differ; nothing was changed.",
)
ATTACHMENT_NOT_PROVIDED = _define(
    "attachment.not_provided",
    422,
    "El campo «{field}» menciona un archivo que no se adjuntó.",
    "Field '{field}' lists a file that was not attached.",
)
ENROLLMENT_TICKET_INVALID = _define(
    "enrollment.ticket_invalid",
    422,
    "El archivo de registro no es válido: {problem}",
    "The enrollment file is not valid: {problem}",
)
ENROLLMENT_OTHER_INSTITUTION = _define(
    "enrollment.other_institution",
    409,
    "Este equipo ya está registrado en {institution} con el prefijo {prefix}; "
    "no se puede registrar de nuevo.",
    "This computer is already enrolled with {institution} under prefix {prefix}; "
    "it cannot be enrolled again.",
)
AUDIT_CHAIN_BROKEN = _define(
    "audit.chain_broken",
    409,
    "El registro de auditoría de este equipo fue alterado: la entrada {seq} no cuadra ({problem}).",
    "This computer's audit log was altered: entry {seq} does not match ({problem}).",
)


# --- the sync server: operation, devices, uploads, catalog, workflow -------------------------------
SERVER_SCHEMA_OUTDATED = _define(
    "server.schema_outdated",
    503,
    "La base de datos del servidor está en la versión {current} y este servidor necesita la {head}: "
    "ejecute «tambo-server init».",
    "The server database is at version {current} and this server needs {head}: run 'tambo-server init'.",
)
SERVER_MASTER_KEY_MISSING = _define(
    "server.master_key_missing",
    500,
    "Falta la clave maestra del servidor: defina TAMBO_MASTER_KEY o ejecute «tambo-server init» ({path}).",
    "The server master key is missing: set TAMBO_MASTER_KEY or run 'tambo-server init' ({path}).",
)
SERVER_MASTER_KEY_INSECURE = _define(
    "server.master_key_insecure",
    500,
    "El archivo de la clave maestra {path} lo pueden leer otros usuarios; corríjalo con «chmod 600 {path}».",
    "The master key file {path} is readable by other users; fix it with 'chmod 600 {path}'.",
)
SERVER_MASTER_KEY_INVALID = _define(
    "server.master_key_invalid",
    500,
    "La clave maestra del servidor no es válida (se esperan 32 bytes en base64url).",
    "The server master key is not valid (32 bytes as base64url expected).",
)
SERVER_AUDIT_CHAIN_BROKEN = _define(
    "server.audit_chain_broken",
    409,
    "El registro de auditoría de {institution} fue alterado: la entrada {position} no cuadra ({problem}).",
    "The audit log of {institution} was altered: entry {position} does not match ({problem}).",
)
SERVER_MASTER_KEY_WRONG = _define(
    "server.master_key_wrong",
    500,
    "La clave maestra {key_id} no abre la llave de la institución {institution}: no es la clave con la que "
    "se guardó (¿se restauró una copia hecha con otra clave?).",
    "Master key {key_id} does not open the key of institution {institution}: it is not the key it was "
    "stored with (was a backup made with another key restored?).",
)
SERVER_MASTER_KEY_IN_ENVIRONMENT = _define(
    "server.master_key_in_environment",
    422,
    "La clave maestra viene de TAMBO_MASTER_KEY: indique con «--new-key-file ARCHIVO» dónde escribir la "
    "nueva, para luego ponerla en TAMBO_MASTER_KEY.",
    "The master key comes from TAMBO_MASTER_KEY: say with '--new-key-file FILE' where to write the new "
    "one, to put it into TAMBO_MASTER_KEY afterwards.",
)
BACKUP_INVALID = _define(
    "backup.invalid",
    422,
    "La copia de seguridad {path} no sirve: {problem}. No se cambió nada.",
    "Backup {path} is not usable: {problem}. Nothing was changed.",
)
BACKUP_RESTORED_WITH_PROBLEMS = _define(
    "backup.restored_with_problems",
    500,
    "Se restauró la copia {path}, pero al revisarla: {problem}.",
    "Backup {path} was restored, but checking it found: {problem}.",
)
BACKUP_TARGET_NOT_EMPTY = _define(
    "backup.target_not_empty",
    409,
    "La base de datos de destino ya tiene datos ({what}); para reemplazarlos use «--replace» "
    "(antes se guarda una copia de lo que hay).",
    "The target database already holds data ({what}); to replace it use '--replace' "
    "(what is there is saved first).",
)
BACKUP_MASTER_KEY_MISMATCH = _define(
    "backup.master_key_mismatch",
    409,
    "Esta copia se hizo con la clave maestra {expected} y el servidor tiene la {current}: ponga la clave "
    "{expected} en master.key (las anteriores quedan como master.key.retired-<id>) o en TAMBO_MASTER_KEY. "
    "No se cambió nada.",
    "This backup was made with master key {expected} and the server has {current}: put key {expected} "
    "into master.key (former keys stay as master.key.retired-<id>) or into TAMBO_MASTER_KEY. "
    "Nothing was changed.",
)
BACKUP_SCHEMA_UNKNOWN = _define(
    "backup.schema_unknown",
    409,
    "La copia tiene el esquema {revision}, que esta versión de Tambo no conoce (¿viene de un servidor más "
    "nuevo?): actualice Tambo antes de restaurarla. No se cambió nada.",
    "The backup has schema {revision}, which this Tambo does not know (is it from a newer server?): "
    "upgrade Tambo before restoring it. Nothing was changed.",
)
BACKUP_TOOL_MISSING = _define(
    "backup.tool_missing",
    500,
    "No se encontró el programa {tool}: instale el cliente de PostgreSQL (paquete postgresql-client) de la "
    "misma versión que el servidor o más nueva.",
    "Program {tool} was not found: install the PostgreSQL client (package postgresql-client) of the "
    "server's version or newer.",
)
BACKUP_TOOL_FAILED = _define(
    "backup.tool_failed", 500, "{tool} terminó con error: {problem}", "{tool} failed: {problem}"
)
BACKUP_BLOB_DAMAGED = _define(
    "backup.blob_damaged",
    500,
    "El archivo {path} está dañado: su contenido ya no corresponde a su huella {sha256}.",
    "File {path} is damaged: its content no longer matches its hash {sha256}.",
)
INSTITUTION_UNKNOWN = _define(
    "institution.unknown", 404, "No existe la institución «{institution}».", "No institution '{institution}'."
)
INSTITUTION_EXISTS = _define(
    "institution.exists",
    409,
    "La institución «{institution}» ya existe.",
    "Institution '{institution}' already exists.",
)
INSTITUTION_ID_INVALID = _define(
    "institution.id_invalid",
    422,
    "Identificador de institución inválido: use de 2 a 64 letras minúsculas, dígitos o guiones.",
    "Invalid institution id: use 2 to 64 lower-case letters, digits or hyphens.",
)
DEVICE_NOT_FOUND = _define(
    "device.not_found", 404, "No existe el equipo «{device}».", "No device '{device}'."
)
ENROLLMENT_KEY_IN_USE = _define(
    "enrollment.key_in_use",
    409,
    "La clave de este equipo ya está registrada con otro código.",
    "This device's key is already registered with another code.",
)
SUBMISSION_TRACKING_CODE_TAKEN = _define(
    "submission.tracking_code_taken",
    409,
    "El código de seguimiento {tracking_code} ya pertenece a otra solicitud.",
    "Tracking code {tracking_code} already belongs to another submission.",
)
SUBMISSION_TRACKING_PREFIX = _define(
    "submission.tracking_prefix",
    422,
    "El código de seguimiento {tracking_code} no corresponde al prefijo {prefix} del equipo que lo emitió.",
    "Tracking code {tracking_code} does not carry prefix {prefix} of the device that issued it.",
)
SUBMISSION_NOT_FOUND = _define(
    "submission.not_found", 404, "No existe la solicitud {submission}.", "No submission {submission}."
)
SUBMISSION_STATUS_TRANSITION = _define(
    "submission.status_transition",
    409,
    "Una solicitud en estado «{current}» no puede pasar a «{target}».",
    "A submission in status '{current}' cannot move to '{target}'.",
)
ATTACHMENT_UNKNOWN = _define(
    "attachment.unknown",
    404,
    "El servidor no espera ese archivo: anúncielo antes de enviarlo.",
    "The server does not expect that file: announce it before sending it.",
)
ATTACHMENT_TOO_LARGE = _define(
    "attachment.too_large",
    413,
    "El archivo pesa {size} bytes; el servidor acepta hasta {max_bytes}.",
    "The file is {size} bytes; the server accepts up to {max_bytes}.",
)
ATTACHMENT_SIZE_MISMATCH = _define(
    "attachment.size_mismatch",
    422,
    "El archivo {sha256} no tiene el tamaño que declara la solicitud.",
    "File {sha256} does not have the size the submission declares.",
)
ATTACHMENT_BUSY = _define(
    "attachment.busy",
    423,
    "Otra conexión está enviando este archivo; se reintentará.",
    "Another connection is sending this file; it will be retried.",
)
CATALOG_VERSION_IMMUTABLE = _define(
    "catalog.version_immutable",
    409,
    "El trámite {service_id} versión {form_version} ya está publicado con otro contenido y una versión "
    "publicada no cambia: suba el número de versión (o use «--as-new-version»).",
    "Service {service_id} version {form_version} is already published with other content, and a published "
    "version never changes: raise the version number (or use '--as-new-version').",
)
CATALOG_VERSION_BEHIND = _define(
    "catalog.version_behind",
    409,
    "El trámite {service_id} ya tiene la versión {latest}; una versión nueva debe ser mayor que {latest}.",
    "Service {service_id} already has version {latest}; a new version must be greater than {latest}.",
)
USER_EXISTS = _define(
    "user.exists",
    409,
    "El usuario «{login}» ya existe en {institution}.",
    "User '{login}' already exists in {institution}.",
)
USER_ROLE_INVALID = _define(
    "user.role_invalid",
    422,
    "Rol desconocido «{role}» (roles: {roles}).",
    "Unknown role '{role}' (roles: {roles}).",
)
USER_PASSWORD_TOO_SHORT = _define(
    "user.password_too_short",
    422,
    "La contraseña debe tener al menos {min} caracteres.",
    "The password must have at least {min} characters.",
)
REQUEST_UNSUPPORTED_MEDIA = _define(
    "request.unsupported_media",
    415,
    "Formato del cuerpo no soportado: {problem}",
    "Unsupported body format: {problem}",
)

# --- the officials' web console (sync_server/web) ---------------------------------------------------
CONSOLE_LOGIN_FAILED = _define(
    "console.login_failed",
    401,
    "Institución, usuario o contraseña incorrectos.",
    "Wrong institution, user name or password.",
)
CONSOLE_LOCKED = _define(
    "console.locked",
    429,
    "Demasiados intentos fallidos: el acceso de este usuario queda bloqueado {minutes} minutos "
    "(hasta las {until}). Si olvidó su contraseña, pida a un administrador que la cambie.",
    "Too many failed attempts: this user's access is locked for {minutes} minutes (until {until}). "
    "If you forgot your password, ask an administrator to change it.",
)
CONSOLE_ADDRESS_THROTTLED = _define(
    "console.address_throttled",
    429,
    "Demasiados intentos de ingreso fallidos desde esta conexión: por seguridad, vuelva a intentarlo "
    "a partir de las {until}. Si olvidó su contraseña, pida a un administrador que la cambie.",
    "Too many failed logins from this connection: for safety, try again from {until}. "
    "If you forgot your password, ask an administrator to change it.",
)
CONSOLE_SESSION_EXPIRED = _define(
    "console.session_expired",
    401,
    "Su sesión terminó; vuelva a ingresar.",
    "Your session ended; please log in again.",
)
CONSOLE_CSRF = _define(
    "console.csrf",
    403,
    "El formulario venció o no se envió desde esta consola; recargue la página e inténtelo de nuevo.",
    "The form expired or was not sent from this console; reload the page and try again.",
)
CONSOLE_ROLE = _define(
    "console.role",
    403,
    "Su rol ({role}) no permite esta acción.",
    "Your role ({role}) does not allow this action.",
)
CONSOLE_INPUT = _define(
    "console.input", 422, "Revise el dato «{field}»: {problem}.", "Check '{field}': {problem}."
)
CASE_TRANSITION_ROLE = _define(
    "case.transition_role",
    403,
    "Su rol ({role}) no puede pasar una solicitud a «{target}».",
    "Your role ({role}) cannot move a submission to '{target}'.",
)
CASE_DOCUMENT_REQUIRED = _define(
    "case.document_required",
    422,
    "Para marcar la solicitud como atendida adjunte el documento final (PDF).",
    "To mark the submission as resolved, attach the final document (PDF).",
)
CASE_DOCUMENT_NOT_PDF = _define(
    "case.document_not_pdf",
    422,
    "El documento final debe ser un PDF (el archivo «{name}» no lo es).",
    "The final document must be a PDF ('{name}' is not).",
)
CASE_UNIT_UNKNOWN = _define(
    "case.unit_unknown",
    422,
    "La institución no tiene la oficina «{unit}».",
    "The institution has no unit '{unit}'.",
)
CASE_ASSIGNEE_INVALID = _define(
    "case.assignee_invalid",
    422,
    "«{login}» no es un funcionario activo de la oficina {unit}.",
    "'{login}' is not an active official of unit {unit}.",
)
CASE_EMPTY_TEXT = _define(
    "case.empty_text",
    422,
    "Escriba el texto del mensaje o de la nota.",
    "Write the text of the message or note.",
)
CASE_DEADLINE_NOT_EXTENDABLE = _define(
    "case.deadline_not_extendable",
    422,
    "El plazo de este trámite no admite ampliación.",
    "The deadline of this service cannot be extended.",
)
CASE_DEADLINE_ALREADY_EXTENDED = _define(
    "case.deadline_already_extended",
    409,
    "El plazo ya se amplió una vez (hasta el {date}); solo puede ampliarse una vez.",
    "The deadline was already extended once (to {date}); it can be extended only once.",
)
CASE_DEADLINE_NOTICE_PASSED = _define(
    "case.deadline_notice_passed",
    422,
    "La ampliación debía comunicarse dentro de {days} días hábiles de la presentación, hasta el {date}; "
    "ese plazo ya pasó.",
    "An extension had to be announced within {days} business days of the filing, by {date}; "
    "that time has passed.",
)
CASE_DEADLINE_DATE_NOT_LATER = _define(
    "case.deadline_date_not_later",
    422,
    "La nueva fecha debe ser posterior al vencimiento actual ({date}).",
    "The new date must be after the current due date ({date}).",
)
CASE_DEADLINE_DATE_NOT_BUSINESS_DAY = _define(
    "case.deadline_date_not_business_day",
    422,
    "El {date} no es día hábil de la institución; elija un día hábil.",
    "{date} is not a business day of the institution; choose a business day.",
)
CASE_DEADLINE_CLOSED = _define(
    "case.deadline_closed",
    409,
    "El trámite ya está cerrado ({status}); su plazo no puede ampliarse.",
    "The request is already closed ({status}); its deadline cannot be extended.",
)
CASE_DEADLINE_REASON_REQUIRED = _define(
    "case.deadline_reason_required",
    422,
    "Escriba el motivo de la ampliación: el solicitante lo recibirá con la nueva fecha.",
    "Write the reason for the extension: the applicant receives it with the new date.",
)
CATALOG_DRAFT_NOT_FOUND = _define(
    "catalog.draft_not_found",
    404,
    "No hay un borrador del trámite «{service_id}».",
    "There is no draft of service '{service_id}'.",
)
CATALOG_SERVICE_EXISTS = _define(
    "catalog.service_exists",
    409,
    "Ya existe un trámite o borrador con el identificador «{service_id}».",
    "A service or draft with id '{service_id}' already exists.",
)
USER_NOT_FOUND = _define("user.not_found", 404, "No existe el usuario «{login}».", "No user '{login}'.")


def spec(code: str) -> ErrorSpec:
    """Return the specification of ``code``; unknown codes (from a newer peer) get a generic one."""
    found = _SPECS.get(code)
    if found is not None:
        return found
    return ErrorSpec(code, 400, f"Error ({code}).", f"Error ({code}).")


def all_codes() -> tuple[str, ...]:
    return tuple(_SPECS)


def message(code: str, lang: str = "es", **params: Any) -> str:
    """The human message for ``code`` in ``lang`` (Spanish unless English is asked for)."""
    found = spec(code)
    template = found.en if lang == "en" else found.es
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


@dataclass(eq=False)
class TamboError(Exception):
    """An error with a stable code; every error that crosses a module boundary is one of these."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__init__(self.message())

    def message(self, lang: str = "es") -> str:
        return message(self.code, lang, **self.params)

    @property
    def http_status(self) -> int:
        return spec(self.code).http_status

    def to_dict(self, lang: str = "es") -> dict[str, Any]:
        """The standard JSON error shape."""
        return {"error": {"code": self.code, "message": self.message(lang), "details": dict(self.details)}}

    def __str__(self) -> str:
        return self.message()


def error_body(
    code: str, lang: str = "es", details: dict[str, Any] | None = None, **params: Any
) -> dict[str, Any]:
    """Build the standard JSON error shape without raising."""
    return {"error": {"code": code, "message": message(code, lang, **params), "details": details or {}}}
