"""Runs the documentation's code examples in the sandbox so an answer shows only examples that really work.

Examples run in batches (one sandboxed process per batch keeps it fast), each in a fresh namespace with a
one-second timer, so an example is marked verified only when it runs standalone, exactly as it would be shown:
`>>>` transcripts must reproduce the printed results (doctest, with the docs' own ELLIPSIS/whitespace rules),
plain scripts must finish without an exception (their real output is stored and shown with them).
"""
from __future__ import annotations

import asyncio
import json

from sandbox import Limits, Sandbox

_MARK = "\x1eLFV "
BATCH = 60

# Runs inside the sandbox. EXAMPLES is replaced by a JSON list of [id, code, transcript].
_RUNNER = r'''
import contextlib, doctest, io, json, signal, sys
EXAMPLES = json.loads(%r)

class _Slow(Exception):
    pass

def _alarm(*_):
    raise _Slow()

signal.signal(signal.SIGALRM, _alarm)
real_stdout = sys.stdout
for ident, code, transcript in EXAMPLES:
    out = io.StringIO()
    ok = False
    try:
        signal.setitimer(signal.ITIMER_REAL, 1.0)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            if transcript:
                test = doctest.DocTestParser().get_doctest(code, {"__name__": "__main__"}, "example", None, 0)
                runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
                result = runner.run(test, out=lambda _s: None, clear_globs=True)
                ok = result.failed == 0 and result.attempted > 0
            else:
                exec(compile(code, "example", "exec"), {"__name__": "__main__"})
                ok = True
    except BaseException:
        ok = False
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    real_stdout.write("\x1eLFV " + json.dumps([ident, ok, out.getvalue()[:2000] if ok and not transcript else ""]) + "\n")
    real_stdout.flush()
'''


async def verify(examples: list[tuple[int, str, bool]], concurrency: int = 1) -> dict[int, tuple[bool, str]]:
    """{id: (verified, output)} for [(id, code, transcript)]; ids missing from a crashed batch count as failed."""
    limits = Limits(cpu_seconds=120, wall_seconds=120, memory_mb=400, max_processes=16,
                    max_output_bytes=16 * 1024 * 1024)
    results: dict[int, tuple[bool, str]] = {}
    async with Sandbox(limits=limits, max_concurrency=concurrency) as sandbox:
        for start in range(0, len(examples), BATCH):
            batch = [list(e) for e in examples[start:start + BATCH]]
            run = await sandbox.run(_RUNNER % json.dumps(batch))
            for line in run.stdout.split("\n"):   # not splitlines(): it splits at the \x1e marker too
                if line.startswith(_MARK):
                    ident, ok, output = json.loads(line[len(_MARK):])
                    results[ident] = (bool(ok), output)
    for ident, _, _ in examples:
        results.setdefault(ident, (False, ""))
    return results


def verify_sync(examples: list[tuple[int, str, bool]]) -> dict[int, tuple[bool, str]]:
    return asyncio.run(verify(examples))
