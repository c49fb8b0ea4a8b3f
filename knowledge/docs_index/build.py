"""Builds the documentation index: parse the pages, verify their examples in the sandbox, cache, bulk-load.

Parsing and verifying take ~15 s, so they happen once per docs version: the result is cached as
`$LEARNFLOW_CACHE/docs-index/<checksum>.json.gz`, where the checksum covers the indexed pages' bytes and this
indexer's own source. Loading a database is a COPY of the cached rows (~2 s with the tsvectors and GIN index) and is skipped when
the database already holds the rows of that checksum. `make up` (localmesh) and the test meshes call
ensure_loaded(); `python -m knowledge.docs_index prepare|load URL|status URL` does the same by hand.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import re
from pathlib import Path

import psycopg
from psycopg.types.json import Jsonb

from knowledge.docs_index import call_examples, pages as docs_pages
from knowledge.docs_index.parse import parse_page

log = logging.getLogger("learnflow.docs_index")
_LOCK_KEY = 0x4C46444F   # "LFDO": serialises loaders of one database
_HERE = Path(__file__).resolve().parent
_SANDBOX = _HERE.parent.parent / "sandbox"
MAX_EXAMPLES_PER_SECTION = 4


def cache_dir() -> Path:
    return Path(os.environ.get("LEARNFLOW_CACHE") or Path.home() / ".cache" / "learnflow") / "docs-index"


def checksum(docs: Path | None = None) -> str | None:
    """sha256 of the indexed pages, of the indexer and of the sandbox that verifies the examples (what runs
    there depends on its isolation: an example that needs /bin/sh stops passing when the sandbox hides it);
    None when the docs are not installed."""
    docs = docs or docs_pages.docs_dir()
    if not (docs / "index.html").exists():
        return None
    digest = hashlib.sha256()
    for source in sorted(_HERE / name for name in ("pages.py", "parse.py", "verify.py", "build.py",
                                                   "call_examples.py")):
        digest.update(source.read_bytes())
    for source in sorted(_SANDBOX.rglob("*.py")):
        digest.update(source.read_bytes())
    for page in docs_pages.pages():
        path = docs / f"{page}.html"
        digest.update(page.encode() + b"\0" + (path.read_bytes() if path.exists() else b""))
    return digest.hexdigest()[:24]


def _terms(title: str, anchor: str) -> str:
    """'str.split(sep=None)' / anchor 'str.split' -> 'str split sep None': identifiers searchable as words."""
    words = re.findall(r"[A-Za-z][A-Za-z0-9]*", f"{anchor.replace('term-', '')} {title}")
    return " ".join(dict.fromkeys(words))


def prepare(docs: Path | None = None) -> Path | None:
    """The cache file for the installed docs, building it when missing; None when no docs are installed."""
    docs = docs or docs_pages.docs_dir()
    digest = checksum(docs)
    if digest is None:
        log.warning("Python documentation not found", extra={"path": str(docs)})
        return None
    target = cache_dir() / f"{digest}.json.gz"
    if target.exists():
        return target
    from knowledge.docs_index.verify import verify_sync

    sections = []
    for page in docs_pages.pages():
        path = docs / f"{page}.html"
        if path.exists():
            sections += [s.to_dict() for s in parse_page(page, path.read_text(encoding="utf-8", errors="replace"))]
    candidates = [(i * 100 + j, ex["code"], ex["transcript"]) for i, s in enumerate(sections)
                  for j, ex in enumerate(s["examples"])]
    verified = verify_sync(candidates)
    for i, section in enumerate(sections):
        kept = []
        for j, example in enumerate(section["examples"]):
            ok, output = verified.get(i * 100 + j, (False, ""))
            if ok and len(kept) < MAX_EXAMPLES_PER_SECTION:
                kept.append({"code": example["code"], "transcript": example["transcript"], "output": output})
        section["examples"] = kept
        section["terms"] = _terms(section["title"], section["anchor"])
    _compose_calls(sections, verify_sync)
    seen: set[tuple[str, str]] = set()
    unique = [s for s in sections if (s["page"], s["anchor"]) not in seen and not seen.add((s["page"], s["anchor"]))]
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(f".tmp{os.getpid()}")
    with gzip.open(tmp, "wt", encoding="utf-8") as handle:
        json.dump({"checksum": digest, "sections": unique}, handle)
    tmp.replace(target)   # atomic: a concurrent reader sees the whole file or none
    log.info("docs index prepared", extra={"sections": len(unique), "file": str(target)})
    return target


def _compose_calls(sections: list[dict], verify_sync) -> None:
    """A learner's function without an example of its own gets a composed call (call_examples.py), run in the
    sandbox like the documentation's examples: the first candidate that runs and prints something is kept."""
    owners = {s["anchor"]: s["title"] for s in sections if s["kind"] == "api" and s["title"].startswith("class ")}
    scripts = {i: call_examples.candidates(s["page"], s["anchor"], s["title"], owners) for i, s in enumerate(sections)
               if s["kind"] == "api" and not s["examples"]}
    verified = verify_sync([(i * 100 + j, code, False) for i, codes in scripts.items() for j, code in enumerate(codes)])
    for i, codes in scripts.items():
        for j, code in enumerate(codes):
            ok, output = verified.get(i * 100 + j, (False, ""))
            if ok and call_examples.keep(code, output):
                sections[i]["examples"] = [{"code": code, "transcript": False, "output": output, "composed": True}]
                break


def read_cache(path: Path) -> dict:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return json.load(handle)


def loaded_checksum(conn: psycopg.Connection) -> str | None:
    row = conn.execute("SELECT checksum FROM docs_index_meta").fetchone()
    return row[0] if row else None


def load(conninfo: str, cache_file: Path) -> bool:
    """Replaces the database's index with the cached one unless it already holds it; True when it loaded."""
    data = read_cache(cache_file)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute("SELECT pg_advisory_lock(%s)", (_LOCK_KEY,))
        try:
            if loaded_checksum(conn) == data["checksum"]:
                return False
            with conn.transaction():
                conn.execute("DELETE FROM docs_sections")
                with conn.cursor().copy("COPY docs_sections (page, anchor, title, kind, trail, terms, body, "
                                        "examples) FROM STDIN") as copy:
                    for s in data["sections"]:
                        copy.write_row((s["page"], s["anchor"][:300], s["title"][:500], s["kind"], s["trail"],
                                        s["terms"], s["body"], Jsonb(s["examples"])))
                conn.execute("DELETE FROM docs_lexemes")
                conn.execute("INSERT INTO docs_lexemes (word, ndoc) "
                             "SELECT word, ndoc FROM ts_stat('SELECT search FROM docs_sections')")
                examples = sum(len(s["examples"]) for s in data["sections"])
                conn.execute("INSERT INTO docs_index_meta (checksum, sections, examples) VALUES (%s, %s, %s) "
                             "ON CONFLICT (singleton) DO UPDATE SET checksum = EXCLUDED.checksum, "
                             "sections = EXCLUDED.sections, examples = EXCLUDED.examples, built_at = now()",
                             (data["checksum"], len(data["sections"]), examples))
            return True
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s)", (_LOCK_KEY,))


def ensure_loaded(conninfo: str) -> str:
    """What `make up` and the test meshes call after the migrations; returns a one-line status."""
    cache_file = prepare()
    if cache_file is None:
        return "docs index: Python documentation not installed (concept answers use the curated pages only)"
    return "docs index: loaded" if load(conninfo, cache_file) else "docs index: up to date"
