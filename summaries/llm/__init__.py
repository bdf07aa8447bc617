"""An optional engine that briefs through an OpenAI-compatible chat model and checks everything it says.

`LLMEngine` meets `summaries.async_engine.AsyncEngine`: its `brief`, `quotes` and `answer` are coroutines taking
and returning what `summaries.engine.Engine`'s do, because the openai client is async. Callers that hold either
kind of engine use `summaries.async_engine.as_async(engine)` and `await` it. Modules: `config` (what to ask for),
`prompt` (messages, the article as delimited data, trimming by the offline ranker), `schema` (the JSON asked for),
`client` (one call, retries within a deadline), `verify` (checks against the article), `budget` (tokens per day).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from summaries.llm.budget import DailyTokenBudget
    from summaries.llm.config import LLMConfig
    from summaries.llm.engine import LLMEngine, ModelBriefing, made_by_model

__all__ = ["DailyTokenBudget", "LLMConfig", "LLMEngine", "ModelBriefing", "made_by_model"]
_HOMES = {
    "DailyTokenBudget": "budget",
    "LLMConfig": "config",
    "LLMEngine": "engine",
    "ModelBriefing": "engine",
    "made_by_model": "engine",
}


def __getattr__(name: str) -> Any:
    """Loaded on first use: reading the LLM settings must not import the openai client on the offline path."""
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"summaries.llm.{_HOMES[name]}"), name)
