<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="es">
<context>
    <name>AttachmentEditor</name>
    <message>
        <source>Arrastre aquí los archivos o use «Adjuntar archivo…».</source>
        <translation>Drag the files here or use &quot;Attach file…&quot;.</translation>
    </message>
    <message>
        <source>Adjuntar archivo…</source>
        <translation>Attach file…</translation>
    </message>
    <message>
        <source>Quitar archivo</source>
        <translation>Remove file</translation>
    </message>
    <message>
        <source>Elegir archivos</source>
        <translation>Choose files</translation>
    </message>
    <message>
        <source>Documentos ({0})</source>
        <translation>Documents ({0})</translation>
    </message>
    <message>
        <source>calculando…</source>
        <translation>calculating…</translation>
    </message>
    <message>
        <source>{0}: adjuntar archivo</source>
        <translation>{0}: attach file</translation>
    </message>
    <message>
        <source>{0}: archivos adjuntos</source>
        <translation>{0}: attached files</translation>
    </message>
    <message>
        <source>{0}: quitar archivo</source>
        <translation>{0}: remove file</translation>
    </message>
</context>
<context>
    <name>CapturePage</name>
    <message>
        <source>Costo: {0} · Plazo: {1} · Calificación: {2}</source>
        <extracomment>The key under which a draft keeps what is not an answer (files, folios, checklist, notes).</extracomment>
        <translation>Cost: {0} · Time limit: {1} · Evaluation: {2}</translation>
    </message>
    <message>
        <source>Recepción en mesa de partes</source>
        <translation>Reception at the front desk</translation>
    </message>
    <message>
        <source>Número de folios (obligatorio)</source>
        <translation>Number of pages (required)</translation>
    </message>
    <message>
        <source>Número de folios *</source>
        <translation>Number of pages *</translation>
    </message>
    <message>
        <source>Requisitos presentados (desmarque los que faltan):</source>
        <translation>Requirements handed in (untick the missing ones):</translation>
    </message>
    <message>
        <source>Presentó: {0}</source>
        <translation>Handed in: {0}</translation>
    </message>
    <message>
        <source>Otras observaciones (opcional):</source>
        <translation>Other observations (optional):</translation>
    </message>
    <message>
        <source>Otras observaciones</source>
        <translation>Other observations</translation>
    </message>
    <message>
        <source>Cancelar</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Revisar</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>Revisar antes de guardar</source>
        <translation>Review before saving</translation>
    </message>
    <message>
        <source>Indique cuántos folios (páginas) entrega.</source>
        <translation>Say how many pages are handed in.</translation>
    </message>
    <message>
        <source>Espere: se están leyendo los archivos adjuntos…</source>
        <translation>Please wait: the attachments are being read…</translation>
    </message>
    <message>
        <source>Hay {0} dato(s) por corregir.</source>
        <translation>{0} field(s) to correct.</translation>
    </message>
    <message>
        <source>Falta: {0}</source>
        <translation>Missing: {0}</translation>
    </message>
</context>
<context>
    <name>ChoiceButtonsEditor</name>
    <message>
        <source>Sí</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>ClerkWindow</name>
    <message>
        <source>Tambo — Mesa de partes</source>
        <translation>Tambo — Front desk</translation>
    </message>
    <message>
        <source>Nuevo trámite</source>
        <translation>New request</translation>
    </message>
    <message>
        <source>Registrados</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>Servidor: {0}</source>
        <translation>Server: {0}</translation>
    </message>
    <message>
        <source>Trabajando sin conexión</source>
        <translation>Working offline</translation>
    </message>
    <message>
        <source>Atiende: {0} · {1}</source>
        <translation>Serving: {0} · {1}</translation>
    </message>
    <message>
        <source>Este borrador es de un formulario que ya no está disponible.</source>
        <translation>This draft belongs to a form that is no longer available.</translation>
    </message>
    <message>
        <source>No se pudo guardar el borrador: {0}</source>
        <translation>The draft could not be saved: {0}</translation>
    </message>
    <message>
        <source>Guardando la solicitud…</source>
        <translation>Saving the request…</translation>
    </message>
    <message>
        <source>Guardado: {0}</source>
        <translation>Saved: {0}</translation>
    </message>
</context>
<context>
    <name>ComboEditor</name>
    <message>
        <source>— Elija una opción —</source>
        <translation>— Choose an option —</translation>
    </message>
</context>
<context>
    <name>ConsentScreen</name>
    <message>
        <source>La municipalidad</source>
        <translation>The municipality</translation>
    </message>
    <message>
        <source>Protección de sus datos personales</source>
        <translation>Protection of your personal data</translation>
    </message>
    <message>
        <source>{0} es responsable de los datos que usted escribió. Los usará solo para atender esta solicitud y para comunicarse con usted sobre ella.

Se guardan cifrados en el banco de datos de solicitudes y trámites de la institución. Solo los ve el personal que atiende su solicitud.

Puede pedir en cualquier momento ver sus datos, corregirlos, cancelarlos u oponerse a su uso (derechos ARCO) en mesa de partes.

Ley N.º 29733, Ley de Protección de Datos Personales, y su reglamento.</source>
        <translation>{0} is responsible for the data you typed. It will use them only to handle this request and to contact you about it.

They are stored encrypted in the institution&apos;s data bank of requests and procedures. Only the staff handling your request see them.

At any time you can ask at the front desk to see your data, correct them, cancel them or object to their use (ARCO rights).

Ley N.º 29733, the Personal Data Protection Law, and its regulations.</translation>
    </message>
    <message>
        <source>He leído este aviso y acepto</source>
        <translation>I have read this notice and I accept</translation>
    </message>
    <message>
        <source>Sin su aceptación no podemos registrar la solicitud en este quiosco, y no hemos guardado nada de lo que escribió. Puede presentarla en mesa de partes.</source>
        <translation>Without your acceptance we cannot register the request at this kiosk, and we have saved nothing of what you typed. You can file it at the front desk.</translation>
    </message>
    <message>
        <source>◀ Atrás</source>
        <translation>◀ Back</translation>
    </message>
    <message>
        <source>Volver a la revisión</source>
        <translation>Back to the review</translation>
    </message>
    <message>
        <source>No acepto</source>
        <translation>I do not accept</translation>
    </message>
    <message>
        <source>No acepto: terminar sin guardar</source>
        <translation>I do not accept: finish without saving</translation>
    </message>
    <message>
        <source>Enviar mi solicitud</source>
        <translation>Send my request</translation>
    </message>
    <message>
        <source>Guardar la solicitud y recibir el cargo</source>
        <translation>Save the request and get the receipt</translation>
    </message>
    <message>
        <source>Primero marque «He leído este aviso y acepto».</source>
        <translation>First tick &quot;I have read this notice and I accept&quot;.</translation>
    </message>
    <message>
        <source>Terminar</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>Terminar sin guardar y volver al inicio</source>
        <translation>Finish without saving and go back to the start</translation>
    </message>
    <message>
        <source>Guardando su solicitud…</source>
        <translation>Saving your request…</translation>
    </message>
