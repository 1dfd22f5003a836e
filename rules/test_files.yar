/*
    Test files. Part of the Forensic Triage Workstation rule packs.
    Every rule carries: description, author, date, reference, severity (low|medium|high|critical), category.
*/

rule FT_EICAR_Test_File : test
{
    meta:
        description = "EICAR anti-malware test file: a harmless standard string used to check that scanners work"
        author = "Forensic Triage Workstation developers"
        date = "2026-11-29"
        reference = "https://www.eicar.org/download-anti-malware-testfile/"
        severity = "low"
        category = "test"
    strings:
        // Split in two so this rule file is not itself the test file.
        $head = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$"
        $tail = "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
    condition:
        $head at 0 and $tail at 28 and filesize <= 128
}
