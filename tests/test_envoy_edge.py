"""Envoy for a cluster: DNS-named clusters, TLS on the listener, health routed by service name, request-size
limit at the edge and JSON access logs — a second, real Envoy in front of the session mesh's agents."""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from learnflow.v1 import identity_service_pb2, identity_service_pb2_grpc, mesh_service_pb2, mesh_service_pb2_grpc

from localmesh import processes
from server import registry
from tests.conftest import PASSWORD, new_email

ROOT = Path(__file__).resolve().parent.parent
ENVOY = Path(sys.executable).parent / "envoy"
RENDER = [sys.executable, str(ROOT / "envoy" / "render_config.py")]


def _render(tmp_path: Path, *args: str) -> Path:
    out = tmp_path / "envoy.json"
    subprocess.run([*RENDER, *args, "--out", str(out)], check=True, cwd=ROOT, capture_output=True)
    return out


def test_dns_named_clusters_validate(tmp_path):
    """Kubernetes-style names render as STRICT_DNS clusters that Envoy accepts (a STATIC cluster would not)."""
    args = [f"--agent={a.name}={a.name}.learnflow.svc.cluster.local:{a.port}" for a in registry.AGENTS]
    config = _render(tmp_path, "--listen", "0.0.0.0:8080", "--admin", "127.0.0.1:9901", *args,
                     "--otlp", "otel-collector.learnflow.svc:4317")
    clusters = json.loads(config.read_text())["static_resources"]["clusters"]
    assert {c["name"]: c["type"] for c in clusters} == {**{a.name: "STRICT_DNS" for a in registry.AGENTS},
                                                        "otel_collector": "STRICT_DNS"}
    done = subprocess.run([str(ENVOY), "--mode", "validate", "-c", str(config)], capture_output=True, text=True)
    assert done.returncode == 0 and "OK" in done.stdout, done.stdout[-2000:] + done.stderr[-2000:]


def _self_signed(tmp_path: Path) -> tuple[Path, Path]:
    cert, key = tmp_path / "tls.crt", tmp_path / "tls.key"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    return cert, key


