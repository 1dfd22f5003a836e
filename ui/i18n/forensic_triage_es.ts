<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>AddEvidenceDialog</name>
    <message>
        <source>Add evidence</source>
        <translation>Agregar evidencia</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <source>what the exhibit is, e.g. &apos;Kingston USB stick, 16 GB&apos;</source>
        <translation>qué es el indicio, p. ej. &apos;Memoria USB Kingston, 16 GB&apos;</translation>
    </message>
    <message>
        <source>a disk image (raw/dd, split raw, E01, VHD, VMDK, QCOW — the first segment), a phone extraction (ZIP, TAR) or a folder</source>
        <translation>una imagen de disco (raw/dd, raw dividida, E01, VHD, VMDK, QCOW — el primer segmento), una extracción de teléfono (ZIP, TAR) o una carpeta</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>Carpeta…</translation>
    </message>
    <message>
        <source>A folder: an extraction tool&apos;s output or an iTunes/Finder backup of an iPhone (recognised from its Manifest.db)</source>
        <translation>Una carpeta: la salida de una herramienta de extracción o una copia de seguridad iTunes/Finder de un iPhone (reconocida por su Manifest.db)</translation>
    </message>
    <message>
        <source>Evidence *</source>
        <translation>Indicio *</translation>
    </message>
    <message>
        <source>Exhibit number *</source>
        <translation>Número de indicio *</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descripción</translation>
    </message>
    <message>
        <source>Seal numbers</source>
        <translation>Números de precinto</translation>
    </message>
    <message>
        <source>unknown (e.g. America/Port_of_Spain or -04:00)</source>
        <translation>desconocida (p. ej. America/Port_of_Spain o -04:00)</translation>
    </message>
    <message>
        <source>The zone the device&apos;s clock was set to, if known. FAT, exFAT and camera times are local clock times: without a zone they are shown as local, never as UTC; with one they are shown in UTC, marked as assumed.</source>
        <translation>La zona horaria del reloj del dispositivo, si se conoce. Las horas de FAT, exFAT y de cámaras son horas del reloj local: sin zona se muestran como locales, nunca como UTC; con una zona se muestran en UTC, marcadas como supuestas.</translation>
    </message>
    <message>
        <source>Device clock zone</source>
        <translation>Zona horaria del dispositivo</translation>
    </message>
    <message>
        <source>Keep it as an exhibit even if it holds no partition table, file system or known format (hashed; nothing is listed from it)</source>
        <translation>Conservarlo como indicio aunque no tenga tabla de particiones, sistema de archivos ni formato conocido (se calcula su hash; no se lista nada)</translation>
    </message>
    <message>
        <source>Add and verify</source>
        <translation>Agregar y verificar</translation>
    </message>
    <message>
        <source>Choose the image (first segment)</source>
        <translation>Elija la imagen (primer segmento)</translation>
    </message>
    <message>
        <source>Choose the extraction folder or iOS backup</source>
        <translation>Elija la carpeta de la extracción o la copia de seguridad de iOS</translation>
    </message>
    <message>
        <source>a folder of files</source>
        <translation>una carpeta de archivos</translation>
    </message>
    <message>
        <source>a ZIP archive</source>
        <translation>un archivo ZIP</translation>
    </message>
    <message>
        <source>a TAR archive</source>
        <translation>un archivo TAR</translation>
    </message>
    <message>
        <source>an iOS backup (iTunes/Finder)</source>
        <translation>una copia de seguridad de iOS (iTunes/Finder)</translation>
    </message>
    <message>
        <source>{0}; every file is hashed at intake and read in place, read-only.</source>
        <translation>{0}; se calcula el hash de cada archivo al ingresarlo y se lee en su lugar, en solo lectura.</translation>
    </message>
    <message>
        <source>raw image</source>
        <translation>imagen raw</translation>
    </message>
    <message>
        <source>split raw image</source>
        <translation>imagen raw dividida</translation>
    </message>
    <message>
        <source>EWF (E01) image</source>
        <translation>imagen EWF (E01)</translation>
    </message>
    <message>
        <source>VHD virtual disk</source>
        <translation>disco virtual VHD</translation>
    </message>
    <message>
        <source>VHDX virtual disk</source>
        <translation>disco virtual VHDX</translation>
    </message>
    <message>
        <source>VMDK virtual disk</source>
        <translation>disco virtual VMDK</translation>
    </message>
    <message>
        <source>QCOW virtual disk</source>
        <translation>disco virtual QCOW</translation>
    </message>
    <message>
        <source>{0}, {1} segment file(s); it will be opened read-only.</source>
        <translation>{0}, {1} archivo(s) de segmento; se abrirá en solo lectura.</translation>
    </message>
    <message>
        <source>Choose the evidence and give the exhibit number.</source>
        <translation>Elija el indicio e indique el número de indicio.</translation>
    </message>
    <message>
        <source>Reading the evidence once to compute MD5, SHA-1 and SHA-256…</source>
        <translation>Leyendo el indicio una vez para calcular MD5, SHA-1 y SHA-256…</translation>
    </message>
    <message>
        <source>Another job ({0}) is running; add the evidence when it ends.</source>
        <translation>Otra tarea ({0}) está en curso; agregue la evidencia cuando termine.</translation>
    </message>
    <message>
        <source>This image cannot be added</source>
        <translation>No se puede agregar esta imagen</translation>
    </message>
    <message>
        <source>{0}: {1} of {2} ({3}/s{4})</source>
        <translation>{0}: {1} de {2} ({3}/s{4})</translation>
    </message>
    <message>
        <source>{0} was added to the case.</source>
        <translation>{0} se agregó al caso.</translation>
    </message>
    <message>
        <source>The evidence was not added</source>
        <translation>La evidencia no se agregó</translation>
    </message>
    <message>
        <source>Intake cancelled; the evidence was not added.</source>
        <translation>Ingreso cancelado; la evidencia no se agregó.</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
