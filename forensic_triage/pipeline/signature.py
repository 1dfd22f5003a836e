"""Signature analysis: does the extension agree with the content? (curated, few false positives)

The mapping is deliberately conservative: a file is called a lie only when its detected
MIME type belongs to a family that its extension can never have (a JPEG named .txt, an
executable named .pdf). Container formats (OOXML is a ZIP, ODF is a ZIP, many formats are
OLE) and the many MIME variants of text are accepted.
"""

from __future__ import annotations

# extension -> MIME prefixes that are acceptable for it
_EXPECTED: dict[str, tuple[str, ...]] = {
    "jpg": ("image/jpeg",), "jpeg": ("image/jpeg",), "jpe": ("image/jpeg",),
    "png": ("image/png",), "gif": ("image/gif",), "bmp": ("image/bmp", "image/x-ms-bmp"),
    "tif": ("image/tiff",), "tiff": ("image/tiff",), "webp": ("image/webp",),
    "heic": ("image/heic", "image/heif"),
    "pdf": ("application/pdf",),
    "zip": ("application/zip", "application/x-zip"),
    "docx": ("application/vnd.openxmlformats", "application/zip", "application/octet-stream"),
    "xlsx": ("application/vnd.openxmlformats", "application/zip", "application/octet-stream"),
    "pptx": ("application/vnd.openxmlformats", "application/zip", "application/octet-stream"),
    "odt": ("application/vnd.oasis", "application/zip"), "ods": ("application/vnd.oasis", "application/zip"),
    "doc": ("application/msword", "application/x-ole-storage", "application/CDFV2", "application/vnd.ms-"),
    "xls": ("application/vnd.ms-excel", "application/x-ole-storage", "application/CDFV2", "application/vnd.ms-"),
    "ppt": ("application/vnd.ms-powerpoint", "application/x-ole-storage", "application/CDFV2", "application/vnd.ms-"),
    "exe": ("application/x-dosexec", "application/vnd.microsoft.portable-executable", "application/x-msdownload"),
    "dll": ("application/x-dosexec", "application/vnd.microsoft.portable-executable", "application/x-msdownload"),
    "txt": ("text/", "application/json", "application/csv", "inode/x-empty", "application/x-empty"),
    "csv": ("text/", "application/csv", "inode/x-empty", "application/x-empty"),
    "html": ("text/",), "htm": ("text/",),
    "mp3": ("audio/mpeg", "audio/x-mp3", "application/octet-stream"),
    "mp4": ("video/mp4", "video/quicktime", "video/x-m4v"),
    "gz": ("application/gzip", "application/x-gzip"),
    "7z": ("application/x-7z-compressed",), "rar": ("application/x-rar", "application/vnd.rar"),
}

# Detected MIME -> the extension a user would expect (for the report: "claims .txt, is .jpg").
_DETECTED_EXT: dict[str, str] = {
    "image/jpeg": "jpg", "image/png": "png", "image/gif": "gif", "image/bmp": "bmp", "image/tiff": "tif",
    "image/webp": "webp", "application/pdf": "pdf", "application/zip": "zip",
    "application/x-dosexec": "exe", "application/vnd.microsoft.portable-executable": "exe",
    "application/x-7z-compressed": "7z", "application/x-rar": "rar", "application/gzip": "gz",
    "application/x-sqlite3": "sqlite", "application/vnd.sqlite3": "sqlite", "video/mp4": "mp4",
    "audio/mpeg": "mp3", "application/msword": "doc", "application/x-ole-storage": "ole",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
}

# Content families that are evidence in themselves when renamed (we only flag these).
_STRONG = ("image/", "application/pdf", "application/x-dosexec", "application/vnd.microsoft.portable-executable",
           "application/zip", "application/x-7z-compressed", "application/x-rar", "application/vnd.rar",
           "application/x-sqlite3", "application/vnd.sqlite3", "video/", "audio/", "application/gzip",
           "application/msword", "application/vnd.openxmlformats", "application/x-ole-storage", "application/CDFV2")


def check_extension(extension: str, mime: str | None, size: int) -> tuple[bool, str | None]:
    """(mismatch?, detected extension). Only strong content families named with a wrong extension."""
    if not extension or not mime or size == 0:
        return False, None
    expected = _EXPECTED.get(extension.lower())
    if expected is None:
        return False, None
    if mime.startswith(expected):
        return False, None
    if not mime.startswith(_STRONG):
        return False, None
    return True, _DETECTED_EXT.get(mime, mime.split("/", 1)[-1])