@pytest.fixture
def tls_dns_envoy(mesh, tmp_path):
    """A second Envoy: TLS listener, every cluster addressed as localhost:<port> (resolved by DNS)."""
    cert, key = _self_signed(tmp_path)
    port, admin = processes.free_port(), processes.free_port()
    args = [f"--agent={name}=" + ",".join(f"localhost:{p}" for p in ports)
            for name, ports in mesh.config.agent_ports.items()]
    config = _render(tmp_path, "--listen", f"127.0.0.1:{port}", "--admin", f"127.0.0.1:{admin}", *args,
                     "--tls-cert", str(cert), "--tls-key", str(key))
    log = open(tmp_path / "envoy.log", "wb")
    proc = subprocess.Popen([str(ENVOY), "-c", str(config), "--log-level", "warn", "--base-id", str(admin)],
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        yield f"localhost:{port}", cert.read_bytes(), tmp_path / "envoy.log"
    finally:
        processes.stop_pid(proc.pid)
        log.close()


def _wait_serving(stub, service: str, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while True:
        try:
            return stub.Check(health_pb2.HealthCheckRequest(service=service), timeout=5).status
        except grpc.RpcError as exc:
            # UNAVAILABLE until Envoy has resolved the names and the first active health check passed
            if exc.code() != grpc.StatusCode.UNAVAILABLE or time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_tls_listener_dns_clusters_and_health_by_service(mesh, tls_dns_envoy):
    address, ca, log_path = tls_dns_envoy
    with grpc.secure_channel(address, grpc.ssl_channel_credentials(root_certificates=ca)) as channel:
        health = health_pb2_grpc.HealthStub(channel)
        for agent in registry.AGENTS:  # each service's health is answered by its own agent
            assert _wait_serving(health, agent.service) == health_pb2.HealthCheckResponse.SERVING, agent.name
        watch = health.Watch(health_pb2.HealthCheckRequest(service="learnflow.v1.DebugService"), timeout=10)
        assert next(watch).status == health_pb2.HealthCheckResponse.SERVING  # the streaming health call too
        watch.cancel()
        identity = identity_service_pb2_grpc.IdentityServiceStub(channel)
        email = new_email("tls")
        identity.Register(identity_service_pb2.RegisterRequest(email=email, password=PASSWORD, name="TLS"),
                          timeout=30)
        token = identity.Login(identity_service_pb2.LoginRequest(email=email, password=PASSWORD),
                               timeout=30).tokens.access_token
        echo = mesh_service_pb2_grpc.MeshServiceStub(channel).Echo(
            mesh_service_pb2.EchoRequest(message="over tls"), metadata=[("authorization", f"Bearer {token}")],
            timeout=30)
        assert echo.message == "over tls"
        with pytest.raises(grpc.RpcError) as too_big:  # refused by Envoy before any agent sees it
            mesh_service_pb2_grpc.MeshServiceStub(channel).Echo(
                mesh_service_pb2.EchoRequest(message="x" * (5 * 1024 * 1024)),
                metadata=[("authorization", f"Bearer {token}")], timeout=30)
        assert too_big.value.code() != grpc.StatusCode.INVALID_ARGUMENT

    # Only the debug agent serves DebugService's health: the mesh agent (the fallback route) does not know it,
    # so the SERVING answers above came from the agent named in the request.
    mesh_port = mesh.config.agent_ports["mesh"][0]
    with grpc.insecure_channel(f"127.0.0.1:{mesh_port}") as direct:
        with pytest.raises(grpc.RpcError) as unknown:
            health_pb2_grpc.HealthStub(direct).Check(health_pb2.HealthCheckRequest(service="learnflow.v1.DebugService"),
                                                     timeout=5)
        assert unknown.value.code() == grpc.StatusCode.NOT_FOUND
    # A plaintext client cannot talk to the TLS listener.
    with grpc.insecure_channel(address) as plain:
        with pytest.raises(grpc.RpcError):
            health_pb2_grpc.HealthStub(plain).Check(health_pb2.HealthCheckRequest(), timeout=3)

    entries = _access_log(log_path, lambda e: e.get("path") == "/learnflow.v1.MeshService/Echo")
    ok = [e for e in entries if e["grpc_status"] == "OK"]
    refused = [e for e in entries if e["bytes_in"] > 4 * 1024 * 1024]
    assert ok and ok[0]["cluster"] == "mesh" and ok[0]["protocol"] == "HTTP/2" and ok[0]["upstream"], entries
    assert refused and refused[0]["upstream"] is None and refused[0]["grpc_status"] != "OK", entries


def _access_log(path: Path, keep, timeout: float = 10.0) -> list[dict]:
    """Envoy writes access logs asynchronously (flushed about every second): wait for the lines."""
    deadline = time.monotonic() + timeout
    while True:
        entries = []
        for line in path.read_text(errors="replace").splitlines():
            if line.startswith("{"):
                entry = json.loads(line)
                if keep(entry):
                    entries.append(entry)
        if len(entries) >= 2 or time.monotonic() > deadline:
            return entries
        time.sleep(0.2)


def test_time_limits_are_rendered_per_route_kind():
    """Unary calls without a deadline get the default one; streams are bounded by a maximum duration and an
    idle timeout instead (a client's grpc-timeout still wins: grpc_timeout_header_max 0 = honour it)."""
    sys.path.insert(0, str(ROOT / "envoy"))
    from edge_config import Limits
    from render_config import render

    limits = Limits(unary_timeout_s=7, stream_max_s=70, stream_idle_s=30)
    cfg = render("127.0.0.1:1", "127.0.0.1:2", {a.name: ["127.0.0.1:9"] for a in registry.AGENTS}, limits=limits)
    manager = cfg["static_resources"]["listeners"][0]["filter_chains"][0]["filters"][0]["typed_config"]
    assert manager["stream_idle_timeout"] == "30s" and manager["access_log"]
    routes = {r["match"].get("path") or r["match"].get("prefix"): r["route"]
              for r in manager["route_config"]["virtual_hosts"][0]["routes"]}
    stream = routes[registry.method("TriageService", "AskStream").path]
    unary = routes["/learnflow.v1.TriageService/"]
    assert stream["timeout"] == "0s" and stream["max_stream_duration"] == {"grpc_timeout_header_max": "0s",
                                                                          "max_stream_duration": "70s"}
    assert unary["timeout"] == "0s" and unary["max_stream_duration"] == {"grpc_timeout_header_max": "0s",
                                                                        "max_stream_duration": "7s"}
