"""Build the benchmark reference image: an MBR disk with NTFS, ext4 and FAT32, realistic files.

Default: 2 GiB disk, about 20,000 files holding about 1.6 GB, a realistic mix of types and
sizes (text, logs, source, HTML/XML/JSON/CSV, office files, PDFs, JPEG/PNG pictures, PE and
ELF executables, ZIP/GZIP archives, SQLite databases, incompressible data) with a log-normal
size distribution plus a few large files; a Windows layout on NTFS (user profiles, System32,
Program Files), a Linux layout on ext4, a camera/USB layout on FAT32. When the corpus is
present ($FT_CORPUS), real artifacts (registry hives, Prefetch, event logs, browser
histories, LNK, EXIF pictures, recycle-bin files) are planted at their Windows locations
so the artifact extractors have real work. Also written as E01 (``ewfacquire``, fast
compression) unless ``--no-e01``. Everything is deterministic for a given seed and size.

    python benchmarks/build_reference_image.py --out benchmarks/work/ref2g            # 2 GiB
    python benchmarks/build_reference_image.py --out benchmarks/work/ref512 --size-mb 512
    python benchmarks/build_reference_image.py --out /big/ref64g --size-mb 65536     # bigger

Tools: mke2fs (-d), mkfs.fat + mcopy, mkntfs + the libntfs-3g helper from tests/imagebuilders.py
(compiled on first use; no mount, no FUSE), sfdisk, dd, ewfacquire.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

WORDS = ("invoice payment account transfer meeting report police witness statement evidence phone message "
         "address bank card password login server network the and of to in for on with as by at from this that "
         "is was are be have has not but or an it they we you he she his her their our").split()
# (weight by count, extensions, kind, median bytes)
MIX = (
    (22, ("txt", "md", "log", "cfg", "ini"), "text", 6_000), (6, ("html", "htm"), "html", 14_000),
    (4, ("xml",), "xml", 9_000), (4, ("json",), "json", 5_000), (3, ("csv",), "csv", 20_000),
    (6, ("py", "c", "h", "js", "sh"), "source", 7_000), (6, ("docx", "xlsx"), "ooxml", 40_000),
    (3, ("pdf",), "pdf", 120_000), (14, ("jpg",), "jpeg", 180_000), (5, ("png",), "png", 60_000),
    (8, ("dll", "exe", "sys"), "pe", 150_000), (3, ("so", "bin"), "elf", 120_000), (3, ("zip",), "zip", 200_000),
    (2, ("gz",), "gzip", 150_000), (2, ("db", "sqlite"), "sqlite", 60_000), (10, ("dat", "tmp", "cache"), "random", 40_000),
)


def _text(rng: random.Random, size: int) -> bytes:
    out = io.StringIO()
    n = 0
    while n < size:
        line = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 14))) + "\n"
        out.write(line)
        n += len(line)
    return out.getvalue().encode()[:size]


def make_content(kind: str, size: int, rng: random.Random) -> bytes:  # noqa: C901 - one linear recipe of the reference content
    """Plausible bytes of a given kind (headers right, bodies cheap to generate)."""
    if kind == "text":
        return _text(rng, size)
    if kind == "html":
        return b"<!DOCTYPE html>\n<html><head><title>page</title></head><body><p>\n" + _text(rng, size) + b"</p></body></html>\n"
    if kind == "xml":
        return b'<?xml version="1.0" encoding="UTF-8"?>\n<items>\n' + _text(rng, size).replace(b"\n", b"</i>\n<i>") + b"</items>\n"
    if kind == "json":
        return json.dumps([{"id": i, "note": " ".join(rng.choice(WORDS) for _ in range(6))}
                           for i in range(max(1, size // 60))]).encode()
    if kind == "csv":
        return b"date,account,amount,memo\n" + b"".join(
            f"2025-0{rng.randint(1, 9)}-1{rng.randint(0, 9)},{rng.randint(10**7, 10**8)},{rng.randint(1, 9999)}.{rng.randint(10, 99)},{rng.choice(WORDS)}\n".encode()
            for _ in range(max(1, size // 40)))
    if kind == "source":
        return b"#include <stdio.h>\n/* generated */\n" + _text(rng, size)
    if kind == "ooxml":
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
            z.writestr("word/document.xml", _text(rng, size))
            z.writestr("word/media/image1.bin", rng.randbytes(size // 3))
        return buf.getvalue()
    if kind == "pdf":
        body = zlib.compress(_text(rng, size), 1)
        return (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\n"
                b"3 0 obj<</Length " + str(len(body)).encode() + b"/Filter/FlateDecode>>stream\n" + body + b"\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
    if kind == "jpeg":
        return (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xdb\x00\x43\x00"
                + rng.randbytes(64) + b"\xff\xc0\x00\x11\x08\x04\x00\x03\x00\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01"
                + b"\xff\xda\x00\x0c\x03\x01\x00\x02\x11\x03\x11\x00\x3f\x00" + rng.randbytes(max(0, size - 120)) + b"\xff\xd9")
    if kind == "png":
        return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x02\x00\x00\x00\x02\x00\x08\x06\x00\x00\x00" + rng.randbytes(max(0, size - 33))
    if kind == "pe":
        head = bytearray(1024)
        head[0:2] = b"MZ"
        head[0x3C:0x40] = (0x80).to_bytes(4, "little")
        head[0x4E:0x76] = b"This program cannot be run in DOS mode.\r\r\n$"
        head[0x80:0x86] = b"PE\0\0\x4c\x01"
        return bytes(head) + rng.randbytes(max(0, size // 2 - 1024)) + bytes(size // 2)
    if kind == "elf":
        return b"\x7fELF\x02\x01\x01" + bytes(9) + b"\x03\x00\x3e\x00" + rng.randbytes(max(0, size - 20))
    if kind == "zip":
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
            z.writestr("data.bin", rng.randbytes(size))
        return buf.getvalue()
    if kind == "gzip":
        return b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + rng.randbytes(size)
    if kind == "sqlite":
        path = Path(os.environ.get("TMPDIR", "/tmp")) / f"ref-{os.getpid()}.sqlite"
        path.unlink(missing_ok=True)
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT)")
            conn.executemany("INSERT INTO notes(body) VALUES (?)",
                             [(" ".join(rng.choice(WORDS) for _ in range(12)),) for _ in range(max(1, size // 90))])
        conn.close()
        data = path.read_bytes()
        path.unlink()
        return data
    return rng.randbytes(size)


LAYOUT = {
    "ntfs": ("Users/{u}/Documents", "Users/{u}/Downloads", "Users/{u}/Pictures", "Users/{u}/Desktop",
             "Users/{u}/AppData/Local/Temp", "Users/{u}/AppData/Roaming/App{n}", "Windows/System32",
             "Windows/SysWOW64", "Windows/WinSxS/pkg{n}", "Program Files/Vendor{n}", "ProgramData/Cache{n}"),
    "ext4": ("home/{u}/documents", "home/{u}/projects/p{n}", "home/{u}/.cache/c{n}", "var/log", "etc",
             "usr/lib/lib{n}", "usr/share/doc/pkg{n}", "opt/app{n}"),
    "fat": ("DCIM/10{n}CANON", "Documents/{u}", "Backup/set{n}", "Music/album{n}"),
}
USERS = ("jdoe", "asmith", "admin", "guest")


def plan_files(size_mb: int, seed: int) -> dict[str, list[tuple[str, str, int]]]:
    """fs -> [(relative path, kind, size)] for ~20,000 files per 2 GiB, ~78 % of the disk in content."""
    rng = random.Random(seed)
    scale = size_mb / 2048
    count = max(400, int(20_000 * scale))
    budget = int(size_mb * 1024 * 1024 * 0.78)
    shares = {"ntfs": 0.45, "ext4": 0.30, "fat": 0.25}
    weights = [m[0] for m in MIX]
    files: dict[str, list[tuple[str, str, int]]] = {fs: [] for fs in shares}
    large_total = int(budget * 0.25)
    for i, (fs, name, kind) in enumerate((("ntfs", "Users/jdoe/Videos/holiday.mp4", "random"),
                                          ("ext4", "home/asmith/backup/archive.zip", "zip"),
                                          ("fat", "Backup/disk.img", "random"),
                                          ("ntfs", "Users/jdoe/Documents/mailbox.pst", "random"))):
        files[fs].append((name, kind, large_total // 4 + i))
    small_budget = budget - large_total
    sizes = []
    for _ in range(count):
        m = rng.choices(MIX, weights)[0]
        sizes.append((m, max(0, int(rng.lognormvariate(math.log(m[3]), 1.0)))))
    factor = small_budget / max(1, sum(s for _, s in sizes))
    counters: dict[str, int] = {}
    for (_weight, exts, kind, _median), size in sizes:
        fs = rng.choices(list(shares), list(shares.values()))[0]
        folder = rng.choice(LAYOUT[fs]).format(u=rng.choice(USERS), n=rng.randint(0, 40))
        n = counters[folder] = counters.get(folder, 0) + 1
        files[fs].append((f"{folder}/file{n:04d}.{rng.choice(exts)}", kind, min(int(size * factor), 64 << 20)))
    return files


def _corpus_plants(corpus: Path) -> list[tuple[str, Path]]:
    art = corpus / "artifacts"
    plants: list[tuple[str, Path]] = []
    if not art.is_dir():
        return plants
    for p in sorted((art / "registry").rglob("*")):
        if p.is_file() and p.suffix.lower() != ".xz":
            plants.append((f"Windows/System32/config/{p.name}", p))
    for p in sorted((art / "prefetch").glob("*.pf")):
        plants.append((f"Windows/Prefetch/{p.name}", p))
    for p in sorted((art / "evtx").rglob("*.evtx")):
        plants.append((f"Windows/System32/winevt/Logs/{p.name}", p))
    for p in sorted((art / "lnk").glob("*.lnk")):
        plants.append((f"Users/jdoe/AppData/Roaming/Microsoft/Windows/Recent/{p.name}", p))
    for p in sorted((art / "exif").glob("*.jpg")):
        plants.append((f"Users/jdoe/Pictures/{p.name}", p))
    for p in sorted((art / "browser" / "chrome").rglob("History")):
        plants.append(("Users/jdoe/AppData/Local/Google/Chrome/User Data/Default/History", p))
        break
    for p in sorted((art / "recyclebin").iterdir()):
        plants.append((f"$Recycle.Bin/S-1-5-21-1-2-3-1001/{p.name}", p))
    return plants


def stage(files: list[tuple[str, str, int]], root: Path, seed: int, plants: list[tuple[str, Path]] = ()) -> int:
    rng = random.Random(seed)
    total = 0
    for rel, kind, size in files:
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        data = make_content(kind, size, rng)
        target.write_bytes(data)
        total += len(data)
    for rel, src in plants:
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, target)
    (root / "eicar.com").write_bytes(b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*")
    return total


def _run(*args: str | Path) -> None:
    res = subprocess.run([str(a) for a in args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                         env={**os.environ, "TZ": "UTC", "E2FSPROGS_FAKE_TIME": "1740650400"})
    if res.returncode:
        raise SystemExit(f"{args[0]} failed ({res.returncode}): {res.stderr.strip()[-800:]}")


def build_ntfs_from(root: Path, image: Path, size_mb: int) -> None:
    import imagebuilders as ib

    helper = ib.ntfs_plant_tool()
    with open(image, "wb") as f:
        f.truncate(size_mb * 1024 * 1024)
    _run("mkntfs", "-F", "-Q", "-q", "-L", "REFNTFS", "-p", "0", "-H", "255", "-S", "63", image)
    mnt = image.with_suffix(".mnt")
    mnt.mkdir(exist_ok=True)
    if shutil.which("ntfs-3g") and subprocess.run(["ntfs-3g", str(image), str(mnt)], capture_output=True).returncode == 0:
        # ntfs-3g through FUSE packs a big tree much better than the planting helper (which ran
        # out of clusters at about half of a 2 GiB tree); the helper is the fallback without FUSE.
        try:
            _run("cp", "-a", f"{root}/.", f"{mnt}/")
        finally:
            subprocess.run(["umount", str(mnt)], check=False)
        mnt.rmdir()
        return
    mnt.rmdir()
    lines = []
    for dirpath, dirnames, filenames in os.walk(root):
        rel = os.path.relpath(dirpath, root)
        for d in sorted(dirnames):
            lines.append(f"mkdir\t{d if rel == '.' else rel + '/' + d}\t1740650400")
        for fn in sorted(filenames):
            lines.append(f"file\t{fn if rel == '.' else rel + '/' + fn}\t{os.path.join(dirpath, fn)}\t1740650400")
    script = image.with_suffix(".plant.txt")
    script.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _run(helper, image, script)
    script.unlink()


def build(out: Path, size_mb: int = 2048, seed: int = 1, e01: bool = True, corpus: Path | None = None) -> dict[str, Any]:
    import imagebuilders as ib

    if size_mb < 256:
        raise SystemExit("--size-mb must be at least 256 (FAT32 needs a 33 MiB volume)")
    out.mkdir(parents=True, exist_ok=True)
    plan = plan_files(size_mb, seed)
    plants = _corpus_plants(corpus) if corpus else []
    # Each file system is sized from what it will hold (+20 % and 48 MiB for metadata, journal,
    # cluster slack); the disk comes out close to --size-mb.
    planned = {fs: sum(size for _, _, size in files) / 2**20 for fs, files in plan.items()}
    sizes = {fs: max(40, int(mib * 1.2 + 48)) for fs, mib in planned.items()}
    parts = []
    content = 0
    for fs in ("ntfs", "ext4", "fat"):
        root = out / f"stage_{fs}"
        shutil.rmtree(root, ignore_errors=True)
        content += stage(plan[fs], root, seed + len(fs), plants if fs == "ntfs" else [])
        image = out / f"part_{fs}.img"
        image.unlink(missing_ok=True)
        if fs == "ext4":
            _run("mke2fs", "-q", "-t", "ext4", "-d", root, "-U", "11111111-2222-3333-4444-555555555555",
                 "-E", "hash_seed=11111111-2222-3333-4444-555555555555", image, f"{sizes[fs]}M")
            parts.append((image, "83"))
        elif fs == "fat":
            with open(image, "wb") as f:
                f.truncate(sizes[fs] * 1024 * 1024)
            _run("mkfs.fat", "-F", "32", "-i", "46540032", "-n", "REFFAT32", image)
            _run("mcopy", "-s", "-m", "-i", image, *sorted(root.iterdir()), "::/")
            parts.append((image, "0c"))
        else:
            build_ntfs_from(root, image, sizes[fs])
            parts.append((image, "07"))
        shutil.rmtree(root, ignore_errors=True)
    disk = ib.build_disk(out / "reference.raw", parts)
    for image, _ in parts:
        image.unlink()
    manifest: dict[str, Any] = {"raw": str(disk.path), "size_bytes": disk.size, "files": sum(len(v) for v in plan.values())
                                + len(plants) + 3, "content_bytes": content, "seed": seed, "size_mb": size_mb,
                                "partitions": [{"offset": p.offset, "size": p.size, "type": p.type} for p in disk.partitions],
                                "corpus_artifacts": len(plants)}
    if e01:
        for old in out.glob("reference.E*"):
            old.unlink()
        _run("ewfacquire", "-u", "-t", out / "reference", "-f", "encase6", "-c", "fast", "-S", "1.4GiB",
             "-C", "BENCH", "-D", "reference image", "-e", "benchmark", "-E", "REF", "-N", "benchmarks", disk.path)
        manifest["e01"] = str(out / "reference.E01")
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2))
    return manifest


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=REPO / "benchmarks" / "work" / "ref")
    ap.add_argument("--size-mb", type=int, default=2048, help="disk size in MiB (at least 256; FAT32 needs 33)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-e01", action="store_true")
    args = ap.parse_args(argv)
    corpus = Path(os.environ.get("FT_CORPUS", REPO.parent / "shared" / "corpus"))
    manifest = build(args.out, args.size_mb, args.seed, not args.no_e01, corpus if corpus.is_dir() else None)
    print(json.dumps(manifest, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
