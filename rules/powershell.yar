/*
    PowerShell download cradles and encoded commands.
    Part of the Forensic Triage Workstation rule packs.
*/

rule FT_PowerShell_Download_Cradle : powershell
{
    meta:
        description = "PowerShell that downloads code and executes it in memory (DownloadString/Invoke-WebRequest into IEX) from a hidden or non-interactive window or from a bare IP address. A plain cradle alone is not flagged: legitimate install instructions (Chocolatey, uv, ruff) use one."
        author = "Forensic Triage Workstation developers"
        date = "2026-11-29"
        reference = "https://attack.mitre.org/techniques/T1059/001/"
        severity = "high"
        category = "malware"
    strings:
        $wc = /Net\.WebClient\s*\)?\s*\)?\s*\.\s*Download(String|Data|File)\s*\(/ nocase ascii wide
        $iex1 = "IEX" nocase ascii wide fullword
        $iex3 = "Invoke-Expression" nocase ascii wide
        $iwr = /\b(Invoke-WebRequest|Invoke-RestMethod|iwr|irm)\s[^\r\n|]{1,300}\|\s*(IEX|Invoke-Expression)\b/ nocase ascii wide
        $iex2 = /\b(IEX|Invoke-Expression)\s*\(\s*\(?\s*(Invoke-WebRequest|Invoke-RestMethod|iwr|irm)\b/ nocase ascii wide
        $hidden = /powershell(\.exe)?['"]?\s[^\r\n]{0,200}[-\/](w[a-z]{0,10}\s+(h[a-z]{0,5}|1)|nop[a-z]{0,6}|noni[a-z]{0,10})\b/ nocase ascii wide
        $ipurl = /https?:\/\/\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}[:\/]/ ascii wide
    condition:
        filesize < 10MB and (($wc and ($iex1 or $iex3)) or $iwr or $iex2) and ($hidden or $ipurl)
}

rule FT_PowerShell_Encoded_Command : powershell
{
    meta:
        description = "powershell started with -EncodedCommand (or an abbreviation) and a Base64 payload"
        author = "Forensic Triage Workstation developers"
        date = "2026-11-29"
        reference = "https://attack.mitre.org/techniques/T1027/010/"
        severity = "medium"
        category = "malware"
    strings:
        $enc = /powershell(\.exe)?['"]?\s[^\r\n]{0,120}\s[-\/]e(c|n|nc|nco|ncod|ncode|ncoded|ncodedc|ncodedco|ncodedcom|ncodedcomm|ncodedcomma|ncodedcomman|ncodedcommand)?\s+['"]?[A-Za-z0-9+\/]{40}/ nocase ascii wide
    condition:
        filesize < 20MB and $enc
}

rule FT_PowerShell_Base64_UTF16_Payload : powershell
{
    meta:
        description = "Base64 of UTF-16LE PowerShell that downloads or evaluates code (the form -EncodedCommand takes)"
        author = "Forensic Triage Workstation developers"
        date = "2026-11-29"
        reference = "https://attack.mitre.org/techniques/T1027/010/"
        severity = "high"
        category = "malware"
    strings:
        // UTF-16LE text (as -EncodedCommand takes it), then Base64 in any of the three alignments.
        $a = "D\x00o\x00w\x00n\x00l\x00o\x00a\x00d\x00S\x00t\x00r\x00i\x00n\x00g\x00(\x00" base64
        $b = "I\x00n\x00v\x00o\x00k\x00e\x00-\x00E\x00x\x00p\x00r\x00e\x00s\x00s\x00i\x00o\x00n\x00" base64
        $c = "N\x00e\x00t\x00.\x00W\x00e\x00b\x00C\x00l\x00i\x00e\x00n\x00t\x00" base64
        $d = "F\x00r\x00o\x00m\x00B\x00a\x00s\x00e\x006\x004\x00S\x00t\x00r\x00i\x00n\x00g\x00(\x00" base64
        $e = "I\x00n\x00v\x00o\x00k\x00e\x00-\x00W\x00e\x00b\x00R\x00e\x00q\x00u\x00e\x00s\x00t\x00" base64
    condition:
        filesize < 20MB and any of them
}
