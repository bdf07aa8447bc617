"""Log lines for long-running processes: text or one JSON object per line, a request id, and no secrets.

A request id is set where a request arrives (`start_request`) and carried by contextvars into every task the
request starts, so the ack, the work and the post of one request share it. Every line passes through `Redactor`:
the configured secrets and anything shaped like a Slack, Discord or OpenAI token or a URL password are masked.
"""

from __future__ import annotations

import json
import logging
import re
import secrets
import sys
from collections.abc import Iterable
from contextvars import ContextVar
from datetime import UTC, datetime

request_id: ContextVar[str | None] = ContextVar("request_id", default=None)

MASK = "[redacted]"
TOKEN_SHAPES = re.compile(
    r"xox[abposre]-[A-Za-z0-9-]+"  # Slack bot, user and refresh tokens
    r"|xapp-[A-Za-z0-9-]+"  # Slack app-level tokens
    r"|\b[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,40}\b"  # Discord bot tokens
    r"|\bsk-[A-Za-z0-9_-]{16,}"  # OpenAI-style API keys
)
AUTH_HEADER = re.compile(r"\b(Bot|Bearer)\s+[A-Za-z0-9._~+/=-]{8,}")
URL_PASSWORD = re.compile(r"(\b[a-z][a-z0-9+.-]*://[^/\s:@]*:)[^@\s/]+@")
SHORTEST_SECRET = 6
"""Configured values shorter than this are not searched for: masking every 'abc' would garble the logs."""


def start_request(prefix: str, given: str | None = None) -> str:
    """Sets (and returns) this context's request id: `given` when the platform supplied one, else a fresh one."""
    value = given or f"{prefix}-{secrets.token_hex(6)}"
    request_id.set(value)
    return value


class Redactor:
    def __init__(self, values: Iterable[str] = ()) -> None:
        self.values = sorted({v for v in values if v and len(v) >= SHORTEST_SECRET}, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for value in self.values:
            text = text.replace(value, MASK)
        text = TOKEN_SHAPES.sub(MASK, text)
        text = AUTH_HEADER.sub(rf"\1 {MASK}", text)
        return URL_PASSWORD.sub(rf"\1{MASK}@", text)


class TextFormatter(logging.Formatter):
    def __init__(self, redact: Redactor) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s%(request)s: %(message)s")
        self.redact = redact

    def format(self, record: logging.LogRecord) -> str:
        current = request_id.get()
        record.request = f" [{current}]" if current else ""
        return self.redact(super().format(record))


class JsonFormatter(logging.Formatter):
    """One object a line: time (UTC, ISO), level, logger, message, request_id when there is one, exception text."""

    def __init__(self, redact: Redactor) -> None:
        super().__init__()
        self.redact = redact

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": self.redact(record.getMessage()),
        }
        current = request_id.get()
        if current:
            line["request_id"] = current
        if record.exc_info:
            line["exception"] = self.redact(self.formatException(record.exc_info))
        elif record.exc_text:
            line["exception"] = self.redact(record.exc_text)
        return json.dumps(line, ensure_ascii=False)


def configure_logging(
    fmt: str = "text", level: str = "INFO", secret_values: Iterable[str] = (), warnings: Iterable[str] = ()
) -> None:
    """One stderr handler on the root logger, in `fmt` ('text' or 'json'), masking `secret_values` and token shapes;
    then `warnings` (protections turned off, from `setting_warnings`) are logged, as the terminal prints them."""
    redact = Redactor(secret_values)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter(redact) if fmt == "json" else TextFormatter(redact))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    logging.captureWarnings(True)
    for noisy in ("aiohttp.access", "discord.gateway", "apscheduler.scheduler", "apscheduler.executors.default"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))
    for warning in warnings:
        logging.getLogger("bot.settings").warning(warning)


def secrets_in(*settings: object) -> list[str]:
    """Every SecretStr value of the settings objects, and the password of any URL among their strings."""
    from pydantic import BaseModel, SecretStr

    found: list[str] = []
    for model in settings:
        if not isinstance(model, BaseModel):
            continue
        for name in type(model).model_fields:
            value = getattr(model, name)
            if isinstance(value, SecretStr):
                found.append(value.get_secret_value())
            elif isinstance(value, str) and (match := re.search(r"://[^/\s:@]*:([^@\s/]+)@", value)):
                found.append(match.group(1))
    return found