</context>
<context>
    <name>ArtifactField</name>
    <message>
        <source>Access count</source>
        <translation>Número de accesos</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Cuenta</translation>
    </message>
    <message>
        <source>Account expires</source>
        <translation>Vencimiento de la cuenta</translation>
    </message>
    <message>
        <source>Account name</source>
        <translation>Nombre de la cuenta</translation>
    </message>
    <message>
        <source>Account sid</source>
        <translation>SID de la cuenta</translation>
    </message>
    <message>
        <source>Account type</source>
        <translation>Tipo de cuenta</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Active time bias minutes</source>
        <translation>Sesgo de hora activo (minutos)</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Agregado</translation>
    </message>
    <message>
        <source>Added time</source>
        <translation>Hora de agregado</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <source>Altitude</source>
        <translation>Altitud</translation>
    </message>
    <message>
        <source>App id</source>
        <translation>ID de aplicación</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Aplicación</translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation>Argumentos</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Adjuntos</translation>
    </message>
    <message>
        <source>Authentication package</source>
        <translation>Paquete de autenticación</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Autor</translation>
    </message>
    <message>
        <source>Bcc</source>
        <translation>Cco</translation>
    </message>
    <message>
        <source>Birth droid file</source>
        <translation>Archivo droid de origen</translation>
    </message>
    <message>
        <source>Birth droid volume</source>
        <translation>Volumen droid de origen</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Cuerpo</translation>
    </message>
    <message>
        <source>Browser</source>
        <translation>Navegador</translation>
    </message>
    <message>
        <source>Bssids</source>
        <translation>BSSID</translation>
    </message>
    <message>
        <source>Build</source>
        <translation>Compilación</translation>
    </message>
    <message>
        <source>Bundle id</source>
        <translation>ID del bundle</translation>
    </message>
    <message>
        <source>Bundle path</source>
        <translation>Ruta del bundle</translation>
    </message>
    <message>
        <source>Call id</source>
        <translation>ID de llamada</translation>
    </message>
    <message>
        <source>Call type</source>
        <translation>Tipo de llamada</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <source>Cc</source>
        <translation>Cc</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>Chat name</source>
        <translation>Nombre del chat</translation>
    </message>
    <message>
        <source>Chat subject</source>
        <translation>Asunto del chat</translation>
    </message>
    <message>
        <source>Client name</source>
        <translation>Nombre del cliente</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Comando</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comentario</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>Comentarios</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Empresa</translation>
    </message>
    <message>
        <source>Computer</source>
        <translation>Equipo</translation>
    </message>
    <message>
        <source>Computer name</source>
        <translation>Nombre del equipo</translation>
    </message>
    <message>
        <source>Control set</source>
        <translation>Conjunto de control</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>País</translation>
    </message>
    <message>
        <source>Country iso</source>
        <translation>País (ISO)</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Creado</translation>
    </message>
    <message>
        <source>Current version</source>
        <translation>Versión actual</translation>
    </message>
    <message>
        <source>Danger type</source>
        <translation>Tipo de peligro</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Date delivered</source>
        <translation>Fecha de entrega</translation>
    </message>
    <message>
        <source>Date header</source>
        <translation>Encabezado de fecha</translation>
    </message>
    <message>
        <source>Date read</source>
        <translation>Fecha de lectura</translation>
    </message>
    <message>
        <source>Date sent</source>
        <translation>Fecha de envío</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Eliminado</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descripción</translation>
    </message>
    <message>
        <source>Destlist droid file</source>
        <translation>Archivo droid de DestList</translation>
    </message>
    <message>
        <source>Destlist droid volume</source>
        <translation>Volumen droid de DestList</translation>
    </message>
    <message>
        <source>Destlist path</source>
        <translation>Ruta de DestList</translation>
    </message>
    <message>
        <source>Device type</source>
        <translation>Tipo de dispositivo</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Dirección (sentido)</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Deshabilitado</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Nombre para mostrar</translation>
    </message>
    <message>
        <source>Display version</source>
        <translation>Versión mostrada</translation>
    </message>
    <message>
        <source>Dns suffix</source>
        <translation>Sufijo DNS</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>Dominio</translation>
    </message>
    <message>
        <source>Drive letter</source>
        <translation>Letra de unidad</translation>
    </message>
    <message>
        <source>Drive number</source>
        <translation>Número de unidad</translation>
    </message>
    <message>
        <source>Drive type</source>
        <translation>Tipo de unidad</translation>
    </message>
    <message>
        <source>Droid file</source>
        <translation>Archivo droid</translation>
    </message>
    <message>
        <source>Droid volume</source>
        <translation>Volumen droid</translation>
    </message>
    <message>
        <source>Duration seconds</source>
        <translation>Duración (segundos)</translation>
    </message>
    <message>
        <source>Edit time minutes</source>
        <translation>Tiempo de edición (minutos)</translation>
    </message>
    <message>
        <source>Edition</source>
        <translation>Edición</translation>
    </message>
    <message>
        <source>Emails</source>
        <translation>Correos electrónicos</translation>
    </message>
    <message>
        <source>Emptied</source>
        <translation>Vaciado</translation>
    </message>
    <message>
        <source>Encrypted</source>
        <translation>Cifrado</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>End time</source>
        <translation>Hora de fin</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Entrada</translation>
    </message>
    <message>
        <source>Entry id</source>
        <translation>ID de entrada</translation>
    </message>
    <message>
        <source>Event data</source>
        <translation>Datos del evento</translation>
    </message>
    <message>
        <source>Event id</source>
        <translation>ID del evento</translation>
    </message>
    <message>
        <source>Executable</source>
        <translation>Ejecutable</translation>
    </message>
    <message>
        <source>Executable path</source>
        <translation>Ruta del ejecutable</translation>
    </message>
    <message>
        <source>Executed</source>
        <translation>Ejecutado</translation>
    </message>
    <message>
        <source>Extension</source>
        <translation>Extensión</translation>
    </message>
    <message>
        <source>Failed logon count</source>
        <translation>Inicios de sesión fallidos</translation>
    </message>
    <message>
        <source>First connected local</source>
        <translation>Primera conexión (local)</translation>
    </message>
    <message>
        <source>First installed</source>
        <translation>Primera instalación</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Indicadores</translation>
    </message>
    <message>
        <source>Focus count</source>
        <translation>Número de enfoques</translation>
    </message>
    <message>
        <source>Focus time ms</source>
        <translation>Tiempo en primer plano (ms)</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Carpeta</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Formato</translation>
    </message>
    <message>
        <source>Format version</source>
        <translation>Versión del formato</translation>
    </message>
    <message>
        <source>Friendly name</source>
        <translation>Nombre descriptivo</translation>
    </message>
    <message>
        <source>From jid</source>
        <translation>JID del remitente</translation>
    </message>
    <message>
        <source>From me</source>
        <translation>Enviado por mí</translation>
    </message>
    <message>
        <source>From url</source>
        <translation>URL de origen</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Nombre completo</translation>
    </message>
    <message>
        <source>Gateway mac</source>
        <translation>MAC de la puerta de enlace</translation>
    </message>
    <message>
        <source>Gps map datum</source>
        <translation>Datum del mapa GPS</translation>
    </message>
    <message>
        <source>Gps time</source>
        <translation>Hora GPS</translation>
    </message>
    <message>
        <source>Guid</source>
        <translation>GUID</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>Alto</translation>
    </message>
    <message>
        <source>Hidden</source>
        <translation>Oculto</translation>
    </message>
    <message>
        <source>Hive</source>
        <translation>Colmena</translation>
    </message>
    <message>
        <source>Hostname</source>
        <translation>Nombre de host</translation>
    </message>
    <message>
        <source>Icon location</source>
        <translation>Ubicación del icono</translation>
    </message>
    <message>
        <source>Image path</source>
        <translation>Ruta de la imagen</translation>
    </message>
    <message>
        <source>In reply to</source>
        <translation>En respuesta a</translation>
    </message>
    <message>
        <source>Index</source>
        <translation>Índice</translation>
    </message>
    <message>
        <source>Install date</source>
        <translation>Fecha de instalación</translation>
    </message>
    <message>
        <source>Install location</source>
        <translation>Ubicación de instalación</translation>
    </message>
    <message>
        <source>Install source</source>
        <translation>Origen de instalación</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>Instalado</translation>
    </message>
    <message>
        <source>Jumplist type</source>
        <translation>Tipo de jumplist</translation>
    </message>
    <message>
        <source>Key last written</source>
        <translation>Última escritura de la clave</translation>
    </message>
    <message>
        <source>Key path</source>
        <translation>Ruta de la clave</translation>
    </message>
    <message>
        <source>Keywords</source>
        <translation>Palabras clave</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Clase</translation>
    </message>
    <message>
        <source>Last auto joined</source>
        <translation>Última asociación automática</translation>
    </message>
    <message>
        <source>Last connected</source>
        <translation>Última conexión</translation>
    </message>
    <message>
        <source>Last connected local</source>
        <translation>Última conexión (local)</translation>
    </message>
    <message>
        <source>Last contacted</source>
        <translation>Último contacto</translation>
    </message>
    <message>
        <source>Last failed logon</source>
        <translation>Último inicio de sesión fallido</translation>
    </message>
    <message>
        <source>Last joined</source>
        <translation>Última asociación</translation>
    </message>
    <message>
        <source>Last logon</source>
        <translation>Último inicio de sesión</translation>
    </message>
    <message>
        <source>Last password change</source>
        <translation>Último cambio de contraseña</translation>
    </message>
    <message>
        <source>Last removed</source>
        <translation>Última extracción</translation>
    </message>
    <message>
        <source>Last run</source>
        <translation>Última ejecución</translation>
    </message>
    <message>
        <source>Last saved by</source>
        <translation>Guardado por última vez por</translation>
    </message>
    <message>
        <source>Last shutdown</source>
        <translation>Último apagado</translation>
    </message>
    <message>
        <source>Last updated</source>
        <translation>Última actualización</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>Último uso</translation>
    </message>
    <message>
        <source>Last viewed</source>
        <translation>Última visualización</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>Latitud</translation>
    </message>
    <message>
        <source>Lens model</source>
        <translation>Modelo de lente</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Nivel</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Línea</translation>
    </message>
    <message>
        <source>Local path</source>
        <translation>Ruta local</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Ubicación</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Registro</translation>
    </message>
    <message>
        <source>Logon count</source>
        <translation>Número de inicios de sesión</translation>
    </message>
    <message>
        <source>Logon id</source>
        <translation>ID de inicio de sesión</translation>
    </message>
    <message>
        <source>Logon type</source>
        <translation>Tipo de inicio de sesión</translation>
    </message>
    <message>
        <source>Logon type name</source>
        <translation>Nombre del tipo de inicio de sesión</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>Longitud</translation>
    </message>
    <message>
        <source>Mac address</source>
        <translation>Dirección MAC</translation>
    </message>
    <message>
        <source>Machine id</source>
        <translation>ID de la máquina</translation>
    </message>
    <message>
        <source>Make</source>
        <translation>Marca</translation>
    </message>
    <message>
        <source>Managed</source>
        <translation>Administrado</translation>
    </message>
    <message>
        <source>Media mime</source>
        <translation>MIME del medio</translation>
    </message>
    <message>
        <source>Media path</source>
        <translation>Ruta del medio</translation>
    </message>
    <message>
        <source>Media size</source>
        <translation>Tamaño del medio</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Miembro</translation>
    </message>
    <message>
        <source>Message id</source>
        <translation>ID del mensaje</translation>
    </message>
    <message>
        <source>Message type</source>
        <translation>Tipo de mensaje</translation>
    </message>
    <message>
        <source>Mime type</source>
        <translation>Tipo MIME</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Modificado</translation>
    </message>
    <message>
        <source>Modified camera clock</source>
        <translation>Modificado (reloj de la cámara)</translation>
    </message>
    <message>
        <source>Modified time</source>
        <translation>Hora de modificación</translation>
    </message>
    <message>
        <source>Mru position</source>
        <translation>Posición MRU</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Network path</source>
        <translation>Ruta de red</translation>
    </message>
    <message>
        <source>Network type</source>
        <translation>Tipo de red</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Número</translation>
    </message>
    <message>
        <source>Numbers</source>
        <translation>Números</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Abierto</translation>
    </message>
    <message>
        <source>Opened time</source>
        <translation>Hora de apertura</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Orden</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>Organización</translation>
    </message>
    <message>
        <source>Original name</source>
        <translation>Nombre original</translation>
    </message>
    <message>
        <source>Original path</source>
        <translation>Ruta original</translation>
    </message>
    <message>
        <source>Owner sid</source>
        <translation>SID del propietario</translation>
    </message>
    <message>
        <source>Party</source>
        <translation>Interlocutor</translation>
    </message>
    <message>
        <source>Password hint</source>
        <translation>Indicio de contraseña</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Ruta</translation>
    </message>
    <message>
        <source>Phone numbers</source>
        <translation>Números de teléfono</translation>
    </message>
    <message>
        <source>Pin status</source>
        <translation>Estado de fijación</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Posición</translation>
    </message>
    <message>
        <source>Prefetch hash</source>
        <translation>Hash de Prefetch</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>Impreso</translation>
    </message>
    <message>
        <source>Private</source>
        <translation>Privado</translation>
    </message>
    <message>
        <source>Process id</source>
        <translation>ID del proceso</translation>
    </message>
    <message>
        <source>Process name</source>
        <translation>Nombre del proceso</translation>
    </message>
    <message>
        <source>Producer</source>
        <translation>Productor</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Producto</translation>
    </message>
    <message>
        <source>Product id</source>
        <translation>ID del producto</translation>
    </message>
    <message>
        <source>Product name</source>
        <translation>Nombre del producto</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Perfil</translation>
    </message>
    <message>
        <source>Profile guid</source>
        <translation>GUID del perfil</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Proveedor</translation>
    </message>
    <message>
        <source>Publisher</source>
        <translation>Editor</translation>
    </message>
    <message>
        <source>Push name</source>
        <translation>Nombre de perfil (push name)</translation>
    </message>
    <message>
        <source>Raw contact id</source>
        <translation>ID de contacto sin procesar</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Leído</translation>
    </message>
    <message>
        <source>Received bytes</source>
        <translation>Bytes recibidos</translation>
    </message>
    <message>
        <source>Record number</source>
        <translation>Número de registro</translation>
    </message>
    <message>
        <source>Recovered</source>
        <translation>Recuperado</translation>
    </message>
    <message>
        <source>Recycled name</source>
        <translation>Nombre en la papelera</translation>
    </message>
    <message>
        <source>Referenced files</source>
        <translation>Archivos referenciados</translation>
    </message>
    <message>
        <source>Referrer</source>
        <translation>Referente</translation>
    </message>
    <message>
        <source>Registered organization</source>
        <translation>Organización registrada</translation>
    </message>
    <message>
        <source>Registered owner</source>
        <translation>Propietario registrado</translation>
    </message>
    <message>
        <source>Relative path</source>
        <translation>Ruta relativa</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Revisión</translation>
    </message>
    <message>
        <source>Rid</source>
        <translation>RID</translation>
    </message>
    <message>
        <source>Row id</source>
        <translation>ID de fila</translation>
    </message>
    <message>
        <source>Run count</source>
        <translation>Número de ejecuciones</translation>
    </message>
    <message>
        <source>Run times</source>
        <translation>Horas de ejecución</translation>
    </message>
    <message>
        <source>Sandbox path</source>
        <translation>Ruta del contenedor (sandbox)</translation>
    </message>
    <message>
        <source>Search time</source>
        <translation>Hora de búsqueda</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Seguridad</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Remitente</translation>
    </message>
    <message>
        <source>Sent date</source>
        <translation>Fecha de envío</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>Serie</translation>
    </message>
    <message>
        <source>Serial is generated</source>
        <translation>Serie generada</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>Número de serie</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Servicio</translation>
    </message>
    <message>
        <source>Service center</source>
        <translation>Centro de servicio</translation>
    </message>
    <message>
        <source>Service dll</source>
        <translation>DLL del servicio</translation>
    </message>
    <message>
        <source>Service name</source>
        <translation>Nombre del servicio</translation>
    </message>
    <message>
        <source>Service type</source>
        <translation>Tipo de servicio</translation>
    </message>
    <message>
        <source>Session id</source>
        <translation>ID de sesión</translation>
    </message>
    <message>
        <source>Shell</source>
        <translation>Shell</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
    <message>
        <source>Size kb</source>
        <translation>Tamaño (KB)</translation>
    </message>
    <message>
        <source>Software</source>
        <translation>Software</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origen</translation>
    </message>
    <message>
        <source>Source address</source>
        <translation>Dirección de origen</translation>
    </message>
    <message>
        <source>Source port</source>
        <translation>Puerto de origen</translation>
    </message>
    <message>
        <source>Ssid</source>
        <translation>SSID</translation>
    </message>
    <message>
        <source>Starred</source>
        <translation>Destacado</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Start time</source>
        <translation>Hora de inicio</translation>
    </message>
    <message>
        <source>Start type</source>
        <translation>Tipo de inicio</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado (situación)</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Stream</source>
        <translation>Flujo</translation>
    </message>
    <message>
        <source>Sub status</source>
        <translation>Subestado</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Asunto</translation>
    </message>
    <message>
        <source>Subject account</source>
        <translation>Cuenta del sujeto</translation>
    </message>
    <message>
        <source>Subject domain</source>
        <translation>Dominio del sujeto</translation>
    </message>
    <message>
        <source>System root</source>
        <translation>Raíz del sistema</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabla</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>Tomada</translation>
    </message>
    <message>
        <source>Taken camera clock</source>
        <translation>Tomada (reloj de la cámara)</translation>
    </message>
    <message>
        <source>Taken offset</source>
        <translation>Desfase de la toma</translation>
    </message>
    <message>
        <source>Target accessed</source>
        <translation>Destino accedido</translation>
    </message>
    <message>
        <source>Target account</source>
        <translation>Cuenta de destino</translation>
    </message>
    <message>
        <source>Target attributes</source>
        <translation>Atributos del destino</translation>
    </message>
    <message>
        <source>Target created</source>
        <translation>Destino creado</translation>
    </message>
    <message>
        <source>Target domain</source>
        <translation>Dominio de destino</translation>
    </message>
    <message>
        <source>Target modified</source>
        <translation>Destino modificado</translation>
    </message>
    <message>
        <source>Target path</source>
        <translation>Ruta de destino</translation>
    </message>
    <message>
        <source>Target sid</source>
        <translation>SID de destino</translation>
    </message>
    <message>
        <source>Target size</source>
        <translation>Tamaño del destino</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Plantilla</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>Término</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <source>Thread id</source>
        <translation>ID del hilo</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zona horaria</translation>
    </message>
    <message>
        <source>Time zone bias minutes</source>
        <translation>Sesgo de zona horaria (minutos)</translation>
    </message>
    <message>
        <source>Times contacted</source>
        <translation>Veces contactado</translation>
    </message>
    <message>
        <source>Timestamp</source>
        <translation>Marca de tiempo</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Para</translation>
    </message>
    <message>
        <source>To jid</source>
        <translation>JID del destinatario</translation>
    </message>
    <message>
        <source>Total bytes</source>
        <translation>Bytes totales</translation>
    </message>
    <message>
        <source>Transition</source>
        <translation>Transición</translation>
    </message>
    <message>
        <source>Trashed</source>
        <translation>Enviado a la papelera</translation>
    </message>
    <message>
        <source>Typed count</source>
        <translation>Veces escrita</translation>
    </message>
    <message>
        <source>Typed time</source>
        <translation>Hora de escritura</translation>
    </message>
    <message>
        <source>Uninstall string</source>
        <translation>Cadena de desinstalación</translation>
    </message>
    <message>
        <source>Unique id</source>
        <translation>ID único</translation>
    </message>
    <message>
        <source>Url</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>User sid</source>
        <translation>SID del usuario</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Nombre de usuario</translation>
    </message>
    <message>
        <source>Utc offset seconds</source>
        <translation>Desfase UTC (segundos)</translation>
    </message>
    <message>
        <source>Uuid</source>
        <translation>UUID</translation>
    </message>
    <message>
        <source>Vendor</source>
        <translation>Fabricante</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <source>Visit count</source>
        <translation>Número de visitas</translation>
    </message>
    <message>
        <source>Visit id</source>
        <translation>ID de visita</translation>
    </message>
    <message>
        <source>Visit time</source>
        <translation>Hora de visita</translation>
    </message>
    <message>
        <source>Volume guid</source>
        <translation>GUID del volumen</translation>
    </message>
    <message>
        <source>Volume label</source>
        <translation>Etiqueta del volumen</translation>
    </message>
    <message>
        <source>Volume serial</source>
        <translation>Serie del volumen</translation>
    </message>
    <message>
        <source>Volumes</source>
        <translation>Volúmenes</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>Ancho</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Ventana</translation>
    </message>
    <message>
        <source>Working directory</source>
        <translation>Directorio de trabajo</translation>
    </message>
    <message>
        <source>Workstation</source>
        <translation>Estación de trabajo</translation>
    </message>
    <message>
        <source>Account id</source>
        <translation>ID de la cuenta</translation>
    </message>
    <message>
        <source>Android user</source>
        <translation>Usuario de Android</translation>
    </message>
    <message>
        <source>Bssid</source>
        <translation>BSSID</translation>
    </message>
    <message>
        <source>Code modified</source>
        <translation>Código modificado</translation>
    </message>
    <message>
        <source>Code path</source>
        <translation>Ruta del código</translation>
    </message>
    <message>
        <source>Creation time text</source>
        <translation>Hora de creación (texto)</translation>
    </message>
    <message>
        <source>Creator name</source>
        <translation>Nombre del creador</translation>
    </message>
    <message>
        <source>Creator uid</source>
        <translation>UID del creador</translation>
    </message>
    <message>
        <source>Data dir</source>
        <translation>Directorio de datos</translation>
    </message>
    <message>
        <source>Debuggable</source>
        <translation>Depurable</translation>
    </message>
    <message>
        <source>Dialog id</source>
        <translation>ID de la conversación</translation>
    </message>
    <message>
        <source>Dialog name</source>
        <translation>Nombre de la conversación</translation>
    </message>
    <message>
        <source>Display</source>
        <translation>Texto mostrado</translation>
    </message>
    <message>
        <source>First install</source>
        <translation>Primera instalación</translation>
    </message>
    <message>
        <source>Has ever connected</source>
        <translation>Se ha conectado alguna vez</translation>
    </message>
    <message>
        <source>Has media</source>
        <translation>Contiene multimedia</translation>
    </message>
    <message>
        <source>Installer</source>
        <translation>Instalador</translation>
    </message>
    <message>
        <source>Last password entry</source>
        <translation>Última introducción de la contraseña</translation>
    </message>
    <message>
        <source>Last update</source>
        <translation>Última actualización</translation>
    </message>
    <message>
        <source>Last update name</source>
        <translation>Nombre de la última actualización</translation>
    </message>
    <message>
        <source>Most recently connected</source>
        <translation>Conectada más recientemente</translation>
    </message>
    <message>
        <source>Outgoing</source>
        <translation>Saliente</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>Paquete</translation>
    </message>
    <message>
        <source>Password stored</source>
        <translation>Contraseña almacenada</translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation>Permisos</translation>
    </message>
    <message>
        <source>Previous name</source>
        <translation>Nombre anterior</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioridad</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>Consulta</translation>
    </message>
    <message>
        <source>Randomized mac</source>
        <translation>MAC aleatoria</translation>
    </message>
    <message>
        <source>Selection status</source>
        <translation>Estado de selección</translation>
    </message>
    <message>
        <source>Source latitude</source>
        <translation>Latitud de origen</translation>
    </message>
    <message>
        <source>Source longitude</source>
        <translation>Longitud de origen</translation>
    </message>
    <message>
        <source>System app</source>
        <translation>Aplicación del sistema</translation>
    </message>
    <message>
        <source>Text status</source>
        <translation>Estado del texto</translation>
    </message>
    <message>
        <source>Uid</source>
        <translation>UID</translation>
    </message>
    <message>
        <source>User id</source>
        <translation>ID de usuario</translation>
    </message>
    <message>
        <source>Version code</source>
        <translation>Código de versión</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Nombre de pila</translation>
    </message>
    <message>
        <source>Last message date</source>
        <translation>Fecha del último mensaje</translation>
    </message>
    <message>
        <source>Last message id</source>
        <translation>ID del último mensaje</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Apellido</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Número de teléfono</translation>
    </message>
    <message>
        <source>Pinned</source>
        <translation>Fijado</translation>
    </message>
    <message>
        <source>Unread count</source>
        <translation>Número de no leídos</translation>
    </message>
