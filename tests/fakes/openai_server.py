"""A fake OpenAI-compatible server on 127.0.0.1 (aiohttp.web): `POST /v1/chat/completions`, scripted per request.

Each request takes the next `Script` step (the last one repeats): a reply after an optional delay, an error status
with headers, a hang, or any callable. A `reply` is JSON, or real server-sent events when the request asks for
`stream: true` (content in `choices[0].delta` pieces, a finish chunk, the usage chunk when the request asks for it
with `stream_options.include_usage`, then `data: [DONE]`); `streamed` scripts a stream that stalls, is cut off or
turns malformed part-way. `schema_support=False` answers a `json_schema` response format with 400, as llama.cpp and
older vLLM servers do; `stream_options_support=False` answers `stream_options` with 400, as some older servers do.
Every request's JSON body and arrival time are recorded.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from aiohttp import web

Step = Callable[[web.Request, dict[str, Any]], Awaitable[web.StreamResponse]]
StreamEnd = Literal["done", "stall", "cut", "malformed"]
USAGE = {"prompt_tokens": 1000, "completion_tokens": 200, "total_tokens": 1200}
PIECE_CHARS = 4
"""Characters of content per streamed chunk: about a token, as servers stream."""


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
        body["usage"] = dict(USAGE)
    return body


def reply(
    data: dict[str, Any] | str, *, delay: float = 0.0, finish_reason: str = "stop", refusal: str | None = None
) -> Step:
    """The model's JSON (a dict) or raw text (a str) after `delay` seconds: a chat completion, or a whole stream when
    the request asks to stream."""
    content = data if isinstance(data, str) else json.dumps(data)

    async def step(request: web.Request, body: dict[str, Any]) -> web.StreamResponse:
        if delay:
            await asyncio.sleep(delay)
        if body.get("stream"):
            return await _stream(request, body, content, finish_reason=finish_reason, refusal=refusal)
        return web.json_response(completion(content, finish_reason=finish_reason, refusal=refusal))

    return step


def streamed(
    data: dict[str, Any] | str,
    *,
    end: StreamEnd = "done",
    at: float = 0.5,
    usage: bool = True,
    pause: float = 0.0,
    finish_reason: str = "stop",
) -> Step:
    """The reply as server-sent events whatever the request asked, ending as `end` says once `at` (a share) of the
    content is sent: `done` finishes normally, `stall` sends nothing more, `cut` ends the body there (no finish
    reason, no `[DONE]`), `malformed` sends a chunk of broken JSON. `usage=False` never sends usage; `pause` is
    seconds between chunks."""
    content = data if isinstance(data, str) else json.dumps(data)

    async def step(request: web.Request, body: dict[str, Any]) -> web.StreamResponse:
        return await _stream(
            request, body, content, end=end, at=at, usage=usage, pause=pause, finish_reason=finish_reason
        )

    return step


def _chunk(choices: list[dict[str, Any]], *, usage: dict[str, int] | None, with_usage: bool) -> bytes:
    body: dict[str, Any] = {
        "id": "chatcmpl-fake",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": "fake-model",
        "choices": choices,
    }
    if with_usage:  # as OpenAI does once usage is asked for: null on every chunk but the last
        body["usage"] = usage
    return f"data: {json.dumps(body)}\n\n".encode()


async def _stream(
    request: web.Request,
    body: dict[str, Any],
    content: str,
    *,
    end: StreamEnd = "done",
    at: float = 1.0,
    usage: bool = True,
    pause: float = 0.0,
    finish_reason: str = "stop",
    refusal: str | None = None,
) -> web.StreamResponse:
    asked = bool((body.get("stream_options") or {}).get("include_usage")) and usage
    response = web.StreamResponse(headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache"})
    await response.prepare(request)
    pieces = [content[i : i + PIECE_CHARS] for i in range(0, len(content), PIECE_CHARS)]
    stop = round(len(pieces) * at) if end != "done" else len(pieces)
    first = {"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}
    await response.write(_chunk([first], usage=None, with_usage=asked))
    for piece in pieces[:stop]:
        if pause:
            await asyncio.sleep(pause)
        delta = {"index": 0, "delta": {"content": piece}, "finish_reason": None}
        await response.write(_chunk([delta], usage=None, with_usage=asked))
    if end == "stall":
        await asyncio.sleep(3600)
        raise AssertionError("unreachable")
    if end == "malformed":
        await response.write(b'data: {"id": "chatcmpl-fake", "choices": [{"index": 0, "delta": {"content": "x\n\n')
    if end != "done":
        await response.write_eof()
        return response
    if refusal:
        await response.write(_chunk([{"index": 0, "delta": {"refusal": refusal}}], usage=None, with_usage=asked))
    last = {"index": 0, "delta": {}, "finish_reason": finish_reason}
    await response.write(_chunk([last], usage=None, with_usage=asked))
    if asked:
        await response.write(_chunk([], usage=dict(USAGE), with_usage=True))
    await response.write(b"data: [DONE]\n\n")
    await response.write_eof()
    return response


def status(code: int, headers: dict[str, str] | None = None, message: str = "fake error") -> Step:
    async def step(request: web.Request, body: dict[str, Any]) -> web.StreamResponse:
        error = {"error": {"message": message, "type": "fake", "code": None}}
        return web.json_response(error, status=code, headers=headers or {})

    return step


def hang() -> Step:
    async def step(request: web.Request, body: dict[str, Any]) -> web.StreamResponse:
        await asyncio.sleep(3600)
        raise AssertionError("unreachable")

    return step


@dataclass
class FakeOpenAI:
    script: list[Step] = field(default_factory=list)
    schema_support: bool = True
    stream_options_support: bool = True
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
            return await status(400, message="response_format json_schema is not supported")(request, body)
        if not self.stream_options_support and "stream_options" in body:
            return await status(400, message="extra field not permitted: stream_options")(request, body)
        if not self.script:
            return await status(500, message="no script")(request, body)
        step = self.script[min(self._served, len(self.script) - 1)]
        self._served += 1
        return await step(request, body)


@contextlib.asynccontextmanager
async def running_fake_openai(
    *, schema_support: bool = True, stream_options_support: bool = True
) -> AsyncIterator[FakeOpenAI]:
    fake = FakeOpenAI(schema_support=schema_support, stream_options_support=stream_options_support)
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


@contextlib.contextmanager
def fake_openai_in_thread(**options: bool) -> Iterator[FakeOpenAI]:
    """The fake server on its own event loop in a thread, for code that runs its own loop (the CLI's `main`)."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="fake-openai", daemon=True)
    thread.start()
    server = running_fake_openai(**options)
    try:
        yield asyncio.run_coroutine_threadsafe(server.__aenter__(), loop).result(timeout=5)
    finally:
        asyncio.run_coroutine_threadsafe(server.__aexit__(None, None, None), loop).result(timeout=5)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=5)
        loop.close()
