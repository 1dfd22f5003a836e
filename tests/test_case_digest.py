"""Tamper evidence of the case tables: edits made with the sqlite3 module, as an attacker would,
are named by ``verify``; the tool's own actions keep the case verifiable."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from forensic_triage.cli.main import run
from forensic_triage.custody import CustodyEvent, add_event
from forensic_triage.store import CaseStore, audit, digest
from forensic_triage.tags import add_tag


def _verify(case: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    code = run(["verify", str(case)])
    return code, capsys.readouterr().out


def _attack(case: Path, *statements: str) -> None:
    with sqlite3.connect(case / "case.sqlite") as conn:
        for sql in statements:
            assert conn.execute(sql).rowcount >= 1, sql
    conn.close()


ATTACKS = {
    "files": "UPDATE files SET sha256 = '" + "0" * 64 + "' WHERE id = (SELECT min(id) FROM files WHERE sha256 IS NOT NULL)",
    "custody": "UPDATE custody SET seals = 'A9999' WHERE seals = 'A1234'",
    "content_hits": "UPDATE content_hits SET value = 'innocent@example.org' WHERE id = (SELECT min(id) FROM content_hits)",
    "tags": "UPDATE tags SET note = 'a note the examiner never wrote'",
    "meta": "INSERT OR REPLACE INTO meta(key, value) VALUES ('created_by', 'someone else')",
    "case_info": "UPDATE case_info SET examiner = 'B. Impostor'",
    "warnings": "DELETE FROM warnings WHERE id = (SELECT max(id) FROM warnings)",
}


def test_untouched_case_verifies_and_offers_the_anchor(triaged_sample: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _verify(triaged_sample, capsys)
    assert code == 0, out
    with CaseStore.open(triaged_sample, read_only=True) as store:
        anchor = digest.latest_anchor(store.conn)
        _, head = store.verify_audit()
        assert anchor is not None and anchor["combined"] == digest.combined(digest.compute(store.conn))
    assert f"Write this in your notebook: audit head {head}" in out
    assert anchor["combined"] in out
    assert "consistent rewrite" in out  # the limits are stated


@pytest.mark.parametrize("table", sorted(ATTACKS))
def test_sqlite_edit_of_each_table_fails_verify_naming_it(triaged_sample: Path, table: str,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    _attack(triaged_sample, ATTACKS[table])
    code, out = _verify(triaged_sample, capsys)
    assert code == 5
    named = [line for line in out.splitlines() if "changed outside the tool after audit entry" in line]
    assert len(named) == 1 and f"The table '{table}' " in named[0], out
    assert "VERIFICATION FAILED" in out


def _generic_edit(conn: sqlite3.Connection, table: str) -> str | None:
    """One plausible outside edit of ``table``: a text value of its first row changed (a row added
    to an empty table). None when the table offers nothing to edit that way."""
    columns = conn.execute(f"PRAGMA table_info({table})").fetchall()  # noqa: S608 - covered names only
    keys = {"id", "uid", "key", "locator", "seq", "evidence_id", "file_id", "volume_id", "job_id", "artifact_id"}
    text = [c[1] for c in columns if c[2].upper() == "TEXT" and c[1] not in keys and not c[5]]
    if conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0:  # noqa: S608
        return None
    if not text:
        return None
    column = text[0]
    if table == "meta":  # its format number is judged before anything else (see the test below)
        return "UPDATE meta SET value = value || ' (edited)' WHERE key = 'created_by'"
    return (f"UPDATE {table} SET {column} = coalesce({column}, '') || ' (edited)' "  # noqa: S608
            f"WHERE rowid = (SELECT min(rowid) FROM {table})")


def test_an_edit_of_every_covered_table_is_named(triaged_sample: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """Beyond the attacks above: every covered table that holds rows, edited the same plain way."""
    import shutil

    attacked: list[str] = []
    with sqlite3.connect(triaged_sample / "case.sqlite") as conn:
        plan = {t: _generic_edit(conn, t) for t in digest.COVERED_TABLES}
    for table, sql in plan.items():
        if sql is None:
            continue
        case = tmp_path / table
        shutil.copytree(triaged_sample, case, ignore=shutil.ignore_patterns(".case.lock"))
        _attack(case, sql)
        code, out = _verify(case, capsys)
        named = [line for line in out.splitlines() if "changed outside the tool after audit entry" in line]
        assert code == 5 and len(named) == 1 and f"The table '{table}' " in named[0], (table, out)
        attacked.append(table)
    # the sample case has rows in nearly every table; those it leaves empty are named here
    assert len(attacked) >= 15, (attacked, [t for t, sql in plan.items() if sql is None])


def test_an_edited_format_number_is_a_clear_answer(triaged_sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _attack(triaged_sample, "UPDATE meta SET value = '3x' WHERE key = 'schema_version'")
    capsys.readouterr()
    code = run(["verify", str(triaged_sample)])
    err = capsys.readouterr().err
    assert code == 4 and "records no valid format number ('3x')" in err and "Traceback" not in err


def test_tool_actions_keep_the_case_verified_and_never_absorb_an_edit(
        triaged_sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = CaseStore.open(triaged_sample)
    try:
        file_row = store.query("SELECT id FROM files WHERE type='file' AND status='done' ORDER BY id LIMIT 1")[0]
        locator = store.query("SELECT locator, path FROM files WHERE id=?", (file_row["id"],))[0]
        from forensic_triage.exports.findings import full_locator

        add_tag(store, "file", full_locator(locator["locator"], locator["path"]), "reviewed", thumbnail=False)
        add_event(store, CustodyEvent("EXH-001", "sealed", "A. Examiner", "2025-03-05T20:00:00Z",
                                      "America/Port_of_Spain", "Lab", "end", seals="A5678"))
        last = store.query("SELECT seq, action FROM audit ORDER BY seq DESC LIMIT 1")[0]
    finally:
        store.close()
    code, out = _verify(triaged_sample, capsys)
    assert code == 0, out
    assert f"audit entry {last['seq']} " in out  # the custody action itself anchored the digest
    # An edit outside the tool, then a tool action on another table: the edit stays visible.
    _attack(triaged_sample, ATTACKS["files"])
    store = CaseStore.open(triaged_sample)
    try:
        add_tag(store, "file", full_locator(locator["locator"], locator["path"]), "second", thumbnail=False)
    finally:
        store.close()
    code, out = _verify(triaged_sample, capsys)
    assert code == 5 and "The table 'files' was changed outside the tool" in out
    assert "'tags'" not in out


def test_next_job_records_an_edit_it_did_not_make(triaged_sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A job rewrites tables; before it starts, changes the tool did not record are written down for good."""
    _attack(triaged_sample, ATTACKS["tags"])
    store = CaseStore.open(triaged_sample)
    try:
        job = store.start_job("search", {})
        store.end_job(job, "completed", {})
        entry = store.query("SELECT details FROM audit WHERE action = ?", (digest.ACTION_UNRECORDED,))
    finally:
        store.close()
    assert len(entry) == 1 and json.loads(entry[0]["details"])["tables"] == ["tags"]
    code, out = _verify(triaged_sample, capsys)
    assert code == 5 and "records that the tables 'tags' were changed without a record of the tool" in out


