<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AddEvidenceDialog</name>
    <message>
        <source>Add evidence</source>
        <translation>Ajouter une preuve</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>what the exhibit is, e.g. &apos;Kingston USB stick, 16 GB&apos;</source>
        <translation>ce qu&apos;est le scellé, p. ex. « Clé USB Kingston, 16 Go »</translation>
    </message>
    <message>
        <source>a disk image (raw/dd, split raw, E01, VHD, VMDK, QCOW — the first segment), a phone extraction (ZIP, TAR) or a folder</source>
        <translation>une image disque (raw/dd, raw segmentée, E01, VHD, VMDK, QCOW — le premier segment), une extraction de téléphone (ZIP, TAR) ou un dossier</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>Dossier…</translation>
    </message>
    <message>
        <source>A folder: an extraction tool&apos;s output or an iTunes/Finder backup of an iPhone (recognised from its Manifest.db)</source>
        <translation>Un dossier : la sortie d&apos;un outil d&apos;extraction ou une sauvegarde iTunes/Finder d&apos;un iPhone (reconnue à son Manifest.db)</translation>
    </message>
    <message>
        <source>Evidence *</source>
        <translation>Pièce *</translation>
    </message>
    <message>
        <source>Exhibit number *</source>
        <translation>Numéro de scellé *</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Seal numbers</source>
        <translation>Numéros de scellés</translation>
    </message>
    <message>
        <source>unknown (e.g. America/Port_of_Spain or -04:00)</source>
        <translation>inconnu (p. ex. America/Port_of_Spain ou -04:00)</translation>
    </message>
    <message>
        <source>The zone the device&apos;s clock was set to, if known. FAT, exFAT and camera times are local clock times: without a zone they are shown as local, never as UTC; with one they are shown in UTC, marked as assumed.</source>
        <translation>Le fuseau horaire de l&apos;horloge de l&apos;appareil, s&apos;il est connu. Les heures FAT, exFAT et des appareils photo sont des heures d&apos;horloge locale : sans fuseau elles sont affichées comme locales, jamais comme UTC ; avec un fuseau elles sont affichées en UTC, marquées comme supposées.</translation>
    </message>
    <message>
        <source>Device clock zone</source>
        <translation>Fuseau horaire de l&apos;appareil</translation>
    </message>
    <message>
        <source>Keep it as an exhibit even if it holds no partition table, file system or known format (hashed; nothing is listed from it)</source>
        <translation>Le conserver comme scellé même s&apos;il n&apos;a ni table de partitions, ni système de fichiers, ni format connu (haché ; rien n&apos;en est listé)</translation>
    </message>
    <message>
        <source>Add and verify</source>
        <translation>Ajouter et vérifier</translation>
    </message>
    <message>
        <source>Choose the image (first segment)</source>
        <translation>Choisissez l&apos;image (premier segment)</translation>
    </message>
    <message>
        <source>Choose the extraction folder or iOS backup</source>
        <translation>Choisissez le dossier de l&apos;extraction ou la sauvegarde iOS</translation>
    </message>
    <message>
        <source>a folder of files</source>
        <translation>un dossier de fichiers</translation>
    </message>
    <message>
        <source>a ZIP archive</source>
        <translation>une archive ZIP</translation>
    </message>
    <message>
        <source>a TAR archive</source>
        <translation>une archive TAR</translation>
    </message>
    <message>
        <source>an iOS backup (iTunes/Finder)</source>
        <translation>une sauvegarde iOS (iTunes/Finder)</translation>
    </message>
    <message>
        <source>{0}; every file is hashed at intake and read in place, read-only.</source>
        <translation>{0} ; chaque fichier est haché à l&apos;intégration et lu sur place, en lecture seule.</translation>
    </message>
    <message>
        <source>raw image</source>
        <translation>image raw</translation>
    </message>
    <message>
        <source>split raw image</source>
        <translation>image raw fractionnée</translation>
    </message>
    <message>
        <source>EWF (E01) image</source>
        <translation>image EWF (E01)</translation>
    </message>
    <message>
        <source>VHD virtual disk</source>
        <translation>disque virtuel VHD</translation>
    </message>
    <message>
        <source>VHDX virtual disk</source>
        <translation>disque virtuel VHDX</translation>
    </message>
    <message>
        <source>VMDK virtual disk</source>
        <translation>disque virtuel VMDK</translation>
    </message>
    <message>
        <source>QCOW virtual disk</source>
        <translation>disque virtuel QCOW</translation>
    </message>
    <message>
        <source>{0}, {1} segment file(s); it will be opened read-only.</source>
        <translation>{0}, {1} fichier(s) de segment ; elle sera ouverte en lecture seule.</translation>
    </message>
    <message>
        <source>Choose the evidence and give the exhibit number.</source>
        <translation>Choisissez la pièce et indiquez le numéro de scellé.</translation>
    </message>
    <message>
        <source>Reading the evidence once to compute MD5, SHA-1 and SHA-256…</source>
        <translation>Lecture unique de la pièce pour calculer MD5, SHA-1 et SHA-256…</translation>
    </message>
    <message>
        <source>Another job ({0}) is running; add the evidence when it ends.</source>
        <translation>Une autre tâche ({0}) est en cours ; ajoutez la preuve quand elle sera terminée.</translation>
    </message>
    <message>
        <source>This image cannot be added</source>
        <translation>Cette image ne peut pas être ajoutée</translation>
    </message>
    <message>
        <source>{0}: {1} of {2} ({3}/s{4})</source>
        <translation>{0} : {1} sur {2} ({3}/s{4})</translation>
    </message>
    <message>
        <source>{0} was added to the case.</source>
        <translation>{0} a été ajouté à l&apos;affaire.</translation>
    </message>
    <message>
        <source>The evidence was not added</source>
        <translation>La preuve n&apos;a pas été ajoutée</translation>
    </message>
    <message>
        <source>Intake cancelled; the evidence was not added.</source>
        <translation>Enregistrement annulé ; la preuve n&apos;a pas été ajoutée.</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
