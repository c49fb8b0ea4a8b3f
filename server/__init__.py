"""The one runtime that starts any LearnFlow agent: `python -m server <agent>`."""
import sys
from pathlib import Path

# generated/ is the root of the protobuf modules (learnflow.v1.*), as protoc lays them out.
_GENERATED = str(Path(__file__).resolve().parent.parent / "generated")
if _GENERATED not in sys.path:
    sys.path.insert(0, _GENERATED)
