"""Script the Sandbox starts as ``python -I <this file>``: isolated mode adds nothing to
sys.path, so put the sandbox directory there explicitly and run the worker package."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from worker import zygote  # noqa: E402

zygote.main()
