<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="qu_PE" sourcelanguage="es">
<context>
    <name>AttachmentEditor</name>
    <message>
        <source>Arrastre aquí los archivos o use «Adjuntar archivo…».</source>
        <translation type="unfinished">Kayman archivokunata aysamuy utaq «Archivota yapay…» nisqata llamk&apos;achiy.</translation>
    </message>
    <message>
        <source>Adjuntar archivo…</source>
        <translation type="unfinished">Archivota yapay…</translation>
    </message>
    <message>
        <source>Quitar archivo</source>
        <translation type="unfinished">Archivota qichuy</translation>
    </message>
    <message>
        <source>Elegir archivos</source>
        <translation type="unfinished">Archivokunata akllay</translation>
    </message>
    <message>
        <source>Documentos ({0})</source>
        <translation type="unfinished">Qillqakuna ({0})</translation>
    </message>
    <message>
        <source>calculando…</source>
        <translation type="unfinished">yupashan…</translation>
    </message>
    <message>
        <source>{0}: adjuntar archivo</source>
        <translation type="unfinished">{0}: archivota yapay</translation>
    </message>
    <message>
        <source>{0}: archivos adjuntos</source>
        <translation type="unfinished">{0}: yapasqa archivokuna</translation>
    </message>
    <message>
        <source>{0}: quitar archivo</source>
        <translation type="unfinished">{0}: archivota qichuy</translation>
    </message>
</context>
<context>
    <name>CapturePage</name>
    <message>
        <source>Costo: {0} · Plazo: {1} · Calificación: {2}</source>
        <extracomment>The key under which a draft keeps what is not an answer (files, folios, checklist, notes).</extracomment>
        <translation type="unfinished">Chanin: {0} · Plazo: {1} · Imayna qhawarisqa: {2}</translation>
    </message>
    <message>
        <source>Recepción en mesa de partes</source>
        <translation type="unfinished">Mesa de partespi chaskiy</translation>
    </message>
    <message>
        <source>Número de folios (obligatorio)</source>
        <translation type="unfinished">Raphikunapa yupaynin (necesariom)</translation>
    </message>
    <message>
        <source>Número de folios *</source>
        <translation type="unfinished">Raphikunapa yupaynin *</translation>
    </message>
    <message>
        <source>Requisitos presentados (desmarque los que faltan):</source>
        <translation type="unfinished">Haykuchisqa requisitokuna (pisiqkunata ama marcaychu):</translation>
    </message>
    <message>
        <source>Presentó: {0}</source>
        <translation type="unfinished">Haykuchirqan: {0}</translation>
    </message>
    <message>
        <source>Otras observaciones (opcional):</source>
        <translation type="unfinished">Huk qhawarisqakuna (munaspaqa):</translation>
    </message>
    <message>
        <source>Otras observaciones</source>
        <translation type="unfinished">Huk qhawarisqakuna</translation>
    </message>
    <message>
        <source>Cancelar</source>
        <translation type="unfinished">Saqiy</translation>
    </message>
    <message>
        <source>Revisar</source>
        <translation type="unfinished">Qhawariy</translation>
    </message>
    <message>
        <source>Revisar antes de guardar</source>
        <translation type="unfinished">Manaraq waqaychaspa qhawariy</translation>
    </message>
    <message>
        <source>Indique cuántos folios (páginas) entrega.</source>
        <translation type="unfinished">Hayk&apos;a raphikunata quwasqaykita niy.</translation>
    </message>
    <message>
        <source>Espere: se están leyendo los archivos adjuntos…</source>
        <translation type="unfinished">Suyay: yapasqa archivokunata ñawinchashan…</translation>
    </message>
    <message>
        <source>Hay {0} dato(s) por corregir.</source>
        <translation type="unfinished">{0} willakuykunata allichanayki.</translation>
    </message>
    <message>
        <source>Falta: {0}</source>
        <translation type="unfinished">Pisin: {0}</translation>
    </message>
</context>
<context>
    <name>ChoiceButtonsEditor</name>
    <message>
        <source>Sí</source>
        <translation type="unfinished">Arí</translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished">Manan</translation>
    </message>
</context>
<context>
    <name>ClerkWindow</name>
    <message>
        <source>Tambo — Mesa de partes</source>
        <translation type="unfinished">Tambo — Mesa de partes</translation>
    </message>
    <message>
        <source>Nuevo trámite</source>
        <translation type="unfinished">Musuq trámite</translation>
    </message>
    <message>
        <source>Registrados</source>
        <translation type="unfinished">Qillqasqakuna</translation>
    </message>
    <message>
        <source>Servidor: {0}</source>
        <translation type="unfinished">Servidor: {0}</translation>
    </message>
    <message>
        <source>Trabajando sin conexión</source>
        <translation type="unfinished">Mana conexionniyuq llamk&apos;ashan</translation>
    </message>
    <message>
        <source>Atiende: {0} · {1}</source>
        <translation type="unfinished">Atiendishan: {0} · {1}</translation>
    </message>
    <message>
        <source>Este borrador es de un formulario que ya no está disponible.</source>
        <translation type="unfinished">Kay borradorqa manaña kaq formulariopam.</translation>
    </message>
    <message>
        <source>No se pudo guardar el borrador: {0}</source>
        <translation type="unfinished">Borradorta manam waqaychayta atikunchu: {0}</translation>
    </message>
    <message>
        <source>Guardando la solicitud…</source>
        <translation type="unfinished">Mañakuyta waqaychashan…</translation>
    </message>
    <message>
        <source>Guardado: {0}</source>
        <translation type="unfinished">Waqaychasqa: {0}</translation>
    </message>
</context>
<context>
    <name>ComboEditor</name>
    <message>
        <source>— Elija una opción —</source>
        <translation type="unfinished">— Hukta akllay —</translation>
    </message>
</context>
<context>
    <name>ConsentScreen</name>
    <message>
        <source>La municipalidad</source>
        <translation type="unfinished">Municipalidad</translation>
    </message>
    <message>
        <source>Protección de sus datos personales</source>
        <translation type="unfinished">Willakuyniykikunata amachay</translation>
    </message>
    <message>
        <source>{0} es responsable de los datos que usted escribió. Los usará solo para atender esta solicitud y para comunicarse con usted sobre ella.

Se guardan cifrados en el banco de datos de solicitudes y trámites de la institución. Solo los ve el personal que atiende su solicitud.

Puede pedir en cualquier momento ver sus datos, corregirlos, cancelarlos u oponerse a su uso (derechos ARCO) en mesa de partes.

Ley N.º 29733, Ley de Protección de Datos Personales, y su reglamento.</source>
        <translation type="unfinished">{0} qillqasqayki willakuykunamanta kamachikuq. Kay mañakuyta atiendinanpaq, chaymanta qamwan rimanakunanpaqllam llamk&apos;achinqa.

Institucionpa mañakuykuna, trámitekuna banco de datosninpi pakasqa waqaychakun. Mañakuyniykita atiendiq llamk&apos;aqkunallam rikunku.

May pachapas mesa de partespi mañakuyta atinki willakuyniykikunata rikuyta, allichayta, pichayta utaq mana llamk&apos;achinankuta (ARCO derechokuna).

Ley N.º 29733, Willakuykunata Amachana Kamachikuy, reglamentonpas.</translation>
    </message>
    <message>
        <source>He leído este aviso y acepto</source>
        <translation type="unfinished">Kay willakuyta ñawinchaniñam, chaskinim</translation>
    </message>
    <message>
        <source>Sin su aceptación no podemos registrar la solicitud en este quiosco, y no hemos guardado nada de lo que escribió. Puede presentarla en mesa de partes.</source>
        <translation type="unfinished">Mana chaskiptiykiqa, kay quioscopi mañakuyta manam qillqayta atiykuchu, qillqasqaykimanta manam imatapas waqaychaykuchu. Mesa de partespi haykuchiyta atinki.</translation>
    </message>
    <message>
        <source>◀ Atrás</source>
        <translation type="unfinished">◀ Qhipaman</translation>
    </message>
    <message>
        <source>Volver a la revisión</source>
        <translation type="unfinished">Qhawarinaman kutiy</translation>
    </message>
    <message>
        <source>No acepto</source>
        <translation type="unfinished">Manam chaskinichu</translation>
    </message>
    <message>
        <source>No acepto: terminar sin guardar</source>
        <translation type="unfinished">Manam chaskinichu: mana waqaychaspa tukuchiy</translation>
    </message>
    <message>
        <source>Enviar mi solicitud</source>
        <translation type="unfinished">Mañakuyniyta apachiy</translation>
    </message>
    <message>
        <source>Guardar la solicitud y recibir el cargo</source>
        <translation type="unfinished">Mañakuyta waqaychay, cargota chaskiy</translation>
    </message>
    <message>
        <source>Primero marque «He leído este aviso y acepto».</source>
        <translation type="unfinished">Ñawpaqta «Kay willakuyta ñawinchaniñam, chaskinim» nisqata marcay.</translation>
    </message>
    <message>
        <source>Terminar</source>
        <translation type="unfinished">Tukuchiy</translation>
    </message>
    <message>
        <source>Terminar sin guardar y volver al inicio</source>
        <translation type="unfinished">Mana waqaychaspa tukuchiy, qallariyman kutiy</translation>
    </message>
    <message>
        <source>Guardando su solicitud…</source>
        <translation type="unfinished">Mañakuyniykita waqaychashan…</translation>
    </message>