</context>
<context>
    <name>CoordinatorWindow</name>
    <message>
        <source>Tambo — Coordinación de sedes</source>
        <extracomment>How often the window tries to forward what it carries (it pings first: cheap when offline). Sites whose last visit is older than this many days are shown in amber.</extracomment>
        <translation>Tambo — Site coordination</translation>
    </message>
    <message>
        <source>Cargando…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Recoger paquetes de la memoria USB…</source>
        <translation>Collect bundles from the USB stick…</translation>
    </message>
    <message>
        <source>Enviar al servidor ahora</source>
        <translation>Send to the server now</translation>
    </message>
    <message>
        <source>Copiar acuses a la memoria USB…</source>
        <translation>Copy acknowledgements to the USB stick…</translation>
    </message>
    <message>
        <source>Sede</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>Última visita</source>
        <translation>Last visit</translation>
    </message>
    <message>
        <source>Por enviar</source>
        <translation>To send</translation>
    </message>
    <message>
        <source>Enviadas</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Acuses por entregar</source>
        <translation>Acknowledgements to deliver</translation>
    </message>
    <message>
        <source>Último envío</source>
        <translation>Last sent</translation>
    </message>
    <message>
        <source>Sedes: última visita, pendientes, enviadas y acuses</source>
        <translation>Sites: last visit, pending, sent and acknowledgements</translation>
    </message>
    <message>
        <source>Paquetes de las sedes (no se pueden leer ni alterar)</source>
        <translation>Bundles from the sites (cannot be read or altered)</translation>
    </message>
    <message>
        <source>Exportar paquete de este equipo…</source>
        <translation>Export this device&apos;s bundle…</translation>
    </message>
    <message>
        <source>Aplicar acuses…</source>
        <translation>Apply acknowledgements…</translation>
    </message>
    <message>
        <source>Este equipo</source>
        <translation>This device</translation>
    </message>
    <message>
        <source>{0} en {1} paquete(s)</source>
        <translation>{0} in {1} bundle(s)</translation>
    </message>
    <message>
        <source>Sin visita hace {0} días o más</source>
        <translation>No visit for {0} days or more</translation>
    </message>
    <message>
        <source>{0} solicitud(es) de este equipo esperan confirmación del servidor.</source>
        <translation>{0} request(s) from this device are waiting for confirmation from the server.</translation>
    </message>
    <message>
        <source>Elija la carpeta (la memoria USB)</source>
        <translation>Choose the folder (the USB stick)</translation>
    </message>
    <message>
        <source>Recogiendo…</source>
        <translation>Collecting…</translation>
    </message>
    <message>
        <source>Recogidos: {0} paquete(s).</source>
        <translation>Collected: {0} bundle(s).</translation>
    </message>
    <message>
        <source>{0} ya se habían recogido.</source>
        <translation>{0} had already been collected.</translation>
    </message>
    <message>
        <source>Enviando al servidor…</source>
        <translation>Sending to the server…</translation>
    </message>
    <message>
        <source>Enviados {0} paquete(s): {1} solicitud(es) nuevas en el servidor.</source>
        <translation>Sent {0} bundle(s): {1} new request(s) on the server.</translation>
    </message>
    <message>
        <source>Rechazado {0}: {1}</source>
        <translation>Refused {0}: {1}</translation>
    </message>
    <message>
        <source>Lo demás se enviará después: {0}</source>
        <translation>The rest will be sent later: {0}</translation>
    </message>
    <message>
        <source>{0} acuse(s) copiados: llévelos a sus sedes.</source>
        <translation>{0} acknowledgement(s) copied: take them to their sites.</translation>
    </message>
    <message>
        <source>Exportando…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>Paquete escrito en {0}: {1} solicitud(es), {2} adjunto(s).</source>
        <translation>Bundle written to {0}: {1} request(s), {2} attachment(s).</translation>
    </message>
    <message>
        <source>No incluidas (falta un adjunto): {0}</source>
        <translation>Not included (an attachment is missing): {0}</translation>
    </message>
    <message>
        <source>{0} acuse(s) aplicados: {1} solicitud(es) confirmadas.</source>
        <translation>{0} acknowledgement(s) applied: {1} request(s) confirmed.</translation>
    </message>
</context>
<context>
    <name>CountdownOverlay</name>
    <message>
        <source>¿Sigue ahí?</source>
        <translation>Are you still there?</translation>
    </message>
    <message>
        <source>Por su privacidad, borraremos lo que escribió y volveremos al inicio.</source>
        <translation>For your privacy, we will erase what you typed and go back to the start.</translation>
    </message>
    <message>
        <source>Sí, sigo aquí</source>
        <translation>Yes, I&apos;m still here</translation>
    </message>
    <message>
        <source>Sí, sigo aquí: continuar</source>
        <translation>Yes, I&apos;m still here: continue</translation>
    </message>
    <message>
        <source>Terminar ahora</source>
        <translation>Finish now</translation>
    </message>
    <message>
        <source>Borrar todo y volver al inicio</source>
        <translation>Erase everything and go back to the start</translation>
    </message>
    <message>
        <source>Quedan {0} segundos</source>
        <translation>{0} seconds left</translation>
    </message>
</context>
<context>
    <name>DateEditor</name>
    <message>
        <source>dd/mm/aaaa</source>
        <translation>dd/mm/yyyy</translation>
    </message>
    <message>
        <source>Hoy</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Borrar</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>{0}: poner la fecha de hoy</source>
        <translation>{0}: set today&apos;s date</translation>
    </message>
    <message>
        <source>{0}: borrar la fecha</source>
        <translation>{0}: clear the date</translation>
    </message>
</context>
<context>
    <name>FieldRow</name>
    <message>
        <source> (obligatorio)</source>
        <extracomment>On touch screens (the kiosk) select_one shows up to this many choices as buttons, in two columns.</extracomment>
        <translation> (required)</translation>
    </message>
</context>
<context>
    <name>FilesScreen</name>
    <message>
        <source>Buscando archivos en su memoria USB…</source>
        <translation>Looking for files on your USB memory…</translation>
    </message>
    <message>
        <source>Toque el archivo que desea adjuntar.</source>
        <translation>Touch the file you want to attach.</translation>
    </message>
    <message>
        <source>No encontramos archivos en una memoria USB. Conéctela y toque «Buscar otra vez».</source>
        <translation>We found no files on a USB memory. Plug it in and touch &quot;Look again&quot;.</translation>
    </message>
    <message>
        <source>Adjuntar {0}</source>
        <translation>Attach {0}</translation>
    </message>
    <message>
        <source>Página {0} de {1}</source>
        <translation>Page {0} of {1}</translation>
    </message>
    <message>
        <source>Adjuntar un archivo de su memoria USB</source>
        <translation>Attach a file from your USB memory</translation>
    </message>
    <message>
        <source>◀ Anteriores</source>
        <translation>◀ Previous</translation>
    </message>
    <message>
        <source>Ver los archivos anteriores</source>
        <translation>See the previous files</translation>
    </message>
    <message>
        <source>Más archivos ▶</source>
        <translation>More files ▶</translation>
    </message>
    <message>
        <source>Ver más archivos</source>
        <translation>See more files</translation>
    </message>
    <message>
        <source>Buscar otra vez</source>
        <translation>Look again</translation>
    </message>
    <message>
        <source>Buscar archivos otra vez</source>
        <translation>Look for files again</translation>
    </message>
    <message>
        <source>◀ Volver a la pregunta</source>
        <translation>◀ Back to the question</translation>
    </message>
    <message>
        <source>Volver a la pregunta sin adjuntar</source>
        <translation>Back to the question without attaching</translation>
    </message>
</context>
<context>
    <name>KeyboardDock</name>
    <message>
        <source>Teclado en pantalla</source>
        <translation>On-screen keyboard</translation>
    </message>
</context>
<context>
    <name>KioskPrinter</name>
    <message>
        <source>No se encontró la impresora del quiosco.</source>
        <extracomment>where it went (printer name or PDF path), or why it did not</extracomment>
        <translation>The kiosk&apos;s printer was not found.</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>Tambo — Quiosco</source>
        <translation>Tambo — Kiosk</translation>
    </message>
    <message>
        <source>✕ Terminar</source>
        <translation>✕ Finish</translation>
    </message>
    <message>
        <source>Terminar y borrar todo lo escrito</source>
        <translation>Finish and erase everything typed</translation>
    </message>
    <message>
        <source>Personal</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>Acceso del personal (pide el PIN)</source>
        <translation>Staff access (asks for the PIN)</translation>
    </message>
    <message>
        <source>Traducción no revisada por un hablante nativo</source>
        <translation>Translation not reviewed by a native speaker</translation>
    </message>
    <message>
        <source>✕ ¿Borrar todo? Toque otra vez</source>
        <translation>✕ Erase everything? Touch again</translation>
    </message>
    <message>
        <source>Toque otra vez para borrar todo lo escrito y volver al inicio</source>
        <translation>Touch again to erase everything typed and go back to the start</translation>
    </message>
