/*
    Advance-fee ("419") and lottery scam letters and scripts.
    Part of the Forensic Triage Workstation rule packs.
*/

rule FT_Fraud_Advance_Fee_Letter : fraud
{
    meta:
        description = "Advance-fee fraud letter: inheritance/fund-transfer story with fees, couriers or money-transfer services"
        author = "Forensic Triage Workstation developers"
        date = "2026-11-29"
        reference = "https://www.fbi.gov/how-we-can-help-you/scams-and-safety/common-frauds-and-scams/nigerian-letter-or-419-fraud"
        severity = "medium"
        category = "fraud"
    strings:
        $a1 = "next of kin" nocase ascii wide
        $a2 = "beneficiary" nocase ascii wide
        $a3 = "western union" nocase ascii wide
        $a4 = "moneygram" nocase ascii wide
        $a5 = "diplomatic courier" nocase ascii wide
        $a6 = "consignment box" nocase ascii wide
        $a7 = "trunk box" nocase ascii wide
        $a8 = "clearance certificate" nocase ascii wide
        $a9 = "processing fee" nocase ascii wide
        $a10 = "inheritance fund" nocase ascii wide
        $a11 = "strictly confidential" nocase ascii wide
        $a12 = "barrister" nocase ascii wide
        $a13 = "atm card" nocase ascii wide
        $a14 = /million\s+(united states\s+)?(us\s+)?dollars/ nocase ascii wide
        $a15 = "fund release" nocase ascii wide
        $a16 = "deceased client" nocase ascii wide
        $a17 = "late client" nocase ascii wide
    condition:
        filesize < 300KB and 4 of them
}

rule FT_Fraud_Lottery_Notification : fraud
{
    meta:
        description = "Fake lottery or prize 'winning notification' asking the winner to contact a claims agent or pay a fee"
        author = "Forensic Triage Workstation developers"
        date = "2026-11-29"
        reference = "https://consumer.ftc.gov/articles/fake-prize-sweepstakes-and-lottery-scams"
        severity = "medium"
        category = "fraud"
    strings:
        $w1 = "winning notification" nocase ascii wide
        $w2 = "you have won" nocase ascii wide
        $w3 = "has won" nocase ascii wide
        $w4 = "lucky winner" nocase ascii wide
        $w5 = "email address won" nocase ascii wide
        $d1 = "ticket number" nocase ascii wide
        $d2 = "batch number" nocase ascii wide
        $d3 = "reference number" nocase ascii wide
        $d4 = "winning number" nocase ascii wide
        $c1 = "claims agent" nocase ascii wide
        $c2 = "claims officer" nocase ascii wide
        $c3 = "processing fee" nocase ascii wide
        $c4 = "contact your agent" nocase ascii wide
        $c5 = "lottery" nocase ascii wide
        $c6 = "sweepstake" nocase ascii wide
    condition:
        filesize < 300KB and 1 of ($w*) and 1 of ($d*) and 2 of ($c*)
}
