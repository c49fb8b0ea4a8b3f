"""`make bench`: throughput and latency of the mesh through Envoy, each row as a ratio to a bare grpc.aio
echo measured in the same run through the same Envoy.

Starts its own mesh on free ports (PostgreSQL, Kafka, every agent, the relay, Envoy) with the per-student
limits lifted, plus bench/bare_echo.py behind the same Envoy (selected by an `x-bench-target: bare`
header route). ghz (pinned, installed by scripts/bootstrap.sh) drives each unary row; a small Python
client measures AskStream time to the first text chunk; a Kafka consumer in this process measures how
long after an answer's event was created it is visible on `agent-responses`; MeshService/GetEventBacklog
is sampled every second for the progress consumer's lag, during the load and after it until it drains.

  .venv/bin/python bench/speed.py [--duration 6] [--concurrency 16] [--connections 2] [--json out.json]

Numbers on a shared machine are noisy: compare ratios from one run, not absolute figures across runs.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "generated"))

from learnflow.v1 import events_pb2, exercise_service_pb2, mesh_service_pb2  # noqa: E402

from bench.cpu_meter import CpuMeter  # noqa: E402
from localmesh import processes  # noqa: E402
from localmesh.mesh import Mesh, MeshConfig, distinct_free_ports  # noqa: E402

CACHE = Path(os.environ.get("LEARNFLOW_CACHE", Path.home() / ".cache" / "learnflow"))
BARE_HEADER = "x-bench-target"
CONCEPT = {"query_text": "What is the difference between a list and a tuple?"}
REVIEW = {"query_text": "Please review my code",
          "code_snippet": "def f(l):\n    r = []\n    for i in range(len(l)):\n        r.append(l[i])\n    return r\n",
          "language": "CODE_LANGUAGE_PYTHON"}
DEBUG = {"query_text": "Why does my code crash?", "code_snippet": "arr = [1, 2, 3]\nprint(arr[5])\n",
         "language": "CODE_LANGUAGE_PYTHON"}


class BenchMesh(Mesh):
    """The mesh plus the bare echo server, routed by Envoy when the request carries x-bench-target: bare."""

    def __init__(self, config: MeshConfig, bare_port: int, log=print):
        super().__init__(config, log=log)
        self.bare_port = bare_port

    def _envoy(self) -> None:
        sys.path.insert(0, str(ROOT / "envoy"))
        from render_config import cluster, render

        processes.start("bare-echo", [sys.executable, str(ROOT / "bench" / "bare_echo.py"), "--listen",
                                      f"127.0.0.1:{self.bare_port}"], self.run_dir, env=self.env(), cwd=ROOT)
        agents = {a: [f"127.0.0.1:{p}" for p in ports] for a, ports in self.config.agent_ports.items()}
        cfg = render(f"127.0.0.1:{self.config.envoy_port}", f"127.0.0.1:{self.config.admin_port}", agents)
        bare = cluster("mesh", [f"127.0.0.1:{self.bare_port}"])
        bare["name"] = bare["load_assignment"]["cluster_name"] = "bare-echo"
        cfg["static_resources"]["clusters"].append(bare)
        manager = cfg["static_resources"]["listeners"][0]["filter_chains"][0]["filters"][0]["typed_config"]
        manager["route_config"]["virtual_hosts"][0]["routes"].insert(0, {
            "match": {"prefix": "/", "headers": [{"name": BARE_HEADER, "string_match": {"exact": "bare"}}]},
            "route": {"cluster": "bare-echo", "timeout": "0s"}})
        path = self.run_dir / "envoy.json"
        path.write_text(json.dumps(cfg, indent=1))
        envoy = Path(sys.executable).parent / "envoy"
        self.procs["envoy"] = processes.start(
            "envoy", [sys.executable, "-m", "localmesh.keeper", str(envoy), "-c", str(path), "--log-level", "warn",
                      "--base-id", str(self.config.admin_port)], self.run_dir, env=self.env(), cwd=ROOT)


def ghz_binary() -> str:
    found = shutil.which("ghz") or (str(CACHE / "bin" / "ghz") if (CACHE / "bin" / "ghz").exists() else None)
    if not found:
        raise SystemExit("ghz not found: run `make bootstrap` (it installs ghz into $LEARNFLOW_CACHE/bin)")
    return found


def protoset(run_dir: Path) -> Path:
    out = run_dir / "learnflow.protoset"
    subprocess.run([str(ROOT / ".venv" / "bin" / "buf"), "build", "--as-file-descriptor-set", "-o", str(out)],
                   cwd=ROOT, check=True)
    return out


def ghz(args, address: str, descriptors: Path, call: str, data: dict, metadata: dict, rps: int = 0,
        meter: CpuMeter | None = None) -> dict:
    argv = [ghz_binary(), "--insecure", "--protoset", str(descriptors), "--call", call,
            "-d", json.dumps(data), "-m", json.dumps(metadata), "--format", "json",
            "--concurrency", str(args.concurrency), "--connections", str(args.connections),
            "--duration", f"{args.duration}s", "--timeout", "20s"]
    if rps:
        argv += ["--rps", str(rps)]
    # A short warm-up (connections, caches, first-call imports) that is not measured.
    warm = [a if a != f"{args.duration}s" else "1s" for a in argv]
    subprocess.run(warm + [address], capture_output=True, check=False)
    if meter is not None:
        meter.start()
    began = time.monotonic()
    done = subprocess.run(argv + [address], capture_output=True, text=True, check=False)
    wall = time.monotonic() - began
    if done.returncode != 0 and not done.stdout.strip():
        raise RuntimeError(f"ghz failed: {done.stderr[-2000:]}")
    report = json.loads(done.stdout)
    dist = {int(d["percentage"]): d["latency"] / 1e6 for d in report.get("latencyDistribution") or []}
    codes = report.get("statusCodeDistribution") or {}
    # Throughput counts answered calls only: a refusal (RESOURCE_EXHAUSTED, UNAVAILABLE) is cheap and would
    # flatter a row; the 16 calls cancelled when the load generator stops are the only expected non-OK ones.
    total = report.get("count", 0) or 1
    ok_rps = report.get("rps", 0.0) * codes.get("OK", 0) / total
    out = {"rps": ok_rps, "rps_all": report.get("rps", 0.0), "p50": dist.get(50, float("nan")), "p99": dist.get(99, float("nan")),
           "count": report.get("count", 0), "codes": codes, "errors": report.get("errorDistribution") or {}}
    if meter is not None:
        out["cpu"] = meter.stop(wall, codes.get("OK", 0))
    return out


class LagSampler(threading.Thread):
    """GetEventBacklog every second: the progress consumer group's lag and the outbox's unsent rows."""

    def __init__(self, client):
        super().__init__(daemon=True)
        self.client = client
        self.samples: list[tuple[float, str, int, int]] = []   # (t, phase, lag, unsent)
        self.phase = "load"
        # Paused during the Echo rows: each sample builds Kafka admin clients inside the mesh agent, which
        # would tax the very process those rows measure (and Echo writes no events to watch).
        self.paused = True
        self.stop = threading.Event()
        self.t0 = time.monotonic()

    def sample(self) -> tuple[int, int]:
        reply = self.client.mesh.GetEventBacklog(mesh_service_pb2.GetEventBacklogRequest(),
                                                 metadata=self.client.metadata, timeout=10)
        lag = int(reply.consumer_lag.get("progress-agent", -1))
        self.samples.append((time.monotonic() - self.t0, self.phase, lag, int(reply.unsent)))
        return lag, int(reply.unsent)

    def run(self) -> None:
        while not self.stop.wait(1.0):
            if self.paused:
                continue
            try:
                self.sample()
            except Exception:  # a slow answer under load is a sample lost, not a failed bench
                pass


class EventWatcher(threading.Thread):
    """Consumes agent-responses from the end: per event, now - envelope timestamp (set before the commit,
    so this is an upper bound of commit -> visible)."""

    def __init__(self, bootstrap: str):
        super().__init__(daemon=True)
        from kafka import KafkaConsumer

        self.consumer = KafkaConsumer("agent-responses", bootstrap_servers=bootstrap,
                                      group_id=f"bench-{uuid.uuid4().hex[:8]}", auto_offset_reset="latest",
                                      enable_auto_commit=False)
        self.delays: list[float] = []
        self.recording = False
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            for records in self.consumer.poll(timeout_ms=200).values():
                now = time.time()
                for record in records:
                    env = events_pb2.EventEnvelope()
                    env.ParseFromString(record.value)
                    if self.recording:
                        self.delays.append((now - env.timestamp.ToNanoseconds() / 1e9) * 1000)
        self.consumer.close()


PROFILED = {"MeshService/Echo (full guard)": "mesh", "Ask, concept question": "triage"}


def profiler(args, run: Path, row: str):
    """py-spy (pinned dev tool) on the agent serving `row`, for the measured part of the row."""
    if not args.profile or row not in PROFILED:
        return None
    agent = PROFILED[row]
    pid = (run / "pids" / f"{agent}.pid").read_text().strip()
    # Next to --json, else in the working directory (the run directory is removed at the end). The pid file
    # may name the agent's keeper process: --subprocesses follows it to the agent itself.
    out = Path(args.json or "speed-profile.json").with_suffix(f".{agent}.collapsed")
    print(f"  profile of {agent}: {out}", file=sys.stderr)
    return subprocess.Popen([str(ROOT / ".venv" / "bin" / "py-spy"), "record", "--pid", pid, "--duration",
                             str(args.duration), "--rate", "200", "--format", "raw", "--output", str(out),
                             "--nonblocking", "--subprocesses"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")


def first_chunk_ms(client, request: dict, n: int) -> list[float]:
    out = []
    for _ in range(n):
        started = time.perf_counter()
        for event in client.ask_stream(request["query_text"], request.get("code_snippet", "")):
            if event.WhichOneof("event") == "text_chunk":
                out.append((time.perf_counter() - started) * 1000)
                break
    return out


def left_processing(database_url: str) -> dict:
    """Queries still 'processing' after the load (each row's load generator cancelled its last 16 calls)."""
    import psycopg

    with psycopg.connect(database_url) as conn:
        rows = conn.execute("SELECT status, count(*) FROM query_history GROUP BY status").fetchall()
    return {status: n for status, n in rows}


def outbox_delays(database_url: str, since_s: float) -> dict:
    """For the events of the measured rows: created (the writing transaction's start) -> marked sent by the
    relay (after Kafka acknowledged it), per topic: where the time before a consumer sees an event goes."""
    import psycopg

    with psycopg.connect(database_url) as conn:
        rows = conn.execute(
            "SELECT topic, percentile_disc(0.5) WITHIN GROUP (ORDER BY d) AS p50,"
            " percentile_disc(0.99) WITHIN GROUP (ORDER BY d) AS p99, count(*) AS n FROM"
            " (SELECT topic, 1000 * EXTRACT(EPOCH FROM sent_at - created_at) AS d FROM event_outbox"
            "  WHERE sent_at IS NOT NULL AND created_at > to_timestamp(%s)) x GROUP BY topic ORDER BY n DESC",
            (since_s,)).fetchall()
    return {topic: {"p50": float(p50), "p99": float(p99), "n": n} for topic, p50, p99, n in rows}


def echo_pairs(args, address, descriptors, bare_row, guarded_row, run, pairs: int = 4, seconds: int = 2) -> list:
    """Bare and guarded Echo alternated in short slices: each pair's ratio, and the cores the rest of the
    machine was using in each slice. Shows how much of a single 6 s pair's ratio is the machine's drift."""
    short = argparse.Namespace(**{**vars(args), "duration": seconds})
    out = []
    for _ in range(pairs):
        bare = ghz(short, address, descriptors, *bare_row, meter=CpuMeter(run))
        guarded = ghz(short, address, descriptors, *guarded_row, meter=CpuMeter(run))
        out.append({"bare_rps": bare["rps"], "guarded_rps": guarded["rps"],
                    "bare_others": bare["cpu"]["_others_cores"], "guarded_others": guarded["cpu"]["_others_cores"],
                    "bare_cpu_ms": bare["cpu"].get("bare-echo", 0.0), "guarded_cpu_ms": guarded["cpu"].get("mesh", 0.0)})
    return out


def sequential_echo_ms(client, extra: dict, n: int) -> list[float]:
    """One Echo at a time through Envoy: the round trip AskStream's first chunk is compared with."""
    metadata = list(client.metadata) + list(extra.items())
    out = []
    for _ in range(n):
        started = time.perf_counter()
        client.mesh.Echo(mesh_service_pb2.EchoRequest(message="ping"), metadata=metadata, timeout=10)
        out.append((time.perf_counter() - started) * 1000)
    return out


def exercise_with_three_tests(client) -> exercise_service_pb2.Exercise:
    """The first exercise of the bank (in its stable listing order) with 3 visible tests whose starter code
    is graded promptly (a starter that loops until the sandbox's wall limit would measure the limit)."""
    listing = client.exercise.ListExercises(exercise_service_pb2.ListExercisesRequest(page_size=200),
                                            metadata=client.metadata, timeout=20)
    for exercise in listing.exercises:
        if len(exercise.test_cases) != 3 or not exercise.starter_code:
            continue
        started = time.perf_counter()
        client.exercise.SubmitSolution(exercise_service_pb2.SubmitSolutionRequest(
            exercise_id=exercise.exercise_id, code=exercise.starter_code), metadata=client.metadata, timeout=20)
        if time.perf_counter() - started < 1.0:
            return exercise
    raise RuntimeError("no exercise with 3 tests and a promptly graded starter code in the bank")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=6, help="seconds per ghz row")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--connections", type=int, default=2)
    parser.add_argument("--stream-calls", type=int, default=60)
    parser.add_argument("--drain-timeout", type=float, default=60.0)
    parser.add_argument("--json", help="also write the results here")
    parser.add_argument("--env", action="append", default=[], help="extra KEY=VALUE for the agents")
    parser.add_argument("--profile", action="store_true",
                        help="py-spy the serving agent during the Echo and Ask-concept rows (collapsed stacks "
                             "written next to --json)")
    parser.add_argument("--replicas", default=os.environ.get("LEARNFLOW_REPLICAS", ""),
                        help="processes per agent, e.g. triage=2,mesh=2 (each its own port, all in Envoy)")
    args = parser.parse_args()
    from cli.client import LearnFlowClient

    run = Path(tempfile.mkdtemp(prefix="lf-speed-"))
    # Limits lifted: per-student budgets, and the sandbox's per-student bound on jobs at once (the load is 16
    # concurrent calls of one bench student; the bound would refuse all but 2 of its submissions).
    extra = {"LEARNFLOW_ASKS_PER_MINUTE": "100000000", "LEARNFLOW_SUBMISSIONS_PER_MINUTE": "100000000",
             "LEARNFLOW_SANDBOX_PER_OWNER": "64",
             "LEARNFLOW_LOG_LEVEL": os.environ.get("LEARNFLOW_LOG_LEVEL", "INFO")}
    extra.update(dict(kv.split("=", 1) for kv in args.env))
    bare_port = distinct_free_ports(1)[0]
    config = MeshConfig.on_free_ports(run, start_kafka=True, extra_env=extra)
    for item in filter(None, args.replicas.split(",")):
        agent, count = item.split("=")
        config.agent_ports[agent] += distinct_free_ports(int(count) - 1)
    mesh = BenchMesh(config, bare_port, log=lambda *a: print(*a, file=sys.stderr))
    started = time.monotonic()
    mesh.start(timeout=180)
    results: dict = {"machine": f"{platform.node()} {os.cpu_count()} cores, {platform.python_version()}"
                                + (f", replicas {args.replicas}" if args.replicas else ""),
                     "rows": {}, "loadavg_start": os.getloadavg()}
    try:
        address = mesh.envoy_address
        descriptors = protoset(run)
        client = LearnFlowClient(address)
        client.ensure_account(f"bench-{uuid.uuid4().hex[:8]}@example.org", "bench-password-1", "Bench")
        auth = {"authorization": f"Bearer {client.token}"}
        sampler = LagSampler(client)
        sampler.start()
        # The topics exist before the watcher subscribes (the relay creates them on its first publish; a
        # consumer subscribed to a topic not yet created would wait for its next metadata refresh, minutes).
        from bridge.topics import ensure_topics

        ensure_topics(mesh.kafka_bootstrap)
        watcher = EventWatcher(mesh.kafka_bootstrap)
        watcher.start()
        exercise = exercise_with_three_tests(client)
        rows = [
            ("bare grpc.aio echo (no interceptors)", "learnflow.v1.MeshService.Echo", {"message": "ping"},
             {**auth, BARE_HEADER: "bare"}),
            ("MeshService/Echo (full guard)", "learnflow.v1.MeshService.Echo", {"message": "ping"}, auth),
            ("Ask, concept question", "learnflow.v1.TriageService.Ask", CONCEPT, auth),
            ("Ask, code review", "learnflow.v1.TriageService.Ask", REVIEW, auth),
            ("Ask, debug (sandbox run + concepts)", "learnflow.v1.TriageService.Ask", DEBUG, auth),
            (f"SubmitSolution (starter code, {len(exercise.test_cases)} tests)",
             "learnflow.v1.ExerciseService.SubmitSolution",
             {"exercise_id": exercise.exercise_id, "code": exercise.starter_code or "pass\n"}, auth),
        ]
        results["echo_pairs"] = echo_pairs(args, address, descriptors, rows[0][1:], rows[1][1:], run)
        watcher.recording = True
        load_started = time.time()
        for name, call, data, metadata in rows:
            if name != rows[0][0]:
                # The bare echo right before each row: the load of others drifts within a run on a shared
                # machine, so each row is compared with the baseline measured next to it.
                sampler.paused = True
                bare_now = ghz(args, address, descriptors, *rows[0][1:], meter=CpuMeter(run))
            sampler.paused = "Echo" in call
            spy = profiler(args, run, name)
            results["rows"][name] = ghz(args, address, descriptors, call, data, metadata, meter=CpuMeter(run))
            if name != rows[0][0]:
                results["rows"][name]["bare_cpu"] = bare_now.get("cpu")
            if name != rows[0][0]:
                results["rows"][name]["bare_rps"] = bare_now["rps"]
            if spy is not None:
                spy.wait()
            print(f"  measured {name}", file=sys.stderr)
            if name.startswith("Ask, concept"):
                half = max(1, int(results["rows"][name]["rps"] / 2))
                results["rows"][f"Ask, concept question at {half} req/s (half)"] = ghz(
                    args, address, descriptors, call, data, metadata, rps=half)
                results["rows"][f"Ask, concept question at {half} req/s (half)"]["bare_rps"] = bare_now["rps"]
        watcher.recording = False
        sampler.paused = True
        results["echo_rtt"] = {"bare": sequential_echo_ms(client, {BARE_HEADER: "bare"}, args.stream_calls),
                               "guarded": sequential_echo_ms(client, {}, args.stream_calls)}
        results["first_chunk"] = {
            "concept": first_chunk_ms(client, CONCEPT, args.stream_calls),
            "debug": first_chunk_ms(client, DEBUG, args.stream_calls)}
        sampler.phase, sampler.paused = "after", False
        drain_started = time.monotonic()
        while time.monotonic() - drain_started < args.drain_timeout:
            time.sleep(1.0)
            if sampler.samples and sampler.samples[-1][1] == "after" and sampler.samples[-1][2] == 0 \
                    and sampler.samples[-1][3] == 0:
                break
        sampler.stop.set()
        watcher.stop.set()
        results["lag"] = sampler.samples
        results["left_processing"] = left_processing(mesh.database_url)
        results["event_delay_ms"] = watcher.delays
        results["outbox_delay_ms"] = outbox_delays(mesh.database_url, load_started)
        client.close()
    finally:
        mesh.stop()
        processes.stop_all(run)
        shutil.rmtree(run, ignore_errors=True)
    results["wall_s"] = time.monotonic() - started
    results["loadavg_end"] = os.getloadavg()
    report(results)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))


