"""The one list of LearnFlow's agents and services.

What each service offers (its methods and whether they stream) comes from the proto descriptors in
`generated/learnflow/v1/*_service_pb2.py`; the only hand-written part is `_AGENT_TABLE` below: which
agent serves which service, its default port and how many replicas a cluster runs. Everything that
names agents or services reads this module: the runtime (ports, addresses, reflection), the guard
interceptor (method sets, handler kinds), Envoy's configuration (routes, clusters, health), localmesh,
triage's intent -> specialist table and the Kubernetes manifests (`deploy/render.py`).

Adding an agent = a service in `proto/`, a row here, and its folder `agents/<name>/`.
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from functools import lru_cache

PACKAGE = "learnflow.v1"


@dataclass(frozen=True)
class Method:
    service: str          # full service name, e.g. learnflow.v1.TriageService
    name: str
    client_streaming: bool
    server_streaming: bool

    @property
    def path(self) -> str:
        return f"/{self.service}/{self.name}"

    @property
    def kind(self) -> str:
        return {(False, False): "unary_unary", (False, True): "unary_stream",
                (True, False): "stream_unary", (True, True): "stream_stream"}[
            (self.client_streaming, self.server_streaming)]


@dataclass(frozen=True)
class Agent:
    name: str             # process name: `python -m server <name>`, Envoy cluster, Kubernetes Deployment
    service: str          # full service name it serves
    port: int             # default gRPC port (make up; the container port in Kubernetes)
    replicas: int         # replicas in a cluster (the production overlay); make up runs one each
    intent: str | None    # the triage intent routed to this agent (specialists only)
    sandbox: bool         # runs student code (more memory per pod; the sandbox's pod settings apply)

    @property
    def env_key(self) -> str:
        return self.name.upper().replace("-", "_")

    @property
    def module(self) -> str:
        """Where the agent's behaviour lives: agents/<name>/service.py."""
        return f"agents.{self.name.replace('-', '_')}.service"

    @property
    def metrics_port(self) -> int:
        """Prometheus metrics port beside the gRPC port (make up; 9464 in a pod, see deploy/render.py)."""
        return self.port + 1000

    @property
    def short_service(self) -> str:
        return self.service.rsplit(".", 1)[-1]


# Order: callers before the agents they call, so stopping in this order never cuts an inner call.
_AGENT_TABLE = (
    # agent          service              port  replicas intent       sandbox
    ("triage",      "TriageService",     50051, 2, None,          False),
    ("debug",       "DebugService",      50054, 2, "debug",       True),
    ("exercise",    "ExerciseService",   50055, 2, "exercise",    True),
    ("progress",    "ProgressService",   50056, 2, "progress",    False),
    ("concepts",    "ConceptsService",   50052, 2, "concepts",    False),
    ("code-review", "CodeReviewService", 50053, 2, "code_review", False),
    ("identity",    "IdentityService",   50057, 2, None,          False),
    ("mesh",        "MeshService",       50058, 1, None,          False),
)

AGENTS: tuple[Agent, ...] = tuple(Agent(name, f"{PACKAGE}.{svc}", port, replicas, intent, sandbox)
                                  for name, svc, port, replicas, intent, sandbox in _AGENT_TABLE)
AGENT_NAMES: tuple[str, ...] = tuple(a.name for a in AGENTS)
BY_NAME = {a.name: a for a in AGENTS}
BY_SERVICE = {a.service: a for a in AGENTS}
# Triage's routing table: classified intent -> specialist agent.
INTENT_TO_AGENT = {a.intent: a.name for a in AGENTS if a.intent}


def agent(name: str) -> Agent:
    try:
        return BY_NAME[name]
    except KeyError:
        raise KeyError(f"unknown agent {name!r}; known: {', '.join(AGENT_NAMES)}") from None


@lru_cache(maxsize=1)
def service_modules() -> tuple[str, ...]:
    """Every generated `learnflow.v1.*_pb2` module that declares a service."""
    pkg = importlib.import_module(PACKAGE)
    names = []
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        if info.name.endswith("_pb2"):
            module = importlib.import_module(f"{PACKAGE}.{info.name}")
            if module.DESCRIPTOR.services_by_name:
                names.append(module.__name__)
    return tuple(names)


@lru_cache(maxsize=1)
def descriptor_services() -> dict[str, tuple[Method, ...]]:
    """full service name -> its methods, read from the proto descriptors."""
    out: dict[str, tuple[Method, ...]] = {}
    for name in service_modules():
        for service in importlib.import_module(name).DESCRIPTOR.services_by_name.values():
            out[service.full_name] = tuple(Method(service.full_name, m.name, m.client_streaming, m.server_streaming)
                                           for m in service.methods)
    return out


def methods(service: str) -> tuple[Method, ...]:
    return descriptor_services()[service]


def method(service: str, name: str) -> Method:
    """One method by service (short or full name) and method name; fails loudly if the proto has no such RPC."""
    full = service if "." in service else f"{PACKAGE}.{service}"
    for m in descriptor_services().get(full, ()):
        if m.name == name:
            return m
    raise KeyError(f"{full}/{name} is not in the proto descriptors")


def paths(*pairs: tuple[str, str]) -> frozenset[str]:
    return frozenset(method(service, name).path for service, name in pairs)


def all_methods() -> dict[str, Method]:
    """path -> Method for every RPC of every LearnFlow service."""
    return {m.path: m for ms in descriptor_services().values() for m in ms}


def all_services() -> tuple[str, ...]:
    return tuple(descriptor_services())


def check() -> list[str]:
    """Disagreements between the table and the descriptors (empty when consistent)."""
    problems = []
    described = set(descriptor_services())
    listed = [a.service for a in AGENTS]
    for service in sorted(described - set(listed)):
        problems.append(f"service {service} is in the protos but no agent serves it")
    for service in sorted(set(listed) - described):
        problems.append(f"agent table names {service}, which no proto declares")
    if len(set(listed)) != len(listed):
        problems.append("a service is listed for two agents")
    ports = [a.port for a in AGENTS] + [a.metrics_port for a in AGENTS]
    if len(set(ports)) != len(ports):
        problems.append("two agents share a default port")
    return problems
