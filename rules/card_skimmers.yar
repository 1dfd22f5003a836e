/*
    Card-skimmer JavaScript ("Magecart"): reads payment fields at checkout and sends them away.
    Part of the Forensic Triage Workstation rule packs.
*/

rule FT_Skimmer_JS_Card_Exfil : skimmer
{
    meta:
        description = "JavaScript that reads card fields (number, CVV, expiry), encodes them and sends them out through an image, beacon or socket"
        author = "Forensic Triage Workstation developers"
        date = "2026-11-29"
        reference = "https://attack.mitre.org/techniques/T1056/003/"
        severity = "high"
        category = "skimmer"
    strings:
        $card1 = /cc[_-]?(number|num|no)\b/ nocase
        $card2 = /card[_-]?number/ nocase
        $card3 = /\bcvv2?\b|\bcvc\b|cc[_-]?cid/ nocase
        $card4 = /cc[_-]?exp|exp(iry|iration)?[_-]?(month|year|date)/ nocase
        $card5 = "payment[cc_" nocase
        $enc1 = /\bbtoa\s*\(/
        $enc2 = /\batob\s*\(/
        $enc3 = "encodeURIComponent(" ascii
        $out1 = /new\s+Image\s*\(\s*\)/
        $out2 = "sendBeacon(" ascii
        $out3 = /new\s+WebSocket\s*\(/
        $hook = /addEventListener\s*\(\s*['"](submit|click|change|blur|mousedown)['"]/ nocase
    condition:
        filesize < 2MB and 2 of ($card*) and 1 of ($enc*) and 1 of ($out*) and $hook
}
