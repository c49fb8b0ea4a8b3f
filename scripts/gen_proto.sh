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
# --- web (issue 11): TypeScript for the web app (buf.gen.yaml's es plugin, installed by `npm ci` in web/)
if [ -x web/node_modules/.bin/protoc-gen-es ]; then
  rm -rf generated/ts
  BUF=${BUF:-.venv/bin/buf}
  "$BUF" generate --template buf.gen.yaml
  # google.rpc error details (BadRequest, RetryInfo), vendored from googleapis, for friendly error messages
  "$BUF" generate web/proto --template '{"version":"v2","plugins":[{"local":"web/node_modules/.bin/protoc-gen-es","out":"generated/ts","opt":"target=ts"}]}'
  echo "generated $(find generated/ts -name '*_pb.ts' | wc -l) TypeScript modules"
else
  echo "warning: web/node_modules missing (run scripts/bootstrap.sh): generated/ts not regenerated" >&2
fi
