"""`python -m localmesh.keeper CMD...`: runs CMD as its child and stays its parent until it exits.

Envoy asks the kernel for SIGTERM when its parent dies (PR_SET_PDEATHSIG), so started straight from
`make up` it would stop as soon as the launcher exits. The keeper is that parent instead, lives as
long as Envoy does, and passes SIGTERM/SIGINT on to it (so stopping the keeper's PID stops Envoy)."""
import signal
import subprocess
import sys


def main() -> int:
    child = subprocess.Popen(sys.argv[1:])

    def forward(signum, _frame):
        child.send_signal(signum)

    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGINT, forward)
    return child.wait()


if __name__ == "__main__":
    sys.exit(main())