</context>
<context>
    <name>Audit</name>
    <message>
        <source>#</source>
        <translation>N.º</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <source>Entry hash (SHA-256)</source>
        <translation>Hash de la entrada (SHA-256)</translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <source>Verify the audit chain</source>
        <translation>Verificar la cadena de auditoría</translation>
    </message>
    <message>
        <source>Add custody event…</source>
        <translation>Agregar evento de custodia…</translation>
    </message>
    <message>
        <source>Audit log: every examiner and tool action, hash-chained</source>
        <translation>Registro de auditoría: cada acción del perito y de la herramienta, encadenada por hash</translation>
    </message>
    <message>
        <source>Chain of custody</source>
        <translation>Cadena de custodia</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Verificando…</translation>
    </message>
    <message>
        <source>The audit log was altered: {0}</source>
        <translation>El registro de auditoría fue alterado: {0}</translation>
    </message>
    <message>
        <source>Intact: every entry follows the one before. Head hash {0}</source>
        <translation>Íntegro: cada entrada sigue a la anterior. Hash final {0}</translation>
    </message>
</context>
<context>
    <name>BrowseView</name>
    <message>
        <source>Folder {0}</source>
        <translation>Carpeta {0}</translation>
    </message>
    <message>
        <source>Every file of the selected file system</source>
        <translation>Todos los archivos del sistema de archivos seleccionado</translation>
    </message>
    <message>
        <source>Every file of the selected evidence item</source>
        <translation>Todos los archivos del elemento de evidencia seleccionado</translation>
    </message>
    <message>
        <source>Every file in the case</source>
        <translation>Todos los archivos del caso</translation>
    </message>
    <message>
        <source>entries</source>
        <translation>entradas</translation>
    </message>
    <message>
        <source>files</source>
        <translation>archivos</translation>
    </message>
    <message>
        <source>{0} {1} loaded…</source>
        <translation>{0} {1} cargados…</translation>
    </message>
    <message>
        <source>{0} {1} (showing {2})</source>
        <translation>{0} {1} (se muestran {2})</translation>
    </message>
</context>
<context>
    <name>CaseDetailsDialog</name>
    <message>
        <source>Case details for the report</source>
        <translation>Detalles del caso para el informe</translation>
    </message>
    <message>
        <source>Your own words for the report. Each change is recorded in the audit log with a SHA-256 of the new text; a report is marked DRAFT until the request, your qualifications and the conclusions are all filled.</source>
        <translation>Sus propias palabras para el informe. Cada cambio queda en el registro de auditoría con un SHA-256 del texto nuevo; un informe se marca BORRADOR hasta que la solicitud, sus calificaciones y las conclusiones estén completas.</translation>
    </message>
    <message>
        <source>The questions the examination must answer, as asked by the requester</source>
        <translation>Las preguntas que el examen debe responder, tal como las formuló el solicitante</translation>
    </message>
    <message>
        <source>Your qualifications, training and experience relevant to this examination</source>
        <translation>Sus calificaciones, formación y experiencia pertinentes para este examen</translation>
    </message>
    <message>
        <source>e.g. Digital forensic examiner</source>
        <translation>p. ej. Perito en informática forense</translation>
    </message>
    <message>
        <source>Your conclusions, answering the request; say what the findings do and do not show</source>
        <translation>Sus conclusiones, que responden a la solicitud; diga lo que los hallazgos muestran y lo que no muestran</translation>
    </message>
    <message>
        <source>Request (questions asked)</source>
        <translation>Solicitud (preguntas formuladas)</translation>
    </message>
    <message>
        <source>Examiner</source>
        <translation>Perito</translation>
    </message>
    <message>
        <source>Qualifications</source>
        <translation>Calificaciones</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Función</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organización</translation>
    </message>
    <message>
        <source>Conclusions</source>
        <translation>Conclusiones</translation>
    </message>
    <message>
        <source>This is a review case imported from a package; its report details cannot be changed.</source>
        <translation>Este es un caso de revisión importado de un paquete; sus detalles de informe no se pueden cambiar.</translation>
    </message>
    <message>
        <source>Still empty: {0}. A report made now is marked DRAFT.</source>
        <translation>Aún vacío: {0}. Un informe hecho ahora se marca BORRADOR.</translation>
    </message>
    <message>
        <source>Request, qualifications and conclusions are filled.</source>
        <translation>La solicitud, las calificaciones y las conclusiones están completas.</translation>
    </message>
</context>
<context>
    <name>CaseDetailsPage</name>
    <message>
        <source>The case</source>
        <translation>El caso</translation>
    </message>
    <message>
        <source>What this examination is for. Fields marked * are required.</source>
        <translation>Para qué es este examen. Los campos marcados con * son obligatorios.</translation>
    </message>
    <message>
        <source>e.g. CYB-2025-0142</source>
        <translation>p. ej. CYB-2025-0142</translation>
    </message>
    <message>
        <source>warrant or court order number</source>
        <translation>número de orden judicial o de allanamiento</translation>
    </message>
    <message>
        <source>Case number *</source>
        <translation>Número de caso *</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>Agency / laboratory</source>
        <translation>Institución / laboratorio</translation>
    </message>
    <message>
        <source>Authority (warrant / order)</source>
        <translation>Autorización (orden judicial)</translation>
    </message>
    <message>
        <source>Requested by</source>
        <translation>Solicitado por</translation>
    </message>
    <message>
        <source>The case number</source>
        <translation>El número de caso</translation>
    </message>
    <message>
        <source>The title</source>
        <translation>El título</translation>
    </message>
    <message>
        <source>The agency</source>
        <translation>La institución</translation>
    </message>
    <message>
        <source>The authority</source>
        <translation>La autorización</translation>
    </message>
    <message>
        <source>The requester</source>
        <translation>El solicitante</translation>
    </message>
</context>
<context>
    <name>CaseWizard</name>
    <message>
        <source>{0} is required.</source>
        <translation>{0} es obligatorio.</translation>
    </message>
    <message>
        <source>{0} contains control or text-direction characters.</source>
        <translation>{0} contiene caracteres de control o de dirección del texto.</translation>
    </message>
    <message>
        <source>{0} is longer than {1} characters.</source>
        <translation>{0} tiene más de {1} caracteres.</translation>
    </message>
    <message>
        <source>Choose a folder for the case.</source>
        <translation>Elija una carpeta para el caso.</translation>
    </message>
    <message>
        <source>A case already exists in {0}; choose another folder or open that case.</source>
        <translation>Ya existe un caso en {0}; elija otra carpeta o abra ese caso.</translation>
    </message>
    <message>
        <source>{0} is a file, not a folder.</source>
        <translation>{0} es un archivo, no una carpeta.</translation>
    </message>
    <message>
        <source>The folder {0} cannot be written here.</source>
        <translation>No se puede escribir en la carpeta {0}.</translation>
    </message>
</context>
<context>
    <name>CaseWorkspace</name>
    <message>
        <source>&amp;Overview</source>
        <translation>&amp;Resumen</translation>
    </message>
    <message>
        <source>&amp;Triage</source>
        <translation>&amp;Triaje</translation>
    </message>
    <message>
        <source>&amp;Browse files</source>
        <translation>&amp;Explorar archivos</translation>
    </message>
    <message>
        <source>F&amp;indings</source>
        <translation>&amp;Hallazgos</translation>
    </message>
    <message>
        <source>Ti&amp;meline</source>
        <translation>&amp;Línea de tiempo</translation>
    </message>
    <message>
        <source>&amp;Audit and custody</source>
        <translation>&amp;Auditoría y custodia</translation>
    </message>
</context>
<context>
    <name>Custody</name>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Exhibit</source>
        <translation>Indicio</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Dónde</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Por qué</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>To</source>
        <translation>A</translation>
    </message>
    <message>
        <source>Seals</source>
        <translation>Precintos</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Entered by</source>
        <translation>Registrado por</translation>
    </message>
    <message>
        <source>The examiner who entered this record</source>
        <translation>El perito que registró esta entrada</translation>
    </message>
    <message>
        <source>Entered at</source>
        <translation>Registrado el</translation>
    </message>
    <message>
        <source>When this record was entered (not when the event happened)</source>
        <translation>Cuándo se registró esta entrada (no cuándo ocurrió el evento)</translation>
    </message>
</context>
<context>
    <name>CustodyDialog</name>
    <message>
        <source>Add custody event</source>
        <translation>Agregar evento de custodia</translation>
    </message>
    <message>
        <source>A physical item that is not imaged in this case</source>
        <translation>Un objeto físico que no se ha adquirido como imagen en este caso</translation>
    </message>
    <message>
        <source>Without this, the exhibit must be an evidence item of the case</source>
        <translation>Sin esto, el indicio debe ser un elemento de evidencia del caso</translation>
    </message>
    <message>
        <source>Exhibit</source>
        <translation>Indicio</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <source>When (local time)</source>
        <translation>Cuándo (hora local)</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zona horaria</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Dónde</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Por qué</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>To</source>
        <translation>A</translation>
    </message>
    <message>
        <source>Seal numbers</source>
        <translation>Números de precinto</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Choose or type the exhibit.</source>
        <translation>Elija o escriba el indicio.</translation>
    </message>
    <message>
        <source>Say who acted.</source>
        <translation>Indique quién actuó.</translation>
    </message>
    <message>
        <source>Unknown time zone; use a name such as America/Port_of_Spain or an offset such as -04:00.</source>
        <translation>Zona horaria desconocida; use un nombre como America/Port_of_Spain o un desfase como -04:00.</translation>
    </message>
