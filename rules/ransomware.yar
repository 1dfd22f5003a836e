/*
    Ransomware ransom notes (the text left beside encrypted files).
    Part of the Forensic Triage Workstation rule packs.
*/

rule FT_Ransomware_Note : ransomware
{
    meta:
        description = "Ransom note: says files were encrypted, offers decryption, names a payment or contact channel"
        author = "Forensic Triage Workstation developers"
        date = "2026-11-29"
        reference = "https://attack.mitre.org/techniques/T1486/"
        severity = "critical"
        category = "ransomware"
    strings:
        $enc1 = "files have been encrypted" nocase ascii wide
        $enc2 = "files are encrypted" nocase ascii wide
        $enc3 = "files were encrypted" nocase ascii wide
        $enc4 = "network has been encrypted" nocase ascii wide
        $enc5 = "network has been penetrated" nocase ascii wide
        $enc6 = "have been encrypted by" nocase ascii wide
        $rec1 = "decrypt your files" nocase ascii wide
        $rec2 = "decryption key" nocase ascii wide
        $rec3 = "decryption tool" nocase ascii wide
        $rec4 = "decryptor" nocase ascii wide
        $rec5 = "recover your files" nocase ascii wide
        $rec6 = "restore your files" nocase ascii wide
        $pay1 = "bitcoin" nocase ascii wide
        $pay2 = "monero" nocase ascii wide
        $pay3 = "tor browser" nocase ascii wide
        $pay4 = /[a-z2-7]{16,56}\.onion/ nocase ascii wide
        $pay5 = "BTC" fullword ascii wide
        $pay6 = "qtox" nocase ascii wide
        $pay7 = "ransom" nocase ascii wide
    condition:
        filesize < 300KB and 1 of ($enc*) and 1 of ($rec*) and 1 of ($pay*)
}
