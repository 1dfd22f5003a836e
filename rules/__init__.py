"""YARA rule packs shipped with the product (package data)."""
