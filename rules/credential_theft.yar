/*
    Credential-theft tools and techniques (LSASS dumping, mimikatz-style tools).
    Part of the Forensic Triage Workstation rule packs.
*/

rule FT_CredTheft_Mimikatz_Strings : credential_theft
{
    meta:
        description = "Command and module names of mimikatz and its derivatives (sekurlsa::, lsadump::, kerberos::golden...)"
        author = "Forensic Triage Workstation developers"
        date = "2026-11-29"
        reference = "https://attack.mitre.org/software/S0002/"
        severity = "critical"
        category = "credential-theft"
    strings:
        $c1 = "sekurlsa::logonpasswords" nocase ascii wide
        $c2 = "sekurlsa::" nocase ascii wide
        $c3 = "lsadump::sam" nocase ascii wide
        $c4 = "lsadump::dcsync" nocase ascii wide
        $c5 = "kerberos::golden" nocase ascii wide
        $c6 = "privilege::debug" nocase ascii wide
        $c7 = "gentilkiwi" nocase ascii wide
        $c8 = "mimikatz" nocase ascii wide
        $c9 = "Invoke-Mimikatz" nocase ascii wide
    condition:
        2 of them
}

rule FT_CredTheft_LSASS_Dump_Command : credential_theft
{
    meta:
        description = "Command that dumps LSASS memory (comsvcs.dll MiniDump, procdump -ma lsass)"
        author = "Forensic Triage Workstation developers"
        date = "2026-11-29"
        reference = "https://attack.mitre.org/techniques/T1003/001/"
        severity = "high"
        category = "credential-theft"
    strings:
        $comsvcs = /comsvcs(\.dll)?["']?\s*[,#]?\s*(MiniDump|#\+?0*24)\b/ nocase ascii wide
        $procdump = /procdump(64)?(\.exe)?\s[^\r\n]{0,60}-ma\s[^\r\n]{0,60}lsass/ nocase ascii wide
        $lsass = "lsass" nocase ascii wide
    condition:
        filesize < 20MB and (($comsvcs and $lsass) or $procdump)
}

rule FT_CredTheft_LaZagne : credential_theft
{
    meta:
        description = "LaZagne password-recovery tool (module paths found in its packed executable and source)"
        author = "Forensic Triage Workstation developers"
        date = "2026-11-29"
        reference = "https://attack.mitre.org/software/S0349/"
        severity = "high"
        category = "credential-theft"
    strings:
        $a = "lazagne.softwares" ascii wide
        $b = "lazagne.config" ascii wide
        $c = "laZagne" ascii wide
    condition:
        ($a or $b) and $c
}
