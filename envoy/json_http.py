"""JSON over HTTP through Envoy: the gRPC-JSON transcoder filter (used by render_config.py).

Every RPC of every served service is also plain HTTP/JSON on the same port, with **auto mapping**
(no `google.api.http` annotations in the protos): `POST /<package.Service>/<Method>` with the request
message as proto3 JSON in the body, e.g.

    curl -s -X POST http://127.0.0.1:8080/learnflow.v1.IdentityService/Login \\
         -H 'content-type: application/json' -d '{"email": "me@example.org", "password": "..."}'

- responses are proto3 JSON (lowerCamelCase names, the canonical mapping grpcurl prints; requests may use
  either spelling); server-streaming methods (AskStream, ...) answer newline-delimited JSON, one message a
  line as it arrives (`application/x-ndjson`-style, readable by `jq` line by line);
- errors keep their gRPC meaning: the HTTP status is the mapped code (INVALID_ARGUMENT 400, UNAUTHENTICATED
  401, PERMISSION_DENIED 403, NOT_FOUND 404, RESOURCE_EXHAUSTED 429, ...) and the body is the
  `google.rpc.Status` as JSON with its details (`BadRequest.fieldViolations` naming each bad field,
  `RetryInfo.retryDelay`), the same the agents put in `grpc-status-details-bin`;
- the access token goes in the `authorization: Bearer <token>` header, as for gRPC;
- gRPC and gRPC-web requests (content-type application/grpc*) pass through untouched.

The descriptor set Envoy needs is built here, at render time, from the generated descriptors of the
services the registry lists (server/registry.py) plus everything they import and `google/rpc/error_details.proto`
(so status details print as JSON), and embedded in the config as `proto_descriptor_bin`: no file to ship
beside the config (Kubernetes ConfigMaps included), never stale against generated/.
"""
from __future__ import annotations

import base64
import importlib

from google.protobuf import descriptor_pb2

from server import registry

FILTER_NAME = "envoy.filters.http.grpc_json_transcoder"
_TYPE = "type.googleapis.com/envoy.extensions.filters.http.grpc_json_transcoder.v3.GrpcJsonTranscoder"
# Types the JSON error bodies may carry in google.rpc.Status.details.
DETAIL_MODULES = ("google.rpc.error_details_pb2", "google.rpc.status_pb2")


def _files_in_dependency_order(roots) -> list:
    """The file descriptors of roots and their imports, each after its dependencies (Envoy builds them in order)."""
    ordered, seen = [], set()

    def visit(fd):
        if fd.name in seen:
            return
        seen.add(fd.name)
        for dep in sorted(fd.dependencies, key=lambda d: d.name):
            visit(dep)
        ordered.append(fd)

    for fd in sorted(roots, key=lambda f: f.name):
        visit(fd)
    return ordered


def descriptor_set(services: list[str] | None = None) -> bytes:
    """A serialized FileDescriptorSet holding the services' files, their imports and the error detail types."""
    wanted = set(services or registry.all_services())
    roots = []
    for name in registry.service_modules():
        module = importlib.import_module(name)
        if wanted & {s.full_name for s in module.DESCRIPTOR.services_by_name.values()}:
            roots.append(module.DESCRIPTOR)
    roots.extend(importlib.import_module(m).DESCRIPTOR for m in DETAIL_MODULES)
    out = descriptor_pb2.FileDescriptorSet()
    for fd in _files_in_dependency_order(roots):
        fd.CopyToProto(out.file.add())
    return out.SerializeToString(deterministic=True)


def transcoder_filter(services: list[str], max_body_bytes: int) -> dict:
    """The http filter (place it after grpc_web/cors, before the router); services from the registry."""
    return {
        "name": FILTER_NAME,
        "typed_config": {
            "@type": _TYPE,
            "proto_descriptor_bin": base64.b64encode(descriptor_set(services)).decode(),
            "services": sorted(services),
            "auto_mapping": True,
            # google.rpc.Status (with details) as the JSON body and the mapped HTTP status on every error.
            "convert_grpc_status": True,
            "print_options": {"add_whitespace": False, "always_print_primitive_fields": False,
                              "always_print_enums_as_ints": False, "preserve_proto_field_names": False,
                              "stream_newline_delimited": True},
            # Unknown paths are not ours to refuse here: they reach the router (and end as 404/UNIMPLEMENTED).
            "request_validation_options": {"reject_unknown_method": False, "reject_unknown_query_parameters": True},
            "case_insensitive_enum_parsing": True,
            "max_request_body_size": max_body_bytes,
            "max_response_body_size": max_body_bytes,
        },
    }
