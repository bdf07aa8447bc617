"""Mentions and events on the running app, and the traps Slack's own SDK tests show: each answered once, or ignored."""

from __future__ import annotations

from pathlib import Path

import aiohttp

from bot.services import Runtime
from bot.slack_app.main import start
from tests.bot.slack_app.conftest import SlackClient, mrkdwn, settings_for, slack_settings
from tests.fakes.slack_api import BOT_ID, BOT_USER_ID

BOT = f"<@{BOT_USER_ID}>"


def mention(text: str, *, ts: str = "1700000000.000100", thread_ts: str | None = None, user: str = "U1") -> dict:
    event = {"type": "app_mention", "user": user, "text": text, "ts": ts, "channel": "C1", "event_ts": ts}
    return {**event, "thread_ts": thread_ts} if thread_ts else event


def message(text: str, *, ts: str = "1700000000.000100", **extra: object) -> dict:
    event = {"type": "message", "user": "U1", "text": text, "ts": ts, "channel": "C1", "channel_type": "channel"}
    return {**event, **extra}


async def test_url_verification_echoes_the_challenge(slack):
    status, body, _ = await slack.post(
        '{"type": "url_verification", "challenge": "abc123", "token": "t"}', "application/json"
    )
    assert status == 200 and "abc123" in body


async def test_a_mention_in_a_briefings_thread_is_answered_in_that_thread(slack, running, fake_slack, seed_text):
    await slack.command(seed_text)
    await running.front.idle()
    question = mention(
        f"{BOT} What range do ATACMS rockets have?", ts="1700000000.000200", thread_ts="1700000000.000100"
    )
    status, _, _ = await slack.event(question)
    assert status == 200
    await fake_slack.wait_for(lambda f: f.called("chat.postMessage"))
    [answer] = fake_slack.called("chat.postMessage")
    assert answer.body["channel"] == "C1" and answer.body["thread_ts"] == "1700000000.000100"
    assert "190 miles" in mrkdwn(answer.body)


async def test_a_linked_url_in_a_mention_is_briefed_in_a_thread_on_the_mention(slack, fake_slack, pages, page_bytes):
    pages.serve("/news/burials", headers=[("Content-Type", "text/html")], body=page_bytes)
    await slack.event(mention(f"<@{BOT_USER_ID}|briefbot> <{pages.url('/news/burials')}|the burials story>"))
    await fake_slack.wait_for(lambda f: f.called("chat.postMessage"))
    [post] = fake_slack.called("chat.postMessage")
    assert post.body["thread_ts"] == "1700000000.000100"
    assert "mass burials" in post.body["text"]
    button = post.body["blocks"][-1]["elements"][0]
    assert button["value"] == "1700000000.000100"  # the thread: questions asked in it are about this article


async def test_one_post_raising_app_mention_and_message_is_answered_once(slack, running, fake_slack):
    await slack.event(mention(f"{BOT} help"), event_id="EvMention")
    await slack.event(message(f"{BOT} help"), event_id="EvMessage")
    await running.front.idle()
    assert len(fake_slack.posts()) == 1


async def test_a_retried_event_is_never_posted_twice(slack, running, fake_slack):
    first = await slack.event(mention(f"{BOT} help"), event_id="EvRetried")
    again = await slack.event(mention(f"{BOT} help"), event_id="EvRetried", retry=1)
    assert first[0] == again[0] == 200
    await running.front.idle()
    assert len(fake_slack.posts()) == 1


async def test_a_retry_delivered_to_another_process_is_not_posted_again(tmp_path: Path, slack, running, fake_slack):
    """A second app on the same database stands in for a second process (each claims through its own store)."""
    async with Runtime(settings_for(tmp_path)) as runtime:
        other = await start(runtime, slack_settings(fake_slack))
        try:
            async with aiohttp.ClientSession() as session:
                second = SlackClient(f"http://127.0.0.1:{other.port}/slack/events", session, fake_slack)
                await slack.event(mention(f"{BOT} help"), event_id="EvTwice")
                await running.front.idle()
                await second.event(mention(f"{BOT} help"), event_id="EvTwice", retry=1)
                await other.front.idle()
        finally:
            await other.stop()
    assert len(fake_slack.posts()) == 1


