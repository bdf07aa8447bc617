"""Settings of the optional LLM engine: `BRIEFBOT_ENGINE`, `BRIEFBOT_LLM_*`, and the standard `OPENAI_API_KEY` and
`OPENAI_BASE_URL` (read without the prefix, as the openai tools do). The engine stays offline unless configured."""

from __future__ import annotations

from typing import Literal

from pydantic import AliasChoices, Field, SecretStr

from bot.config_file import FileSettings
from summaries.llm.config import DEFAULT_TOTAL_TIMEOUT

EngineName = Literal["offline", "llm"]


class LLMSettings(FileSettings):
    config_table = "llm"
    engine: EngineName = Field(default="offline", description="`offline` (default) or `llm`.")
    openai_api_key: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("OPENAI_API_KEY", "openai_api_key"),
        description="API key, if needed.",
    )
    openai_base_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("OPENAI_BASE_URL", "openai_base_url"),
        description="An OpenAI-compatible server (vLLM, llama.cpp, Ollama, LM Studio); default api.openai.com.",
    )
    llm_model: str | None = Field(default=None, description="Model name; required for the llm engine.")
    llm_timeout: float = Field(
        default=DEFAULT_TOTAL_TIMEOUT,
        gt=0,
        le=300,
        description="Seconds for a whole call, retries included; then offline.",
    )
    llm_request_timeout: float = Field(default=15.0, gt=0, le=300, description="Seconds for one HTTP request.")
    llm_max_tokens: int = Field(default=800, ge=100, le=16_000, description="Tokens the model may write per reply.")
    llm_temperature: float = Field(default=0.2, ge=0, le=2)
    llm_daily_token_budget: int = Field(
        default=200_000, ge=0, description="Tokens per UTC day and process; then offline."
    )
    llm_context_chars: int = Field(
        default=24_000, ge=1_000, description="Article characters sent; longer ones are trimmed."
    )
    llm_stream: bool = Field(
        default=True,
        description="Read replies streamed (SSE): a stall or a cut is caught and partial output counted; "
        "off for servers or proxies that cannot stream.",
    )


def load_llm_settings() -> LLMSettings:
    return LLMSettings()
