"""Mentions and DMs through MESSAGE_CREATE: which messages are answered, how, and that nobody is ever pinged."""

from __future__ import annotations

import asyncio

import pytest

from bot.channels import ChannelRef
from tests.fakes.discord_api import (
    BOT_ID,
    BOT_USER,
    CHANNEL_ID,
    GUILD_ID,
    HUMAN,
    OTHER_BOT_ID,
    message,
    user,
)
from tests.fakes.discord_api import thread as discord_thread

NO_PINGS = {"parse": [], "replied_user": False}
MENTION = f"<@{BOT_ID}>"


async def replies(fake, channel_id=CHANNEL_ID, count=1):
    return await fake.wait_for_calls("POST", f"/channels/{channel_id}/messages", count)


async def test_a_mention_with_a_url_gets_a_briefing_embed_in_reply(bot, pages, bbc_page):
    fake = bot.fake
    pages.serve("/news/burials", headers=[("Content-Type", "text/html")], body=bbc_page)
    url = pages.url("/news/burials")
    await fake.dispatch("MESSAGE_CREATE", message("1900000000000000001", f"{MENTION} {url}", mentions=[BOT_USER]))
    [reply] = await replies(fake)
    assert fake.find("POST", f"/channels/{CHANNEL_ID}/typing"), "typing is shown while the work runs"
    assert fake.calls.index(fake.find("POST", f"/channels/{CHANNEL_ID}/typing")[0]) < fake.calls.index(reply)
    [embed] = reply.body["embeds"]
    assert embed["title"] == "New York ramps up mass burials amid virus outbreak" and embed["url"] == url
    assert embed["description"].startswith("• ")
    assert embed["fields"] and all("#:~:text=" in f["value"] for f in embed["fields"])
    assert embed["thumbnail"]["url"] == "https://ichef.bbci.co.uk/images/ic/1024x576/p08960hj.jpg"
    assert "BBC" in embed["footer"]["text"]
    assert str(reply.body["message_reference"]["message_id"]) == "1900000000000000001"
    assert reply.body["allowed_mentions"] == NO_PINGS


@pytest.mark.parametrize("mention", [f"<@{BOT_ID}>", f"<@!{BOT_ID}>"], ids=["current", "legacy-nickname"])
async def test_both_mention_forms_are_stripped(bot, mention):
    await bot.fake.dispatch("MESSAGE_CREATE", message("1900000000000000002", f"{mention}  help", mentions=[BOT_USER]))
    [reply] = await replies(bot.fake)
    assert reply.body["content"].startswith("`@briefbot <url>")


async def brief_seed(fake, seed_text, runtime=None):
    await fake.dispatch(
        "MESSAGE_CREATE", message("1900000000000000010", f"{MENTION}\n{seed_text}", mentions=[BOT_USER])
    )
    await replies(fake)
    posted = fake.sent[-1]
    if runtime is not None:  # the bot ties its message to the article just after Discord answers the post
        store = await runtime.store()
        channel = ChannelRef("discord", CHANNEL_ID, GUILD_ID)
        for _ in range(500):
            if await asyncio.to_thread(store.last_article, channel, message_id=posted["id"]):
                break
            await asyncio.sleep(0.01)
    return posted


@pytest.mark.parametrize("referenced", ["present", "deleted", "not fetched"])
async def test_a_reply_to_a_briefing_asks_about_it_even_without_a_mention_in_the_text(bot, seed_text, referenced):
    """A reply that pings the bot puts it in `mentions` though the content never names it: that is addressed to us."""
    fake = bot.fake
    briefing = await brief_seed(fake, seed_text, bot.runtime)
    reference = {"message_id": briefing["id"], "channel_id": CHANNEL_ID, "guild_id": GUILD_ID, "type": 0}
    extra = {"present": {"referenced_message": briefing}, "deleted": {"referenced_message": None}, "not fetched": {}}
    question = message(
        "1900000000000000011",
        "What range do ATACMS rockets have?",
        mentions=[BOT_USER],
        message_reference=reference,
        **extra[referenced],
    )
    await fake.dispatch("MESSAGE_CREATE", question)
    _, answer = await replies(fake, count=2)
    assert "190 miles" in answer.body["embeds"][0]["description"]
    assert str(answer.body["message_reference"]["message_id"]) == "1900000000000000011"


