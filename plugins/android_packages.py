"""Installed Android packages: /data/system/packages.xml (text XML or Android 12+ binary ABX) and packages.list."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import BinaryIO, ClassVar

from forensic_triage.plugin_api import ExtractContext, Extractor, FileInfo, InputSpec, Record

from .android_common import android_globs, integer, millis
from .android_xml import XmlError, is_abx, parse

FLAG_SYSTEM, FLAG_DEBUGGABLE = 0x1, 0x2  # android.content.pm.ApplicationInfo flags
MAX_PERMISSIONS = 500


@dataclasses.dataclass(frozen=True)
class AndroidPackage(Record):
    record_type: ClassVar[str] = "android.package"
    time_fields: ClassVar[dict[str, str]] = {"first_install": "App installed (Android)",
                                             "last_update": "App updated (Android)"}

    package: str
    source: str  # packages.xml | packages.xml (ABX) | packages.list
    version_code: int | None
    uid: int | None  # Linux user id of the app (shared user id where it has one)
    code_path: str | None  # where the APK lies (/data/app/..., /system/app/...)
    data_dir: str | None  # packages.list: the app's data folder
    installer: str | None  # package that installed it (com.android.vending = Play Store)
    first_install: str | None
    last_update: str | None
    code_modified: str | None  # time stamp of the code path (packages.xml "ft")
    system_app: bool | None
    debuggable: bool | None
    permissions: tuple[str, ...]  # install-time permissions granted (packages.xml)

    def summary(self) -> str:
        how = f" by {self.installer}" if self.installer else ""
        return f"App {self.package} (version {self.version_code}){how}"


def _hex_millis(value: str | None) -> str | None:
    try:
        return millis(int(value, 16)) if value else None
    except ValueError:
        return None


def _from_xml(ctx: ExtractContext, data: bytes) -> Iterator[AndroidPackage]:
    binary = is_abx(data)
    try:
        root = parse(data)
    except XmlError as exc:
        if binary:
            ctx.warn(f"packages.xml is Android Binary XML (ABX, Android 12+) and could not be decoded ({exc}); "
                     "the installed packages are listed from packages.list, beside it, instead.")
        else:
            ctx.warn(f"packages.xml could not be read: {exc}.")
        return
    if root.tag != "packages":
        ctx.warn(f"packages.xml has the root element <{root.tag}>, not <packages>: not Android's package list.")
        return
    source = "packages.xml (ABX)" if binary else "packages.xml"
    for pkg in root.iter("package"):
        name = pkg.get("name")
        if not name:
            continue
        flags = integer(pkg.get("publicFlags") or pkg.get("flags"))
        perms = [item.get("name") or "" for perms in pkg.findall("perms") for item in perms.findall("item")
                 if item.get("granted", "true") == "true" and item.get("name")]
        yield AndroidPackage(
            name, source, integer(pkg.get("version")), integer(pkg.get("userId") or pkg.get("sharedUserId")),
            pkg.get("codePath"), None, pkg.get("installer") or pkg.get("installInitiator"),
            _hex_millis(pkg.get("it")), _hex_millis(pkg.get("ut")), _hex_millis(pkg.get("ft")),
            bool(flags & FLAG_SYSTEM) if flags is not None else None,
            bool(flags & FLAG_DEBUGGABLE) if flags is not None else None, tuple(perms[:MAX_PERMISSIONS]))


def _from_list(ctx: ExtractContext, data: bytes) -> Iterator[AndroidPackage]:
    """``name uid debuggable data-dir seinfo gids [profileable version-code]`` per line (PackageManager)."""
    bad = 0
    for number, line in enumerate(data.decode("utf-8", "replace").splitlines(), start=1):
        fields = line.split()
        if not fields:
            continue
        if len(fields) < 4 or integer(fields[1]) is None:
            bad += 1
            if bad == 1:
                ctx.warn(f"packages.list line {number} is not 'name uid debuggable data-dir ...': {line[:80]!r}.")
            continue
        version = integer(fields[7]) if len(fields) > 7 else None
        yield AndroidPackage(fields[0], "packages.list", version, integer(fields[1]), None, fields[3], None,
                             None, None, None, None, fields[2] == "1", ())
    if bad > 1:
        ctx.warn(f"{bad} lines of packages.list were not in its format and were skipped.")


class AndroidPackagesExtractor(Extractor):
    name = "android.packages"
    version = "1.0"
    description = "Installed Android apps (packages.xml, text or ABX; packages.list): version, installer, install times"
    references = ("https://cs.android.com/android/platform/superproject/+/main:frameworks/base/core/java/com/"
                  "android/internal/util/BinaryXmlSerializer.java",
                  "https://cs.android.com/android/platform/superproject/+/main:frameworks/base/services/core/java/"
                  "com/android/server/pm/Settings.java")
    inputs = InputSpec(globs=android_globs("system/packages.xml", "system/packages.list"), max_size=64 * 1024 * 1024)
    record_types = (AndroidPackage,)

    def extract(self, ctx: ExtractContext, stream: BinaryIO, file_info: FileInfo) -> Iterator[Record]:
        data = stream.read()
        if file_info.name.lower() == "packages.list":
            yield from _from_list(ctx, data)
        else:
            yield from _from_xml(ctx, data)


EXTRACTORS = (AndroidPackagesExtractor,)
