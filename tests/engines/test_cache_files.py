"""The build caches keep the most recently used few files and remove the rest."""
from __future__ import annotations

import os

from knowledge import cache_files


def _file(directory, name, mtime):
    path = directory / name
    path.write_bytes(b"x")
    os.utime(path, (mtime, mtime))
    return path


def test_prune_keeps_the_most_recently_used(tmp_path):
    files = [_file(tmp_path, f"triage-{i}.pkl", 1_000 + i) for i in range(5)]
    other = _file(tmp_path, "notes.txt", 1)   # not matched by the pattern: never touched
    removed = cache_files.prune(tmp_path, "triage-*.pkl", keep=3)
    assert sorted(removed) == files[:2]
    assert [p.exists() for p in files] == [False, False, True, True, True] and other.exists()


def test_a_cache_hit_counts_as_use(tmp_path):
    oldest = _file(tmp_path, "a.json.gz", 1_000)
    _file(tmp_path, "b.json.gz", 2_000)
    _file(tmp_path, "c.json.gz", 3_000)
    cache_files.mark_used(oldest)
    cache_files.prune(tmp_path, "*.json.gz", keep=2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json.gz", "c.json.gz"]


def test_prune_of_an_empty_or_small_directory_removes_nothing(tmp_path):
    assert cache_files.prune(tmp_path, "*.pkl") == []
    _file(tmp_path, "one.pkl", 5)
    assert cache_files.prune(tmp_path, "*.pkl") == [] and (tmp_path / "one.pkl").exists()