</context>
<context>
    <name>DetailsPane</name>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>Hex</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>Imagen</translation>
    </message>
    <message>
        <source>View as SQLite</source>
        <translation>Ver como SQLite</translation>
    </message>
    <message>
        <source>&lt;p&gt;Select a file to see its details.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Seleccione un archivo para ver sus detalles.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Ruta</translation>
    </message>
    <message>
        <source>Locator</source>
        <translation>Localizador</translation>
    </message>
    <message>
        <source>Evidence item</source>
        <translation>Elemento de evidencia</translation>
    </message>
    <message>
        <source>File system</source>
        <translation>Sistema de archivos</translation>
    </message>
    <message>
        <source>Inode / MFT entry</source>
        <translation>Inodo / entrada MFT</translation>
    </message>
    <message>
        <source>Stream</source>
        <translation>Flujo</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Eliminado</translation>
    </message>
    <message>
        <source>yes — the name is not allocated</source>
        <translation>sí — el nombre no está asignado</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>Metadata allocated</source>
        <translation>Metadatos asignados</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descripción</translation>
    </message>
    <message>
        <source>Extension</source>
        <translation>Extensión</translation>
    </message>
    <message>
        <source>does not match the content (looks like .{0})</source>
        <translation>no coincide con el contenido (parece .{0})</translation>
    </message>
    <message>
        <source>Entropy</source>
        <translation>Entropía</translation>
    </message>
    <message>
        <source>Encrypted?</source>
        <translation>¿Cifrado?</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Modificado</translation>
    </message>
    <message>
        <source>Accessed</source>
        <translation>Accedido</translation>
    </message>
    <message>
        <source>Changed (metadata)</source>
        <translation>Cambiado (metadatos)</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Creado</translation>
    </message>
    <message>
        <source>Times are</source>
        <translation>Las horas son</translation>
    </message>
    <message>
        <source>MD5</source>
        <translation>MD5</translation>
    </message>
    <message>
        <source>SHA-1</source>
        <translation>SHA-1</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Indicadores</translation>
    </message>
    <message>
        <source>Hash-set matches</source>
        <translation>Coincidencias con conjuntos de hash</translation>
    </message>
    <message>
        <source>YARA hits</source>
        <translation>Coincidencias YARA</translation>
    </message>
    <message>
        <source>Artifacts from this file</source>
        <translation>Artefactos de este archivo</translation>
    </message>
    <message>
        <source>Tags and notes</source>
        <translation>Etiquetas y notas</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Advertencias</translation>
    </message>
    <message>
        <source>This review case has no evidence image attached; content cannot be shown.</source>
        <translation>Este caso de revisión no tiene imagen de evidencia adjunta; no se puede mostrar el contenido.</translation>
    </message>
    <message>
        <source>This file is not a SQLite database.</source>
        <translation>Este archivo no es una base de datos SQLite.</translation>
    </message>
    <message>
        <source>The content cannot be shown: {0}</source>
        <translation>No se puede mostrar el contenido: {0}</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>The operation failed: {0}{1}.</source>
        <translation>La operación falló: {0}{1}.</translation>
    </message>
    <message>
        <source>An unexpected problem stopped this task ({0}). The case is unchanged apart from work already saved; please report this to the developers.</source>
        <translation>Un problema inesperado detuvo esta tarea ({0}). El caso no cambió, salvo el trabajo ya guardado; informe de esto a los desarrolladores.</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>Información</translation>
    </message>
</context>
<context>
    <name>EvidenceBanner</name>
    <message>
        <source>verified MATCH: the hashes computed now equal the hashes stored at acquisition</source>
        <translation>verificada COINCIDE: los hash calculados ahora son iguales a los guardados en la adquisición</translation>
    </message>
    <message>
        <source>MISMATCH: the hashes computed now differ from those stored at acquisition — do not rely on this image before you find out why</source>
        <translation>NO COINCIDE: los hash calculados ahora difieren de los guardados en la adquisición — no confíe en esta imagen antes de averiguar por qué</translation>
    </message>
    <message>
        <source>NOT STORED: the image holds no acquisition hash; the hashes below were computed at intake and are the reference from now on</source>
        <translation>NO GUARDADO: la imagen no contiene hash de adquisición; los hash de abajo se calcularon en el ingreso y son la referencia desde ahora</translation>
    </message>
    <message>
        <source>CHECKSUM ERRORS: chunks of the image failed their checksums (the sectors are named in the warnings) — the image is not verified</source>
        <translation>ERRORES DE SUMA DE CONTROL: bloques de la imagen fallaron su suma de control (los sectores se indican en las advertencias) — la imagen no está verificada</translation>
    </message>
    <message>
        <source>Device clock zone: {0} (declared by the examiner; local clock times are shown in UTC as an assumption)</source>
        <translation>Zona horaria del dispositivo: {0} (declarada por el perito; las horas del reloj local se muestran en UTC como supuesto)</translation>
    </message>
    <message>
        <source>Device clock zone: unknown (local clock times, e.g. FAT&apos;s, are shown as local, never as UTC)</source>
        <translation>Zona horaria del dispositivo: desconocida (las horas del reloj local, p. ej. las de FAT, se muestran como locales, nunca como UTC)</translation>
    </message>
    <message>
        <source> (locked)</source>
        <translation> (bloqueado)</translation>
    </message>
    <message>
        <source>File systems: {0}</source>
        <translation>Sistemas de archivos: {0}</translation>
    </message>
    <message>
        <source>No file system this tool can read was found; the media was hashed.</source>
        <translation>No se encontró ningún sistema de archivos que esta herramienta pueda leer; se calculó el hash del medio.</translation>
    </message>
    <message>
        <source>Opened read-only.</source>
        <translation>Abierto en solo lectura.</translation>
    </message>
</context>
<context>
    <name>EvidenceTreeModel</name>
    <message>
        <source>{0} ({1})</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>Evidence item {0}: {1}; verification {2}; opened read-only</source>
        <translation>Elemento de evidencia {0}: {1}; verificación {2}; abierto en solo lectura</translation>
    </message>
    <message>
        <source>Source time zone: {0}, declared by the examiner; local clock times are shown in UTC as an assumption.</source>
        <translation>Zona horaria de origen: {0}, declarada por el perito; las horas del reloj local se muestran en UTC como supuesto.</translation>
    </message>
    <message>
        <source>Source time zone: unknown; local clock times (FAT, EXIF) are shown as local, never as UTC.</source>
        <translation>Zona horaria de origen: desconocida; las horas del reloj local (FAT, EXIF) se muestran como locales, nunca como UTC.</translation>
    </message>
    <message>
        <source>no readable file system</source>
        <translation>ningún sistema de archivos legible</translation>
    </message>
    <message>
        <source>whole media</source>
        <translation>medio completo</translation>
    </message>
    <message>
        <source>partition {0}</source>
        <translation>partición {0}</translation>
    </message>
    <message>
        <source>{0} — {1}, {2}</source>
        <translation>{0} — {1}, {2}</translation>
    </message>
    <message>
        <source>{0} at byte {1}: {2}; status: {3}</source>
        <translation>{0} en el byte {1}: {2}; estado: {3}</translation>
    </message>
    <message>
        <source>{0} records the device&apos;s local clock with no time zone.</source>
        <translation>{0} registra el reloj local del dispositivo sin zona horaria.</translation>
    </message>
    <message>
        <source>{0} (deleted)</source>
        <translation>{0} (eliminado)</translation>
    </message>
    <message>
        <source>Shadow copy {0} (created {1} {2} UTC)</source>
        <translation>Instantánea {0} (creada {1} {2} UTC)</translation>
    </message>
    <message>
        <source>Shadow copy {0}</source>
        <translation>Instantánea {0}</translation>
    </message>
    <message>
        <source>{0}: the volume as it was when the copy was made; store {1}, copy set {2}; status: {3}</source>
        <translation>{0}: el volumen tal como estaba al crearse la copia; almacén {1}, conjunto de copias {2}; estado: {3}</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Evidencia</translation>
    </message>
    <message>
        <source> (deleted)</source>
        <translation> (eliminado)</translation>
    </message>
</context>
<context>
    <name>ExaminerPage</name>
    <message>
        <source>Examiner and time zone</source>
        <translation>Perito y zona horaria</translation>
    </message>
    <message>
        <source>Times are stored in UTC and shown in UTC and in this zone, with its offset.</source>
        <translation>Las horas se guardan en UTC y se muestran en UTC y en esta zona, con su desfase.</translation>
    </message>
    <message>
        <source>Examiner (full name) *</source>
        <translation>Perito (nombre completo) *</translation>
    </message>
    <message>
        <source>Display time zone *</source>
        <translation>Zona horaria de visualización *</translation>
    </message>
    <message>
        <source>An IANA zone name (America/Port_of_Spain) or an offset such as -04:00.</source>
        <translation>Un nombre de zona IANA (America/Port_of_Spain) o un desfase como -04:00.</translation>
    </message>
    <message>
        <source>The examiner&apos;s name</source>
        <translation>El nombre del perito</translation>
    </message>
    <message>
        <source>Unknown time zone “{0}”: use a name such as America/Port_of_Spain or an offset such as -04:00.</source>
        <translation>Zona horaria desconocida “{0}”: use un nombre como America/Port_of_Spain o un desfase como -04:00.</translation>
    </message>
</context>
<context>
    <name>FileFilter</name>
    <message>
        <source>All types</source>
        <translation>Todos los tipos</translation>
    </message>
    <message>
        <source>Pictures</source>
        <translation>Imágenes</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Video</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Documentos</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <source>Archives</source>
        <translation>Archivos comprimidos</translation>
    </message>
    <message>
        <source>Programs</source>
        <translation>Programas</translation>
    </message>
    <message>
        <source>Databases</source>
        <translation>Bases de datos</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Correo electrónico</translation>
    </message>
</context>
<context>
    <name>FileModel</name>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Carpeta</translation>
    </message>
    <message>
        <source>Size (bytes)</source>
        <translation>Tamaño (bytes)</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Modificado</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Creado</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Extension</source>
        <translation>Extensión</translation>
    </message>
    <message>
        <source>&apos;≠&apos; marks an extension that does not match the content</source>
        <translation>&apos;≠&apos; marca una extensión que no coincide con el contenido</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Eliminado</translation>
    </message>
    <message>
        <source>YARA</source>
        <translation>YARA</translation>
    </message>
    <message>
        <source>Hash set</source>
        <translation>Conjunto de hash</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Marcas</translation>
    </message>
    <message>
        <source>shadow copies: &apos;vss-only&apos; (not on the live volume), &apos;vss-changed&apos; (other content there), &apos;vss-identical&apos; (same content: not scanned again)</source>
        <translation>instantáneas: &apos;vss-only&apos; (no está en el volumen actual), &apos;vss-changed&apos; (allí tiene otro contenido), &apos;vss-identical&apos; (mismo contenido: no se analiza de nuevo)</translation>
    </message>
    <message>
        <source>MD5</source>
        <translation>MD5</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Filter by name or path, or paste an MD5/SHA-1/SHA-256</source>
        <translation>Filtrar por nombre o ruta, o pegue un MD5/SHA-1/SHA-256</translation>
    </message>
    <message>
        <source>Deleted and allocated</source>
        <translation>Eliminados y asignados</translation>
    </message>
    <message>
        <source>Deleted only</source>
        <translation>Solo eliminados</translation>
    </message>
    <message>
        <source>Allocated only</source>
        <translation>Solo asignados</translation>
    </message>
    <message>
        <source>Any hash-set status</source>
        <translation>Cualquier estado de conjunto de hash</translation>
    </message>
    <message>
        <source>In a hash set</source>
        <translation>En un conjunto de hash</translation>
    </message>
    <message>
        <source>Known-bad (notable)</source>
        <translation>Conocido malicioso (notable)</translation>
    </message>
    <message>
        <source>Known-good</source>
        <translation>Conocido legítimo</translation>
    </message>
    <message>
        <source>Extension mismatch</source>
        <translation>Extensión no coincidente</translation>
    </message>
    <message>
        <source>YARA hit</source>
        <translation>Coincidencia YARA</translation>
    </message>
    <message>
        <source>Tagged</source>
        <translation>Etiquetado</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Limpiar</translation>
    </message>
    <message>
        <source>Show every file again</source>
        <translation>Mostrar de nuevo todos los archivos</translation>
    </message>
</context>
<context>
    <name>FindingTable</name>
    <message>
        <source>Filter this list (Enter)</source>
        <translation>Filtrar esta lista (Intro)</translation>
    </message>
    <message>
        <source>Tag selected…</source>
        <translation>Etiquetar selección…</translation>
    </message>
    <message>
        <source>Select a row to see all of its fields; double-click it to open its source file.</source>
        <translation>Seleccione una fila para ver todos sus campos; haga doble clic para abrir su archivo de origen.</translation>
    </message>
    <message>
        <source>Select a row to see all of its fields.</source>
        <translation>Seleccione una fila para ver todos sus campos.</translation>
    </message>
    <message>
        <source>Double-click the row to open its source file.</source>
        <translation>Haga doble clic en la fila para abrir su archivo de origen.</translation>
    </message>
    <message>
        <source>{0} found</source>
        <translation>{0} encontrados</translation>
    </message>
    <message>
        <source>{0} loaded…</source>
        <translation>{0} cargados…</translation>
    </message>
    <message>
        <source>Interpretation…</source>
        <translation>Interpretación…</translation>
    </message>
    <message>
        <source>Write your interpretation of the selected tagged finding and the alternative explanations you considered</source>
        <translation>Escriba su interpretación del hallazgo etiquetado seleccionado y las explicaciones alternativas que consideró</translation>
    </message>
