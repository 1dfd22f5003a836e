"""The PostgreSQL case store: creating and opening a lab case, and the clear refusals (real server)."""

from __future__ import annotations

from pathlib import Path

import pytest
from servers import PG_PASSWORD, PG_USER, Postgres, free_port

from forensic_triage.errors import StoreError
from forensic_triage.store import CaseStore
from forensic_triage.store.pg import translate

psycopg = pytest.importorskip("psycopg", reason="lab mode needs psycopg (pip install 'psycopg[binary]')")


def test_translation_of_the_sqlite_dialect() -> None:
    text, names = translate("INSERT OR IGNORE INTO volumes(evidence_id, offset) VALUES (?, ?)")
    assert text == 'INSERT INTO volumes(evidence_id, "offset") VALUES ($1, $2) ON CONFLICT DO NOTHING'
    text, names = translate("SELECT * FROM files WHERE path LIKE :p AND name = ':q' AND id IS NOT :i")
    assert text == "SELECT * FROM files WHERE path ILIKE $1 AND name = ':q' AND id IS DISTINCT FROM $2"
    assert names == ("p", "i")
    text, _ = translate("INSERT OR REPLACE INTO meta(key, value) VALUES ('a', ?)")
    assert text.endswith('ON CONFLICT (key) DO UPDATE SET "value" = EXCLUDED."value"')


def test_case_on_postgresql_folder_holds_only_the_address(pgenv: Postgres, tmp_path: Path) -> None:
    url = pgenv.createdb("store_basic")
    store = CaseStore.create(tmp_path / "case", case_number="LAB-1", examiner="A. Examiner", database=url)
    store.close()
    assert sorted(p.name for p in (tmp_path / "case").iterdir()) == ["case.database"]
    assert PG_PASSWORD not in (tmp_path / "case" / "case.database").read_text()
    with CaseStore.open(tmp_path / "case") as again:
        assert again.dialect == "postgresql" and again.examiner == "A. Examiner"
        assert again.verify_audit()[0] == [] and again.findings.digest_problems() == []
    with pytest.raises(StoreError, match="already holds a case"):
        CaseStore.create(tmp_path / "other", case_number="LAB-2", examiner="B", database=url)
    assert not (tmp_path / "other").exists()


def test_password_in_the_address_is_refused(pgenv: Postgres, tmp_path: Path) -> None:
    url = f"postgresql://{PG_USER}:{PG_PASSWORD}@127.0.0.1:{pgenv.port}/postgres"
    with pytest.raises(StoreError, match="holds a password") as info:
        CaseStore.create(tmp_path / "case", case_number="LAB-1", examiner="A", database=url)
    assert PG_PASSWORD not in str(info.value)
    assert not (tmp_path / "case").exists()


def test_wrong_password_unreachable_server_newer_schema(pgenv: Postgres, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    url = pgenv.createdb("store_refusals")
    wrong = tmp_path / "pgpass"
    wrong.write_text(f"127.0.0.1:{pgenv.port}:*:{PG_USER}:not-the-password\n")
    wrong.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(wrong))
    with pytest.raises(StoreError, match="refused the password") as info:
        CaseStore.create(tmp_path / "a", case_number="LAB-1", examiner="A", database=url)
    assert "Traceback" not in str(info.value) and not (tmp_path / "a").exists()
    monkeypatch.setenv("PGPASSFILE", str(pgenv.passfile))

    nowhere = f"postgresql://{PG_USER}@127.0.0.1:{free_port()}/x"
    with pytest.raises(StoreError, match="cannot be reached"):
        CaseStore.create(tmp_path / "b", case_number="LAB-1", examiner="A", database=nowhere)
    assert not (tmp_path / "b").exists()

    CaseStore.create(tmp_path / "c", case_number="LAB-1", examiner="A", database=url).close()
    with psycopg.connect(f"postgresql://{PG_USER}:{PG_PASSWORD}@127.0.0.1:{pgenv.port}/store_refusals",
                         autocommit=True) as conn:
        conn.execute("UPDATE meta SET value='99' WHERE key='schema_version'")
        before = conn.execute("SELECT count(*) FROM audit").fetchone()
    with pytest.raises(StoreError, match="newer version of the tool"):
        CaseStore.open(tmp_path / "c")
    with psycopg.connect(f"postgresql://{PG_USER}:{PG_PASSWORD}@127.0.0.1:{pgenv.port}/store_refusals",
                         autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM audit").fetchone() == before
        assert conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone() == ("99",)
