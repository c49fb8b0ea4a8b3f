"""The guard every LearnFlow RPC passes through: authentication, validation, abuse limits, metrics.

One grpc.aio interceptor wraps each handler so that the checks run in the same task as the handler
(the caller's identity is then visible to it through a contextvar) and apply to unary and
streaming methods alike. Order: token -> request bytes parse -> request rules -> fair-use limit ->
handler. Whatever goes wrong inside a handler ends as a clear status without internal class names:
bad data PostgreSQL refused is INVALID_ARGUMENT, a database away is UNAVAILABLE, anything else
INTERNAL (logged with its traceback, so it can be found and fixed).
"""
from __future__ import annotations

import asyncio
import logging
import time

import grpc
import psycopg
import psycopg_pool
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status

from server import access, auth, prom, ratelimit, registry, server_span
from server.tokencache import VerifiedTokens
from server.validation import validate

log = logging.getLogger("learnflow.guard")

# A status travels in HTTP/2 trailers; Envoy refuses headers past ~60 KiB (and resets the upstream
# connection, failing other callers' streams). Details stay far below: 20 violations of <= 400 chars.
MAX_LISTED_VIOLATIONS = 20
_MAX_TEXT = 200


class _Malformed:
    """Stands for a request whose bytes did not parse (the deserializer never raises into grpc)."""

    def __init__(self, type_name: str):
        self.type_name = type_name


def _safe_deserializer(deserialize, type_name: str):
    if deserialize is None:
        return None

    def parse(data: bytes):
        try:
            return deserialize(data)
        except Exception:  # DecodeError, RecursionError, invalid UTF-8: all the client's bytes
            return _Malformed(type_name)
    return parse

CLIENT_ERRORS = frozenset({"INVALID_ARGUMENT", "UNAUTHENTICATED", "PERMISSION_DENIED", "NOT_FOUND",
                           "ALREADY_EXISTS", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "OUT_OF_RANGE",
                           "CANCELLED"})
# Every RPC that runs student code counts against a per-student budget (server/ratelimit.py). Checked
# against the registry at import, so a renamed RPC fails loudly instead of silently escaping its limit.
_UNKNOWN = set(ratelimit.BUCKETS) - set(registry.all_methods())
if _UNKNOWN:
    raise RuntimeError(f"rate-limited methods missing from the service registry: {sorted(_UNKNOWN)}")
ASK_METHODS = frozenset(p for p, bucket in ratelimit.BUCKETS.items() if bucket == "ask")
SUBMIT_METHODS = frozenset(p for p, bucket in ratelimit.BUCKETS.items() if bucket == "submit")


def invalid_argument_status(violations) -> grpc.Status:
    """BadRequest with the first MAX_LISTED_VIOLATIONS violations; the message says how many there were."""
    violations = list(violations)
    listed = violations[:MAX_LISTED_VIOLATIONS]
    detail = error_details_pb2.BadRequest(field_violations=[
        error_details_pb2.BadRequest.FieldViolation(field=v.field[:_MAX_TEXT], description=v.description[:_MAX_TEXT])
        for v in listed
    ])
    more = f" (and {len(violations) - len(listed)} more)" if len(violations) > len(listed) else ""
    head = f"invalid request: {len(violations)} problem{'s' if len(violations) != 1 else ''}{more}: "
    message = head + "; ".join(f"{v.field[:_MAX_TEXT]} {v.description[:_MAX_TEXT]}" for v in listed)
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


class _Policy:
    """What the guard does for one method, decided once per method instead of on every call."""

    __slots__ = ("method", "open", "bucket", "span")

    def __init__(self, method: str):
        self.method = method
        self.open = method in auth.OPEN_METHODS
        self.bucket = ratelimit.BUCKETS.get(method)
        self.span = server_span.MethodSpan(method)


def _scan_metadata(metadata) -> tuple[str | None, dict | None, str | None]:
    """One pass over the call's metadata: the authorization header, the trace-context carrier (None when
    the caller sent none) and the user agent."""
    authorization = carrier = user_agent = None
    for key, value in metadata or ():
        if key == "authorization":
            if authorization is None:
                authorization = value
        elif key in server_span.PROPAGATION_KEYS:
            if carrier is None:
                carrier = {}
            carrier[key] = value
        elif key == "user-agent":
            user_agent = value
    return authorization, carrier, user_agent


