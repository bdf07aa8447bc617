"""`/briefing` through INTERACTION_CREATE: deferred at once, followed up; errors only to the user who asked."""

from __future__ import annotations

from tests.fakes.discord_api import APPLICATION_ID, HUMAN, interaction, subcommand
from tests.fakes.discord_api import thread as discord_thread

EPHEMERAL = 1 << 6
NO_PINGS = {"parse": []}


async def test_help_is_deferred_then_followed_up_in_place_of_thinking(bot):
    fake = bot.fake
    await fake.dispatch("INTERACTION_CREATE", interaction("1700000000000000001", subcommand("help")))
    [callback] = await fake.wait_for_calls("POST", "/interactions/1700000000000000001/interaction-token/callback")
    assert callback.body["type"] == 5
    assert not (callback.body.get("data") or {}).get("flags", 0) & EPHEMERAL
    [edit] = await fake.wait_for_calls("PATCH", f"/webhooks/{APPLICATION_ID}/interaction-token/messages/@original")
    assert fake.calls.index(callback) < fake.calls.index(edit)
    assert "/briefing ask [<url>] <question>" in edit.body["content"]
    assert edit.body["allowed_mentions"] == NO_PINGS


async def test_in_a_dm_the_interaction_carries_user_not_member(bot):
    fake = bot.fake
    dm = {"id": "1800000000000000001", "type": 1, "recipients": [HUMAN]}
    await fake.dispatch(
        "INTERACTION_CREATE", interaction("1700000000000000002", subcommand("help"), channel=dm, guild_id=None)
    )
    [edit] = await fake.wait_for_calls("PATCH", f"/webhooks/{APPLICATION_ID}/interaction-token/messages/@original")
    assert "/briefing" in edit.body["content"]


async def test_a_usage_mistake_is_answered_at_once_and_only_to_the_user(bot):
    fake = bot.fake
    options = subcommand("subscribe", feed="https://news.example.com/rss", at="tomorrow")
    await fake.dispatch("INTERACTION_CREATE", interaction("1700000000000000003", options))
    [callback] = await fake.wait_for_calls("POST", "/interactions/1700000000000000003/")
    assert callback.body["type"] == 4 and callback.body["data"]["flags"] & EPHEMERAL
    assert "'tomorrow' is not a time of day" in callback.body["data"]["content"]
    assert callback.body["data"]["allowed_mentions"] == NO_PINGS


async def test_a_failed_fetch_replaces_thinking_with_an_ephemeral_error(bot, pages):
    fake = bot.fake
    pages.serve("/gone", status=404, headers=[("Content-Type", "text/html")], body=b"<html>no</html>")
    await fake.dispatch(
        "INTERACTION_CREATE", interaction("1700000000000000004", subcommand("url", url=pages.url("/gone")))
    )
    [followup] = await fake.wait_for_calls("POST", f"/webhooks/{APPLICATION_ID}/interaction-token")
    [callback] = fake.find("POST", "/interactions/1700000000000000004/")
    assert callback.body["type"] == 5
    assert fake.find("DELETE", f"/webhooks/{APPLICATION_ID}/interaction-token/messages/@original")
    assert followup.body["flags"] & EPHEMERAL and "404" in followup.body["content"]
    assert followup.body["allowed_mentions"] == NO_PINGS
    assert not fake.find("PATCH", "/webhooks/")


async def test_a_url_is_deferred_before_the_page_is_fetched_then_briefed_as_an_embed(bot, pages, bbc_page):
    fake = bot.fake

    async def slow_page(request, writer):
        # The page answers only once the interaction was acknowledged: fetching first would time out here.
        await fake.wait_for_calls("POST", "/interactions/1700000000000000005/")
        writer.write(
            pages.head(200, [("Content-Type", "text/html"), ("Content-Length", str(len(bbc_page)))]) + bbc_page
        )
        await writer.drain()

    pages.handle("/news/burials", slow_page)
    url = pages.url("/news/burials")
    await fake.dispatch("INTERACTION_CREATE", interaction("1700000000000000005", subcommand("url", url=url)))
    [edit] = await fake.wait_for_calls("PATCH", f"/webhooks/{APPLICATION_ID}/interaction-token/messages/@original")
    [embed] = edit.body["embeds"]
    assert embed["title"] == "New York ramps up mass burials amid virus outbreak" and embed["url"] == url
    assert edit.body["allowed_mentions"] == NO_PINGS


async def test_ask_in_a_thread_under_a_briefing_is_about_that_briefing(bot, seed_text):
    fake = bot.fake
    await fake.dispatch("INTERACTION_CREATE", interaction("1700000000000000006", subcommand("text", text=seed_text)))
    [edit] = await fake.wait_for_calls("PATCH", f"/webhooks/{APPLICATION_ID}/interaction-token/messages/@original")
    briefing_id = fake.sent[-1]["id"]
    # Another briefing after it: the thread's question must still be about the first.
    other = "The city council approved a new budget on Tuesday. " * 3 + 'The mayor said, "We kept our promise."'
    await fake.dispatch(
        "INTERACTION_CREATE", interaction("1700000000000000007", subcommand("text", text=other), token="t2")
    )
    await fake.wait_for_calls("PATCH", f"/webhooks/{APPLICATION_ID}/t2/messages/@original")
    thread = discord_thread(briefing_id)
    question = subcommand("ask", question="What range do ATACMS rockets have?")
    await fake.dispatch("INTERACTION_CREATE", interaction("1700000000000000008", question, channel=thread, token="t3"))
    [answer] = await fake.wait_for_calls("PATCH", f"/webhooks/{APPLICATION_ID}/t3/messages/@original")
    assert "190 miles" in answer.body["embeds"][0]["description"]
    assert edit.body["embeds"]
