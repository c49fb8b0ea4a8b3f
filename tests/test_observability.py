"""Telemetry on standards, against real receivers: a mesh configured only by the standard OTEL_* variables
exports to Jaeger v2 (an OpenTelemetry Collector distribution, built by the bootstrap) — one Ask is one
trace from Envoy through triage and the specialist down to PostgreSQL, and the API, the logs and the events
carry its id — and a real Prometheus (Debian package) scrapes every agent and the relay with the alert rules
of deploy/prometheus/rules.yml loaded."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import psycopg
import pytest
from learnflow.v1 import events_pb2

from localmesh import processes
from tests.conftest import PASSWORD, new_email

ROOT = Path(__file__).resolve().parent.parent
CACHE_BIN = Path(os.environ.get("LEARNFLOW_CACHE", Path.home() / ".cache" / "learnflow")) / "bin"
RULES = ROOT / "deploy" / "prometheus" / "rules.yml"
AGENTS = ("identity", "mesh", "triage", "debug", "concepts", "progress")

pytestmark = pytest.mark.timeout(600)


def _tool(name: str) -> str:
    found = shutil.which(name) or (str(CACHE_BIN / name) if (CACHE_BIN / name).exists() else None)
    assert found, f"{name} is installed by scripts/bootstrap.sh"
    return found


def _get_json(url: str):
    with urllib.request.urlopen(url, timeout=5) as reply:
        return json.load(reply)


def _wait(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            last = predicate()
        except OSError as exc:  # the server is still starting
            last = exc
        else:
            if last:
                return last
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}; last: {last!r}")


def test_alert_rules_are_valid():
    done = subprocess.run([_tool("promtool"), "check", "rules", str(RULES)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "SUCCESS" in done.stdout


JAEGER_CONFIG = """
service:
  extensions: [jaeger_storage, jaeger_query]
  pipelines:
    traces:
      receivers: [otlp]
      processors: [batch]
      exporters: [jaeger_storage_exporter]
  telemetry:
    metrics:
      level: none
    logs:
      level: warn
extensions:
  jaeger_storage:
    backends:
      memstore:
        memory:
          max_traces: 10000
  jaeger_query:
    storage:
      traces: memstore
    http:
      endpoint: 127.0.0.1:{query}
    grpc:
      endpoint: 127.0.0.1:{query_grpc}
receivers:
  otlp:
    protocols:
      grpc:
        endpoint: 127.0.0.1:{otlp}
processors:
  batch:
    timeout: 200ms
exporters:
  jaeger_storage_exporter:
    trace_storage: memstore