def report(results: dict) -> None:
    rows = results["rows"]
    print(f"machine: {results['machine']}; load average at start {results['loadavg_start'][0]:.1f}, at end "
          f"{results['loadavg_end'][0]:.1f}; one run; each row's ratio is to the bare echo measured just before it")
    print("| call | req/s (OK) | p50 ms | p99 ms | bare echo req/s (adjacent) | vs bare echo | non-OK |")
    print("|---|---|---|---|---|---|---|")
    for name, r in rows.items():
        bad = sum(v for k, v in r["codes"].items() if k != "OK")
        base = r.get("bare_rps", r["rps"]) or 1.0
        print(f"| {name} | {r['rps']:,.0f} | {r['p50']:.1f} | {r['p99']:.1f} | {base:,.0f} | {r['rps'] / base:.3f} "
              f"| {bad} |")
    print("CPU per call (ms, measured part of each row; 'others' = cores busy outside this bench's processes):")
    for name, r in rows.items():
        cpu = r.get("cpu")
        if not cpu:
            continue
        top = ", ".join(f"{k} {v:.2f}" for k, v in cpu.items() if not k.startswith("_") and v >= 0.01)
        base = r.get("bare_cpu") or {}
        bare = f"; adjacent bare echo: {base['_total_ms']:.2f} total, others {base['_others_cores']:.2f} cores" \
            if base else ""
        print(f"  {name}: total {cpu['_total_ms']:.2f} ({top}); others {cpu['_others_cores']:.2f} cores{bare}")
    pairs = results.get("echo_pairs") or []
    if pairs:
        ratios = [p["guarded_rps"] / p["bare_rps"] for p in pairs if p["bare_rps"]]
        print("Echo, bare and guarded alternated in 2 s slices (ratio; cores used by the rest of the machine in the "
              "bare / guarded slice; serving process CPU ms per call bare / guarded):")
        for p, r in zip(pairs, ratios):
            print(f"  {r:.2f} (others {p['bare_others']:.2f} / {p['guarded_others']:.2f} cores; "
                  f"CPU {p['bare_cpu_ms']:.3f} / {p['guarded_cpu_ms']:.3f} ms)")
        cpu = [p["bare_cpu_ms"] / p["guarded_cpu_ms"] for p in pairs if p["guarded_cpu_ms"]]
        print(f"  median ratio {statistics.median(ratios):.2f}; serving-process CPU per call, bare / guarded, median "
              f"{statistics.median(cpu):.2f}")
    for kind, values in results["echo_rtt"].items():
        print(f"Echo one at a time ({kind}): p50 {statistics.median(values):.1f} ms, p99 {pct(values, .99):.1f} ms")
    for kind, values in results["first_chunk"].items():
        print(f"AskStream ({kind}) first text chunk: p50 {statistics.median(values):.1f} ms, "
              f"p99 {pct(values, .99):.1f} ms ({len(values)} calls)")
    statuses = results.get("left_processing", {})
    print(f"queries by status after the run: {statuses} (processing = left behind by cancelled calls)")
    delays = results["event_delay_ms"]
    print(f"agent-responses events visible to a consumer after creation: p50 {pct(delays, .5):.0f} ms, "
          f"p99 {pct(delays, .99):.0f} ms ({len(delays)} events)")
    for topic, d in results.get("outbox_delay_ms", {}).items():
        print(f"  outbox {topic}: created -> marked sent by the relay p50 {d['p50']:.0f} ms, p99 {d['p99']:.0f} ms "
              f"({d['n']} events)")
    load = [s for s in results["lag"] if s[1] == "load"]
    after = [s for s in results["lag"] if s[1] == "after"]
    print("progress consumer lag during load (max, last): "
          f"{max((s[2] for s in load), default=-1)}, {load[-1][2] if load else -1}; outbox unsent max "
          f"{max((s[3] for s in load), default=-1)}")
    print("after the load, per second (lag/unsent): " + " ".join(f"{s[2]}/{s[3]}" for s in after))
    drained = after and after[-1][2] == 0 and after[-1][3] == 0
    print(f"drained to 0: {'yes, after ' + str(len(after)) + ' s' if drained else 'NO'}; bench wall "
          f"{results['wall_s']:.0f} s")


if __name__ == "__main__":
    main()
