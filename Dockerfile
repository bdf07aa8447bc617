# briefbot in a container: the same `briefbot run` as everywhere else (README, "Running it").
#   docker build -t briefbot .
#   docker run --env-file .env -p 3000:3000 briefbot                     # everything configured, one process
#   docker run --env-file .env briefbot briefbot run --only scheduler    # one Procfile process type
# Settings come from the environment (DATABASE_URL, SLACK_*, DISCORD_TOKEN...) or a TOML file mounted at
# /etc/briefbot/briefbot.toml (read from the working directory). The default SQLite database lives in /data.
# The health check is the web process's (GET /healthz on $PORT); run other process types with --no-healthcheck.
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY summaries ./summaries
RUN python -m venv /opt/briefbot && /opt/briefbot/bin/pip install '.[postgres]'

FROM python:3.11-slim
RUN useradd --create-home --uid 10001 --user-group briefbot && mkdir -p /data /etc/briefbot \
    && chown briefbot:briefbot /data
COPY --from=build /opt/briefbot /opt/briefbot
ENV PATH=/opt/briefbot/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    XDG_DATA_HOME=/data \
    BRIEFBOT_LOG_FORMAT=json \
    PORT=3000
USER briefbot
WORKDIR /etc/briefbot
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
    CMD python -c "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ[\"PORT\"]}/healthz', timeout=4)"
# exec form: SIGTERM reaches briefbot itself, which drains and exits within 10 s (docker stop waits 10 s).
STOPSIGNAL SIGTERM
CMD ["briefbot", "run"]