</context>
<context>
    <name>ArtifactField</name>
    <message>
        <source>Access count</source>
        <translation>Nombre d&apos;accès</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>Account expires</source>
        <translation>Expiration du compte</translation>
    </message>
    <message>
        <source>Account name</source>
        <translation>Nom du compte</translation>
    </message>
    <message>
        <source>Account sid</source>
        <translation>SID du compte</translation>
    </message>
    <message>
        <source>Account type</source>
        <translation>Type de compte</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Active time bias minutes</source>
        <translation>Biais horaire actif (minutes)</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Ajouté</translation>
    </message>
    <message>
        <source>Added time</source>
        <translation>Heure d&apos;ajout</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Altitude</source>
        <translation>Altitude</translation>
    </message>
    <message>
        <source>App id</source>
        <translation>ID d&apos;application</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Application</translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation>Arguments</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Pièces jointes</translation>
    </message>
    <message>
        <source>Authentication package</source>
        <translation>Package d&apos;authentification</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Auteur</translation>
    </message>
    <message>
        <source>Bcc</source>
        <translation>Cci</translation>
    </message>
    <message>
        <source>Birth droid file</source>
        <translation>Fichier droid d&apos;origine</translation>
    </message>
    <message>
        <source>Birth droid volume</source>
        <translation>Volume droid d&apos;origine</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Corps</translation>
    </message>
    <message>
        <source>Browser</source>
        <translation>Navigateur</translation>
    </message>
    <message>
        <source>Bssids</source>
        <translation>BSSID</translation>
    </message>
    <message>
        <source>Build</source>
        <translation>Build</translation>
    </message>
    <message>
        <source>Bundle id</source>
        <translation>ID du bundle</translation>
    </message>
    <message>
        <source>Bundle path</source>
        <translation>Chemin du bundle</translation>
    </message>
    <message>
        <source>Call id</source>
        <translation>ID d&apos;appel</translation>
    </message>
    <message>
        <source>Call type</source>
        <translation>Type d&apos;appel</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Catégorie</translation>
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
        <translation>Discussion</translation>
    </message>
    <message>
        <source>Chat name</source>
        <translation>Nom de la discussion</translation>
    </message>
    <message>
        <source>Chat subject</source>
        <translation>Sujet de la discussion</translation>
    </message>
    <message>
        <source>Client name</source>
        <translation>Nom du client</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Commande</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Commentaire</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>Commentaires</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Société</translation>
    </message>
    <message>
        <source>Computer</source>
        <translation>Ordinateur</translation>
    </message>
    <message>
        <source>Computer name</source>
        <translation>Nom de l&apos;ordinateur</translation>
    </message>
    <message>
        <source>Control set</source>
        <translation>Jeu de contrôle</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <source>Country iso</source>
        <translation>Pays (ISO)</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créé</translation>
    </message>
    <message>
        <source>Current version</source>
        <translation>Version actuelle</translation>
    </message>
    <message>
        <source>Danger type</source>
        <translation>Type de danger</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Date delivered</source>
        <translation>Date de remise</translation>
    </message>
    <message>
        <source>Date header</source>
        <translation>En-tête de date</translation>
    </message>
    <message>
        <source>Date read</source>
        <translation>Date de lecture</translation>
    </message>
    <message>
        <source>Date sent</source>
        <translation>Date d&apos;envoi</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Supprimé</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Destlist droid file</source>
        <translation>Fichier droid de DestList</translation>
    </message>
    <message>
        <source>Destlist droid volume</source>
        <translation>Volume droid de DestList</translation>
    </message>
    <message>
        <source>Destlist path</source>
        <translation>Chemin de DestList</translation>
    </message>
    <message>
        <source>Device type</source>
        <translation>Type de périphérique</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Sens</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Désactivé</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Nom affiché</translation>
    </message>
    <message>
        <source>Display version</source>
        <translation>Version affichée</translation>
    </message>
    <message>
        <source>Dns suffix</source>
        <translation>Suffixe DNS</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>Domaine</translation>
    </message>
    <message>
        <source>Drive letter</source>
        <translation>Lettre de lecteur</translation>
    </message>
    <message>
        <source>Drive number</source>
        <translation>Numéro de lecteur</translation>
    </message>
    <message>
        <source>Drive type</source>
        <translation>Type de lecteur</translation>
    </message>
    <message>
        <source>Droid file</source>
        <translation>Fichier droid</translation>
    </message>
    <message>
        <source>Droid volume</source>
        <translation>Volume droid</translation>
    </message>
    <message>
        <source>Duration seconds</source>
        <translation>Durée (secondes)</translation>
    </message>
    <message>
        <source>Edit time minutes</source>
        <translation>Temps d&apos;édition (minutes)</translation>
    </message>
    <message>
        <source>Edition</source>
        <translation>Édition</translation>
    </message>
    <message>
        <source>Emails</source>
        <translation>Courriels</translation>
    </message>
    <message>
        <source>Emptied</source>
        <translation>Vidée</translation>
    </message>
    <message>
        <source>Encrypted</source>
        <translation>Chiffré</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>End time</source>
        <translation>Heure de fin</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Entrée</translation>
    </message>
    <message>
        <source>Entry id</source>
        <translation>ID d&apos;entrée</translation>
    </message>
    <message>
        <source>Event data</source>
        <translation>Données de l&apos;événement</translation>
    </message>
    <message>
        <source>Event id</source>
        <translation>ID de l&apos;événement</translation>
    </message>
    <message>
        <source>Executable</source>
        <translation>Exécutable</translation>
    </message>
    <message>
        <source>Executable path</source>
        <translation>Chemin de l&apos;exécutable</translation>
    </message>
    <message>
        <source>Executed</source>
        <translation>Exécuté</translation>
    </message>
    <message>
        <source>Extension</source>
        <translation>Extension</translation>
    </message>
    <message>
        <source>Failed logon count</source>
        <translation>Échecs de connexion</translation>
    </message>
    <message>
        <source>First connected local</source>
        <translation>Première connexion (locale)</translation>
    </message>
    <message>
        <source>First installed</source>
        <translation>Première installation</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Indicateurs</translation>
    </message>
    <message>
        <source>Focus count</source>
        <translation>Nombre de mises au premier plan</translation>
    </message>
    <message>
        <source>Focus time ms</source>
        <translation>Temps au premier plan (ms)</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Format version</source>
        <translation>Version du format</translation>
    </message>
    <message>
        <source>Friendly name</source>
        <translation>Nom convivial</translation>
    </message>
    <message>
        <source>From jid</source>
        <translation>JID de l&apos;expéditeur</translation>
    </message>
    <message>
        <source>From me</source>
        <translation>Envoyé par moi</translation>
    </message>
    <message>
        <source>From url</source>
        <translation>URL d&apos;origine</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Nom complet</translation>
    </message>
    <message>
        <source>Gateway mac</source>
        <translation>MAC de la passerelle</translation>
    </message>
    <message>
        <source>Gps map datum</source>
        <translation>Datum de la carte GPS</translation>
    </message>
    <message>
        <source>Gps time</source>
        <translation>Heure GPS</translation>
    </message>
    <message>
        <source>Guid</source>
        <translation>GUID</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>Hauteur</translation>
    </message>
    <message>
        <source>Hidden</source>
        <translation>Masqué</translation>
    </message>
    <message>
        <source>Hive</source>
        <translation>Ruche</translation>
    </message>
    <message>
        <source>Hostname</source>
        <translation>Nom d&apos;hôte</translation>
    </message>
    <message>
        <source>Icon location</source>
        <translation>Emplacement de l&apos;icône</translation>
    </message>
    <message>
        <source>Image path</source>
        <translation>Chemin de l&apos;image</translation>
    </message>
    <message>
        <source>In reply to</source>
        <translation>En réponse à</translation>
    </message>
    <message>
        <source>Index</source>
        <translation>Index</translation>
    </message>
    <message>
        <source>Install date</source>
        <translation>Date d&apos;installation</translation>
    </message>
    <message>
        <source>Install location</source>
        <translation>Emplacement d&apos;installation</translation>
    </message>
    <message>
        <source>Install source</source>
        <translation>Source d&apos;installation</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>Installé</translation>
    </message>
    <message>
        <source>Jumplist type</source>
        <translation>Type de jumplist</translation>
    </message>
    <message>
        <source>Key last written</source>
        <translation>Dernière écriture de la clé</translation>
    </message>
    <message>
        <source>Key path</source>
        <translation>Chemin de la clé</translation>
    </message>
    <message>
        <source>Keywords</source>
        <translation>Mots-clés</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Nature</translation>
    </message>
    <message>
        <source>Last auto joined</source>
        <translation>Dernière association automatique</translation>
    </message>
    <message>
        <source>Last connected</source>
        <translation>Dernière connexion</translation>
    </message>
    <message>
        <source>Last connected local</source>
        <translation>Dernière connexion (locale)</translation>
    </message>
    <message>
        <source>Last contacted</source>
        <translation>Dernier contact</translation>
    </message>
    <message>
        <source>Last failed logon</source>
        <translation>Dernier échec de connexion</translation>
    </message>
    <message>
        <source>Last joined</source>
        <translation>Dernière association</translation>
    </message>
    <message>
        <source>Last logon</source>
        <translation>Dernière connexion de session</translation>
    </message>
    <message>
        <source>Last password change</source>
        <translation>Dernier changement de mot de passe</translation>
    </message>
    <message>
        <source>Last removed</source>
        <translation>Dernier retrait</translation>
    </message>
    <message>
        <source>Last run</source>
        <translation>Dernière exécution</translation>
    </message>
    <message>
        <source>Last saved by</source>
        <translation>Dernier enregistrement par</translation>
    </message>
    <message>
        <source>Last shutdown</source>
        <translation>Dernier arrêt</translation>
    </message>
    <message>
        <source>Last updated</source>
        <translation>Dernière mise à jour</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>Dernière utilisation</translation>
    </message>
    <message>
        <source>Last viewed</source>
        <translation>Dernière consultation</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>Latitude</translation>
    </message>
    <message>
        <source>Lens model</source>
        <translation>Modèle d&apos;objectif</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <source>Local path</source>
        <translation>Chemin local</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Emplacement</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Journal</translation>
    </message>
    <message>
        <source>Logon count</source>
        <translation>Nombre de connexions</translation>
    </message>
    <message>
        <source>Logon id</source>
        <translation>ID de connexion</translation>
    </message>
    <message>
        <source>Logon type</source>
        <translation>Type de connexion</translation>
    </message>
    <message>
        <source>Logon type name</source>
        <translation>Nom du type de connexion</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>Longitude</translation>
    </message>
    <message>
        <source>Mac address</source>
        <translation>Adresse MAC</translation>
    </message>
    <message>
        <source>Machine id</source>
        <translation>ID de la machine</translation>
    </message>
    <message>
        <source>Make</source>
        <translation>Marque</translation>
    </message>
    <message>
        <source>Managed</source>
        <translation>Géré</translation>
    </message>
    <message>
        <source>Media mime</source>
        <translation>MIME du média</translation>
    </message>
    <message>
        <source>Media path</source>
        <translation>Chemin du média</translation>
    </message>
    <message>
        <source>Media size</source>
        <translation>Taille du média</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Membre</translation>
    </message>
    <message>
        <source>Message id</source>
        <translation>ID du message</translation>
    </message>
    <message>
        <source>Message type</source>
        <translation>Type de message</translation>
    </message>
    <message>
        <source>Mime type</source>
        <translation>Type MIME</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Modifié</translation>
    </message>
    <message>
        <source>Modified camera clock</source>
        <translation>Modifié (horloge de l&apos;appareil)</translation>
    </message>
    <message>
        <source>Modified time</source>
        <translation>Heure de modification</translation>
    </message>
    <message>
        <source>Mru position</source>
        <translation>Position MRU</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Network path</source>
        <translation>Chemin réseau</translation>
    </message>
    <message>
        <source>Network type</source>
        <translation>Type de réseau</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Numéro</translation>
    </message>
    <message>
        <source>Numbers</source>
        <translation>Numéros</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Ouvert</translation>
    </message>
    <message>
        <source>Opened time</source>
        <translation>Heure d&apos;ouverture</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Ordre</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Original name</source>
        <translation>Nom d&apos;origine</translation>
    </message>
    <message>
        <source>Original path</source>
        <translation>Chemin d&apos;origine</translation>
    </message>
    <message>
        <source>Owner sid</source>
        <translation>SID du propriétaire</translation>
    </message>
    <message>
        <source>Party</source>
        <translation>Correspondant</translation>
    </message>
    <message>
        <source>Password hint</source>
        <translation>Indice de mot de passe</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Chemin</translation>
    </message>
    <message>
        <source>Phone numbers</source>
        <translation>Numéros de téléphone</translation>
    </message>
    <message>
        <source>Pin status</source>
        <translation>État d&apos;épinglage</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Prefetch hash</source>
        <translation>Empreinte Prefetch</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>Imprimé</translation>
    </message>
    <message>
        <source>Private</source>
        <translation>Privé</translation>
    </message>
    <message>
        <source>Process id</source>
        <translation>ID du processus</translation>
    </message>
    <message>
        <source>Process name</source>
        <translation>Nom du processus</translation>
    </message>
    <message>
        <source>Producer</source>
        <translation>Producteur</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produit</translation>
    </message>
    <message>
        <source>Product id</source>
        <translation>ID du produit</translation>
    </message>
    <message>
        <source>Product name</source>
        <translation>Nom du produit</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Profile guid</source>
        <translation>GUID du profil</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Fournisseur</translation>
    </message>
    <message>
        <source>Publisher</source>
        <translation>Éditeur</translation>
    </message>
    <message>
        <source>Push name</source>
        <translation>Nom de profil (push name)</translation>
    </message>
    <message>
        <source>Raw contact id</source>
        <translation>ID de contact brut</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Lu</translation>
    </message>
    <message>
        <source>Received bytes</source>
        <translation>Octets reçus</translation>
    </message>
    <message>
        <source>Record number</source>
        <translation>Numéro d&apos;enregistrement</translation>
    </message>
    <message>
        <source>Recovered</source>
        <translation>Récupéré</translation>
    </message>
    <message>
        <source>Recycled name</source>
        <translation>Nom dans la corbeille</translation>
    </message>
    <message>
        <source>Referenced files</source>
        <translation>Fichiers référencés</translation>
    </message>
    <message>
        <source>Referrer</source>
        <translation>Référent</translation>
    </message>
    <message>
        <source>Registered organization</source>
        <translation>Organisation enregistrée</translation>
    </message>
    <message>
        <source>Registered owner</source>
        <translation>Propriétaire enregistré</translation>
    </message>
    <message>
        <source>Relative path</source>
        <translation>Chemin relatif</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Révision</translation>
    </message>
    <message>
        <source>Rid</source>
        <translation>RID</translation>
    </message>
    <message>
        <source>Row id</source>
        <translation>ID de ligne</translation>
    </message>
    <message>
        <source>Run count</source>
        <translation>Nombre d&apos;exécutions</translation>
    </message>
    <message>
        <source>Run times</source>
        <translation>Heures d&apos;exécution</translation>
    </message>
    <message>
        <source>Sandbox path</source>
        <translation>Chemin du conteneur (sandbox)</translation>
    </message>
    <message>
        <source>Search time</source>
        <translation>Heure de recherche</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Sécurité</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Expéditeur</translation>
    </message>
    <message>
        <source>Sent date</source>
        <translation>Date d&apos;envoi</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>Série</translation>
    </message>
    <message>
        <source>Serial is generated</source>
        <translation>Série générée</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>Numéro de série</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Service center</source>
        <translation>Centre de service</translation>
    </message>
    <message>
        <source>Service dll</source>
        <translation>DLL du service</translation>
    </message>
    <message>
        <source>Service name</source>
        <translation>Nom du service</translation>
    </message>
    <message>
        <source>Service type</source>
        <translation>Type de service</translation>
    </message>
    <message>
        <source>Session id</source>
        <translation>ID de session</translation>
    </message>
    <message>
        <source>Shell</source>
        <translation>Shell</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Size kb</source>
        <translation>Taille (Ko)</translation>
    </message>
    <message>
        <source>Software</source>
        <translation>Logiciel</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Source address</source>
        <translation>Adresse source</translation>
    </message>
    <message>
        <source>Source port</source>
        <translation>Port source</translation>
    </message>
    <message>
        <source>Ssid</source>
        <translation>SSID</translation>
    </message>
    <message>
        <source>Starred</source>
        <translation>Favori</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>Start time</source>
        <translation>Heure de début</translation>
    </message>
    <message>
        <source>Start type</source>
        <translation>Type de démarrage</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Situation</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Stream</source>
        <translation>Flux</translation>
    </message>
    <message>
        <source>Sub status</source>
        <translation>Sous-état</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>Subject account</source>
        <translation>Compte du sujet</translation>
    </message>
    <message>
        <source>Subject domain</source>
        <translation>Domaine du sujet</translation>
    </message>
    <message>
        <source>System root</source>
        <translation>Racine du système</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Table</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>Prise</translation>
    </message>
    <message>
        <source>Taken camera clock</source>
        <translation>Prise (horloge de l&apos;appareil)</translation>
    </message>
    <message>
        <source>Taken offset</source>
        <translation>Décalage de la prise de vue</translation>
    </message>
    <message>
        <source>Target accessed</source>
        <translation>Cible consultée</translation>
    </message>
    <message>
        <source>Target account</source>
        <translation>Compte cible</translation>
    </message>
    <message>
        <source>Target attributes</source>
        <translation>Attributs de la cible</translation>
    </message>
    <message>
        <source>Target created</source>
        <translation>Cible créée</translation>
    </message>
    <message>
        <source>Target domain</source>
        <translation>Domaine cible</translation>
    </message>
    <message>
        <source>Target modified</source>
        <translation>Cible modifiée</translation>
    </message>
    <message>
        <source>Target path</source>
        <translation>Chemin cible</translation>
    </message>
    <message>
        <source>Target sid</source>
        <translation>SID cible</translation>
    </message>
    <message>
        <source>Target size</source>
        <translation>Taille de la cible</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Modèle de document</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>Terme</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <source>Thread id</source>
        <translation>ID du thread</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Fuseau horaire</translation>
    </message>
    <message>
        <source>Time zone bias minutes</source>
        <translation>Biais du fuseau horaire (minutes)</translation>
    </message>
    <message>
        <source>Times contacted</source>
        <translation>Nombre de contacts</translation>
    </message>
    <message>
        <source>Timestamp</source>
        <translation>Horodatage</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>To</source>
        <translation>À</translation>
    </message>
    <message>
        <source>To jid</source>
        <translation>JID du destinataire</translation>
    </message>
    <message>
        <source>Total bytes</source>
        <translation>Octets au total</translation>
    </message>
    <message>
        <source>Transition</source>
        <translation>Transition</translation>
    </message>
    <message>
        <source>Trashed</source>
        <translation>Mis à la corbeille</translation>
    </message>
    <message>
        <source>Typed count</source>
        <translation>Nombre de saisies</translation>
    </message>
    <message>
        <source>Typed time</source>
        <translation>Heure de saisie</translation>
    </message>
    <message>
        <source>Uninstall string</source>
        <translation>Chaîne de désinstallation</translation>
    </message>
    <message>
        <source>Unique id</source>
        <translation>ID unique</translation>
    </message>
    <message>
        <source>Url</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>User sid</source>
        <translation>SID de l&apos;utilisateur</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Nom d&apos;utilisateur</translation>
    </message>
    <message>
        <source>Utc offset seconds</source>
        <translation>Décalage UTC (secondes)</translation>
    </message>
    <message>
        <source>Uuid</source>
        <translation>UUID</translation>
    </message>
    <message>
        <source>Vendor</source>
        <translation>Fabricant</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Visit count</source>
        <translation>Nombre de visites</translation>
    </message>
    <message>
        <source>Visit id</source>
        <translation>ID de visite</translation>
    </message>
    <message>
        <source>Visit time</source>
        <translation>Heure de visite</translation>
    </message>
    <message>
        <source>Volume guid</source>
        <translation>GUID du volume</translation>
    </message>
    <message>
        <source>Volume label</source>
        <translation>Nom du volume</translation>
    </message>
    <message>
        <source>Volume serial</source>
        <translation>Numéro de série du volume</translation>
    </message>
    <message>
        <source>Volumes</source>
        <translation>Volumes</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>Largeur</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Fenêtre</translation>
    </message>
    <message>
        <source>Working directory</source>
        <translation>Répertoire de travail</translation>
    </message>
    <message>
        <source>Workstation</source>
        <translation>Poste de travail</translation>
    </message>
    <message>
        <source>Account id</source>
        <translation>ID du compte</translation>
    </message>
    <message>
        <source>Android user</source>
        <translation>Utilisateur Android</translation>
    </message>
    <message>
        <source>Bssid</source>
        <translation>BSSID</translation>
    </message>
    <message>
        <source>Code modified</source>
        <translation>Code modifié</translation>
    </message>
    <message>
        <source>Code path</source>
        <translation>Chemin du code</translation>
    </message>
    <message>
        <source>Creation time text</source>
        <translation>Heure de création (texte)</translation>
    </message>
    <message>
        <source>Creator name</source>
        <translation>Nom du créateur</translation>
    </message>
    <message>
        <source>Creator uid</source>
        <translation>UID du créateur</translation>
    </message>
    <message>
        <source>Data dir</source>
        <translation>Répertoire de données</translation>
    </message>
    <message>
        <source>Debuggable</source>
        <translation>Débogable</translation>
    </message>
    <message>
        <source>Dialog id</source>
        <translation>ID de la conversation</translation>
    </message>
    <message>
        <source>Dialog name</source>
        <translation>Nom de la conversation</translation>
    </message>
    <message>
        <source>Display</source>
        <translation>Texte affiché</translation>
    </message>
    <message>
        <source>First install</source>
        <translation>Première installation</translation>
    </message>
    <message>
        <source>Has ever connected</source>
        <translation>S&apos;est déjà connecté</translation>
    </message>
    <message>
        <source>Has media</source>
        <translation>Contient un média</translation>
    </message>
    <message>
        <source>Installer</source>
        <translation>Installateur</translation>
    </message>
    <message>
        <source>Last password entry</source>
        <translation>Dernière saisie du mot de passe</translation>
    </message>
    <message>
        <source>Last update</source>
        <translation>Dernière mise à jour</translation>
    </message>
    <message>
        <source>Last update name</source>
        <translation>Nom de la dernière mise à jour</translation>
    </message>
    <message>
        <source>Most recently connected</source>
        <translation>Connecté le plus récemment</translation>
    </message>
    <message>
        <source>Outgoing</source>
        <translation>Sortant</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>Paquet</translation>
    </message>
    <message>
        <source>Password stored</source>
        <translation>Mot de passe enregistré</translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation>Autorisations</translation>
    </message>
    <message>
        <source>Previous name</source>
        <translation>Nom précédent</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorité</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>Requête</translation>
    </message>
    <message>
        <source>Randomized mac</source>
        <translation>MAC aléatoire</translation>
    </message>
    <message>
        <source>Selection status</source>
        <translation>État de sélection</translation>
    </message>
    <message>
        <source>Source latitude</source>
        <translation>Latitude d&apos;origine</translation>
    </message>
    <message>
        <source>Source longitude</source>
        <translation>Longitude d&apos;origine</translation>
    </message>
    <message>
        <source>System app</source>
        <translation>Application système</translation>
    </message>
    <message>
        <source>Text status</source>
        <translation>État du texte</translation>
    </message>
    <message>
        <source>Uid</source>
        <translation>UID</translation>
    </message>
    <message>
        <source>User id</source>
        <translation>ID d&apos;utilisateur</translation>
    </message>
    <message>
        <source>Version code</source>
        <translation>Code de version</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Prénom</translation>
    </message>
    <message>
        <source>Last message date</source>
        <translation>Date du dernier message</translation>
    </message>
    <message>
        <source>Last message id</source>
        <translation>ID du dernier message</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Nom de famille</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Numéro de téléphone</translation>
    </message>
    <message>
        <source>Pinned</source>
        <translation>Épinglé</translation>
    </message>
    <message>
        <source>Unread count</source>
        <translation>Nombre de non lus</translation>
    </message>
