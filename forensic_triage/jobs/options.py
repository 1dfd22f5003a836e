"""The one declared set of triage options: the CLI's ``triage`` arguments and the desktop
application's triage form are both built from :data:`TRIAGE_OPTIONS`, so they cannot drift.

Each option names the :class:`TriageSettings` field it sets, its command-line flag, a label for
the form, the help text and, for numbers and choices, the allowed values. ``kind`` says how the
value is given:

- ``int`` / ``float``: a number (``minimum``/``maximum``);
- ``choice``: one of ``choices``;
- ``duration``: a time such as 90s, 20m or 2h (``budget_seconds``), empty = none;
- ``off``: a CLI switch ``--no-…`` that turns a default-on setting off (a tick box in the form);
- ``list``: repeatable value (paths, names, expressions);
- ``plugins``: the extractor choice (``--plugins a,b`` / ``--no-plugins``; a tick list in the form).
"""

from __future__ import annotations

import dataclasses
import os
from typing import Any

from ..errors import UsageError
from .settings import TriageSettings


@dataclasses.dataclass(frozen=True, slots=True)
class TriageOption:
    field: str
    flag: str
    kind: str
    label: str
    help: str
    metavar: str | None = None
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None

    @property
    def widget_name(self) -> str:
        """Object name of the form's widget for this option (tests find it by this name)."""
        return f"triageOpt_{self.field}"

    def default(self) -> Any:
        return getattr(TriageSettings(), self.field)


TRIAGE_OPTIONS: tuple[TriageOption, ...] = (
    TriageOption("jobs", "--jobs", "int", "Worker processes",
                 "worker processes (default: all cores)", minimum=1, maximum=256),
    TriageOption("plugins", "--plugins", "plugins", "Artifact extractors",
                 "comma-separated extractor names to run (default: all); see 'plugins'"),
    TriageOption("rules", "--rules", "list", "Extra YARA rules",
                 "extra YARA rule file or folder (repeatable)", metavar="PATH"),
    TriageOption("builtin_rules", "--no-builtin-rules", "off", "Use the rule packs shipped with the tool",
                 "do not use the shipped rule packs"),
    TriageOption("hashsets", "--hashset", "list", "Hash sets",
                 "hash set from the library (repeatable)", metavar="NAME"),
    TriageOption("keywords", "--keywords", "list", "Keyword lists",
                 "keyword list file (repeatable)", metavar="FILE"),
    TriageOption("regexes", "--regex", "list", "Regular expressions",
                 "extra regular expression to search for in file content (repeatable)", metavar="EXPR"),
    TriageOption("content_search", "--no-content-search", "off",
                 "Search content for e-mail addresses, URLs, card and phone numbers",
                 "skip the built-in content patterns"),
    TriageOption("read_order", "--read-order", "choice", "Read order",
                 "order of file reads: by position on the media (default, best for disks) or walk order",
                 choices=("physical", "walk")),
    TriageOption("budget_seconds", "--budget", "duration", "Time budget",
                 "time budget, e.g. 20m or 1h: highest-value work first, the rest reported"),
    TriageOption("file_timeout", "--file-timeout", "float", "Per-file time limit (s)",
                 "a worker stuck on one file longer than this (plus 1 s per 8 MiB) is stopped and the file "
                 "recorded as not examined (default: %(default)s)", metavar="SECONDS", minimum=1, maximum=86400),
    TriageOption("worker_memory_mb", "--worker-memory", "int", "Worker memory limit (MiB)",
                 "address-space limit of each worker process in MiB (default: %(default)s)", metavar="MIB",
                 minimum=256, maximum=1 << 20),
)


def dest(option: TriageOption) -> str:
    """The argparse attribute of an option's flag (``--no-builtin-rules`` -> ``no_builtin_rules``)."""
    return option.flag.lstrip("-").replace("-", "_")


def parse_duration(text: str | None) -> float | None:
    """``90s``, ``20m``, ``2h`` or plain seconds; empty = no budget."""
    if text is None or not str(text).strip():
        return None
    text = str(text).strip()
    units = {"s": 1, "m": 60, "h": 3600}
    try:
        if text[-1] in units:
            return float(text[:-1]) * units[text[-1]]
        return float(text)
    except ValueError as exc:
        raise UsageError(f"Cannot read the time budget {text!r}.", hint="Use e.g. 90s, 20m or 2h.") from exc


def format_duration(seconds: float | None) -> str:
    if not seconds:
        return ""
    for unit, size in (("h", 3600), ("m", 60)):
        if seconds % size == 0:
            return f"{int(seconds // size)}{unit}"
    return f"{seconds:g}s"


def add_arguments(parser: Any) -> None:
    """The triage options as argparse arguments."""
    for opt in TRIAGE_OPTIONS:
        if opt.kind == "plugins":
            group = parser.add_mutually_exclusive_group()
            group.add_argument("--plugins", help=opt.help)
            group.add_argument("--no-plugins", action="store_true", help="run no artifact extractors")
        elif opt.kind == "off":
            parser.add_argument(opt.flag, action="store_true", help=opt.help)
        elif opt.kind == "list":
            parser.add_argument(opt.flag, action="append", default=[], metavar=opt.metavar, help=opt.help)
        elif opt.kind == "choice":
            parser.add_argument(opt.flag, choices=opt.choices, default=opt.default(), help=opt.help)
        elif opt.kind == "duration":
            parser.add_argument(opt.flag, metavar=opt.metavar, help=opt.help)
        elif opt.field == "jobs":
            parser.add_argument(opt.flag, type=int, default=os.cpu_count() or 1, help=opt.help)
        else:
            parser.add_argument(opt.flag, type=int if opt.kind == "int" else float, default=opt.default(),
                                metavar=opt.metavar, help=opt.help)


def settings_from_args(args: Any) -> TriageSettings:
    """TriageSettings from parsed arguments (the CLI) — the GUI fills the same fields from its form."""
    values: dict[str, Any] = {}
    for opt in TRIAGE_OPTIONS:
        if opt.kind == "plugins":
            values["plugins"] = [] if args.no_plugins else (
                [p.strip() for p in args.plugins.split(",") if p.strip()] if args.plugins else None)
        elif opt.kind == "off":
            values[opt.field] = not getattr(args, dest(opt))
        elif opt.kind == "duration":
            values[opt.field] = parse_duration(getattr(args, dest(opt)))
        else:
            values[opt.field] = getattr(args, dest(opt))
    for opt in TRIAGE_OPTIONS:
        value = values[opt.field]
        if opt.minimum is not None and isinstance(value, (int, float)) and value < opt.minimum:
            raise UsageError(f"{opt.flag} must be at least {opt.minimum:g}.")
    return TriageSettings(**values)


# Whether the timeline includes file-system times (modified, accessed, changed, created: four per file)
# when nobody says: the same for ``forensic-triage timeline`` (--file-times) and the desktop
# application's Timeline (its tick box). Off: the timeline is the events the extractors found;
# file-system times are added on request (they swamp it, and FAT times need the source zone).
TIMELINE_FILE_TIMES_DEFAULT = False
