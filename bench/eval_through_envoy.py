"""The tutoring engines measured end to end, through Envoy, on the development and external sets.

- triage: TriageService.Classify on ../shared/eval/triage-dev.jsonl (accuracy; target >= 95 %)
- debug: DebugService.Diagnose -> ExecutionReport type + line on debug-dev (target 100 %),
  ext-eval/refactory-crashes (the runnable `snippet`, line = snippet_line) and ext-eval/friendly-syntax
  (target >= 99 % each), and how often a concrete fix is offered (bench/fixcheck.py; goal >= 80 %)
- review: CodeReviewService.ReviewCode text against every must_mention regex of review-dev (target >= 90 %)

Starts its own mesh on free ports unless --address (with --email/--password) points at a running one:
  .venv/bin/python bench/eval_through_envoy.py            # own mesh
  .venv/bin/python bench/eval_through_envoy.py --address 127.0.0.1:8080   # after `make up` (demo account)
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from learnflow.v1 import (code_review_service_pb2, code_review_service_pb2_grpc, common_pb2,  # noqa: E402
                          debug_service_pb2, debug_service_pb2_grpc, triage_service_pb2)

from server import enums  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from fixcheck import concrete  # noqa: E402

SHARED = ROOT.parent / "shared"


def jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def triage_eval(client) -> None:
    rows = jsonl(SHARED / "eval" / "triage-dev.jsonl")
    hits, misses = 0, []
    for row in rows:
        reply = client.triage.Classify(triage_service_pb2.ClassifyRequest(
            query_text=row["text"], code_snippet=row.get("code", "")), metadata=client.metadata, timeout=10)
        intent = enums.to_db("Intent", reply.routing.detected_intent)
        hits += intent == row["intent"]
        if intent != row["intent"]:
            misses.append((row["text"], row["intent"], intent))
    print(f"triage  dev: {hits}/{len(rows)} = {100 * hits / len(rows):.1f}%")
    for miss in misses:
        print(f"   miss: {miss}")


def debug_eval(client, threads: int) -> None:
    stub = debug_service_pb2_grpc.DebugServiceStub(client.channel)
    sets = {
        "debug-dev": [(r["code"], r["exception"], r["line"]) for r in jsonl(SHARED / "eval" / "debug-dev.jsonl")],
        "refactory-crashes": [(r["snippet"], r["exception"], r["snippet_line"])
                              for r in jsonl(SHARED / "ext-eval" / "refactory-crashes.jsonl")],
        "friendly-syntax": [(r["code"], r["exception"], r["line"])
                            for r in jsonl(SHARED / "ext-eval" / "friendly-syntax.jsonl")],
    }

    def run(case):
        code, exc, line = case
        reply = stub.Diagnose(debug_service_pb2.DiagnoseRequest(context=common_pb2.TutorContext(), code=code,
                                                                question="why does this fail?"),
                              metadata=client.metadata, timeout=60)
        return case, reply.execution, reply

    for name, cases in sets.items():
        started = time.perf_counter()
        with ThreadPoolExecutor(threads) as pool:
            results = list(pool.map(run, cases))
        wall = time.perf_counter() - started
        ok = [c for c, e, _ in results if e.exception_type == c[1] and e.line == c[2]]
        fixes = [c for c, _, reply in results if concrete(
            c[0], reply.fixed_code, _explanation(reply.response.response_text), c[2])]
        print(f"debug   {name}: type+line {len(ok)}/{len(cases)} = {100 * len(ok) / len(cases):.2f}%  "
              f"concrete fix {len(fixes)}/{len(cases)} = {100 * len(fixes) / len(cases):.1f}%  "
              f"({wall:.1f} s, {len(cases) / wall:.0f}/s)")
        for (code, exc, line), e, _ in results:
            if not (e.exception_type == exc and e.line == line):
                print(f"   miss: expected {exc}@{line}, got {e.exception_type or e.status}@{e.line}: {code[:70]!r}")


def _explanation(text: str) -> str:
    """The diagnosis part of an answer: the concept explanation after it is general, not a fix."""
    return text.split("### The concept behind it", 1)[0]


def review_eval(client) -> None:
    stub = code_review_service_pb2_grpc.CodeReviewServiceStub(client.channel)
    rows = jsonl(SHARED / "eval" / "review-dev.jsonl")
    total = hits = 0
    for row in rows:
        reply = stub.ReviewCode(code_review_service_pb2.ReviewCodeRequest(context=common_pb2.TutorContext(),
                                                                          code=row["code"]),
                                metadata=client.metadata, timeout=30)
        for pattern in row["must_mention"]:
            total += 1
            if re.search(pattern, reply.response.response_text, re.I):
                hits += 1
            else:
                print(f"   miss: /{pattern}/ not in review of {row['code'][:50]!r}")
    print(f"review  dev: must-mention {hits}/{total} = {100 * hits / total:.1f}%")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--address")
    parser.add_argument("--email", default="demo.student@learnflow.dev")
    parser.add_argument("--password", default="demo-password-2026")
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    from cli.client import LearnFlowClient

    mesh = None
    address = args.address
    if not address:
        from localmesh.mesh import Mesh, MeshConfig

        mesh = Mesh(MeshConfig.on_free_ports(Path(tempfile.mkdtemp(prefix="lf-eval-")), start_kafka=False,
                                             extra_env={"LEARNFLOW_SANDBOX_MAX_QUEUE": "256",
                                                        # an evaluation, not a student: fair-use limits lifted
                                                        "LEARNFLOW_ASKS_PER_MINUTE": "100000000"}),
                    log=lambda *_: None)
        mesh.start()
        address = mesh.envoy_address
    try:
        client = LearnFlowClient(address, timeout=60)
        client.ensure_account(args.email, args.password, "Eval Student")
        triage_eval(client)
        review_eval(client)
        debug_eval(client, args.threads)
    finally:
        if mesh is not None:
            mesh.stop()


if __name__ == "__main__":
    main()