async def test_bot_messages_and_our_own_are_acked_and_ignored(slack, running, fake_slack):
    ignored = [
        message(f"{BOT} help", bot_id="B999", channel_type="im"),
        {
            "type": "message",
            "subtype": "bot_message",
            "bot_id": "B998",
            "text": f"{BOT} help",
            "ts": "1.2",
            "channel": "C1",
        },
        message(f"{BOT} help", user=BOT_USER_ID, channel_type="im"),
        message(f"{BOT} help", user=BOT_USER_ID, bot_id=BOT_ID, channel_type="im"),
        message(f"{BOT} help", subtype="message_changed", channel_type="im"),
    ]
    for number, event in enumerate(ignored):
        status, _, _ = await slack.event(event, event_id=f"EvBot{number}")
        assert status == 200
    await running.front.idle()
    assert not fake_slack.posts()


async def test_events_the_app_does_not_act_on_still_get_a_2xx(slack, running, fake_slack):
    reaction = {
        "type": "reaction_added",
        "user": "U1",
        "reaction": "eyes",
        "item": {"type": "message"},
        "event_ts": "1.1",
    }
    for number, event in enumerate([reaction, message("just chatting, no mention")]):
        status, _, _ = await slack.event(event, event_id=f"EvOther{number}")
        assert 200 <= status < 300
    await running.front.idle()
    assert not fake_slack.posts()


async def test_w_user_ids_and_an_empty_mention_get_the_usage_in_thread(slack, fake_slack):
    await slack.event(mention(BOT, user="W0ENTERPRISE"))
    await fake_slack.wait_for(lambda f: f.posts())
    [post] = fake_slack.posts()
    assert post.method == "chat.postEphemeral" and post.body["user"] == "W0ENTERPRISE"
    assert "@briefbot &lt;url&gt;" in mrkdwn(post.body)


async def test_a_direct_message_without_a_mention_is_answered(slack, fake_slack):
    await slack.event(message("help", channel="D1", channel_type="im"))
    await fake_slack.wait_for(lambda f: f.posts())
    assert fake_slack.posts()[0].body["channel"] == "D1"


async def test_a_rate_limited_post_is_retried(slack, fake_slack):
    fake_slack.fail("chat.postEphemeral", status=429, retry_after=0)
    await slack.event(mention(f"{BOT} help"))  # the usage, posted to the asker only
    await fake_slack.wait_for(lambda f: f.called("chat.postEphemeral"))
    assert [c.status for c in fake_slack.calls if c.method == "chat.postEphemeral"] == [429, 200]


async def test_a_refused_post_is_logged_and_told_to_the_user(slack, fake_slack, seed_text, caplog):
    fake_slack.fail("chat.postMessage", error="not_in_channel", status=200)
    await slack.event(mention(f"{BOT} {seed_text[:1500]}"))
    await fake_slack.wait_for(lambda f: f.called("chat.postEphemeral"))
    [told] = fake_slack.called("chat.postEphemeral")
    assert told.body["user"] == "U1" and "invite me" in told.body["text"]
    assert "not_in_channel" in caplog.text and "C1" in caplog.text


async def test_the_runtime_poster_posts_a_long_digest_as_a_header_with_its_stories_in_thread(running, fake_slack):
    from bot.channels import ChannelRef
    from bot.replies import DigestReply, DigestStory

    channel = ChannelRef("slack", "C7", "T0TEST")
    stories = tuple(DigestStory(f"Story {i}", f"https://e.com/{i}", ("A sentence.",)) for i in range(60))
    ts = await running.front.runtime.poster("slack")(channel, DigestReply(channel, stories))
    posts = fake_slack.called("chat.postMessage")
    assert posts[0].body["channel"] == "C7" and "thread_ts" not in posts[0].body
    assert ts and all(p.body["thread_ts"] == ts for p in posts[1:]) and len(posts) == 3
