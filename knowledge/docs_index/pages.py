"""Which pages of the official Python documentation LearnFlow indexes, and why.

The rule: everything written for learners (the tutorial, the FAQs, the glossary, the HOWTOs about everyday
tasks), the language reference (what the syntax means), and the library reference of the built-ins plus the
modules a learner meets: those the tutorial's two "brief tour of the standard library" chapters introduce and
those learners ask about most (copy, dataclasses, venv, itertools, functools, pathlib, typing, ...). Network,
GUI, C-API and packaging pages are left out: a tutoring answer never needs them.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

# Debian's python3.X-doc puts the HTML here; LEARNFLOW_PYTHON_DOCS points elsewhere (e.g. an unpacked
# docs.python.org archive on another OS).
DEFAULT_DOCS_DIR = f"/usr/share/doc/python{sys.version_info[0]}.{sys.version_info[1]}/html"

TUTORIAL = ("appetite", "interpreter", "introduction", "controlflow", "datastructures", "modules", "inputoutput",
            "errors", "classes", "stdlib", "stdlib2", "venv", "floatingpoint", "interactive", "appendix")
FAQ = ("general", "programming", "design", "library")
HOWTO = ("sorting", "functional", "logging", "regex", "descriptor", "enum", "argparse", "unicode", "annotations")
REFERENCE = ("lexical_analysis", "datamodel", "executionmodel", "import", "expressions", "simple_stmts",
             "compound_stmts")
BUILTINS = ("intro", "functions", "constants", "stdtypes", "exceptions")
# The tutorial's standard-library tours (tutorial/stdlib.html, stdlib2.html) ...
TOUR_MODULES = ("os", "shutil", "glob", "sys", "argparse", "re", "math", "random", "statistics", "datetime",
                "zlib", "timeit", "doctest", "unittest", "json", "csv", "sqlite3", "reprlib", "pprint", "textwrap",
                "string", "struct", "threading", "logging", "weakref", "array", "collections", "bisect", "heapq",
                "decimal")
# ... and the modules learners ask about beyond them.
LEARNER_MODULES = ("copy", "dataclasses", "venv", "itertools", "functools", "operator", "pathlib", "os.path",
                   "typing", "abc", "contextlib", "enum", "fractions", "time", "asyncio-task", "tempfile",
                   "secrets", "pdb", "traceback", "warnings", "io", "calendar", "keyword", "types", "inspect")


def pages() -> list[str]:
    """Page paths relative to the docs root, without '.html' (the same form as docs.python.org/3/<page>.html)."""
    found = [f"tutorial/{p}" for p in TUTORIAL] + [f"faq/{p}" for p in FAQ] + ["glossary"]
    found += [f"howto/{p}" for p in HOWTO] + [f"reference/{p}" for p in REFERENCE]
    found += [f"library/{p}" for p in (*BUILTINS, *TOUR_MODULES, *LEARNER_MODULES)]
    return list(dict.fromkeys(found))


def docs_dir() -> Path:
    return Path(os.environ.get("LEARNFLOW_PYTHON_DOCS") or DEFAULT_DOCS_DIR)


def link(page: str, anchor: str = "") -> str:
    return f"https://docs.python.org/3/{page}.html" + (f"#{anchor}" if anchor else "")
