"""Briefing and asking through the services in-process: URLs cached, questions about the channel's article."""

from __future__ import annotations

import pytest

from bot.channels import ChannelRef
from bot.services import FromText, FromUrl, NothingToAsk, ask, brief, remember_post
from summaries.errors import EmptyQuestion
from tests.conftest import SHARED

PAGE = SHARED / "data" / "html-pages" / "bbc.com.52241221.html"
CHANNEL = ChannelRef("slack", "C1", "T1")
OTHER = ChannelRef("slack", "C2", "T1")


@pytest.fixture
def page_bytes() -> bytes:
    if not PAGE.exists():
        pytest.skip("../shared/data is not beside the repository")
    return PAGE.read_bytes()


async def test_a_url_is_fetched_once_and_briefed_from_the_cache_after(runtime, pages, page_bytes):
    pages.serve("/news/burials", headers=[("Content-Type", "text/html")], body=page_bytes)
    first = await brief(runtime, FromUrl(pages.url("/news/burials")))
    second = await brief(runtime, FromUrl(pages.url("/news/burials")))
    assert first.reply.title == "New York ramps up mass burials amid virus outbreak" and not first.reply.cached
    assert second.reply.cached and second.reply.sentences == first.reply.sentences
    assert first.article_id == second.article_id is not None
    assert len(pages.requests) == 1
    assert first.reply.quotes and all(q.link and "#:~:text=" in q.link for q in first.reply.quotes)


async def test_a_question_is_answered_from_the_channels_last_article(runtime, seed_text):
    await brief(runtime, FromText(seed_text), channel=CHANNEL)
    answer = await ask(runtime, "What range do ATACMS rockets have?", channel=CHANNEL)
    assert answer.found and "190 miles" in answer.evidence
    missing = await ask(runtime, "Who won the football World Cup in Qatar?", channel=CHANNEL)
    assert not missing.found and missing.evidence is None


async def test_a_question_in_reply_to_a_briefing_is_about_that_briefing(runtime, seed_text, cnndm_rows):
    seed = await brief(runtime, FromText(seed_text), channel=CHANNEL)
    await remember_post(runtime, CHANNEL, seed.article_id, "1700000000.000100")
    await brief(runtime, FromText(cnndm_rows[0]["article"]), channel=CHANNEL)  # now the channel's latest
    answer = await ask(runtime, "What range do ATACMS rockets have?", channel=CHANNEL, message_id="1700000000.000100")
    assert answer.found and "190 miles" in answer.evidence


async def test_no_article_yet_and_empty_questions_are_refused_in_plain_words(runtime, seed_text):
    with pytest.raises(NothingToAsk, match="send me a link"):
        await ask(runtime, "Who said it?", channel=OTHER)
    await brief(runtime, FromText(seed_text), channel=CHANNEL)
    with pytest.raises(EmptyQuestion):
        await ask(runtime, "  ?? ", channel=CHANNEL)


async def test_a_redirected_link_is_kept_under_the_link_as_pasted(runtime, pages, page_bytes):
    pages.serve("/news/burials", headers=[("Content-Type", "text/html")], body=page_bytes)
    pages.redirect("/short", pages.url("/news/burials"), status=301)
    await brief(runtime, FromUrl(pages.url("/short")))
    second = await brief(runtime, FromUrl(pages.url("/short")))
    assert second.reply.cached
    assert [r.path for r in pages.requests] == ["/short", "/news/burials"]


async def test_a_file_url_is_refused(runtime):
    from bot.web import FetchRefused

    with pytest.raises(FetchRefused, match="not file: addresses"):
        await brief(runtime, FromUrl("file:///etc/passwd"))