</context>
<context>
    <name>Audit</name>
    <message>
        <source>#</source>
        <translation>N°</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Qui</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>Entry hash (SHA-256)</source>
        <translation>Empreinte de l&apos;entrée (SHA-256)</translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <source>Verify the audit chain</source>
        <translation>Vérifier la chaîne d&apos;audit</translation>
    </message>
    <message>
        <source>Add custody event…</source>
        <translation>Ajouter un événement de possession…</translation>
    </message>
    <message>
        <source>Audit log: every examiner and tool action, hash-chained</source>
        <translation>Journal d&apos;audit : chaque action de l&apos;examinateur et de l&apos;outil, chaînée par empreinte</translation>
    </message>
    <message>
        <source>Chain of custody</source>
        <translation>Chaîne de possession</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
    <message>
        <source>The audit log was altered: {0}</source>
        <translation>Le journal d&apos;audit a été modifié : {0}</translation>
    </message>
    <message>
        <source>Intact: every entry follows the one before. Head hash {0}</source>
        <translation>Intact : chaque entrée suit la précédente. Empreinte de tête {0}</translation>
    </message>
</context>
<context>
    <name>BrowseView</name>
    <message>
        <source>Folder {0}</source>
        <translation>Dossier {0}</translation>
    </message>
    <message>
        <source>Every file of the selected file system</source>
        <translation>Tous les fichiers du système de fichiers sélectionné</translation>
    </message>
    <message>
        <source>Every file of the selected evidence item</source>
        <translation>Tous les fichiers de la preuve sélectionnée</translation>
    </message>
    <message>
        <source>Every file in the case</source>
        <translation>Tous les fichiers de l&apos;affaire</translation>
    </message>
    <message>
        <source>entries</source>
        <translation>entrées</translation>
    </message>
    <message>
        <source>files</source>
        <translation>fichiers</translation>
    </message>
    <message>
        <source>{0} {1} loaded…</source>
        <translation>{0} {1} chargés…</translation>
    </message>
    <message>
        <source>{0} {1} (showing {2})</source>
        <translation>{0} {1} ({2} affichés)</translation>
    </message>
</context>
<context>
    <name>CaseDetailsDialog</name>
    <message>
        <source>Case details for the report</source>
        <translation>Détails de l&apos;affaire pour le rapport</translation>
    </message>
    <message>
        <source>Your own words for the report. Each change is recorded in the audit log with a SHA-256 of the new text; a report is marked DRAFT until the request, your qualifications and the conclusions are all filled.</source>
        <translation>Vos propres mots pour le rapport. Chaque modification est inscrite au journal d&apos;audit avec un SHA-256 du nouveau texte ; un rapport est marqué BROUILLON tant que la réquisition, vos qualifications et les conclusions ne sont pas toutes remplies.</translation>
    </message>
    <message>
        <source>The questions the examination must answer, as asked by the requester</source>
        <translation>Les questions auxquelles l&apos;examen doit répondre, telles que posées par le requérant</translation>
    </message>
    <message>
        <source>Your qualifications, training and experience relevant to this examination</source>
        <translation>Vos qualifications, formation et expérience utiles pour cet examen</translation>
    </message>
    <message>
        <source>e.g. Digital forensic examiner</source>
        <translation>p. ex. Examinateur en criminalistique numérique</translation>
    </message>
    <message>
        <source>Your conclusions, answering the request; say what the findings do and do not show</source>
        <translation>Vos conclusions, qui répondent à la réquisition ; dites ce que les constatations montrent et ne montrent pas</translation>
    </message>
    <message>
        <source>Request (questions asked)</source>
        <translation>Réquisition (questions posées)</translation>
    </message>
    <message>
        <source>Examiner</source>
        <translation>Examinateur</translation>
    </message>
    <message>
        <source>Qualifications</source>
        <translation>Qualifications</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Fonction</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisme</translation>
    </message>
    <message>
        <source>Conclusions</source>
        <translation>Conclusions</translation>
    </message>
    <message>
        <source>This is a review case imported from a package; its report details cannot be changed.</source>
        <translation>Ceci est une affaire de relecture importée d&apos;un paquet ; ses détails de rapport ne peuvent pas être modifiés.</translation>
    </message>
    <message>
        <source>Still empty: {0}. A report made now is marked DRAFT.</source>
        <translation>Encore vide : {0}. Un rapport fait maintenant est marqué BROUILLON.</translation>
    </message>
    <message>
        <source>Request, qualifications and conclusions are filled.</source>
        <translation>La réquisition, les qualifications et les conclusions sont remplies.</translation>
    </message>
</context>
<context>
    <name>CaseDetailsPage</name>
    <message>
        <source>The case</source>
        <translation>L&apos;affaire</translation>
    </message>
    <message>
        <source>What this examination is for. Fields marked * are required.</source>
        <translation>À quoi sert cet examen. Les champs marqués * sont obligatoires.</translation>
    </message>
    <message>
        <source>e.g. CYB-2025-0142</source>
        <translation>p. ex. CYB-2025-0142</translation>
    </message>
    <message>
        <source>warrant or court order number</source>
        <translation>numéro de mandat ou d&apos;ordonnance</translation>
    </message>
    <message>
        <source>Case number *</source>
        <translation>Numéro d&apos;affaire *</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Agency / laboratory</source>
        <translation>Service / laboratoire</translation>
    </message>
    <message>
        <source>Authority (warrant / order)</source>
        <translation>Autorisation (mandat / ordonnance)</translation>
    </message>
    <message>
        <source>Requested by</source>
        <translation>Requis par</translation>
    </message>
    <message>
        <source>The case number</source>
        <translation>Le numéro d&apos;affaire</translation>
    </message>
    <message>
        <source>The title</source>
        <translation>Le titre</translation>
    </message>
    <message>
        <source>The agency</source>
        <translation>Le service</translation>
    </message>
    <message>
        <source>The authority</source>
        <translation>L&apos;autorisation</translation>
    </message>
    <message>
        <source>The requester</source>
        <translation>Le requérant</translation>
    </message>
</context>
<context>
    <name>CaseWizard</name>
    <message>
        <source>{0} is required.</source>
        <translation>{0} est obligatoire.</translation>
    </message>
    <message>
        <source>{0} contains control or text-direction characters.</source>
        <translation>{0} contient des caractères de contrôle ou de sens du texte.</translation>
    </message>
    <message>
        <source>{0} is longer than {1} characters.</source>
        <translation>{0} dépasse {1} caractères.</translation>
    </message>
    <message>
        <source>Choose a folder for the case.</source>
        <translation>Choisissez un dossier pour l&apos;affaire.</translation>
    </message>
    <message>
        <source>A case already exists in {0}; choose another folder or open that case.</source>
        <translation>Une affaire existe déjà dans {0} ; choisissez un autre dossier ou ouvrez cette affaire.</translation>
    </message>
    <message>
        <source>{0} is a file, not a folder.</source>
        <translation>{0} est un fichier, pas un dossier.</translation>
    </message>
    <message>
        <source>The folder {0} cannot be written here.</source>
        <translation>Le dossier {0} n&apos;est pas accessible en écriture.</translation>
    </message>
</context>
<context>
    <name>CaseWorkspace</name>
    <message>
        <source>&amp;Overview</source>
        <translation>&amp;Vue d&apos;ensemble</translation>
    </message>
    <message>
        <source>&amp;Triage</source>
        <translation>&amp;Tri</translation>
    </message>
    <message>
        <source>&amp;Browse files</source>
        <translation>&amp;Parcourir les fichiers</translation>
    </message>
    <message>
        <source>F&amp;indings</source>
        <translation>&amp;Constatations</translation>
    </message>
    <message>
        <source>Ti&amp;meline</source>
        <translation>&amp;Chronologie</translation>
    </message>
    <message>
        <source>&amp;Audit and custody</source>
        <translation>&amp;Audit et possession</translation>
    </message>
</context>
<context>
    <name>Custody</name>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Exhibit</source>
        <translation>Scellé</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Qui</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Où</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Pourquoi</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>To</source>
        <translation>À</translation>
    </message>
    <message>
        <source>Seals</source>
        <translation>Scellés</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Entered by</source>
        <translation>Saisi par</translation>
    </message>
    <message>
        <source>The examiner who entered this record</source>
        <translation>L&apos;examinateur qui a saisi cet enregistrement</translation>
    </message>
    <message>
        <source>Entered at</source>
        <translation>Saisi le</translation>
    </message>
    <message>
        <source>When this record was entered (not when the event happened)</source>
        <translation>Quand cet enregistrement a été saisi (pas quand l&apos;événement a eu lieu)</translation>
    </message>
</context>
<context>
    <name>CustodyDialog</name>
    <message>
        <source>Add custody event</source>
        <translation>Ajouter un événement de possession</translation>
    </message>
    <message>
        <source>A physical item that is not imaged in this case</source>
        <translation>Un objet physique qui n&apos;est pas imagé dans cette affaire</translation>
    </message>
    <message>
        <source>Without this, the exhibit must be an evidence item of the case</source>
        <translation>Sans cela, le scellé doit être une preuve de l&apos;affaire</translation>
    </message>
    <message>
        <source>Exhibit</source>
        <translation>Scellé</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Qui</translation>
    </message>
    <message>
        <source>When (local time)</source>
        <translation>Quand (heure locale)</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Fuseau horaire</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Où</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Pourquoi</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>To</source>
        <translation>À</translation>
    </message>
    <message>
        <source>Seal numbers</source>
        <translation>Numéros de scellés</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Choose or type the exhibit.</source>
        <translation>Choisissez ou saisissez le scellé.</translation>
    </message>
    <message>
        <source>Say who acted.</source>
        <translation>Indiquez qui a agi.</translation>
    </message>
    <message>
        <source>Unknown time zone; use a name such as America/Port_of_Spain or an offset such as -04:00.</source>
        <translation>Fuseau horaire inconnu ; utilisez un nom comme America/Port_of_Spain ou un décalage comme -04:00.</translation>
    </message>
