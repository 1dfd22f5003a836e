"""The per-file pipeline: one read feeding hashes, type, entropy and analyzers."""
