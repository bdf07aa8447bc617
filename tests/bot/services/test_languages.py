"""Articles that are not English through the services: refused before they are kept when the engine reads English
only; briefed, asked about and digested with the LLM engine (the fake OpenAI server on loopback), and a digest story
the model cannot brief becomes a headline instead of holding up the digest."""

from __future__ import annotations

import pytest

from bot.channels import CONSOLE, ChannelRef
from bot.fingerprints import canonical_url
from bot.services import FromUrl, Runtime, ask, brief, preview
from summaries.article import read_article
from summaries.errors import ModelNeeded, UnsupportedLanguage
from tests.bot.services.conftest import settings_for
from tests.bot.services.test_digests import add_pending
from tests.fakes.openai_server import reply, running_fake_openai, status
from tests.summaries.llm.test_languages import FRENCH_BRIEF, MERCIER

CHANNEL = ChannelRef("slack", "C7", "T7")
TEXT = [("Content-Type", "text/plain; charset=utf-8")]


async def test_the_offline_engine_refuses_a_french_link_before_keeping_it(runtime, pages, french_text):
    pages.serve("/lyon", headers=TEXT, body=french_text.encode())
    with pytest.raises(UnsupportedLanguage, match="looks like French; the offline engine briefs English text only"):
        await brief(runtime, FromUrl(pages.url("/lyon")), channel=CHANNEL)
    store = await runtime.store()
    assert store.find_article(url=canonical_url(pages.url("/lyon"))) is None


async def test_the_llm_engine_briefs_a_french_link_and_answers_about_it(tmp_path, pages, french_text, llm_env):
    pages.serve("/lyon", headers=TEXT, body=french_text.encode())
    async with running_fake_openai() as server:
        llm_env(server.base_url)
        server.then(
            reply(FRENCH_BRIEF),
            reply({"answer": "Paul Giraud.", "evidence": "qui annonce un recours devant le tribunal administratif"}),
            status(503, {"Retry-After": "60"}),
        )
        async with Runtime(settings_for(tmp_path)) as runtime:
            briefed = await brief(runtime, FromUrl(pages.url("/lyon")), channel=CHANNEL)
            answer = await ask(runtime, "Who is going to court?", channel=CHANNEL)
            with pytest.raises(ModelNeeded, match="could not answer about this article"):
                await ask(runtime, "Who voted against?", channel=CHANNEL)
    assert briefed.reply.engine == "llm:local-model" and briefed.reply.sentences == tuple(FRENCH_BRIEF["sentences"])
    assert briefed.reply.quotes[0].text == MERCIER and briefed.reply.quotes[0].speaker == "Claire Mercier"
    assert answer.found and answer.evidence is not None and answer.evidence.startswith("« On nous retire")


async def test_a_digest_story_the_model_cannot_brief_is_a_headline_and_the_rest_are_briefed(
    tmp_path, seed, french_text, llm_env
):
    async with running_fake_openai() as server:
        llm_env(server.base_url)
        server.then(status(500, {"Retry-After": "60"}))
        async with Runtime(settings_for(tmp_path)) as runtime:
            await add_pending(runtime, [seed, read_article(french_text)])
            digest = await preview(runtime, CONSOLE)
    by_title = {story.title: story for story in digest.stories}
    assert by_title[seed.title].sentences  # English: the offline fallback
    lyon = by_title["Lyon adopte un plan de pistes cyclables malgré l'opposition des commerçants"]
    assert lyon.sentences == () and lyon.quote is None