</context>
<context>
    <name>DetailsPane</name>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>Hex</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>Photo</translation>
    </message>
    <message>
        <source>View as SQLite</source>
        <translation>Voir en SQLite</translation>
    </message>
    <message>
        <source>&lt;p&gt;Select a file to see its details.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Sélectionnez un fichier pour voir ses détails.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Chemin</translation>
    </message>
    <message>
        <source>Locator</source>
        <translation>Localisateur</translation>
    </message>
    <message>
        <source>Evidence item</source>
        <translation>Preuve</translation>
    </message>
    <message>
        <source>File system</source>
        <translation>Système de fichiers</translation>
    </message>
    <message>
        <source>Inode / MFT entry</source>
        <translation>Inode / entrée MFT</translation>
    </message>
    <message>
        <source>Stream</source>
        <translation>Flux</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Supprimé</translation>
    </message>
    <message>
        <source>yes — the name is not allocated</source>
        <translation>oui — le nom n&apos;est pas alloué</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>Metadata allocated</source>
        <translation>Métadonnées allouées</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Extension</source>
        <translation>Extension</translation>
    </message>
    <message>
        <source>does not match the content (looks like .{0})</source>
        <translation>ne correspond pas au contenu (ressemble à .{0})</translation>
    </message>
    <message>
        <source>Entropy</source>
        <translation>Entropie</translation>
    </message>
    <message>
        <source>Encrypted?</source>
        <translation>Chiffré ?</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Modifié</translation>
    </message>
    <message>
        <source>Accessed</source>
        <translation>Consulté</translation>
    </message>
    <message>
        <source>Changed (metadata)</source>
        <translation>Changé (métadonnées)</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créé</translation>
    </message>
    <message>
        <source>Times are</source>
        <translation>Les heures sont</translation>
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
        <translation>État</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Indicateurs</translation>
    </message>
    <message>
        <source>Hash-set matches</source>
        <translation>Correspondances avec des jeux d&apos;empreintes</translation>
    </message>
    <message>
        <source>YARA hits</source>
        <translation>Détections YARA</translation>
    </message>
    <message>
        <source>Artifacts from this file</source>
        <translation>Artefacts de ce fichier</translation>
    </message>
    <message>
        <source>Tags and notes</source>
        <translation>Étiquettes et notes</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Avertissements</translation>
    </message>
    <message>
        <source>This review case has no evidence image attached; content cannot be shown.</source>
        <translation>Cette affaire de relecture n&apos;a pas d&apos;image de preuve jointe ; le contenu ne peut pas être affiché.</translation>
    </message>
    <message>
        <source>This file is not a SQLite database.</source>
        <translation>Ce fichier n&apos;est pas une base de données SQLite.</translation>
    </message>
    <message>
        <source>The content cannot be shown: {0}</source>
        <translation>Le contenu ne peut pas être affiché : {0}</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>The operation failed: {0}{1}.</source>
        <translation>L&apos;opération a échoué : {0}{1}.</translation>
    </message>
    <message>
        <source>An unexpected problem stopped this task ({0}). The case is unchanged apart from work already saved; please report this to the developers.</source>
        <translation>Un problème inattendu a arrêté cette tâche ({0}). L&apos;affaire est inchangée, hormis le travail déjà enregistré ; signalez-le aux développeurs.</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>Information</translation>
    </message>
</context>
<context>
    <name>EvidenceBanner</name>
    <message>
        <source>verified MATCH: the hashes computed now equal the hashes stored at acquisition</source>
        <translation>vérifiée CONCORDE : les empreintes calculées maintenant sont égales à celles enregistrées à l&apos;acquisition</translation>
    </message>
    <message>
        <source>MISMATCH: the hashes computed now differ from those stored at acquisition — do not rely on this image before you find out why</source>
        <translation>DIFFÈRE : les empreintes calculées maintenant diffèrent de celles enregistrées à l&apos;acquisition — ne vous fiez pas à cette image avant d&apos;en connaître la raison</translation>
    </message>
    <message>
        <source>NOT STORED: the image holds no acquisition hash; the hashes below were computed at intake and are the reference from now on</source>
        <translation>NON ENREGISTRÉE : l&apos;image ne contient pas d&apos;empreinte d&apos;acquisition ; les empreintes ci-dessous ont été calculées à l&apos;enregistrement et font référence désormais</translation>
    </message>
    <message>
        <source>CHECKSUM ERRORS: chunks of the image failed their checksums (the sectors are named in the warnings) — the image is not verified</source>
        <translation>ERREURS DE SOMME DE CONTRÔLE : des blocs de l&apos;image ont échoué à leur somme de contrôle (les secteurs sont nommés dans les avertissements) — l&apos;image n&apos;est pas vérifiée</translation>
    </message>
    <message>
        <source>Device clock zone: {0} (declared by the examiner; local clock times are shown in UTC as an assumption)</source>
        <translation>Fuseau horaire de l&apos;appareil : {0} (déclaré par l&apos;examinateur ; les heures d&apos;horloge locale sont affichées en UTC par hypothèse)</translation>
    </message>
    <message>
        <source>Device clock zone: unknown (local clock times, e.g. FAT&apos;s, are shown as local, never as UTC)</source>
        <translation>Fuseau horaire de l&apos;appareil : inconnu (les heures d&apos;horloge locale, p. ex. celles de FAT, sont affichées comme locales, jamais comme UTC)</translation>
    </message>
    <message>
        <source> (locked)</source>
        <translation> (verrouillé)</translation>
    </message>
    <message>
        <source>File systems: {0}</source>
        <translation>Systèmes de fichiers : {0}</translation>
    </message>
    <message>
        <source>No file system this tool can read was found; the media was hashed.</source>
        <translation>Aucun système de fichiers lisible par cet outil n&apos;a été trouvé ; le support a été haché.</translation>
    </message>
    <message>
        <source>Opened read-only.</source>
        <translation>Ouvert en lecture seule.</translation>
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
        <translation>Preuve {0} : {1} ; vérification {2} ; ouverte en lecture seule</translation>
    </message>
    <message>
        <source>Source time zone: {0}, declared by the examiner; local clock times are shown in UTC as an assumption.</source>
        <translation>Fuseau horaire source : {0}, déclaré par l&apos;examinateur ; les heures d&apos;horloge locale sont affichées en UTC par hypothèse.</translation>
    </message>
    <message>
        <source>Source time zone: unknown; local clock times (FAT, EXIF) are shown as local, never as UTC.</source>
        <translation>Fuseau horaire source : inconnu ; les heures d&apos;horloge locale (FAT, EXIF) sont affichées comme locales, jamais comme UTC.</translation>
    </message>
    <message>
        <source>no readable file system</source>
        <translation>aucun système de fichiers lisible</translation>
    </message>
    <message>
        <source>whole media</source>
        <translation>support entier</translation>
    </message>
    <message>
        <source>partition {0}</source>
        <translation>partition {0}</translation>
    </message>
    <message>
        <source>{0} — {1}, {2}</source>
        <translation>{0} — {1}, {2}</translation>
    </message>
    <message>
        <source>{0} at byte {1}: {2}; status: {3}</source>
        <translation>{0} à l&apos;octet {1} : {2} ; état : {3}</translation>
    </message>
    <message>
        <source>{0} records the device&apos;s local clock with no time zone.</source>
        <translation>{0} enregistre l&apos;horloge locale de l&apos;appareil sans fuseau horaire.</translation>
    </message>
    <message>
        <source>{0} (deleted)</source>
        <translation>{0} (supprimé)</translation>
    </message>
    <message>
        <source>Shadow copy {0} (created {1} {2} UTC)</source>
        <translation>Cliché instantané {0} (créé le {1} {2} UTC)</translation>
    </message>
    <message>
        <source>Shadow copy {0}</source>
        <translation>Cliché instantané {0}</translation>
    </message>
    <message>
        <source>{0}: the volume as it was when the copy was made; store {1}, copy set {2}; status: {3}</source>
        <translation>{0} : le volume tel qu&apos;il était lors de la copie ; magasin {1}, jeu de copies {2} ; état : {3}</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Preuve</translation>
    </message>
    <message>
        <source> (deleted)</source>
        <translation> (supprimé)</translation>
    </message>
</context>
<context>
    <name>ExaminerPage</name>
    <message>
        <source>Examiner and time zone</source>
        <translation>Examinateur et fuseau horaire</translation>
    </message>
    <message>
        <source>Times are stored in UTC and shown in UTC and in this zone, with its offset.</source>
        <translation>Les heures sont enregistrées en UTC et affichées en UTC et dans ce fuseau, avec son décalage.</translation>
    </message>
    <message>
        <source>Examiner (full name) *</source>
        <translation>Examinateur (nom complet) *</translation>
    </message>
    <message>
        <source>Display time zone *</source>
        <translation>Fuseau horaire d&apos;affichage *</translation>
    </message>
    <message>
        <source>An IANA zone name (America/Port_of_Spain) or an offset such as -04:00.</source>
        <translation>Un nom de fuseau IANA (America/Port_of_Spain) ou un décalage comme -04:00.</translation>
    </message>
    <message>
        <source>The examiner&apos;s name</source>
        <translation>Le nom de l&apos;examinateur</translation>
    </message>
    <message>
        <source>Unknown time zone “{0}”: use a name such as America/Port_of_Spain or an offset such as -04:00.</source>
        <translation>Fuseau horaire inconnu « {0} » : utilisez un nom comme America/Port_of_Spain ou un décalage comme -04:00.</translation>
    </message>
</context>
<context>
    <name>FileFilter</name>
    <message>
        <source>All types</source>
        <translation>Tous les types</translation>
    </message>
    <message>
        <source>Pictures</source>
        <translation>Images</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Vidéo</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <source>Archives</source>
        <translation>Archives</translation>
    </message>
    <message>
        <source>Programs</source>
        <translation>Programmes</translation>
    </message>
    <message>
        <source>Databases</source>
        <translation>Bases de données</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Courriel</translation>
    </message>
</context>
<context>
    <name>FileModel</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <source>Size (bytes)</source>
        <translation>Taille (octets)</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Modifié</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créé</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Extension</source>
        <translation>Extension</translation>
    </message>
    <message>
        <source>&apos;≠&apos; marks an extension that does not match the content</source>
        <translation>« ≠ » signale une extension qui ne correspond pas au contenu</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Supprimé</translation>
    </message>
    <message>
        <source>YARA</source>
        <translation>YARA</translation>
    </message>
    <message>
        <source>Hash set</source>
        <translation>Jeu d&apos;empreintes</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Indicateurs</translation>
    </message>
    <message>
        <source>shadow copies: &apos;vss-only&apos; (not on the live volume), &apos;vss-changed&apos; (other content there), &apos;vss-identical&apos; (same content: not scanned again)</source>
        <translation>clichés instantanés : &apos;vss-only&apos; (absent du volume actuel), &apos;vss-changed&apos; (contenu différent là), &apos;vss-identical&apos; (même contenu : pas analysé de nouveau)</translation>
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
        <translation>Filtrer par nom ou chemin, ou collez un MD5/SHA-1/SHA-256</translation>
    </message>
    <message>
        <source>Deleted and allocated</source>
        <translation>Supprimés et alloués</translation>
    </message>
    <message>
        <source>Deleted only</source>
        <translation>Supprimés seulement</translation>
    </message>
    <message>
        <source>Allocated only</source>
        <translation>Alloués seulement</translation>
    </message>
    <message>
        <source>Any hash-set status</source>
        <translation>Tout état de jeu d&apos;empreintes</translation>
    </message>
    <message>
        <source>In a hash set</source>
        <translation>Dans un jeu d&apos;empreintes</translation>
    </message>
    <message>
        <source>Known-bad (notable)</source>
        <translation>Connu malveillant (notable)</translation>
    </message>
    <message>
        <source>Known-good</source>
        <translation>Connu sain</translation>
    </message>
    <message>
        <source>Extension mismatch</source>
        <translation>Extension incohérente</translation>
    </message>
    <message>
        <source>YARA hit</source>
        <translation>Détection YARA</translation>
    </message>
    <message>
        <source>Tagged</source>
        <translation>Étiqueté</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <source>Show every file again</source>
        <translation>Afficher à nouveau tous les fichiers</translation>
    </message>
</context>
<context>
    <name>FindingTable</name>
    <message>
        <source>Filter this list (Enter)</source>
        <translation>Filtrer cette liste (Entrée)</translation>
    </message>
    <message>
        <source>Tag selected…</source>
        <translation>Étiqueter la sélection…</translation>
    </message>
    <message>
        <source>Select a row to see all of its fields; double-click it to open its source file.</source>
        <translation>Sélectionnez une ligne pour voir tous ses champs ; double-cliquez pour ouvrir son fichier source.</translation>
    </message>
    <message>
        <source>Select a row to see all of its fields.</source>
        <translation>Sélectionnez une ligne pour voir tous ses champs.</translation>
    </message>
    <message>
        <source>Double-click the row to open its source file.</source>
        <translation>Double-cliquez sur la ligne pour ouvrir son fichier source.</translation>
    </message>
    <message>
        <source>{0} found</source>
        <translation>{0} trouvés</translation>
    </message>
    <message>
        <source>{0} loaded…</source>
        <translation>{0} chargés…</translation>
    </message>
    <message>
        <source>Interpretation…</source>
        <translation>Interprétation…</translation>
    </message>
    <message>
        <source>Write your interpretation of the selected tagged finding and the alternative explanations you considered</source>
        <translation>Écrivez votre interprétation de la constatation étiquetée sélectionnée et les explications alternatives envisagées</translation>
    </message>