</context>
<context>
    <name>Findings</name>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Resumen</translation>
    </message>
    <message>
        <source>Plugin</source>
        <translation>Complemento</translation>
    </message>
    <message>
        <source>Source (locator)</source>
        <translation>Origen (localizador)</translation>
    </message>
    <message>
        <source>{0} at byte {1}: “{2}”</source>
        <translation>{0} en el byte {1}: “{2}”</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regla</translation>
    </message>
    <message>
        <source>Rule set</source>
        <translation>Conjunto de reglas</translation>
    </message>
    <message>
        <source>Rule tags</source>
        <translation>Etiquetas de la regla</translation>
    </message>
    <message>
        <source>Matched strings</source>
        <translation>Cadenas coincidentes</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Eliminado</translation>
    </message>
    <message>
        <source>Hash set</source>
        <translation>Conjunto de hash</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Clase</translation>
    </message>
    <message>
        <source>Algorithm</source>
        <translation>Algoritmo</translation>
    </message>
    <message>
        <source>Hash</source>
        <translation>Hash</translation>
    </message>
    <message>
        <source>Size (bytes)</source>
        <translation>Tamaño (bytes)</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Offset</source>
        <translation>Desplazamiento</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>Codificación</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>Contexto</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descripción</translation>
    </message>
    <message>
        <source>Produced by</source>
        <translation>Producido por</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>Componente</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Where (locator)</source>
        <translation>Dónde (localizador)</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Tarea</translation>
    </message>
    <message>
        <source>Tag ID</source>
        <translation>ID de etiqueta</translation>
    </message>
    <message>
        <source>The id to give &apos;forensic-triage tag CASE --id&apos;</source>
        <translation>El id que se da a &apos;forensic-triage tag CASE --id&apos;</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Etiqueta</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Interpretation</source>
        <translation>Interpretación</translation>
    </message>
    <message>
        <source>Alternative explanations</source>
        <translation>Explicaciones alternativas</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Sobre</translation>
    </message>
    <message>
        <source>Examiner</source>
        <translation>Perito</translation>
    </message>
</context>
<context>
    <name>FindingsView</name>
    <message>
        <source>No artifacts yet: run triage with the artifact extractors.</source>
        <translation>Aún no hay artefactos: ejecute el triaje con los extractores de artefactos.</translation>
    </message>
    <message>
        <source>Artifacts</source>
        <translation>Artefactos</translation>
    </message>
    <message>
        <source>YARA hits</source>
        <translation>Coincidencias YARA</translation>
    </message>
    <message>
        <source>Hash-set matches</source>
        <translation>Coincidencias con conjuntos de hash</translation>
    </message>
    <message>
        <source>Content hits</source>
        <translation>Coincidencias de contenido</translation>
    </message>
    <message>
        <source>Tags and notes</source>
        <translation>Etiquetas y notas</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Advertencias</translation>
    </message>
</context>
<context>
    <name>FolderPage</name>
    <message>
        <source>Case folder</source>
        <translation>Carpeta del caso</translation>
    </message>
    <message>
        <source>The case database, reports and exports are kept in this folder.</source>
        <translation>La base de datos del caso, los informes y las exportaciones se guardan en esta carpeta.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <source>Folder *</source>
        <translation>Carpeta *</translation>
    </message>
    <message>
        <source>Choose the case folder</source>
        <translation>Elija la carpeta del caso</translation>
    </message>
</context>
<context>
    <name>HashSetChooser</name>
    <message>
        <source>hash list to import (NSRL RDS, md5sum/sha256sum, hashdeep, HashKeeper)</source>
        <translation>lista de hash a importar (NSRL RDS, md5sum/sha256sum, hashdeep, HashKeeper)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <source>set name</source>
        <translation>nombre del conjunto</translation>
    </message>
    <message>
        <source>notable (known-bad)</source>
        <translation>notable (conocido malicioso)</translation>
    </message>
    <message>
        <source>known-good</source>
        <translation>conocido legítimo</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <source>The hash-set library is empty: import a list to use it.</source>
        <translation>La biblioteca de conjuntos de hash está vacía: importe una lista para usarla.</translation>
    </message>
    <message>
        <source>The hash-set library cannot be read: {0}</source>
        <translation>No se puede leer la biblioteca de conjuntos de hash: {0}</translation>
    </message>
    <message>
        <source>{0} — {1}, {2} hashes</source>
        <translation>{0} — {1}, {2} hash</translation>
    </message>
    <message>
        <source>Hash list</source>
        <translation>Lista de hash</translation>
    </message>
    <message>
        <source>Hash lists (*.txt *.csv *.hsh *.md5 *.sha1 *.sha256 *.db);;All files (*)</source>
        <translation>Listas de hash (*.txt *.csv *.hsh *.md5 *.sha1 *.sha256 *.db);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Choose the hash list and give the set a name.</source>
        <translation>Elija la lista de hash y dé un nombre al conjunto.</translation>
    </message>
    <message>
        <source>Importing {0}…</source>
        <translation>Importando {0}…</translation>
    </message>
    <message>
        <source>Imported {0}: {1} hashes ({2} lines skipped).</source>
        <translation>Se importó {0}: {1} hash ({2} líneas omitidas).</translation>
    </message>
</context>
<context>
    <name>HexModel</name>
    <message>
        <source>Offset</source>
        <translation>Desplazamiento</translation>
    </message>
    <message>
        <source>Bytes (hex)</source>
        <translation>Bytes (hex)</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
</context>
<context>
    <name>HexView</name>
    <message>
        <source>from byte </source>
        <translation>desde el byte </translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <source>Window of 1 MiB</source>
        <translation>Ventana de 1 MiB</translation>
    </message>
    <message>
        <source>bytes {0}–{1} of {2}</source>
        <translation>bytes {0}–{1} de {2}</translation>
    </message>
    <message>
        <source>no content</source>
        <translation>sin contenido</translation>
    </message>
</context>
<context>
    <name>HistogramWidget</name>
    <message>
        <source>Drag across the bars to show only that period; double-click to show all.</source>
        <translation>Arrastre sobre las barras para mostrar solo ese periodo; doble clic para mostrar todo.</translation>
    </message>
    <message>
        <source>◀ {0} earlier ({1})</source>
        <translation>◀ {0} anteriores ({1})</translation>
    </message>
    <message>
        <source>{0} later ({1}) ▶</source>
        <translation>{0} posteriores ({1}) ▶</translation>
    </message>
    <message>
        <source>No dated events yet.</source>
        <translation>Aún no hay eventos fechados.</translation>
    </message>
    <message>
        <source>peak {0}</source>
        <translation>máximo {0}</translation>
    </message>
    <message>
        <source>{0}: {1} events</source>
        <translation>{0}: {1} eventos</translation>
    </message>
</context>
<context>
    <name>InterpretationDialog</name>
    <message>
        <source>Interpretation of TAG-{0}</source>
        <translation>Interpretación de TAG-{0}</translation>
    </message>
    <message>
        <source>Tag &apos;{0}&apos; on {1}</source>
        <translation>Etiqueta &apos;{0}&apos; en {1}</translation>
    </message>
    <message>
        <source>What this finding means, in your words</source>
        <translation>Lo que significa este hallazgo, con sus palabras</translation>
    </message>
    <message>
        <source>Other explanations you considered, and why they are or are not excluded</source>
        <translation>Otras explicaciones que consideró, y por qué se descartan o no</translation>
    </message>
    <message>
        <source>Interpretation</source>
        <translation>Interpretación</translation>
    </message>
    <message>
        <source>Alternative explanations</source>
        <translation>Explicaciones alternativas</translation>
    </message>
    <message>
        <source>The tag {0} is not in this case.</source>
        <translation>La etiqueta {0} no está en este caso.</translation>
    </message>
</context>
<context>
    <name>LabStatus</name>
    <message>
        <source>lab workers: asking…</source>
        <translation>trabajadores del laboratorio: consultando…</translation>
    </message>
    <message>
        <source>lab: no worker connected</source>
        <translation>laboratorio: ningún trabajador conectado</translation>
    </message>
    <message>
        <source>lab: {0} worker(s), {1} busy</source>
        <translation>laboratorio: {0} trabajador(es), {1} ocupado(s)</translation>
    </message>
    <message>
        <source>lab: broker unreachable ({0})</source>
        <translation>laboratorio: intermediario inaccesible ({0})</translation>
    </message>
</context>
<context>
    <name>Languages</name>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>The interface will be in {0} from the next start of the application.</source>
        <translation>La interfaz estará en {0} a partir del próximo inicio de la aplicación.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Case</source>
        <translation>&amp;Caso</translation>
    </message>
    <message>
        <source>&amp;New case…</source>
        <translation>&amp;Nuevo caso…</translation>
    </message>
    <message>
        <source>&amp;Open case…</source>
        <translation>&amp;Abrir caso…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>Abrir &amp;reciente</translation>
    </message>
    <message>
        <source>Open the &amp;sample case (training)</source>
        <translation>Abrir el caso de &amp;ejemplo (capacitación)</translation>
    </message>
    <message>
        <source>&amp;Close case</source>
        <translation>&amp;Cerrar caso</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Evidence</source>
        <translation>&amp;Evidencia</translation>
    </message>
    <message>
        <source>&amp;Add evidence…</source>
        <translation>&amp;Agregar evidencia…</translation>
    </message>
    <message>
        <source>Run or &amp;resume triage</source>
        <translation>Ejecutar o &amp;reanudar el triaje</translation>
    </message>
    <message>
        <source>&amp;Cancel the running job</source>
        <translation>&amp;Cancelar la tarea en curso</translation>
    </message>
    <message>
        <source>F&amp;indings</source>
        <translation>&amp;Hallazgos</translation>
    </message>
    <message>
        <source>&amp;Tag and annotate selection…</source>
        <translation>&amp;Etiquetar y anotar la selección…</translation>
    </message>
    <message>
        <source>&amp;Filter files…</source>
        <translation>&amp;Filtrar archivos…</translation>
    </message>
    <message>
        <source>&amp;Report</source>
        <translation>&amp;Informe</translation>
    </message>
    <message>
        <source>&amp;Report and package…</source>
        <translation>&amp;Informe y paquete…</translation>
    </message>
    <message>
        <source>&amp;Verify or import a package…</source>
        <translation>&amp;Verificar o importar un paquete…</translation>
    </message>
    <message>
        <source>Case &amp;details for the report…</source>
        <translation>&amp;Detalles del caso para el informe…</translation>
    </message>
    <message>
        <source>Add &amp;custody event…</source>
        <translation>Agregar evento de &amp;custodia…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Resumen</translation>
    </message>
    <message>
        <source>Triage</source>
        <translation>Triaje</translation>
    </message>
    <message>
        <source>Browse files</source>
        <translation>Explorar archivos</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Hallazgos</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Línea de tiempo</translation>
    </message>
    <message>
        <source>Audit and custody</source>
        <translation>Auditoría y custodia</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Atajos de teclado</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>&amp;Acerca de</translation>
    </message>
    <message>
        <source>Running: {0}</source>
        <translation>En curso: {0}</translation>
    </message>
    <message>
        <source>Open a case folder</source>
        <translation>Abrir una carpeta de caso</translation>
    </message>
    <message>
        <source>A job is running on the open case; wait for it or cancel it first.</source>
        <translation>Hay una tarea en curso en el caso abierto; espere a que termine o cancélela primero.</translation>
    </message>
    <message>
        <source>No case found in {0}. Choose the folder that holds {1}.</source>
        <translation>No se encontró ningún caso en {0}. Elija la carpeta que contiene {1}.</translation>
    </message>
    <message>
        <source>Upgrade the case?</source>
        <translation>¿Actualizar el caso?</translation>
    </message>
    <message>
        <source>This case was written by an earlier version of the tool. Upgrade its database format now and open it? The evidence is not touched; the case cannot then be opened by the earlier version.</source>
        <translation>Este caso fue escrito por una versión anterior de la herramienta. ¿Actualizar ahora el formato de su base de datos y abrirlo? La evidencia no se toca; después el caso ya no podrá abrirse con la versión anterior.</translation>
    </message>
    <message>
        <source>The case cannot be opened</source>
        <translation>No se puede abrir el caso</translation>
    </message>
    <message>
        <source>The case cannot be upgraded</source>
        <translation>No se puede actualizar el caso</translation>
    </message>
    <message>
        <source>A job is running; cancel it (Shift+F5) before closing the case.</source>
        <translation>Hay una tarea en curso; cancélela (Mayús+F5) antes de cerrar el caso.</translation>
    </message>
    <message>
        <source>A job is running; wait for it before opening the sample case.</source>
        <translation>Hay una tarea en curso; espere a que termine antes de abrir el caso de ejemplo.</translation>
    </message>
    <message>
        <source>Preparing the sample case: writing the sample evidence, adding it and triaging it…</source>
        <translation>Preparando el caso de ejemplo: escribiendo la evidencia de ejemplo, agregándola y haciendo el triaje…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Sample case</source>
        <translation>Caso de ejemplo</translation>
    </message>
    <message>
        <source>Sample case: {0}…</source>
        <translation>Caso de ejemplo: {0}…</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <source>{0} {1}
Offline, read-only triage of disk images for small laboratories.
Evidence is never opened for writing; every action is recorded in a hash-chained audit log.</source>
        <translation>{0} {1}
