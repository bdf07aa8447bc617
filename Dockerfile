# briefbot in a container: the same `briefbot run` as everywhere else (README, "Running it").
#   docker build -t briefbot .
#   docker run --env-file .env -p 3000:3000 briefbot                     # everything configured, one process
#   docker run --env-file .env briefbot briefbot run --only scheduler    # one Procfile process type
# Settings come from the environment (DATABASE_URL, SLACK_*, DISCORD_TOKEN...) or a TOML file mounted at
# /etc/briefbot/briefbot.toml (read from the working directory). The default SQLite database lives in /data.
# The health check is the web process's (GET /healthz on $PORT); run other process types with --no-healthcheck.
# One base for both stages: the venv built in the first runs on the second's /usr/local/bin/python3.11.
ARG PYTHON_IMAGE=python:3.11-slim
FROM ${PYTHON_IMAGE} AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY summaries ./summaries
# Not editable: the image runs the installed copy. pip and setuptools leave the venv once it is built.
RUN python -m venv /opt/briefbot \
    && /opt/briefbot/bin/pip install '.[postgres]' \
    && /opt/briefbot/bin/pip uninstall --yes pip setuptools

FROM ${PYTHON_IMAGE}
RUN groupadd --gid 10001 briefbot \
    && useradd --uid 10001 --gid 10001 --create-home --no-log-init briefbot \
    && mkdir -p /data /etc/briefbot \
    && chown 10001:10001 /data
COPY --from=build /opt/briefbot /opt/briefbot
ENV PATH=/opt/briefbot/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    XDG_DATA_HOME=/data \
    BRIEFBOT_LOG_FORMAT=json \
    PORT=3000
# Numeric, so a platform that must check the user is not root (Kubernetes runAsNonRoot) can.
USER 10001:10001
WORKDIR /etc/briefbot
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ['PORT'], timeout=4)"]
# exec form: SIGTERM reaches briefbot itself, which drains and exits within 10 s (docker stop waits 10 s).
STOPSIGNAL SIGTERM
CMD ["briefbot", "run"]