</context>
<context>
    <name>Findings</name>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Résumé</translation>
    </message>
    <message>
        <source>Plugin</source>
        <translation>Module</translation>
    </message>
    <message>
        <source>Source (locator)</source>
        <translation>Source (localisateur)</translation>
    </message>
    <message>
        <source>{0} at byte {1}: “{2}”</source>
        <translation>{0} à l&apos;octet {1} : « {2} »</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Règle</translation>
    </message>
    <message>
        <source>Rule set</source>
        <translation>Jeu de règles</translation>
    </message>
    <message>
        <source>Rule tags</source>
        <translation>Étiquettes de la règle</translation>
    </message>
    <message>
        <source>Matched strings</source>
        <translation>Chaînes détectées</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Supprimé</translation>
    </message>
    <message>
        <source>Hash set</source>
        <translation>Jeu d&apos;empreintes</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Nature</translation>
    </message>
    <message>
        <source>Algorithm</source>
        <translation>Algorithme</translation>
    </message>
    <message>
        <source>Hash</source>
        <translation>Empreinte</translation>
    </message>
    <message>
        <source>Size (bytes)</source>
        <translation>Taille (octets)</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Offset</source>
        <translation>Décalage</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>Encodage</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>Contexte</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Produced by</source>
        <translation>Produit par</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>Composant</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Where (locator)</source>
        <translation>Où (localisateur)</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Tâche</translation>
    </message>
    <message>
        <source>Tag ID</source>
        <translation>N° d&apos;étiquette</translation>
    </message>
    <message>
        <source>The id to give &apos;forensic-triage tag CASE --id&apos;</source>
        <translation>L&apos;identifiant à donner à &apos;forensic-triage tag CASE --id&apos;</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Étiquette</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Interpretation</source>
        <translation>Interprétation</translation>
    </message>
    <message>
        <source>Alternative explanations</source>
        <translation>Explications alternatives</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Sur</translation>
    </message>
    <message>
        <source>Examiner</source>
        <translation>Examinateur</translation>
    </message>
</context>
<context>
    <name>FindingsView</name>
    <message>
        <source>No artifacts yet: run triage with the artifact extractors.</source>
        <translation>Pas encore d&apos;artefacts : lancez le tri avec les extracteurs d&apos;artefacts.</translation>
    </message>
    <message>
        <source>Artifacts</source>
        <translation>Artefacts</translation>
    </message>
    <message>
        <source>YARA hits</source>
        <translation>Détections YARA</translation>
    </message>
    <message>
        <source>Hash-set matches</source>
        <translation>Correspondances avec des jeux d&apos;empreintes</translation>
    </message>
    <message>
        <source>Content hits</source>
        <translation>Résultats de contenu</translation>
    </message>
    <message>
        <source>Tags and notes</source>
        <translation>Étiquettes et notes</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Avertissements</translation>
    </message>
</context>
<context>
    <name>FolderPage</name>
    <message>
        <source>Case folder</source>
        <translation>Dossier de l&apos;affaire</translation>
    </message>
    <message>
        <source>The case database, reports and exports are kept in this folder.</source>
        <translation>La base de données de l&apos;affaire, les rapports et les exports sont conservés dans ce dossier.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>Folder *</source>
        <translation>Dossier *</translation>
    </message>
    <message>
        <source>Choose the case folder</source>
        <translation>Choisissez le dossier de l&apos;affaire</translation>
    </message>
</context>
<context>
    <name>HashSetChooser</name>
    <message>
        <source>hash list to import (NSRL RDS, md5sum/sha256sum, hashdeep, HashKeeper)</source>
        <translation>liste d&apos;empreintes à importer (NSRL RDS, md5sum/sha256sum, hashdeep, HashKeeper)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>set name</source>
        <translation>nom du jeu</translation>
    </message>
    <message>
        <source>notable (known-bad)</source>
        <translation>notable (connu malveillant)</translation>
    </message>
    <message>
        <source>known-good</source>
        <translation>connu sain</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importer</translation>
    </message>
    <message>
        <source>The hash-set library is empty: import a list to use it.</source>
        <translation>La bibliothèque de jeux d&apos;empreintes est vide : importez une liste pour l&apos;utiliser.</translation>
    </message>
    <message>
        <source>The hash-set library cannot be read: {0}</source>
        <translation>La bibliothèque de jeux d&apos;empreintes ne peut pas être lue : {0}</translation>
    </message>
    <message>
        <source>{0} — {1}, {2} hashes</source>
        <translation>{0} — {1}, {2} empreintes</translation>
    </message>
    <message>
        <source>Hash list</source>
        <translation>Liste d&apos;empreintes</translation>
    </message>
    <message>
        <source>Hash lists (*.txt *.csv *.hsh *.md5 *.sha1 *.sha256 *.db);;All files (*)</source>
        <translation>Listes d&apos;empreintes (*.txt *.csv *.hsh *.md5 *.sha1 *.sha256 *.db);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Choose the hash list and give the set a name.</source>
        <translation>Choisissez la liste d&apos;empreintes et donnez un nom au jeu.</translation>
    </message>
    <message>
        <source>Importing {0}…</source>
        <translation>Importation de {0}…</translation>
    </message>
    <message>
        <source>Imported {0}: {1} hashes ({2} lines skipped).</source>
        <translation>{0} importé : {1} empreintes ({2} lignes ignorées).</translation>
    </message>
</context>
<context>
    <name>HexModel</name>
    <message>
        <source>Offset</source>
        <translation>Décalage</translation>
    </message>
    <message>
        <source>Bytes (hex)</source>
        <translation>Octets (hex)</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
</context>
<context>
    <name>HexView</name>
    <message>
        <source>from byte </source>
        <translation>à partir de l&apos;octet </translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <source>Window of 1 MiB</source>
        <translation>Fenêtre de 1 Mio</translation>
    </message>
    <message>
        <source>bytes {0}–{1} of {2}</source>
        <translation>octets {0}–{1} sur {2}</translation>
    </message>
    <message>
        <source>no content</source>
        <translation>aucun contenu</translation>
    </message>
</context>
<context>
    <name>HistogramWidget</name>
    <message>
        <source>Drag across the bars to show only that period; double-click to show all.</source>
        <translation>Faites glisser sur les barres pour n&apos;afficher que cette période ; double-cliquez pour tout afficher.</translation>
    </message>
    <message>
        <source>◀ {0} earlier ({1})</source>
        <translation>◀ {0} antérieurs ({1})</translation>
    </message>
    <message>
        <source>{0} later ({1}) ▶</source>
        <translation>{0} postérieurs ({1}) ▶</translation>
    </message>
    <message>
        <source>No dated events yet.</source>
        <translation>Pas encore d&apos;événements datés.</translation>
    </message>
    <message>
        <source>peak {0}</source>
        <translation>pic {0}</translation>
    </message>
    <message>
        <source>{0}: {1} events</source>
        <translation>{0} : {1} événements</translation>
    </message>
</context>
<context>
    <name>InterpretationDialog</name>
    <message>
        <source>Interpretation of TAG-{0}</source>
        <translation>Interprétation de TAG-{0}</translation>
    </message>
    <message>
        <source>Tag &apos;{0}&apos; on {1}</source>
        <translation>Étiquette « {0} » sur {1}</translation>
    </message>
    <message>
        <source>What this finding means, in your words</source>
        <translation>Ce que signifie cette constatation, avec vos mots</translation>
    </message>
    <message>
        <source>Other explanations you considered, and why they are or are not excluded</source>
        <translation>Les autres explications envisagées, et pourquoi elles sont exclues ou non</translation>
    </message>
    <message>
        <source>Interpretation</source>
        <translation>Interprétation</translation>
    </message>
    <message>
        <source>Alternative explanations</source>
        <translation>Explications alternatives</translation>
    </message>
    <message>
        <source>The tag {0} is not in this case.</source>
        <translation>L&apos;étiquette {0} n&apos;est pas dans cette affaire.</translation>
    </message>
</context>
<context>
    <name>LabStatus</name>
    <message>
        <source>lab workers: asking…</source>
        <translation>travailleurs du laboratoire : interrogation…</translation>
    </message>
    <message>
        <source>lab: no worker connected</source>
        <translation>laboratoire : aucun travailleur connecté</translation>
    </message>
    <message>
        <source>lab: {0} worker(s), {1} busy</source>
        <translation>laboratoire : {0} travailleur(s), {1} occupé(s)</translation>
    </message>
    <message>
        <source>lab: broker unreachable ({0})</source>
        <translation>laboratoire : courtier injoignable ({0})</translation>
    </message>
</context>
<context>
    <name>Languages</name>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>The interface will be in {0} from the next start of the application.</source>
        <translation>L&apos;interface sera en {0} à partir du prochain démarrage de l&apos;application.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Case</source>
        <translation>&amp;Affaire</translation>
    </message>
    <message>
        <source>&amp;New case…</source>
        <translation>&amp;Nouvelle affaire…</translation>
    </message>
    <message>
        <source>&amp;Open case…</source>
        <translation>&amp;Ouvrir une affaire…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>Ouvrir une affaire &amp;récente</translation>
    </message>
    <message>
        <source>Open the &amp;sample case (training)</source>
        <translation>Ouvrir l&apos;affaire d&apos;&amp;exemple (formation)</translation>
    </message>
    <message>
        <source>&amp;Close case</source>
        <translation>&amp;Fermer l&apos;affaire</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Evidence</source>
        <translation>&amp;Preuves</translation>
    </message>
    <message>
        <source>&amp;Add evidence…</source>
        <translation>&amp;Ajouter une preuve…</translation>
    </message>
    <message>
        <source>Run or &amp;resume triage</source>
        <translation>Lancer ou &amp;reprendre le tri</translation>
    </message>
    <message>
        <source>&amp;Cancel the running job</source>
        <translation>A&amp;nnuler la tâche en cours</translation>
    </message>
    <message>
        <source>F&amp;indings</source>
        <translation>&amp;Constatations</translation>
    </message>
    <message>
        <source>&amp;Tag and annotate selection…</source>
        <translation>É&amp;tiqueter et annoter la sélection…</translation>
    </message>
    <message>
        <source>&amp;Filter files…</source>
        <translation>&amp;Filtrer les fichiers…</translation>
    </message>
    <message>
        <source>&amp;Report</source>
        <translation>&amp;Rapport</translation>
    </message>
    <message>
        <source>&amp;Report and package…</source>
        <translation>&amp;Rapport et paquet…</translation>
    </message>
    <message>
        <source>&amp;Verify or import a package…</source>
        <translation>&amp;Vérifier ou importer un paquet…</translation>
    </message>
    <message>
        <source>Case &amp;details for the report…</source>
        <translation>&amp;Détails de l&apos;affaire pour le rapport…</translation>
    </message>
    <message>
        <source>Add &amp;custody event…</source>
        <translation>Ajouter un événement de &amp;possession…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Vue d&apos;ensemble</translation>
    </message>
    <message>
        <source>Triage</source>
        <translation>Tri</translation>
    </message>
    <message>
        <source>Browse files</source>
        <translation>Parcourir les fichiers</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Constatations</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Chronologie</translation>
    </message>
    <message>
        <source>Audit and custody</source>
        <translation>Audit et possession</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Raccourcis clavier</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>À &amp;propos</translation>
    </message>
    <message>
        <source>Running: {0}</source>
        <translation>En cours : {0}</translation>
    </message>
    <message>
        <source>Open a case folder</source>
        <translation>Ouvrir un dossier d&apos;affaire</translation>
    </message>
    <message>
        <source>A job is running on the open case; wait for it or cancel it first.</source>
        <translation>Une tâche est en cours sur l&apos;affaire ouverte ; attendez-la ou annulez-la d&apos;abord.</translation>
    </message>
    <message>
        <source>No case found in {0}. Choose the folder that holds {1}.</source>
        <translation>Aucune affaire trouvée dans {0}. Choisissez le dossier qui contient {1}.</translation>
    </message>
    <message>
        <source>Upgrade the case?</source>
        <translation>Mettre à jour l&apos;affaire ?</translation>
    </message>
    <message>
        <source>This case was written by an earlier version of the tool. Upgrade its database format now and open it? The evidence is not touched; the case cannot then be opened by the earlier version.</source>
        <translation>Cette affaire a été écrite par une version antérieure de l&apos;outil. Mettre à jour maintenant le format de sa base de données et l&apos;ouvrir ? La preuve n&apos;est pas touchée ; l&apos;affaire ne pourra ensuite plus être ouverte par la version antérieure.</translation>
    </message>
    <message>
        <source>The case cannot be opened</source>
        <translation>L&apos;affaire ne peut pas être ouverte</translation>
    </message>
    <message>
        <source>The case cannot be upgraded</source>
        <translation>L&apos;affaire ne peut pas être mise à jour</translation>
    </message>
    <message>
        <source>A job is running; cancel it (Shift+F5) before closing the case.</source>
        <translation>Une tâche est en cours ; annulez-la (Maj+F5) avant de fermer l&apos;affaire.</translation>
    </message>
    <message>
        <source>A job is running; wait for it before opening the sample case.</source>
        <translation>Une tâche est en cours ; attendez qu&apos;elle se termine avant d&apos;ouvrir l&apos;affaire d&apos;exemple.</translation>
    </message>
    <message>
        <source>Preparing the sample case: writing the sample evidence, adding it and triaging it…</source>
        <translation>Préparation de l&apos;affaire d&apos;exemple : écriture de la preuve d&apos;exemple, ajout et tri…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Sample case</source>
        <translation>Affaire d&apos;exemple</translation>
    </message>
    <message>
        <source>Sample case: {0}…</source>
        <translation>Affaire d&apos;exemple : {0}…</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>{0} {1}
Offline, read-only triage of disk images for small laboratories.
Evidence is never opened for writing; every action is recorded in a hash-chained audit log.</source>
        <translation>{0} {1}
Tri hors ligne et en lecture seule d&apos;images disque pour les petits laboratoires.
La preuve n&apos;est jamais ouverte en écriture ; chaque action est inscrite dans un journal d&apos;audit chaîné par empreinte.</translation>
    </message>
    <message>
        <source>About</source>
        <translation>À propos</translation>
    </message>
    <message>
        <source>A job is running</source>
        <translation>Une tâche est en cours</translation>
    </message>
    <message>
        <source>{0} is still running. Cancel it and close? Work already saved is kept; running triage again resumes where it stopped.</source>
        <translation>{0} est encore en cours. L&apos;annuler et fermer ? Le travail déjà enregistré est conservé ; relancer le tri reprend là où il s&apos;est arrêté.</translation>
    </message>
    <message>
        <source>Stopping the running job before closing…</source>
        <translation>Arrêt de la tâche en cours avant la fermeture…</translation>
    </message>
