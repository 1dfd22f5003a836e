"""Hash-set lookup speed with a 1,000,000-entry set (the question: does a big set slow triage?).

Builds a sha256sum list of 1,000,000 digests, imports it into a scratch hash-set library,
then looks up the MD5/SHA-1/SHA-256 of many files the way triage does (one indexed query per
file through HashSetAnalyzer's library), half of them present in the set. Prints import time
and lookups per second, to compare with the triage rate (hundreds to a few thousand files/s).

    /opt/ftvenv/bin/python benchmarks/hashset_lookup.py [--entries N] [--lookups N]
"""

from __future__ import annotations

import argparse
import hashlib
import tempfile
import time
from pathlib import Path

from forensic_triage.hashsets import HashSetAnalyzer, HashSetLibrary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--lookups", type=int, default=50_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ft-hashset-bench-") as tmp:
        folder = Path(tmp)
        listing = folder / "big.sha256"
        started = time.perf_counter()
        with listing.open("w") as fh:
            for i in range(args.entries):
                fh.write(hashlib.sha256(i.to_bytes(8, "little")).hexdigest() + "  file\n")
        print(f"wrote {args.entries} digests in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        with HashSetLibrary(folder / "lib.sqlite") as lib:
            hs = lib.import_file(listing, "bench", "known-good")
        seconds = time.perf_counter() - started
        size = (folder / "lib.sqlite").stat().st_size
        print(f"imported {hs.entries} entries in {seconds:.1f} s ({hs.entries / seconds:,.0f}/s); "
              f"library {size / 1e6:.0f} MB")
        analyzer = HashSetAnalyzer(["bench"], folder / "lib.sqlite")
        lib = analyzer.library()
        hits = 0
        started = time.perf_counter()
        for i in range(args.lookups):
            data = (i * 2 if i % 2 else args.entries + i).to_bytes(8, "little")  # half present
            digests = (hashlib.md5(data).hexdigest(), hashlib.sha1(data).hexdigest(), hashlib.sha256(data).hexdigest())
            hits += len(lib.lookup(digests, analyzer.by_id))
        seconds = time.perf_counter() - started
        print(f"{args.lookups} lookups ({hits} found) in {seconds:.2f} s: {args.lookups / seconds:,.0f} lookups/s "
              f"({seconds / args.lookups * 1e6:.0f} us per file, digests of 8 bytes included)")


if __name__ == "__main__":
    main()
