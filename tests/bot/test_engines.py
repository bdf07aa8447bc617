"""Choosing the engine from settings: offline unless the LLM engine is asked for and configured."""

from __future__ import annotations

import pytest

from bot.engines import LLMNotConfigured, build_engine
from bot.llm_settings import LLMSettings
from bot.settings import Settings
from summaries.async_engine import as_async
from summaries.engine import OfflineEngine
from summaries.llm import LLMEngine, made_by_model
from summaries.model import Article
from tests.fakes.openai_server import reply, running_fake_openai


def llm_settings(**values: object) -> LLMSettings:
    return LLMSettings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture(autouse=True)
def no_llm_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "BRIEFBOT_ENGINE", "BRIEFBOT_LLM_MODEL"):
        monkeypatch.delenv(name, raising=False)


def test_the_offline_engine_is_the_default():
    engine = build_engine(Settings(key_quotes=2), llm_settings())
    assert isinstance(engine, OfflineEngine) and engine.settings_key.startswith("key_quotes=2")


def test_openai_variables_are_read_without_the_prefix(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("BRIEFBOT_ENGINE", "llm")
    monkeypatch.setenv("BRIEFBOT_LLM_MODEL", "local-model")
    monkeypatch.setenv("BRIEFBOT_LLM_DAILY_TOKEN_BUDGET", "5000")
    settings = llm_settings()
    assert settings.openai_api_key is not None and settings.openai_api_key.get_secret_value() == "sk-test"
    assert (settings.openai_base_url, settings.engine, settings.llm_model) == (
        "http://127.0.0.1:9/v1",
        "llm",
        "local-model",
    )
    assert "sk-test" not in repr(settings)
    engine = build_engine(Settings(), settings)
    assert isinstance(engine, LLMEngine) and engine.config.daily_token_budget == 5000


def test_the_llm_engine_without_a_model_says_which_setting_to_set():
    with pytest.raises(LLMNotConfigured, match="BRIEFBOT_LLM_MODEL"):
        build_engine(Settings(), llm_settings(engine="llm", openai_api_key="sk-test"))


def test_the_llm_engine_without_a_key_or_server_says_so():
    with pytest.raises(LLMNotConfigured, match="OPENAI_API_KEY"):
        build_engine(Settings(), llm_settings(llm_model="m"), engine="llm")


def test_asking_for_offline_overrides_a_configured_llm():
    settings = llm_settings(engine="llm", llm_model="m", openai_api_key="sk-test")
    assert isinstance(build_engine(Settings(), settings, engine="offline"), OfflineEngine)


def test_the_cache_key_names_the_model_and_the_prompt_version():
    engine = build_engine(
        Settings(), llm_settings(engine="llm", llm_model="m1", openai_base_url="http://127.0.0.1:9/v1")
    )
    other = build_engine(
        Settings(), llm_settings(engine="llm", llm_model="m2", openai_base_url="http://127.0.0.1:9/v1")
    )
    assert isinstance(engine, LLMEngine) and isinstance(other, LLMEngine)
    assert engine.settings_key != other.settings_key and "prompt=" in engine.settings_key
    assert engine.name == "llm" and "prompt." in engine.version


async def test_a_local_server_without_a_key_briefs_through_the_built_engine(seed: Article):
    async with running_fake_openai() as server:
        server.then(reply({"headline": "h", "sentences": ["The US lets Ukraine strike Russia."], "quotes": []}))
        settings = llm_settings(engine="llm", llm_model="local", openai_base_url=server.base_url)
        engine = build_engine(Settings(), settings)
        assert isinstance(engine, LLMEngine)
        try:
            briefing = await as_async(engine).brief(seed, sentences=2)
        finally:
            await engine.aclose()
    assert made_by_model(briefing) and briefing.engine == "llm:local"
    assert server.requests[0]["model"] == "local"


async def test_the_offline_engine_can_be_awaited_too(seed: Article):
    offline = build_engine(Settings(), llm_settings())
    engine = as_async(offline)
    assert engine.name == "offline" and engine.settings_key == offline.settings_key
    assert await engine.brief(seed, sentences=3) == OfflineEngine().brief(seed, sentences=3)
    assert await engine.quotes(seed) == OfflineEngine().quotes(seed)
    assert await engine.answer(seed, "Who criticized the decision?") == OfflineEngine().answer(
        seed, "Who criticized the decision?"
    )
