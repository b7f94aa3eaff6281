"""English for the console's Spanish interface texts (see :mod:`sync_server.web.i18n`)."""

EN: dict[str, str] = {
    # layout and navigation
    "Saltar al contenido": "Skip to content",
    "Menú principal": "Main menu",
    "Bandeja": "Inbox",
    "Estadísticas": "Statistics",
    "Equipos": "Devices",
    "Catálogo": "Catalog",
    "Usuarios": "Users",
    "Mi cuenta": "My account",
    "Mi cuenta:": "My account:",
    "Salir": "Log out",
    "Aviso": "Notice",
    "No se pudo completar": "This could not be done",
    "Volver al inicio": "Back to the start page",
    "Páginas": "Pages",
    "Primera página": "First page",
    "Anterior": "Previous",
    "Siguiente": "Next",
    "Ver": "Show",
    "Guardar": "Save",
    "Cambiar": "Change",
    # roles
    "Administrador": "Administrator",
    "Funcionario": "Official",
    "Coordinador": "Coordinator",
    "Auditor": "Auditor",
    # login and account
    "Ingresar": "Log in",
    "Consola de funcionarios": "Officials' console",
    "Ingrese con su usuario de la institución.": "Log in with your institution's user name.",
    "Institución": "Institution",
    "El identificador de su institución, por ejemplo: muni-ilave": "Your institution's id, for example: muni-ilave",  # noqa: E501
    "Usuario": "User name",
    "Contraseña": "Password",
    "Cambiar mi contraseña": "Change my password",
    "Contraseña actual": "Current password",
    "Nueva contraseña (mínimo 10 caracteres)": "New password (at least 10 characters)",
    "Cambiar contraseña": "Change password",
    "Su contraseña se cambió.": "Your password was changed.",
    # deadlines
    "A tiempo": "On time",
    "quedan {n} días hábiles": "{n} business days left",
    "Por vencer": "Due soon",
    "vence hoy": "due today",
    "Vencido": "Overdue",
    "{n} días hábiles de retraso": "{n} business days late",
    "Plazo suspendido": "Deadline suspended",
    "Cerrado": "Closed",
    "Sin plazo": "No deadline",
    "Vence": "Due",
    "vence": "due",
    "Plazo": "Deadline",
    # inbox
    "Bandeja de solicitudes": "Inbox of requests",
    "Exportar CSV": "Export CSV",
    "Exportar Excel": "Export Excel",
    "Filtros de la bandeja": "Inbox filters",
    "Buscar": "Search",
    "Código de seguimiento, número de documento o nombre del solicitante": (
        "Tracking code, ID number or applicant's name"
    ),
    "Trámite": "Service",
    "Estado": "Status",
    "Oficina": "Unit",
    "Asignado a": "Assigned to",
    "Todos": "All",
    "Todas": "All",
    "Mis casos": "My cases",
    "Sin asignar": "Unassigned",
    "Cualquiera": "Anyone",
    "Presentado desde": "Filed from",
    "Presentado hasta": "Filed until",
    "Desde": "From",
    "Hasta": "Until",
    "La fecha «{value}» de «{label}» no es válida (use AAAA-MM-DD).": (
        "The date '{value}' in '{label}' is not valid (use YYYY-MM-DD)."
    ),
    "Orden": "Order",
    "Más antiguos primero": "Oldest first",
    "Vencimiento más próximo": "Nearest due date",
    "Más recientes primero": "Newest first",
    "Solo vencidos": "Overdue only",
    "Filtrar": "Filter",
    "Limpiar filtros": "Clear filters",
    "Más de {n} solicitudes": "More than {n} requests",
    "{n} solicitudes": "{n} requests",
    "1 solicitud": "1 request",
    "Solicitudes": "Requests",
    "Código": "Code",
    "Solicitante": "Applicant",
    "Presentado": "Filed",
    "No hay solicitudes con estos filtros.": "No requests match these filters.",
    # case page
    "nadie": "nobody",
    "Observado: el plazo está suspendido. El solicitante tiene hasta el {date} para completar los requisitos.": (  # noqa: E501
        "Observed: the deadline is suspended. The applicant has until {date} to complete the requirements."
    ),
    "Ese plazo ya venció: puede tenerse por no presentado.": (
        "That period has run out: the request may be deemed not filed."
    ),
    "Se cerró después de la fecha de vencimiento.": "It was closed after its due date.",
    "Datos de la solicitud": "Request data",
    "Formulario versión {v}": "Form version {v}",
    "Algunos datos son reservados: solo los ve la oficina responsable.": (
        "Some data is restricted: only the responsible unit sees it."
    ),
    "Dato reservado": "Restricted",
    "Archivos adjuntos": "Attachments",
    "Descargar {name}": "Download {name}",
    "Descargar": "Download",
    "Sin archivos adjuntos.": "No attachments.",
    "Datos del cargo de recepción": "Receipt data",
    "Código de seguimiento": "Tracking code",
    "Fecha y hora de presentación": "Filing date and time",
    "Fecha oficial de presentación": "Official filing date",
    "Tasa": "Fee",
    "Folios": "Pages",
    "Canal": "Channel",
    "Recibido por": "Received by",
    "Equipo": "Device",
    "Observaciones al recibir": "Observations at intake",
    "Sin observaciones": "No observations",
    "Llegó al servidor": "Reached the server",
    "Código de integridad": "Integrity code",
    "Atender": "Handle",
    "Nuevo estado": "New status",
    "Derivar (solo para «{label}»)": "Forward (only for '{label}')",
    "Oficina de destino": "Destination unit",
    "Funcionario (opcional)": "Official (optional)",
    "Mensaje al solicitante (opcional)": "Message to the applicant (optional)",
    "Lo verá el ciudadano en el equipo donde presentó su trámite.": (
        "The citizen will see it on the device where the request was filed."
    ),
    "Nota interna (opcional)": "Internal note (optional)",
    "Solo la ven los funcionarios.": "Only officials see it.",
    "Documento final (PDF)": "Final document (PDF)",
    "Obligatorio para «{label}» si aún no hay un documento adjunto.": (
        "Required for '{label}' if no document is attached yet."
    ),
    "Cambiar estado": "Change status",
    "Este trámite ya no admite cambios de estado.": "This request admits no more status changes.",
    "Asignar dentro de la oficina": "Assign within the unit",
    "Nadie": "Nobody",
    "Asignar": "Assign",
    "Escribir": "Write",
    "Mensaje al solicitante": "Message to the applicant",
    "Enviar mensaje": "Send message",
    "Nota interna": "Internal note",
    "Guardar nota": "Save note",
    "Adjuntar documento (PDF)": "Attach a document (PDF)",
    "Adjuntar": "Attach",
    "Documentos emitidos": "Issued documents",
    "Ruta del trámite": "Route of the request",
    "equipo de origen": "capturing device",
    "Asignación": "Assignment",
    "sin funcionario": "no official",
    "Documento": "Document",
    "El estado se cambió y se enviará al equipo de origen en su próxima sincronización.": (
        "The status was changed and will reach the capturing device at its next sync."
    ),
    "La asignación quedó registrada.": "The assignment was recorded.",
    "El mensaje se enviará al equipo de origen en su próxima sincronización.": (
        "The message will reach the capturing device at its next sync."
    ),
    "La nota interna quedó registrada (no se envía al solicitante).": (
        "The internal note was recorded (it is not sent to the applicant)."
    ),
    "El documento se adjuntó y se enviará al equipo de origen.": (
        "The document was attached and will be sent to the capturing device."
    ),
    # dashboard
    "Solicitudes por día": "Requests per day",
    "{n} solicitudes del {start} al {end}.": "{n} requests from {start} to {end}.",
    "Solicitudes por trámite": "Requests per service",
    "Barra azul: recibidas; línea naranja: cerradas.": "Blue bar: received; orange line: closed.",
    "Calificaciones de la encuesta de satisfacción": "Ratings of the satisfaction survey",
    "Cantidad de respuestas por calificación, de 1 (muy malo) a 5 (muy bueno).": (
        "Number of answers per rating, from 1 (very poor) to 5 (very good)."
    ),
    "Periodo": "Period",
    "Últimos {n} días": "Last {n} days",
    "Del {start} al {end}, por fecha oficial de presentación. «Hoy» cuenta lo abierto y lo vencido a la fecha.": (  # noqa: E501
        "From {start} to {end}, by official filing date. 'Today' counts what is open and overdue now."
    ),
    "Solicitudes recibidas": "Requests received",
    "Mediana de atención (días hábiles)": "Median time to resolve (business days)",
    "Atendidas a tiempo": "Resolved on time",
    "Vencidas hoy": "Overdue today",
    "Abiertas hoy": "Open today",
    "Satisfacción promedio (1 a 5)": "Average satisfaction (1 to 5)",
    "Descargar CSV": "Download CSV",
    "Por trámite": "Per service",
    "Sin solicitudes en el periodo.": "No requests in this period.",
    "Por oficina": "Per unit",
    "Recibidas": "Received",
    "Cerradas": "Closed",
    "Mediana (días hábiles)": "Median (business days)",
    "Total": "Total",
    "Satisfacción": "Satisfaction",
    "Satisfacción por trámite": "Satisfaction per service",
    "Promedio": "Average",
    "Respuestas": "Answers",
    "Sin respuestas a la encuesta en el periodo.": "No survey answers in this period.",
    "Ver los números por día": "Show the numbers per day",
    "Fecha": "Date",
    # devices
    "Equipos de {name}": "Devices of {name}",
    "Código de registro para «{name}»": "Enrollment code for '{name}'",
    "Código de un solo uso": "One-time code",
    "Prefijo de códigos de seguimiento": "Tracking code prefix",
    "Vence el {date}. Funciona una sola vez.": "Expires on {date}. It works once.",
    "En el equipo: «Registrar equipo», escanee el QR o escriba el código. Sin conexión, copie el archivo de registro.": (  # noqa: E501
        "On the device: 'Enroll device', scan the QR code or type the code. Offline, copy the enrollment file."  # noqa: E501
    ),
    "Descargar archivo de registro (.json)": "Download the enrollment file (.json)",
    "Este código no se volverá a mostrar: anótelo o descargue el archivo ahora.": (
        "This code will not be shown again: write it down or download the file now."
    ),
    "Registrar un equipo nuevo": "Enroll a new device",
    "Nombre del equipo": "Device name",
    "Mesa de partes 2": "Front desk 2",
    "Crear código de registro": "Create enrollment code",
    "Equipos registrados": "Enrolled devices",
    "Prefijo": "Prefix",
    "Última sincronización": "Last sync",
    "Pendientes": "Pending",
    "Versión": "Version",
    "Acción": "Action",
    "Activo": "Active",
    "Esperando registro": "Waiting for enrollment",
    "Dado de baja": "Revoked",
    "nunca": "never",
    "Más de 3 días sin sincronizar": "More than 3 days without syncing",
    "¿Dar de baja «{name}»? El equipo ya no podrá sincronizar.": "Revoke '{name}'? The device will no longer sync.",  # noqa: E501
    "Dar de baja {name}": "Revoke {name}",
    "Dar de baja": "Revoke",
    "Todavía no hay equipos registrados.": "No devices enrolled yet.",
    "El equipo quedó dado de baja: el servidor rechazará sus pedidos.": (
        "The device was revoked: the server will refuse its requests."
    ),
    # users
    "Usuarios de la consola": "Console users",
    "Rol": "Role",
    "Oficinas": "Units",
    "Desactivado": "Deactivated",
    "Editar {login}": "Edit {login}",
    "Oficinas que atiende (funcionarios)": "Units served (officials)",
    "Puede ingresar": "May log in",
    "Nuevo usuario": "New user",
    "Minúsculas, dígitos, puntos o guiones; por ejemplo: ana.quispe": (
        "Lower-case letters, digits, dots or hyphens; for example: ana.quispe"
    ),
    "Contraseña inicial (mínimo 10 caracteres)": "Initial password (at least 10 characters)",
    "Crear usuario": "Create user",
    "Coordinadores de otras instituciones": "Coordinators of other institutions",
    "Pueden ver y registrar los equipos de esta institución; nunca los datos de los ciudadanos.": (
        "They may see and enroll this institution's devices; never citizens' data."
    ),
    "Quitar acceso": "Remove access",
    "Dar acceso a los equipos": "Give access to the devices",
    "El usuario fue creado.": "The user was created.",
    "Los cambios se guardaron.": "The changes were saved.",
    "La contraseña se cambió; las sesiones abiertas de ese usuario se cerraron.": (
        "The password was changed; that user's open sessions were closed."
    ),
    "El coordinador ya puede ver los equipos de esta institución.": (
        "The coordinator may now see this institution's devices."
    ),
    "El coordinador ya no ve los equipos de esta institución.": (
        "The coordinator no longer sees this institution's devices."
    ),
}
