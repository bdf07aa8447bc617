"""One chat-completion call through `openai.AsyncOpenAI`, with JSON output, bounded retries and plain errors.

The openai client's own retries are off (`max_retries=0` is expected): this module retries 429, 5xx, timeouts,
connection errors and streams cut short itself so it can honour `Retry-After` (and `retry-after-ms`) *within* the
caller's deadline, and give up at once when the server asks for a longer wait than is left. Structured output
degrades per server: a JSON Schema first, then JSON mode, then the prompt's own JSON instructions, remembering what
the server accepted. A streamed reply (`stream=True`) is bounded as a whole by the request timeout, and what arrived
before it stalled or broke is counted as used tokens.
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import openai
from openai import AsyncOpenAI

from summaries.errors import BriefbotError
from summaries.llm.stream import Received, StreamBroken, StreamMalformed, StreamReader, received_whole

logger = logging.getLogger(__name__)

OutputMode = Literal["json_schema", "json_object", "plain"]
_DOWNGRADE: dict[OutputMode, OutputMode] = {"json_schema": "json_object", "json_object": "plain"}
BACKOFF_BASE = 0.5
"""Seconds before the first retry when the server names no `Retry-After`; doubled each time."""
CHARS_PER_TOKEN = 4
"""For token counts the server does not report (no usage sent, or a stream cut short)."""


class ModelUnavailable(BriefbotError):
    """No usable reply within the deadline; `reason` is short and fit for a note beside the offline briefing."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Reply:
    content: str
    prompt_tokens: int
    completion_tokens: int
    mode: OutputMode
    attempts: int


def retry_after(headers: Any) -> float | None:
    """Seconds the server asks us to wait (`retry-after-ms`, or `Retry-After` as seconds or an HTTP date)."""
    if (ms := headers.get("retry-after-ms")) is not None:
        try:
            return max(float(ms) / 1000, 0.0)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        parsed = email.utils.parsedate_tz(value)
        return max(email.utils.mktime_tz(parsed) - time.time(), 0.0) if parsed else None


def _transient(error: Exception) -> str | None:
    """A short reason when `error` is worth retrying, else None."""
    if isinstance(error, openai.APITimeoutError | TimeoutError):
        return "the model server timed out"
    if isinstance(error, openai.APIConnectionError):
        return "the model server is unreachable"
    if isinstance(error, StreamBroken):
        return "the model server's stream was cut off"
    if isinstance(error, openai.RateLimitError):
        return "the model server is rate limiting us"
    if isinstance(error, openai.APIStatusError) and error.status_code >= 500:
        return f"the model server failed ({error.status_code})"
    return None


class ChatModel:
    """A model behind an OpenAI-compatible chat completions endpoint."""

    def __init__(
        self,
        client: AsyncOpenAI,
        model: str,
        *,
        max_tokens: int,
        temperature: float,
        request_timeout: float,
        max_attempts: int = 3,
        stream: bool = False,
        on_usage: Callable[[int, int], None] | None = None,
    ) -> None:
        self.client = client
        self.model = model
        self.max_tokens = max_tokens
        self.temperature = temperature
        self.request_timeout = request_timeout
        self.max_attempts = max_attempts
        self.mode: OutputMode = "json_schema"
        self.stream = stream
        self.usage_in_stream = True
        """Ask for usage in a stream's last chunk; off once a server refuses `stream_options`."""
        self.on_usage = on_usage
        """Called with (prompt, completion) tokens of every reply, refused, cut off or stalled ones too."""

    async def reply(self, messages: list[dict[str, str]], schema: dict[str, object], *, deadline: float) -> Reply:
        """The model's JSON text for `messages`, by the loop time `deadline`; raises ModelUnavailable."""
        loop = asyncio.get_running_loop()
        attempt = 0
        while True:
            left = deadline - loop.time()
            if left <= 0:
                raise ModelUnavailable("the model server did not answer in time")
            try:
                return await self._create(messages, schema, timeout=min(self.request_timeout, left), attempt=attempt)
            except openai.BadRequestError as error:
                if self.stream and self.usage_in_stream and "stream_options" in error.message:
                    logger.info("llm server refused stream_options (%s); streaming without usage", error.message)
                    self.usage_in_stream = False
                    continue
                if self.mode == "plain":
                    raise ModelUnavailable(f"the model server refused the request ({error.status_code})") from None
                logger.info("llm server refused output mode %s (%s); trying the next", self.mode, error.message)
                self.mode = _DOWNGRADE[self.mode]
            except StreamMalformed as error:
                raise ModelUnavailable(f"the model server sent a malformed stream ({error})") from None
            except (openai.OpenAIError, TimeoutError, StreamBroken) as error:
                reason = _transient(error)
                if reason is None:
                    raise ModelUnavailable(f"the model server refused the request ({type(error).__name__})") from None
                attempt += 1
                headers = error.response.headers if isinstance(error, openai.APIStatusError) else {}
                wait = retry_after(headers)
                wait = BACKOFF_BASE * 2 ** (attempt - 1) if wait is None else wait
                if attempt >= self.max_attempts or loop.time() + wait >= deadline:
                    raise ModelUnavailable(reason) from None
                logger.info("llm retry %d in %.2f s: %s", attempt, wait, reason)
                await asyncio.sleep(wait)

    async def _create(
        self, messages: list[dict[str, str]], schema: dict[str, object], *, timeout: float, attempt: int
    ) -> Reply:
        request: dict[str, Any] = {
            "model": self.model,
            "messages": messages,
            "max_tokens": self.max_tokens,
            "temperature": self.temperature,
            "timeout": timeout,
        }
        if self.mode == "json_schema":
            request["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": "briefbot_reply", "schema": schema, "strict": True},
            }
        elif self.mode == "json_object":
            request["response_format"] = {"type": "json_object"}
        if self.stream:
            received = await self._streamed(request, messages, timeout=timeout)
        else:
            received = received_whole(await self.client.chat.completions.create(**request))
        prompt, written = self._count(messages, received)
        if received.content is None:
            raise ModelUnavailable("the model sent no reply")
        if received.refusal or received.finish_reason == "content_filter":
            raise ModelUnavailable("the model declined this article")
        if received.finish_reason == "length":
            raise ModelUnavailable("the model's reply was cut off at the token limit")
        return Reply(received.content, prompt, written, self.mode, attempt + 1)

    async def _streamed(self, request: dict[str, Any], messages: list[dict[str, str]], *, timeout: float) -> Received:
        """The streamed reply within `timeout` seconds in all; what arrived is counted when it stalls or breaks."""
        if self.usage_in_stream:
            request["stream_options"] = {"include_usage": True}
        reader = StreamReader()
        async with asyncio.timeout(timeout):
            stream = await self.client.chat.completions.create(**request, stream=True)
            try:
                async with stream:
                    async for chunk in stream:
                        reader.take(chunk)
                return reader.finished()
            except json.JSONDecodeError as error:
                self._count(messages, reader.received())
                raise StreamMalformed(error.msg) from None
            except BaseException:  # stalled (timeout, cancelled at the deadline), cut off, malformed, unreachable
                self._count(messages, reader.received())
                raise

    def _count(self, messages: list[dict[str, str]], received: Received) -> tuple[int, int]:
        """Tokens of one reply as the server counted them, else estimated, passed to `on_usage`."""
        if received.usage is not None:
            prompt, written = received.usage
        else:
            prompt = sum(len(m["content"]) for m in messages) // CHARS_PER_TOKEN
            written = len(received.content or "") // CHARS_PER_TOKEN
        if self.on_usage is not None:
            self.on_usage(prompt, written)
        return prompt, written
