"""Built-in artifact extractors, one module each (installed as ``forensic_triage.plugins``).

The registry (:func:`forensic_triage.extractors.load_registry`) loads every module of this
package, found with :mod:`pkgutil` and taken in sorted name order, and registers the classes
each module names in its ``EXTRACTORS`` tuple. Adding an extractor is adding its module; this
file does not change.

A helper module shared by several extractors (``browser_common``, ``registry_common``...)
says it registers nothing with ``EXTRACTORS = ()``. A module without an ``EXTRACTORS`` tuple
is reported as a load problem (a stored warning of the triage job), never skipped silently.
"""
