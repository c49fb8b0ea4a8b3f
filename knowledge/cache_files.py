"""Bounded build caches under $LEARNFLOW_CACHE (the docs index, the triage model): each build is keyed by a
checksum of its inputs, so every change of docs, corpus or code leaves the previous file behind. The most
recently used few are kept (other checkouts of the project may still use them); the rest are removed."""
from __future__ import annotations

import os
from pathlib import Path

KEEP = 3   # files kept per cache directory, most recently used first


def mark_used(path: Path) -> None:
    """A cache hit counts as use: prune() keeps what was used last, not what was built last."""
    try:
        os.utime(path)
    except OSError:   # read-only cache or a concurrent prune: the file stays usable either way
        pass


def prune(directory: Path, pattern: str, keep: int = KEEP) -> list[Path]:
    """Removes all but the `keep` most recently used files matching `pattern`; returns what was removed."""
    def used_at(path: Path) -> float:
        try:
            return path.stat().st_mtime
        except FileNotFoundError:
            return 0.0

    removed = []
    for old in sorted(directory.glob(pattern), key=used_at, reverse=True)[keep:]:
        try:
            old.unlink()
            removed.append(old)
        except FileNotFoundError:   # removed by a concurrent prune
            pass
    return removed
