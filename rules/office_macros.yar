/*
    Office documents with macros that run on their own.
    Part of the Forensic Triage Workstation rule packs.
*/

rule FT_Office_OLE_AutoRun_Macro : macro
{
    meta:
        description = "Office 97-2003 (OLE) document with a VBA project and an auto-run entry point (AutoOpen, Document_Open, Workbook_Open...)"
        author = "Forensic Triage Workstation developers"
        date = "2026-11-29"
        reference = "https://attack.mitre.org/techniques/T1137/"
        severity = "medium"
        category = "macro"
    strings:
        $vba1 = "_VBA_PROJECT" wide
        $vba2 = "Attribut" ascii
        $vba3 = "VBA" wide
        $auto1 = "AutoOpen" nocase ascii wide
        $auto2 = "Auto_Open" nocase ascii wide
        $auto3 = "Document_Open" nocase ascii wide
        $auto4 = "Workbook_Open" nocase ascii wide
        $auto5 = "AutoExec" nocase ascii wide
        $auto6 = "Document_Close" nocase ascii wide
        $auto7 = "Auto_Close" nocase ascii wide
        $auto8 = "AutoClose" nocase ascii wide
    condition:
        uint32be(0) == 0xD0CF11E0 and uint32be(4) == 0xA1B11AE1 and $vba1 and 1 of ($vba2, $vba3) and 1 of ($auto*)
}

rule FT_Office_OOXML_VBA_Project : macro
{
    meta:
        description = "Office Open XML document (ZIP) carrying a VBA project (vbaProject.bin): macro-enabled; the macro code is compressed and not inspected by YARA"
        author = "Forensic Triage Workstation developers"
        date = "2026-11-29"
        reference = "https://learn.microsoft.com/en-us/openspecs/office_file_formats/ms-ovba/"
        severity = "low"
        category = "macro"
    strings:
        $name = "vbaProject.bin" ascii
        $ct = "[Content_Types].xml" ascii
    condition:
        uint32(0) == 0x04034B50 and $name and $ct
}