"""


@pytest.fixture(scope="module")
def observed(pg_url):
    """Jaeger, then a mesh exporting to it (OTEL_* only) with a Kafka broker and the relay, then Prometheus."""
    from localmesh.mesh import Mesh, MeshConfig, distinct_free_ports

    run_dir = Path(tempfile.mkdtemp(prefix="lf-otel-"))
    otlp, query, query_grpc, prom_port = distinct_free_ports(4)
    (run_dir / "jaeger.yaml").write_text(JAEGER_CONFIG.format(otlp=otlp, query=query, query_grpc=query_grpc))
    pids = []
    mesh = None
    try:
        jaeger = processes.start("jaeger", [_tool("jaeger"), "--config", f"file:{run_dir / 'jaeger.yaml'}"], run_dir)
        pids.append(jaeger.pid)
        _wait(lambda: _get_json(f"http://127.0.0.1:{query}/api/services") is not None, 60, "Jaeger's query API")

        config = MeshConfig.on_free_ports(run_dir / "mesh", database_url=pg_url, extra_env={
            "OTEL_EXPORTER_OTLP_ENDPOINT": f"http://127.0.0.1:{otlp}", "OTEL_EXPORTER_OTLP_INSECURE": "true",
            "OTEL_BSP_SCHEDULE_DELAY": "200", "LEARNFLOW_HEARTBEAT_INTERVAL_S": "1"})
        config.agent_ports = {a: p for a, p in config.agent_ports.items() if a in AGENTS}
        mesh = Mesh(config, log=lambda *_: None).start(timeout=180)

        targets = [f"127.0.0.1:{config.metrics_port(a)}" for a in config.agent_ports]
        (run_dir / "prometheus.yml").write_text(json.dumps({
            "global": {"scrape_interval": "1s", "evaluation_interval": "1s"},
            "rule_files": [str(RULES)],
            "scrape_configs": [
                {"job_name": "learnflow-agents", "static_configs": [{"targets": targets}]},
                {"job_name": "learnflow-relay",
                 "static_configs": [{"targets": [f"127.0.0.1:{config.relay_metrics_port}"]}]}]}))
        prom = processes.start("prometheus", [
            _tool("prometheus"), f"--config.file={run_dir / 'prometheus.yml'}",
            f"--storage.tsdb.path={run_dir / 'tsdb'}", f"--web.listen-address=127.0.0.1:{prom_port}"], run_dir)
        pids.append(prom.pid)
        yield mesh, f"http://127.0.0.1:{query}", f"http://127.0.0.1:{prom_port}"
    finally:
        if mesh is not None:
            mesh.stop()
        for pid in reversed(pids):
            processes.stop_pid(pid)
        shutil.rmtree(run_dir, ignore_errors=True)


@pytest.fixture(scope="module")
def asked(observed):
    from cli.client import LearnFlowClient

    mesh, _, _ = observed
    with LearnFlowClient(mesh.envoy_address) as client:
        login = client.ensure_account(new_email("otel"), PASSWORD, "Traced")
        reply = client.ask("Why does my code fail?", "items = [1, 2]\nprint(items[5])")
    return login.student.student_id, reply


def test_one_ask_is_one_trace_from_envoy_to_postgres(observed, asked):
    mesh, jaeger, _ = observed
    _, reply = asked
    trace_hex = uuid.UUID(reply.routing.trace_id).hex

    def complete():
        data = _get_json(f"{jaeger}/api/traces/{trace_hex}").get("data") or []
        if not data:
            return None
        trace = data[0]
        services = {p["serviceName"] for p in trace["processes"].values()}
        wanted = {"learnflow-envoy", "learnflow-triage", "learnflow-debug"}
        has_db = any(t.get("key") == "db.system" and "postgres" in str(t.get("value"))
                     for s in trace["spans"] for t in s.get("tags", []))
        return trace if wanted <= services and has_db else None

    try:
        trace = _wait(complete, 60, "the whole trace in Jaeger")
    except urllib.error.HTTPError as exc:  # 404 until the first span arrives; report what there is
        raise AssertionError(f"trace {trace_hex} not found in Jaeger: {exc}") from exc
    assert all(span["traceID"] == trace_hex for span in trace["spans"])
    by_id = {span["spanID"]: span for span in trace["spans"]}
    roots = [s for s in trace["spans"] if not [r for r in s.get("references", []) if r["spanID"] in by_id]]
    assert len(roots) == 1 and trace["processes"][roots[0]["processID"]]["serviceName"] == "learnflow-envoy"
    services = {trace["processes"][s["processID"]]["serviceName"] for s in trace["spans"]}
    assert "learnflow-concepts" in services  # debug asks concepts to explain the error (collaboration)


def test_trace_id_is_the_same_in_api_logs_and_events(observed, asked):
    mesh, _, _ = observed
    student_id, reply = asked
    trace_hex = uuid.UUID(reply.routing.trace_id).hex

    def logged(name: str, field: str = "trace_id") -> bool:
        for line in (mesh.run_dir / "logs" / f"{name}.log").read_text(errors="replace").splitlines():
            if line.startswith("{") and json.loads(line).get(field) == trace_hex:
                return True
        return False

    _wait(lambda: logged("triage") and logged("debug"), 30, "agent log lines with the trace id")
    _wait(lambda: logged("envoy"), 30, "Envoy's access log line with the trace id")
    relay_lines = [line for line in (mesh.run_dir / "logs" / "relay.log").read_text().splitlines() if line.strip()]
    assert relay_lines and all(json.loads(line)["agent"] == "relay" for line in relay_lines)  # JSON like the agents
    with psycopg.connect(mesh.database_url, autocommit=True) as conn:
        rows = conn.execute("SELECT payload FROM event_outbox WHERE partition_key = %s AND event_type <> 'agent.log'",
                            (student_id,)).fetchall()
    envelopes = [events_pb2.EventEnvelope.FromString(bytes(r[0])) for r in rows]
    assert len(envelopes) >= 2
    assert {uuid.UUID(e.trace_id).hex for e in envelopes} == {trace_hex}


def _query(prom: str, expr: str) -> list:
    url = f"{prom}/api/v1/query?{urllib.parse.urlencode({'query': expr})}"
    return _get_json(url)["data"]["result"]


def test_prometheus_scrapes_agents_and_relay_with_rules(observed, asked):
    mesh, _, prom = observed
    _wait(lambda: len(_query(prom, "up == 1")) == len(mesh.config.agent_ports) + 1, 60, "every target up")
    expectations = {
        'sum(learnflow_rpc_requests_total{method="/learnflow.v1.TriageService/Ask",code="OK"})': 1,
        'sum(learnflow_rpc_duration_seconds_count{agent="debug"})': 1,
        'sum(learnflow_sandbox_run_seconds_count{agent="debug"})': 1,
        "sum(learnflow_kafka_publish_seconds_count)": 1,
        "sum(learnflow_outbox_published_total)": 1,
    }
    for expr, minimum in expectations.items():
        _wait(lambda: (r := _query(prom, expr)) and float(r[0]["value"][1]) >= minimum, 60, expr)
    assert _query(prom, "learnflow_outbox_unsent") and _query(prom, "learnflow_relay_leader == 1")
    _wait(lambda: _query(prom, 'learnflow_kafka_consumer_lag{group="progress-agent"}'), 60,
          "the progress consumer group's lag")
    rules = _get_json(f"{prom}/api/v1/rules")["data"]["groups"]
    assert {r["name"] for g in rules for r in g["rules"]} >= {"LearnFlowOutboxBacklog", "LearnFlowAgentDown",
                                                               "LearnFlowConsumerLag", "LearnFlowSandboxQueueBacklog"}
