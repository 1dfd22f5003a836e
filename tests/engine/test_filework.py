"""The single read's byte histogram (entropy) is exact for every length."""

from __future__ import annotations

import os
import random

import numpy as np

from forensic_triage.pipeline.filework import byte_histogram, entropy_bits


def test_byte_histogram_is_exact_for_every_length_and_content() -> None:
    rng = random.Random(5)
    for n in (0, 1, 2, 3, 65535, 65536, 65537, 100_001, 1 << 20, (1 << 20) + 1):
        for data in (os.urandom(n), bytes(rng.randrange(3) for _ in range(n)), b"\xff" * n):
            expected = np.bincount(np.frombuffer(data, dtype=np.uint8), minlength=256)
            assert (byte_histogram(data) == expected).all(), n


def test_entropy_extremes() -> None:
    assert entropy_bits(b"") == 0.0
    assert entropy_bits(b"a" * 100_000) == 0.0
    assert abs(entropy_bits(bytes(range(256)) * 1024) - 8.0) < 1e-9
