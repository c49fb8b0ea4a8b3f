# LearnFlow — the two commands of the README's Quick start are `make up` and `make test`.
PY := .venv/bin/python
export PATH := $(HOME)/.cache/learnflow/bin:$(PATH)

.PHONY: bootstrap up down status test lint generate check-generated breaking eval bench train

bootstrap:
	@scripts/bootstrap.sh

up: bootstrap          ## start PostgreSQL, Kafka, every agent, the relay and Envoy; ask one question through Envoy
	$(PY) -m localmesh up

down:                  ## stop everything `make up` started
	@[ -x $(PY) ] && $(PY) -m localmesh down || true

status:
	@$(PY) -m localmesh status

generate: bootstrap    ## regenerate generated/ from proto/
	PYTHON=$(PY) scripts/gen_proto.sh

check-generated: bootstrap   ## fail if generated/ is stale
	@PYTHON=$(PY) scripts/gen_proto.sh >/dev/null && git diff --exit-code --stat -- generated \
	  && test -z "$$(git status --porcelain -- generated)" || (echo "generated/ is stale: run make generate" >&2; exit 1)

lint: bootstrap        ## buf lint + pyflakes
	.venv/bin/buf lint
	.venv/bin/pyflakes agents knowledge pitfalls server db bridge sandbox localmesh cli envoy bench tests

breaking: bootstrap    ## buf breaking against the previous commit, when it has protos
	@if git cat-file -e HEAD~1:proto 2>/dev/null; then \
	  .venv/bin/buf breaking --against '.git#ref=HEAD~1,subdir=proto'; else echo "buf breaking: no previous protos"; fi

test: lint check-generated breaking   ## the whole suite against real PostgreSQL, Kafka, Envoy and the sandbox
	$(PY) -m pytest -q

eval: bootstrap        ## accuracy of the offline engines on the dev sets (see README)
	$(PY) bench/triage_eval.py && $(PY) bench/review_eval.py && $(PY) bench/debug_locate_eval.py
	$(PY) bench/concepts_retrieval_eval.py
	$(PY) bench/concepts_answer_eval.py   # --- concepts --- held-out + dev concept answers
	$(PY) bench/concepts_content_eval.py   # --- concepts3 --- does the answer text state what was asked (issue 9)
	$(PY) bench/debug_heldout_eval.py && $(PY) bench/review_eval.py --heldout   # --- debugrev: issue 10 held-out sets ---
	$(PY) bench/debug_heldout_eval.py --set bench/debug_heldout4.jsonl   # --- debug3 --- round-3 held-out set (review-like cases too)
	$(PY) bench/blind/run_eval.py   # blind sets through Envoy (bench/blind/README.md)

# tutor-triage
train: bootstrap       ## rebuild the triage corpus from its seeds and train the model (cached by corpus hash)
	$(PY) -m agents.triage.train --rebuild-corpus
# --- speed (issue 13) ---
bench: bootstrap       ## throughput/latency table through Envoy vs a bare echo in the same run (bench/speed.py)
	$(PY) bench/speed.py

# --- scale (issue 12) ---
.PHONY: manifests
manifests: bootstrap   ## regenerate deploy/k8s's generated parts from the service registry
	$(PY) deploy/render.py
