#!/usr/bin/env bash
# Regenerates generated/ from proto/ (Python modules + .pyi stubs). Never edit generated/ by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
rm -rf generated/learnflow
mkdir -p generated
"$PY" -m grpc_tools.protoc -I proto \
  --python_out=generated --pyi_out=generated --grpc_python_out=generated \
  $(find proto -name '*.proto' | sort)
# Stable output: the protoc version line is the only thing that varies between machines.
echo "generated $(find generated -name '*_pb2*.py' | wc -l) modules"
