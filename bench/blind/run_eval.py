"""The blind evaluation sets of bench/blind/ run through Envoy with the public API only (see README.md here).

  .venv/bin/python bench/blind/run_eval.py                       # starts its own mesh on free ports
  .venv/bin/python bench/blind/run_eval.py --address 127.0.0.1:8080 --email me@example.org --password ...
  .venv/bin/python bench/blind/run_eval.py --out run.json        # + every answer and verdict as JSON
  .venv/bin/python bench/blind/run_eval.py --rescore run.json    # score saved answers again, no mesh

Calls: TriageService/Classify (triage), TriageService/Ask (triage follow-ups, concepts, debug with code and
stdin, review, follow-ups; turns of one conversation share a session_id), CodeReviewService/ReviewCode
(the structured order of review findings)."""
from __future__ import annotations

import argparse
import datetime
import json
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "generated"))
sys.path.insert(0, str(HERE))

import grpc  # noqa: E402
from learnflow.v1 import (code_review_service_pb2, code_review_service_pb2_grpc, common_pb2, enums_pb2,  # noqa: E402
                          triage_service_pb2)

import scoring  # noqa: E402

SETS = ("triage", "concepts", "debug", "review", "followups")


def load(name: str) -> list[dict]:
    return [json.loads(line) for line in (HERE / f"{name}.jsonl").read_text().splitlines() if line.strip()]


def intent_name(value: int) -> str:
    name = enums_pb2.Intent.Name(value)
    return name.removeprefix("INTENT_").lower() if value else "unspecified"


class Pacer:
    """Keeps this client's Ask rate under the per-student limit when the mesh is not ours to configure."""

    def __init__(self, per_minute: float):
        self.interval = 60.0 / per_minute if per_minute > 0 else 0.0
        self.next_at = 0.0
        self.lock = threading.Lock()

    def wait(self) -> None:
        if not self.interval:
            return
        with self.lock:
            now = time.monotonic()
            delay = max(0.0, self.next_at - now)
            self.next_at = max(now, self.next_at) + self.interval
        time.sleep(delay)


class Tutor:
    """The public API as a student uses it: one logged-in client, Ask with optional code/stdin/session."""

    def __init__(self, client, pacer: Pacer):
        self.client = client
        self.pacer = pacer
        self.review = code_review_service_pb2_grpc.CodeReviewServiceStub(client.channel)

    def _call(self, fn, request, paced: bool = True):
        for attempt in range(8):
            if paced:
                self.pacer.wait()
            try:
                return fn(request, metadata=self.client.metadata, timeout=120)
            except grpc.RpcError as exc:  # over the limit: wait as told and try again
                if exc.code() != grpc.StatusCode.RESOURCE_EXHAUSTED or attempt == 7:
                    raise
                time.sleep(min(30.0, 2.0 * (attempt + 1)))

    def classify(self, text: str, code: str = "") -> str:
        reply = self._call(self.client.triage.Classify,
                           triage_service_pb2.ClassifyRequest(query_text=text, code_snippet=code), paced=False)
        return intent_name(reply.routing.detected_intent)

    def ask(self, text: str, code: str = "", stdin: str = "", session_id: str = "") -> dict:
        request = triage_service_pb2.AskRequest(
            query_text=text, code_snippet=code, stdin=stdin, session_id=session_id,
            language=enums_pb2.CODE_LANGUAGE_PYTHON if code else enums_pb2.CODE_LANGUAGE_UNSPECIFIED)
        reply = self._call(self.client.triage.Ask, request)
        answer = reply.response.response_text
        if reply.response.code_examples:
            answer += "\n\n" + "\n\n".join(reply.response.code_examples)
        return {"answer": answer, "intent": intent_name(reply.routing.detected_intent),
                "agent": enums_pb2.AgentName.Name(reply.routing.routed_to_agent).removeprefix("AGENT_NAME_").lower(),
                "session_id": reply.query.session_id or session_id}

    def conversation(self, turns: list[dict]) -> dict:
        """Every turn in one session: the client proposes a session id; a server-assigned one wins."""
        session = f"blind-{uuid.uuid4()}"
        reply = {}
        for turn in turns:
            reply = self.ask(turn["text"], turn.get("code", ""), turn.get("stdin", ""), session)
            session = reply["session_id"] or session
        return reply

    def review_code(self, code: str, question: str) -> tuple[list[dict], int]:
        reply = self._call(self.review.ReviewCode, code_review_service_pb2.ReviewCodeRequest(
            context=common_pb2.TutorContext(), code=code, question=question,
            language=enums_pb2.CODE_LANGUAGE_PYTHON), paced=False)
        findings = [{"rule": f.rule, "line": f.line, "message": f.message, "suggestion": f.suggestion}
                    for f in reply.findings]
        return findings, reply.score


