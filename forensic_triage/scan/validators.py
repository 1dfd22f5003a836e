"""Checks that turn a look-alike string into a finding: Luhn, Base58Check, Bech32, EIP-55, and
the host-name grammar (labels and a real top-level domain) of URLs and e-mail addresses.

All pure Python and self-contained (no network, no third-party crypto): the candidates are
rare, so speed does not matter here, correctness does.
"""

from __future__ import annotations

import functools
import hashlib
import re

from .tlds import TLDS

# --------------------------------------------------------------------------- host names

_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\Z")
# File-name extensions that are also delegated TLDs: "icon@2x.png" is no address, "notes.md" no host.
NOT_MAIL_TLD = frozenset({"zip", "mov", "py", "sh", "md", "pl", "rs", "so", "ps", "cc", "cs", "ms", "ai", "gz",
                          "bz", "mk", "am", "ml", "ini", "mp", "sb"})


def tld_ok(label: str) -> bool:
    """A delegated top-level domain written in one case ("com", "COM"; not "Com", not "com1")."""
    return label.lower() in TLDS and (label.islower() or label.isupper())


def ipv4_ok(text: str) -> bool:
    parts = text.split(".")
    return len(parts) == 4 and all(p.isdigit() and len(p) <= 3 and int(p) <= 255 and
                                   (p == "0" or not p.startswith("0")) for p in parts)


@functools.lru_cache(maxsize=8192)
def domain_ok(host: str) -> bool:
    """A registrable-looking DNS name: two or more labels (letters, digits, inner hyphens, at most 63
    characters each), the last a delegated TLD written in one case."""
    labels = host.split(".")
    if len(labels) < 2 or len(host) > 253 or not all(_LABEL.match(label) for label in labels):
        return False
    return tld_ok(labels[-1])


@functools.lru_cache(maxsize=8192)
def host_ok(host: str) -> bool:
    """The host part of a URL: a DNS name with a real TLD, an IPv4 address, ``[IPv6]`` or localhost."""
    if host.startswith("[") and host.endswith("]"):
        inner = host[1:-1]
        return ":" in inner and all(ch in "0123456789abcdefABCDEF:." for ch in inner)
    if host.lower() == "localhost":
        return True
    if host.replace(".", "").isdigit():
        return ipv4_ok(host)
    return domain_ok(host)


# --------------------------------------------------------------------------- cards


def luhn_ok(digits: str) -> bool:
    """The Luhn (mod 10) check of a payment card number given as digits only."""
    if not digits.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = ord(ch) - 48
        if i % 2:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


def card_brand(digits: str) -> str | None:
    """The card scheme from the issuer prefix (IIN) and length, or None when none fits."""
    n = len(digits)
    two, three, four, six = int(digits[:2]), int(digits[:3]), int(digits[:4]), int(digits[:6])
    if digits[0] == "4" and n in (13, 16, 19):
        return "visa"
    if (51 <= two <= 55 or 2221 <= four <= 2720) and n == 16:
        return "mastercard"
    if two in (34, 37) and n == 15:
        return "amex"
    if (four == 6011 or two == 65 or 644 <= three <= 649 or 622126 <= six <= 622925) and 16 <= n <= 19:
        return "discover"
    if 3528 <= four <= 3589 and 16 <= n <= 19:
        return "jcb"
    if (300 <= three <= 305 or two in (36, 38, 39) or three == 309) and 14 <= n <= 19:
        return "diners"
    if two == 62 and 16 <= n <= 19:
        return "unionpay"
    if (two == 50 or 56 <= two <= 69) and 12 <= n <= 19:
        return "maestro"
    return None


def card_ok(digits: str) -> bool:
    """13-19 digits, a known issuer prefix, a valid Luhn check digit, and not a filler run."""
    if not 13 <= len(digits) <= 19 or len(set(digits)) < 4:
        return False
    return card_brand(digits) is not None and luhn_ok(digits)


# --------------------------------------------------------------------------- bitcoin

_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_B58_INDEX = {c: i for i, c in enumerate(_B58)}


