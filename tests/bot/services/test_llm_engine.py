"""The services with the LLM engine chosen by the settings, against a fake OpenAI-compatible server on loopback."""

from __future__ import annotations

from bot.channels import ChannelRef
from bot.services import FromText, Runtime, ask, brief
from tests.bot.services.conftest import settings_for
from tests.fakes.openai_server import reply, running_fake_openai, status

CHANNEL = ChannelRef("slack", "C5", "T5")
MODEL_BRIEF = {
    "headline": "US lets Ukraine strike inside Russia",
    "sentences": ["The US has allowed Ukraine to use its weapons to strike deep into Russia."],
    "quotes": [],
}


async def test_the_model_briefs_and_a_second_brief_comes_from_the_cache(tmp_path, seed_text, llm_env):
    async with running_fake_openai() as server:
        server.then(reply(MODEL_BRIEF))
        llm_env(server.base_url)
        async with Runtime(settings_for(tmp_path)) as runtime:
            first = await brief(runtime, FromText(seed_text), channel=CHANNEL)
            second = await brief(runtime, FromText(seed_text), channel=CHANNEL)
    assert first.reply.engine == "llm:local-model" and not first.reply.cached
    assert first.reply.quotes  # the quotes the model missed come from the offline digest
    assert second.reply.cached and second.reply.sentences == first.reply.sentences
    assert len(server.requests) == 1


async def test_an_offline_fallback_is_not_cached_as_the_models_work(tmp_path, seed_text, llm_env):
    async with running_fake_openai() as server:
        server.then(status(500), status(500), status(500), reply(MODEL_BRIEF))
        llm_env(server.base_url)
        async with Runtime(settings_for(tmp_path)) as runtime:
            first = await brief(runtime, FromText(seed_text), channel=CHANNEL)
        async with Runtime(settings_for(tmp_path)) as restarted:  # the store is shared; the engine's memo is not
            second = await brief(restarted, FromText(seed_text), channel=CHANNEL)
            answer = await ask(restarted, "Who won the football World Cup in Qatar?", channel=CHANNEL)
    assert first.reply.engine.startswith("offline (fallback from llm:local-model")
    assert second.reply.engine == "llm:local-model" and not second.reply.cached
    assert not answer.found  # the model's reply has no answer field: the offline answer stands


async def test_a_digest_briefing_made_offline_after_a_model_failure_is_not_kept_in_memory(
    tmp_path, seed, llm_env, monkeypatch
):
    """Digests brief each article once per process; a fallback must not stand in for the model until a restart."""
    monkeypatch.setattr("summaries.llm.engine.FALLBACK_MEMO_SECONDS", 0.0)
    async with running_fake_openai() as server:
        server.then(status(500), status(500), status(500), reply(MODEL_BRIEF))
        llm_env(server.base_url)
        async with Runtime(settings_for(tmp_path)) as runtime:
            first, _ = await runtime.brief_once("seed", lambda: seed, sentences=3)
            second, _ = await runtime.brief_once("seed", lambda: seed, sentences=3)
            third, _ = await runtime.brief_once("seed", lambda: seed, sentences=3)
    assert first.engine.startswith("offline (fallback from llm:local-model")
    assert second.engine == third.engine == "llm:local-model"
    assert len(server.requests) == 4  # three failed tries, one answer; the third came from memory
