"""A fake OpenAI-compatible server on 127.0.0.1 (aiohttp.web): `POST /v1/chat/completions`, scripted per request.

Each request takes the next `Script` step (the last one repeats): a JSON reply after an optional delay, an error
status with headers, a hang, or any callable. `schema_support=False` answers a `json_schema` response format with
400, as llama.cpp and older vLLM servers do. Every request's JSON body and arrival time are recorded.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

Step = Callable[[dict[str, Any]], Awaitable[web.StreamResponse]]


def completion(content: str, *, finish_reason: str = "stop", refusal: str | None = None, usage: bool = True) -> dict:
    body: dict[str, Any] = {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 0,
        "model": "fake-model",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content, "refusal": refusal},
                "finish_reason": finish_reason,
            }
        ],
    }
    if usage:
        body["usage"] = {"prompt_tokens": 1000, "completion_tokens": 200, "total_tokens": 1200}
    return body


def reply(
    data: dict[str, Any] | str, *, delay: float = 0.0, finish_reason: str = "stop", refusal: str | None = None
) -> Step:
    """The model's JSON (a dict) or raw text (a str) as a chat completion, after `delay` seconds."""
    content = data if isinstance(data, str) else json.dumps(data)

    async def step(body: dict[str, Any]) -> web.StreamResponse:
        if delay:
            await asyncio.sleep(delay)
        return web.json_response(completion(content, finish_reason=finish_reason, refusal=refusal))

    return step


def status(code: int, headers: dict[str, str] | None = None, message: str = "fake error") -> Step:
    async def step(body: dict[str, Any]) -> web.StreamResponse:
        error = {"error": {"message": message, "type": "fake", "code": None}}
        return web.json_response(error, status=code, headers=headers or {})

    return step


def hang() -> Step:
    async def step(body: dict[str, Any]) -> web.StreamResponse:
        await asyncio.sleep(3600)
        raise AssertionError("unreachable")

    return step


@dataclass
class FakeOpenAI:
    script: list[Step] = field(default_factory=list)
    schema_support: bool = True
    requests: list[dict[str, Any]] = field(default_factory=list)
    arrivals: list[float] = field(default_factory=list)
    port: int = 0
    _served: int = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def then(self, *steps: Step) -> FakeOpenAI:
        self.script.extend(steps)
        return self

    async def _completions(self, request: web.Request) -> web.StreamResponse:
        body = await request.json()
        self.requests.append(body)
        self.arrivals.append(time.monotonic())
        fmt = body.get("response_format") or {}
        if not self.schema_support and fmt.get("type") == "json_schema":
            return await status(400, message="response_format json_schema is not supported")(body)
        if not self.script:
            return await status(500, message="no script")(body)
        step = self.script[min(self._served, len(self.script) - 1)]
        self._served += 1
        return await step(body)


@contextlib.asynccontextmanager
async def running_fake_openai(*, schema_support: bool = True) -> AsyncIterator[FakeOpenAI]:
    fake = FakeOpenAI(schema_support=schema_support)
    app = web.Application()
    app.router.add_post("/v1/chat/completions", fake._completions)
    runner = web.AppRunner(app, shutdown_timeout=0.1)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    server = site._server
    assert server is not None
    fake.port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield fake
    finally:
        await runner.cleanup()