Triaje sin conexión y en solo lectura de imágenes de disco para laboratorios pequeños.
La evidencia nunca se abre para escritura; cada acción queda en un registro de auditoría encadenado por hash.</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Acerca de</translation>
    </message>
    <message>
        <source>A job is running</source>
        <translation>Hay una tarea en curso</translation>
    </message>
    <message>
        <source>{0} is still running. Cancel it and close? Work already saved is kept; running triage again resumes where it stopped.</source>
        <translation>{0} aún está en curso. ¿Cancelarla y cerrar? El trabajo ya guardado se conserva; al ejecutar de nuevo el triaje se reanuda donde se detuvo.</translation>
    </message>
    <message>
        <source>Stopping the running job before closing…</source>
        <translation>Deteniendo la tarea en curso antes de cerrar…</translation>
    </message>
</context>
<context>
    <name>MountController</name>
    <message>
        <source>{0} is mounted read-only on {1}. Release it with &quot;Unmount&quot; in the evidence item&apos;s context menu (or &apos;forensic-triage unmount {1}&apos;).</source>
        <translation>{0} está montado en solo lectura en {1}. Libérelo con &quot;Desmontar&quot; en el menú contextual del elemento de evidencia (o &apos;forensic-triage unmount {1}&apos;).</translation>
    </message>
</context>
<context>
    <name>NewCaseWizard</name>
    <message>
        <source>New case</source>
        <translation>Nuevo caso</translation>
    </message>
</context>
<context>
    <name>OverviewView</name>
    <message>
        <source>No evidence yet. Add a disk image to start (Ctrl+E).</source>
        <translation>Aún no hay evidencia. Agregue una imagen de disco para empezar (Ctrl+E).</translation>
    </message>
    <message>
        <source>Add evidence…</source>
        <translation>Agregar evidencia…</translation>
    </message>
    <message>
        <source>Go to triage</source>
        <translation>Ir al triaje</translation>
    </message>
    <message>
        <source>See the findings</source>
        <translation>Ver los hallazgos</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Caso</translation>
    </message>
    <message>
        <source>Evidence items</source>
        <translation>Elementos de evidencia</translation>
    </message>
    <message>
        <source>What has been found so far</source>
        <translation>Lo encontrado hasta ahora</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>Número de caso</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>Institución</translation>
    </message>
    <message>
        <source>Examiner</source>
        <translation>Perito</translation>
    </message>
    <message>
        <source>Authority</source>
        <translation>Autorización</translation>
    </message>
    <message>
        <source>Requested by</source>
        <translation>Solicitado por</translation>
    </message>
    <message>
        <source>Display time zone</source>
        <translation>Zona horaria de visualización</translation>
    </message>
    <message>
        <source>Created (UTC)</source>
        <translation>Creado (UTC)</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Carpeta</translation>
    </message>
    <message>
        <source>Review case imported from a package (read-only findings).</source>
        <translation>Caso de revisión importado de un paquete (hallazgos de solo lectura).</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Contando…</translation>
    </message>
    <message>
        <source>The files of {0} file system(s) are listed when triage runs (Triage tab, F5).</source>
        <translation>Los archivos de {0} sistema(s) de archivos se listan cuando se ejecuta el triaje (pestaña Triaje, F5).</translation>
    </message>
    <message>
        <source>{0} ({1} deleted), {2} waiting to be examined; {3}, {4}, {5}, {6}; {7}; {8}.</source>
        <translation>{0} ({1} eliminados), {2} en espera de examen; {3}, {4}, {5}, {6}; {7}; {8}.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>archivo</translation>
    </message>
    <message>
        <source>files</source>
        <translation>archivos</translation>
    </message>
    <message>
        <source>artifact</source>
        <translation>artefacto</translation>
    </message>
    <message>
        <source>artifacts</source>
        <translation>artefactos</translation>
    </message>
    <message>
        <source>YARA hit</source>
        <translation>coincidencia YARA</translation>
    </message>
    <message>
        <source>YARA hits</source>
        <translation>coincidencias YARA</translation>
    </message>
    <message>
        <source>hash-set match</source>
        <translation>coincidencia con conjunto de hash</translation>
    </message>
    <message>
        <source>hash-set matches</source>
        <translation>coincidencias con conjuntos de hash</translation>
    </message>
    <message>
        <source>content hit</source>
        <translation>coincidencia de contenido</translation>
    </message>
    <message>
        <source>content hits</source>
        <translation>coincidencias de contenido</translation>
    </message>
    <message>
        <source>tag</source>
        <translation>etiqueta</translation>
    </message>
    <message>
        <source>tags</source>
        <translation>etiquetas</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>advertencia</translation>
    </message>
    <message>
        <source>warnings</source>
        <translation>advertencias</translation>
    </message>
</context>
<context>
    <name>Package</name>
    <message>
        <source>Files checked: {0}</source>
        <translation>Archivos verificados: {0}</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>válida</translation>
    </message>
    <message>
        <source>NOT valid</source>
        <translation>NO válida</translation>
    </message>
    <message>
        <source>Signature: {0}, by {1} ({2})</source>
        <translation>Firma: {0}, de {1} ({2})</translation>
    </message>
    <message>
        <source>Signature: none — the package is not signed</source>
        <translation>Firma: ninguna — el paquete no está firmado</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>Faltante</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Agregado</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Cambiado</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
</context>
<context>
    <name>PackageDialog</name>
    <message>
        <source>Verify or import a package</source>
        <translation>Verificar o importar un paquete</translation>
    </message>
    <message>
        <source>the package folder or its .zip</source>
        <translation>la carpeta del paquete o su .zip</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>Carpeta…</translation>
    </message>
    <message>
        <source>Zip…</source>
        <translation>Zip…</translation>
    </message>
    <message>
        <source>the sender&apos;s public key (optional; the package names its own)</source>
        <translation>la clave pública del remitente (opcional; el paquete indica la suya)</translation>
    </message>
    <message>
        <source>a new folder for the review case</source>
        <translation>una carpeta nueva para el caso de revisión</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>Paquete</translation>
    </message>
    <message>
        <source>Public key</source>
        <translation>Clave pública</translation>
    </message>
    <message>
        <source>Import into</source>
        <translation>Importar en</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Verificar</translation>
    </message>
    <message>
        <source>Import as review case</source>
        <translation>Importar como caso de revisión</translation>
    </message>
    <message>
        <source>Package verification</source>
        <translation>Verificación del paquete</translation>
    </message>
    <message>
        <source>Package import</source>
        <translation>Importación del paquete</translation>
    </message>
    <message>
        <source>Package folder</source>
        <translation>Carpeta del paquete</translation>
    </message>
    <message>
        <source>Package zip</source>
        <translation>Zip del paquete</translation>
    </message>
    <message>
        <source>Zip (*.zip)</source>
        <translation>Zip (*.zip)</translation>
    </message>
    <message>
        <source>Choose the package first.</source>
        <translation>Primero elija el paquete.</translation>
    </message>
    <message>
        <source>Checking every file and the signature…</source>
        <translation>Verificando cada archivo y la firma…</translation>
    </message>
    <message>
        <source>PASS: every file and the signature check out.</source>
        <translation>CORRECTO: cada archivo y la firma son conformes.</translation>
    </message>
    <message>
        <source>FAIL: the package is not what was sent.</source>
        <translation>FALLIDO: el paquete no es lo que se envió.</translation>
    </message>
    <message>
        <source>Choose the package and a new folder for the review case.</source>
        <translation>Elija el paquete y una carpeta nueva para el caso de revisión.</translation>
    </message>
    <message>
        <source>Verifying and importing…</source>
        <translation>Verificando e importando…</translation>
    </message>
    <message>
        <source>Imported into {0}.</source>
        <translation>Importado en {0}.</translation>
    </message>
</context>
<context>
    <name>PathList</name>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>Elija una carpeta</translation>
    </message>
</context>
<context>
    <name>PictureView</name>
    <message>
        <source>No preview: {0}</source>
        <translation>Sin vista previa: {0}</translation>
    </message>
    <message>
        <source>No preview.</source>
        <translation>Sin vista previa.</translation>
    </message>
    <message>
        <source>No preview: the picture is larger than {0} bytes.</source>
        <translation>Sin vista previa: la imagen supera los {0} bytes.</translation>
    </message>
    <message>
        <source>Picture metadata (EXIF)</source>
        <translation>Metadatos de la imagen (EXIF)</translation>
    </message>
    <message>
        <source>No EXIF metadata.</source>
        <translation>Sin metadatos EXIF.</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <source>PDF court report</source>
        <translation>Informe pericial en PDF</translation>
    </message>
    <message>
        <source>CASE/UCO 1.5 JSON-LD</source>
        <translation>JSON-LD CASE/UCO 1.5</translation>
    </message>
    <message>
        <source>DFXML file listing</source>
        <translation>Listado de archivos DFXML</translation>
    </message>
    <message>
        <source>Bodyfile timeline (mactime)</source>
        <translation>Línea de tiempo bodyfile (mactime)</translation>
    </message>
    <message>
        <source>CSV tables</source>
        <translation>Tablas CSV</translation>
    </message>
    <message>
        <source>{0} is not available in this build.</source>
        <translation>{0} no está disponible en esta versión.</translation>
    </message>
    <message>
        <source>The signed evidence package</source>
        <translation>El paquete de evidencia firmado</translation>
    </message>
    <message>
        <source>building the evidence package (report, CASE graph, tables, manifest)</source>
        <translation>construyendo el paquete de evidencia (informe, grafo CASE, tablas, manifiesto)</translation>
    </message>
    <message>
        <source>writing</source>
        <translation>escribiendo</translation>
    </message>
    <message>
        <source>Key creation</source>
        <translation>Creación de claves</translation>
    </message>
    <message>
        <source>Package verification</source>
        <translation>Verificación del paquete</translation>
    </message>
    <message>
        <source>Package import</source>
        <translation>Importación del paquete</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Report and package</source>
        <translation>Informe y paquete</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Alcance</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>Todo</translation>
    </message>
    <message>
        <source>Notable only (hits, known-bad, tagged)</source>
        <translation>Solo lo notable (coincidencias, conocido malicioso, etiquetado)</translation>
    </message>
    <message>
        <source>Tagged only</source>
        <translation>Solo lo etiquetado</translation>
    </message>
    <message>
        <source>What to write</source>
        <translation>Qué escribir</translation>
    </message>
    <message>
        <source>{0} — not available in this build</source>
        <translation>{0} — no disponible en esta versión</translation>
    </message>
    <message>
        <source>Make a signed evidence package (hash manifest signed with the examiner key)</source>
        <translation>Crear un paquete de evidencia firmado (manifiesto de hash firmado con la clave del perito)</translation>
    </message>
    <message>
        <source>Include copies of the files in scope (re-read and re-hashed)</source>
        <translation>Incluir copias de los archivos del alcance (releídos y con hash recalculado)</translation>
    </message>
    <message>
        <source>Also make a zip of the package</source>
        <translation>Crear también un zip del paquete</translation>
    </message>
    <message>
        <source>Signed evidence package — not available in this build</source>
        <translation>Paquete de evidencia firmado — no disponible en esta versión</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <source>Create a key pair…</source>
        <translation>Crear un par de claves…</translation>
    </message>
    <message>
        <source>Make an Ed25519 key pair for this examiner in the case folder, protected by the passphrase typed here (at least 8 characters)</source>
        <translation>Crear un par de claves Ed25519 para este perito en la carpeta del caso, protegido por la frase de contraseña escrita aquí (al menos 8 caracteres)</translation>
    </message>
    <message>
        <source>only when the key is not the case examiner&apos;s</source>
        <translation>solo cuando la clave no es la del perito del caso</translation>
    </message>
    <message>
        <source>The name in which you sign with another examiner&apos;s key; it is recorded in the signed statement and the audit log</source>
        <translation>El nombre con el que firma usando la clave de otro perito; queda en la declaración firmada y en el registro de auditoría</translation>
    </message>
    <message>
        <source>Open the PDF when done</source>
        <translation>Abrir el PDF al terminar</translation>
    </message>
    <message>
        <source>Examiner key (private)</source>
        <translation>Clave del perito (privada)</translation>
    </message>
    <message>
        <source>Key passphrase</source>
        <translation>Frase de contraseña de la clave</translation>
    </message>
    <message>
        <source>Signing as</source>
        <translation>Firmando como</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>Carpeta de salida</translation>
    </message>
    <message>
        <source>signed package</source>
        <translation>paquete firmado</translation>
    </message>
    <message>
        <source>Not available in this build: {0}.</source>
        <translation>No disponible en esta versión: {0}.</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>Escribir</translation>
    </message>
    <message>
        <source>Open the folder</source>
        <translation>Abrir la carpeta</translation>
    </message>
    <message>
        <source>Examiner private key</source>
        <translation>Clave privada del perito</translation>
    </message>
    <message>
        <source>Keys (*.pem *.key);;All files (*)</source>
        <translation>Claves (*.pem *.key);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Key pair written: {0} (public key {1}, fingerprint {2}). Give the public key to whoever will verify your packages.</source>
        <translation>Par de claves escrito: {0} (clave pública {1}, huella {2}). Entregue la clave pública a quien verificará sus paquetes.</translation>
    </message>
    <message>
        <source>Choose at least one thing to write.</source>
        <translation>Elija al menos una cosa para escribir.</translation>
    </message>
    <message>
        <source>A signed package needs the examiner&apos;s private key (choose it, or create a key pair).</source>
        <translation>Un paquete firmado necesita la clave privada del perito (elíjala o cree un par de claves).</translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation>Escribiendo…</translation>
    </message>
    <message>
        <source>Writing: {0}</source>
        <translation>Escribiendo: {0}</translation>
    </message>
    <message>
        <source>Written:</source>
        <translation>Escrito:</translation>
    </message>
    <message>
        <source>The PDF could not be opened: no program to show PDFs was found on this computer. It is in {0}.</source>
        <translation>No se pudo abrir el PDF: no se encontró ningún programa para mostrar PDF en esta computadora. Está en {0}.</translation>
    </message>
    <message>
        <source>The folder could not be opened either (no file manager found); its path is {0}.</source>
        <translation>Tampoco se pudo abrir la carpeta (no se encontró un administrador de archivos); su ruta es {0}.</translation>
    </message>
