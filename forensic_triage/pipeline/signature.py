"""Signature analysis: does the extension agree with the content? (curated, few false positives)

A file is called a lie only when its content belongs to a *strong* family (one libmagic
recognises from a real signature: JPEG, PE, ZIP, PDF, SQLite...) that its extension can
never carry. The families are deliberately broad where honest software is sloppy:

* any raster image under any raster-image extension (a PNG saved as ``.jpg`` by a browser is
  not a finding); any audio/video container under any media extension;
* Office Open XML is a ZIP (``.docx`` as ``application/zip`` is fine), a password-protected
  ``.docx`` is an OLE container, a ``.doc`` may be RTF, HTML or OOXML;
* text has many MIME variants (``text/*``, JSON, XML, SVG, ``message/rfc822``...), and a text
  extension holding text of another kind is never flagged;
* unknown extensions (``.dat``, ``.db``, ``.bin``, none) claim nothing and are never flagged.

Scripts (PHP, shell, Python, Perl, batch) *are* flagged under binary-document extensions:
``photo.jpg`` holding ``<?php`` is the classic web-shell disguise.
"""

from __future__ import annotations

import dataclasses

# libmagic MIME prefix -> content family (first match wins; order matters for prefixes).
_FAMILIES: tuple[tuple[str, str], ...] = (
    ("image/svg", "text"),
    ("image/vnd.microsoft.icon", "image"), ("image/x-icon", "image"),
    ("image/jpeg", "image"), ("image/png", "image"), ("image/gif", "image"), ("image/bmp", "image"),
    ("image/x-ms-bmp", "image"), ("image/tiff", "image"), ("image/webp", "image"), ("image/heic", "image"),
    ("image/heif", "image"), ("image/avif", "image"), ("image/x-canon", "image"), ("image/x-nikon", "image"),
    ("image/vnd.adobe.photoshop", "psd"),
    ("application/pdf", "pdf"),
    ("application/vnd.openxmlformats-officedocument", "ooxml"),
    ("application/vnd.oasis.opendocument", "odf"),
    ("application/java-archive", "zip"), ("application/vnd.android.package-archive", "zip"),
    ("application/epub+zip", "zip"), ("application/zip", "zip"), ("application/x-zip", "zip"),
    ("application/encrypted", "ole"),  # libmagic's "CDFV2 Encrypted": a password-protected OOXML/OLE
    ("application/x-ole-storage", "ole"), ("application/CDFV2", "ole"), ("application/msword", "ole"),
    ("application/vnd.ms-excel", "ole"), ("application/vnd.ms-powerpoint", "ole"),
    ("application/vnd.ms-outlook", "ole"), ("application/x-msi", "ole"), ("application/vnd.ms-office", "ole"),
    ("application/vnd.visio", "ole"),
    ("application/x-dosexec", "pe"), ("application/vnd.microsoft.portable-executable", "pe"),
    ("application/x-msdownload", "pe"),
    ("application/x-executable", "elf"), ("application/x-sharedlib", "elf"), ("application/x-pie-executable", "elf"),
    ("application/x-object", "elf"), ("application/x-coredump", "elf"),
    ("application/x-mach-binary", "macho"),
    ("application/gzip", "gzip"), ("application/x-gzip", "gzip"), ("application/x-bzip2", "bzip2"),
    ("application/x-xz", "xz"), ("application/x-7z-compressed", "7z"), ("application/x-rar", "rar"),
    ("application/vnd.rar", "rar"), ("application/zstd", "zstd"), ("application/x-tar", "tar"),
    ("application/vnd.ms-cab-compressed", "cab"), ("application/x-iso9660-image", "iso"),
    ("application/vnd.sqlite3", "sqlite"), ("application/x-sqlite3", "sqlite"),
    ("application/x-ms-shortcut", "lnk"), ("application/x-ms-evtx", "evtx"),
    ("audio/", "media"), ("video/", "media"),
    ("text/x-php", "script"), ("text/x-shellscript", "script"), ("text/x-script", "script"),
    ("text/x-perl", "script"), ("text/x-python", "script"), ("text/x-msdos-batch", "script"),
    ("application/x-sh", "script"),
    ("text/rtf", "rtf"), ("application/rtf", "rtf"),
    ("text/", "text"), ("application/json", "text"), ("application/xml", "text"), ("message/", "text"),
    ("application/javascript", "text"), ("application/x-ndjson", "text"),
)

# Families whose presence under a foreign extension is evidence in itself.
_STRONG = frozenset({"image", "psd", "pdf", "ooxml", "odf", "zip", "ole", "pe", "elf", "macho", "gzip", "bzip2",
                     "xz", "7z", "rar", "zstd", "tar", "cab", "iso", "sqlite", "lnk", "evtx", "media", "script"})

_IMAGE = ("image",)
_OFFICE_X = ("ooxml", "zip", "ole")          # OOXML; encrypted OOXML is an OLE container
_OFFICE_97 = ("ole", "rtf", "text", "ooxml", "zip")
_TEXT = ("text", "script", "rtf")
_ARCHIVE = ("zip", "ooxml", "odf")

