"""deploy/k8s: the generated parts are fresh, `kustomize build` renders both overlays, and what it renders
matches the service registry (every agent: Deployment, port, gRPC probes, headless Service, PDB, Envoy
cluster by DNS name), plus the migration Job, the relay, the engines and a non-root image."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from server import registry

ROOT = Path(__file__).resolve().parent.parent
CACHE_BIN = Path(os.environ.get("LEARNFLOW_CACHE", Path.home() / ".cache" / "learnflow")) / "bin"


def _kustomize() -> str:
    found = shutil.which("kustomize") or (str(CACHE_BIN / "kustomize") if (CACHE_BIN / "kustomize").exists() else None)
    assert found, "kustomize is installed by scripts/bootstrap.sh (go install sigs.k8s.io/kustomize/kustomize/v5)"
    return found


def test_generated_manifests_are_fresh():
    done = subprocess.run([sys.executable, str(ROOT / "deploy" / "render.py"), "--check"], capture_output=True,
                          text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module", params=["local", "production"])
def built(request):
    done = subprocess.run([_kustomize(), "build", str(ROOT / "deploy" / "k8s" / "overlays" / request.param)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    docs = [d for d in yaml.safe_load_all(done.stdout) if d]
    return request.param, {(d["kind"], d["metadata"]["name"]): d for d in docs}


def test_every_agent_is_deployed_as_the_registry_says(built):
    overlay, objs = built
    for agent in registry.AGENTS:
        name = f"learnflow-{agent.name}"
        dep = objs[("Deployment", name)]
        assert dep["metadata"]["namespace"] == "learnflow"
        assert dep["spec"]["replicas"] == (1 if overlay == "local" else agent.replicas)
        pod = dep["spec"]["template"]["spec"]
        assert pod["securityContext"]["runAsNonRoot"] is True and pod["securityContext"]["runAsUser"] != 0
        (container,) = pod["containers"]
        assert container["args"][:3] == ["-m", "server", agent.name]
        assert {"name": "grpc", "containerPort": agent.port} in container["ports"]
        assert container["readinessProbe"]["grpc"] == {"port": agent.port, "service": agent.service}
        assert container["livenessProbe"]["grpc"]["port"] == agent.port
        assert container["resources"]["requests"] and container["resources"]["limits"]["memory"]
        env = {e["name"]: e for e in container["env"]}
        assert env["LEARNFLOW_DATABASE_URL"]["valueFrom"]["secretKeyRef"]["name"] == "learnflow-db-app"
        assert env["LEARNFLOW_JWT_SECRET"]["valueFrom"]["secretKeyRef"]["name"] == "learnflow-jwt"
        for other in registry.AGENTS:
            assert env[f"LEARNFLOW_{other.env_key}_ADDR"]["value"] == f"dns:///learnflow-{other.name}:{other.port}"
        svc = objs[("Service", name)]
        assert svc["spec"]["clusterIP"] == "None"
        assert any(p["port"] == agent.port for p in svc["spec"]["ports"])
        assert svc["spec"]["selector"] == dep["spec"]["selector"]["matchLabels"]
        assert objs[("PodDisruptionBudget", name)]["spec"]["selector"]["matchLabels"] == svc["spec"]["selector"]
    deployed = {n[len("learnflow-"):] for k, n in objs if k == "Deployment" and n.startswith("learnflow-")}
    assert deployed - {"envoy", "relay"} == set(registry.AGENT_NAMES)


def _envoy_config(objs) -> dict:
    (cm,) = [d for (k, n), d in objs.items() if k == "ConfigMap" and n.startswith("learnflow-envoy")]
    dep = objs[("Deployment", "learnflow-envoy")]
    volumes = {v["name"]: v for v in dep["spec"]["template"]["spec"]["volumes"]}
    assert volumes["config"]["configMap"]["name"] == cm["metadata"]["name"]  # hashed name rewritten by kustomize
    return json.loads(cm["data"]["envoy.json"])


def test_envoy_has_a_dns_cluster_per_agent(built, tmp_path):
    overlay, objs = built
    cfg = _envoy_config(objs)
    clusters = {c["name"]: c for c in cfg["static_resources"]["clusters"]}
    for agent in registry.AGENTS:
        cluster = clusters[agent.name]
        assert cluster["type"] == "STRICT_DNS"
        (endpoint,) = cluster["load_assignment"]["endpoints"][0]["lb_endpoints"]
        assert endpoint["endpoint"]["address"]["socket_address"] == {"address": f"learnflow-{agent.name}",
                                                                     "port_value": agent.port}
        assert cluster["health_checks"][0]["grpc_health_check"]["service_name"] == agent.service
    assert clusters["otel_collector"]["type"] == "STRICT_DNS"
    chain = cfg["static_resources"]["listeners"][0]["filter_chains"][0]
    assert ("transport_socket" in chain) == (overlay == "production")
    if overlay == "local":  # the production config names certificate files that exist only in the pod
        path = tmp_path / "envoy.json"
        path.write_text(json.dumps(cfg))
        envoy = Path(sys.executable).parent / "envoy"
        done = subprocess.run([str(envoy), "--mode", "validate", "-c", str(path)], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]


def test_migration_job_relay_secrets_and_engines(built):
    overlay, objs = built
    job = objs[("Job", "learnflow-migrate")]["spec"]["template"]["spec"]["containers"][0]
    assert "python -m db.migrate" in " ".join(job["command"])
    relay = objs[("Deployment", "learnflow-relay")]["spec"]["template"]["spec"]["containers"][0]
    assert relay["args"] == ["-m", "bridge.relay"]
    assert not [k for k in objs if k[0] == "Secret"], "secrets are references only, never committed values"
    pool = objs[("KafkaNodePool", "brokers")]
    assert pool["spec"]["replicas"] == (1 if overlay == "local" else 3)
    kafka = objs[("Kafka", "learnflow-kafka")]["spec"]["kafka"]["config"]
    assert kafka["min.insync.replicas"] == (1 if overlay == "local" else 2)
    assert objs[("Cluster", "learnflow-db")]["spec"]["instances"] == (1 if overlay == "local" else 3)
    assert ("Deployment", "otel-collector") in objs and ("Service", "otel-collector") in objs
    env = objs[("ConfigMap", next(n for k, n in objs if k == "ConfigMap" and n.startswith("learnflow-env")))]
    assert env["data"]["OTEL_EXPORTER_OTLP_ENDPOINT"] == "http://otel-collector:4317"


def test_image_runs_as_an_unprivileged_user():
    lines = (ROOT / "Dockerfile").read_text().splitlines()
    users = [line.split()[1] for line in lines if line.startswith("USER ")]
    assert users and users[-1].split(":")[0] not in ("0", "root")
