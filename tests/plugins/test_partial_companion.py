"""A -wal companion cut by the end of a truncated image: used up to the cut, zeros after it, and said."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytsk3
from helpers import build_sqlite
from imagebuilders import build_fat, require_tools
from test_android_sms import SCHEMA

from forensic_triage.jobs.intake import add_evidence
from forensic_triage.jobs.settings import TriageSettings
from forensic_triage.jobs.triage import run_triage
from forensic_triage.store import CaseStore

FOLDER = "data/data/com.android.providers.telephony/databases/"
MESSAGES = 40


def test_a_wal_companion_read_in_part_is_zero_filled_and_reported(tmp_path: Path) -> None:
    require_tools("mkfs.fat|mkfs.vfat", "mcopy")
    rows = "".join(f"INSERT INTO sms (_id, thread_id, address, date, type, body) VALUES ({i}, 1, '+1555000{i:04d}',"
                   f" {1680344430000 + i * 1000}, 1, 'message number {i}');\n" for i in range(1, MESSAGES + 1))
    db, wal = build_sqlite(SCHEMA, wal_script=rows)  # one transaction (and commit frame) per message
    assert wal
    intact = build_fat(tmp_path / "intact.img", {FOLDER + "mmssms.db": db, FOLDER + "mmssms.db-wal": wal})
    fs = pytsk3.FS_Info(pytsk3.Img_Info(str(intact)))
    bs = int(fs.info.block_size)
    places = {}
    for name in ("mmssms.db", "mmssms.db-wal"):
        for attr in fs.open("/" + FOLDER + name):
            if int(attr.info.type) == int(pytsk3.TSK_FS_ATTR_TYPE_DEFAULT):
                places[name] = [(int(r.addr) * bs, int(r.len) * bs) for r in attr]
    wal_runs = places["mmssms.db-wal"]
    assert len(wal_runs) == 1 and wal_runs[0][0] > places["mmssms.db"][-1][0], places  # the WAL is last, in one piece
    keep = len(wal) // 2 + 100
    image = tmp_path / "truncated.img"
    shutil.copyfile(intact, image)
    with open(image, "r+b") as handle:
        handle.truncate(wal_runs[0][0] + keep)

    store = CaseStore.create(tmp_path / "case", case_number="W", examiner="tester")
    add_evidence(store, image)
    run_triage(store, TriageSettings(jobs=1, plugins=["android.sms"], builtin_rules=False, content_search=False))
    wal_row = store.query("SELECT * FROM files WHERE name='mmssms.db-wal'")[0]
    db_row = store.query("SELECT * FROM files WHERE name='mmssms.db'")[0]
    assert wal_row["status"] == "partial" and json.loads(wal_row["unreadable"]) == [[keep, len(wal)]]
    assert db_row["status"] == "done"
    notes = [w["message"] for w in store.query("SELECT message FROM warnings WHERE file_id=?", (db_row["id"],))]
    assert f"The companion file /{FOLDER}mmssms.db-wal could be read only in part: bytes {keep}-{len(wal) - 1} " \
           "were given to the extractors as zeros." in notes, notes
    bodies = {json.loads(a["data"])["body"] for a in store.query(
        "SELECT data FROM artifacts WHERE file_id=? AND type='android.message'", (db_row["id"],))}
    numbers = sorted(int(b.rsplit(" ", 1)[1]) for b in bodies)
    # the messages committed in the readable half of the log, and only real ones
    assert numbers == list(range(1, len(numbers) + 1)) and 0 < len(numbers) < MESSAGES, numbers