# --- one runner per set: returns the raw observation (answers), scored separately -------------------------
def run_triage(tutor: Tutor, case: dict) -> dict:
    if case.get("previous"):
        reply = tutor.conversation(case["previous"] + [{"text": case["text"], "code": case.get("code", "")}])
        return {"intent": reply["intent"], "answer": reply["answer"][:500]}
    return {"intent": tutor.classify(case["text"], case.get("code", ""))}


def run_concept(tutor: Tutor, case: dict) -> dict:
    reply = tutor.ask(case["question"])
    return {"answer": reply["answer"], "intent": reply["intent"], "agent": reply["agent"]}


def run_debug(tutor: Tutor, case: dict) -> dict:
    reply = tutor.ask(case["question"], case.get("code", ""), case.get("stdin", ""))
    return {"answer": reply["answer"], "intent": reply["intent"], "agent": reply["agent"]}


def run_review(tutor: Tutor, case: dict) -> dict:
    reply = tutor.ask(case["question"], case["code"])
    findings, score = tutor.review_code(case["code"], case["question"])
    return {"answer": reply["answer"], "intent": reply["intent"], "agent": reply["agent"], "findings": findings,
            "score": score}


def run_followup(tutor: Tutor, case: dict) -> dict:
    reply = tutor.conversation(case["turns"])
    return {"answer": reply["answer"], "intent": reply["intent"], "agent": reply["agent"]}


RUNNERS = {"triage": run_triage, "concepts": run_concept, "debug": run_debug, "review": run_review,
           "followups": run_followup}


def score(name: str, case: dict, seen: dict) -> dict:
    if "error" in seen:
        return {"ok": False, "error": seen["error"]}
    if name == "triage":
        return scoring.score_triage(case, seen["intent"])
    if name == "concepts":
        return scoring.score_concept(case, seen["answer"])
    if name == "debug":
        return scoring.score_debug(case, seen["answer"])
    if name == "review":
        return scoring.score_review(case, seen["answer"], seen.get("findings"), seen.get("score"))
    return scoring.score_followup(case, seen["answer"], seen["intent"])


def run_set(tutor: Tutor, name: str, threads: int) -> list[dict]:
    def one(case):
        try:
            return RUNNERS[name](tutor, case)
        except grpc.RpcError as exc:
            return {"error": f"{exc.code().name}: {exc.details()}"}

    with ThreadPoolExecutor(threads) as pool:
        return list(pool.map(one, load(name)))


# --- summary ---------------------------------------------------------------------------------------------
def pct(hits: int, total: int) -> str:
    return f"{hits}/{total} = {100 * hits / total:.1f}%" if total else "0/0"


def summarize(results: dict) -> tuple[dict, list[str]]:
    """Figures per set (and per intent / family / kind) plus the printed table."""
    figures: dict = {}
    out: list[str] = []
    for name, rows in results.items():
        cases = {c["id"]: c for c in load(name)}
        verdicts = [(cases[r["id"]], r["verdict"]) for r in rows]
        ok = sum(v["ok"] for _, v in verdicts)
        fig = {"cases": len(verdicts), "ok": ok, "rate": round(ok / len(verdicts), 4) if verdicts else 0.0}
        groups = defaultdict(lambda: [0, 0])
        if name == "triage":
            for c, v in verdicts:
                key = "follow-up" if c.get("previous") else c["intent"]
                groups[key][0] += v["ok"]
                groups[key][1] += 1
            out.append(f"triage     accuracy {pct(ok, len(verdicts))}")
        elif name == "concepts":
            for c, v in verdicts:
                groups["multi" if c.get("multi") else "single"][0] += v["ok"]
                groups["multi" if c.get("multi") else "single"][1] += 1
            out.append(f"concepts   on point {pct(ok, len(verdicts))}")
        elif name == "debug":
            for c, v in verdicts:
                for key in (c["kind"], "reads_input" if c.get("reads_input") else None):
                    if key:
                        groups[key][0] += v["ok"]
                        groups[key][1] += 1
            line = sum(v.get("line_ok", False) for _, v in verdicts)
            fix = sum(v.get("fix_ok", False) for _, v in verdicts)
            eof = sum(v.get("eof_diagnosis", False) for _, v in verdicts)
            fig.update(line_ok=line, fix_ok=fix, eof_diagnosis=eof)
            out.append(f"debug      line+fix {pct(ok, len(verdicts))}  (line {line}, fix {fix}, EOFError diagnoses {eof})")
            fams = defaultdict(lambda: [0, 0])
            for c, v in verdicts:
                fams[c["family"]][0] += v["ok"]
                fams[c["family"]][1] += 1
            fig["families"] = {k: f"{a}/{b}" for k, (a, b) in sorted(fams.items())}
        elif name == "review":
            for c, v in verdicts:
                groups[c["family"]][0] += v["ok"]
                groups[c["family"]][1] += 1
            severe = [v for c, v in verdicts if c.get("severe")]
            clear = sum(v.get("all_clear_on_severe", False) for v in severe)
            struct = sum(bool(v.get("structured_first")) for _, v in verdicts)
            anywhere = sum(v.get("anywhere", False) for _, v in verdicts)
            fig.update(all_clear_on_severe=clear, severe=len(severe), structured_first=struct, anywhere=anywhere)
            out.append(f"review     main issue first {pct(ok, len(verdicts))}  (ReviewCode first finding {struct}, "
                       f"mentioned anywhere {anywhere}; 'nothing to fix'/100 on severe: {clear}/{len(severe)})")
        else:
            out.append(f"follow-ups pass {pct(ok, len(verdicts))}")
        if groups:
            fig["groups"] = {k: {"ok": a, "cases": b} for k, (a, b) in sorted(groups.items())}
            out.append("           " + "  ".join(f"{k} {a}/{b}" for k, (a, b) in sorted(groups.items())))
        errors = sum("error" in v for _, v in verdicts)
        if errors:  # RPC failures count as misses; say so, the details are in --out
            fig["rpc_errors"] = errors
            out.append(f"           {errors} case(s) failed with an RPC error (see --out)")
        figures[name] = fig
    return figures, out


