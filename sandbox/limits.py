"""Resource limits of one sandboxed run, with environment overrides."""
import os
from dataclasses import asdict, dataclass

_ENV = {
    "cpu_seconds": ("LEARNFLOW_SANDBOX_CPU_SECONDS", float),
    "wall_seconds": ("LEARNFLOW_SANDBOX_WALL_SECONDS", float),
    "memory_mb": ("LEARNFLOW_SANDBOX_MEMORY_MB", int),
    "max_processes": ("LEARNFLOW_SANDBOX_MAX_PROCESSES", int),
    "max_file_bytes": ("LEARNFLOW_SANDBOX_MAX_FILE_BYTES", int),
    "max_open_files": ("LEARNFLOW_SANDBOX_MAX_OPEN_FILES", int),
    "max_output_bytes": ("LEARNFLOW_SANDBOX_MAX_OUTPUT_BYTES", int),
}


@dataclass(frozen=True)
class Limits:
    """Per-job limits.

    cpu_seconds: RLIMIT_CPU of each student process (SIGXCPU, then SIGKILL one second later).
    wall_seconds: wall-clock budget; for grading, the module import gets up to this much and each
        test gets ``max(wall_seconds / n_tests, 0.25)``; the whole job is capped at 2 x wall.
    memory_mb: extra address space allowed *on top of the interpreter's baseline* (the student
        process is forked from an already-initialised Python whose VmSize is measured right
        before setrlimit(RLIMIT_AS, baseline + memory_mb)); so 50 means "50 MB for the program".
    max_processes: RLIMIT_NPROC for the job's private uid (the student process, one process per
        running test, and whatever the student forks).
    max_file_bytes: RLIMIT_FSIZE (largest file the program may write).
    max_open_files: RLIMIT_NOFILE.
    max_output_bytes: stdout + stderr captured per job; more ends it with "output_limit".
    """
    cpu_seconds: float = 5.0
    wall_seconds: float = 5.0
    memory_mb: int = 50
    max_processes: int = 16
    max_file_bytes: int = 1024 * 1024
    max_open_files: int = 64
    max_output_bytes: int = 1024 * 1024

    @classmethod
    def from_env(cls, environ=None) -> "Limits":
        """Defaults overridden by LEARNFLOW_SANDBOX_CPU_SECONDS, _WALL_SECONDS, _MEMORY_MB,
        _MAX_PROCESSES, _MAX_FILE_BYTES, _MAX_OPEN_FILES, _MAX_OUTPUT_BYTES."""
        env = os.environ if environ is None else environ
        values = {}
        for field, (name, kind) in _ENV.items():
            if env.get(name, "").strip():
                values[field] = kind(env[name])
        return cls(**values)

    def to_wire(self) -> dict:
        return asdict(self)