</context>
<context>
    <name>LineEditor</name>
    <message>
        <source>8 dígitos</source>
        <extracomment>select_one fields with at most this many choices are shown as radio buttons.</extracomment>
        <translation>8 digits</translation>
    </message>
</context>
<context>
    <name>NumericKeypad</name>
    <message>
        <source>Borrar el número anterior</source>
        <translation>Delete the previous digit</translation>
    </message>
    <message>
        <source>Listo ↵</source>
        <translation>Done ↵</translation>
    </message>
    <message>
        <source>Listo: pasar al siguiente dato</source>
        <translation>Done: go to the next field</translation>
    </message>
    <message>
        <source>ABC</source>
        <translation>ABC</translation>
    </message>
    <message>
        <source>Mostrar el teclado con letras</source>
        <translation>Show the keyboard with letters</translation>
    </message>
    <message>
        <source>Punto decimal</source>
        <translation>Decimal point</translation>
    </message>
</context>
<context>
    <name>OnScreenKeyboard</name>
    <message>
        <source>Borrar la letra anterior</source>
        <translation>Delete the previous letter</translation>
    </message>
    <message>
        <source>⇧ Mayús</source>
        <translation>⇧ Shift</translation>
    </message>
    <message>
        <source>Mayúscula para la siguiente letra</source>
        <translation>Capital for the next letter</translation>
    </message>
    <message>
        <source>Espacio</source>
        <translation>Space</translation>
    </message>
    <message>
        <source>Mover a la izquierda</source>
        <translation>Move left</translation>
    </message>
    <message>
        <source>Mover a la derecha</source>
        <translation>Move right</translation>
    </message>
    <message>
        <source>Listo ↵</source>
        <translation>Done ↵</translation>
    </message>
    <message>
        <source>Listo: pasar al siguiente dato</source>
        <translation>Done: go to the next field</translation>
    </message>
</context>
<context>
    <name>PagedArea</name>
    <message>
        <source>Ver la parte anterior</source>
        <extracomment>Overlap kept between two pages of a PagedArea, so the reader does not lose the line. Marks that decorate a visible text but are not words; a screen reader does not read them out.</extracomment>
        <translation>See the part above</translation>
    </message>
    <message>
        <source>Ver más abajo</source>
        <translation>See further down</translation>
    </message>
</context>
<context>
    <name>PinScreen</name>
    <message>
        <source>Personal: PIN del quiosco</source>
        <translation>Staff: kiosk PIN</translation>
    </message>
    <message>
        <source>Elija el PIN que el personal usará para salir del modo quiosco ({0} a {1} dígitos). No lo comparta con el público.</source>
        <translation>Choose the PIN staff will use to leave kiosk mode ({0} to {1} digits). Do not share it with the public.</translation>
    </message>
    <message>
        <source>Acceso del personal</source>
        <translation>Staff access</translation>
    </message>
    <message>
        <source>Escriba el PIN del personal.</source>
        <translation>Enter the staff PIN.</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>PIN del personal</source>
        <translation>Staff PIN</translation>
    </message>
    <message>
        <source>Repita el PIN</source>
        <translation>Repeat the PIN</translation>
    </message>
    <message>
        <source>Aceptar</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancelar</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Cancelar y volver al quiosco</source>
        <translation>Cancel and go back to the kiosk</translation>
    </message>
    <message>
        <source>El PIN debe tener de {0} a {1} dígitos.</source>
        <translation>The PIN must have {0} to {1} digits.</translation>
    </message>
    <message>
        <source>Los dos PIN no coinciden.</source>
        <translation>The two PINs do not match.</translation>
    </message>
    <message>
        <source>Demasiados intentos. Espere {0} segundos.</source>
        <translation>Too many attempts. Wait {0} seconds.</translation>
    </message>
    <message>
        <source>Un momento…</source>
        <translation>One moment…</translation>
    </message>
    <message>
        <source>PIN incorrecto.</source>
        <translation>Wrong PIN.</translation>
    </message>
</context>
<context>
    <name>QuestionScreen</name>
    <message>
        <source>Revise lo marcado con ⚠ antes de seguir.</source>
        <translation>Check what is marked with ⚠ before going on.</translation>
    </message>
    <message>
        <source>Espere: se está leyendo el archivo…</source>
        <translation>Please wait: the file is being read…</translation>
    </message>
    <message>
        <source>Pregunta {0} de {1}</source>
        <translation>Question {0} of {1}</translation>
    </message>
    <message>
        <source>Volver a la revisión ▶</source>
        <translation>Back to the review ▶</translation>
    </message>
    <message>
        <source>Guardar el cambio y volver a la revisión</source>
        <translation>Keep the change and go back to the review</translation>
    </message>
    <message>
        <source>◀ Cancelar cambio</source>
        <translation>◀ Cancel change</translation>
    </message>
    <message>
        <source>Volver a la revisión</source>
        <translation>Back to the review</translation>
    </message>
    <message>
        <source>Siguiente ▶</source>
        <translation>Next ▶</translation>
    </message>
    <message>
        <source>Revisar ▶</source>
        <translation>Review ▶</translation>
    </message>
    <message>
        <source>Ir a la siguiente pregunta</source>
        <translation>Go to the next question</translation>
    </message>
    <message>
        <source>Revisar todas las respuestas</source>
        <translation>Review all the answers</translation>
    </message>
    <message>
        <source>◀ Atrás</source>
        <translation>◀ Back</translation>
    </message>
    <message>
        <source>Volver a la pregunta anterior</source>
        <translation>Back to the previous question</translation>
    </message>
    <message>
        <source>Leer en voz alta</source>
        <translation>Read aloud</translation>
    </message>
    <message>
        <source>Leer la pregunta en voz alta</source>
        <translation>Read the question aloud</translation>
    </message>
    <message>
        <source>Conecte su memoria USB y toque «Adjuntar archivo…». También puede entregar sus documentos después en mesa de partes.</source>
        <translation>Plug in your USB memory and touch &quot;Attach file…&quot;. You can also hand in your documents later at the front desk.</translation>
    </message>
</context>
<context>
    <name>ReceiptPage</name>
    <message>
        <source>Nuevo trámite</source>
        <translation>New request</translation>
    </message>
    <message>
        <source>Atender un nuevo trámite</source>
        <translation>Take a new request</translation>
    </message>
    <message>
        <source>Solicitud registrada: {0}</source>
        <translation>Request registered: {0}</translation>
    </message>
</context>
<context>
    <name>ReceiptPreviewDialog</name>
    <message>
        <source>Cargo de recepción {0}</source>
        <translation>Receipt of filing {0}</translation>
    </message>
