"""Fuzzing every method of every learnflow service through Envoy (issue 14, attack 8): >= 10,000 generated
requests (random fields, NULs, invalid UTF-8 and lone surrogates as raw bytes, deep nesting, huge repeats,
truncated and garbage payloads), with and without tokens. No answer may be UNKNOWN or INTERNAL, and no
agent may log a traceback while it runs."""
from __future__ import annotations

import importlib
import random
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import grpc
import pytest

from agents.identity.admin import set_limit
from tests.security.fuzzgen import payload

MODULES = ("triage", "concepts", "code_review", "debug", "exercise", "progress", "identity", "mesh")
PER_METHOD = 250
FORBIDDEN = {"UNKNOWN", "INTERNAL"}


def all_methods():
    """(path, request class, server streaming) for every method, from the service descriptors."""
    from google.protobuf import symbol_database

    db = symbol_database.Default()
    out = []
    for module in MODULES:
        pb2 = importlib.import_module(f"learnflow.v1.{module}_service_pb2")
        for service in pb2.DESCRIPTOR.services_by_name.values():
            for method in service.methods:
                out.append((f"/{service.full_name}/{method.name}", db.GetSymbol(method.input_type.full_name),
                            method.server_streaming))
    return out


def _log_sizes(run_dir: Path) -> dict[Path, int]:
    return {path: path.stat().st_size for path in (run_dir / "logs").glob("*.log")}


def _new_log_text(run_dir: Path, before: dict[Path, int]) -> dict[str, str]:
    out = {}
    for path in (run_dir / "logs").glob("*.log"):
        with open(path, "rb") as fh:
            fh.seek(before.get(path, 0))
            out[path.name] = fh.read().decode("utf-8", "replace")
    return out


@pytest.mark.slow
def test_fuzz_every_method(mesh, make_client):
    student, teacher = make_client(), make_client("teacher")
    for account in (student, teacher):  # keep sandbox work bounded: the limits answer most code runs
        set_limit(mesh.database_url, account.email, "ask", 30)
        set_limit(mesh.database_url, account.email, "submit", 10)
    methods = all_methods()
    assert len(methods) >= 40
    rng = random.Random(14)
    tokens = [student.metadata, student.metadata, teacher.metadata, (), [("authorization", "Bearer x.y.z")]]
    jobs = []
    for path, request_type, streaming in methods:
        for _ in range(PER_METHOD):
            jobs.append((path, streaming, payload(rng, request_type), rng.choice(tokens)))
    rng.shuffle(jobs)
    assert len(jobs) >= 10_000
    before = _log_sizes(mesh.run_dir)
    channel = grpc.insecure_channel(mesh.envoy_address, options=[("grpc.max_receive_message_length", 8 << 20)])

    def send(job):
        path, streaming, data, metadata = job
        try:
            if streaming:
                call = channel.unary_stream(path, request_serializer=None, response_deserializer=None)
                for _ in call(data, metadata=metadata, timeout=5):
                    pass
            else:
                channel.unary_unary(path, request_serializer=None, response_deserializer=None)(
                    data, metadata=metadata, timeout=5)
            return path, "OK", ""
        except grpc.RpcError as exc:
            return path, exc.code().name, exc.details() or ""

    try:
        with ThreadPoolExecutor(16) as pool:
            results = list(pool.map(send, jobs))
    finally:
        channel.close()
    codes = Counter(code for _, code, _ in results)
    bad = [(path, code, details[:200]) for path, code, details in results if code in FORBIDDEN]
    print("fuzz:", len(results), "requests over", len(methods), "methods:", dict(codes))
    assert not bad, bad[:20]
    assert codes["INVALID_ARGUMENT"] > 1000 and codes["OK"] > 0
    logs = _new_log_text(mesh.run_dir, before)
    tracebacks = {name: text[text.index("Traceback") - 300:][:1500] for name, text in logs.items()
                  if "Traceback" in text}
    assert not tracebacks, tracebacks
