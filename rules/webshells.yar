/*
    Web shells: server-side scripts that run commands sent in an HTTP request.
    Part of the Forensic Triage Workstation rule packs.
*/

rule FT_Webshell_PHP_Request_Exec : webshell
{
    meta:
        description = "PHP that passes request data (GET/POST/REQUEST/COOKIE) straight to a code or command execution function"
        author = "Forensic Triage Workstation developers"
        date = "2026-11-29"
        reference = "https://attack.mitre.org/techniques/T1505/003/"
        severity = "high"
        category = "webshell"
    strings:
        $php = "<?" ascii
        $exec = /(eval|assert|system|exec|passthru|shell_exec|popen|proc_open|pcntl_exec|create_function)\s*\(\s*((base64_decode|gzinflate|gzuncompress|str_rot13|stripslashes|urldecode|trim)\s*\(\s*)*@?\$_(GET|POST|REQUEST|COOKIE)\s*\[/ nocase
        $backtick = /`\s*\$_(GET|POST|REQUEST)\s*\[[^\]]{1,40}\]\s*`/
    condition:
        filesize < 2MB and $php and ($exec or $backtick)
}

rule FT_Webshell_PHP_Obfuscated_Loader : webshell
{
    meta:
        description = "PHP evaluating a long encoded blob (eval(gzinflate(base64_decode('...')))), the usual wrapper of packed web shells"
        author = "Forensic Triage Workstation developers"
        date = "2026-11-29"
        reference = "https://attack.mitre.org/techniques/T1027/"
        severity = "high"
        category = "webshell"
    strings:
        $php = "<?" ascii
        $loader = /eval\s*\(\s*(gzinflate|gzuncompress|gzdecode|str_rot13|base64_decode|convert_uudecode)\s*\(\s*((base64_decode|str_rot13|gzinflate)\s*\(\s*)*['"][A-Za-z0-9+\/=\\]{200}/ nocase
    condition:
        filesize < 5MB and $php and $loader
}

rule FT_Webshell_PHP_Known_Families : webshell
{
    meta:
        description = "Markers of widely circulated PHP web shells (c99, r57, WSO/FilesMan, b374k)"
        author = "Forensic Triage Workstation developers"
        date = "2026-11-29"
        reference = "https://attack.mitre.org/techniques/T1505/003/"
        severity = "high"
        category = "webshell"
    strings:
        $php = "<?" ascii
        $c99 = "c99shell" nocase
        $r57 = "r57shell" nocase
        $wso1 = "FilesMan" ascii
        $wso2 = "$default_action" ascii
        $b374k = "b374k" nocase
    condition:
        filesize < 5MB and $php and ($c99 or $r57 or $b374k or ($wso1 and $wso2))
}

rule FT_Webshell_ASP_Eval_Request : webshell
{
    meta:
        description = "ASP/ASPX page evaluating request data (China Chopper style one-liner and relatives)"
        author = "Forensic Triage Workstation developers"
        date = "2026-11-29"
        reference = "https://attack.mitre.org/software/S0020/"
        severity = "high"
        category = "webshell"
    strings:
        $tag = "<%" ascii
        $eval = /(eval|execute|executeglobal)\s*\(?\s*request\s*(\.item|\.form|\.querystring)?\s*[\(\[]/ nocase
    condition:
        filesize < 1MB and $tag and $eval
}

rule FT_Webshell_ASPX_Command_Runner : webshell
{
    meta:
        description = "ASPX page that starts cmd.exe/powershell with arguments taken from the request"
        author = "Forensic Triage Workstation developers"
        date = "2026-11-29"
        reference = "https://attack.mitre.org/techniques/T1505/003/"
        severity = "high"
        category = "webshell"
    strings:
        $page = "<%@" ascii
        $psi = "ProcessStartInfo" ascii
        $cmd1 = "cmd.exe" nocase
        $cmd2 = "powershell" nocase
        $req = /Request\s*(\.Form|\.QueryString|\.Params)?\s*\[\s*"/ ascii
    condition:
        filesize < 1MB and $page and $psi and ($cmd1 or $cmd2) and $req
}

rule FT_Webshell_JSP_Runtime_Exec : webshell
{
    meta:
        description = "JSP page running a command taken from a request parameter"
        author = "Forensic Triage Workstation developers"
        date = "2026-11-29"
        reference = "https://attack.mitre.org/techniques/T1505/003/"
        severity = "high"
        category = "webshell"
    strings:
        $tag = "<%" ascii
        $exec1 = /Runtime\.getRuntime\(\)\.exec\s*\(\s*(new\s+String\[\]\s*\{[^}]{0,80})?request\.getParameter\s*\(/ ascii
        $exec2 = /new\s+ProcessBuilder\s*\([^)]{0,120}request\.getParameter\s*\(/ ascii
    condition:
        filesize < 1MB and $tag and ($exec1 or $exec2)
}
