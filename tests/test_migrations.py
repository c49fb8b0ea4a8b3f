"""The migration runner on a real PostgreSQL: idempotent, race-free, refuses edited migrations."""
from __future__ import annotations

import threading

import psycopg
import pytest

from db.migrate import MIGRATIONS_DIR, apply_migrations, discover


def _fresh_database(pg_url: str, name: str) -> str:
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    base, _, query = pg_url.partition("?")
    return f"{base.rsplit('/', 1)[0]}/{name}" + (f"?{query}" if query else "")


def test_applies_every_migration_once(pg_url):
    url = _fresh_database(pg_url, "mig_once")
    first = apply_migrations(url)
    assert first == [m.version for m in discover()]
    assert apply_migrations(url) == []
    with psycopg.connect(url) as conn:
        versions = [r[0] for r in conn.execute("SELECT version FROM schema_migrations ORDER BY version")]
    assert versions == first


def test_concurrent_runners_do_not_race(pg_url):
    url = _fresh_database(pg_url, "mig_race")
    results, errors = [], []

    def run():
        try:
            results.append(apply_migrations(url))
        except Exception as exc:  # pragma: no cover - the assertion below reports it
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    applied = [v for r in results for v in r]
    assert sorted(applied) == [m.version for m in discover()]  # each applied by exactly one runner


def test_edited_migration_is_refused(pg_url, tmp_path):
    url = _fresh_database(pg_url, "mig_edit")
    for path in MIGRATIONS_DIR.glob("*.sql"):
        (tmp_path / path.name).write_text(path.read_text())
    apply_migrations(url, tmp_path)
    first = sorted(tmp_path.glob("*.sql"))[0]
    first.write_text(first.read_text() + "\n-- edited\n")
    with pytest.raises(RuntimeError, match="edited after it was applied"):
        apply_migrations(url, tmp_path)


def test_failed_migration_rolls_back(pg_url, tmp_path):
    url = _fresh_database(pg_url, "mig_fail")
    (tmp_path / "0001_ok.sql").write_text("CREATE TABLE ok_table (id INT);")
    (tmp_path / "0002_bad.sql").write_text("CREATE TABLE half_table (id INT); SELECT * FROM no_such_table;")
    with pytest.raises(psycopg.errors.UndefinedTable):
        apply_migrations(url, tmp_path)
    with psycopg.connect(url) as conn:
        tables = {r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
        versions = [r[0] for r in conn.execute("SELECT version FROM schema_migrations")]
    assert "ok_table" in tables and "half_table" not in tables
    assert versions == [1]
