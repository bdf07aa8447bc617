"""Running a parsed command for a chat front end: every front end posts replies its own way, through `post`.

`post` returns the id of the message it posted (Slack ts, Discord message id) or None; a briefing's id is kept so a
question asked in reply to it is about that article. Errors become an `ErrorReply`: front ends show it only to the
person who asked. Nothing is posted before the work is done, so a failure never leaves half a reply.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.channels import ChannelRef
from bot.commands import (
    Ask,
    BriefText,
    BriefUrl,
    Command,
    DigestNow,
    Help,
    ListFeeds,
    Subscribe,
    Unsubscribe,
    Usage,
)
from bot.replies import DigestReply, ErrorReply, HelpReply, Reply
from bot.services import digests, feeds
from bot.services.briefs import brief, remember_post
from bot.services.questions import ask
from bot.services.runtime import Runtime
from bot.services.sources import FromText, FromUrl
from summaries.errors import BriefbotError

log = logging.getLogger(__name__)

Post = Callable[[Reply], Awaitable[str | None]]
SORRY = "Sorry, something went wrong on my side. Please try again in a moment."


@dataclass(frozen=True, slots=True)
class Where:
    """Where a command was given: the channel, and the message it replies to (a thread or a reply), if any."""

    channel: ChannelRef
    reply_to: str | None = None


async def handle(runtime: Runtime, command: Command, where: Where, post: Post) -> None:
    """Run `command` and post its reply; never raises for a user's mistake or a failed fetch."""
    try:
        await _run(runtime, command, where, post)
    except BriefbotError as error:
        await post(ErrorReply(str(error)))
        return
    except Exception:
        log.exception("Command %r in %s failed", type(command).__name__, where.channel)
        await post(ErrorReply(SORRY))
        return
    await _resume_digest(runtime, where.channel)


async def _resume_digest(runtime: Runtime, channel: ChannelRef) -> None:
    """A command that worked shows the bot can post here again: a digest paused after failures resumes."""
    store = await runtime.store()
    if await asyncio.to_thread(store.resume_digest, channel):
        log.info("Digest of %s resumed after a successful command", channel)


async def _run(runtime: Runtime, command: Command, where: Where, post: Post) -> None:
    channel = where.channel
    match command:
        case BriefUrl(url):
            briefed = await brief(runtime, FromUrl(url), channel=channel, remember=False)
        case BriefText(text):
            briefed = await brief(runtime, FromText(text), channel=channel, remember=False)
        case Ask(question, url):
            source = FromUrl(url) if url else None
            await post(await ask(runtime, question, source=source, channel=channel, message_id=where.reply_to))
            return
        case Subscribe(url, at, timezone, only, excluding):
            notice = await feeds.follow(runtime, url, channel, only=only, excluding=excluding, at=at, timezone=timezone)
            await post(notice)
            return
        case Unsubscribe(url):
            await post(await feeds.unfollow(runtime, url, channel))
            return
        case ListFeeds():
            await post(await feeds.list_feeds(runtime, channel))
            return
        case DigestNow():
            delivered = await digests.deliver(runtime, channel, post)
            if not delivered.stories:
                await post(DigestReply(channel, ()))
            return
        case Usage(problem):
            await post(ErrorReply(problem, usage=True))
            return
        case Help():
            await post(HelpReply())
            return
    message_id = await post(briefed.reply)
    if briefed.article_id is not None:  # remembered once posted: the channel's article to ask about
        await remember_post(runtime, channel, briefed.article_id, message_id)