</context>
<context>
    <name>MountController</name>
    <message>
        <source>{0} is mounted read-only on {1}. Release it with &quot;Unmount&quot; in the evidence item&apos;s context menu (or &apos;forensic-triage unmount {1}&apos;).</source>
        <translation>{0} est monté en lecture seule sur {1}. Libérez-le avec « Démonter » dans le menu contextuel de la preuve (ou &apos;forensic-triage unmount {1}&apos;).</translation>
    </message>
</context>
<context>
    <name>NewCaseWizard</name>
    <message>
        <source>New case</source>
        <translation>Nouvelle affaire</translation>
    </message>
</context>
<context>
    <name>OverviewView</name>
    <message>
        <source>No evidence yet. Add a disk image to start (Ctrl+E).</source>
        <translation>Pas encore de preuve. Ajoutez une image disque pour commencer (Ctrl+E).</translation>
    </message>
    <message>
        <source>Add evidence…</source>
        <translation>Ajouter une preuve…</translation>
    </message>
    <message>
        <source>Go to triage</source>
        <translation>Aller au tri</translation>
    </message>
    <message>
        <source>See the findings</source>
        <translation>Voir les constatations</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Affaire</translation>
    </message>
    <message>
        <source>Evidence items</source>
        <translation>Preuves</translation>
    </message>
    <message>
        <source>What has been found so far</source>
        <translation>Ce qui a été trouvé jusqu&apos;ici</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>Numéro d&apos;affaire</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Examiner</source>
        <translation>Examinateur</translation>
    </message>
    <message>
        <source>Authority</source>
        <translation>Autorisation</translation>
    </message>
    <message>
        <source>Requested by</source>
        <translation>Requis par</translation>
    </message>
    <message>
        <source>Display time zone</source>
        <translation>Fuseau horaire d&apos;affichage</translation>
    </message>
    <message>
        <source>Created (UTC)</source>
        <translation>Créée (UTC)</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <source>Review case imported from a package (read-only findings).</source>
        <translation>Affaire de relecture importée d&apos;un paquet (constatations en lecture seule).</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Comptage…</translation>
    </message>
    <message>
        <source>The files of {0} file system(s) are listed when triage runs (Triage tab, F5).</source>
        <translation>Les fichiers de {0} système(s) de fichiers sont listés quand le tri s&apos;exécute (onglet Tri, F5).</translation>
    </message>
    <message>
        <source>{0} ({1} deleted), {2} waiting to be examined; {3}, {4}, {5}, {6}; {7}; {8}.</source>
        <translation>{0} ({1} supprimés), {2} en attente d&apos;examen ; {3}, {4}, {5}, {6} ; {7} ; {8}.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>fichier</translation>
    </message>
    <message>
        <source>files</source>
        <translation>fichiers</translation>
    </message>
    <message>
        <source>artifact</source>
        <translation>artefact</translation>
    </message>
    <message>
        <source>artifacts</source>
        <translation>artefacts</translation>
    </message>
    <message>
        <source>YARA hit</source>
        <translation>détection YARA</translation>
    </message>
    <message>
        <source>YARA hits</source>
        <translation>détections YARA</translation>
    </message>
    <message>
        <source>hash-set match</source>
        <translation>correspondance avec un jeu d&apos;empreintes</translation>
    </message>
    <message>
        <source>hash-set matches</source>
        <translation>correspondances avec des jeux d&apos;empreintes</translation>
    </message>
    <message>
        <source>content hit</source>
        <translation>résultat de contenu</translation>
    </message>
    <message>
        <source>content hits</source>
        <translation>résultats de contenu</translation>
    </message>
    <message>
        <source>tag</source>
        <translation>étiquette</translation>
    </message>
    <message>
        <source>tags</source>
        <translation>étiquettes</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>avertissement</translation>
    </message>
    <message>
        <source>warnings</source>
        <translation>avertissements</translation>
    </message>
</context>
<context>
    <name>Package</name>
    <message>
        <source>Files checked: {0}</source>
        <translation>Fichiers vérifiés : {0}</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>valide</translation>
    </message>
    <message>
        <source>NOT valid</source>
        <translation>NON valide</translation>
    </message>
    <message>
        <source>Signature: {0}, by {1} ({2})</source>
        <translation>Signature : {0}, par {1} ({2})</translation>
    </message>
    <message>
        <source>Signature: none — the package is not signed</source>
        <translation>Signature : aucune — le paquet n&apos;est pas signé</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>Manquant</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Ajouté</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Modifié</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
</context>
<context>
    <name>PackageDialog</name>
    <message>
        <source>Verify or import a package</source>
        <translation>Vérifier ou importer un paquet</translation>
    </message>
    <message>
        <source>the package folder or its .zip</source>
        <translation>le dossier du paquet ou son .zip</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>Dossier…</translation>
    </message>
    <message>
        <source>Zip…</source>
        <translation>Zip…</translation>
    </message>
    <message>
        <source>the sender&apos;s public key (optional; the package names its own)</source>
        <translation>la clé publique de l&apos;expéditeur (facultatif ; le paquet nomme la sienne)</translation>
    </message>
    <message>
        <source>a new folder for the review case</source>
        <translation>un nouveau dossier pour l&apos;affaire de relecture</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>Paquet</translation>
    </message>
    <message>
        <source>Public key</source>
        <translation>Clé publique</translation>
    </message>
    <message>
        <source>Import into</source>
        <translation>Importer dans</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Vérifier</translation>
    </message>
    <message>
        <source>Import as review case</source>
        <translation>Importer comme affaire de relecture</translation>
    </message>
    <message>
        <source>Package verification</source>
        <translation>Vérification du paquet</translation>
    </message>
    <message>
        <source>Package import</source>
        <translation>Importation du paquet</translation>
    </message>
    <message>
        <source>Package folder</source>
        <translation>Dossier du paquet</translation>
    </message>
    <message>
        <source>Package zip</source>
        <translation>Zip du paquet</translation>
    </message>
    <message>
        <source>Zip (*.zip)</source>
        <translation>Zip (*.zip)</translation>
    </message>
    <message>
        <source>Choose the package first.</source>
        <translation>Choisissez d&apos;abord le paquet.</translation>
    </message>
    <message>
        <source>Checking every file and the signature…</source>
        <translation>Vérification de chaque fichier et de la signature…</translation>
    </message>
    <message>
        <source>PASS: every file and the signature check out.</source>
        <translation>RÉUSSI : chaque fichier et la signature sont conformes.</translation>
    </message>
    <message>
        <source>FAIL: the package is not what was sent.</source>
        <translation>ÉCHEC : le paquet n&apos;est pas ce qui a été envoyé.</translation>
    </message>
    <message>
        <source>Choose the package and a new folder for the review case.</source>
        <translation>Choisissez le paquet et un nouveau dossier pour l&apos;affaire de relecture.</translation>
    </message>
    <message>
        <source>Verifying and importing…</source>
        <translation>Vérification et importation…</translation>
    </message>
    <message>
        <source>Imported into {0}.</source>
        <translation>Importé dans {0}.</translation>
    </message>
</context>
<context>
    <name>PathList</name>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>Choisissez un dossier</translation>
    </message>
</context>
<context>
    <name>PictureView</name>
    <message>
        <source>No preview: {0}</source>
        <translation>Pas d&apos;aperçu : {0}</translation>
    </message>
    <message>
        <source>No preview.</source>
        <translation>Pas d&apos;aperçu.</translation>
    </message>
    <message>
        <source>No preview: the picture is larger than {0} bytes.</source>
        <translation>Pas d&apos;aperçu : la photo dépasse {0} octets.</translation>
    </message>
    <message>
        <source>Picture metadata (EXIF)</source>
        <translation>Métadonnées de la photo (EXIF)</translation>
    </message>
    <message>
        <source>No EXIF metadata.</source>
        <translation>Aucune métadonnée EXIF.</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <source>PDF court report</source>
        <translation>Rapport d&apos;expertise PDF</translation>
    </message>
    <message>
        <source>CASE/UCO 1.5 JSON-LD</source>
        <translation>JSON-LD CASE/UCO 1.5</translation>
    </message>
    <message>
        <source>DFXML file listing</source>
        <translation>Liste des fichiers DFXML</translation>
    </message>
    <message>
        <source>Bodyfile timeline (mactime)</source>
        <translation>Chronologie bodyfile (mactime)</translation>
    </message>
    <message>
        <source>CSV tables</source>
        <translation>Tableaux CSV</translation>
    </message>
    <message>
        <source>{0} is not available in this build.</source>
        <translation>{0} n&apos;est pas disponible dans cette version.</translation>
    </message>
    <message>
        <source>The signed evidence package</source>
        <translation>Le paquet de preuves signé</translation>
    </message>
    <message>
        <source>building the evidence package (report, CASE graph, tables, manifest)</source>
        <translation>construction du paquet de preuves (rapport, graphe CASE, tableaux, manifeste)</translation>
    </message>
    <message>
        <source>writing</source>
        <translation>écriture</translation>
    </message>
    <message>
        <source>Key creation</source>
        <translation>Création de clés</translation>
    </message>
    <message>
        <source>Package verification</source>
        <translation>Vérification du paquet</translation>
    </message>
    <message>
        <source>Package import</source>
        <translation>Importation du paquet</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Report and package</source>
        <translation>Rapport et paquet</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Périmètre</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>Tout</translation>
    </message>
    <message>
        <source>Notable only (hits, known-bad, tagged)</source>
        <translation>Notable seulement (détections, connu malveillant, étiqueté)</translation>
    </message>
    <message>
        <source>Tagged only</source>
        <translation>Étiqueté seulement</translation>
    </message>
    <message>
        <source>What to write</source>
        <translation>Quoi écrire</translation>
    </message>
    <message>
        <source>{0} — not available in this build</source>
        <translation>{0} — non disponible dans cette version</translation>
    </message>
    <message>
        <source>Make a signed evidence package (hash manifest signed with the examiner key)</source>
        <translation>Créer un paquet de preuves signé (manifeste d&apos;empreintes signé avec la clé de l&apos;examinateur)</translation>
    </message>
    <message>
        <source>Include copies of the files in scope (re-read and re-hashed)</source>
        <translation>Inclure des copies des fichiers du périmètre (relus et hachés à nouveau)</translation>
    </message>
    <message>
        <source>Also make a zip of the package</source>
        <translation>Créer aussi un zip du paquet</translation>
    </message>
    <message>
        <source>Signed evidence package — not available in this build</source>
        <translation>Paquet de preuves signé — non disponible dans cette version</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>Create a key pair…</source>
        <translation>Créer une paire de clés…</translation>
    </message>
    <message>
        <source>Make an Ed25519 key pair for this examiner in the case folder, protected by the passphrase typed here (at least 8 characters)</source>
        <translation>Créer une paire de clés Ed25519 pour cet examinateur dans le dossier de l&apos;affaire, protégée par la phrase secrète saisie ici (au moins 8 caractères)</translation>
    </message>
    <message>
        <source>only when the key is not the case examiner&apos;s</source>
        <translation>seulement quand la clé n&apos;est pas celle de l&apos;examinateur de l&apos;affaire</translation>
    </message>
    <message>
        <source>The name in which you sign with another examiner&apos;s key; it is recorded in the signed statement and the audit log</source>
        <translation>Le nom sous lequel vous signez avec la clé d&apos;un autre examinateur ; il est inscrit dans la déclaration signée et le journal d&apos;audit</translation>
    </message>
    <message>
        <source>Open the PDF when done</source>
        <translation>Ouvrir le PDF à la fin</translation>
    </message>
    <message>
        <source>Examiner key (private)</source>
        <translation>Clé de l&apos;examinateur (privée)</translation>
    </message>
    <message>
        <source>Key passphrase</source>
        <translation>Phrase secrète de la clé</translation>
    </message>
    <message>
        <source>Signing as</source>
        <translation>Signé en tant que</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>Dossier de sortie</translation>
    </message>
    <message>
        <source>signed package</source>
        <translation>paquet signé</translation>
    </message>
    <message>
        <source>Not available in this build: {0}.</source>
        <translation>Non disponible dans cette version : {0}.</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>Écrire</translation>
    </message>
    <message>
        <source>Open the folder</source>
        <translation>Ouvrir le dossier</translation>
    </message>
    <message>
        <source>Examiner private key</source>
        <translation>Clé privée de l&apos;examinateur</translation>
    </message>
    <message>
        <source>Keys (*.pem *.key);;All files (*)</source>
        <translation>Clés (*.pem *.key);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Key pair written: {0} (public key {1}, fingerprint {2}). Give the public key to whoever will verify your packages.</source>
        <translation>Paire de clés écrite : {0} (clé publique {1}, empreinte {2}). Remettez la clé publique à qui vérifiera vos paquets.</translation>
    </message>
    <message>
        <source>Choose at least one thing to write.</source>
        <translation>Choisissez au moins une chose à écrire.</translation>
    </message>
    <message>
        <source>A signed package needs the examiner&apos;s private key (choose it, or create a key pair).</source>
        <translation>Un paquet signé nécessite la clé privée de l&apos;examinateur (choisissez-la ou créez une paire de clés).</translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation>Écriture…</translation>
    </message>
    <message>
        <source>Writing: {0}</source>
        <translation>Écriture : {0}</translation>
    </message>
    <message>
        <source>Written:</source>
        <translation>Écrit :</translation>
    </message>
    <message>
        <source>The PDF could not be opened: no program to show PDFs was found on this computer. It is in {0}.</source>
        <translation>Le PDF n&apos;a pas pu être ouvert : aucun programme pour afficher les PDF n&apos;a été trouvé sur cet ordinateur. Il se trouve dans {0}.</translation>
    </message>
    <message>
        <source>The folder could not be opened either (no file manager found); its path is {0}.</source>
        <translation>Le dossier n&apos;a pas pu être ouvert non plus (aucun gestionnaire de fichiers trouvé) ; son chemin est {0}.</translation>
    </message>
