"""Choosing the engine from the settings: the offline engine unless the LLM engine is asked for and configured.

`build_engine` returns either a sync `Engine` (offline) or an `LLMEngine` (async); wrap the result in
`summaries.async_engine.as_async` to `await` it whichever it is.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from bot.llm_settings import EngineName, LLMSettings
from bot.settings import Settings
from summaries.errors import BriefbotError

if TYPE_CHECKING:  # the core and the openai client: imported by the branch that builds each engine
    from summaries.engine import OfflineEngine
    from summaries.llm import LLMConfig, LLMEngine

logger = logging.getLogger(__name__)

NO_KEY = "unused"
"""Sent as the API key to servers that need none (local vLLM, llama.cpp, Ollama): the client insists on one."""


class LLMNotConfigured(BriefbotError):
    """The LLM engine was asked for without what it needs; the message says which setting to set."""


def llm_config(settings: Settings, llm: LLMSettings) -> LLMConfig:
    if not llm.llm_model:
        raise LLMNotConfigured("The LLM engine needs a model: set BRIEFBOT_LLM_MODEL to the model your server runs.")
    if llm.openai_api_key is None and not llm.openai_base_url:
        raise LLMNotConfigured("The LLM engine needs OPENAI_API_KEY, or OPENAI_BASE_URL for a local server.")
    from summaries.llm import LLMConfig

    return LLMConfig(
        model=llm.llm_model,
        base_url=llm.openai_base_url,
        request_timeout=min(llm.llm_request_timeout, llm.llm_timeout),
        total_timeout=llm.llm_timeout,
        max_tokens=llm.llm_max_tokens,
        temperature=llm.llm_temperature,
        daily_token_budget=llm.llm_daily_token_budget,
        context_chars=llm.llm_context_chars,
        key_quotes=settings.key_quotes,
        stream=llm.llm_stream,
    )


def build_engine(
    settings: Settings, llm: LLMSettings, *, engine: EngineName | None = None
) -> OfflineEngine | LLMEngine:
    """The engine named by `engine` (e.g. `--engine llm`), else by `BRIEFBOT_ENGINE`; offline by default.

    Raises LLMNotConfigured when the LLM engine is asked for without a model, or without a key or server.
    """
    if (engine or llm.engine) == "offline":
        from summaries.engine import OfflineEngine

        return OfflineEngine(key_quotes=settings.key_quotes)
    from openai import AsyncOpenAI

    from summaries.llm import LLMEngine

    config = llm_config(settings, llm)
    key = llm.openai_api_key.get_secret_value() if llm.openai_api_key else NO_KEY
    client = AsyncOpenAI(api_key=key, base_url=config.base_url, max_retries=0, timeout=config.request_timeout)
    logger.info("LLM engine: model %s at %s", config.model, config.base_url or "api.openai.com")
    return LLMEngine(client, config)