</context>
<context>
    <name>Sample</name>
    <message>
        <source>The built-in sample evidence is not available in this build (the sample generator is missing).</source>
        <translation>La evidencia de ejemplo integrada no está disponible en esta versión (falta el generador de ejemplos).</translation>
    </message>
    <message>
        <source>writing the sample evidence</source>
        <translation>escribiendo la evidencia de ejemplo</translation>
    </message>
</context>
<context>
    <name>SqlTableModel</name>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>How this time is known: {0}. The file system records the device&apos;s local clock, not UTC.</source>
        <translation>Cómo se conoce esta hora: {0}. El sistema de archivos registra el reloj local del dispositivo, no UTC.</translation>
    </message>
    <message>
        <source>How this time is known: the source recorded a local clock time; it was made UTC with the zone {0} declared by the examiner (an assumption).</source>
        <translation>Cómo se conoce esta hora: la fuente registró una hora del reloj local; se convirtió a UTC con la zona {0} declarada por el perito (un supuesto).</translation>
    </message>
    <message>
        <source>How this time is known: UTC as recorded by the source.</source>
        <translation>Cómo se conoce esta hora: UTC, tal como la registró la fuente.</translation>
    </message>
</context>
<context>
    <name>SqliteTableModel</name>
    <message>
        <source>BLOB {0} bytes: {1}</source>
        <translation>BLOB de {0} bytes: {1}</translation>
    </message>
</context>
<context>
    <name>SqliteView</name>
    <message>
        <source>Table:</source>
        <translation>Tabla:</translation>
    </message>
    <message>
        <source>Not a SQLite database.</source>
        <translation>No es una base de datos SQLite.</translation>
    </message>
    <message>
        <source>A read-only temporary copy; the evidence is not touched.</source>
        <translation>Una copia temporal de solo lectura; la evidencia no se toca.</translation>
    </message>
    <message>
        <source>This table cannot be read: {0}</source>
        <translation>No se puede leer esta tabla: {0}</translation>
    </message>
</context>
<context>
    <name>StartExerciseDialog</name>
    <message>
        <source>Start an exercise</source>
        <translation>Iniciar un ejercicio</translation>
    </message>
    <message>
        <source>A pack file from the trainer…</source>
        <translation>Un archivo de paquete del instructor…</translation>
    </message>
    <message>
        <source>The .ftpack file the trainer gave</source>
        <translation>El archivo .ftpack que entregó el instructor</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <source>A new folder for the training case</source>
        <translation>Una carpeta nueva para el caso de capacitación</translation>
    </message>
    <message>
        <source>Your name, as the trainer knows it</source>
        <translation>Su nombre, tal como lo conoce el instructor</translation>
    </message>
    <message>
        <source>Exercise</source>
        <translation>Ejercicio</translation>
    </message>
    <message>
        <source>Pack file</source>
        <translation>Archivo de paquete</translation>
    </message>
    <message>
        <source>Case folder</source>
        <translation>Carpeta del caso</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>Estudiante</translation>
    </message>
    <message>
        <source>The exercise becomes a TRAINING case: it is marked as such everywhere and can never become casework. Its evidence is added and triaged now.</source>
        <translation>El ejercicio se convierte en un caso de CAPACITACIÓN: queda marcado como tal en todas partes y nunca puede pasar a ser un caso real. Su evidencia se agrega y se hace el triaje ahora.</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Iniciar</translation>
    </message>
    <message>
        <source>Exercise pack</source>
        <translation>Paquete de ejercicio</translation>
    </message>
    <message>
        <source>Exercise packs ({0})</source>
        <translation>Paquetes de ejercicio ({0})</translation>
    </message>
    <message>
        <source>Where to put the training case</source>
        <translation>Dónde poner el caso de capacitación</translation>
    </message>
    <message>
        <source>Choose an exercise or a pack file.</source>
        <translation>Elija un ejercicio o un archivo de paquete.</translation>
    </message>
    <message>
        <source>Give a new folder for the training case.</source>
        <translation>Indique una carpeta nueva para el caso de capacitación.</translation>
    </message>
    <message>
        <source>Give the student&apos;s name.</source>
        <translation>Indique el nombre del estudiante.</translation>
    </message>
    <message>
        <source>A job is running; wait for it before starting an exercise.</source>
        <translation>Hay una tarea en curso; espere a que termine antes de iniciar un ejercicio.</translation>
    </message>
    <message>
        <source>Preparing the exercise: writing its evidence, adding it and triaging it…</source>
        <translation>Preparando el ejercicio: escribiendo su evidencia, agregándola y haciendo el triaje…</translation>
    </message>
    <message>
        <source>Exercise: {0}…</source>
        <translation>Ejercicio: {0}…</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>Version {0}. Offline, read-only triage of disk images: raw, split raw and E01.</source>
        <translation>Versión {0}. Triaje sin conexión y en solo lectura de imágenes de disco: raw, raw dividido y E01.</translation>
    </message>
    <message>
        <source>New case…  (Ctrl+N)</source>
        <translation>Nuevo caso…  (Ctrl+N)</translation>
    </message>
    <message>
        <source>Create a case folder with its case record</source>
        <translation>Crear una carpeta de caso con su ficha del caso</translation>
    </message>
    <message>
        <source>Open case…  (Ctrl+O)</source>
        <translation>Abrir caso…  (Ctrl+O)</translation>
    </message>
    <message>
        <source>Open an existing case folder</source>
        <translation>Abrir una carpeta de caso existente</translation>
    </message>
    <message>
        <source>Open the sample case (training)</source>
        <translation>Abrir el caso de ejemplo (capacitación)</translation>
    </message>
    <message>
        <source>Generate the built-in sample evidence, add it to a training case and triage it</source>
        <translation>Generar la evidencia de ejemplo integrada, agregarla a un caso de capacitación y hacer su triaje</translation>
    </message>
    <message>
        <source>Verify or import a received package…</source>
        <translation>Verificar o importar un paquete recibido…</translation>
    </message>
    <message>
        <source>Check a signed evidence package offline and open it as a review case</source>
        <translation>Verificar sin conexión un paquete de evidencia firmado y abrirlo como caso de revisión</translation>
    </message>
    <message>
        <source>Recent cases (double-click to open):</source>
        <translation>Casos recientes (doble clic para abrir):</translation>
    </message>
    <message>
        <source>{0} (not found)</source>
        <translation>{0} (no encontrado)</translation>
    </message>
    <message>
        <source>No recent cases yet.</source>
        <translation>Aún no hay casos recientes.</translation>
    </message>
</context>
<context>
    <name>TagDialog</name>
    <message>
        <source>Tag and annotate</source>
        <translation>Etiquetar y anotar</translation>
    </message>
    <message>
        <source>{0} item(s): {1}</source>
        <translation>{0} elemento(s): {1}</translation>
    </message>
    <message>
        <source>Why this matters (optional); kept with the tag and in the audit log</source>
        <translation>Por qué importa (opcional); se guarda con la etiqueta y en el registro de auditoría</translation>
    </message>
    <message>
        <source>What the finding means, in your words (optional; can be written later from Findings → Tags and notes)</source>
        <translation>Lo que significa el hallazgo, con sus palabras (opcional; puede escribirse después desde Hallazgos → Etiquetas y notas)</translation>
    </message>
    <message>
        <source>Other explanations you considered (optional)</source>
        <translation>Otras explicaciones que consideró (opcional)</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Etiqueta</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Interpretation</source>
        <translation>Interpretación</translation>
    </message>
    <message>
        <source>Alternative explanations</source>
        <translation>Explicaciones alternativas</translation>
    </message>
    <message>
        <source>Give the tag a name.</source>
        <translation>Dé un nombre a la etiqueta.</translation>
    </message>
    <message>
        <source>Nothing is selected to tag.</source>
        <translation>No hay nada seleccionado para etiquetar.</translation>
    </message>
</context>
<context>
    <name>TextView</name>
    <message>
        <source>Encoding:</source>
        <translation>Codificación:</translation>
    </message>
    <message>
        <source>first {0} of {1} bytes</source>
        <translation>primeros {0} de {1} bytes</translation>
    </message>
    <message>
        <source>{0} bytes</source>
        <translation>{0} bytes</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>Include file-system times (modified, accessed, changed, created)</source>
        <translation>Incluir las horas del sistema de archivos (modificado, accedido, cambiado, creado)</translation>
    </message>
    <message>
        <source>All times</source>
        <translation>Todas las horas</translation>
    </message>
    <message>
        <source>Show all times</source>
        <translation>Mostrar todas las horas</translation>
    </message>
    <message>
        <source>This case has {0} file entries: ticking the box adds their file-system times (sorting them takes a while).</source>
        <translation>Este caso tiene {0} entradas de archivo: marcar la casilla agrega sus horas del sistema de archivos (ordenarlas toma un tiempo).</translation>
    </message>
    <message>
        <source>Not on this timeline: {0} file entries and {1} artifacts hold local clock times whose zone is unknown (they are not UTC). Declare the zone with &apos;forensic-triage evidence set&apos;.</source>
        <translation>No están en esta línea de tiempo: {0} entradas de archivo y {1} artefactos contienen horas del reloj local cuya zona se desconoce (no son UTC). Declare la zona con &apos;forensic-triage evidence set&apos;.</translation>
    </message>
    <message>
        <source>Local clock times of {0} are placed with the zone declared by the examiner (an assumption, marked in the Time column).</source>
        <translation>Las horas del reloj local de {0} se ubican con la zona declarada por el perito (un supuesto, marcado en la columna Hora).</translation>
    </message>
    <message>
        <source>{0} events dated before {1} or in the future are listed but not charted.</source>
        <translation>{0} eventos fechados antes de {1} o en el futuro se listan pero no se grafican.</translation>
    </message>
    <message>
        <source>From {0} to {1} (UTC)</source>
        <translation>Del {0} al {1} (UTC)</translation>
    </message>
</context>
<context>
    <name>TrainerDialog</name>
    <message>
        <source>Trainer view</source>
        <translation>Vista del instructor</translation>
    </message>
    <message>
        <source>Exercise: {0} · Student: {1}</source>
        <translation>Ejercicio: {0} · Estudiante: {1}</translation>
    </message>
    <message>
        <source>The pack the student started from ({0})</source>
        <translation>El paquete con el que empezó el estudiante ({0})</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <source>Pack file</source>
        <translation>Archivo de paquete</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Frase de contraseña</translation>
    </message>
    <message>
        <source>A built-in pack: its key is public, no passphrase is needed.</source>
        <translation>Un paquete integrado: su clave es pública, no se necesita frase de contraseña.</translation>
    </message>
    <message>
        <source>The key is sealed: give the pack file and the trainer&apos;s passphrase.</source>
        <translation>La clave está sellada: indique el archivo de paquete y la frase de contraseña del instructor.</translation>
    </message>
    <message>
        <source>Show grades and key</source>
        <translation>Mostrar notas y clave</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Pregunta</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Puntos</translation>
    </message>
    <message>
        <source>Given</source>
        <translation>Respuesta dada</translation>
    </message>
    <message>
        <source>Expected (key)</source>
        <translation>Esperada (clave)</translation>
    </message>
    <message>
        <source>Question text</source>
        <translation>Texto de la pregunta</translation>
    </message>
    <message>
        <source>Exercise pack</source>
        <translation>Paquete de ejercicio</translation>
    </message>
    <message>
        <source>Exercise packs ({0})</source>
        <translation>Paquetes de ejercicio ({0})</translation>
    </message>
    <message>
        <source>Choose the pack file the student started from.</source>
        <translation>Elija el archivo de paquete con el que empezó el estudiante.</translation>
    </message>
    <message>
        <source>correct</source>
        <translation>correcta</translation>
    </message>
    <message>
        <source>wrong</source>
        <translation>incorrecta</translation>
    </message>
    <message>
        <source>not answered</source>
        <translation>sin responder</translation>
    </message>
    <message>
        <source> (hints −{0})</source>
        <translation> (pistas −{0})</translation>
    </message>
    <message>
        <source>submitted on {0}</source>
        <translation>entregado el {0}</translation>
    </message>
    <message>
        <source>not submitted yet</source>
        <translation>aún no entregado</translation>
    </message>
    <message>
        <source>Total: {0} of {1} points ({2}).</source>
        <translation>Total: {0} de {1} puntos ({2}).</translation>
    </message>
