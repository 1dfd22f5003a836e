"""``forensic-triage keys new``: an examiner's Ed25519 key pair for signing packages."""

from __future__ import annotations

import argparse

from ..exports import keys


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("keys", help="examiner signing keys", description="Examiner signing keys (Ed25519).")
    ks = p.add_subparsers(dest="keys_command", metavar="ACTION")
    new = ks.add_parser("new", help="create a key pair",
                        description="Create an Ed25519 key pair: NAME.key (private, encrypted with the passphrase), "
                                    "NAME.pub (public, give it to partners) and NAME.key.json (fingerprint).")
    new.add_argument("--examiner", required=True, help="the examiner's full name")
    new.add_argument("--out", required=True, metavar="DIR", help="folder for the key files")
    new.add_argument("--passphrase-file", metavar="F", help="read the passphrase from the first line of F "
                     "(scripted labs); otherwise it is asked for without echo")
    new.set_defaults(func=cmd_new)
    show = ks.add_parser("fingerprint", help="print a public key's fingerprint")
    show.add_argument("pubkey", metavar="KEY")
    show.set_defaults(func=cmd_fingerprint)
    p.set_defaults(func=lambda a: p.print_help() or 2)


def cmd_new(args: argparse.Namespace) -> int:
    passphrase = keys.read_passphrase(args.passphrase_file, confirm=True)
    made = keys.new_keypair(args.examiner, args.out, passphrase)
    print(f"Private key: {made.private}\nPublic key:  {made.public}\nOwner:       {args.examiner}\n"
          f"Fingerprint: {made.fingerprint}")
    return 0


def cmd_fingerprint(args: argparse.Namespace) -> int:
    fp = keys.fingerprint(keys.load_public(args.pubkey))
    owner = keys.key_owner(args.pubkey, fp)
    print(fp)
    print(f"Owner: {owner}" if owner else "Owner: not named in this key file (made by an older version)")
    return 0