async def test_a_question_in_a_thread_under_a_briefing_is_about_it(bot, seed_text):
    fake = bot.fake
    briefing = await brief_seed(fake, seed_text, bot.runtime)
    other = "The city council approved a new budget on Tuesday. " * 3 + 'The mayor said, "We kept our promise."'
    await fake.dispatch("MESSAGE_CREATE", message("1900000000000000012", f"{MENTION} {other}", mentions=[BOT_USER]))
    await replies(fake, count=2)
    thread = discord_thread(briefing["id"])
    await fake.dispatch("THREAD_CREATE", thread)
    ask = message(
        "1900000000000000013",
        f"{MENTION} What range do ATACMS rockets have?",
        channel_id=briefing["id"],
        mentions=[BOT_USER],
    )
    await fake.dispatch("MESSAGE_CREATE", ask)
    [answer] = await replies(fake, channel_id=briefing["id"])
    assert "190 miles" in answer.body["embeds"][0]["description"]


async def test_a_dm_needs_no_mention_and_has_no_guild_or_member(bot):
    dm_channel = "1800000000000000001"
    await bot.fake.dispatch(
        "MESSAGE_CREATE", message("1900000000000000020", "help", channel_id=dm_channel, guild_id=None)
    )
    [reply] = await replies(bot.fake, channel_id=dm_channel)
    assert "@briefbot" in reply.body["content"] and reply.body["allowed_mentions"] == NO_PINGS


async def test_messages_not_meant_for_the_bot_are_ignored(bot):
    fake = bot.fake
    ignored = [
        message("1900000000000000030", "", mentions=[]),  # no mention: without the intent, content comes empty
        message("1900000000000000031", "@everyone news at ten", mention_everyone=True),
        message("1900000000000000032", f"{MENTION} help", author=BOT_USER, mentions=[BOT_USER]),  # our own
        message(
            "1900000000000000033", f"{MENTION} help", author=user(OTHER_BOT_ID, "rss", bot=True), mentions=[BOT_USER]
        ),
        message("1900000000000000034", "", kind=6, mentions=[]),  # a pin: a system message
        message("1900000000000000035", f"{MENTION}", kind=7, mentions=[BOT_USER]),  # a join, naming the bot
    ]
    for payload in ignored:
        await fake.dispatch("MESSAGE_CREATE", payload)
    await fake.dispatch("MESSAGE_CREATE", message("1900000000000000039", f"{MENTION} help", mentions=[BOT_USER]))
    [reply] = await replies(fake)
    assert str(reply.body["message_reference"]["message_id"]) == "1900000000000000039"
    assert len(fake.find("POST", "/channels/")) == 2  # the typing and the reply to the last message only
    assert "bot" not in HUMAN


async def test_everyone_and_mentions_in_a_question_ping_nobody(bot, seed_text):
    fake = bot.fake
    await brief_seed(fake, seed_text)
    text = f"{MENTION} @everyone @here <@&{GUILD_ID}> <@1400000000000000007> what range do ATACMS rockets have?"
    await fake.dispatch(
        "MESSAGE_CREATE", message("1900000000000000040", text, mentions=[BOT_USER], mention_everyone=True)
    )
    _, answer = await replies(fake, count=2)
    assert "@everyone" in answer.body["embeds"][0]["title"]
    assert answer.body["allowed_mentions"] == NO_PINGS


async def test_the_same_message_twice_is_answered_once(bot):
    fake = bot.fake
    payload = message("1900000000000000050", f"{MENTION} help", mentions=[BOT_USER])
    await fake.dispatch("MESSAGE_CREATE", payload)
    await fake.dispatch("MESSAGE_CREATE", payload)
    await fake.dispatch("MESSAGE_CREATE", message("1900000000000000051", f"{MENTION} help", mentions=[BOT_USER]))
    first, second = await replies(fake, count=2)
    assert {str(c.body["message_reference"]["message_id"]) for c in (first, second)} == {
        "1900000000000000050",
        "1900000000000000051",
    }
    assert len(fake.find("POST", f"/channels/{CHANNEL_ID}/messages")) == 2
