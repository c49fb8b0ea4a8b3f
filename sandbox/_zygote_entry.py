"""Script the Sandbox starts as ``python -I <this file>``: isolated mode adds nothing to
sys.path, so put the sandbox directory there explicitly and run the worker package.
pyseccomp (a single module in the service's site-packages) is imported from the directory the
service names, which is then removed from sys.path again."""
import importlib
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
_seccomp_dir = os.environ.get("LEARNFLOW_SANDBOX_PYSECCOMP", "")
if _seccomp_dir:
    sys.path.append(_seccomp_dir)
    try:
        importlib.import_module("pyseccomp")
    except (ImportError, RuntimeError):   # RuntimeError: libseccomp itself is missing
        pass
    sys.path.remove(_seccomp_dir)

from worker import zygote  # noqa: E402

zygote.main()
