/*
    Packed executables: code compressed or encrypted by a packer (hides strings from scanners).
    Part of the Forensic Triage Workstation rule packs.
*/

private rule FT_Is_PE_File
{
    condition:
        uint16(0) == 0x5A4D and uint32(0x3C) < 0x1000 and uint32(uint32(0x3C)) == 0x00004550
}

rule FT_Packer_UPX_PE : packer
{
    meta:
        description = "Windows executable packed with UPX (UPX0/UPX1 sections)"
        author = "Forensic Triage Workstation developers"
        date = "2026-11-29"
        reference = "https://attack.mitre.org/techniques/T1027/002/"
        severity = "low"
        category = "packer"
    strings:
        $s0 = { 55 50 58 30 00 00 00 00 }
        $s1 = { 55 50 58 31 00 00 00 00 }
    condition:
        FT_Is_PE_File and $s0 in (0..4096) and $s1 in (0..4096)
}

rule FT_Packer_UPX_ELF : packer
{
    meta:
        description = "Linux executable packed with UPX"
        author = "Forensic Triage Workstation developers"
        date = "2026-11-29"
        reference = "https://attack.mitre.org/techniques/T1027/002/"
        severity = "low"
        category = "packer"
    strings:
        $magic = "UPX!" ascii
        $info = "This file is packed with the UPX executable packer" ascii
    condition:
        uint32(0) == 0x464C457F and $magic and $info
}

rule FT_Packer_Other_PE : packer
{
    meta:
        description = "Windows executable with the section names of a commercial packer/protector (MPRESS, ASPack, PECompact, Petite, Themida, VMProtect, Enigma)"
        author = "Forensic Triage Workstation developers"
        date = "2026-11-29"
        reference = "https://attack.mitre.org/techniques/T1027/002/"
        severity = "medium"
        category = "packer"
    strings:
        $mpress = { 2E 4D 50 52 45 53 53 31 }
        $aspack = { 2E 61 73 70 61 63 6B 00 }
        $pec2 = { 50 45 43 32 00 00 00 00 }
        $petite = { 2E 70 65 74 69 74 65 00 }
        $themida = { 2E 74 68 65 6D 69 64 61 }
        $vmp0 = { 2E 76 6D 70 30 00 00 00 }
        $vmp1 = { 2E 76 6D 70 31 00 00 00 }
        $enigma = { 2E 65 6E 69 67 6D 61 31 }
    condition:
        FT_Is_PE_File and for any of them : ( $ in (0..4096) )
}