# extension -> families it may honestly hold
_EXPECTED: dict[str, tuple[str, ...]] = {}
for _exts, _fams in (
    ("jpg jpeg jpe jfif png gif bmp dib tif tiff webp heic heif avif ico cr2 nef", _IMAGE),
    ("psd", ("psd",)),
    ("pdf", ("pdf",)),
    ("zip", _ARCHIVE),
    ("jar apk epub xpi war ear aar ipa", _ARCHIVE),
    ("docx docm dotx dotm xlsx xlsm xltx xltm xlsb pptx pptm potx potm ppsx ppsm vsdx", _OFFICE_X),
    ("odt ods odp odg ott ots otp", ("odf", "zip")),
    ("doc dot xls xlt ppt pot pps", _OFFICE_97),
    ("msg msi msp vsd pub", ("ole",)),
    ("exe dll sys scr cpl ocx drv efi mui ax", ("pe",)),
    ("so", ("elf",)),
    ("gz tgz", ("gzip",)), ("bz2 tbz2 tbz", ("bzip2",)), ("xz txz", ("xz",)), ("7z", ("7z",)), ("rar", ("rar",)),
    ("zst", ("zstd",)), ("tar", ("tar",)), ("cab", ("cab",)), ("iso", ("iso",)),
    ("sqlite sqlite3 db3", ("sqlite",)),
    ("lnk", ("lnk",)), ("evtx", ("evtx",)),
    ("mp3 m4a aac wav flac ogg oga opus wma mp4 m4v mov avi mkv webm wmv 3gp mpg mpeg flv", ("media",)),
    ("txt log csv tsv ini cfg conf md json xml html htm xhtml js css py sh bat cmd ps1 vbs php asp aspx jsp "
     "yml yaml sql c h cpp java rtf eml svg srt vcf ics", _TEXT),
):
    for _ext in _exts.split():
        _EXPECTED[_ext] = _fams

# Extensions of binary documents under which a script is a disguise (flagged).
_SCRIPT_FLAGGED = frozenset(e for e, f in _EXPECTED.items() if "text" not in f and "script" not in f)

# Detected MIME -> the extension a user would expect (for the report: "claims .txt, is .jpg").
_DETECTED_EXT: dict[str, str] = {
    "image/jpeg": "jpg", "image/png": "png", "image/gif": "gif", "image/bmp": "bmp", "image/x-ms-bmp": "bmp",
    "image/tiff": "tif", "image/webp": "webp", "image/heic": "heic", "image/vnd.microsoft.icon": "ico",
    "image/vnd.adobe.photoshop": "psd", "application/pdf": "pdf", "application/zip": "zip",
    "application/java-archive": "jar", "application/x-dosexec": "exe",
    "application/vnd.microsoft.portable-executable": "exe", "application/x-executable": "elf",
    "application/x-sharedlib": "so", "application/x-pie-executable": "elf", "application/x-7z-compressed": "7z",
    "application/x-rar": "rar", "application/vnd.rar": "rar", "application/gzip": "gz", "application/x-bzip2": "bz2",
    "application/x-xz": "xz", "application/x-tar": "tar", "application/vnd.ms-cab-compressed": "cab",
    "application/x-sqlite3": "sqlite", "application/vnd.sqlite3": "sqlite", "video/mp4": "mp4",
    "video/quicktime": "mov", "video/x-msvideo": "avi", "audio/mpeg": "mp3", "audio/x-wav": "wav",
    "application/msword": "doc", "application/vnd.ms-excel": "xls", "application/vnd.ms-powerpoint": "ppt",
    "application/vnd.ms-outlook": "msg", "application/x-msi": "msi", "application/x-ole-storage": "ole",
    "application/CDFV2": "ole", "application/encrypted": "ole",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "application/vnd.oasis.opendocument.text": "odt", "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/x-ms-shortcut": "lnk", "application/x-ms-evtx": "evtx", "application/x-iso9660-image": "iso",
    "text/x-php": "php", "text/x-shellscript": "sh", "text/x-script.python": "py", "text/x-perl": "pl",
    "text/x-msdos-batch": "bat",
}


@dataclasses.dataclass(frozen=True, slots=True)
class SignatureVerdict:
    """The claimed type (extension and the families it may hold) against the detected one."""

    claimed_ext: str
    claimed_families: tuple[str, ...]
    detected_mime: str
    detected_family: str | None
    mismatch: bool
    detected_ext: str | None


def family_of(mime: str | None) -> str | None:
    """The content family of a libmagic MIME type, or None when it names no signature we trust."""
    if not mime:
        return None
    for prefix, family in _FAMILIES:
        if mime.startswith(prefix):
            return family
    return None


def verdict(extension: str, mime: str | None, size: int) -> SignatureVerdict:
    """Signature verdict for one file (no mismatch when anything needed is unknown)."""
    ext = (extension or "").lower()
    claimed = _EXPECTED.get(ext, ())
    family = family_of(mime)
    mismatch = False
    if claimed and family and size > 0 and family in _STRONG and family not in claimed:
        mismatch = family != "script" or ext in _SCRIPT_FLAGGED
    detected_ext = None
    if mismatch and mime:
        detected_ext = _DETECTED_EXT.get(mime) or _DETECTED_EXT.get(mime.split(";")[0]) or family
    return SignatureVerdict(ext, claimed, mime or "", family, mismatch, detected_ext)


def check_extension(extension: str, mime: str | None, size: int) -> tuple[bool, str | None]:
    """(mismatch?, detected extension). Only strong content families named with a wrong extension."""
    v = verdict(extension, mime, size)
    return v.mismatch, v.detected_ext


__all__ = ["SignatureVerdict", "check_extension", "family_of", "verdict"]