</context>
<context>
    <name>ReceiptScreen</name>
    <message>
        <source>Su cargo de recepción, como se imprime</source>
        <translation>Your receipt, as printed</translation>
    </message>
    <message>
        <source>Retire su cargo impreso de la ranura de la impresora.</source>
        <translation>Take your printed receipt from the printer slot.</translation>
    </message>
    <message>
        <source>No se pudo imprimir el cargo. Anote su número de registro o tome una foto de la pantalla.</source>
        <translation>The receipt could not be printed. Write down your registration number or take a photo of the screen.</translation>
    </message>
    <message>
        <source>Su solicitud fue registrada</source>
        <translation>Your request was registered</translation>
    </message>
    <message>
        <source>Su número de registro es:</source>
        <translation>Your registration number is:</translation>
    </message>
    <message>
        <source>Número de registro: {0}</source>
        <translation>Registration number: {0}</translation>
    </message>
    <message>
        <source>Trámite: {0}. Fecha límite de respuesta: {1}.</source>
        <translation>Procedure: {0}. Answer due by: {1}.</translation>
    </message>
    <message>
        <source>Trámite: {0}.</source>
        <translation>Procedure: {0}.</translation>
    </message>
    <message>
        <source>Guarde su cargo. Con el número de registro puede consultar su trámite en este quiosco o en mesa de partes.</source>
        <translation>Keep your receipt. With the registration number you can check your request at this kiosk or at the front desk.</translation>
    </message>
    <message>
        <source>Imprimir otra vez</source>
        <translation>Print again</translation>
    </message>
    <message>
        <source>Imprimir el cargo otra vez</source>
        <translation>Print the receipt again</translation>
    </message>
    <message>
        <source>Terminar</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>Terminar y borrar mis datos de la pantalla</source>
        <translation>Finish and erase my data from the screen</translation>
    </message>
</context>
<context>
    <name>ReceiptView</name>
    <message>
        <source>Vista del cargo de recepción</source>
        <translation>View of the receipt</translation>
    </message>
    <message>
        <source>Imprimir ticket (80 mm)</source>
        <translation>Print ticket (80 mm)</translation>
    </message>
    <message>
        <source>Imprimir en A4</source>
        <translation>Print on A4</translation>
    </message>
    <message>
        <source>Vista previa de impresión…</source>
        <translation>Print preview…</translation>
    </message>
    <message>
        <source>Guardar PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <source>Imprimir cargo</source>
        <translation>Print receipt</translation>
    </message>
    <message>
        <source>Vista previa del cargo</source>
        <translation>Receipt preview</translation>
    </message>
    <message>
        <source>Guardar cargo en PDF</source>
        <translation>Save receipt as PDF</translation>
    </message>
</context>
<context>
    <name>RepeatEditor</name>
    <message>
        <source>Agregar: {0}</source>
        <translation>Add: {0}</translation>
    </message>
    <message>
        <source>Quitar: {0}</source>
        <translation>Remove: {0}</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Lea los datos al ciudadano y confirme que son correctos antes de guardar.</source>
        <translation>Read the data to the citizen and confirm they are right before saving.</translation>
    </message>
    <message>
        <source>Datos a guardar</source>
        <translation>Data to save</translation>
    </message>
    <message>
        <source>Corregir</source>
        <translation>Correct</translation>
    </message>
    <message>
        <source>Guardar y emitir cargo</source>
        <translation>Save and issue receipt</translation>
    </message>
    <message>
        <source>Guardar la solicitud y emitir el cargo</source>
        <translation>Save the request and issue the receipt</translation>
    </message>
    <message>
        <source>Revisión: {0}</source>
        <translation>Review: {0}</translation>
    </message>
    <message>
        <source>Folios</source>
        <translation>Pages</translation>
    </message>
    <message>
        <source>Observaciones</source>
        <translation>Observations</translation>
    </message>
    <message>
        <source>Sin observaciones</source>
        <translation>No observations</translation>
    </message>
    <message>
        <source>Recibido por</source>
        <translation>Received by</translation>
    </message>
    <message>
        <source>Guardando…</source>
        <translation>Saving…</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <source>Cambiar</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Cambiar: {0}</source>
        <translation>Change: {0}</translation>
    </message>
    <message>
        <source>Revise sus respuestas</source>
        <translation>Check your answers</translation>
    </message>
    <message>
        <source>Si algo no está bien, toque «Cambiar». Cuando todo esté correcto, toque «Continuar».</source>
        <translation>If something is wrong, touch &quot;Change&quot;. When everything is right, touch &quot;Continue&quot;.</translation>
    </message>
    <message>
        <source>◀ Atrás</source>
        <translation>◀ Back</translation>
    </message>
    <message>
        <source>Volver a la última pregunta</source>
        <translation>Back to the last question</translation>
    </message>
    <message>
        <source>Continuar ▶</source>
        <translation>Continue ▶</translation>
    </message>
    <message>
        <source>Las respuestas están bien: continuar</source>
        <translation>The answers are right: continue</translation>
    </message>
</context>
<context>
    <name>ServiceChooser</name>
    <message>
        <source>Buscar trámite (nombre, oficina o requisito)</source>
        <translation>Search procedure (name, office or requirement)</translation>
    </message>
    <message>
        <source>Buscar trámite</source>
        <translation>Search procedure</translation>
    </message>
    <message>
        <source>Lista de trámites</source>
        <translation>List of procedures</translation>
    </message>
    <message>
        <source>Requisitos, costo y plazo del trámite</source>
        <translation>Requirements, cost and time limit of the procedure</translation>
    </message>
    <message>
        <source>Iniciar trámite</source>
        <translation>Start procedure</translation>
    </message>
    <message>
        <source>Iniciar el trámite elegido</source>
        <translation>Start the chosen procedure</translation>
    </message>
    <message>
        <source>Borradores guardados (se recuperan tras un corte de luz):</source>
        <translation>Saved drafts (recovered after a power cut):</translation>
    </message>
    <message>
        <source>Borradores guardados</source>
        <translation>Saved drafts</translation>
    </message>
    <message>
        <source>Continuar borrador</source>
        <translation>Continue draft</translation>
    </message>
    <message>
        <source>Descartar borrador</source>
        <translation>Discard draft</translation>
    </message>
    <message>
        <source>Trámite:</source>
        <translation>Procedure:</translation>
    </message>
    <message>
        <source>Costo</source>
        <translation>Cost</translation>
    </message>
    <message>
        <source>Plazo</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <source>Calificación</source>
        <translation>Evaluation type</translation>
    </message>
    <message>
        <source>Unidad</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Requisitos</source>
        <translation>Requirements</translation>
    </message>
    <message>
        <source>TUPA</source>
        <translation>TUPA</translation>
    </message>
</context>
<context>
    <name>ServiceInfoScreen</name>
    <message>
        <source>Qué necesita</source>
        <translation>What you need</translation>
    </message>
    <message>
        <source>Costo</source>
        <translation>Cost</translation>
    </message>
    <message>
        <source>Plazo de respuesta</source>
        <translation>Time to answer</translation>
    </message>
    <message>
        <source>Cómo se decide</source>
        <translation>How it is decided</translation>
    </message>
    <message>
        <source>Oficina que lo atiende</source>
        <translation>Office that handles it</translation>
    </message>
    <message>
        <source>Si tiene documentos escaneados en una memoria USB, podrá adjuntarlos. También puede entregarlos después en mesa de partes con su número de registro.</source>
        <translation>If you have scanned documents on a USB memory, you can attach them. You can also hand them in later at the front desk with your registration number.</translation>
    </message>
    <message>
        <source>◀ Volver</source>
        <translation>◀ Back</translation>
    </message>
    <message>
        <source>Volver a la lista de trámites</source>
        <translation>Back to the list of procedures</translation>
    </message>
    <message>
        <source>Empezar ▶</source>
        <translation>Start ▶</translation>
    </message>
    <message>
        <source>Empezar a llenar la solicitud</source>
        <translation>Start filling in the request</translation>
    </message>
