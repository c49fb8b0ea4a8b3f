"""A thin client over the generated stubs: one channel to Envoy, the access token sent on every call."""
from __future__ import annotations


import grpc
from learnflow.v1 import (enums_pb2, exercise_service_pb2, exercise_service_pb2_grpc, identity_service_pb2,
                          identity_service_pb2_grpc, mesh_service_pb2, mesh_service_pb2_grpc, progress_service_pb2,
                          progress_service_pb2_grpc, triage_service_pb2, triage_service_pb2_grpc)


class LearnFlowClient:
    def __init__(self, address: str, token: str | None = None, timeout: float = 30.0):
        self.address = address
        self.token = token
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

    def register(self, email: str, password: str, name: str, role: str = "student"):
        role_value = enums_pb2.ROLE_TEACHER if role == "teacher" else enums_pb2.ROLE_STUDENT
        return self.identity.Register(identity_service_pb2.RegisterRequest(
            email=email, password=password, name=name, role=role_value), timeout=self.timeout)

    def login(self, email: str, password: str):
        reply = self.identity.Login(identity_service_pb2.LoginRequest(email=email, password=password),
                                    timeout=self.timeout)
        self.token = reply.tokens.access_token
        return reply

    def ensure_account(self, email: str, password: str, name: str, role: str = "student"):
        try:
            self.register(email, password, name, role)
        except grpc.RpcError as exc:
            if exc.code() != grpc.StatusCode.ALREADY_EXISTS:
                raise
        return self.login(email, password)

    def ask(self, text: str, code: str = "", session_id: str = ""):
        return self.triage.Ask(self._ask_request(triage_service_pb2.AskRequest, text, code, session_id),
                               metadata=self.metadata, timeout=self.timeout)

    def ask_stream(self, text: str, code: str = "", session_id: str = ""):
        return self.triage.AskStream(self._ask_request(triage_service_pb2.AskStreamRequest, text, code, session_id),
                                     metadata=self.metadata, timeout=self.timeout)

    @staticmethod
    def _ask_request(cls, text, code, session_id):
        return cls(query_text=text, code_snippet=code,
                   language=enums_pb2.CODE_LANGUAGE_PYTHON if code else enums_pb2.CODE_LANGUAGE_UNSPECIFIED,
                   session_id=session_id)

    def get_progress(self, student_id: str = ""):
        return self.progress.GetProgress(progress_service_pb2.GetProgressRequest(student_id=student_id),
                                         metadata=self.metadata, timeout=self.timeout)

    def submit(self, exercise_id: str, code: str):
        return self.exercise.SubmitSolution(exercise_service_pb2.SubmitSolutionRequest(
            exercise_id=exercise_id, code=code), metadata=self.metadata, timeout=self.timeout)

    def health(self):
        return self.mesh.ListAgentHealth(mesh_service_pb2.ListAgentHealthRequest(), metadata=self.metadata,
                                         timeout=self.timeout)