</context>
<context>
    <name>Sample</name>
    <message>
        <source>The built-in sample evidence is not available in this build (the sample generator is missing).</source>
        <translation>La preuve d&apos;exemple intégrée n&apos;est pas disponible dans cette version (le générateur d&apos;exemple manque).</translation>
    </message>
    <message>
        <source>writing the sample evidence</source>
        <translation>écriture de la preuve d&apos;exemple</translation>
    </message>
</context>
<context>
    <name>SqlTableModel</name>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>How this time is known: {0}. The file system records the device&apos;s local clock, not UTC.</source>
        <translation>Comment cette heure est connue : {0}. Le système de fichiers enregistre l&apos;horloge locale de l&apos;appareil, pas l&apos;UTC.</translation>
    </message>
    <message>
        <source>How this time is known: the source recorded a local clock time; it was made UTC with the zone {0} declared by the examiner (an assumption).</source>
        <translation>Comment cette heure est connue : la source a enregistré une heure d&apos;horloge locale ; elle a été convertie en UTC avec le fuseau {0} déclaré par l&apos;examinateur (une hypothèse).</translation>
    </message>
    <message>
        <source>How this time is known: UTC as recorded by the source.</source>
        <translation>Comment cette heure est connue : UTC, tel qu&apos;enregistré par la source.</translation>
    </message>
</context>
<context>
    <name>SqliteTableModel</name>
    <message>
        <source>BLOB {0} bytes: {1}</source>
        <translation>BLOB de {0} octets : {1}</translation>
    </message>
</context>
<context>
    <name>SqliteView</name>
    <message>
        <source>Table:</source>
        <translation>Table :</translation>
    </message>
    <message>
        <source>Not a SQLite database.</source>
        <translation>Pas une base de données SQLite.</translation>
    </message>
    <message>
        <source>A read-only temporary copy; the evidence is not touched.</source>
        <translation>Une copie temporaire en lecture seule ; la preuve n&apos;est pas touchée.</translation>
    </message>
    <message>
        <source>This table cannot be read: {0}</source>
        <translation>Cette table ne peut pas être lue : {0}</translation>
    </message>
</context>
<context>
    <name>StartExerciseDialog</name>
    <message>
        <source>Start an exercise</source>
        <translation>Commencer un exercice</translation>
    </message>
    <message>
        <source>A pack file from the trainer…</source>
        <translation>Un fichier de paquet du formateur…</translation>
    </message>
    <message>
        <source>The .ftpack file the trainer gave</source>
        <translation>Le fichier .ftpack remis par le formateur</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>A new folder for the training case</source>
        <translation>Un nouveau dossier pour l&apos;affaire de formation</translation>
    </message>
    <message>
        <source>Your name, as the trainer knows it</source>
        <translation>Votre nom, tel que le formateur le connaît</translation>
    </message>
    <message>
        <source>Exercise</source>
        <translation>Exercice</translation>
    </message>
    <message>
        <source>Pack file</source>
        <translation>Fichier de paquet</translation>
    </message>
    <message>
        <source>Case folder</source>
        <translation>Dossier de l&apos;affaire</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>Stagiaire</translation>
    </message>
    <message>
        <source>The exercise becomes a TRAINING case: it is marked as such everywhere and can never become casework. Its evidence is added and triaged now.</source>
        <translation>L&apos;exercice devient une affaire de FORMATION : elle est marquée comme telle partout et ne peut jamais devenir une affaire réelle. Sa preuve est ajoutée et triée maintenant.</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Commencer</translation>
    </message>
    <message>
        <source>Exercise pack</source>
        <translation>Paquet d&apos;exercice</translation>
    </message>
    <message>
        <source>Exercise packs ({0})</source>
        <translation>Paquets d&apos;exercice ({0})</translation>
    </message>
    <message>
        <source>Where to put the training case</source>
        <translation>Où placer l&apos;affaire de formation</translation>
    </message>
    <message>
        <source>Choose an exercise or a pack file.</source>
        <translation>Choisissez un exercice ou un fichier de paquet.</translation>
    </message>
    <message>
        <source>Give a new folder for the training case.</source>
        <translation>Indiquez un nouveau dossier pour l&apos;affaire de formation.</translation>
    </message>
    <message>
        <source>Give the student&apos;s name.</source>
        <translation>Indiquez le nom du stagiaire.</translation>
    </message>
    <message>
        <source>A job is running; wait for it before starting an exercise.</source>
        <translation>Une tâche est en cours ; attendez qu&apos;elle se termine avant de commencer un exercice.</translation>
    </message>
    <message>
        <source>Preparing the exercise: writing its evidence, adding it and triaging it…</source>
        <translation>Préparation de l&apos;exercice : écriture de sa preuve, ajout et tri…</translation>
    </message>
    <message>
        <source>Exercise: {0}…</source>
        <translation>Exercice : {0}…</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>Version {0}. Offline, read-only triage of disk images: raw, split raw and E01.</source>
        <translation>Version {0}. Tri hors ligne et en lecture seule d&apos;images disque : raw, raw fractionné et E01.</translation>
    </message>
    <message>
        <source>New case…  (Ctrl+N)</source>
        <translation>Nouvelle affaire…  (Ctrl+N)</translation>
    </message>
    <message>
        <source>Create a case folder with its case record</source>
        <translation>Créer un dossier d&apos;affaire avec sa fiche d&apos;affaire</translation>
    </message>
    <message>
        <source>Open case…  (Ctrl+O)</source>
        <translation>Ouvrir une affaire…  (Ctrl+O)</translation>
    </message>
    <message>
        <source>Open an existing case folder</source>
        <translation>Ouvrir un dossier d&apos;affaire existant</translation>
    </message>
    <message>
        <source>Open the sample case (training)</source>
        <translation>Ouvrir l&apos;affaire d&apos;exemple (formation)</translation>
    </message>
    <message>
        <source>Generate the built-in sample evidence, add it to a training case and triage it</source>
        <translation>Générer la preuve d&apos;exemple intégrée, l&apos;ajouter à une affaire de formation et la trier</translation>
    </message>
    <message>
        <source>Verify or import a received package…</source>
        <translation>Vérifier ou importer un paquet reçu…</translation>
    </message>
    <message>
        <source>Check a signed evidence package offline and open it as a review case</source>
        <translation>Vérifier hors ligne un paquet de preuves signé et l&apos;ouvrir comme affaire de relecture</translation>
    </message>
    <message>
        <source>Recent cases (double-click to open):</source>
        <translation>Affaires récentes (double-cliquez pour ouvrir) :</translation>
    </message>
    <message>
        <source>{0} (not found)</source>
        <translation>{0} (introuvable)</translation>
    </message>
    <message>
        <source>No recent cases yet.</source>
        <translation>Pas encore d&apos;affaires récentes.</translation>
    </message>
</context>
<context>
    <name>TagDialog</name>
    <message>
        <source>Tag and annotate</source>
        <translation>Étiqueter et annoter</translation>
    </message>
    <message>
        <source>{0} item(s): {1}</source>
        <translation>{0} élément(s) : {1}</translation>
    </message>
    <message>
        <source>Why this matters (optional); kept with the tag and in the audit log</source>
        <translation>Pourquoi c&apos;est important (facultatif) ; conservé avec l&apos;étiquette et dans le journal d&apos;audit</translation>
    </message>
    <message>
        <source>What the finding means, in your words (optional; can be written later from Findings → Tags and notes)</source>
        <translation>Ce que signifie la constatation, avec vos mots (facultatif ; peut être écrit plus tard depuis Constatations → Étiquettes et notes)</translation>
    </message>
    <message>
        <source>Other explanations you considered (optional)</source>
        <translation>Autres explications envisagées (facultatif)</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Étiquette</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Interpretation</source>
        <translation>Interprétation</translation>
    </message>
    <message>
        <source>Alternative explanations</source>
        <translation>Explications alternatives</translation>
    </message>
    <message>
        <source>Give the tag a name.</source>
        <translation>Donnez un nom à l&apos;étiquette.</translation>
    </message>
    <message>
        <source>Nothing is selected to tag.</source>
        <translation>Rien n&apos;est sélectionné à étiqueter.</translation>
    </message>
</context>
<context>
    <name>TextView</name>
    <message>
        <source>Encoding:</source>
        <translation>Encodage :</translation>
    </message>
    <message>
        <source>first {0} of {1} bytes</source>
        <translation>premiers {0} octets sur {1}</translation>
    </message>
    <message>
        <source>{0} bytes</source>
        <translation>{0} octets</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>Include file-system times (modified, accessed, changed, created)</source>
        <translation>Inclure les heures du système de fichiers (modifié, consulté, changé, créé)</translation>
    </message>
    <message>
        <source>All times</source>
        <translation>Toutes les heures</translation>
    </message>
    <message>
        <source>Show all times</source>
        <translation>Afficher toutes les heures</translation>
    </message>
    <message>
        <source>This case has {0} file entries: ticking the box adds their file-system times (sorting them takes a while).</source>
        <translation>Cette affaire compte {0} entrées de fichiers : cocher la case ajoute leurs heures du système de fichiers (les trier prend un moment).</translation>
    </message>
    <message>
        <source>Not on this timeline: {0} file entries and {1} artifacts hold local clock times whose zone is unknown (they are not UTC). Declare the zone with &apos;forensic-triage evidence set&apos;.</source>
        <translation>Absents de cette chronologie : {0} entrées de fichiers et {1} artefacts contiennent des heures d&apos;horloge locale dont le fuseau est inconnu (ce ne sont pas des heures UTC). Déclarez le fuseau avec &apos;forensic-triage evidence set&apos;.</translation>
    </message>
    <message>
        <source>Local clock times of {0} are placed with the zone declared by the examiner (an assumption, marked in the Time column).</source>
        <translation>Les heures d&apos;horloge locale de {0} sont placées avec le fuseau déclaré par l&apos;examinateur (une hypothèse, signalée dans la colonne Heure).</translation>
    </message>
    <message>
        <source>{0} events dated before {1} or in the future are listed but not charted.</source>
        <translation>{0} événements datés d&apos;avant {1} ou du futur sont listés mais pas représentés.</translation>
    </message>
    <message>
        <source>From {0} to {1} (UTC)</source>
        <translation>Du {0} au {1} (UTC)</translation>
    </message>
</context>
<context>
    <name>TrainerDialog</name>
    <message>
        <source>Trainer view</source>
        <translation>Vue du formateur</translation>
    </message>
    <message>
        <source>Exercise: {0} · Student: {1}</source>
        <translation>Exercice : {0} · Stagiaire : {1}</translation>
    </message>
    <message>
        <source>The pack the student started from ({0})</source>
        <translation>Le paquet avec lequel le stagiaire a commencé ({0})</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>Pack file</source>
        <translation>Fichier de paquet</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Phrase secrète</translation>
    </message>
    <message>
        <source>A built-in pack: its key is public, no passphrase is needed.</source>
        <translation>Un paquet intégré : sa clé est publique, aucune phrase secrète n&apos;est nécessaire.</translation>
    </message>
    <message>
        <source>The key is sealed: give the pack file and the trainer&apos;s passphrase.</source>
        <translation>La clé est scellée : indiquez le fichier de paquet et la phrase secrète du formateur.</translation>
    </message>
    <message>
        <source>Show grades and key</source>
        <translation>Afficher les notes et le corrigé</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>Given</source>
        <translation>Réponse donnée</translation>
    </message>
    <message>
        <source>Expected (key)</source>
        <translation>Attendue (corrigé)</translation>
    </message>
    <message>
        <source>Question text</source>
        <translation>Texte de la question</translation>
    </message>
    <message>
        <source>Exercise pack</source>
        <translation>Paquet d&apos;exercice</translation>
    </message>
    <message>
        <source>Exercise packs ({0})</source>
        <translation>Paquets d&apos;exercice ({0})</translation>
    </message>
    <message>
        <source>Choose the pack file the student started from.</source>
        <translation>Choisissez le fichier de paquet avec lequel le stagiaire a commencé.</translation>
    </message>
    <message>
        <source>correct</source>
        <translation>juste</translation>
    </message>
    <message>
        <source>wrong</source>
        <translation>fausse</translation>
    </message>
    <message>
        <source>not answered</source>
        <translation>sans réponse</translation>
    </message>
    <message>
        <source> (hints −{0})</source>
        <translation> (indices −{0})</translation>
    </message>
    <message>
        <source>submitted on {0}</source>
        <translation>remis le {0}</translation>
    </message>
    <message>
        <source>not submitted yet</source>
        <translation>pas encore remis</translation>
    </message>
    <message>
        <source>Total: {0} of {1} points ({2}).</source>
        <translation>Total : {0} sur {1} points ({2}).</translation>
    </message>
