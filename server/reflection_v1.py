"""gRPC server reflection v1 (`grpc.reflection.v1.ServerReflection`) beside v1alpha.

grpcio-reflection's Python server implements only `grpc.reflection.v1alpha` (grpc/grpc#38576), while
grpcurl asks v1 first, `buf curl --reflect-protocol grpc-v1` asks only v1 and Java's v1alpha is
deprecated. v1 is v1alpha renamed: the same messages with the same field numbers, so the same bytes.
This module therefore
- derives the v1 file descriptor from the v1alpha one (package and type names renamed, nothing else)
  and adds it to the default descriptor pool, so v1 describes itself like any served service;
- serves `grpc.reflection.v1.ServerReflection/ServerReflectionInfo` with grpcio-reflection's own servicer
  (the same lookups: by file name, symbol, extension, the service list; method symbols added), its messages
  read and written with the v1alpha classes — identical on the wire to v1's.
The guard interceptor passes it through unchanged like v1alpha (only /learnflow.* methods are guarded).
"""
from __future__ import annotations

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool
from grpc_reflection.v1alpha import _async, reflection_pb2 as v1alpha_pb2

_ALPHA = "grpc.reflection.v1alpha"
PACKAGE = "grpc.reflection.v1"
FILE_NAME = "grpc/reflection/v1/reflection.proto"
SERVICE_NAME = f"{PACKAGE}.ServerReflection"
METHOD = "ServerReflectionInfo"


def v1_file_proto() -> descriptor_pb2.FileDescriptorProto:
    """The v1 reflection file: v1alpha's descriptor with package and type references renamed."""
    proto = descriptor_pb2.FileDescriptorProto()
    v1alpha_pb2.DESCRIPTOR.CopyToProto(proto)
    proto.name = FILE_NAME
    proto.package = PACKAGE
    proto.ClearField("options")  # v1alpha's java/objc options name the v1alpha package

    def rename(messages):
        for message in messages:
            for field in message.field:
                if field.type_name.startswith(f".{_ALPHA}."):
                    field.type_name = f".{PACKAGE}." + field.type_name[len(_ALPHA) + 2:]
            rename(message.nested_type)

    rename(proto.message_type)
    for service in proto.service:
        for method in service.method:
            method.input_type = method.input_type.replace(f".{_ALPHA}.", f".{PACKAGE}.")
            method.output_type = method.output_type.replace(f".{_ALPHA}.", f".{PACKAGE}.")
    return proto


def register_descriptor(pool: descriptor_pool.DescriptorPool | None = None) -> None:
    """Adds the v1 file to the pool once (a pool that already has it, e.g. from a future grpcio-reflection, is kept)."""
    pool = pool or descriptor_pool.Default()
    try:
        pool.FindFileByName(FILE_NAME)
    except KeyError:
        pool.AddSerializedFile(v1_file_proto().SerializeToString())


class _Servicer(_async.ReflectionServicer):
    """grpcio-reflection's servicer, plus method symbols (`pkg.Service.Method`, what `grpcurl describe` of a
    method asks for), which the Python descriptor pool does not resolve by itself: their service's file."""

    def _file_containing_symbol(self, request, fully_qualified_name):
        response = super()._file_containing_symbol(request, fully_qualified_name)
        service_name, _, method = fully_qualified_name.rpartition(".")
        if response.HasField("error_response") and service_name:
            try:
                service = self._pool.FindServiceByName(service_name)
            except KeyError:
                return response
            if method in service.methods_by_name:
                return super()._file_containing_symbol(request, service_name)
        return response


def handler(service_names, pool=None) -> grpc.GenericRpcHandler:
    """The v1 service for a grpc.aio server, answering with grpcio-reflection's servicer."""
    servicer = _Servicer(service_names, pool=pool)
    method = grpc.stream_stream_rpc_method_handler(
        servicer.ServerReflectionInfo,
        # v1 and v1alpha messages are the same bytes (same fields and numbers), so the v1alpha classes read
        # v1 requests and write v1 responses.
        request_deserializer=v1alpha_pb2.ServerReflectionRequest.FromString,
        response_serializer=v1alpha_pb2.ServerReflectionResponse.SerializeToString)
    return grpc.method_handlers_generic_handler(SERVICE_NAME, {METHOD: method})


def enable_server_reflection(service_names, server, pool=None) -> None:
    """Serves reflection v1 for service_names (pass SERVICE_NAME among them to list v1 itself)."""
    register_descriptor(pool)
    server.add_generic_rpc_handlers((handler(service_names, pool),))
