"""Built-in sample evidence, written in pure Python (no root, no system tools)."""
