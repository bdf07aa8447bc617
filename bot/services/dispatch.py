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
from typing import TYPE_CHECKING

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
from bot.services.briefs import brief
from bot.services.questions import ask
from bot.services.runtime import Runtime
from bot.services.sources import FromText, FromUrl
from summaries.errors import BriefbotError

if TYPE_CHECKING:
    from bot.store import Store

log = logging.getLogger(__name__)

Post = Callable[[Reply], Awaitable[str | None]]
SORRY = "Sorry, something went wrong on my side. Please try again in a moment."


@dataclass(frozen=True, slots=True)
class Where:
    """Where a command was given: the channel, and the message it replies to (a thread or a reply), if any."""

    channel: ChannelRef
    reply_to: str | None = None


@dataclass(frozen=True, slots=True)
class Posted:
    """A briefing posted: the stored article it shows and the message it went out as (None: unknown)."""

    article_id: int
    message_id: str | None


async def handle(runtime: Runtime, command: Command, where: Where, post: Post) -> None:
    """Run `command` and post its reply; never raises for a user's mistake or a failed fetch."""
    try:
        posted = await _run(runtime, command, where, post)
    except BriefbotError as error:
        await post(ErrorReply(str(error)))
        return
    except Exception:
        log.exception("Command %r in %s failed", type(command).__name__, where.channel)
        await post(ErrorReply(SORRY))
        return
    try:
        store = await runtime.store()
        if await asyncio.to_thread(_after_success, store, where.channel, posted):
            log.info("Digest of %s resumed after a successful command", where.channel)
    except Exception:  # the reply is out: nothing to tell the user, who would be puzzled by an apology after it
        log.exception("Recording command %r in %s failed", type(command).__name__, where.channel)


def _after_success(store: Store, channel: ChannelRef, posted: Posted | None) -> bool:
    """One call off the loop once a command's reply is out: a posted briefing becomes the channel's article to ask
    about (tied to its message), and, since the bot could post here again, a digest paused after failures resumes
    (True when it was paused)."""
    if posted is not None:
        return store.remember_reply(channel, posted.article_id, message_id=posted.message_id)
    return store.resume_digest(channel)


async def _run(runtime: Runtime, command: Command, where: Where, post: Post) -> Posted | None:
    """Posts the command's reply; a briefing posted is returned, to be remembered."""
    channel = where.channel
    match command:
        case BriefUrl(url):
            briefed = await brief(runtime, FromUrl(url), channel=channel, remember=False)
        case BriefText(text):
            briefed = await brief(runtime, FromText(text), channel=channel, remember=False)
        case Ask(question, url):
            source = FromUrl(url) if url else None
            await post(await ask(runtime, question, source=source, channel=channel, message_id=where.reply_to))
            return None
        case Subscribe(url, at, timezone, only, excluding):
            notice = await feeds.follow(runtime, url, channel, only=only, excluding=excluding, at=at, timezone=timezone)
            await post(notice)
            return None
        case Unsubscribe(url):
            await post(await feeds.unfollow(runtime, url, channel))
            return None
        case ListFeeds():
            await post(await feeds.list_feeds(runtime, channel))
            return None
        case DigestNow():
            delivered = await digests.deliver(runtime, channel, post)
            if not delivered.stories:
                await post(DigestReply(channel, ()))
            return None
        case Usage(problem):
            await post(ErrorReply(problem, usage=True))
            return None
        case Help():
            await post(HelpReply())
            return None
    message_id = await post(briefed.reply)
    # Remembered once posted, so a question in reply to the message finds its article.
    return Posted(briefed.article_id, message_id) if briefed.article_id is not None else None
