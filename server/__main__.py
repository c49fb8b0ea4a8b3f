"""`python -m server <agent> [--listen HOST:PORT]` starts any agent."""
import argparse
import asyncio

from server.app import serve
from server.config import AGENTS


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m server", description="Start one LearnFlow agent.")
    parser.add_argument("agent", choices=AGENTS)
    parser.add_argument("--listen", help="host:port to bind (default: LEARNFLOW_LISTEN or the agent's port)")
    args = parser.parse_args()
    asyncio.run(serve(args.agent, args.listen))


if __name__ == "__main__":
    main()