class GuardInterceptor(grpc.aio.ServerInterceptor):
    def __init__(self, runtime):
        self.runtime = runtime
        settings = runtime.settings
        self.limits = {"ask": settings.asks_per_minute, "submit": settings.submissions_per_minute}
        self.tokens = VerifiedTokens()
        self._wrapped: dict[str, tuple] = {}   # method -> (servicer handler, guarded handler)
        self._prom: dict[tuple[str, str], tuple] = {}   # (method, code) -> the Prometheus children

    async def intercept_service(self, continuation, handler_call_details):
        handler = await continuation(handler_call_details)
        method = handler_call_details.method
        if handler is None or not method.startswith("/learnflow."):
            return handler  # health, reflection: open; unknown methods: UNIMPLEMENTED from grpc itself
        # The wrapped handler depends only on the method and the servicer's handler object: built once per
        # method, not on every call (keyed on the handler too, so a re-registered servicer is wrapped anew).
        cached = self._wrapped.get(method)
        if cached is not None and cached[0] is handler:
            return cached[1]
        wrapped = self._wrap(_Policy(method), handler)
        self._wrapped[method] = (handler, wrapped)
        return wrapped

    def _wrap(self, policy: _Policy, handler):
        deserializer = _safe_deserializer(handler.request_deserializer,
                                          policy.method.rsplit("/", 1)[-1] + " request")
        if handler.unary_unary:
            return grpc.unary_unary_rpc_method_handler(
                self._wrap_unary(policy, handler.unary_unary),
                request_deserializer=deserializer,
                response_serializer=handler.response_serializer)
        if handler.unary_stream:
            return grpc.unary_stream_rpc_method_handler(
                self._wrap_stream(policy, handler.unary_stream),
                request_deserializer=deserializer,
                response_serializer=handler.response_serializer)
        return refuse_unchecked(handler)

    async def _admit(self, policy: _Policy, request, context, authorization) -> auth.Identity | None:
        identity = None
        if not policy.open:
            try:
                identity = self.tokens.identity_from_header(self.runtime.settings.jwt_secret, authorization)
            except auth.AuthError as exc:
                await context.abort(grpc.StatusCode.UNAUTHENTICATED, str(exc))
        if isinstance(request, _Malformed):
            await context.abort_with_status(invalid_argument_status([_violation(
                "request", f"is not a valid {request.type_name} (undecodable bytes or invalid UTF-8 text)")]))
        violations = validate(request)
        if violations:
            await context.abort_with_status(invalid_argument_status(violations))
        bucket = policy.bucket
        if bucket is not None and identity is not None and not self.runtime.is_internal_call(context, policy.method):
            try:
                wait, student = await ratelimit.count_call_and_read_student(
                    self.runtime.pool, identity.student_id, bucket, self.limits[bucket])
            except psycopg.OperationalError:
                await context.abort(grpc.StatusCode.UNAVAILABLE, "the database is unavailable; retry shortly")
            access.prefetched_student.set(student)   # the handler's student read, already done
            if wait:
                await context.abort_with_status(resource_exhausted_status(ratelimit.WHAT[bucket], wait))
        return identity

    # Unary and streaming calls share the same steps, written out in each wrapper (no context-manager
    # object per call): span and admission, the handler with the caller's identity set, then _finish.
    def _wrap_unary(self, policy: _Policy, behavior):
        metrics = self.runtime.metrics

        async def guarded(request, context):
            started = time.perf_counter()
            metrics.begin()
            authorization, carrier, user_agent = _scan_metadata(context.invocation_metadata())
            span, span_token = server_span.start(policy.span, carrier, context, user_agent)
            identity_token = None
            ok, error = False, None
            try:
                identity = await self._admit(policy, request, context, authorization)
                identity_token = auth.current_identity.set(identity)
                try:
                    response = await behavior(request, context)
                except Exception as exc:
                    error = _unexpected(exc)
                    await _abort_for(context, policy.method, exc)
                ok = True
                return response
            finally:
                code = self._finish(policy, request, context, started, ok, span)
                if identity_token is not None:  # after _finish, which records the caller's student id
                    auth.current_identity.reset(identity_token)
                server_span.end(span, span_token, code, _details(context, code), error)
        return guarded

    def _wrap_stream(self, policy: _Policy, behavior):
        metrics = self.runtime.metrics

        async def guarded(request, context):
            started = time.perf_counter()
            metrics.begin()
            authorization, carrier, user_agent = _scan_metadata(context.invocation_metadata())
            span, span_token = server_span.start(policy.span, carrier, context, user_agent)
            identity_token = None
            ok, error = False, None
            try:
                identity = await self._admit(policy, request, context, authorization)
                identity_token = auth.current_identity.set(identity)
                try:
                    async for item in behavior(request, context):
                        yield item
                except Exception as exc:
                    error = _unexpected(exc)
                    await _abort_for(context, policy.method, exc)
                ok = True
            finally:
                code = self._finish(policy, request, context, started, ok, span)
                if identity_token is not None:
                    auth.current_identity.reset(identity_token)
                server_span.end(span, span_token, code, _details(context, code), error)
        return guarded

    def _finish(self, policy: _Policy, request, context, started, ok, span) -> grpc.StatusCode | None:
        """Metrics, the log line of a sampled or failed call, the agent-log record; returns the final code."""
        latency_ms = (time.perf_counter() - started) * 1000
        status = _final_code(context, ok)
        code = "OK" if status is None or status is grpc.StatusCode.OK else _name(status)
        # Health counts the agent's own failures; a caller's bad request or missing token is not one.
        self.runtime.metrics.end(latency_ms, code == "OK" or code in CLIENT_ERRORS)
        if code != "OK" or span.is_recording() or log.isEnabledFor(logging.DEBUG):
            # One line per sampled or failed call: unsampled successes cost nothing here (agent-logs has counts).
            log.info("rpc", extra={"method": policy.method, "latency_ms": round(latency_ms, 2), "code": code})
        children = self._prom.get((policy.method, code))
        if children is None:
            children = self._prom[(policy.method, code)] = prom.rpc_children(self.runtime.agent, policy.method, code)
        children[0].inc()
        children[1].observe(latency_ms / 1000.0)
        identity = auth.current_identity.get()
        self.runtime.rpc_log.record(policy.method, identity.student_id if identity else None, latency_ms, code)
        return status


