/*
    Phishing-kit markers: the server side of fake login pages.
    Part of the Forensic Triage Workstation rule packs.
*/

rule FT_PhishKit_Credential_Mailer : phishing
{
    meta:
        description = "PHP that collects posted credentials with the visitor's IP address and mails or sends them on (phishing-kit result mailer)"
        author = "Forensic Triage Workstation developers"
        date = "2026-11-29"
        reference = "https://attack.mitre.org/techniques/T1566/"
        severity = "high"
        category = "phishing"
    strings:
        $php = "<?" ascii
        $post = /\$_POST\s*\[\s*['"](pass|password|passwd|pwd|pass1|pass2|passcode|pin|otp)['"]\s*\]/ nocase
        $ip1 = "REMOTE_ADDR" ascii
        $ip2 = "HTTP_X_FORWARDED_FOR" ascii
        $send1 = /\bmail\s*\(\s*\$[a-z_]{1,20}\s*,/ nocase
        $send2 = "api.telegram.org/bot" nocase
        $send3 = /fwrite\s*\(\s*\$[a-z_]{1,20}\s*,\s*\$(message|msg|data|body|result)/ nocase
    condition:
        filesize < 512KB and $php and $post and 1 of ($ip*) and 1 of ($send*)
}

rule FT_PhishKit_Antibot_Blocker : phishing
{
    meta:
        description = "Phishing-kit 'antibot' script hiding the page from security scanners (hostname blocklist of vendors)"
        author = "Forensic Triage Workstation developers"
        date = "2026-11-29"
        reference = "https://attack.mitre.org/techniques/T1566/"
        severity = "high"
        category = "phishing"
    strings:
        $php = "<?" ascii
        $lookup = /gethostbyaddr\s*\(\s*\$_SERVER\s*\[\s*['"]REMOTE_ADDR/ nocase
        $v1 = "phishtank" nocase
        $v2 = "netcraft" nocase
        $v3 = "bitdefender" nocase
        $v4 = "kaspersky" nocase
        $v5 = "trendmicro" nocase
        $v6 = "phishing" nocase
        $deny = /header\s*\(\s*['"](HTTP\/1\.[01] 40[34]|Location:)/ nocase
    condition:
        filesize < 512KB and $php and $lookup and $deny and 2 of ($v*)
}

rule FT_PhishKit_Telegram_Exfil_JS : phishing
{
    meta:
        description = "Web page script sending a typed password to a Telegram bot"
        author = "Forensic Triage Workstation developers"
        date = "2026-11-29"
        reference = "https://attack.mitre.org/techniques/T1567/"
        severity = "high"
        category = "phishing"
    strings:
        $bot = "api.telegram.org/bot" nocase
        $send = "sendMessage" ascii
        $pw1 = /type\s*=\s*['"]password['"]/ nocase
        $pw2 = /getElementById\s*\(\s*['"](pass|password|pwd)['"]\s*\)/ nocase
        $pw3 = /\[\s*name\s*=\s*['"]?(pass|password)['"]?\s*\]/ nocase
    condition:
        filesize < 2MB and $bot and $send and 1 of ($pw*)
}
