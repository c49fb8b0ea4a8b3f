"""A thin client over the generated stubs: one channel to Envoy, the access token sent on every call.

With a refresh token it keeps itself logged in: an access token known to be expired is refreshed before
the call, and a call answered UNAUTHENTICATED is retried once after a refresh (a stream only when it failed
before its first message). Refresh tokens rotate (each works once), so every new pair is handed to
`on_tokens` (the CLI saves it)."""
from __future__ import annotations

import time

import grpc
from learnflow.v1 import (enums_pb2, exercise_service_pb2, exercise_service_pb2_grpc, identity_service_pb2,
                          identity_service_pb2_grpc, mesh_service_pb2, mesh_service_pb2_grpc, progress_service_pb2,
                          progress_service_pb2_grpc, triage_service_pb2, triage_service_pb2_grpc)

# Refresh this long before the recorded expiry, so a token does not expire in flight.
EXPIRY_MARGIN_S = 30


class LearnFlowClient:
    def __init__(self, address: str, token: str | None = None, timeout: float = 30.0, *,
                 refresh_token: str | None = None, access_expires_at: float = 0.0, on_tokens=None):
        self.address = address
        self.token = token
        self.refresh_token = refresh_token
        self.access_expires_at = access_expires_at   # unix seconds; 0 = unknown
        self.on_tokens = on_tokens                   # callback(TokenPair) after login or refresh
        self.timeout = timeout
        self.channel = grpc.insecure_channel(address)
        self.identity = identity_service_pb2_grpc.IdentityServiceStub(self.channel)
        self.triage = triage_service_pb2_grpc.TriageServiceStub(self.channel)
        self.progress = progress_service_pb2_grpc.ProgressServiceStub(self.channel)
        self.exercise = exercise_service_pb2_grpc.ExerciseServiceStub(self.channel)
        self.mesh = mesh_service_pb2_grpc.MeshServiceStub(self.channel)

    def close(self) -> None:
        self.channel.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @property
    def metadata(self):
        return [("authorization", f"Bearer {self.token}")] if self.token else []

    # --- tokens ---
    def _set_tokens(self, tokens) -> None:
        self.token = tokens.access_token
        self.refresh_token = tokens.refresh_token or self.refresh_token
        self.access_expires_at = tokens.access_expires_at.seconds if tokens.HasField("access_expires_at") else 0.0
        if self.on_tokens is not None:
            self.on_tokens(tokens)

    def refresh(self):
        """A new token pair from the refresh token (UNAUTHENTICATED when it expired or was revoked)."""
        reply = self.identity.Refresh(identity_service_pb2.RefreshRequest(refresh_token=self.refresh_token or ""),
                                      timeout=self.timeout)
        self._set_tokens(reply.tokens)
        return reply

    def _refresh_if_expired(self) -> None:
        if self.refresh_token and self.access_expires_at and time.time() > self.access_expires_at - EXPIRY_MARGIN_S:
            self.refresh()

    def _may_retry(self, exc: grpc.RpcError) -> bool:
        return bool(self.refresh_token) and exc.code() == grpc.StatusCode.UNAUTHENTICATED

    def _unary(self, method, request):
        self._refresh_if_expired()
        try:
            return method(request, metadata=self.metadata, timeout=self.timeout)
        except grpc.RpcError as exc:
            if not self._may_retry(exc):
                raise
        self.refresh()
        return method(request, metadata=self.metadata, timeout=self.timeout)

    def _stream(self, method, request):
        self._refresh_if_expired()
        return _RetryingStream(self, method, request)

    # --- identity ---
    def register(self, email: str, password: str, name: str, role: str = "student"):
        role_value = enums_pb2.ROLE_TEACHER if role == "teacher" else enums_pb2.ROLE_STUDENT
        return self.identity.Register(identity_service_pb2.RegisterRequest(
            email=email, password=password, name=name, role=role_value), timeout=self.timeout)

    def login(self, email: str, password: str):
        reply = self.identity.Login(identity_service_pb2.LoginRequest(email=email, password=password),
                                    timeout=self.timeout)
        self._set_tokens(reply.tokens)
        return reply

    def ensure_account(self, email: str, password: str, name: str, role: str = "student"):
        try:
            self.register(email, password, name, role)
        except grpc.RpcError as exc:
            if exc.code() != grpc.StatusCode.ALREADY_EXISTS:
                raise
        return self.login(email, password)

    # --- asking ---
    def ask(self, text: str, code: str = "", session_id: str = "", stdin: str = ""):
        return self._unary(self.triage.Ask,
                           self._ask_request(triage_service_pb2.AskRequest, text, code, session_id, stdin))

    def ask_stream(self, text: str, code: str = "", session_id: str = "", stdin: str = ""):
        return self._stream(self.triage.AskStream,
                            self._ask_request(triage_service_pb2.AskStreamRequest, text, code, session_id, stdin))

    @staticmethod
    def _ask_request(cls, text, code, session_id, stdin=""):
        return cls(query_text=text, code_snippet=code,
                   language=enums_pb2.CODE_LANGUAGE_PYTHON if code else enums_pb2.CODE_LANGUAGE_UNSPECIFIED,
                   session_id=session_id, stdin=stdin)

    # --- progress ---
    def get_progress(self, student_id: str = ""):
        return self._unary(self.progress.GetProgress, progress_service_pb2.GetProgressRequest(student_id=student_id))

    def rate(self, response_id: str, rating: int, comment: str = ""):
        return self._unary(self.progress.RateResponse, progress_service_pb2.RateResponseRequest(
            response_id=response_id, rating=rating, comment=comment))

    # --- exercises ---
    def list_exercises(self, topic: str = "", difficulty: int = 0, page_size: int = 0, page_token: str = ""):
        return self._unary(self.exercise.ListExercises, exercise_service_pb2.ListExercisesRequest(
            topic=topic, difficulty=difficulty, page_size=page_size, page_token=page_token))

    def generate_exercise(self, topic: str = "", difficulty: int = 0, request_text: str = ""):
        return self._unary(self.exercise.GenerateExercise, exercise_service_pb2.GenerateExerciseRequest(
            topic=topic, difficulty=difficulty, request_text=request_text))

    def get_exercise(self, exercise_id: str):
        return self._unary(self.exercise.GetExercise, exercise_service_pb2.GetExerciseRequest(exercise_id=exercise_id))

    def hint(self, exercise_id: str):
        return self._unary(self.exercise.GetHint, exercise_service_pb2.GetHintRequest(exercise_id=exercise_id))

    def submit(self, exercise_id: str, code: str):
        return self._unary(self.exercise.SubmitSolution, exercise_service_pb2.SubmitSolutionRequest(
            exercise_id=exercise_id, code=code))

    def submit_stream(self, exercise_id: str, code: str):
        return self._stream(self.exercise.SubmitSolutionStream, exercise_service_pb2.SubmitSolutionStreamRequest(
            exercise_id=exercise_id, code=code))

    # --- mesh ---
    def health(self):
        return self._unary(self.mesh.ListAgentHealth, mesh_service_pb2.ListAgentHealthRequest())


class _RetryingStream:
    """A server stream that is retried once after a refresh when it fails UNAUTHENTICATED before its first
    message; iterates like the grpc call it wraps and can be cancelled."""

    def __init__(self, client: LearnFlowClient, method, request):
        self.client, self.method, self.request = client, method, request
        self.call = method(request, metadata=client.metadata, timeout=client.timeout)
        self.started = False
        self.retried = False

    def __iter__(self):
        return self

    def __next__(self):
        try:
            item = next(self.call)
        except grpc.RpcError as exc:
            if self.started or self.retried or not self.client._may_retry(exc):
                raise
            self.retried = True
            self.client.refresh()
            self.call = self.method(self.request, metadata=self.client.metadata, timeout=self.client.timeout)
            item = next(self.call)
        self.started = True
        return item

    def cancel(self) -> bool:
        return self.call.cancel()