</context>
<context>
    <name>Training</name>
    <message>
        <source>text</source>
        <translation>texte</translation>
    </message>
    <message>
        <source>number</source>
        <translation>nombre</translation>
    </message>
    <message>
        <source>path</source>
        <translation>chemin</translation>
    </message>
    <message>
        <source>hash</source>
        <translation>empreinte</translation>
    </message>
    <message>
        <source>time (UTC)</source>
        <translation>heure (UTC)</translation>
    </message>
    <message>
        <source>set of paths</source>
        <translation>ensemble de chemins</translation>
    </message>
    <message>
        <source>multiple choice</source>
        <translation>choix multiple</translation>
    </message>
    <message>
        <source>{0} pt(s)</source>
        <translation>{0} pt(s)</translation>
    </message>
</context>
<context>
    <name>TrainingBanner</name>
    <message>
        <source>TRAINING — NOT EVIDENCE · Exercise: {0} · Student: {1}</source>
        <translation>FORMATION — PAS UNE PREUVE · Exercice : {0} · Stagiaire : {1}</translation>
    </message>
</context>
<context>
    <name>TrainingController</name>
    <message>
        <source>T&amp;raining</source>
        <translation>F&amp;ormation</translation>
    </message>
    <message>
        <source>&amp;Start an exercise…</source>
        <translation>&amp;Commencer un exercice…</translation>
    </message>
    <message>
        <source>Exercise &amp;questions</source>
        <translation>&amp;Questions de l&apos;exercice</translation>
    </message>
    <message>
        <source>&amp;Trainer view (grades and key)…</source>
        <translation>Vue du &amp;formateur (notes et corrigé)…</translation>
    </message>
</context>
<context>
    <name>TrainingPane</name>
    <message>
        <source>Exercise questions</source>
        <translation>Questions de l&apos;exercice</translation>
    </message>
    <message>
        <source>Your answer</source>
        <translation>Votre réponse</translation>
    </message>
    <message>
        <source>One path per line</source>
        <translation>Un chemin par ligne</translation>
    </message>
    <message>
        <source>Save answer</source>
        <translation>Enregistrer la réponse</translation>
    </message>
    <message>
        <source>Use selected item</source>
        <translation>Utiliser l&apos;élément sélectionné</translation>
    </message>
    <message>
        <source>Take the answer from the file, finding or timeline row selected in the main views</source>
        <translation>Prendre la réponse dans le fichier, la constatation ou la ligne de chronologie sélectionnés dans les vues principales</translation>
    </message>
    <message>
        <source>Take a hint…</source>
        <translation>Demander un indice…</translation>
    </message>
    <message>
        <source>Submit answers…</source>
        <translation>Remettre les réponses…</translation>
    </message>
    <message>
        <source>Trainer view…</source>
        <translation>Vue du formateur…</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;Student: {1}</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;Stagiaire : {1}</translation>
    </message>
    <message>
        <source>Submitted on {0}: the answers can no longer change.</source>
        <translation>Remis le {0} : les réponses ne peuvent plus changer.</translation>
    </message>
    <message>
        <source>{0} of {1} questions answered; {2} points in all.</source>
        <translation>{0} questions sur {1} répondues ; {2} points en tout.</translation>
    </message>
    <message>
        <source>answer: {0}</source>
        <translation>réponse : {0}</translation>
    </message>
    <message>
        <source>within {0} s</source>
        <translation>à {0} s près</translation>
    </message>
    <message>
        <source>(choose one)</source>
        <translation>(choisissez-en une)</translation>
    </message>
    <message>
        <source>answered by tagging items &apos;{0}&apos; (Findings menu: Tag and annotate selection)</source>
        <translation>répondue en étiquetant des éléments « {0} » (menu Constatations : Étiqueter et annoter la sélection)</translation>
    </message>
    <message>
        <source>Hint (−{0}): {1}</source>
        <translation>Indice (−{0}) : {1}</translation>
    </message>
    <message>
        <source>No hint left</source>
        <translation>Plus d&apos;indice</translation>
    </message>
    <message>
        <source>Take a hint (−{0})…</source>
        <translation>Demander un indice (−{0})…</translation>
    </message>
    <message>
        <source>Select a file in Browse files, a finding or a timeline row that holds this kind of answer, then try again.</source>
        <translation>Sélectionnez un fichier dans Parcourir les fichiers, une constatation ou une ligne de chronologie qui contient ce type de réponse, puis réessayez.</translation>
    </message>
    <message>
        <source>Write an answer first.</source>
        <translation>Écrivez d&apos;abord une réponse.</translation>
    </message>
    <message>
        <source>Take a hint?</source>
        <translation>Demander un indice ?</translation>
    </message>
    <message>
        <source>The hint for question {0} costs {1}: they come off the points this question earns. Take it?</source>
        <translation>L&apos;indice de la question {0} coûte {1} : ils sont retirés des points que rapporte cette question. Le demander ?</translation>
    </message>
    <message>
        <source>Submit the answers? They can no longer be changed afterwards.</source>
        <translation>Remettre les réponses ? Elles ne pourront plus être modifiées ensuite.</translation>
    </message>
    <message>
        <source>Not answered: {0}.</source>
        <translation>Sans réponse : {0}.</translation>
    </message>
    <message>
        <source>Submit the exercise?</source>
        <translation>Remettre l&apos;exercice ?</translation>
    </message>
</context>
<context>
    <name>TriageOptions</name>
    <message>
        <source>none (e.g. 20m or 2h)</source>
        <translation>aucune (p. ex. 20m ou 2h)</translation>
    </message>
    <message>
        <source>one per line</source>
        <translation>un par ligne</translation>
    </message>
</context>
<context>
    <name>TriagePanel</name>
    <message>
        <source>All</source>
        <translation>Tous</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucun</translation>
    </message>
    <message>
        <source>Artifact extractors</source>
        <translation>Extracteurs d&apos;artefacts</translation>
    </message>
    <message>
        <source>Use the rule packs shipped with the tool</source>
        <translation>Utiliser les jeux de règles fournis avec l&apos;outil</translation>
    </message>
    <message>
        <source>Add rule file…</source>
        <translation>Ajouter un fichier de règles…</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>Ajouter un dossier…</translation>
    </message>
    <message>
        <source>YARA rules (*.yar *.yara);;All files (*)</source>
        <translation>Règles YARA (*.yar *.yara);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Add keyword list…</source>
        <translation>Ajouter une liste de mots-clés…</translation>
    </message>
    <message>
        <source>Keyword lists (*.txt);;All files (*)</source>
        <translation>Listes de mots-clés (*.txt);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Search content for e-mail addresses, URLs, card and phone numbers</source>
        <translation>Rechercher dans le contenu les adresses de courriel, URL, numéros de carte et de téléphone</translation>
    </message>
    <message>
        <source>Rule sets, hash sets and keyword lists</source>
        <translation>Jeux de règles, jeux d&apos;empreintes et listes de mots-clés</translation>
    </message>
    <message>
        <source>Extra YARA rules</source>
        <translation>Règles YARA supplémentaires</translation>
    </message>
    <message>
        <source>Hash sets</source>
        <translation>Jeux d&apos;empreintes</translation>
    </message>
    <message>
        <source>Keyword lists</source>
        <translation>Listes de mots-clés</translation>
    </message>
    <message>
        <source>Worker processes</source>
        <translation>Processus de travail</translation>
    </message>
    <message>
        <source>Search, order and limits</source>
        <translation>Recherche, ordre et limites</translation>
    </message>
    <message>
        <source>Run triage</source>
        <translation>Lancer le tri</translation>
    </message>
    <message>
        <source>Examine every file of every evidence item (F5). Running it again resumes where an earlier run stopped.</source>
        <translation>Examiner chaque fichier de chaque preuve (F5). Le relancer reprend là où une exécution précédente s&apos;est arrêtée.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Not running.</source>
        <translation>Pas en cours.</translation>
    </message>
    <message>
        <source>Triage job</source>
        <translation>Tâche de tri</translation>
    </message>
    <message>
        <source>Speed:</source>
        <translation>Vitesse :</translation>
    </message>
    <message>
        <source>Time left:</source>
        <translation>Temps restant :</translation>
    </message>
    <message>
        <source>Warnings:</source>
        <translation>Avertissements :</translation>
    </message>
    <message>
        <source>Listing the artifact extractors…</source>
        <translation>Liste des extracteurs d’artefacts…</translation>
    </message>
    <message>
        <source>Listing the artifact extractors (a plugin is slow to load)…</source>
        <translation>Liste des extracteurs d&apos;artefacts en cours (un module est lent à charger)…</translation>
    </message>
    <message>
        <source>The extractors could not be listed: {0}</source>
        <translation>Les extracteurs n&apos;ont pas pu être listés : {0}</translation>
    </message>
    <message>
        <source>Not loaded: {0}</source>
        <translation>Non chargé : {0}</translation>
    </message>
    <message>
        <source>No artifact extractors are installed.</source>
        <translation>Aucun extracteur d&apos;artefacts n&apos;est installé.</translation>
    </message>
    <message>
        <source>Waiting for the artifact extractors to be listed…</source>
        <translation>En attente de la liste des extracteurs d&apos;artefacts…</translation>
    </message>
    <message>
        <source>Another job ({0}) is running; triage can start when it ends.</source>
        <translation>Une autre tâche ({0}) est en cours ; le tri pourra commencer quand elle sera terminée.</translation>
    </message>
    <message>
        <source>Add an evidence item first (Evidence ▸ Add evidence…).</source>
        <translation>Ajoutez d&apos;abord une preuve (Preuves ▸ Ajouter une preuve…).</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Démarrage…</translation>
    </message>
    <message>
        <source>Results appear in Browse files, Findings and Timeline while the job runs; Cancel keeps everything examined so far.</source>
        <translation>Les résultats apparaissent dans Parcourir les fichiers, Constatations et Chronologie pendant la tâche ; Annuler conserve tout ce qui a déjà été examiné.</translation>
    </message>
    <message>
        <source>Cancelling: finishing the files in progress…</source>
        <translation>Annulation : fin des fichiers en cours…</translation>
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
        <translation>Terminé : {0} fichiers examinés en {1:.1f} s.</translation>
    </message>
    <message>
        <source>Cancelled. {0} Press Resume to continue where it stopped.</source>
        <translation>Annulé. {0} Appuyez sur Reprendre pour continuer là où il s&apos;est arrêté.</translation>
    </message>
    <message>
        <source>Triage stopped: {0}</source>
        <translation>Tri arrêté : {0}</translation>
    </message>
    <message>
        <source>Resume triage</source>
        <translation>Reprendre le tri</translation>
    </message>
    <message>
        <source>This is a review case imported from a package: it can be read and annotated, not triaged again.</source>
        <translation>Ceci est une affaire de relecture importée d&apos;un paquet : elle peut être lue et annotée, pas triée à nouveau.</translation>
    </message>
    <message>
        <source>Triage has not been run on this case yet.</source>
        <translation>Le tri n&apos;a pas encore été lancé sur cette affaire.</translation>
    </message>
    <message>
        <source>Last run: {0}, {1} examined, {2}.</source>
        <translation>Dernière exécution : {0}, {1} examinés, {2}.</translation>
    </message>
    <message>
        <source>{0} files are still waiting to be examined.</source>
        <translation>{0} fichiers attendent encore d&apos;être examinés.</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Unlock an encrypted volume</source>
        <translation>Déverrouiller un volume chiffré</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>Unlock with</source>
        <translation>Déverrouiller avec</translation>
    </message>
    <message>
        <source>Secret</source>
        <translation>Secret</translation>
    </message>
    <message>
        <source>Key file</source>
        <translation>Fichier de clé</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Déverrouiller</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Pas maintenant</translation>
    </message>
    <message>
        <source>The secret is kept for this login session only; it is never written to the case. The audit log records that the volume was unlocked and with which kind of secret.</source>
        <translation>Le secret n&apos;est conservé que pour cette session utilisateur ; il n&apos;est jamais écrit dans l&apos;affaire. Le journal d&apos;audit consigne que le volume a été déverrouillé et avec quel type de secret.</translation>
    </message>
    <message>
        <source>is locked</source>
        <translation>est verrouillé</translation>
    </message>
    <message>
        <source>was unlocked earlier, but not in this session</source>
        <translation>a été déverrouillé auparavant, mais pas dans cette session</translation>
    </message>
    <message>
        <source>Volume {0} of {1} ({2}, at byte {3}, {4}) {5}: it needs {6}.</source>
        <translation>Le volume {0} de {1} ({2}, à l&apos;octet {3}, {4}) {5} : il nécessite {6}.</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>Clé de récupération</translation>
    </message>
    <message>
        <source>Choose the key file</source>
        <translation>Choisissez le fichier de clé</translation>
    </message>
    <message>
        <source>Key files (*.BEK *.bek *.key *.bin);;All files (*)</source>
        <translation>Fichiers de clé (*.BEK *.bek *.key *.bin);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>The key file cannot be read: {0}.</source>
        <translation>Le fichier de clé ne peut pas être lu : {0}.</translation>
    </message>
    <message>
        <source>Type the secret or choose the key file first.</source>
        <translation>Saisissez d&apos;abord le secret ou choisissez le fichier de clé.</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <source>Mount read-only on an empty folder</source>
        <translation>Monter en lecture seule sur un dossier vide</translation>
    </message>
    <message>
        <source>Mount read-only…</source>
        <translation>Monter en lecture seule…</translation>
    </message>
    <message>
        <source>Show this evidence item&apos;s files as a read-only folder (FUSE); audited</source>
        <translation>Afficher les fichiers de cette preuve comme un dossier en lecture seule (FUSE) ; audité</translation>
    </message>
    <message>
        <source>Unmount {0}</source>
        <translation>Démonter {0}</translation>
    </message>
</context>
</TS>