</context>
<context>
    <name>Training</name>
    <message>
        <source>text</source>
        <translation>texto</translation>
    </message>
    <message>
        <source>number</source>
        <translation>número</translation>
    </message>
    <message>
        <source>path</source>
        <translation>ruta</translation>
    </message>
    <message>
        <source>hash</source>
        <translation>hash</translation>
    </message>
    <message>
        <source>time (UTC)</source>
        <translation>hora (UTC)</translation>
    </message>
    <message>
        <source>set of paths</source>
        <translation>conjunto de rutas</translation>
    </message>
    <message>
        <source>multiple choice</source>
        <translation>opción múltiple</translation>
    </message>
    <message>
        <source>{0} pt(s)</source>
        <translation>{0} pto(s)</translation>
    </message>
</context>
<context>
    <name>TrainingBanner</name>
    <message>
        <source>TRAINING — NOT EVIDENCE · Exercise: {0} · Student: {1}</source>
        <translation>CAPACITACIÓN — NO ES EVIDENCIA · Ejercicio: {0} · Estudiante: {1}</translation>
    </message>
</context>
<context>
    <name>TrainingController</name>
    <message>
        <source>T&amp;raining</source>
        <translation>Ca&amp;pacitación</translation>
    </message>
    <message>
        <source>&amp;Start an exercise…</source>
        <translation>&amp;Iniciar un ejercicio…</translation>
    </message>
    <message>
        <source>Exercise &amp;questions</source>
        <translation>&amp;Preguntas del ejercicio</translation>
    </message>
    <message>
        <source>&amp;Trainer view (grades and key)…</source>
        <translation>Vista del &amp;instructor (notas y clave)…</translation>
    </message>
</context>
<context>
    <name>TrainingPane</name>
    <message>
        <source>Exercise questions</source>
        <translation>Preguntas del ejercicio</translation>
    </message>
    <message>
        <source>Your answer</source>
        <translation>Su respuesta</translation>
    </message>
    <message>
        <source>One path per line</source>
        <translation>Una ruta por línea</translation>
    </message>
    <message>
        <source>Save answer</source>
        <translation>Guardar respuesta</translation>
    </message>
    <message>
        <source>Use selected item</source>
        <translation>Usar el elemento seleccionado</translation>
    </message>
    <message>
        <source>Take the answer from the file, finding or timeline row selected in the main views</source>
        <translation>Tomar la respuesta del archivo, hallazgo o fila de la línea de tiempo seleccionados en las vistas principales</translation>
    </message>
    <message>
        <source>Take a hint…</source>
        <translation>Pedir una pista…</translation>
    </message>
    <message>
        <source>Submit answers…</source>
        <translation>Entregar respuestas…</translation>
    </message>
    <message>
        <source>Trainer view…</source>
        <translation>Vista del instructor…</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;Student: {1}</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;Estudiante: {1}</translation>
    </message>
    <message>
        <source>Submitted on {0}: the answers can no longer change.</source>
        <translation>Entregado el {0}: las respuestas ya no pueden cambiar.</translation>
    </message>
    <message>
        <source>{0} of {1} questions answered; {2} points in all.</source>
        <translation>{0} de {1} preguntas respondidas; {2} puntos en total.</translation>
    </message>
    <message>
        <source>answer: {0}</source>
        <translation>respuesta: {0}</translation>
    </message>
    <message>
        <source>within {0} s</source>
        <translation>con un margen de {0} s</translation>
    </message>
    <message>
        <source>(choose one)</source>
        <translation>(elija una)</translation>
    </message>
    <message>
        <source>answered by tagging items &apos;{0}&apos; (Findings menu: Tag and annotate selection)</source>
        <translation>se responde etiquetando elementos &apos;{0}&apos; (menú Hallazgos: Etiquetar y anotar la selección)</translation>
    </message>
    <message>
        <source>Hint (−{0}): {1}</source>
        <translation>Pista (−{0}): {1}</translation>
    </message>
    <message>
        <source>No hint left</source>
        <translation>No quedan pistas</translation>
    </message>
    <message>
        <source>Take a hint (−{0})…</source>
        <translation>Pedir una pista (−{0})…</translation>
    </message>
    <message>
        <source>Select a file in Browse files, a finding or a timeline row that holds this kind of answer, then try again.</source>
        <translation>Seleccione un archivo en Explorar archivos, un hallazgo o una fila de la línea de tiempo que contenga este tipo de respuesta y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>Write an answer first.</source>
        <translation>Primero escriba una respuesta.</translation>
    </message>
    <message>
        <source>Take a hint?</source>
        <translation>¿Pedir una pista?</translation>
    </message>
    <message>
        <source>The hint for question {0} costs {1}: they come off the points this question earns. Take it?</source>
        <translation>La pista de la pregunta {0} cuesta {1}: se descuentan de los puntos que gana esta pregunta. ¿La pide?</translation>
    </message>
    <message>
        <source>Submit the answers? They can no longer be changed afterwards.</source>
        <translation>¿Entregar las respuestas? Después ya no se podrán cambiar.</translation>
    </message>
    <message>
        <source>Not answered: {0}.</source>
        <translation>Sin responder: {0}.</translation>
    </message>
    <message>
        <source>Submit the exercise?</source>
        <translation>¿Entregar el ejercicio?</translation>
    </message>
</context>
<context>
    <name>TriageOptions</name>
    <message>
        <source>none (e.g. 20m or 2h)</source>
        <translation>ninguno (p. ej. 20m o 2h)</translation>
    </message>
    <message>
        <source>one per line</source>
        <translation>uno por línea</translation>
    </message>
</context>
<context>
    <name>TriagePanel</name>
    <message>
        <source>All</source>
        <translation>Todos</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ninguno</translation>
    </message>
    <message>
        <source>Artifact extractors</source>
        <translation>Extractores de artefactos</translation>
    </message>
    <message>
        <source>Use the rule packs shipped with the tool</source>
        <translation>Usar los paquetes de reglas incluidos con la herramienta</translation>
    </message>
    <message>
        <source>Add rule file…</source>
        <translation>Agregar archivo de reglas…</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>Agregar carpeta…</translation>
    </message>
    <message>
        <source>YARA rules (*.yar *.yara);;All files (*)</source>
        <translation>Reglas YARA (*.yar *.yara);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Add keyword list…</source>
        <translation>Agregar lista de palabras clave…</translation>
    </message>
    <message>
        <source>Keyword lists (*.txt);;All files (*)</source>
        <translation>Listas de palabras clave (*.txt);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Search content for e-mail addresses, URLs, card and phone numbers</source>
        <translation>Buscar en el contenido direcciones de correo, URL, números de tarjeta y de teléfono</translation>
    </message>
    <message>
        <source>Rule sets, hash sets and keyword lists</source>
        <translation>Conjuntos de reglas, de hash y listas de palabras clave</translation>
    </message>
    <message>
        <source>Extra YARA rules</source>
        <translation>Reglas YARA adicionales</translation>
    </message>
    <message>
        <source>Hash sets</source>
        <translation>Conjuntos de hash</translation>
    </message>
    <message>
        <source>Keyword lists</source>
        <translation>Listas de palabras clave</translation>
    </message>
    <message>
        <source>Worker processes</source>
        <translation>Procesos de trabajo</translation>
    </message>
    <message>
        <source>Search, order and limits</source>
        <translation>Búsqueda, orden y límites</translation>
    </message>
    <message>
        <source>Run triage</source>
        <translation>Ejecutar el triaje</translation>
    </message>
    <message>
        <source>Examine every file of every evidence item (F5). Running it again resumes where an earlier run stopped.</source>
        <translation>Examinar cada archivo de cada elemento de evidencia (F5). Ejecutarlo de nuevo reanuda donde se detuvo una ejecución anterior.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Not running.</source>
        <translation>Sin ejecutar.</translation>
    </message>
    <message>
        <source>Triage job</source>
        <translation>Tarea de triaje</translation>
    </message>
    <message>
        <source>Speed:</source>
        <translation>Velocidad:</translation>
    </message>
    <message>
        <source>Time left:</source>
        <translation>Tiempo restante:</translation>
    </message>
    <message>
        <source>Warnings:</source>
        <translation>Advertencias:</translation>
    </message>
    <message>
        <source>Listing the artifact extractors…</source>
        <translation>Listando los extractores de artefactos…</translation>
    </message>
    <message>
        <source>Listing the artifact extractors (a plugin is slow to load)…</source>
        <translation>Listando los extractores de artefactos (un complemento tarda en cargarse)…</translation>
    </message>
    <message>
        <source>The extractors could not be listed: {0}</source>
        <translation>No se pudieron listar los extractores: {0}</translation>
    </message>
    <message>
        <source>Not loaded: {0}</source>
        <translation>No cargado: {0}</translation>
    </message>
    <message>
        <source>No artifact extractors are installed.</source>
        <translation>No hay extractores de artefactos instalados.</translation>
    </message>
    <message>
        <source>Waiting for the artifact extractors to be listed…</source>
        <translation>Esperando la lista de extractores de artefactos…</translation>
    </message>
    <message>
        <source>Another job ({0}) is running; triage can start when it ends.</source>
        <translation>Otra tarea ({0}) está en curso; el triaje podrá empezar cuando termine.</translation>
    </message>
    <message>
        <source>Add an evidence item first (Evidence ▸ Add evidence…).</source>
        <translation>Primero agregue un elemento de evidencia (Evidencia ▸ Agregar evidencia…).</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Iniciando…</translation>
    </message>
    <message>
        <source>Results appear in Browse files, Findings and Timeline while the job runs; Cancel keeps everything examined so far.</source>
        <translation>Los resultados aparecen en Explorar archivos, Hallazgos y Línea de tiempo mientras la tarea avanza; Cancelar conserva todo lo examinado hasta ahora.</translation>
    </message>
    <message>
        <source>Cancelling: finishing the files in progress…</source>
        <translation>Cancelando: terminando los archivos en proceso…</translation>
    </message>
    <message>
        <source>{0}/s</source>
        <translation>{0}/s</translation>
    </message>
    <message>
        <source>{0} {1}/s</source>
        <translation>{0} {1}/s</translation>
    </message>
    <message>
        <source>Completed: {0} files examined in {1:.1f} s.</source>
        <translation>Completado: {0} archivos examinados en {1:.1f} s.</translation>
    </message>
    <message>
        <source>Cancelled. {0} Press Resume to continue where it stopped.</source>
        <translation>Cancelado. {0} Pulse Reanudar para continuar donde se detuvo.</translation>
    </message>
    <message>
        <source>Triage stopped: {0}</source>
        <translation>Triaje detenido: {0}</translation>
    </message>
    <message>
        <source>Resume triage</source>
        <translation>Reanudar el triaje</translation>
    </message>
    <message>
        <source>This is a review case imported from a package: it can be read and annotated, not triaged again.</source>
        <translation>Este es un caso de revisión importado de un paquete: se puede leer y anotar, no volver a hacer el triaje.</translation>
    </message>
    <message>
        <source>Triage has not been run on this case yet.</source>
        <translation>Aún no se ha ejecutado el triaje en este caso.</translation>
    </message>
    <message>
        <source>Last run: {0}, {1} examined, {2}.</source>
        <translation>Última ejecución: {0}, {1} examinados, {2}.</translation>
    </message>
    <message>
        <source>{0} files are still waiting to be examined.</source>
        <translation>{0} archivos aún esperan ser examinados.</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Unlock an encrypted volume</source>
        <translation>Desbloquear un volumen cifrado</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <source>Unlock with</source>
        <translation>Desbloquear con</translation>
    </message>
    <message>
        <source>Secret</source>
        <translation>Secreto</translation>
    </message>
    <message>
        <source>Key file</source>
        <translation>Archivo de clave</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Desbloquear</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Ahora no</translation>
    </message>
    <message>
        <source>The secret is kept for this login session only; it is never written to the case. The audit log records that the volume was unlocked and with which kind of secret.</source>
        <translation>El secreto se conserva solo durante esta sesión de usuario; nunca se escribe en el caso. El registro de auditoría consigna que el volumen fue desbloqueado y con qué tipo de secreto.</translation>
    </message>
    <message>
        <source>is locked</source>
        <translation>está bloqueado</translation>
    </message>
    <message>
        <source>was unlocked earlier, but not in this session</source>
        <translation>se desbloqueó antes, pero no en esta sesión</translation>
    </message>
    <message>
        <source>Volume {0} of {1} ({2}, at byte {3}, {4}) {5}: it needs {6}.</source>
        <translation>El volumen {0} de {1} ({2}, en el byte {3}, {4}) {5}: necesita {6}.</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>Clave de recuperación</translation>
    </message>
    <message>
        <source>Choose the key file</source>
        <translation>Elija el archivo de clave</translation>
    </message>
    <message>
        <source>Key files (*.BEK *.bek *.key *.bin);;All files (*)</source>
        <translation>Archivos de clave (*.BEK *.bek *.key *.bin);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>The key file cannot be read: {0}.</source>
        <translation>No se puede leer el archivo de clave: {0}.</translation>
    </message>
    <message>
        <source>Type the secret or choose the key file first.</source>
        <translation>Primero escriba el secreto o elija el archivo de clave.</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <source>Mount read-only on an empty folder</source>
        <translation>Montar en solo lectura en una carpeta vacía</translation>
    </message>
    <message>
        <source>Mount read-only…</source>
        <translation>Montar en solo lectura…</translation>
    </message>
    <message>
        <source>Show this evidence item&apos;s files as a read-only folder (FUSE); audited</source>
        <translation>Mostrar los archivos de este elemento de evidencia como una carpeta de solo lectura (FUSE); auditado</translation>
    </message>
    <message>
        <source>Unmount {0}</source>
        <translation>Desmontar {0}</translation>
    </message>
</context>
</TS>
