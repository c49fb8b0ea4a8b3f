"""Server reflection v1 beside v1alpha (server/reflection_v1.py), through Envoy: grpcurl (which asks v1 first),
`buf curl --reflect-protocol grpc-v1` (v1 only), and a raw v1 stream; v1alpha still answers."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import grpc
import pytest
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

from server import reflection_v1, registry
from tests.conftest import ROOT, new_email

BUF = ROOT / ".venv" / "bin" / "buf"


def _grpcurl() -> str | None:
    cached = Path(os.environ.get("LEARNFLOW_CACHE", Path.home() / ".cache" / "learnflow")) / "bin" / "grpcurl"
    return str(cached) if cached.exists() else shutil.which("grpcurl")


def _v1_classes():
    reflection_v1.register_descriptor()
    pool = descriptor_pool.Default()
    return (message_factory.GetMessageClass(pool.FindMessageTypeByName(f"{reflection_v1.PACKAGE}.{name}"))
            for name in ("ServerReflectionRequest", "ServerReflectionResponse"))


def test_v1_descriptor_is_v1alpha_renamed():
    from grpc_reflection.v1alpha import reflection_pb2

    alpha = descriptor_pb2.FileDescriptorProto()
    reflection_pb2.DESCRIPTOR.CopyToProto(alpha)
    v1 = reflection_v1.v1_file_proto()
    assert v1.package == "grpc.reflection.v1" and v1.name == "grpc/reflection/v1/reflection.proto"
    assert [m.name for m in v1.message_type] == [m.name for m in alpha.message_type]
    for mv1, malpha in zip(v1.message_type, alpha.message_type):
        assert [(f.name, f.number, f.type) for f in mv1.field] == [(f.name, f.number, f.type) for f in malpha.field]
        assert not any("v1alpha" in f.type_name for f in mv1.field)
    assert v1.service[0].method[0].input_type == ".grpc.reflection.v1.ServerReflectionRequest"


def test_raw_v1_stream_lists_services_and_describes_itself(mesh):
    request_cls, response_cls = _v1_classes()
    with grpc.insecure_channel(mesh.envoy_address) as channel:
        call = channel.stream_stream(f"/{reflection_v1.SERVICE_NAME}/{reflection_v1.METHOD}",
                                     request_serializer=request_cls.SerializeToString,
                                     response_deserializer=response_cls.FromString)
        replies = list(call(iter([request_cls(list_services=""),
                                  request_cls(file_containing_symbol=reflection_v1.SERVICE_NAME),
                                  request_cls(file_containing_symbol="learnflow.v1.NoSuchService"),
                                  request_cls(file_containing_symbol="learnflow.v1.TriageService.AskStream")]),
                             timeout=30))
    listed = {s.name for s in replies[0].list_services_response.service}
    assert set(registry.all_services()) | {reflection_v1.SERVICE_NAME, "grpc.reflection.v1alpha.ServerReflection"} <= listed
    own = descriptor_pb2.FileDescriptorProto.FromString(replies[1].file_descriptor_response.file_descriptor_proto[0])
    assert own.package == "grpc.reflection.v1" and own.service[0].name == "ServerReflection"
    assert replies[2].error_response.error_code == grpc.StatusCode.NOT_FOUND.value[0]
    method_file = descriptor_pb2.FileDescriptorProto.FromString(
        replies[3].file_descriptor_response.file_descriptor_proto[0])
    assert method_file.name == "learnflow/v1/triage_service.proto"  # a method symbol: its service's file


@pytest.mark.skipif(_grpcurl() is None, reason="grpcurl not installed (scripts/bootstrap.sh installs it with Go)")
def test_grpcurl_through_envoy_uses_v1(mesh):
    listed = subprocess.run([_grpcurl(), "-plaintext", mesh.envoy_address, "list"], capture_output=True,
                            text=True, timeout=30)
    assert listed.returncode == 0, listed.stderr
    assert "grpc.reflection.v1.ServerReflection" in listed.stdout.split()
    described = subprocess.run([_grpcurl(), "-plaintext", mesh.envoy_address, "describe",
                                "learnflow.v1.TriageService.AskStream"], capture_output=True, text=True, timeout=30)
    assert described.returncode == 0, described.stderr
    assert "returns ( stream .learnflow.v1.AskStreamResponse )" in described.stdout


@pytest.mark.skipif(not BUF.exists(), reason="buf is installed into .venv by scripts/bootstrap.sh")
def test_buf_curl_with_grpc_v1_reflection_through_envoy(mesh):
    base = [str(BUF), "curl", "--protocol", "grpc", "--http2-prior-knowledge", "--reflect",
            "--reflect-protocol", "grpc-v1"]
    email = new_email("bufcurl")
    registered = subprocess.run([*base, "--data", f'{{"email": "{email}", "password": "buf-curl-pass-1", "name": "B"}}',
                                 f"http://{mesh.envoy_address}/learnflow.v1.IdentityService/Register"],
                                capture_output=True, text=True, timeout=60)
    assert registered.returncode == 0, registered.stderr
    assert email in registered.stdout
    bad = subprocess.run([*base, "--data", '{"email": "nope", "password": "x", "name": "B"}',
                          f"http://{mesh.envoy_address}/learnflow.v1.IdentityService/Register"],
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode != 0
    assert "invalid_argument" in bad.stderr and "google.rpc.BadRequest" in bad.stderr


@pytest.mark.skipif(_grpcurl() is None or shutil.which("jq") is None, reason="grpcurl or jq missing")
def test_the_readme_grpcurl_session_works_as_written(mesh, tmp_path):
    from tests.test_json_http import run_readme_block

    out = run_readme_block(mesh, "### grpcurl: a complete session", tmp_path)
    assert "learnflow.v1.TriageService" in out.stdout and "rpc AskStream" in out.stdout, out.stdout + out.stderr
    assert '"student":' in out.stdout                                   # Register
    assert "comprehension" in out.stdout.lower()                        # Ask with the token from jq
    assert '"routing":' in out.stdout and "IndexError" in out.stdout    # AskStream
    assert '"messages":' in out.stdout and '"trace_id":' in out.stdout  # GetMessageFlow of the Ask
    assert '"field_violations"' in out.stderr and out.returncode != 0  # the error with details (stderr), exit status
