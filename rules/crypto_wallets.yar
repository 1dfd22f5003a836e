/*
    Cryptocurrency wallet files and written-down seed phrases.
    Part of the Forensic Triage Workstation rule packs.
*/

rule FT_Wallet_Bitcoin_Core_BDB : crypto_wallet
{
    meta:
        description = "Bitcoin Core (or fork) wallet.dat in Berkeley DB format"
        author = "Forensic Triage Workstation developers"
        date = "2026-11-29"
        reference = "https://en.bitcoin.it/wiki/Wallet"
        severity = "medium"
        category = "crypto"
    strings:
        $k1 = "defaultkey" ascii
        $k2 = "minversion" ascii
        $k3 = "bestblock" ascii
        $k4 = "\x04ckey" ascii
        $k5 = "\x04mkey" ascii
        $k6 = "hdchain" ascii
        $k7 = "\x07version" ascii
    condition:
        uint32(12) == 0x00053162 and 2 of them
}

rule FT_Wallet_Bitcoin_Core_SQLite : crypto_wallet
{
    meta:
        description = "Bitcoin Core descriptor wallet (SQLite wallet.dat)"
        author = "Forensic Triage Workstation developers"
        date = "2026-11-29"
        reference = "https://github.com/bitcoin/bitcoin/blob/master/doc/descriptors.md"
        severity = "medium"
        category = "crypto"
    strings:
        $sqlite = "SQLite format 3" ascii
        $k1 = "walletdescriptor" ascii
        $k2 = "activeexternalspk" ascii
        $k3 = "bestblock_nomerkle" ascii
    condition:
        $sqlite at 0 and 2 of ($k*)
}

rule FT_Wallet_Electrum : crypto_wallet
{
    meta:
        description = "Electrum wallet file (plain JSON or encrypted 'BIE1' blob)"
        author = "Forensic Triage Workstation developers"
        date = "2026-11-29"
        reference = "https://electrum.readthedocs.io/en/latest/faq.html"
        severity = "medium"
        category = "crypto"
    strings:
        $seed = "\"seed_version\"" ascii
        $j1 = "\"wallet_type\"" ascii
        $j2 = "\"keystore\"" ascii
        $j3 = "\"addr_history\"" ascii
        $bie1 = "QklFMQ" ascii
    condition:
        filesize < 100MB and (($seed and 1 of ($j*)) or ($bie1 at 0 and filesize > 100))
}

rule FT_Wallet_Ethereum_Keystore : crypto_wallet
{
    meta:
        description = "Ethereum keystore (Web3 Secret Storage v3 JSON holding an encrypted private key)"
        author = "Forensic Triage Workstation developers"
        date = "2026-11-29"
        reference = "https://ethereum.org/en/developers/docs/data-structures-and-encoding/web3-secret-storage/"
        severity = "medium"
        category = "crypto"
    strings:
        $c = /"[Cc]rypto"\s*:/ ascii
        $ct = "\"ciphertext\"" ascii
        $cp = "\"cipherparams\"" ascii
        $kdf = "\"kdfparams\"" ascii
        $mac = "\"mac\"" ascii
    condition:
        filesize < 64KB and all of them
}

rule FT_Wallet_MetaMask_Vault : crypto_wallet
{
    meta:
        description = "MetaMask (or similar browser-extension) encrypted vault in extension storage"
        author = "Forensic Triage Workstation developers"
        date = "2026-11-29"
        reference = "https://github.com/MetaMask/KeyringController"
        severity = "medium"
        category = "crypto"
    strings:
        $k = "KeyringController" ascii
        $vault = /\\?"vault\\?"\s*:\s*\\?"\{\\*"data\\*":\\*"[A-Za-z0-9+\/=]{32}/ ascii
    condition:
        $k and $vault
}

rule FT_Crypto_Seed_Phrase : crypto_wallet
{
    meta:
        description = "Written-down wallet recovery (seed) phrase: a seed/recovery/mnemonic phrase label followed by 12-24 words, or such a label followed by a numbered word list"
        author = "Forensic Triage Workstation developers"
        date = "2026-11-29"
        reference = "https://github.com/bitcoin/bips/blob/master/bip-0039.mediawiki"
        severity = "medium"
        category = "crypto"
    strings:
        $run = /(seed|recovery|mnemonic|secret recovery|backup) ?(phrase|words)[^a-z\r\n]{0,20}[\r\n]{0,2}([a-z]{3,8}[ ,\t]{1,3}){11,23}[a-z]{3,8}/ nocase ascii wide
        $numbered = /(seed|recovery|mnemonic|backup) ?(phrase|words)[^a-z0-9]{0,40}1[.)] ?[a-z]{3,8}\s{1,4}2[.)] ?[a-z]{3,8}\s{1,4}3[.)] ?[a-z]{3,8}\s{1,4}4[.)] ?[a-z]{3,8}\s{1,4}5[.)] ?[a-z]{3,8}/ nocase ascii wide
    condition:
        filesize < 1MB and ($run or $numbered)
}