</context>
<context>
    <name>ServiceText</name>
    <message>
        <source>Gratuito</source>
        <translation>Free</translation>
    </message>
    <message>
        <source>Solo el costo de las copias</source>
        <translation>Only the cost of the copies</translation>
    </message>
    <message>
        <source>Entre S/ {0} y S/ {1}</source>
        <translation>Between S/ {0} and S/ {1}</translation>
    </message>
    <message>
        <source>{0} días hábiles</source>
        <translation>{0} business days</translation>
    </message>
    <message>
        <source>Se envía a la oficina el mismo día</source>
        <translation>Sent to the office the same day</translation>
    </message>
    <message>
        <source>Presentar {0} días antes</source>
        <translation>File {0} days before</translation>
    </message>
    <message>
        <source>Sin plazo</source>
        <translation>No time limit</translation>
    </message>
    <message>
        <source>Aprobación automática</source>
        <translation>Automatic approval</translation>
    </message>
    <message>
        <source>Evaluación previa; si no le responden a tiempo, se considera aprobado</source>
        <translation>Prior evaluation; if you get no answer in time, it counts as approved</translation>
    </message>
    <message>
        <source>Evaluación previa; si no le responden a tiempo, se considera denegado</source>
        <translation>Prior evaluation; if you get no answer in time, it counts as rejected</translation>
    </message>
    <message>
        <source>No aplica</source>
        <translation>Not applicable</translation>
    </message>
</context>
<context>
    <name>ServicesScreen</name>
    <message>
        <source>Página {0} de {1}</source>
        <translation>Page {0} of {1}</translation>
    </message>
    <message>
        <source>¿Qué trámite desea presentar?</source>
        <translation>Which request would you like to file?</translation>
    </message>
    <message>
        <source>Toque el trámite. Antes de empezar verá qué necesita, el costo y el plazo.</source>
        <translation>Touch the procedure. Before you start you will see what you need, the cost and the time limit.</translation>
    </message>
    <message>
        <source>Costo: {0} · Plazo: {1}</source>
        <translation>Cost: {0} · Time limit: {1}</translation>
    </message>
    <message>
        <source>◀ Inicio</source>
        <translation>◀ Start</translation>
    </message>
    <message>
        <source>Volver al inicio</source>
        <translation>Back to the start</translation>
    </message>
    <message>
        <source>◀ Anteriores</source>
        <translation>◀ Previous</translation>
    </message>
    <message>
        <source>Ver los trámites anteriores</source>
        <translation>See the previous procedures</translation>
    </message>
    <message>
        <source>Más trámites ▶</source>
        <translation>More procedures ▶</translation>
    </message>
    <message>
        <source>Ver más trámites</source>
        <translation>See more procedures</translation>
    </message>
</context>
<context>
    <name>StaffMenuScreen</name>
    <message>
        <source>Personal</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>Salir del modo quiosco</source>
        <translation>Leave kiosk mode</translation>
    </message>
    <message>
        <source>Cambiar el PIN del personal</source>
        <translation>Change the staff PIN</translation>
    </message>
    <message>
        <source>Volver al quiosco</source>
        <translation>Back to the kiosk</translation>
    </message>
</context>
<context>
    <name>StatusScreen</name>
    <message>
        <source>Este quiosco todavía no se ha sincronizado con la municipalidad.</source>
        <translation>This kiosk has not synchronised with the municipality yet.</translation>
    </message>
    <message>
        <source>Última sincronización: {0}</source>
        <translation>Last synchronised: {0}</translation>
    </message>
    <message>
        <source>Escriba los {0} últimos dígitos de su documento.</source>
        <translation>Enter the last {0} digits of your ID document.</translation>
    </message>
    <message>
        <source>Demasiados intentos. Espere {0} segundos y vuelva a intentar.</source>
        <translation>Too many attempts. Wait {0} seconds and try again.</translation>
    </message>
    <message>
        <source>Buscando…</source>
        <translation>Looking up…</translation>
    </message>
    <message>
        <source>en la posición {0} quizá quiso escribir «{1}»</source>
        <translation>at position {0} you may have meant &quot;{1}&quot;</translation>
    </message>
    <message>
        <source>¿Quiso decir {0}?</source>
        <translation>Did you mean {0}?</translation>
    </message>
    <message>
        <source>Usar el código {0}</source>
        <translation>Use the code {0}</translation>
    </message>
    <message>
        <source>Estado: registrado en este quiosco</source>
        <translation>Status: registered at this kiosk</translation>
    </message>
    <message>
        <source>Su solicitud aún no se ha enviado a la municipalidad; se enviará cuando haya conexión.</source>
        <translation>Your request has not been sent to the municipality yet; it will be sent when there is a connection.</translation>
    </message>
    <message>
        <source>La municipalidad recibió su solicitud y pronto la revisará.</source>
        <translation>The municipality received your request and will review it soon.</translation>
    </message>
    <message>
        <source>Estado: {0}</source>
        <translation>Status: {0}</translation>
    </message>
    <message>
        <source>Presentado el {0}</source>
        <translation>Filed on {0}</translation>
    </message>
    <message>
        <source>Fecha límite de respuesta: {0}</source>
        <translation>Answer due by: {0}</translation>
    </message>
    <message>
        <source>Último cambio: {0}</source>
        <translation>Last change: {0}</translation>
    </message>
    <message>
        <source>Mensajes de la municipalidad para usted</source>
        <translation>Messages from the municipality for you</translation>
    </message>
    <message>
        <source>Información al {0}, la última vez que este quiosco se sincronizó.</source>
        <translation>Information as of {0}, the last time this kiosk synchronised.</translation>
    </message>
    <message>
        <source>Consultar mi trámite</source>
        <translation>Check my request</translation>
    </message>
    <message>
        <source>Número de registro</source>
        <translation>Registration number</translation>
    </message>
    <message>
        <source>Está en su cargo, debajo del código QR. También puede acercar el código QR al lector.</source>
        <translation>It is on your receipt, under the QR code. You can also hold the QR code to the reader.</translation>
    </message>
    <message>
        <source>Últimos {0} dígitos de su documento (DNI)</source>
        <translation>Last {0} digits of your ID document (DNI)</translation>
    </message>
    <message>
        <source>Consultar</source>
        <translation>Look up</translation>
    </message>
    <message>
        <source>Consultar el estado</source>
        <translation>Look up the status</translation>
    </message>
    <message>
        <source>◀ Inicio</source>
        <translation>◀ Start</translation>
    </message>
    <message>
        <source>Volver al inicio</source>
        <translation>Back to the start</translation>
    </message>
    <message>
        <source>Nueva consulta</source>
        <translation>New lookup</translation>
    </message>
    <message>
        <source>Borrar y hacer otra consulta</source>
        <translation>Clear and look up another</translation>
    </message>
</context>
<context>
    <name>SubmissionDialog</name>
    <message>
        <source>Solicitud {0}</source>
        <translation>Request {0}</translation>
    </message>
    <message>
        <source>Sincronización: {0} · Estado: {1}</source>
        <translation>Sync: {0} · Status: {1}</translation>
    </message>
    <message>
        <source>Datos de la solicitud</source>
        <translation>Request data</translation>
    </message>
    <message>
        <source>Datos</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Cargo (reimprimir)</source>
        <translation>Receipt (reprint)</translation>
    </message>
</context>
<context>
    <name>SubmissionsTableModel</name>
    <message>
        <source>Enviado</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Rechazado: {0}</source>
        <translation>Rejected: {0}</translation>
    </message>
    <message>
        <source>sin motivo</source>
        <translation>no reason given</translation>
    </message>
    <message>
        <source>Pendiente</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>N.º de registro</source>
        <translation>Registration no.</translation>
    </message>
    <message>
        <source>Trámite</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <source>Solicitante</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>Presentado</source>
        <translation>Filed</translation>
    </message>
    <message>
        <source>Vence</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Sincronización</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Estado</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>SubmissionsView</name>
    <message>
        <source>Buscar por N.º de registro, DNI o nombre</source>
        <translation>Search by registration no., DNI or name</translation>
    </message>
    <message>
        <source>Buscar solicitudes</source>
        <translation>Search requests</translation>
    </message>
    <message>
        <source>Solicitudes registradas en este equipo</source>
        <translation>Requests registered on this computer</translation>
    </message>
    <message>
        <source>Ver / reimprimir</source>
        <translation>View / reprint</translation>
    </message>
    <message>
        <source>Ver la solicitud elegida y reimprimir su cargo</source>
        <translation>View the chosen request and reprint its receipt</translation>
    </message>
    <message>
        <source>{0} solicitud(es); mostrando {1}.</source>
        <translation>{0} request(s); showing {1}.</translation>
    </message>
    <message>
        <source>Abriendo…</source>
        <translation>Opening…</translation>
    </message>