def test_interrupted_job_is_recorded_honestly(triaged_sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """kill -9 in the middle of a job: the next job names the interrupted one and what changed since."""
    script = (
        "import os, sys\n"
        "from forensic_triage.store import CaseStore\n"
        "store = CaseStore.open(sys.argv[1])\n"
        "job = store.start_job('triage', {})\n"
        "with store.transaction() as conn:\n"
        "    conn.execute(\"UPDATE files SET hit_count = hit_count + 1 WHERE id = 1\")\n"
        "os.kill(os.getpid(), 9)\n")
    res = subprocess.run([sys.executable, "-c", script, str(triaged_sample)], capture_output=True, timeout=120)
    assert res.returncode == -9, res.stderr
    code, out = _verify(triaged_sample, capsys)
    assert code == 5 and "The table 'files' was changed" in out and "has not ended" in out
    store = CaseStore.open(triaged_sample)
    try:
        killed = int(store.scalar("SELECT max(id) FROM jobs"))
        job = store.start_job("triage", {})
        store.end_job(job, "completed", {})
        assert store.scalar("SELECT outcome FROM jobs WHERE id = ?", (killed,)) == "interrupted"
        rows = store.query("SELECT details FROM audit WHERE action = ?", (digest.ACTION_INTERRUPTED,))
        warning = store.query("SELECT message FROM warnings WHERE job_id = ? AND kind = 'interrupted'", (killed,))
    finally:
        store.close()
    assert len(rows) == 1
    details = json.loads(rows[0]["details"])
    assert details["jobs"] == [killed] and details["changed_since_anchor"] == ["files"]
    assert len(warning) == 1 and "did not end" in warning[0]["message"] and "'files'" in warning[0]["message"]
    code, out = _verify(triaged_sample, capsys)
    assert code == 0, out


def _strip_digests(case: Path) -> None:
    """Make the case look like one written before digests existed: no anchor in any entry."""
    with sqlite3.connect(case / "case.sqlite") as conn:
        rows = conn.execute("SELECT seq, time_utc, actor, action, details FROM audit ORDER BY seq").fetchall()
        conn.execute("DELETE FROM audit")
        prev = audit.GENESIS
        for seq, time_utc, actor, action, details in rows:
            data = json.loads(details)
            data.pop("digest", None)
            text = audit.canonical(data)
            digest_hash = audit.entry_hash(seq, time_utc, actor, action, text, prev)
            conn.execute("INSERT INTO audit VALUES (?,?,?,?,?,?,?)",
                         (seq, time_utc, actor, action, text, prev, digest_hash))
            prev = digest_hash
        conn.execute("UPDATE meta SET value = ? WHERE key = 'audit_head'", (f"{rows[-1][0]}:{prev}",))
    conn.close()


def test_case_made_before_digests_is_anchored_at_first_writable_open(
        triaged_sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _strip_digests(triaged_sample)
    code, out = _verify(triaged_sample, capsys)
    assert code == 5 and "has no digest anchor" in out
    CaseStore.open(triaged_sample).close()
    code, out = _verify(triaged_sample, capsys)
    assert code == 0, out
    with CaseStore.open(triaged_sample, read_only=True) as store:
        first = digest.first_anchor(store.conn)
    assert first is not None
    assert f"edits made before audit entry {first['seq']} ({first['time_utc']}) cannot be detected" in out
    _attack(triaged_sample, ATTACKS["case_info"])
    code, out = _verify(triaged_sample, capsys)
    assert code == 5 and "The table 'case_info' was changed outside the tool" in out


def test_check_is_empty_only_when_everything_matches(triaged_sample: Path) -> None:
    with CaseStore.open(triaged_sample, read_only=True) as store:
        assert digest.check(store.conn) == []
    _attack(triaged_sample, ATTACKS["custody"], ATTACKS["warnings"])
    with CaseStore.open(triaged_sample, read_only=True) as store:
        problems = digest.check(store.conn)
    assert [p.split("'")[1] for p in problems] == ["warnings", "custody"]


def test_every_audit_entry_anchors_the_digest(triaged_sample: Path) -> None:
    with sqlite3.connect(triaged_sample / "case.sqlite") as conn:
        for seq, details in conn.execute("SELECT seq, details FROM audit ORDER BY seq"):
            anchor = json.loads(details).get("digest")
            assert anchor and set(anchor["tables"]) == set(digest.COVERED_TABLES), seq
            assert anchor["combined"] == digest.combined(anchor["tables"]), seq
    conn.close()


def test_repeated_statements_in_one_session_are_still_seen(triaged_sample: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """SQLite reuses a prepared statement without asking the authorizer again: the second tag added
    in the same session must still be anchored."""
    store = CaseStore.open(triaged_sample)
    try:
        for n, hit in enumerate(r["id"] for r in store.query("SELECT id FROM content_hits ORDER BY id LIMIT 3")):
            add_tag(store, "content_hit", int(hit), f"tag{n}", thumbnail=False)
    finally:
        store.close()
    code, out = _verify(triaged_sample, capsys)
    assert code == 0, out


def test_writes_without_an_entry_are_anchored_when_the_last_writer_closes(
        triaged_sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A step that writes but records no entry of its own (here a warning) is anchored on close,
    also after another writable handle of the same case was opened and closed in between."""
    first = CaseStore.open(triaged_sample)
    second = CaseStore.open(triaged_sample)
    with first.transaction() as conn:
        first.add_warning(conn, source="test", message="a stored warning with no audit entry of its own")
    first.close()  # the writer closes first: the still open handle anchors its writes when it closes
    second.close()
    code, out = _verify(triaged_sample, capsys)
    assert code == 0, out
    with CaseStore.open(triaged_sample, read_only=True) as store:
        details = json.loads(store.scalar("SELECT details FROM audit ORDER BY seq DESC LIMIT 1"))
        action = store.scalar("SELECT action FROM audit ORDER BY seq DESC LIMIT 1")
    assert action == digest.ACTION_CHANGES and details["tables"] == ["warnings"]
