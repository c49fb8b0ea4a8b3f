"""`python -m knowledge.docs_index prepare | load URL | status URL` (see build.py)."""
from __future__ import annotations

import sys

import psycopg

from knowledge import cache_files
from knowledge.docs_index import build


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "prepare"
    if command == "prepare":
        path = build.prepare()
        if path:   # indexes of older docs/indexer/sandbox versions are not kept forever
            cache_files.mark_used(path)
            cache_files.prune(path.parent, "*.json.gz")
        print(path or "Python documentation not installed")
        return 0 if path else 1
    if command == "load" and len(argv) == 2:
        print(build.ensure_loaded(argv[1]))
        return 0
    if command == "status" and len(argv) == 2:
        with psycopg.connect(argv[1]) as conn:
            print(conn.execute("SELECT checksum, sections, examples, built_at FROM docs_index_meta").fetchone())
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