</context>
<context>
    <name>SurveyScreen</name>
    <message>
        <source>¿Cómo le atendimos?</source>
        <translation>How did we serve you?</translation>
    </message>
    <message>
        <source>Su opinión es anónima y nos ayuda a mejorar. Puede omitirla.</source>
        <translation>Your opinion is anonymous and helps us improve. You can skip it.</translation>
    </message>
    <message>
        <source>¡Gracias por su opinión!</source>
        <translation>Thank you for your opinion!</translation>
    </message>
    <message>
        <source>Omitir</source>
        <translation>Skip</translation>
    </message>
    <message>
        <source>Omitir la encuesta y terminar</source>
        <translation>Skip the survey and finish</translation>
    </message>
    <message>
        <source>Enviar opinión</source>
        <translation>Send opinion</translation>
    </message>
    <message>
        <source>Enviar mi opinión</source>
        <translation>Send my opinion</translation>
    </message>
    <message>
        <source>Elija una calificación, o toque «Omitir».</source>
        <translation>Choose a rating, or touch &quot;Skip&quot;.</translation>
    </message>
    <message>
        <source>Enviando…</source>
        <translation>Sending…</translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <source>Tambo · Quiosco</source>
        <translation>Tambo · Kiosk</translation>
    </message>
    <message>
        <source>Idioma de la pantalla</source>
        <translation>Screen language</translation>
    </message>
    <message>
        <source>A+ Letra grande</source>
        <translation>A+ Large text</translation>
    </message>
    <message>
        <source>Letra grande</source>
        <translation>Large text</translation>
    </message>
    <message>
        <source>◐ Contraste</source>
        <translation>◐ Contrast</translation>
    </message>
    <message>
        <source>Alto contraste</source>
        <translation>High contrast</translation>
    </message>
    <message>
        <source>✕ Terminar</source>
        <translation>✕ Finish</translation>
    </message>
    <message>
        <source>Terminar y borrar todo lo escrito</source>
        <translation>Finish and erase everything typed</translation>
    </message>
</context>
<context>
    <name>UbigeoEditor</name>
    <message>
        <source>— Departamento —</source>
        <translation>— Department —</translation>
    </message>
    <message>
        <source>— Provincia —</source>
        <translation>— Province —</translation>
    </message>
    <message>
        <source>— Distrito —</source>
        <translation>— District —</translation>
    </message>
    <message>
        <source>departamento</source>
        <translation>department</translation>
    </message>
    <message>
        <source>provincia</source>
        <translation>province</translation>
    </message>
    <message>
        <source>distrito</source>
        <translation>district</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Tambo — Abrir datos cifrados</source>
        <translation>Tambo — Open encrypted data</translation>
    </message>
    <message>
        <source>Primer uso: elija la clave del personal (mínimo {0} caracteres). Guárdela en lugar seguro.</source>
        <translation>First use: choose the staff passphrase (at least {0} characters). Keep it somewhere safe.</translation>
    </message>
    <message>
        <source>Escriba la clave del personal para abrir los datos de este equipo.</source>
        <translation>Enter the staff passphrase to open this computer&apos;s data.</translation>
    </message>
    <message>
        <source>Clave del personal</source>
        <translation>Staff passphrase</translation>
    </message>
    <message>
        <source>Repita la clave</source>
        <translation>Repeat the passphrase</translation>
    </message>
    <message>
        <source>Clave:</source>
        <translation>Passphrase:</translation>
    </message>
    <message>
        <source>Repita la clave:</source>
        <translation>Repeat the passphrase:</translation>
    </message>
    <message>
        <source>La clave debe tener al menos {0} caracteres.</source>
        <translation>The passphrase must have at least {0} characters.</translation>
    </message>
    <message>
        <source>Las dos claves no coinciden.</source>
        <translation>The two passphrases do not match.</translation>
    </message>
    <message>
        <source>Abriendo los datos cifrados…</source>
        <translation>Opening the encrypted data…</translation>
    </message>
</context>
<context>
    <name>UnlockScreen</name>
    <message>
        <source>Quiosco bloqueado</source>
        <translation>Kiosk locked</translation>
    </message>
    <message>
        <source>Primer uso: el personal elige la clave de los datos cifrados (mínimo {0} caracteres).</source>
        <translation>First use: staff choose the passphrase of the encrypted data (at least {0} characters).</translation>
    </message>
    <message>
        <source>Personal: escriba la clave del personal para abrir los datos de este quiosco.</source>
        <translation>Staff: enter the staff passphrase to open this kiosk&apos;s data.</translation>
    </message>
    <message>
        <source>Clave del personal</source>
        <translation>Staff passphrase</translation>
    </message>
    <message>
        <source>Repita la clave</source>
        <translation>Repeat the passphrase</translation>
    </message>
    <message>
        <source>Abrir</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Abrir los datos del quiosco</source>
        <translation>Open the kiosk&apos;s data</translation>
    </message>
    <message>
        <source>La clave debe tener al menos {0} caracteres.</source>
        <translation>The passphrase must have at least {0} characters.</translation>
    </message>
    <message>
        <source>Las dos claves no coinciden.</source>
        <translation>The two passphrases do not match.</translation>
    </message>
    <message>
        <source>Abriendo los datos cifrados…</source>
        <translation>Opening the encrypted data…</translation>
    </message>
</context>
<context>
    <name>WelcomeScreen</name>
    <message>
        <source>Bienvenida, bienvenido</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <source>¿Qué desea hacer?</source>
        <translation>What would you like to do?</translation>
    </message>
    <message>
        <source>Presentar una solicitud</source>
        <translation>File a request</translation>
    </message>
    <message>
        <source>Llene su trámite aquí y reciba su cargo con un número de registro.</source>
        <translation>Fill in your request here and get your receipt with a registration number.</translation>
    </message>
    <message>
        <source>Consultar mi trámite</source>
        <translation>Check my request</translation>
    </message>
    <message>
        <source>Con el número de registro de su cargo: vea cómo va su trámite.</source>
        <translation>With the registration number on your receipt: see how your request is going.</translation>
    </message>
    <message>
        <source>Calificar la atención</source>
        <translation>Rate the service</translation>
    </message>
    <message>
        <source>Una pregunta rápida y anónima sobre cómo le atendimos.</source>
        <translation>A quick, anonymous question about how we served you.</translation>
    </message>
    <message>
        <source>Toque una opción. Puede cambiar el idioma y el tamaño de la letra arriba.</source>
        <translation>Touch an option. You can change the language and the text size at the top.</translation>
    </message>
