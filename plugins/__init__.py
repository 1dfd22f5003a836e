"""Built-in artifact extractors, one module each (installed as ``forensic_triage.plugins``).

``BUILTIN_MODULES`` is the explicit list the registry loads, in no particular order (the
registry sorts extractors by name). Adding an extractor: write the module, add its name here.
"""

BUILTIN_MODULES: tuple[str, ...] = (
    "prefetch",
    "lnk",
    "jumplist",
    "recyclebin",
    "exif",
    "documents",
    "shell_history",
    "android_sms",
    "android_calls",
    "android_contacts",
    "android_whatsapp",
    "email_files",
    "browser_chrome",
    "browser_firefox",
    "browser_safari",
    "registry_system",
    "registry_sam",
    "registry_usb",
    "registry_programs",
    "registry_autostart",
    "registry_userassist",
    "registry_recent",
    "registry_network",
    "evtx",
)