</context>
<context>
    <name>CoordinatorWindow</name>
    <message>
        <source>Tambo — Coordinación de sedes</source>
        <extracomment>How often the window tries to forward what it carries (it pings first: cheap when offline). Sites whose last visit is older than this many days are shown in amber.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cargando…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recoger paquetes de la memoria USB…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enviar al servidor ahora</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copiar acuses a la memoria USB…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sede</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Última visita</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Por enviar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enviadas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acuses por entregar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Último envío</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sedes: última visita, pendientes, enviadas y acuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paquetes de las sedes (no se pueden leer ni alterar)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exportar paquete de este equipo…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aplicar acuses…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Este equipo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} en {1} paquete(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sin visita hace {0} días o más</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} solicitud(es) de este equipo esperan confirmación del servidor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Elija la carpeta (la memoria USB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recogiendo…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recogidos: {0} paquete(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} ya se habían recogido.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enviando al servidor…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enviados {0} paquete(s): {1} solicitud(es) nuevas en el servidor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rechazado {0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lo demás se enviará después: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} acuse(s) copiados: llévelos a sus sedes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exportando…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paquete escrito en {0}: {1} solicitud(es), {2} adjunto(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No incluidas (falta un adjunto): {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} acuse(s) aplicados: {1} solicitud(es) confirmadas.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CountdownOverlay</name>
    <message>
        <source>¿Sigue ahí?</source>
        <translation type="unfinished">Kashankiraqchu?</translation>
    </message>
    <message>
        <source>Por su privacidad, borraremos lo que escribió y volveremos al inicio.</source>
        <translation type="unfinished">Qampa allinniykipaq, qillqasqaykita pichasaqku, qallariyman kutisaqku.</translation>
    </message>
    <message>
        <source>Sí, sigo aquí</source>
        <translation type="unfinished">Arí, kaypiraqmi kashani</translation>
    </message>
    <message>
        <source>Sí, sigo aquí: continuar</source>
        <translation type="unfinished">Arí, kaypiraqmi kashani: hinallataq</translation>
    </message>
    <message>
        <source>Terminar ahora</source>
        <translation type="unfinished">Kunan tukuchiy</translation>
    </message>
    <message>
        <source>Borrar todo y volver al inicio</source>
        <translation type="unfinished">Llapanta pichay, qallariyman kutiy</translation>
    </message>
    <message>
        <source>Quedan {0} segundos</source>
        <translation type="unfinished">{0} segundollaña puchun</translation>
    </message>
</context>
<context>
    <name>DateEditor</name>
    <message>
        <source>dd/mm/aaaa</source>
        <translation type="unfinished">dd/mm/aaaa</translation>
    </message>
    <message>
        <source>Hoy</source>
        <translation type="unfinished">Kunan</translation>
    </message>
    <message>
        <source>Borrar</source>
        <translation type="unfinished">Pichay</translation>
    </message>
    <message>
        <source>{0}: poner la fecha de hoy</source>
        <translation type="unfinished">{0}: kunan p&apos;unchawta churay</translation>
    </message>
    <message>
        <source>{0}: borrar la fecha</source>
        <translation type="unfinished">{0}: p&apos;unchawta pichay</translation>
    </message>
</context>
<context>
    <name>FieldRow</name>
    <message>
        <source> (obligatorio)</source>
        <extracomment>On touch screens (the kiosk) select_one shows up to this many choices as buttons, in two columns.</extracomment>
        <translation type="unfinished"> (necesariom)</translation>
    </message>
</context>
<context>
    <name>FilesScreen</name>
    <message>
        <source>Buscando archivos en su memoria USB…</source>
        <translation type="unfinished">Memoria USB-ykipi archivokunata maskashan…</translation>
    </message>
    <message>
        <source>Toque el archivo que desea adjuntar.</source>
        <translation type="unfinished">Yapayta munasqayki archivota llamiy.</translation>
    </message>
    <message>
        <source>No encontramos archivos en una memoria USB. Conéctela y toque «Buscar otra vez».</source>
        <translation type="unfinished">Memoria USB-pi manam archivokunata tarinchikchu. Churay, «Watiqmanta maskay» nisqata llamiy.</translation>
    </message>
    <message>
        <source>Adjuntar {0}</source>
        <translation type="unfinished">{0} yapay</translation>
    </message>
    <message>
        <source>Página {0} de {1}</source>
        <translation type="unfinished">{1} raphimanta {0} kaq</translation>
    </message>
    <message>
        <source>Adjuntar un archivo de su memoria USB</source>
        <translation type="unfinished">Memoria USB-ykimanta archivota yapay</translation>
    </message>
    <message>
        <source>◀ Anteriores</source>
        <translation type="unfinished">◀ Ñawpaqkuna</translation>
    </message>
    <message>
        <source>Ver los archivos anteriores</source>
        <translation type="unfinished">Ñawpaq archivokunata qhaway</translation>
    </message>
    <message>
        <source>Más archivos ▶</source>
        <translation type="unfinished">Aswan archivokuna ▶</translation>
    </message>
    <message>
        <source>Ver más archivos</source>
        <translation type="unfinished">Aswan archivokunata qhaway</translation>
    </message>
    <message>
        <source>Buscar otra vez</source>
        <translation type="unfinished">Watiqmanta maskay</translation>
    </message>
    <message>
        <source>Buscar archivos otra vez</source>
        <translation type="unfinished">Archivokunata watiqmanta maskay</translation>
    </message>
    <message>
        <source>◀ Volver a la pregunta</source>
        <translation type="unfinished">◀ Tapukuyman kutiy</translation>
    </message>
    <message>
        <source>Volver a la pregunta sin adjuntar</source>
        <translation type="unfinished">Mana yapaspa tapukuyman kutiy</translation>
    </message>
</context>
<context>
    <name>KeyboardDock</name>
    <message>
        <source>Teclado en pantalla</source>
        <translation type="unfinished">Pantallapi teclado</translation>
    </message>
</context>
<context>
    <name>KioskPrinter</name>
    <message>
        <source>No se encontró la impresora del quiosco.</source>
        <extracomment>where it went (printer name or PDF path), or why it did not</extracomment>
        <translation type="unfinished">Quioscopa impresoranta manam tarinchikchu.</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>Tambo — Quiosco</source>
        <translation type="unfinished">Tambo — Quiosco</translation>
    </message>
    <message>
        <source>✕ Terminar</source>
        <translation type="unfinished">✕ Tukuchiy</translation>
    </message>
    <message>
        <source>Terminar y borrar todo lo escrito</source>
        <translation type="unfinished">Tukuchiy, llapan qillqasqata pichay</translation>
    </message>
    <message>
        <source>Personal</source>
        <translation type="unfinished">Llamk&apos;aqkuna</translation>
    </message>
    <message>
        <source>Acceso del personal (pide el PIN)</source>
        <translation type="unfinished">Llamk&apos;aqkunapaq yaykuna (PIN-ta mañakun)</translation>
    </message>
    <message>
        <source>Traducción no revisada por un hablante nativo</source>
        <translation type="unfinished">Kay tikrayta manaraqmi runasimi rimaq qhawarinchu</translation>
    </message>
    <message>
        <source>✕ ¿Borrar todo? Toque otra vez</source>
        <translation type="unfinished">✕ Llapantachu pichasaq? Watiqmanta llamiy</translation>
    </message>
    <message>
        <source>Toque otra vez para borrar todo lo escrito y volver al inicio</source>
        <translation type="unfinished">Llapan qillqasqata pichanapaq, qallariyman kutinapaq watiqmanta llamiy</translation>
    </message>
</context>
<context>
    <name>LineEditor</name>
    <message>
        <source>8 dígitos</source>
        <extracomment>select_one fields with at most this many choices are shown as radio buttons.</extracomment>
        <translation type="unfinished">pusaq yupay</translation>
    </message>
</context>
<context>
    <name>NumericKeypad</name>
    <message>
        <source>Borrar el número anterior</source>
        <translation type="unfinished">Ñawpaq yupayta pichay</translation>
    </message>
    <message>
        <source>Listo ↵</source>
        <translation type="unfinished">Tukusqa ↵</translation>
    </message>
    <message>
        <source>Listo: pasar al siguiente dato</source>
        <translation type="unfinished">Tukusqa: qatiq willakuyman riy</translation>
    </message>
    <message>
        <source>ABC</source>
        <translation type="unfinished">ABC</translation>
    </message>
    <message>
        <source>Mostrar el teclado con letras</source>
        <translation type="unfinished">Qillqakunayuq tecladota rikuchiy</translation>
    </message>
    <message>
        <source>Punto decimal</source>
        <translation type="unfinished">Decimal punto</translation>
    </message>
</context>
<context>
    <name>OnScreenKeyboard</name>
    <message>
        <source>Borrar la letra anterior</source>
        <translation type="unfinished">Ñawpaq qillqata pichay</translation>
    </message>
    <message>
        <source>⇧ Mayús</source>
        <translation type="unfinished">⇧ Hatun</translation>
    </message>
    <message>
        <source>Mayúscula para la siguiente letra</source>
        <translation type="unfinished">Qatiq qillqapaq hatun qillqa</translation>
    </message>
    <message>
        <source>Espacio</source>
        <translation type="unfinished">Ch&apos;usaq</translation>
    </message>
    <message>
        <source>Mover a la izquierda</source>
        <translation type="unfinished">Lloq&apos;eman kuyuchiy</translation>
    </message>
    <message>
        <source>Mover a la derecha</source>
        <translation type="unfinished">Pañaman kuyuchiy</translation>
    </message>
    <message>
        <source>Listo ↵</source>
        <translation type="unfinished">Tukusqa ↵</translation>
    </message>
    <message>
        <source>Listo: pasar al siguiente dato</source>
        <translation type="unfinished">Tukusqa: qatiq willakuyman riy</translation>
    </message>
</context>
<context>
    <name>PagedArea</name>
    <message>
        <source>Ver la parte anterior</source>
        <extracomment>Overlap kept between two pages of a PagedArea, so the reader does not lose the line. Marks that decorate a visible text but are not words; a screen reader does not read them out.</extracomment>
        <translation type="unfinished">Hanaq kaqta qhaway</translation>
    </message>
    <message>
        <source>Ver más abajo</source>
        <translation type="unfinished">Uray kaqta qhaway</translation>
    </message>
</context>
<context>
    <name>PinScreen</name>
    <message>
        <source>Personal: PIN del quiosco</source>
        <translation type="unfinished">Llamk&apos;aqkuna: quioscopa PIN-nin</translation>
    </message>
    <message>
        <source>Elija el PIN que el personal usará para salir del modo quiosco ({0} a {1} dígitos). No lo comparta con el público.</source>
        <translation type="unfinished">Llamk&apos;aqkuna quiosco modomanta lloqsinankupaq PIN-ta akllay ({0}-manta {1}-kama yupaykuna). Ama runakunaman willaychu.</translation>
    </message>
    <message>
        <source>Acceso del personal</source>
        <translation type="unfinished">Llamk&apos;aqkunapaq yaykuna</translation>
    </message>
    <message>
        <source>Escriba el PIN del personal.</source>
        <translation type="unfinished">Llamk&apos;aqkunapa PIN-ninta qillqay.</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation type="unfinished">PIN</translation>
    </message>
    <message>
        <source>PIN del personal</source>
        <translation type="unfinished">Llamk&apos;aqkunapa PIN-nin</translation>
    </message>
    <message>
        <source>Repita el PIN</source>
        <translation type="unfinished">PIN-ta watiqmanta qillqay</translation>
    </message>
    <message>
        <source>Aceptar</source>
        <translation type="unfinished">Chaskiy</translation>
    </message>
    <message>
        <source>Cancelar</source>
        <translation type="unfinished">Saqiy</translation>
    </message>
    <message>
        <source>Cancelar y volver al quiosco</source>
        <translation type="unfinished">Saqiy, quioscoman kutiy</translation>
    </message>
    <message>
        <source>El PIN debe tener de {0} a {1} dígitos.</source>
        <translation type="unfinished">PIN-qa {0}-manta {1}-kama yupayniyuq kanan.</translation>
    </message>
    <message>
        <source>Los dos PIN no coinciden.</source>
        <translation type="unfinished">Iskaynin PIN manam tupanchu.</translation>
    </message>
    <message>
        <source>Demasiados intentos. Espere {0} segundos.</source>
        <translation type="unfinished">Ancha achkatañam pruebarqanki. {0} segundota suyay.</translation>
    </message>
    <message>
        <source>Un momento…</source>
        <translation type="unfinished">Huk ratulla…</translation>
    </message>
    <message>
        <source>PIN incorrecto.</source>
        <translation type="unfinished">PIN mana allinchu.</translation>
    </message>
</context>
<context>
    <name>QuestionScreen</name>
    <message>
        <source>Revise lo marcado con ⚠ antes de seguir.</source>
        <translation type="unfinished">Manaraq rispa ⚠ nisqawan marcasqata qhaway.</translation>
    </message>
    <message>
        <source>Espere: se está leyendo el archivo…</source>
        <translation type="unfinished">Suyay: archivota ñawinchashan…</translation>
    </message>
    <message>
        <source>Pregunta {0} de {1}</source>
        <translation type="unfinished">{1} tapukuykunamanta {0} kaq</translation>
    </message>
    <message>
        <source>Volver a la revisión ▶</source>
        <translation type="unfinished">Qhawarinaman kutiy ▶</translation>
    </message>
    <message>
        <source>Guardar el cambio y volver a la revisión</source>
        <translation type="unfinished">Huknirachisqata waqaychay, qhawarinaman kutiy</translation>
    </message>
    <message>
        <source>◀ Cancelar cambio</source>
        <translation type="unfinished">◀ Huknirachiyta saqiy</translation>
    </message>
    <message>
        <source>Volver a la revisión</source>
        <translation type="unfinished">Qhawarinaman kutiy</translation>
    </message>
    <message>
        <source>Siguiente ▶</source>
        <translation type="unfinished">Qatiqnin ▶</translation>
    </message>
    <message>
        <source>Revisar ▶</source>
        <translation type="unfinished">Qhawariy ▶</translation>
    </message>
    <message>
        <source>Ir a la siguiente pregunta</source>
        <translation type="unfinished">Qatiq tapukuyman riy</translation>
    </message>
    <message>
        <source>Revisar todas las respuestas</source>
        <translation type="unfinished">Llapan kutichikunata qhawariy</translation>
    </message>
    <message>
        <source>◀ Atrás</source>
        <translation type="unfinished">◀ Qhipaman</translation>
    </message>
    <message>
        <source>Volver a la pregunta anterior</source>
        <translation type="unfinished">Ñawpaq tapukuyman kutiy</translation>
    </message>
    <message>
        <source>Leer en voz alta</source>
        <translation type="unfinished">Kunkawan ñawinchay</translation>
    </message>
    <message>
        <source>Leer la pregunta en voz alta</source>
        <translation type="unfinished">Tapukuyta kunkawan ñawinchay</translation>
    </message>
    <message>
        <source>Conecte su memoria USB y toque «Adjuntar archivo…». También puede entregar sus documentos después en mesa de partes.</source>
        <translation type="unfinished">Memoria USB-ykita churay, «Archivota yapay…» nisqata llamiy. Qillqaykikunata qhipatapas mesa de partesman apamuyta atinki.</translation>
    </message>
</context>
<context>
    <name>ReceiptPage</name>
    <message>
        <source>Nuevo trámite</source>
        <translation type="unfinished">Musuq trámite</translation>
    </message>
    <message>
        <source>Atender un nuevo trámite</source>
        <translation type="unfinished">Musuq trámiteta atiendiy</translation>
    </message>
    <message>
        <source>Solicitud registrada: {0}</source>
        <translation type="unfinished">Mañakuy qillqasqa: {0}</translation>
    </message>
</context>
<context>
    <name>ReceiptPreviewDialog</name>
    <message>
        <source>Cargo de recepción {0}</source>
        <translation type="unfinished">Chaskisqa cargo {0}</translation>
    </message>
</context>
<context>
    <name>ReceiptScreen</name>
    <message>
        <source>Su cargo de recepción, como se imprime</source>
        <translation type="unfinished">Cargoyki, imprimisqa hina</translation>
    </message>
    <message>
        <source>Retire su cargo impreso de la ranura de la impresora.</source>
        <translation type="unfinished">Imprimisqa cargoykita impresoramanta hurquy.</translation>
    </message>
    <message>
        <source>No se pudo imprimir el cargo. Anote su número de registro o tome una foto de la pantalla.</source>
        <translation type="unfinished">Cargota manam imprimiyta atikunchu. Registro yupayniykita qillqakuy utaq pantallata fotografiay.</translation>
    </message>
    <message>
        <source>Su solicitud fue registrada</source>
        <translation type="unfinished">Mañakuyniyki qillqasqañam</translation>
    </message>
    <message>
        <source>Su número de registro es:</source>
        <translation type="unfinished">Registro yupayniyki:</translation>
    </message>
    <message>
        <source>Número de registro: {0}</source>
        <translation type="unfinished">Registro yupay: {0}</translation>
    </message>
    <message>
        <source>Trámite: {0}. Fecha límite de respuesta: {1}.</source>
        <translation type="unfinished">Trámite: {0}. Kutichinankupaq qhipa p&apos;unchaw: {1}.</translation>
    </message>
    <message>
        <source>Trámite: {0}.</source>
        <translation type="unfinished">Trámite: {0}.</translation>
    </message>
    <message>
        <source>Guarde su cargo. Con el número de registro puede consultar su trámite en este quiosco o en mesa de partes.</source>
        <translation type="unfinished">Cargoykita waqaychay. Registro yupaywan trámiteykita kay quioscopi utaq mesa de partespi tapuyta atinki.</translation>
    </message>
    <message>
        <source>Imprimir otra vez</source>
        <translation type="unfinished">Watiqmanta imprimiy</translation>
    </message>
    <message>
        <source>Imprimir el cargo otra vez</source>
        <translation type="unfinished">Cargota watiqmanta imprimiy</translation>
    </message>
    <message>
        <source>Terminar</source>
        <translation type="unfinished">Tukuchiy</translation>
    </message>
    <message>
        <source>Terminar y borrar mis datos de la pantalla</source>
        <translation type="unfinished">Tukuchiy, willakuyniykunata pantallamanta pichay</translation>
    </message>
</context>
<context>
    <name>ReceiptView</name>
    <message>
        <source>Vista del cargo de recepción</source>
        <translation type="unfinished">Chaskisqa cargota qhaway</translation>
    </message>
    <message>
        <source>Imprimir ticket (80 mm)</source>
        <translation type="unfinished">Ticketta imprimiy (80 mm)</translation>
    </message>
    <message>
        <source>Imprimir en A4</source>
        <translation type="unfinished">A4-pi imprimiy</translation>
    </message>
    <message>
        <source>Vista previa de impresión…</source>
        <translation type="unfinished">Manaraq imprimispa qhaway…</translation>
    </message>
    <message>
        <source>Guardar PDF…</source>
        <translation type="unfinished">PDF-ta waqaychay…</translation>
    </message>
    <message>
        <source>Imprimir cargo</source>
        <translation type="unfinished">Cargota imprimiy</translation>
    </message>
    <message>
        <source>Vista previa del cargo</source>
        <translation type="unfinished">Cargota ñawpaqta qhaway</translation>
    </message>
    <message>
        <source>Guardar cargo en PDF</source>
        <translation type="unfinished">Cargota PDF-pi waqaychay</translation>
    </message>
</context>
<context>
    <name>RepeatEditor</name>
    <message>
        <source>Agregar: {0}</source>
        <translation type="unfinished">Yapay: {0}</translation>
    </message>
    <message>
        <source>Quitar: {0}</source>
        <translation type="unfinished">Qichuy: {0}</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Lea los datos al ciudadano y confirme que son correctos antes de guardar.</source>
        <translation type="unfinished">Waqaychanaykipaq ñawpaqta willakuykunata runaman ñawinchapuy, allin kasqanta chiqanchay.</translation>
    </message>
    <message>
        <source>Datos a guardar</source>
        <translation type="unfinished">Waqaychanapaq willakuykuna</translation>
    </message>
    <message>
        <source>Corregir</source>
        <translation type="unfinished">Allichay</translation>
    </message>
    <message>
        <source>Guardar y emitir cargo</source>
        <translation type="unfinished">Waqaychay, cargota quy</translation>
    </message>
    <message>
        <source>Guardar la solicitud y emitir el cargo</source>
        <translation type="unfinished">Mañakuyta waqaychay, cargota quy</translation>
    </message>
    <message>
        <source>Revisión: {0}</source>
        <translation type="unfinished">Qhawariy: {0}</translation>
    </message>
    <message>
        <source>Folios</source>
        <translation type="unfinished">Raphikuna</translation>
    </message>
    <message>
        <source>Observaciones</source>
        <translation type="unfinished">Qhawarisqakuna</translation>
    </message>
    <message>
        <source>Sin observaciones</source>
        <translation type="unfinished">Mana qhawarisqayuq</translation>
    </message>
    <message>
        <source>Recibido por</source>
        <translation type="unfinished">Chaskiq</translation>
    </message>
    <message>
        <source>Guardando…</source>
        <translation type="unfinished">Waqaychashan…</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <source>Cambiar</source>
        <translation type="unfinished">Huknirachiy</translation>
    </message>
    <message>
        <source>Cambiar: {0}</source>
        <translation type="unfinished">Huknirachiy: {0}</translation>
    </message>
    <message>
        <source>Revise sus respuestas</source>
        <translation type="unfinished">Kutichisqaykikunata qhaway</translation>
    </message>
    <message>
        <source>Si algo no está bien, toque «Cambiar». Cuando todo esté correcto, toque «Continuar».</source>
        <translation type="unfinished">Ima mana allinchu kaptinqa, «Huknirachiy» nisqata llamiy. Llapan allin kaptinqa, «Hinallataq» nisqata llamiy.</translation>
    </message>
    <message>
        <source>◀ Atrás</source>
        <translation type="unfinished">◀ Qhipaman</translation>
    </message>
    <message>
        <source>Volver a la última pregunta</source>
        <translation type="unfinished">Qhipa tapukuyman kutiy</translation>
    </message>
    <message>
        <source>Continuar ▶</source>
        <translation type="unfinished">Hinallataq ▶</translation>
    </message>
    <message>
        <source>Las respuestas están bien: continuar</source>
        <translation type="unfinished">Kutichikuna allinmi: hinallataq</translation>
    </message>
</context>
<context>
    <name>ServiceChooser</name>
    <message>
        <source>Buscar trámite (nombre, oficina o requisito)</source>
        <translation type="unfinished">Trámiteta maskay (suti, oficina utaq requisito)</translation>
    </message>
    <message>
        <source>Buscar trámite</source>
        <translation type="unfinished">Trámiteta maskay</translation>
    </message>
    <message>
        <source>Lista de trámites</source>
        <translation type="unfinished">Trámitekunapa listan</translation>
    </message>
    <message>
        <source>Requisitos, costo y plazo del trámite</source>
        <translation type="unfinished">Trámitepa requisitonkuna, chaninnin, plazonpas</translation>
    </message>
    <message>
        <source>Iniciar trámite</source>
        <translation type="unfinished">Trámiteta qallariy</translation>
    </message>
    <message>
        <source>Iniciar el trámite elegido</source>
        <translation type="unfinished">Akllasqa trámiteta qallariy</translation>
    </message>
    <message>
        <source>Borradores guardados (se recuperan tras un corte de luz):</source>
        <translation type="unfinished">Waqaychasqa borradorkuna (k&apos;anchay wañuptin kutichikun):</translation>
    </message>
    <message>
        <source>Borradores guardados</source>
        <translation type="unfinished">Waqaychasqa borradorkuna</translation>
    </message>
    <message>
        <source>Continuar borrador</source>
        <translation type="unfinished">Borradorta hinalla ruway</translation>
    </message>
    <message>
        <source>Descartar borrador</source>
        <translation type="unfinished">Borradorta wikch&apos;uy</translation>
    </message>
    <message>
        <source>Trámite:</source>
        <translation type="unfinished">Trámite:</translation>
    </message>
    <message>
        <source>Costo</source>
        <translation type="unfinished">Chanin</translation>
    </message>
    <message>
        <source>Plazo</source>
        <translation type="unfinished">Plazo</translation>
    </message>
    <message>
        <source>Calificación</source>
        <translation type="unfinished">Imayna qhawarisqa</translation>
    </message>
    <message>
        <source>Unidad</source>
        <translation type="unfinished">Unidad</translation>
    </message>
    <message>
        <source>Requisitos</source>
        <translation type="unfinished">Requisitokuna</translation>
    </message>
    <message>
        <source>TUPA</source>
        <translation type="unfinished">TUPA</translation>
    </message>
</context>
<context>
    <name>ServiceInfoScreen</name>
    <message>
        <source>Qué necesita</source>
        <translation type="unfinished">Imakunatam necesitanki</translation>
    </message>
    <message>
        <source>Costo</source>
        <translation type="unfinished">Chanin</translation>
    </message>
    <message>
        <source>Plazo de respuesta</source>
        <translation type="unfinished">Kutichinankupaq plazo</translation>
    </message>
    <message>
        <source>Cómo se decide</source>
        <translation type="unfinished">Imaynatam kutichinqaku</translation>
    </message>
    <message>
        <source>Oficina que lo atiende</source>
        <translation type="unfinished">Atiendiq oficina</translation>
    </message>
    <message>
        <source>Si tiene documentos escaneados en una memoria USB, podrá adjuntarlos. También puede entregarlos después en mesa de partes con su número de registro.</source>
        <translation type="unfinished">Memoria USB-pi escaneasqa qillqaykikuna kaptinqa, yapayta atinki. Qhipatapas registro yupayniykiwan mesa de partesman apamuyta atinki.</translation>
    </message>
    <message>
        <source>◀ Volver</source>
        <translation type="unfinished">◀ Kutiy</translation>
    </message>
    <message>
        <source>Volver a la lista de trámites</source>
        <translation type="unfinished">Trámitekunapa listanman kutiy</translation>
    </message>
    <message>
        <source>Empezar ▶</source>
        <translation type="unfinished">Qallariy ▶</translation>
    </message>
    <message>
        <source>Empezar a llenar la solicitud</source>
        <translation type="unfinished">Mañakuyta hunt&apos;ayta qallariy</translation>
    </message>
</context>
<context>
    <name>ServiceText</name>
    <message>
        <source>Gratuito</source>
        <translation type="unfinished">Mana qullqiyuq</translation>
    </message>
    <message>
        <source>Solo el costo de las copias</source>
        <translation type="unfinished">Copiakunapa chaninllan</translation>
    </message>
    <message>
        <source>Entre S/ {0} y S/ {1}</source>
        <translation type="unfinished">S/ {0}-manta S/ {1}-kama</translation>
    </message>
    <message>
        <source>{0} días hábiles</source>
        <translation type="unfinished">{0} llamk&apos;ana p&apos;unchawkuna</translation>
    </message>
    <message>
        <source>Se envía a la oficina el mismo día</source>
        <translation type="unfinished">Kikin p&apos;unchawmi oficinaman apachikun</translation>
    </message>
    <message>
        <source>Presentar {0} días antes</source>
        <translation type="unfinished">{0} p&apos;unchaw ñawpaqta haykuchiy</translation>
    </message>
    <message>
        <source>Sin plazo</source>
        <translation type="unfinished">Mana plazoyuq</translation>
    </message>
    <message>
        <source>Aprobación automática</source>
        <translation type="unfinished">Kikillanmanta chaninchasqa</translation>
    </message>
    <message>
        <source>Evaluación previa; si no le responden a tiempo, se considera aprobado</source>
        <translation type="unfinished">Ñawpaqta qhawarinku; mana pachanpi kutichisuptinkuqa, chaninchasqa hinam</translation>
    </message>
    <message>
        <source>Evaluación previa; si no le responden a tiempo, se considera denegado</source>
        <translation type="unfinished">Ñawpaqta qhawarinku; mana pachanpi kutichisuptinkuqa, mana chaskisqa hinam</translation>
    </message>
    <message>
        <source>No aplica</source>
        <translation type="unfinished">Manam kanchu</translation>
    </message>
</context>
<context>
    <name>ServicesScreen</name>
    <message>
        <source>Página {0} de {1}</source>
        <translation type="unfinished">{1} raphimanta {0} kaq</translation>
    </message>
    <message>
        <source>¿Qué trámite desea presentar?</source>
        <translation type="unfinished">Ima trámitetataq haykuchiyta munanki?</translation>
    </message>
    <message>
        <source>Toque el trámite. Antes de empezar verá qué necesita, el costo y el plazo.</source>
        <translation type="unfinished">Trámiteta llamiy. Manaraq qallarispa rikunki imakunata necesitasqaykita, chaninta, plazotapas.</translation>
    </message>
    <message>
        <source>Costo: {0} · Plazo: {1}</source>
        <translation type="unfinished">Chanin: {0} · Plazo: {1}</translation>
    </message>
    <message>
        <source>◀ Inicio</source>
        <translation type="unfinished">◀ Qallariy</translation>
    </message>
    <message>
        <source>Volver al inicio</source>
        <translation type="unfinished">Qallariyman kutiy</translation>
    </message>
    <message>
        <source>◀ Anteriores</source>
        <translation type="unfinished">◀ Ñawpaqkuna</translation>
    </message>
    <message>
        <source>Ver los trámites anteriores</source>
        <translation type="unfinished">Ñawpaq trámitekunata qhaway</translation>
    </message>
    <message>
        <source>Más trámites ▶</source>
        <translation type="unfinished">Aswan trámitekuna ▶</translation>
    </message>
    <message>
        <source>Ver más trámites</source>
        <translation type="unfinished">Aswan trámitekunata qhaway</translation>
    </message>
</context>
<context>
    <name>StaffMenuScreen</name>
    <message>
        <source>Personal</source>
        <translation type="unfinished">Llamk&apos;aqkuna</translation>
    </message>
    <message>
        <source>Salir del modo quiosco</source>
        <translation type="unfinished">Quiosco modomanta lloqsiy</translation>
    </message>
    <message>
        <source>Cambiar el PIN del personal</source>
        <translation type="unfinished">Llamk&apos;aqkunapa PIN-ninta huknirachiy</translation>
    </message>
    <message>
        <source>Volver al quiosco</source>
        <translation type="unfinished">Quioscoman kutiy</translation>
    </message>
</context>
<context>
    <name>StatusScreen</name>
    <message>
        <source>Este quiosco todavía no se ha sincronizado con la municipalidad.</source>
        <translation type="unfinished">Kay quioscoqa manaraqmi municipalidadwan sincronizakunchu.</translation>
    </message>
    <message>
        <source>Última sincronización: {0}</source>
        <translation type="unfinished">Qhipa sincronización: {0}</translation>
    </message>
    <message>
        <source>Escriba los {0} últimos dígitos de su documento.</source>
        <translation type="unfinished">Documentoykipa qhipa {0} yupayninkunata qillqay.</translation>
    </message>
    <message>
        <source>Demasiados intentos. Espere {0} segundos y vuelva a intentar.</source>
        <translation type="unfinished">Ancha achkatañam pruebarqanki. {0} segundota suyay, chaymanta watiqmanta pruebay.</translation>
    </message>
    <message>
        <source>Buscando…</source>
        <translation type="unfinished">Maskashan…</translation>
    </message>
    <message>
        <source>en la posición {0} quizá quiso escribir «{1}»</source>
        <translation type="unfinished">{0} kaqpi «{1}» qillqayta munarqankichá</translation>
    </message>
    <message>
        <source>¿Quiso decir {0}?</source>
        <translation type="unfinished">{0} niyta munarqankichu?</translation>
    </message>
    <message>
        <source>Usar el código {0}</source>
        <translation type="unfinished">{0} códigota llamk&apos;achiy</translation>
    </message>
    <message>
        <source>Estado: registrado en este quiosco</source>
        <translation type="unfinished">Imayna kashan: kay quioscopi qillqasqa</translation>
    </message>
    <message>
        <source>Su solicitud aún no se ha enviado a la municipalidad; se enviará cuando haya conexión.</source>
        <translation type="unfinished">Mañakuyniykiqa manaraqmi municipalidadman apachikunchu; conexión kaptinmi apachikunqa.</translation>
    </message>
    <message>
        <source>La municipalidad recibió su solicitud y pronto la revisará.</source>
        <translation type="unfinished">Municipalidadqa mañakuyniykita chaskinñam, utqaylla qhawarinqa.</translation>
    </message>
    <message>
        <source>Estado: {0}</source>
        <translation type="unfinished">Imayna kashan: {0}</translation>
    </message>
    <message>
        <source>Presentado el {0}</source>
        <translation type="unfinished">{0} p&apos;unchawpi haykusqa</translation>
    </message>
    <message>
        <source>Fecha límite de respuesta: {0}</source>
        <translation type="unfinished">Kutichinankupaq qhipa p&apos;unchaw: {0}</translation>
    </message>
    <message>
        <source>Último cambio: {0}</source>
        <translation type="unfinished">Qhipa tikray: {0}</translation>
    </message>
    <message>
        <source>Mensajes de la municipalidad para usted</source>
        <translation type="unfinished">Municipalidadpa qampaq willakuyninkuna</translation>
    </message>
    <message>
        <source>Información al {0}, la última vez que este quiosco se sincronizó.</source>
        <translation type="unfinished">{0} willakuy, kay quiosco qhipa kuti sincronizakusqanmanta.</translation>
    </message>
    <message>
        <source>Consultar mi trámite</source>
        <translation type="unfinished">Trámiteyta tapuy</translation>
    </message>
    <message>
        <source>Número de registro</source>
        <translation type="unfinished">Registro yupay</translation>
    </message>
    <message>
        <source>Está en su cargo, debajo del código QR. También puede acercar el código QR al lector.</source>
        <translation type="unfinished">Cargoykipim kashan, QR código uraypi. QR códigota lectorman qayllachiytapas atinki.</translation>
    </message>
    <message>
        <source>Últimos {0} dígitos de su documento (DNI)</source>
        <translation type="unfinished">Documentoykipa (DNI) qhipa {0} yupayninkuna</translation>
    </message>
    <message>
        <source>Consultar</source>
        <translation type="unfinished">Tapuy</translation>
    </message>
    <message>
        <source>Consultar el estado</source>
        <translation type="unfinished">Imayna kashasqanta tapuy</translation>
    </message>
    <message>
        <source>◀ Inicio</source>
        <translation type="unfinished">◀ Qallariy</translation>
    </message>
    <message>
        <source>Volver al inicio</source>
        <translation type="unfinished">Qallariyman kutiy</translation>
    </message>
    <message>
        <source>Nueva consulta</source>
        <translation type="unfinished">Musuq tapuy</translation>
    </message>
    <message>
        <source>Borrar y hacer otra consulta</source>
        <translation type="unfinished">Pichay, hukta tapuy</translation>
    </message>
</context>
<context>
    <name>SubmissionDialog</name>
    <message>
        <source>Solicitud {0}</source>
        <translation type="unfinished">Mañakuy {0}</translation>
    </message>
    <message>
        <source>Sincronización: {0} · Estado: {1}</source>
        <translation type="unfinished">Sincronización: {0} · Imayna kashan: {1}</translation>
    </message>
    <message>
        <source>Datos de la solicitud</source>
        <translation type="unfinished">Mañakuypa willakuyninkuna</translation>
    </message>
    <message>
        <source>Datos</source>
        <translation type="unfinished">Willakuykuna</translation>
    </message>
    <message>
        <source>Cargo (reimprimir)</source>
        <translation type="unfinished">Cargo (watiqmanta imprimiy)</translation>
    </message>
</context>
<context>
    <name>SubmissionsTableModel</name>
    <message>
        <source>Enviado</source>
        <translation type="unfinished">Apachisqa</translation>
    </message>
    <message>
        <source>Rechazado: {0}</source>
        <translation type="unfinished">Mana chaskisqa: {0}</translation>
    </message>
    <message>
        <source>sin motivo</source>
        <translation type="unfinished">mana imaraykupas</translation>
    </message>
    <message>
        <source>Pendiente</source>
        <translation type="unfinished">Suyashan</translation>
    </message>
    <message>
        <source>N.º de registro</source>
        <translation type="unfinished">Registro yupay</translation>
    </message>
    <message>
        <source>Trámite</source>
        <translation type="unfinished">Trámite</translation>
    </message>
    <message>
        <source>Solicitante</source>
        <translation type="unfinished">Mañakuq</translation>
    </message>
    <message>
        <source>Presentado</source>
        <translation type="unfinished">Haykusqa</translation>
    </message>
    <message>
        <source>Vence</source>
        <translation type="unfinished">Tukukun</translation>
    </message>
    <message>
        <source>Sincronización</source>
        <translation type="unfinished">Sincronización</translation>
    </message>
    <message>
        <source>Estado</source>
        <translation type="unfinished">Imayna kashan</translation>
    </message>
</context>
<context>
    <name>SubmissionsView</name>
    <message>
        <source>Buscar por N.º de registro, DNI o nombre</source>
        <translation type="unfinished">Registro yupaywan, DNI-wan utaq sutiwan maskay</translation>
    </message>
    <message>
        <source>Buscar solicitudes</source>
        <translation type="unfinished">Mañakuykunata maskay</translation>
    </message>
    <message>
        <source>Solicitudes registradas en este equipo</source>
        <translation type="unfinished">Kay computadorapi qillqasqa mañakuykuna</translation>
    </message>
    <message>
        <source>Ver / reimprimir</source>
        <translation type="unfinished">Qhaway / watiqmanta imprimiy</translation>
    </message>
    <message>
        <source>Ver la solicitud elegida y reimprimir su cargo</source>
        <translation type="unfinished">Akllasqa mañakuyta qhaway, cargonta watiqmanta imprimiy</translation>
    </message>
    <message>
        <source>{0} solicitud(es); mostrando {1}.</source>
        <translation type="unfinished">{0} mañakuykuna; {1} rikuchishan.</translation>
    </message>
    <message>
        <source>Abriendo…</source>
        <translation type="unfinished">Kichashan…</translation>
    </message>
</context>
<context>
    <name>SurveyScreen</name>
    <message>
        <source>¿Cómo le atendimos?</source>
        <translation type="unfinished">Imaynatataq atendirqaykiku?</translation>
    </message>
    <message>
        <source>Su opinión es anónima y nos ayuda a mejorar. Puede omitirla.</source>
        <translation type="unfinished">Yuyaykusqaykiqa mana sutiyuqmi, allinchakunaykupaq yanapawanku. Saltaytapas atinki.</translation>
    </message>
    <message>
        <source>¡Gracias por su opinión!</source>
        <translation type="unfinished">¡Añaychayki yuyaykusqaykimanta!</translation>
    </message>
    <message>
        <source>Omitir</source>
        <translation type="unfinished">Saltay</translation>
    </message>
    <message>
        <source>Omitir la encuesta y terminar</source>
        <translation type="unfinished">Tapukuyta saltay, tukuchiy</translation>
    </message>
    <message>
        <source>Enviar opinión</source>
        <translation type="unfinished">Yuyaykusqata apachiy</translation>
    </message>
    <message>
        <source>Enviar mi opinión</source>
        <translation type="unfinished">Yuyaykusqayta apachiy</translation>
    </message>
    <message>
        <source>Elija una calificación, o toque «Omitir».</source>
        <translation type="unfinished">Huk chaninchayta akllay, utaq «Saltay» nisqata llamiy.</translation>
    </message>
    <message>
        <source>Enviando…</source>
        <translation type="unfinished">Apachishan…</translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <source>Tambo · Quiosco</source>
        <translation type="unfinished">Tambo · Quiosco</translation>
    </message>
    <message>
        <source>Idioma de la pantalla</source>
        <translation type="unfinished">Pantallapa siminkuna</translation>
    </message>
    <message>
        <source>A+ Letra grande</source>
        <translation type="unfinished">A+ Hatun qillqa</translation>
    </message>
    <message>
        <source>Letra grande</source>
        <translation type="unfinished">Hatun qillqa</translation>
    </message>
    <message>
        <source>◐ Contraste</source>
        <translation type="unfinished">◐ Contraste</translation>
    </message>
    <message>
        <source>Alto contraste</source>
        <translation type="unfinished">Hatun contraste</translation>
    </message>
    <message>
        <source>✕ Terminar</source>
        <translation type="unfinished">✕ Tukuchiy</translation>
    </message>
    <message>
        <source>Terminar y borrar todo lo escrito</source>
        <translation type="unfinished">Tukuchiy, llapan qillqasqata pichay</translation>
    </message>
</context>
<context>
    <name>UbigeoEditor</name>
    <message>
        <source>— Departamento —</source>
        <translation type="unfinished">— Departamento —</translation>
    </message>
    <message>
        <source>— Provincia —</source>
        <translation type="unfinished">— Provincia —</translation>
    </message>
    <message>
        <source>— Distrito —</source>
        <translation type="unfinished">— Distrito —</translation>
    </message>
    <message>
        <source>departamento</source>
        <translation type="unfinished">departamento</translation>
    </message>
    <message>
        <source>provincia</source>
        <translation type="unfinished">provincia</translation>
    </message>
    <message>
        <source>distrito</source>
        <translation type="unfinished">distrito</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Tambo — Abrir datos cifrados</source>
        <translation type="unfinished">Tambo — Pakasqa willakuykunata kichay</translation>
    </message>
    <message>
        <source>Primer uso: elija la clave del personal (mínimo {0} caracteres). Guárdela en lugar seguro.</source>
        <translation type="unfinished">Ñawpaq kuti: llamk&apos;aqkunapa clave-nta akllay (aswan pisiqa {0} qillqakuna). Allin pakasqa waqaychay.</translation>
    </message>
    <message>
        <source>Escriba la clave del personal para abrir los datos de este equipo.</source>
        <translation type="unfinished">Kay computadorapa willakuyninkunata kichanapaq llamk&apos;aqkunapa clave-nta qillqay.</translation>
    </message>
    <message>
        <source>Clave del personal</source>
        <translation type="unfinished">Llamk&apos;aqkunapa clave-n</translation>
    </message>
    <message>
        <source>Repita la clave</source>
        <translation type="unfinished">Clave-ta watiqmanta qillqay</translation>
    </message>
    <message>
        <source>Clave:</source>
        <translation type="unfinished">Clave:</translation>
    </message>
    <message>
        <source>Repita la clave:</source>
        <translation type="unfinished">Clave-ta watiqmanta qillqay:</translation>
    </message>
    <message>
        <source>La clave debe tener al menos {0} caracteres.</source>
        <translation type="unfinished">Clave-qa aswan pisiqa {0} qillqayuq kanan.</translation>
    </message>
    <message>
        <source>Las dos claves no coinciden.</source>
        <translation type="unfinished">Iskaynin clavekuna manam tupanchu.</translation>
    </message>
    <message>
        <source>Abriendo los datos cifrados…</source>
        <translation type="unfinished">Pakasqa willakuykunata kichashan…</translation>
    </message>
</context>
<context>
    <name>UnlockScreen</name>
    <message>
        <source>Quiosco bloqueado</source>
        <translation type="unfinished">Quiosco wichq&apos;asqa</translation>
    </message>
    <message>
        <source>Primer uso: el personal elige la clave de los datos cifrados (mínimo {0} caracteres).</source>
        <translation type="unfinished">Ñawpaq kuti: llamk&apos;aqkuna pakasqa willakuykunapa clave-nta akllanku (aswan pisiqa {0} qillqakuna).</translation>
    </message>
    <message>
        <source>Personal: escriba la clave del personal para abrir los datos de este quiosco.</source>
        <translation type="unfinished">Llamk&apos;aqkuna: kay quioscopa willakuyninkunata kichanapaq clave-ta qillqay.</translation>
    </message>
    <message>
        <source>Clave del personal</source>
        <translation type="unfinished">Llamk&apos;aqkunapa clave-n</translation>
    </message>
    <message>
        <source>Repita la clave</source>
        <translation type="unfinished">Clave-ta watiqmanta qillqay</translation>
    </message>
    <message>
        <source>Abrir</source>
        <translation type="unfinished">Kichay</translation>
    </message>
    <message>
        <source>Abrir los datos del quiosco</source>
        <translation type="unfinished">Quioscopa willakuyninkunata kichay</translation>
    </message>
    <message>
        <source>La clave debe tener al menos {0} caracteres.</source>
        <translation type="unfinished">Clave-qa aswan pisiqa {0} qillqayuq kanan.</translation>
    </message>
    <message>
        <source>Las dos claves no coinciden.</source>
        <translation type="unfinished">Iskaynin clavekuna manam tupanchu.</translation>
    </message>
    <message>
        <source>Abriendo los datos cifrados…</source>
        <translation type="unfinished">Pakasqa willakuykunata kichashan…</translation>
    </message>
</context>
<context>
    <name>WelcomeScreen</name>
    <message>
        <source>Bienvenida, bienvenido</source>
        <translation type="unfinished">Allin hamusqayki</translation>
    </message>
    <message>
        <source>¿Qué desea hacer?</source>
        <translation type="unfinished">Imatataq ruwayta munanki?</translation>
    </message>
    <message>
        <source>Presentar una solicitud</source>
        <translation type="unfinished">Mañakuyta haykuchiy</translation>
    </message>
    <message>
        <source>Llene su trámite aquí y reciba su cargo con un número de registro.</source>
        <translation type="unfinished">Kaypi trámiteykita hunt&apos;ay, registro yupayniyuq cargoykita chaskiy.</translation>
    </message>
    <message>
        <source>Consultar mi trámite</source>
        <translation type="unfinished">Trámiteyta tapuy</translation>
    </message>
    <message>
        <source>Con el número de registro de su cargo: vea cómo va su trámite.</source>
        <translation type="unfinished">Cargoykipi registro yupaywan: trámiteyki imayna kashasqanta qhaway.</translation>
    </message>
    <message>
        <source>Calificar la atención</source>
        <translation type="unfinished">Atendisqa kasqaykita chaninchay</translation>
    </message>
    <message>
        <source>Una pregunta rápida y anónima sobre cómo le atendimos.</source>
        <translation type="unfinished">Imayna atendisqaykumanta huk utqaylla, mana sutiyuq tapukuy.</translation>
    </message>
    <message>
        <source>Toque una opción. Puede cambiar el idioma y el tamaño de la letra arriba.</source>
        <translation type="unfinished">Hukta akllay. Hanaq ladopi simita, qillqapa hatun kayninta huknirachiyta atinki.</translation>
    </message>
</context>
<context>
    <name>attachments</name>
    <message>
        <source>El archivo no existe o no se puede leer.</source>
        <translation type="unfinished">Archivoqa manam kanchu utaq manam ñawinchakuyta atikunchu.</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>Este dato es obligatorio.</source>
        <extracomment>code -&gt; the Spanish message of ``shared.errors`` (the Qt source text). Only what people meet in the UI.</extracomment>
        <translation type="unfinished">Kayqa necesariom.</translation>
    </message>
    <message>
        <source>El valor no cumple la condición del formulario.</source>
        <translation type="unfinished">Kaqa manam formulariopa kamachikuyninwan tupanchu.</translation>
    </message>
    <message>
        <source>Tipo de dato incorrecto: se esperaba {expected}.</source>
        <translation type="unfinished">Willakuyqa mana allinchu: {expected} suyakurqan.</translation>
    </message>
    <message>
        <source>Escriba un número válido.</source>
        <translation type="unfinished">Allin yupayta qillqay.</translation>
    </message>
    <message>
        <source>Escriba un número entero, sin decimales.</source>
        <translation type="unfinished">Hunt&apos;asqa yupayta qillqay, mana decimalniyuqta.</translation>
    </message>
    <message>
        <source>El valor debe estar entre {min} y {max}.</source>
        <translation type="unfinished">{min}-manta {max}-kama kanan.</translation>
    </message>
    <message>
        <source>El texto es demasiado largo (máximo {max} caracteres).</source>
        <translation type="unfinished">Qillqasqaqa ancha sunim (aswan {max} qillqakunallam).</translation>
    </message>
    <message>
        <source>El texto es demasiado corto (mínimo {min} caracteres).</source>
        <translation type="unfinished">Qillqasqaqa ancha pisim (aswan pisiqa {min} qillqakuna).</translation>
    </message>
    <message>
        <source>Fecha inválida: use el formato AAAA-MM-DD.</source>
        <translation type="unfinished">Fecha mana allinchu: AAAA-MM-DD hinata qillqay.</translation>
    </message>
    <message>
        <source>La opción «{value}» no está en la lista.</source>
        <translation type="unfinished">«{value}» nisqaqa manam listapichu.</translation>
    </message>
    <message>
        <source>Correo electrónico inválido.</source>
        <translation type="unfinished">Correo electrónico mana allinchu.</translation>
    </message>
    <message>
        <source>Teléfono inválido: un celular tiene 9 dígitos y empieza con 9; un fijo lleva código de área.</source>
        <translation type="unfinished">Teléfono mana allinchu: celularqa 9 yupayniyuq, 9-wan qallarin; fijoqa área códigoyuq.</translation>
    </message>
    <message>
        <source>DNI inválido: debe tener 8 dígitos (y opcionalmente el dígito de verificación).</source>
        <translation type="unfinished">DNI mana allinchu: pusaq yupayniyuq kanan (munaspaqa verificación yupaywan).</translation>
    </message>
    <message>
        <source>El dígito de verificación del DNI no corresponde: revise el número.</source>
        <translation type="unfinished">DNI-pa verificación yupayninqa manam tupanchu: yupayta qhaway.</translation>
    </message>
    <message>
        <source>RUC inválido: debe tener 11 dígitos y empezar con 10, 15, 16, 17 o 20.</source>
        <translation type="unfinished">RUC mana allinchu: 11 yupayniyuq kanan, 10, 15, 16, 17 utaq 20-wan qallarinan.</translation>
    </message>
    <message>
        <source>El dígito verificador del RUC no corresponde: revise el número.</source>
        <translation type="unfinished">RUC-pa verificador yupayninqa manam tupanchu: yupayta qhaway.</translation>
    </message>
    <message>
        <source>Carné de extranjería inválido: de 9 a 12 letras o dígitos.</source>
        <translation type="unfinished">Carné de extranjería mana allinchu: 9-manta 12-kama qillqakuna utaq yupaykuna.</translation>
    </message>
    <message>
        <source>Ubicación inválida: elija departamento, provincia y distrito de la lista.</source>
        <translation type="unfinished">Maypi kasqan mana allinchu: listamanta departamentota, provinciata, distritota akllay.</translation>
    </message>
    <message>
        <source>Tipo de archivo no permitido ({media_type}). Se aceptan: {allowed}.</source>
        <translation type="unfinished">Kay archivoqa manam chaskikunchu ({media_type}). Chaskikun: {allowed}.</translation>
    </message>
    <message>
        <source>El archivo pesa {size_mb} MB; el máximo es {max_mb} MB.</source>
        <translation type="unfinished">Archivoqa {size_mb} MB llasan; aswan {max_mb} MB-llam kanan.</translation>
    </message>
    <message>
        <source>Adjunte como máximo {max} archivos.</source>
        <translation type="unfinished">Aswan {max} archivokunallata yapay.</translation>
    </message>
    <message>
        <source>Debe registrar entre {min} y {max} elementos.</source>
        <translation type="unfinished">{min}-manta {max}-kama qillqanayki.</translation>
    </message>
    <message>
        <source>El formulario no tiene el campo «{name}».</source>
        <translation type="unfinished">Formularioqa manam «{name}» nisqayuqchu.</translation>
    </message>
    <message>
        <source>Este dato se calcula solo y no se puede escribir.</source>
        <translation type="unfinished">Kayqa kikillanmanta yupakun, manam qillqakunchu.</translation>
    </message>
    <message>
        <source>El código de seguimiento tiene la forma XXXX-XXXXX-X (10 letras o dígitos).</source>
        <translation type="unfinished">Registro códigoqa XXXX-XXXXX-X hinam (10 qillqakuna utaq yupaykuna).</translation>
    </message>
    <message>
        <source>El carácter «{char}» en la posición {position} no se usa en los códigos.</source>
        <translation type="unfinished">«{char}» qillqaqa {position} kaqpi manam códigokunapi kanchu.</translation>
    </message>
    <message>
        <source>El código no es válido: revise que no falte ni se haya cambiado ningún carácter.</source>
        <translation type="unfinished">Códigoqa mana allinchu: qhaway, manachu huk qillqa pisin utaq t&apos;ikrakun.</translation>
    </message>
    <message>
        <source>La solicitud tiene {count} datos inválidos.</source>
        <translation type="unfinished">Mañakuypi {count} willakuykuna mana allinchu.</translation>
    </message>
    <message>
        <source>No hay espacio en el disco. Libere espacio: no se perdió ningún dato guardado.</source>
        <translation type="unfinished">Discopi manaña ch&apos;usaq kanchu. Ch&apos;usaqta kichay: manam ima waqaychasqapas chinkanchu.</translation>
    </message>
    <message>
        <source>Este equipo aún no está registrado en una institución: regístrelo con «tambo enroll» (código del coordinador o archivo de registro).</source>
        <translation type="unfinished">Kay computadoraqa manaraqmi institucionpi qillqasqachu: «tambo enroll» nisqawan qillqay (coordinadorpa códigon utaq registro archivo).</translation>
    </message>
    <message>
        <source>No encontramos un trámite con ese código y esos dígitos del documento. Revise ambos datos.</source>
        <translation type="unfinished">Manam tarinchikchu chay códigowan, chay documento yupaykunawan trámiteta. Iskayninta qhaway.</translation>
    </message>
</context>
<context>
    <name>excepthook</name>
    <message>
        <source>Error inesperado</source>
        <translation type="unfinished">Mana suyasqa pantay</translation>
    </message>
</context>
<context>
    <name>receipt</name>
    <message>
        <source>Tiene 2 días hábiles para completar lo observado; mientras tanto, el plazo queda suspendido. Si no lo completa, la solicitud se tendrá por no presentada (Ley 27444, art. 136).</source>
        <translation type="unfinished">Qhawarisqakunata hunt&apos;anaykipaq iskay llamk&apos;ana p&apos;unchawniyki kan; chaykamaqa plazo sayachisqa. Mana hunt&apos;aptiykiqa, mañakuyqa mana haykusqa hina kanqa (Ley 27444, art. 136).</translation>
    </message>
    <message>
        <source>N.º de registro</source>
        <translation type="unfinished">Registro yupay</translation>
    </message>
    <message>
        <source>Fecha y hora de presentación</source>
        <translation type="unfinished">Haykusqa p&apos;unchaw, hora</translation>
    </message>
    <message>
        <source>Fecha oficial de presentación</source>
        <translation type="unfinished">Oficial haykusqa p&apos;unchaw</translation>
    </message>
    <message>
        <source>(fuera de horario o día no hábil)</source>
        <translation type="unfinished">(llamk&apos;ana pacha hawanpi utaq mana llamk&apos;ana p&apos;unchawpi)</translation>
    </message>
    <message>
        <source>TUPA</source>
        <translation type="unfinished">TUPA</translation>
    </message>
    <message>
        <source>Trámite</source>
        <translation type="unfinished">Trámite</translation>
    </message>
    <message>
        <source>Calificación</source>
        <translation type="unfinished">Imayna qhawarisqa</translation>
    </message>
    <message>
        <source>Plazo máximo</source>
        <translation type="unfinished">Aswan hatun plazo</translation>
    </message>
    <message>
        <source>Fecha de vencimiento</source>
        <translation type="unfinished">Tukukuy p&apos;unchaw</translation>
    </message>
    <message>
        <source>Solicitante</source>
        <translation type="unfinished">Mañakuq</translation>
    </message>
    <message>
        <source>Documento</source>
        <translation type="unfinished">Documento</translation>
    </message>
    <message>
        <source>Contacto para notificaciones</source>
        <translation type="unfinished">Willanaykipaq contacto</translation>
    </message>
    <message>
        <source>Folios</source>
        <translation type="unfinished">Raphikuna</translation>
    </message>
    <message>
        <source>Documentos adjuntos</source>
        <translation type="unfinished">Yapasqa qillqakuna</translation>
    </message>
    <message>
        <source>Ninguno</source>
        <translation type="unfinished">Mana imapas</translation>
    </message>
    <message>
        <source>Derecho de trámite</source>
        <translation type="unfinished">Trámitepa chanin</translation>
    </message>
    <message>
        <source>Recibo de pago N.º</source>
        <translation type="unfinished">Pagasqa recibo yupay</translation>
    </message>
    <message>
        <source>Sin observaciones</source>
        <translation type="unfinished">Mana qhawarisqayuq</translation>
    </message>
    <message>
        <source>Observaciones</source>
        <translation type="unfinished">Qhawarisqakuna</translation>
    </message>
    <message>
        <source>Recibido por</source>
        <translation type="unfinished">Chaskiq</translation>
    </message>
    <message>
        <source>Registrado sin conexión: pendiente de sincronización.</source>
        <translation type="unfinished">Mana conexionniyuq qillqasqa: sincronizanapaq suyashan.</translation>
    </message>
    <message>
        <source>CARGO DE RECEPCIÓN</source>
        <translation type="unfinished">CHASKISQA CARGO</translation>
    </message>
    <message>
        <source>Código de integridad</source>
        <translation type="unfinished">Integridad código</translation>
    </message>
    <message>
        <source>Consulte el estado de su trámite con su número de registro.</source>
        <translation type="unfinished">Registro yupayniykiwan trámiteyki imayna kashasqanta tapuy.</translation>
    </message>
</context>
<context>
    <name>review</name>
    <message>
        <source>{0} (n.º {1})</source>
        <translation type="unfinished">{0} ({1} kaq)</translation>
    </message>
    <message>
        <source>Sí</source>
        <translation type="unfinished">Arí</translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished">Manan</translation>
    </message>
</context>
<context>
    <name>sync</name>
    <message>
        <source>Registrar este equipo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escriba la dirección del servidor y el código de registro que le dio su coordinador (tambo-server device add). El código sirve una sola vez.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dirección del servidor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Código de registro</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p. ej. Mesa de partes 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nombre de este equipo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Oficina o sede que se imprime en los cargos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Servidor:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Código:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Nombre del equipo:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Oficina:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registrar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usar archivo de registro…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escriba la dirección del servidor y el código de registro.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registrando…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archivo de registro</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registro de Tambo (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Equipo registrado en {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sincronización: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sincronización</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estado:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cola:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Servidor:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Última sincronización:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Próxima sincronización:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sin actividad</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%v de %m solicitudes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Solicitudes enviadas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archivo adjunto en camino</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N.º de registro</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trámite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Situación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Motivo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Solicitudes con problemas de envío</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ninguna solicitud con problemas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sincronizar ahora</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sincronizar ahora con el servidor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registrar equipo…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cerrar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Solicitudes con problemas:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ninguno</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adjunto: {0} de {1} (en total {2} de {3})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rechazada por el servidor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No se pudo enviar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conectando con el servidor</source>
        <extracomment>The phases&apos; Spanish names (the terminal&apos;s are in desktop.sync.progress, which imports no Qt).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sincronizando…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>En línea</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sin conexión</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Equipo dado de baja</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Equipo sin registrar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sin servidor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>El servidor rechaza este equipo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conectando…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nunca</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hoy {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ayer {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} por enviar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} rechazadas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Última sincronización: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Servidor: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Próximo intento: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clic para ver la sincronización</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registrando el equipo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enviando archivos adjuntos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enviando solicitudes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recibiendo novedades</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comprobando con el servidor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sincronización terminada</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sincronización</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sincronizar &amp;ahora</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Ver sincronización…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Registrar equipo…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tasks</name>
    <message>
        <source>Ocurrió un error inesperado. Se guardó el detalle en el registro; intente de nuevo.</source>
        <extracomment>How long an operation may run before a progress dialog appears (short ones never flash one).</extracomment>
        <translation type="unfinished">Mana suyasqa pantay karqan. Registropi waqaychakunñam; watiqmanta pruebay.</translation>
    </message>
    <message>
        <source>No se pudo completar</source>
        <translation type="unfinished">Manam tukuyta atikunchu</translation>
    </message>
    <message>
        <source>Trabajando…</source>
        <translation type="unfinished">Llamk&apos;ashan…</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <source>⚠ Equipo sin registrar: no se pueden guardar solicitudes. Regístrelo con «tambo enroll».</source>
        <translation type="unfinished">⚠ Mana qillqasqa computadora: mañakuykunata manam waqaychayta atikunchu. «tambo enroll» nisqawan qillqay.</translation>
    </message>
</context>
</TS>
