"""The service registry is the one list of agents and services: it agrees with the proto descriptors, and
every place that names agents or services reads it (no second hand-written list anywhere)."""
from __future__ import annotations

import asyncio
import re
import sys
from pathlib import Path
from types import SimpleNamespace

import grpc
import pytest

from server import registry

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "envoy"))


def test_every_described_service_has_an_agent_and_back():
    assert registry.check() == []
    assert set(registry.all_services()) == {a.service for a in registry.AGENTS}
    assert len(registry.AGENTS) == len(set(registry.AGENT_NAMES))


def test_streaming_flags_come_from_the_descriptors():
    from learnflow.v1 import triage_service_pb2

    described = triage_service_pb2.DESCRIPTOR.services_by_name["TriageService"].methods_by_name
    for m in registry.methods("learnflow.v1.TriageService"):
        assert m.server_streaming == described[m.name].server_streaming
    assert registry.method("TriageService", "AskStream").kind == "unary_stream"
    assert registry.method("TriageService", "Ask").kind == "unary_unary"
    with pytest.raises(KeyError):
        registry.method("TriageService", "NoSuchRpc")


def test_every_agent_has_its_folder():
    import importlib.util

    for agent in registry.AGENTS:
        assert importlib.util.find_spec(agent.module) is not None, agent.module


def test_runtime_config_reads_the_registry():
    from server import config

    assert config.AGENTS == registry.AGENT_NAMES
    assert config.DEFAULT_PORTS == {a.name: a.port for a in registry.AGENTS}
    assert {config.env_key(a) for a in config.AGENTS} == {a.env_key for a in registry.AGENTS}


def test_localmesh_reads_the_registry():
    from localmesh.mesh import STOP_ORDER, MeshConfig

    assert STOP_ORDER[2:] == list(registry.AGENT_NAMES)
    config = MeshConfig.on_free_ports(Path("/nonexistent"))
    assert set(config.agent_ports) == set(registry.AGENT_NAMES)


def test_triage_routes_intents_to_registry_agents():
    from agents.triage import classifier, routing

    assert routing.INTENT_TO_AGENT is registry.INTENT_TO_AGENT
    assert classifier.INTENT_TO_AGENT is registry.INTENT_TO_AGENT
    assert set(registry.INTENT_TO_AGENT.values()) <= set(registry.AGENT_NAMES)


def test_guard_method_sets_are_real_rpcs():
    from server import interceptors

    known = registry.all_methods()
    for path in interceptors.ASK_METHODS | interceptors.SUBMIT_METHODS:
        assert path in known


def test_envoy_routes_every_service_and_never_retries_a_stream():
    from render_config import render

    cfg = render("127.0.0.1:1", "127.0.0.1:2", {a.name: [f"127.0.0.1:{a.port}"] for a in registry.AGENTS})
    manager = cfg["static_resources"]["listeners"][0]["filter_chains"][0]["filters"][0]["typed_config"]
    routes = manager["route_config"]["virtual_hosts"][0]["routes"]
    clusters = {c["name"]: c for c in cfg["static_resources"]["clusters"]}
    assert set(clusters) == set(registry.AGENT_NAMES)
    for agent in registry.AGENTS:
        assert clusters[agent.name]["health_checks"][0]["grpc_health_check"]["service_name"] == agent.service
        for m in registry.methods(agent.service):
            route = next(r for r in routes if r["match"].get("path") == m.path
                         or r["match"].get("prefix") == f"/{agent.service}/")
            assert route["route"]["cluster"] == agent.name
            assert ("retry_policy" in route["route"]) == (not m.server_streaming), m.path


# Files that used to carry their own copy of the agent/service list; none may again.
_READERS = ["server/config.py", "server/app.py", "server/interceptors.py", "envoy/render_config.py",
            "localmesh/mesh.py", "agents/triage/routing.py", "agents/triage/classifier.py", "deploy/render.py"]


def test_no_other_file_lists_the_services_by_hand():
    names = [a.short_service for a in registry.AGENTS]
    pattern = re.compile("|".join(rf"['\"]{n}['\"]" for n in names))
    for rel in _READERS:
        path = ROOT / rel
        if path.exists():
            hits = pattern.findall(path.read_text())
            assert len(set(hits)) <= 2, f"{rel} names services by hand: {sorted(set(hits))}"
    agent_list = re.compile(r"['\"]triage['\"],\s*['\"]concepts['\"]|['\"]debug['\"],\s*['\"]exercise['\"]")
    for rel in _READERS:
        path = ROOT / rel
        if path.exists():
            assert not agent_list.search(path.read_text()), f"{rel} lists agents by hand"


def test_guard_refuses_handler_kinds_it_does_not_check():
    """A client-streaming or bidirectional learnflow method would skip token, limit and validation checks:
    the guard answers UNIMPLEMENTED instead of running it."""
    from server.config import Settings
    from server.interceptors import GuardInterceptor

    ran = []

    async def upload(request_iterator, context):
        ran.append(True)
        return b"ok"

    async def chat(request_iterator, context):
        ran.append(True)
        yield b"ok"

    identity = dict(request_deserializer=None, response_serializer=None)
    handlers = grpc.method_handlers_generic_handler("learnflow.v1.Probe", {
        "Upload": grpc.stream_unary_rpc_method_handler(upload, **identity),
        "Chat": grpc.stream_stream_rpc_method_handler(chat, **identity),
    })

    async def scenario():
        runtime = SimpleNamespace(settings=Settings(agent="mesh", listen="", database_url=""))
        server = grpc.aio.server(interceptors=[GuardInterceptor(runtime)])
        server.add_generic_rpc_handlers((handlers,))
        port = server.add_insecure_port("127.0.0.1:0")
        await server.start()
        codes = []
        try:
            async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
                for kind, path in (("stream_unary", "Upload"), ("stream_stream", "Chat")):
                    call = getattr(channel, kind)(f"/learnflow.v1.Probe/{path}")
                    try:
                        if kind == "stream_unary":
                            await call(iter([b"x"]), timeout=10)
                        else:
                            async for _ in call(iter([b"x"]), timeout=10):
                                pass
                        codes.append(grpc.StatusCode.OK)
                    except grpc.aio.AioRpcError as exc:
                        codes.append(exc.code())
        finally:
            await server.stop(None)
        return codes

    assert asyncio.run(scenario()) == [grpc.StatusCode.UNIMPLEMENTED, grpc.StatusCode.UNIMPLEMENTED]
    assert ran == []