</context>
<context>
    <name>attachments</name>
    <message>
        <source>El archivo no existe o no se puede leer.</source>
        <translation>The file does not exist or cannot be read.</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>Este dato es obligatorio.</source>
        <extracomment>code -&gt; the Spanish message of ``shared.errors`` (the Qt source text). Only what people meet in the UI.</extracomment>
        <translation>This field is required.</translation>
    </message>
    <message>
        <source>El valor no cumple la condición del formulario.</source>
        <translation>The value breaks a rule of the form.</translation>
    </message>
    <message>
        <source>Tipo de dato incorrecto: se esperaba {expected}.</source>
        <translation>Wrong type: expected {expected}.</translation>
    </message>
    <message>
        <source>Escriba un número válido.</source>
        <translation>Enter a valid number.</translation>
    </message>
    <message>
        <source>Escriba un número entero, sin decimales.</source>
        <translation>Enter a whole number.</translation>
    </message>
    <message>
        <source>El valor debe estar entre {min} y {max}.</source>
        <translation>The value must be between {min} and {max}.</translation>
    </message>
    <message>
        <source>El texto es demasiado largo (máximo {max} caracteres).</source>
        <translation>The text is too long (at most {max} characters).</translation>
    </message>
    <message>
        <source>El texto es demasiado corto (mínimo {min} caracteres).</source>
        <translation>The text is too short (at least {min} characters).</translation>
    </message>
    <message>
        <source>Fecha inválida: use el formato AAAA-MM-DD.</source>
        <translation>Invalid date: use YYYY-MM-DD.</translation>
    </message>
    <message>
        <source>La opción «{value}» no está en la lista.</source>
        <translation>The option &apos;{value}&apos; is not in the list.</translation>
    </message>
    <message>
        <source>Correo electrónico inválido.</source>
        <translation>Invalid e-mail address.</translation>
    </message>
    <message>
        <source>Teléfono inválido: un celular tiene 9 dígitos y empieza con 9; un fijo lleva código de área.</source>
        <translation>Invalid phone: a mobile has 9 digits and starts with 9; a landline has an area code.</translation>
    </message>
    <message>
        <source>DNI inválido: debe tener 8 dígitos (y opcionalmente el dígito de verificación).</source>
        <translation>Invalid DNI: it must have 8 digits (and optionally the check digit).</translation>
    </message>
    <message>
        <source>El dígito de verificación del DNI no corresponde: revise el número.</source>
        <translation>The DNI&apos;s check digit does not match: check the number.</translation>
    </message>
    <message>
        <source>RUC inválido: debe tener 11 dígitos y empezar con 10, 15, 16, 17 o 20.</source>
        <translation>Invalid RUC: it must have 11 digits and start with 10, 15, 16, 17 or 20.</translation>
    </message>
    <message>
        <source>El dígito verificador del RUC no corresponde: revise el número.</source>
        <translation>The RUC&apos;s check digit does not match: check the number.</translation>
    </message>
    <message>
        <source>Carné de extranjería inválido: de 9 a 12 letras o dígitos.</source>
        <translation>Invalid foreigner&apos;s ID card: 9 to 12 letters or digits.</translation>
    </message>
    <message>
        <source>Ubicación inválida: elija departamento, provincia y distrito de la lista.</source>
        <translation>Invalid location: choose department, province and district from the list.</translation>
    </message>
    <message>
        <source>Tipo de archivo no permitido ({media_type}). Se aceptan: {allowed}.</source>
        <translation>File type not allowed ({media_type}). Accepted: {allowed}.</translation>
    </message>
    <message>
        <source>El archivo pesa {size_mb} MB; el máximo es {max_mb} MB.</source>
        <translation>The file is {size_mb} MB; the maximum is {max_mb} MB.</translation>
    </message>
    <message>
        <source>Adjunte como máximo {max} archivos.</source>
        <translation>Attach at most {max} files.</translation>
    </message>
    <message>
        <source>Debe registrar entre {min} y {max} elementos.</source>
        <translation>Enter between {min} and {max} items.</translation>
    </message>
    <message>
        <source>El formulario no tiene el campo «{name}».</source>
        <translation>The form has no field &quot;{name}&quot;.</translation>
    </message>
    <message>
        <source>Este dato se calcula solo y no se puede escribir.</source>
        <translation>This value is calculated and cannot be typed.</translation>
    </message>
    <message>
        <source>El código de seguimiento tiene la forma XXXX-XXXXX-X (10 letras o dígitos).</source>
        <translation>A tracking code looks like XXXX-XXXXX-X (10 letters or digits).</translation>
    </message>
    <message>
        <source>El carácter «{char}» en la posición {position} no se usa en los códigos.</source>
        <translation>The character &apos;{char}&apos; at position {position} is not used in codes.</translation>
    </message>
    <message>
        <source>El código no es válido: revise que no falte ni se haya cambiado ningún carácter.</source>
        <translation>The code is not valid: check for a missing or swapped character.</translation>
    </message>
    <message>
        <source>La solicitud tiene {count} datos inválidos.</source>
        <translation>The request has {count} invalid answers.</translation>
    </message>
    <message>
        <source>No hay espacio en el disco. Libere espacio: no se perdió ningún dato guardado.</source>
        <translation>The disk is full. Free some space: no saved data was lost.</translation>
    </message>
    <message>
        <source>Este equipo aún no está registrado en una institución: regístrelo con «tambo enroll» (código del coordinador o archivo de registro).</source>
        <translation>This device is not registered with an institution yet: register it with &apos;tambo enroll&apos; (a coordinator&apos;s code or enrollment file).</translation>
    </message>
    <message>
        <source>No encontramos un trámite con ese código y esos dígitos del documento. Revise ambos datos.</source>
        <translation>No request matches that code and those ID digits. Check both.</translation>
    </message>
</context>
<context>
    <name>excepthook</name>
    <message>
        <source>Error inesperado</source>
        <translation>Unexpected error</translation>
    </message>
</context>
<context>
    <name>receipt</name>
    <message>
        <source>Tiene 2 días hábiles para completar lo observado; mientras tanto, el plazo queda suspendido. Si no lo completa, la solicitud se tendrá por no presentada (Ley 27444, art. 136).</source>
        <translation>You have 2 business days to complete what was observed; meanwhile, the time limit is suspended. If you do not complete it, the request will be deemed not filed (Ley 27444, art. 136).</translation>
    </message>
    <message>
        <source>N.º de registro</source>
        <translation>Registration no.</translation>
    </message>
    <message>
        <source>Fecha y hora de presentación</source>
        <translation>Date and time of filing</translation>
    </message>
    <message>
        <source>Fecha oficial de presentación</source>
        <translation>Official filing date</translation>
    </message>
    <message>
        <source>(fuera de horario o día no hábil)</source>
        <translation>(outside office hours or on a non-working day)</translation>
    </message>
    <message>
        <source>TUPA</source>
        <translation>TUPA</translation>
    </message>
    <message>
        <source>Trámite</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <source>Calificación</source>
        <translation>Evaluation type</translation>
    </message>
    <message>
        <source>Plazo máximo</source>
        <translation>Maximum time limit</translation>
    </message>
    <message>
        <source>Fecha de vencimiento</source>
        <translation>Due date</translation>
    </message>
    <message>
        <source>Solicitante</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>Documento</source>
        <translation>ID document</translation>
    </message>
    <message>
        <source>Contacto para notificaciones</source>
        <translation>Contact for notifications</translation>
    </message>
    <message>
        <source>Folios</source>
        <translation>Pages</translation>
    </message>
    <message>
        <source>Documentos adjuntos</source>
        <translation>Attached documents</translation>
    </message>
    <message>
        <source>Ninguno</source>
        <translation>None</translation>
    </message>
    <message>
        <source>Derecho de trámite</source>
        <translation>Fee</translation>
    </message>
    <message>
        <source>Recibo de pago N.º</source>
        <translation>Payment receipt no.</translation>
    </message>
    <message>
        <source>Sin observaciones</source>
        <translation>No observations</translation>
    </message>
    <message>
        <source>Observaciones</source>
        <translation>Observations</translation>
    </message>
    <message>
        <source>Recibido por</source>
        <translation>Received by</translation>
    </message>
    <message>
        <source>Registrado sin conexión: pendiente de sincronización.</source>
        <translation>Registered offline: pending synchronisation.</translation>
    </message>
    <message>
        <source>CARGO DE RECEPCIÓN</source>
        <translation>RECEIPT OF FILING</translation>
    </message>
    <message>
        <source>Código de integridad</source>
        <translation>Integrity code</translation>
    </message>
    <message>
        <source>Consulte el estado de su trámite con su número de registro.</source>
        <translation>Check the status of your request with your registration number.</translation>
    </message>
