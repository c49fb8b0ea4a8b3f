"""The whole mesh as local processes. `Mesh(...).start()` brings up, in order: PostgreSQL (embedded
unless a URL is given), migrations, Kafka (a real KRaft broker unless a bootstrap is given) and its
topics, every agent, the outbox relay, and Envoy; then waits until every service is healthy through Envoy."""
from __future__ import annotations

import os
import secrets
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from bridge.cluster import distinct_free_ports  # one implementation, shared with the Kafka cluster
from localmesh import processes
from localmesh.postgres import start_embedded
from server import registry
from server.config import AGENTS, DEFAULT_PORTS, env_key

ROOT = Path(__file__).resolve().parent.parent
# The registry lists callers before callees, so this order never cuts an inner call.
STOP_ORDER = ["envoy", "relay", *registry.AGENT_NAMES]


@dataclass
class MeshConfig:
    run_dir: Path
    envoy_port: int = 8080
    admin_port: int = 9901
    agent_ports: dict[str, list[int]] = field(default_factory=lambda: {a: [p] for a, p in DEFAULT_PORTS.items()})
    database_url: str | None = None
    kafka_bootstrap: str | None = None
    start_kafka: bool = True
    kafka_port: int = 9092
    kafka_controller_port: int | None = None
    keep_postgres_running: bool = True
    extra_env: dict[str, str] = field(default_factory=dict)
    # Prometheus endpoints: one per agent process (index-aligned with agent_ports) and the relay's.
    metrics_ports: dict[str, list[int]] = field(
        default_factory=lambda: {a.name: [a.metrics_port] for a in registry.AGENTS})
    relay_metrics_port: int = 51050
    web_port: int | None = None   # --- web (issue 11): the web app's static server (localmesh/webserver.py); None: off

    @classmethod
    def on_free_ports(cls, run_dir: Path, **kwargs) -> "MeshConfig":
        """For tests: every port picked free, so parallel runs never collide."""
        ports = distinct_free_ports(2 * len(AGENTS) + 5)
        return cls(run_dir=run_dir, envoy_port=ports.pop(), admin_port=ports.pop(),
                   agent_ports={a: [ports.pop()] for a in AGENTS}, kafka_port=ports.pop(),
                   kafka_controller_port=ports.pop(), keep_postgres_running=False,
                   metrics_ports={a: [ports.pop()] for a in AGENTS}, relay_metrics_port=ports.pop(), **kwargs)

    def metrics_port(self, agent: str, index: int = 0) -> int | None:
        """The metrics port of one agent process; None (endpoint off) for replicas nobody assigned one."""
        ports = self.metrics_ports.get(agent, [])
        return ports[index] if index < len(ports) else None


