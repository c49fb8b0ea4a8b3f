"""Code that runs inside the sandbox's worker process (the "zygote") and its children.

Everything here imports only the standard library: the zygote is started as
``python -I sandbox/worker/zygote_main.py`` (isolated mode, no site-packages needed), and
these modules must be fully imported *before* the zygote hides the host file system.
"""