def refuse_unchecked(handler):
    """Fail closed: a handler kind the guard does not wrap (client-streaming, bidi) would skip the token,
    limit and validation checks, so it is answered UNIMPLEMENTED instead of being passed through."""
    async def refuse(request_iterator, context):
        await context.abort(grpc.StatusCode.UNIMPLEMENTED,
                            "client-streaming and bidirectional LearnFlow methods are not served (no guard for them)")

    make = grpc.stream_stream_rpc_method_handler if handler.stream_stream else grpc.stream_unary_rpc_method_handler
    return make(refuse, request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer)


def _violation(field: str, description: str):
    from server.validation import Violation

    return Violation(field, description)


async def _abort_for(context, method: str, exc: Exception) -> None:
    """A handler's unexpected exception as a status a client can act on, never naming internal classes."""
    if isinstance(exc, (grpc.aio.AbortError, asyncio.CancelledError)):
        raise exc
    if isinstance(exc, (psycopg.errors.DataError, psycopg.errors.IntegrityError)):
        log.warning("request data refused by the database", extra={"method": method, "sqlstate": exc.sqlstate})
        await context.abort(grpc.StatusCode.INVALID_ARGUMENT, "the request holds a value that cannot be stored")
    if isinstance(exc, (psycopg.OperationalError, psycopg_pool.PoolTimeout)):
        log.warning("database unavailable", extra={"method": method})
        await context.abort(grpc.StatusCode.UNAVAILABLE, "the database is unavailable; retry shortly")
    if isinstance(exc, auth.AuthError):
        await context.abort(grpc.StatusCode.UNAUTHENTICATED, str(exc))
    log.exception("unexpected error", extra={"method": method})
    await context.abort(grpc.StatusCode.INTERNAL, "internal error")


def _unexpected(exc: BaseException) -> BaseException | None:
    """The exception to record on the span: a handler's own failure, not an abort or a cancellation."""
    return None if isinstance(exc, (grpc.aio.AbortError, asyncio.CancelledError)) else exc


def _final_code(context, ok: bool) -> grpc.StatusCode | str | None:
    """The call's status code: None or OK when it succeeded (a handler may still have set an error code
    on the context without raising)."""
    try:
        code = context.code()
    except Exception:
        return None if ok else "UNKNOWN"
    if ok:
        return code
    return code if code is not None else "UNKNOWN"


def _name(code) -> str:
    return code.name if isinstance(code, grpc.StatusCode) else str(code)


def _details(context, code) -> str | None:
    if code is None or code is grpc.StatusCode.OK:
        return None
    try:
        return context.details()
    except Exception:
        return None
