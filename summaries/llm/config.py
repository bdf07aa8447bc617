"""What the LLM engine is told to do and how long it may take; built by `bot.engines` from the settings."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_TOTAL_TIMEOUT = 20.0
"""Seconds from the first request to a result, retries and waits included; after that the offline engine answers."""


@dataclass(frozen=True, slots=True)
class LLMConfig:
    model: str
    base_url: str | None = None
    request_timeout: float = 15.0
    """Seconds for one HTTP request; also cut short by `total_timeout`."""
    total_timeout: float = DEFAULT_TOTAL_TIMEOUT
    max_tokens: int = 800
    """Tokens the model may write per reply."""
    temperature: float = 0.2
    daily_token_budget: int = 200_000
    """Prompt plus completion tokens per UTC day, in this process; 0 turns the model off."""
    context_chars: int = 24_000
    """Article characters sent to the model (about 6,000 tokens); a longer article is trimmed by the offline ranker."""
    key_quotes: int = 4
    max_attempts: int = 3
    """Requests per call, the first included, while 429, 5xx or timeouts leave time in `total_timeout`."""
    stream: bool = True
    """Read replies as a stream of chunks: `request_timeout` then bounds the whole reply, not only each read, and
    tokens that arrived before a stall or a cut count in the budget. Off for servers or proxies that cannot stream."""

    @property
    def key(self) -> str:
        """Everything here that changes the output, for cache keys (not timeouts or budgets)."""
        return (
            f"model={self.model};base_url={self.base_url or ''};max_tokens={self.max_tokens};"
            f"temperature={self.temperature};context_chars={self.context_chars};key_quotes={self.key_quotes}"
        )