class Mesh:
    def __init__(self, config: MeshConfig, log=print):
        self.config = config
        self.log = log
        self.run_dir = config.run_dir
        self.database_url = config.database_url
        self.kafka_bootstrap = config.kafka_bootstrap
        self.pg_server = None
        self.broker = None
        self.procs: dict[str, processes.Managed] = {}
        self.jwt_secret = ""
        self.internal_secret = ""

    # --- environment -----------------------------------------------------------------------
    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("LEARNFLOW_")}
        env.update({
            "LEARNFLOW_DATABASE_URL": self.database_url or "",
            "LEARNFLOW_JWT_SECRET": self.jwt_secret,
            "LEARNFLOW_INTERNAL_SECRET": self.internal_secret,
            "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "generated")]),
            "PYTHONUNBUFFERED": "1",
            # Each process gets its own metrics port (start_agent, start_relay); extra processes none.
            "LEARNFLOW_METRICS_LISTEN": "off",
            "LEARNFLOW_RELAY_METRICS_LISTEN": "off",
        })
        for agent, ports in self.config.agent_ports.items():
            env[f"LEARNFLOW_{env_key(agent)}_ADDR"] = f"127.0.0.1:{ports[0]}" if len(ports) == 1 else \
                "ipv4:" + ",".join(f"127.0.0.1:{p}" for p in ports)
        if self.kafka_bootstrap:
            env["KAFKA_BOOTSTRAP_SERVERS"] = self.kafka_bootstrap
        else:
            env.pop("KAFKA_BOOTSTRAP_SERVERS", None)
        env.update({k: v for k, v in os.environ.items() if k.startswith("LEARNFLOW_") and k not in env})
        env.update(self.config.extra_env)
        return env

    @property
    def envoy_address(self) -> str:
        return f"127.0.0.1:{self.config.envoy_port}"

    # --- components ------------------------------------------------------------------------
    def _postgres(self) -> None:
        if self.database_url:
            self.log("PostgreSQL: using LEARNFLOW_DATABASE_URL")
            return
        self.pg_server, self.database_url = start_embedded(self.run_dir / "pgdata", self.config.keep_postgres_running)
        self.log(f"PostgreSQL: embedded server in {self.run_dir / 'pgdata'}")

    def _migrate(self) -> None:
        from db.migrate import apply_migrations

        applied = apply_migrations(self.database_url)
        self.log(f"migrations: {'applied ' + ', '.join(map(str, applied)) if applied else 'up to date'}")
        from knowledge.docs_index.build import ensure_loaded   # parsed once per docs version, then a COPY

        self.log(ensure_loaded(self.database_url))

    def _kafka(self) -> None:
        if self.kafka_bootstrap:
            self.log(f"Kafka: using {self.kafka_bootstrap}")
        elif self.config.start_kafka:
            from bridge.broker import KafkaBroker

            self.broker = KafkaBroker(port=self.config.kafka_port, data_dir=self.run_dir / "kafka",
                                      controller_port=self.config.kafka_controller_port)
            self.broker.start(timeout=120)
            self.kafka_bootstrap = self.broker.bootstrap
            (self.run_dir / "pids").mkdir(parents=True, exist_ok=True)
            (self.run_dir / "pids" / "kafka.pid").write_text(str(self.broker.pid))
            self.log(f"Kafka: KRaft broker listening on {self.kafka_bootstrap}")
        else:
            self.log("Kafka: not started (events wait in the outbox)")
            return
        from bridge.topics import ensure_topics

        ensure_topics(self.kafka_bootstrap)

    def _secret(self) -> None:
        self.jwt_secret = self._one_secret("jwt_secret", "LEARNFLOW_JWT_SECRET")
        # Signs agent-to-agent calls (server/auth.py): never sent to or accepted from clients.
        self.internal_secret = self._one_secret("internal_secret", "LEARNFLOW_INTERNAL_SECRET")

    def _one_secret(self, filename: str, variable: str) -> str:
        path = self.run_dir / filename
        if os.environ.get(variable):
            return os.environ[variable]
        if path.exists():
            return path.read_text().strip()
        value = secrets.token_urlsafe(48)  # generated for local runs; production sets the variable
        path.write_text(value)
        path.chmod(0o600)
        return value

    def start_agent(self, agent: str, index: int = 0) -> processes.Managed:
        port = self.config.agent_ports[agent][index]
        name = agent if index == 0 else f"{agent}-{index}"
        env = self.env()
        metrics = self.config.metrics_port(agent, index)
        if metrics and "LEARNFLOW_METRICS_LISTEN" not in self.config.extra_env:
            env["LEARNFLOW_METRICS_LISTEN"] = f"127.0.0.1:{metrics}"
        proc = processes.start(name, [sys.executable, "-m", "server", agent, "--listen", f"127.0.0.1:{port}"],
                               self.run_dir, env=env, cwd=ROOT)
        self.procs[name] = proc
        return proc

    def stop_agent(self, name: str) -> None:
        proc = self.procs.pop(name, None)
        if proc is not None:
            processes.stop_pid(proc.pid)
            (self.run_dir / "pids" / f"{name}.pid").unlink(missing_ok=True)

    def start_relay(self) -> None:
        if self.kafka_bootstrap:
            env = self.env()
            if "LEARNFLOW_RELAY_METRICS_LISTEN" not in self.config.extra_env:
                env["LEARNFLOW_RELAY_METRICS_LISTEN"] = f"127.0.0.1:{self.config.relay_metrics_port}"
            self.procs["relay"] = processes.start("relay", [sys.executable, "-m", "bridge.relay"], self.run_dir,
                                                  env=env, cwd=ROOT)

    def _envoy(self) -> None:
        sys.path.insert(0, str(ROOT / "envoy"))
        from edge_config import otlp_from_env
        from render_config import render
        import json

        agents = {a: [f"127.0.0.1:{p}" for p in ports] for a, ports in self.config.agent_ports.items()}
        cfg = render(f"127.0.0.1:{self.config.envoy_port}", f"127.0.0.1:{self.config.admin_port}", agents,
                     otlp=otlp_from_env(self.env()))
        path = self.run_dir / "envoy.json"
        path.write_text(json.dumps(cfg, indent=1))
        envoy = Path(sys.executable).parent / "envoy"
        self.procs["envoy"] = processes.start(
            "envoy", [sys.executable, "-m", "localmesh.keeper", str(envoy), "-c", str(path), "--log-level", "warn",
                      "--base-id", str(self.config.admin_port)],
            self.run_dir, env=self.env(), cwd=ROOT)

    def wait_healthy(self, timeout: float = 90.0) -> None:
        """Every agent port answers SERVING, then every service answers through Envoy."""
        deadline = time.monotonic() + timeout
        targets = [(name, f"127.0.0.1:{port}", registry.agent(agent).service) for agent, ports in self.config.agent_ports.items()
                   for name, port in ((agent if i == 0 else f"{agent}-{i}", p) for i, p in enumerate(ports))]
        targets += [(f"envoy->{a}", self.envoy_address, registry.agent(a).service) for a in self.config.agent_ports]
        targets.append(("envoy-hosts", f"127.0.0.1:{self.config.admin_port}", ""))
        for name, address, service in targets:
            while True:
                proc = self.procs.get("envoy" if name.startswith("envoy") else name)
                if proc is not None and not processes.alive(proc.pid):
                    raise RuntimeError(f"{name} exited during start-up:\n{processes.tail(proc.log)}")
                if name == "envoy-hosts":
                    if _envoy_hosts_healthy(address):
                        break
                elif _serving(address, service, name.startswith("envoy")):
                    break
                if time.monotonic() > deadline:
                    log_path = (proc.log if proc else self.run_dir / "logs" / "envoy.log")
                    raise TimeoutError(f"{name} not healthy after {timeout:.0f}s:\n{processes.tail(log_path)}")
                time.sleep(0.1)

    # --- lifecycle ---------------------------------------------------------------------------
    def start(self, timeout: float = 120.0) -> "Mesh":
        self.run_dir.mkdir(parents=True, exist_ok=True)
        self._postgres()
        self._migrate()
        self._secret()
        self._kafka()
        for agent, ports in self.config.agent_ports.items():
            for index in range(len(ports)):
                self.start_agent(agent, index)
        self.start_relay()
        self._envoy()
        self.wait_healthy(timeout)
        self.log(f"Envoy: listening on {self.envoy_address} (gRPC and gRPC-web); admin on "
                 f"127.0.0.1:{self.config.admin_port}")
        self.start_web()
        return self

    # --- web (issue 11) ---
    @property
    def web_url(self) -> str | None:
        return f"http://127.0.0.1:{self.config.web_port}/" if self.config.web_port else None

    def start_web(self) -> None:
        """The web app on its own origin (another port than Envoy's), when web_port is set and it is built."""
        if not self.config.web_port:
            return
        if not (ROOT / "web" / "dist" / "index.html").exists():
            self.log("web app: not built (scripts/bootstrap.sh builds web/dist); not served")
            return
        self.procs["web"] = processes.start(
            "web", [sys.executable, "-m", "localmesh.webserver", "--port", str(self.config.web_port),
                    "--envoy-port", str(self.config.envoy_port)], self.run_dir, env=self.env(), cwd=ROOT)
        self.log(f"web app: {self.web_url} (students and teachers; talks to Envoy on {self.envoy_address})")

    def stop(self) -> None:
        processes.stop_all(self.run_dir, ["web"] + STOP_ORDER + ["kafka"])   # web: issue 11
        self.procs.clear()
        if self.broker is not None:
            self.broker.stop()
            self.broker = None
        if self.pg_server is not None and not self.config.keep_postgres_running:
            self.pg_server.cleanup()
            self.pg_server = None


