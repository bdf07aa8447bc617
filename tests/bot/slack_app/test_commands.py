"""`/briefing` on the running app: acked before the work, results through response_url, errors only to the user."""

from __future__ import annotations

import asyncio
import time

from tests.bot.slack_app.conftest import mrkdwn
from tests.fakes.page_server import PageServer, SeenRequest

TITLE = "New York ramps up mass burials amid virus outbreak"


def gated(pages: PageServer, path: str, body: bytes) -> tuple[asyncio.Event, asyncio.Event]:
    """Serve `body` at `path` only once `release` is set; `asked` is set when the request arrives."""
    asked, release = asyncio.Event(), asyncio.Event()
    head = pages.head(200, [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))])

    async def handler(_request: SeenRequest, writer: asyncio.StreamWriter) -> None:
        asked.set()
        await release.wait()
        writer.write(head + body)
        await writer.drain()

    pages.handle(path, handler)
    return asked, release


async def test_a_url_is_acked_before_it_is_fetched_and_briefed_in_the_channel(slack, fake_slack, pages, page_bytes):
    asked, release = gated(pages, "/news/burials", page_bytes)
    status, body, acked_at = await slack.command(pages.url("/news/burials"))
    assert status == 200 and body == ""
    await asyncio.wait_for(asked.wait(), 5)  # the fetch started, and the ack had come back before it ended...
    assert not fake_slack.posts()  # ...and nothing is posted while the page is still on its way
    release.set()
    await fake_slack.wait_for(lambda f: f.posts())
    [post] = fake_slack.posts()
    assert post.at > acked_at and post.path == "/response/r1"
    assert post.body["response_type"] == "in_channel" and post.body["replace_original"] is False
    blocks = post.body["blocks"]
    assert blocks[0]["text"]["text"] == f"*<{pages.url('/news/burials')}|{TITLE}>*"
    assert blocks[1]["accessory"]["image_url"].startswith("https://ichef.bbci.co.uk/")
    assert any("*Key quotes*" in b.get("text", {}).get("text", "") for b in blocks)
    assert any("#:~:text=" in b.get("text", {}).get("text", "") for b in blocks)  # each quote links to its place
    assert blocks[-2]["type"] == "context" and "BBC" in blocks[-2]["elements"][0]["text"]
    assert blocks[-1]["elements"][0]["action_id"] == "briefbot_all_quotes"
    assert post.body["text"].startswith(TITLE)


async def test_pasted_text_is_briefed_the_same_way(slack, fake_slack, seed_text):
    await slack.command(seed_text)
    await fake_slack.wait_for(lambda f: f.posts())
    [post] = fake_slack.posts()
    assert post.body["response_type"] == "in_channel"
    assert len(post.body["blocks"]) >= 2 and post.body["text"]


async def test_a_question_is_answered_from_the_channels_last_article_quoting_the_evidence(
    slack, running, fake_slack, seed_text
):
    await slack.command(seed_text, name="brief")
    await running.front.idle()
    await slack.command("ask What range do ATACMS rockets have?", name="ask")
    await slack.command("ask Who won the football World Cup in Qatar?", name="miss")
    await fake_slack.wait_for(lambda f: len(f.posts()) == 3)
    answers = {c.path: c.body for c in fake_slack.posts()}
    assert "190 miles" in mrkdwn(answers["/response/ask"]) and answers["/response/ask"]["response_type"] == "in_channel"
    assert "The article does not say." in mrkdwn(answers["/response/miss"])


async def test_errors_go_only_to_the_user_in_plain_words_and_nothing_half_done(slack, fake_slack, pages):
    pages.serve("/gone", status=404, headers=[("Content-Type", "text/html")], body=b"not here")
    await slack.command(pages.url("/gone"), name="gone")
    await slack.command("ask Who said it?", channel="C-EMPTY", name="nothing")
    await fake_slack.wait_for(lambda f: len(f.posts()) == 2)
    for post in fake_slack.posts():
        assert post.body["response_type"] == "ephemeral"
        assert "Traceback" not in post.body["text"] and len(post.body["blocks"]) <= 2
    nothing = next(c for c in fake_slack.posts() if c.path == "/response/nothing")
    assert "send me a link" in nothing.body["text"]


