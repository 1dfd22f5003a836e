/*
    Remote-access tools often abused in fraud (tech-support and bank scams).
    Legitimate software: a match is notable context, not proof of wrongdoing (severity low).
    Part of the Forensic Triage Workstation rule packs.
*/

private rule FT_Is_PE
{
    condition:
        uint16(0) == 0x5A4D and uint32(0x3C) < 0x1000 and uint32(uint32(0x3C)) == 0x00004550
}

rule FT_RemoteAccess_AnyDesk : remote_access
{
    meta:
        description = "AnyDesk remote-desktop program"
        author = "Forensic Triage Workstation developers"
        date = "2026-11-29"
        reference = "https://attack.mitre.org/techniques/T1219/"
        severity = "low"
        category = "notable"
    strings:
        $a = "AnyDesk Software GmbH" ascii wide
        $b = "philandro Software GmbH" ascii wide
    condition:
        FT_Is_PE and any of them
}

rule FT_RemoteAccess_AnyDesk_Config : remote_access
{
    meta:
        description = "AnyDesk configuration or trace file (holds the AnyDesk ID and connection history)"
        author = "Forensic Triage Workstation developers"
        date = "2026-11-29"
        reference = "https://attack.mitre.org/techniques/T1219/"
        severity = "low"
        category = "notable"
    strings:
        $id = "ad.anynet.id=" ascii
        $cert = "ad.anynet.cert=" ascii
        $pwd = "ad.anynet.pwd_hash=" ascii
        $trace = "anynet.any_socket" ascii
    condition:
        filesize < 50MB and any of them
}

rule FT_RemoteAccess_TeamViewer : remote_access
{
    meta:
        description = "TeamViewer remote-desktop program"
        author = "Forensic Triage Workstation developers"
        date = "2026-11-29"
        reference = "https://attack.mitre.org/techniques/T1219/"
        severity = "low"
        category = "notable"
    strings:
        $a = "TeamViewer GmbH" ascii wide
        $b = "TeamViewer Germany GmbH" ascii wide
    condition:
        FT_Is_PE and any of them
}

rule FT_RemoteAccess_NetSupport : remote_access
{
    meta:
        description = "NetSupport Manager client (abused as 'NetSupport RAT') or its client32.ini configuration"
        author = "Forensic Triage Workstation developers"
        date = "2026-11-29"
        reference = "https://attack.mitre.org/software/S0370/"
        severity = "low"
        category = "notable"
    strings:
        $pe1 = "NetSupport Ltd" ascii wide
        $pe2 = "NetSupport Manager" ascii wide
        $ini1 = "[HTTP]" ascii
        $ini2 = "GatewayAddress=" ascii
        $ini3 = "GSK=" ascii
        $ini4 = "[Client]" ascii
    condition:
        (FT_Is_PE and 1 of ($pe*)) or (filesize < 1MB and all of ($ini*))
}

rule FT_RemoteAccess_ScreenConnect : remote_access
{
    meta:
        description = "ConnectWise ScreenConnect remote-support client"
        author = "Forensic Triage Workstation developers"
        date = "2026-11-29"
        reference = "https://attack.mitre.org/techniques/T1219/"
        severity = "low"
        category = "notable"
    strings:
        $a = "ScreenConnect.ClientService" ascii wide
        $b = "ScreenConnect Software" ascii wide
        $c = "ConnectWise Control" ascii wide
    condition:
        (FT_Is_PE or uint32be(0) == 0xD0CF11E0) and any of them
}

rule FT_RemoteAccess_Other_Tools : remote_access
{
    meta:
        description = "Other remote-access programs seen in fraud cases (RustDesk, UltraViewer, Atera, Splashtop, Ammyy, Supremo, AnyViewer)"
        author = "Forensic Triage Workstation developers"
        date = "2026-11-29"
        reference = "https://attack.mitre.org/techniques/T1219/"
        severity = "low"
        category = "notable"
    strings:
        $rustdesk = "rustdesk.com" ascii wide
        $ultraviewer = "UltraViewer" ascii wide
        $atera = "AteraAgent" ascii wide
        $splashtop = "Splashtop Inc." ascii wide
        $ammyy = "Ammyy Admin" ascii wide
        $supremo = "Nanosystems S.r.l." ascii wide
        $anyviewer = "AnyViewer" ascii wide
    condition:
        FT_Is_PE and any of them
}
