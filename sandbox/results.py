"""Result types returned by the Sandbox (plain dataclasses, safe to serialise)."""
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Frame:
    """One traceback frame in the student's code."""
    line: int
    function: str
    source: str


@dataclass
class RunResult:
    status: str                      # ok | exception | syntax_error | timeout | memory_limit | output_limit | killed
    exception_type: str | None = None
    exception_message: str | None = None
    line: int | None = None          # 1-based line in the student's code (deepest student frame)
    offset: int | None = None        # column, syntax errors only
    source_line: str | None = None
    traceback: list[Frame] = field(default_factory=list)
    stdout: str = ""
    stderr: str = ""
    duration_ms: float = 0.0
    peak_memory_kb: int = 0


@dataclass
class TestCase:
    __test__ = False                 # not a pytest class
    id: str
    kind: str = "call"               # "call" | "stdout"
    call: str = ""
    expected: str = ""
    stdin: str = ""


@dataclass
class TestResult:
    __test__ = False
    id: str
    passed: bool
    expected: str
    got: str
    error: str | None
    duration_ms: float


@dataclass
class GradeResult:
    status: str                      # ok | syntax_error | timeout | memory_limit | output_limit | killed
    results: list[TestResult]
    passed: int
    total: int
    execution_time_ms: float
    peak_memory_kb: int
    error: str | None = None


class SandboxBusy(Exception):
    """All workers busy and the wait queue full (maps to gRPC RESOURCE_EXHAUSTED)."""
