"""The guard every LearnFlow RPC passes through: authentication, abuse limits, validation, metrics.

One grpc.aio interceptor wraps each handler so that the checks run in the same task as the handler
(the caller's identity is then visible to it through a contextvar) and apply to unary and
streaming methods alike. Order: token -> rate limit -> request rules -> handler.
"""
from __future__ import annotations

import contextlib
import logging
import time

import grpc
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status

from server import auth, registry, telemetry
from server.ratelimit import SlidingWindowLimiter
from server.tokencache import VerifiedTokens
from server.validation import validate

log = logging.getLogger("learnflow.guard")

CLIENT_ERRORS = frozenset({"INVALID_ARGUMENT", "UNAUTHENTICATED", "PERMISSION_DENIED", "NOT_FOUND",
                           "ALREADY_EXISTS", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "OUT_OF_RANGE",
                           "CANCELLED"})
# Looked up in the registry, so a renamed RPC fails at import instead of silently escaping its limit.
ASK_METHODS = registry.paths(("TriageService", "Ask"), ("TriageService", "AskStream"))
SUBMIT_METHODS = registry.paths(("ExerciseService", "SubmitSolution"), ("ExerciseService", "SubmitSolutionStream"))


def invalid_argument_status(violations) -> grpc.Status:
    detail = error_details_pb2.BadRequest(field_violations=[
        error_details_pb2.BadRequest.FieldViolation(field=v.field, description=v.description) for v in violations
    ])
    message = "invalid request: " + "; ".join(f"{v.field} {v.description}" for v in violations)
    status = status_pb2.Status(code=code_pb2.INVALID_ARGUMENT, message=message[:1000])
    status.details.add().Pack(detail)
    return rpc_status.to_status(status)


def resource_exhausted_status(what: str, retry_after_s: float) -> grpc.Status:
    from google.protobuf.duration_pb2 import Duration

    delay = Duration()
    delay.FromMilliseconds(int(retry_after_s * 1000))
    status = status_pb2.Status(code=code_pb2.RESOURCE_EXHAUSTED,
                               message=f"{what}; retry in {retry_after_s:.1f} s")
    status.details.add().Pack(error_details_pb2.RetryInfo(retry_delay=delay))
    return rpc_status.to_status(status)


class GuardInterceptor(grpc.aio.ServerInterceptor):
    def __init__(self, runtime):
        self.runtime = runtime
        settings = runtime.settings
        self.ask_limiter = SlidingWindowLimiter(settings.asks_per_minute, 60)
        self.submit_limiter = SlidingWindowLimiter(settings.submissions_per_minute, 60)
        self.tokens = VerifiedTokens()

    async def intercept_service(self, continuation, handler_call_details):
        handler = await continuation(handler_call_details)
        method = handler_call_details.method
        if handler is None or not method.startswith("/learnflow."):
            return handler  # health, reflection: open; unknown methods: UNIMPLEMENTED from grpc itself
        if handler.unary_unary:
            return grpc.unary_unary_rpc_method_handler(
                self._wrap_unary(method, handler.unary_unary),
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer)
        if handler.unary_stream:
            return grpc.unary_stream_rpc_method_handler(
                self._wrap_stream(method, handler.unary_stream),
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer)
        return refuse_unchecked(handler)

    async def _admit(self, method: str, request, context) -> auth.Identity | None:
        identity = None
        if method not in auth.OPEN_METHODS:
            try:
                identity = self.tokens.identity(self.runtime.settings.jwt_secret, context.invocation_metadata())
            except auth.AuthError as exc:
                await context.abort(grpc.StatusCode.UNAUTHENTICATED, str(exc))
            limiter = self.ask_limiter if method in ASK_METHODS else (
                self.submit_limiter if method in SUBMIT_METHODS else None)
            if limiter is not None and not self.runtime.is_internal_call(context):
                wait = limiter.check(identity.student_id)
                if wait:
                    what = "too many questions" if method in ASK_METHODS else "too many submissions"
                    await context.abort_with_status(resource_exhausted_status(f"{what} per minute", wait))
        violations = validate(request)
        if violations:
            await context.abort_with_status(invalid_argument_status(violations))
        return identity

    @contextlib.asynccontextmanager
    async def _guarded(self, method, request, context):
        """Admission, the caller's identity for the handler, and metrics/log events when it ends.
        Yields a one-item list the caller sets to True once the handler has succeeded."""
        started = time.perf_counter()
        self.runtime.metrics.begin()
        succeeded = [False]
        token = None
        try:
            identity = await self._admit(method, request, context)
            token = auth.current_identity.set(identity)
            yield succeeded
        finally:
            self._finish(method, request, context, started, succeeded[0] and _succeeded(context))
            if token is not None:  # after _finish, which records the caller's student id
                auth.current_identity.reset(token)

    def _wrap_unary(self, method, behavior):
        async def guarded(request, context):
            async with self._guarded(method, request, context) as succeeded:
                response = await behavior(request, context)
                succeeded[0] = True
                return response
        return guarded

    def _wrap_stream(self, method, behavior):
        async def guarded(request, context):
            async with self._guarded(method, request, context) as succeeded:
                async for item in behavior(request, context):
                    yield item
                succeeded[0] = True
        return guarded

    def _finish(self, method, request, context, started, ok):
        latency_ms = (time.perf_counter() - started) * 1000
        code = _code_name(context, ok)
        # Health counts the agent's own failures; a caller's bad request or missing token is not one.
        self.runtime.metrics.end(latency_ms, ok or code in CLIENT_ERRORS)
        if code != "OK" or telemetry.sampled() or log.isEnabledFor(logging.DEBUG):
            # One line per sampled or failed call: unsampled successes cost nothing here (agent-logs has counts).
            log.info("rpc", extra={"method": method, "latency_ms": round(latency_ms, 2), "code": code})
        self.runtime.record_rpc(method, request, latency_ms, code)


def refuse_unchecked(handler):
    """Fail closed: a handler kind the guard does not wrap (client-streaming, bidi) would skip the token,
    limit and validation checks, so it is answered UNIMPLEMENTED instead of being passed through."""
    async def refuse(request_iterator, context):
        await context.abort(grpc.StatusCode.UNIMPLEMENTED,
                            "client-streaming and bidirectional LearnFlow methods are not served (no guard for them)")

    make = grpc.stream_stream_rpc_method_handler if handler.stream_stream else grpc.stream_unary_rpc_method_handler
    return make(refuse, request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer)


def _succeeded(context) -> bool:
    try:
        code = context.code()
    except Exception:
        return True
    return code in (None, grpc.StatusCode.OK)


def _code_name(context, ok: bool) -> str:
    if ok:
        return "OK"
    try:
        code = context.code()
    except Exception:
        code = None
    if isinstance(code, grpc.StatusCode):
        return code.name
    return "UNKNOWN" if code is None else str(code)