def _serving(address: str, service: str, via_envoy: bool) -> bool:
    if via_envoy:
        return _route_reaches(address, service)
    try:
        with grpc.insecure_channel(address) as channel:
            reply = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(service=service),
                                                              timeout=1.0)
        return reply.status == health_pb2.HealthCheckResponse.SERVING
    except grpc.RpcError:
        return False


def _envoy_hosts_healthy(admin: str) -> bool:
    """Every endpoint of every cluster has passed Envoy's active health check (so replicas all get traffic)."""
    import json
    import urllib.request

    try:
        with urllib.request.urlopen(f"http://{admin}/clusters?format=json", timeout=2) as reply:
            clusters = json.load(reply).get("cluster_statuses", [])
    except OSError:
        return False
    hosts = [h for c in clusters for h in c.get("host_statuses", [])]
    return bool(hosts) and all(not h.get("health_status", {}).get("failed_active_health_check")
                               and h.get("health_status", {}).get("eds_health_status", "HEALTHY") == "HEALTHY"
                               for h in hosts)


def _route_reaches(address: str, service: str) -> bool:
    """Envoy routes /<service>/ to a healthy agent: an unknown method then comes back UNIMPLEMENTED from
    the agent itself, while UNAVAILABLE means Envoy has no healthy upstream yet."""
    method = "__probe__"
    with grpc.insecure_channel(address) as channel:
        call = channel.unary_unary(f"/{service}/{method}", request_serializer=lambda b: b,
                                   response_deserializer=lambda b: b)
        try:
            call(b"", timeout=1.0)
        except grpc.RpcError as exc:
            # UNIMPLEMENTED/INVALID_ARGUMENT come from the agent itself; UNAVAILABLE means no healthy upstream.
            return exc.code() in (grpc.StatusCode.UNIMPLEMENTED, grpc.StatusCode.INVALID_ARGUMENT,
                                  grpc.StatusCode.UNAUTHENTICATED)
        return True
