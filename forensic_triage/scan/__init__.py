"""Finding the few files that matter: YARA rules, hash sets, content search, their provenance.

Everything here works on the single read of each file (analyzers fed by the pipeline) or on
the case store afterwards; nothing re-reads the evidence except an explicit search job.
"""
