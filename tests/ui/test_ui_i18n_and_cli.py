"""Every user-visible string can be translated; the core never needs Qt; 'forensic-triage gui' is wired."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

from ft_testlib import tool_missing

UI = Path(__file__).resolve().parents[2] / "ui"
TEXT_CALLS = {"setText", "setPlaceholderText", "setToolTip", "setWindowTitle", "addTab", "addMenu", "setTitle",
              "setSubTitle", "setLabelText", "QLabel", "QPushButton", "QCheckBox", "QGroupBox", "QRadioButton",
              "QAction", "QProgressDialog"}


def _name(func: ast.expr) -> str:
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _has_words(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return any(c.isalpha() for c in node.value)
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(v, ast.Constant) and any(c.isalpha() for c in str(v.value)) for v in node.values)
    return False


def test_no_literal_text_reaches_a_widget_without_translation() -> None:
    offenders = []
    for path in sorted(UI.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _name(node.func) in TEXT_CALLS and node.args and _has_words(node.args[0]):
                text = ast.unparse(node.args[0])
                if "TOOL_NAME" not in text:  # the product's name is not translated
                    offenders.append(f"{path.name}:{node.lineno}: {text}")
    assert not offenders, "wrap these in self.tr() / QCoreApplication.translate():\n" + "\n".join(offenders)


def test_lupdate_extracts_the_interface_strings(tmp_path: Path) -> None:
    tool = shutil.which("pyside6-lupdate") or str(Path(sys.executable).with_name("pyside6-lupdate"))
    if not Path(tool).exists():
        tool_missing("pyside6-lupdate is not installed")
    ts = tmp_path / "forensic_triage.ts"
    subprocess.run([tool, *map(str, sorted(UI.glob("*.py"))), "-ts", str(ts)], check=True, capture_output=True)
    text = ts.read_text(encoding="utf-8")
    assert text.count("<message>") > 400
    for source in ("Run triage", "Add evidence…", "Opened read-only.", "Filter this list (Enter)", "PDF court report",
                   "Verify the audit chain", "The case number"):
        assert f"<source>{source}</source>" in text, source


def test_the_core_imports_and_builds_its_cli_without_qt() -> None:
    code = ("import sys; sys.modules['PySide6'] = None\n"
            "import forensic_triage.cli.main as m, forensic_triage.jobs.triage, forensic_triage.jobs.intake\n"
            "p = m.build_parser(); assert 'gui' in p._subparsers._group_actions[0].choices\n"
            "assert not [k for k in sys.modules if k.startswith('PySide6.')]\nprint('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr


def test_gui_command_without_qt_says_what_to_install() -> None:
    code = ("import sys; sys.modules['PySide6'] = None\n"
            "from forensic_triage.cli.main import run\nraise SystemExit(run(['gui']))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 1
    assert "The desktop application cannot start" in out.stderr and "PySide6" in out.stderr
    assert "Traceback" not in out.stderr
