"""Several examiners on one PostgreSQL case: concurrent tagging loses nothing and every change is
attributed and audited; a reviewer comments but does not change findings; the report names
every contributor (real server)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from servers import Postgres

from forensic_triage.errors import UsageError
from forensic_triage.jobs.intake import add_evidence
from forensic_triage.jobs.settings import TriageSettings
from forensic_triage.jobs.triage import run_triage
from forensic_triage.sample.generator import build_sample_image
from forensic_triage.store import CaseStore
from forensic_triage.tags import add_tag, edit_tag, list_tags, set_member


def test_two_examiners_tag_at_once_and_a_reviewer_comments(pgenv: Postgres, tmp_path: Path) -> None:
    image = tmp_path / "sample.dd"
    build_sample_image(image)
    image.chmod(0o444)
    case = tmp_path / "case"
    with CaseStore.create(case, case_number="LAB-2", examiner="Alice", database=pgenv.createdb("examiners")) as store:
        add_evidence(store, image, exhibit="EXH-001")
        run_triage(store, TriageSettings(jobs=1))
        set_member(store, "Bob", "examiner", None, by="Alice")
        set_member(store, "Carol", "reviewer", None, by="Alice")
        hits = [int(h["id"]) for h in store.findings.content_hits()]
        # every GUI view reads a lab case (the statements translated for PostgreSQL)
        from forensic_triage.store.browse_repo import VIEWS, TableQuery

        shown = {v: store.browse.count(TableQuery(v, text="e")) for v in VIEWS}
        assert len(store.browse.page(TableQuery("files"))) == 14 and shown["content"] == len(hits)
        assert len(store.browse.page(TableQuery("artifacts", record_type="browser.visit", fields=("url",)))) == 5
    assert len(hits) >= 10

    errors: list[BaseException] = []

    def tagger(name: str) -> None:
        try:
            with CaseStore.open(case) as mine:  # each examiner's own workstation connection
                for hit in hits[:10]:
                    add_tag(mine, "content_hit", hit, f"seen-by-{name}", f"note of {name}", examiner=name)
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)

    threads = [threading.Thread(target=tagger, args=(n,)) for n in ("Alice", "Bob")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors

    with CaseStore.open(case) as store:
        tags = list_tags(store)
        assert sorted((t["examiner"], t["tag"]) for t in tags) == sorted(
            [("Alice", "seen-by-Alice")] * 10 + [("Bob", "seen-by-Bob")] * 10)
        with pytest.raises(UsageError, match="reviewer"):
            add_tag(store, "content_hit", hits[0], "notable", examiner="Carol")
        with pytest.raises(UsageError, match="reviewer"):
            edit_tag(store, int(tags[0]["id"]), note="changed", examiner="Carol")
        comment = add_tag(store, "content_hit", hits[0], "comment", "check the context", examiner="Carol")
        assert edit_tag(store, comment.tag_id, note="checked", examiner="Carol") == ["note"]
        problems, _head = store.verify_audit()
        assert problems == [] and store.findings.digest_problems() == []
        people = {c["name"]: c for c in store.lab.contributors()}
        assert people["Alice"]["actions"] >= 10 and people["Bob"]["actions"] == 10
        assert people["Carol"]["actions"] == 2

        # the SQLite snapshot an evidence package carries: the same tables, digest for digest
        from forensic_triage.store.snapshot import open_snapshot, write_snapshot

        write_snapshot(store, tmp_path / "snapshot.sqlite")
        snap = open_snapshot(tmp_path / "snapshot.sqlite")
        try:
            assert snap.findings.table_digests() == store.findings.table_digests()
            assert snap.verify_audit() == store.verify_audit()
        finally:
            snap.close()

        from forensic_triage.exports.report_data import gather

        data = gather(store, "all")
        assert [(c["name"], c["role"]) for c in data.contributors] == [
            ("Alice", "examiner"), ("Bob", "examiner"), ("Carol", "reviewer")]
        from forensic_triage.exports.operations import export

        export(store, "dfxml", tmp_path / "bob.xml", "all", actor="Bob")  # an export, attributed
        assert {c["name"]: c["actions"] for c in store.lab.contributors()}["Bob"] == 11

    # a second workstation joins the case: its folder holds the address only
    from forensic_triage.cli.main import run as main

    assert main(["lab", "join", str(tmp_path / "bob"), "--database", pgenv.url("examiners"), "--examiner",
                 "Bob"]) == 0
    assert [p.name for p in (tmp_path / "bob").iterdir()] == ["case.database"]
    with CaseStore.open(tmp_path / "bob", read_only=True) as joined:
        assert joined.case_info()["case_number"] == "LAB-2"
    assert main(["lab", "join", str(tmp_path / "eve"), "--database", pgenv.url("examiners"), "--examiner",
                 "Eve"]) != 0
    assert not (tmp_path / "eve").exists()