def start_mesh():
    from localmesh.mesh import Mesh, MeshConfig

    mesh = Mesh(MeshConfig.on_free_ports(Path(tempfile.mkdtemp(prefix="lf-blind-")), start_kafka=False, extra_env={
        "LEARNFLOW_ASKS_PER_MINUTE": "100000", "LEARNFLOW_SUBMISSIONS_PER_MINUTE": "100000",
        "LEARNFLOW_SANDBOX_MAX_QUEUE": "256"}), log=lambda *_: None)
    try:
        mesh.start(timeout=180)
    except Exception:
        mesh.stop()
        raise
    return mesh


def commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--address", help="Envoy of a running mesh (default: start one on free ports)")
    parser.add_argument("--email", help="existing or new student account (default: a fresh one)")
    parser.add_argument("--password", default="blind-eval-password-1")
    parser.add_argument("--sets", default=",".join(SETS), help="comma-separated subset of " + ",".join(SETS))
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--asks-per-minute", type=float,
                        help="client-side pacing (default: none on our own mesh, 25 with --address)")
    parser.add_argument("--out", help="write figures, every answer and verdict as JSON")
    parser.add_argument("--rescore", help="score the answers saved by --out again (no mesh)")
    args = parser.parse_args()
    names = [n for n in args.sets.split(",") if n]

    if args.rescore:
        saved = json.loads(Path(args.rescore).read_text())
        results = {n: saved["results"][n] for n in names if n in saved["results"]}
        for name, rows in results.items():
            cases = {c["id"]: c for c in load(name)}
            for row in rows:
                row["verdict"] = score(name, cases[row["id"]], row["seen"])
        meta = saved.get("meta", {})
    else:
        from cli.client import LearnFlowClient

        mesh = None if args.address else start_mesh()
        address = args.address or mesh.envoy_address
        started = time.perf_counter()
        try:
            client = LearnFlowClient(address, timeout=120)
            client.ensure_account(args.email or f"blind-{uuid.uuid4().hex[:10]}@example.org", args.password,
                                  "Blind Eval Student")
            rate = args.asks_per_minute if args.asks_per_minute is not None else (25 if args.address else 0)
            tutor = Tutor(client, Pacer(rate))
            results = {}
            for name in names:
                seen = run_set(tutor, name, args.threads)
                results[name] = [{"id": c["id"], "seen": s, "verdict": score(name, c, s)}
                                 for c, s in zip(load(name), seen)]
        finally:
            if mesh is not None:
                mesh.stop()
        meta = {"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                "commit": commit(), "address": args.address or "own mesh",
                "wall_s": round(time.perf_counter() - started, 1)}
    figures, lines = summarize(results)
    print(f"blind sets ({meta.get('date', '')}, commit {meta.get('commit', '?')})")
    print("\n".join(lines))
    if args.out:
        Path(args.out).write_text(json.dumps({"meta": meta, "figures": figures, "results": results}, indent=1))


if __name__ == "__main__":
    main()
