"""Commands as a chat front end runs them: parsed text in, replies posted, errors only as ErrorReply."""

from __future__ import annotations

from bot.channels import ChannelRef
from bot.commands import parse_command
from bot.replies import AnswerReply, BriefingReply, DigestReply, ErrorReply, FeedsReply, HelpReply, Notice
from bot.services import Runtime, Where, handle
from tests.bot.services.conftest import settings_for

CHANNEL = ChannelRef("slack", "C9", "T9")


class Posted:
    """What a front end would have posted, with the message ids it would have got back."""

    def __init__(self) -> None:
        self.replies: list[object] = []

    async def __call__(self, reply: object) -> str:
        self.replies.append(reply)
        return f"m{len(self.replies)}"


async def run(runtime: Runtime, text: str, reply_to: str | None = None) -> list[object]:
    posted = Posted()
    await handle(runtime, parse_command(text), Where(CHANNEL, reply_to), posted)
    return posted.replies


async def test_brief_then_ask_in_reply(runtime, seed_text):
    [briefing] = await run(runtime, seed_text)
    assert isinstance(briefing, BriefingReply) and briefing.key_quotes
    [answer] = await run(runtime, "What range do ATACMS rockets have?", reply_to="m1")
    assert isinstance(answer, AnswerReply) and "190 miles" in answer.evidence


async def test_help_usage_and_feeds(runtime):
    assert await run(runtime, "") == [HelpReply()]
    [usage] = await run(runtime, "subscribe tomorrow")
    assert isinstance(usage, ErrorReply) and usage.usage
    [notice] = await run(runtime, "subscribe https://news.example.com/rss at 07:15 tz Europe/Berlin")
    assert isinstance(notice, Notice) and "07:15 (Europe/Berlin)" in notice.text
    [listing] = await run(runtime, "feeds")
    assert isinstance(listing, FeedsReply) and [f.url for f in listing.feeds] == ["https://news.example.com/rss"]
    [digest] = await run(runtime, "digest now")
    assert isinstance(digest, DigestReply) and digest.stories == ()


async def test_failures_become_one_plain_error_and_nothing_else(tmp_path, pages):
    pages.serve("/a", headers=[("Content-Type", "text/html")], body=b"<html><body>hi</body></html>")
    async with Runtime(settings_for(tmp_path, allow_private_addresses=False)) as runtime:
        [refused] = await run(runtime, pages.url("/a"))
        assert refused == ErrorReply("I can't fetch that address: it points to a private network, not the public web.")
        [nothing] = await run(runtime, "ask What happened?")
        assert isinstance(nothing, ErrorReply) and "send me a link" in nothing.message
    assert pages.requests == []