</context>
<context>
    <name>review</name>
    <message>
        <source>{0} (n.º {1})</source>
        <translation>{0} (no. {1})</translation>
    </message>
    <message>
        <source>Sí</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>sync</name>
    <message>
        <source>Registrar este equipo</source>
        <translation>Register this device</translation>
    </message>
    <message>
        <source>Escriba la dirección del servidor y el código de registro que le dio su coordinador (tambo-server device add). El código sirve una sola vez.</source>
        <translation>Enter the server address and the enrollment code your coordinator gave you (tambo-server device add). The code works only once.</translation>
    </message>
    <message>
        <source>Dirección del servidor</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>Código de registro</source>
        <translation>Enrollment code</translation>
    </message>
    <message>
        <source>p. ej. Mesa de partes 1</source>
        <translation>e.g. Front desk 1</translation>
    </message>
    <message>
        <source>Nombre de este equipo</source>
        <translation>Name of this device</translation>
    </message>
    <message>
        <source>Oficina o sede que se imprime en los cargos</source>
        <translation>Office or branch printed on the receipts</translation>
    </message>
    <message>
        <source>&amp;Servidor:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>&amp;Código:</source>
        <translation>&amp;Code:</translation>
    </message>
    <message>
        <source>&amp;Nombre del equipo:</source>
        <translation>Device &amp;name:</translation>
    </message>
    <message>
        <source>&amp;Oficina:</source>
        <translation>&amp;Office:</translation>
    </message>
    <message>
        <source>Registrar</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>Usar archivo de registro…</source>
        <translation>Use enrollment file…</translation>
    </message>
    <message>
        <source>Cancelar</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Escriba la dirección del servidor y el código de registro.</source>
        <translation>Enter the server address and the enrollment code.</translation>
    </message>
    <message>
        <source>Registrando…</source>
        <translation>Registering…</translation>
    </message>
    <message>
        <source>Archivo de registro</source>
        <translation>Enrollment file</translation>
    </message>
    <message>
        <source>Registro de Tambo (*.json)</source>
        <translation>Tambo enrollment (*.json)</translation>
    </message>
    <message>
        <source>Equipo registrado en {0}.</source>
        <translation>Device registered with {0}.</translation>
    </message>
    <message>
        <source>Sincronización: {0}</source>
        <translation>Sync: {0}</translation>
    </message>
    <message>
        <source>Sincronización</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Estado:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Cola:</source>
        <translation>Queue:</translation>
    </message>
    <message>
        <source>Servidor:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <source>Última sincronización:</source>
        <translation>Last sync:</translation>
    </message>
    <message>
        <source>Próxima sincronización:</source>
        <translation>Next sync:</translation>
    </message>
    <message>
        <source>Sin actividad</source>
        <translation>Idle</translation>
    </message>
    <message>
        <source>%v de %m solicitudes</source>
        <translation>%v of %m requests</translation>
    </message>
    <message>
        <source>Solicitudes enviadas</source>
        <translation>Requests sent</translation>
    </message>
    <message>
        <source>Archivo adjunto en camino</source>
        <translation>Attachment being sent</translation>
    </message>
    <message>
        <source>N.º de registro</source>
        <translation>Registration no.</translation>
    </message>
    <message>
        <source>Trámite</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <source>Situación</source>
        <translation>Situation</translation>
    </message>
    <message>
        <source>Motivo</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Solicitudes con problemas de envío</source>
        <translation>Requests that could not be sent</translation>
    </message>
    <message>
        <source>Ninguna solicitud con problemas.</source>
        <translation>No requests with problems.</translation>
    </message>
    <message>
        <source>Sincronizar ahora</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>Sincronizar ahora con el servidor</source>
        <translation>Sync with the server now</translation>
    </message>
    <message>
        <source>Registrar equipo…</source>
        <translation>Register device…</translation>
    </message>
    <message>
        <source>Cerrar</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Solicitudes con problemas:</source>
        <translation>Requests with problems:</translation>
    </message>
    <message>
        <source>ninguno</source>
        <translation>none</translation>
    </message>
    <message>
        <source>Adjunto: {0} de {1} (en total {2} de {3})</source>
        <translation>Attachment: {0} of {1} ({2} of {3} in total)</translation>
    </message>
    <message>
        <source>Rechazada por el servidor</source>
        <translation>Refused by the server</translation>
    </message>
    <message>
        <source>No se pudo enviar</source>
        <translation>Could not be sent</translation>
    </message>
    <message>
        <source>Conectando con el servidor</source>
        <extracomment>The phases&apos; Spanish names (the terminal&apos;s are in desktop.sync.progress, which imports no Qt).</extracomment>
        <translation>Connecting to the server</translation>
    </message>
    <message>
        <source>Sincronizando…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <source>En línea</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Sin conexión</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Equipo dado de baja</source>
        <translation>Device revoked</translation>
    </message>
    <message>
        <source>Equipo sin registrar</source>
        <translation>Device not registered</translation>
    </message>
    <message>
        <source>Sin servidor</source>
        <translation>No server</translation>
    </message>
    <message>
        <source>El servidor rechaza este equipo</source>
        <translation>The server refuses this device</translation>
    </message>
    <message>
        <source>Conectando…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>nunca</source>
        <translation>never</translation>
    </message>
    <message>
        <source>hoy {0}</source>
        <translation>today {0}</translation>
    </message>
    <message>
        <source>ayer {0}</source>
        <translation>yesterday {0}</translation>
    </message>
    <message>
        <source>{0} por enviar</source>
        <translation>{0} to send</translation>
    </message>
    <message>
        <source>{0} rechazadas</source>
        <translation>{0} refused</translation>
    </message>
    <message>
        <source>Última sincronización: {0}</source>
        <translation>Last sync: {0}</translation>
    </message>
    <message>
        <source>Servidor: {0}</source>
        <translation>Server: {0}</translation>
    </message>
    <message>
        <source>Próximo intento: {0}</source>
        <translation>Next attempt: {0}</translation>
    </message>
    <message>
        <source>Clic para ver la sincronización</source>
        <translation>Click to see the sync details</translation>
    </message>
    <message>
        <source>Registrando el equipo</source>
        <translation>Registering the device</translation>
    </message>
    <message>
        <source>Enviando archivos adjuntos</source>
        <translation>Sending attachments</translation>
    </message>
    <message>
        <source>Enviando solicitudes</source>
        <translation>Sending requests</translation>
    </message>
    <message>
        <source>Recibiendo novedades</source>
        <translation>Receiving updates</translation>
    </message>
    <message>
        <source>Comprobando con el servidor</source>
        <translation>Checking with the server</translation>
    </message>
    <message>
        <source>Sincronización terminada</source>
        <translation>Sync finished</translation>
    </message>
    <message>
        <source>&amp;Sincronización</source>
        <translation>S&amp;ync</translation>
    </message>
    <message>
        <source>Sincronizar &amp;ahora</source>
        <translation>Sync &amp;now</translation>
    </message>
    <message>
        <source>&amp;Ver sincronización…</source>
        <translation>&amp;View sync…</translation>
    </message>
    <message>
        <source>&amp;Registrar equipo…</source>
        <translation>&amp;Register device…</translation>
    </message>
</context>
<context>
    <name>tasks</name>
    <message>
        <source>Ocurrió un error inesperado. Se guardó el detalle en el registro; intente de nuevo.</source>
        <extracomment>How long an operation may run before a progress dialog appears (short ones never flash one).</extracomment>
        <translation>An unexpected error occurred. The details were logged; please try again.</translation>
    </message>
    <message>
        <source>No se pudo completar</source>
        <translation>Could not be completed</translation>
    </message>
    <message>
        <source>Trabajando…</source>
        <translation>Working…</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <source>⚠ Equipo sin registrar: no se pueden guardar solicitudes. Regístrelo con «tambo enroll».</source>
        <translation>⚠ Device not registered: requests cannot be saved. Register it with &quot;tambo enroll&quot;.</translation>
    </message>
</context>
</TS>
