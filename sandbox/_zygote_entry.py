"""Script the Sandbox starts as ``python -I <this file>``: isolated mode adds nothing to
sys.path, so put the sandbox directory there explicitly and run the worker package.
pyseccomp (a single module in the service's site-packages, named by LEARNFLOW_SANDBOX_PYSECCOMP) is
imported only by the short-lived process that builds the seccomp filter (``syscalls.build_in_child``),
never by the zygote itself."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from worker import zygote  # noqa: E402

zygote.main()
