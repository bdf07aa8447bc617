"""A chat completion as the server sent it, read whole or from a stream of server-sent events.

A stream (`stream=True` through `openai.AsyncOpenAI`) carries the reply as `choices[0].delta` pieces, then a chunk
with the finish reason, then, when asked for with `stream_options={"include_usage": True}`, one with the usage and
no choices, then `data: [DONE]`. `StreamReader` collects them and keeps what arrived when a stream stalls or
breaks, so the token budget counts partial output too. Servers that send no usage are estimated by the caller.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class StreamBroken(Exception):
    """The stream ended before the model finished: no finish reason arrived (a proxy or server cut it)."""


class StreamMalformed(Exception):
    """A chunk is not the JSON a chat completion stream sends."""


@dataclass(frozen=True, slots=True)
class Received:
    """One reply; `content` is None when the server sent no choice at all, `usage` None when it reported none."""

    content: str | None
    finish_reason: str | None = None
    refusal: str | None = None
    usage: tuple[int, int] | None = None
    """(prompt, completion) tokens as the server counted them."""


def received_whole(completion: Any) -> Received:
    """A non-streamed `ChatCompletion`."""
    choice = completion.choices[0] if completion.choices else None
    usage = completion.usage
    counted = (usage.prompt_tokens, usage.completion_tokens) if usage else None
    if choice is None:
        return Received(None, usage=counted)
    return Received(choice.message.content or "", choice.finish_reason, choice.message.refusal, counted)


@dataclass
class StreamReader:
    """Collects a stream's chunks; `received()` is what arrived so far, complete or not."""

    parts: list[str] = field(default_factory=list)
    refusal: list[str] = field(default_factory=list)
    finish_reason: str | None = None
    usage: tuple[int, int] | None = None

    def take(self, chunk: Any) -> None:
        """Add one `ChatCompletionChunk`; raises StreamMalformed for a chunk of another shape."""
        try:
            if chunk.usage is not None:
                self.usage = (int(chunk.usage.prompt_tokens), int(chunk.usage.completion_tokens))
            for choice in chunk.choices or ():
                if choice.index not in (0, None):
                    continue
                if choice.delta is not None:
                    self.parts.append(_text(choice.delta.content))
                    self.refusal.append(_text(choice.delta.refusal))
                self.finish_reason = choice.finish_reason or self.finish_reason
        except (AttributeError, TypeError, ValueError) as error:
            raise StreamMalformed(f"unexpected chunk ({type(error).__name__})") from None

    def received(self) -> Received:
        return Received("".join(self.parts), self.finish_reason, "".join(self.refusal) or None, self.usage)

    def finished(self) -> Received:
        """The whole reply; raises StreamBroken when the stream ended without a finish reason."""
        if self.finish_reason is None:
            raise StreamBroken("no finish reason")
        return self.received()


def _text(value: object) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise TypeError("text is not a string")
    return value