async def test_a_bare_command_shows_the_usage(slack, fake_slack):
    await slack.command("")
    await fake_slack.wait_for(lambda f: f.posts())
    [post] = fake_slack.posts()
    shown = post.body["blocks"][0]["text"]["text"]
    assert post.body["response_type"] == "ephemeral"
    assert "/briefing &lt;url&gt;" in shown and "ask" in shown and "subscribe" in shown


async def test_wrong_signatures_and_stale_timestamps_get_401_and_nothing_runs(slack, running, fake_slack, seed_text):
    wrong = await slack.command(seed_text, secret="not-the-secret")
    stale = await slack.command(seed_text, timestamp=int(time.time()) - 600)
    assert wrong[0] == 401 and stale[0] == 401
    await running.front.idle()
    assert not fake_slack.posts()


async def test_an_article_cannot_ping_the_channel(slack, fake_slack, pages, page_bytes):
    pinging = page_bytes.replace(TITLE.encode(), b"&lt;!channel&gt; &lt;@U123&gt; " + TITLE.encode())
    pages.serve("/ping", headers=[("Content-Type", "text/html")], body=pinging)
    await slack.command(pages.url("/ping"))
    await fake_slack.wait_for(lambda f: f.posts())
    [post] = fake_slack.posts()
    shown = mrkdwn(post.body)  # plain_text fields (header, alt text) are never parsed for mentions
    assert "&lt;!channel&gt; &lt;@U123&gt;" in post.body["blocks"][0]["text"]["text"]
    assert "<!channel>" not in shown and "<@U123>" not in shown


async def test_a_rate_limited_response_is_retried_after_retry_after(slack, fake_slack, seed_text):
    fake_slack.fail("response_url", status=429, retry_after=0)
    await slack.command(seed_text)
    await fake_slack.wait_for(lambda f: f.posts())
    attempts = [c for c in fake_slack.calls if c.method == "response_url"]
    assert [c.status for c in attempts] == [429, 200]


async def test_show_all_quotes_answers_the_user_with_every_quote(slack, running, fake_slack, pages, page_bytes):
    pages.serve("/news/burials", headers=[("Content-Type", "text/html")], body=page_bytes)
    await slack.command(pages.url("/news/burials"))
    await running.front.idle()
    briefing = fake_slack.posts()[0].body
    button = briefing["blocks"][-1]["elements"][0]
    total = int(button["text"]["text"].split()[2])
    status, _, _ = await slack.interaction(
        {
            "type": "block_actions",
            "team": {"id": "T0TEST", "domain": "test"},
            "user": {"id": "W012ABC", "team_id": "T0TEST"},
            "channel": {"id": "C1", "name": "general"},
            "container": {"type": "message", "message_ts": "1800000000.000009", "channel_id": "C1"},
            "message": {"ts": "1800000000.000009", "blocks": briefing["blocks"]},
            "response_url": fake_slack.response_url("quotes"),
            "trigger_id": "1.2.3",
            "api_app_id": "A1",
            "actions": [{**button, "block_id": "b", "action_ts": "1800000001.0", "type": "button"}],
        }
    )
    assert status == 200
    await fake_slack.wait_for(lambda f: len(f.posts()) == 2)
    quotes = fake_slack.posts()[1]
    assert quotes.path == "/response/quotes" and quotes.body["response_type"] == "ephemeral"
    shown = mrkdwn(quotes.body)
    assert shown.count("“") >= total > 4


async def test_subscriptions_are_stored_listed_and_removed_for_the_channel(slack, fake_slack):
    feed = "https://news.example.com/world/rss.xml"
    await slack.command(f"subscribe {feed} at 07:30 tz Europe/London only Ukraine", name="sub")
    await fake_slack.wait_for(lambda f: len(f.posts()) == 1)
    await slack.command("feeds", name="feeds")
    await fake_slack.wait_for(lambda f: len(f.posts()) == 2)
    await slack.command(f"unsubscribe {feed}", name="unsub")
    await fake_slack.wait_for(lambda f: len(f.posts()) == 3)
    shown = {c.path: mrkdwn(c.body) for c in fake_slack.posts()}
    assert "Subscribed to" in shown["/response/sub"] and "07:30 (Europe/London)" in shown["/response/sub"]
    assert feed in shown["/response/feeds"] and "only Ukraine" in shown["/response/feeds"]
    assert "Unsubscribed" in shown["/response/unsub"]
    assert all(c.body["response_type"] == "in_channel" for c in fake_slack.posts())