def base58_decode(text: str) -> bytes | None:
    num = 0
    for ch in text:
        value = _B58_INDEX.get(ch)
        if value is None:
            return None
        num = num * 58 + value
    raw = num.to_bytes((num.bit_length() + 7) // 8, "big") if num else b""
    pad = len(text) - len(text.lstrip("1"))
    return b"\x00" * pad + raw


def btc_base58_ok(text: str) -> bool:
    """A legacy (P2PKH '1...') or script (P2SH '3...') Bitcoin address with a valid checksum."""
    if not 25 <= len(text) <= 35 or text[0] not in "13":
        return False
    raw = base58_decode(text)
    if raw is None or len(raw) != 25 or raw[0] not in (0x00, 0x05):
        return False
    check = hashlib.sha256(hashlib.sha256(raw[:21]).digest()).digest()[:4]
    return check == raw[21:]


_BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_BECH32M_CONST = 0x2BC830A3


def _bech32_polymod(values: list[int]) -> int:
    gen = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            if (top >> i) & 1:
                chk ^= gen[i]
    return chk


def btc_bech32_ok(text: str) -> bool:
    """A native SegWit (bech32) or Taproot (bech32m) Bitcoin mainnet address with a valid checksum."""
    if text.lower() != text and text.upper() != text:
        return False  # mixed case is invalid bech32
    text = text.lower()
    if not 14 <= len(text) <= 74 or not text.startswith("bc1"):
        return False
    data = []
    for ch in text[3:]:
        idx = _BECH32.find(ch)
        if idx < 0:
            return False
        data.append(idx)
    if len(data) < 7:
        return False
    hrp = "bc"
    expanded = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    const = _bech32_polymod(expanded + data)
    version = data[0]
    if version == 0:
        return const == 1 and len(text) in (42, 62)
    return const == _BECH32M_CONST and version <= 16


# --------------------------------------------------------------------------- ethereum

_KECCAK_RC = (
    0x0000000000000001, 0x0000000000008082, 0x800000000000808A, 0x8000000080008000, 0x000000000000808B,
    0x0000000080000001, 0x8000000080008081, 0x8000000000008009, 0x000000000000008A, 0x0000000000000088,
    0x0000000080008009, 0x000000008000000A, 0x000000008000808B, 0x800000000000008B, 0x8000000000008089,
    0x8000000000008003, 0x8000000000008002, 0x8000000000000080, 0x000000000000800A, 0x800000008000000A,
    0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
)
_KECCAK_ROT = (
    (0, 36, 3, 41, 18), (1, 44, 10, 45, 2), (62, 6, 43, 15, 61), (28, 55, 25, 21, 56), (27, 20, 39, 8, 14),
)
_M64 = (1 << 64) - 1


def _rol(x: int, n: int) -> int:
    return ((x << n) | (x >> (64 - n))) & _M64 if n else x


def _keccak_f(a: list[list[int]]) -> None:
    for rc in _KECCAK_RC:
        c = [a[x][0] ^ a[x][1] ^ a[x][2] ^ a[x][3] ^ a[x][4] for x in range(5)]
        d = [c[(x - 1) % 5] ^ _rol(c[(x + 1) % 5], 1) for x in range(5)]
        for x in range(5):
            for y in range(5):
                a[x][y] ^= d[x]
        b = [[0] * 5 for _ in range(5)]
        for x in range(5):
            for y in range(5):
                b[y][(2 * x + 3 * y) % 5] = _rol(a[x][y], _KECCAK_ROT[x][y])
        for x in range(5):
            for y in range(5):
                a[x][y] = b[x][y] ^ (~b[(x + 1) % 5][y] & b[(x + 2) % 5][y])
        a[0][0] ^= rc


def keccak256(data: bytes) -> bytes:
    """Keccak-256 as Ethereum uses it (original padding 0x01, not SHA3-256's 0x06)."""
    rate = 136
    padded = bytearray(data) + b"\x01" + b"\x00" * ((-len(data) - 1) % rate)
    padded[-1] |= 0x80
    state = [[0] * 5 for _ in range(5)]
    for block in range(0, len(padded), rate):
        chunk = padded[block:block + rate]
        for i in range(rate // 8):
            state[i % 5][i // 5] ^= int.from_bytes(chunk[8 * i:8 * i + 8], "little")
        _keccak_f(state)
    out = b"".join(state[i % 5][i // 5].to_bytes(8, "little") for i in range(4))
    return out


def eth_address_ok(text: str) -> bool:
    """``0x`` + 40 hex digits; a mixed-case address must carry a valid EIP-55 checksum.

    An all-lower or all-upper address has no checksum to verify and is accepted as written.
    """
    if len(text) != 42 or not text.startswith("0x"):
        return False
    body = text[2:]
    try:
        int(body, 16)
    except ValueError:
        return False
    if body.lower() == body or body.upper() == body:
        return len(set(body.lower())) > 4  # not a filler such as 0x000...0
    digest = keccak256(body.lower().encode()).hex()
    for ch, nibble in zip(body, digest[:40], strict=True):
        if ch.isalpha() and (ch.isupper() != (int(nibble, 16) >= 8)):
            return False
    return True
