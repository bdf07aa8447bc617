"""The Bolt app: `/briefing`, mentions, direct messages and the "show all quotes" button, all through `bot.services`.

Every listener acknowledges at once and runs the work as a background task (fetching and summarizing take far
longer than Slack's 3 s), so the process is built with `process_before_response=True` and no listener waits.
Slack redelivers events whose ack was slow; each event id, and each channel + ts, is claimed in the store, so a
post is answered once across retries, processes, and the app_mention + message pair one post can raise. Work that
ends before posting (stopped by a shutdown, or failing) gives its claims back, so Slack's retry is answered.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Awaitable, Coroutine
from typing import Any

import aiohttp
from slack_bolt.async_app import AsyncApp
from slack_bolt.error import BoltUnhandledRequestError
from slack_bolt.response import BoltResponse
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.channels import ChannelRef
from bot.commands import parse_command
from bot.replies import ErrorReply, Reply
from bot.services import Runtime, Where, handle
from bot.services.briefs import recall
from bot.services.claims import EventClaims
from bot.settings import SlackSettings
from bot.slack_app.blocks import ALL_QUOTES_ACTION, SlackMessage, all_quotes, render
from bot.slack_app.text import mentions, plain_text
from summaries.errors import BriefbotError

log = logging.getLogger(__name__)

PLATFORM = "slack"
COMMAND = "/briefing"
MENTION_PREFIX = "@briefbot"
RATE_LIMIT_RETRIES = 3
WORK_CONCURRENCY = 16
"""Requests worked on at once; the rest wait their turn. Unbounded, a burst of 1,000 commands fills every event loop
turn with work and acks wait behind it (load bench: ack p99 several times the bare-Bolt floor)."""
_ANSWERED_SUBTYPES = (None, "thread_broadcast", "file_share")
"""Message subtypes that are a person writing; edits, joins, bot posts and the rest are not commands."""


class SlackRefused(BriefbotError):
    """Slack did not accept a reply; the message says so in plain words."""


def rate_limited_retries() -> list[Any]:
    """slack_sdk's handler: a 429 is retried after its Retry-After."""
    return [AsyncRateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES)]


class SlackFrontEnd:
    """The Bolt app and the work it starts. Build it inside a running event loop (it opens an HTTP session)."""

    def __init__(self, runtime: Runtime, settings: SlackSettings) -> None:
        if settings.bot_token is None:
            raise ValueError("SlackFrontEnd needs a bot token")
        self.runtime = runtime
        self.session = aiohttp.ClientSession()
        self.client = AsyncWebClient(
            token=settings.bot_token.get_secret_value(),
            base_url=settings.api_url if settings.api_url.endswith("/") else settings.api_url + "/",
            session=self.session,
            retry_handlers=rate_limited_retries(),
        )
        secret = settings.signing_secret.get_secret_value() if settings.signing_secret else None
        self.app = AsyncApp(
            client=self.client,
            signing_secret=secret,
            process_before_response=True,
            raise_error_for_unhandled_request=True,
            logger=logging.getLogger("bot.slack_app.bolt"),
        )
        self._tasks: set[asyncio.Task[None]] = set()
        self._slots = asyncio.Semaphore(WORK_CONCURRENCY)
        self._register()

    def _register(self) -> None:
        self.app.command(COMMAND)(self._on_command)
        self.app.event("app_mention")(self._on_event)
        self.app.event("message")(self._on_event)
        self.app.action(ALL_QUOTES_ACTION)(self._on_all_quotes)
        self.app.error(self._on_error)

    async def aclose(self, timeout: float = 10.0) -> None:
        """Let running work finish (up to `timeout` s), cancel the rest (its claims go back), close the session."""
        await self.idle(timeout)
        stopped = list(self._tasks)
        for task in stopped:
            task.cancel()
        await asyncio.gather(*stopped, return_exceptions=True)
        await self.session.close()

    async def idle(self, timeout: float | None = None) -> None:
        """Wait until no work started by a request is running."""
        while self._tasks:
            await asyncio.wait(list(self._tasks), timeout=timeout)
            if timeout is not None:
                return

    # Listeners: acknowledge, start the work, return.

    async def _on_command(self, ack: Any, body: dict[str, Any]) -> None:
        await ack()
        self._spawn(self._command(body), f"{COMMAND} in {body.get('channel_id')}")

    async def _on_event(self, ack: Any, body: dict[str, Any], context: dict[str, Any], request: Any) -> None:
        await ack()
        event = body.get("event") or {}
        if self._is_for_us(event, context.get("bot_user_id")):
            retry = (request.headers.get("x-slack-retry-num") or [None])[0]  # HTTP, and Socket Mode's retry_attempt
            work = self._event(body, context.get("bot_user_id"), retry=None if retry == "0" else retry)
            self._spawn(work, f"{event.get('type')} {body.get('event_id')}")

    async def _on_all_quotes(self, ack: Any, body: dict[str, Any]) -> None:
        await ack()
        self._spawn(self._all_quotes(body), f"all quotes in {(body.get('channel') or {}).get('id')}")

    async def _on_error(self, error: Exception, body: dict[str, Any]) -> BoltResponse | None:
        if isinstance(error, BoltUnhandledRequestError):
            return BoltResponse(status=200, body="")  # Slack retries anything but a 2xx
        log.error("Slack request failed (%s): %s", _describe(body), error, exc_info=error)
        return None

    # The work.

    async def _command(self, body: dict[str, Any]) -> None:
        channel = ChannelRef(PLATFORM, body.get("channel_id", ""), body.get("team_id", ""))
        command = parse_command(plain_text(body.get("text")))
        log.info("Slack %s in %s: %s", COMMAND, channel.channel_id, type(command).__name__)
        post = ResponseUrlPost(self, body["response_url"], message_id=f"r{secrets.token_hex(8)}", prefix=COMMAND)
        await handle(self.runtime, command, Where(channel), post)

    def _is_for_us(self, event: dict[str, Any], bot_user_id: str | None) -> bool:
        """People's posts that mention the bot, or that are written to it directly; never a bot's or our own."""
        if event.get("bot_id") or event.get("subtype") not in _ANSWERED_SUBTYPES:
            return False
        user = event.get("user")
        if not user or user == bot_user_id or not event.get("channel") or not event.get("ts"):
            return False
        if event.get("type") == "app_mention":
            return True
        return event.get("channel_type") == "im" or (
            bot_user_id is not None and mentions(event.get("text"), bot_user_id)
        )

    async def _event(self, body: dict[str, Any], bot_user_id: str | None, *, retry: str | None = None) -> None:
        """Answers the post once; claims are kept only once something was posted (see `EventClaims`)."""
        event = body["event"]
        channel_id, ts = event["channel"], event["ts"]
        event_id = body.get("event_id")
        claims = EventClaims(self.runtime, PLATFORM)
        post = ThreadPost(self, channel_id, event.get("thread_ts") or ts, user=event["user"])
        try:
            if event_id and not await claims.claim(event_id):
                log.info("Slack redelivered %s (retry %s); already handled", event_id, retry)
                return
            if not await claims.claim(f"{channel_id}:{ts}"):  # the app_mention and message events of one post
                await claims.release()  # the post's claim guards the reply; this event's retry may be the one to answer
                return
            team = body.get("team_id") or event.get("team") or ""
            channel = ChannelRef(PLATFORM, channel_id, team)
            command = parse_command(plain_text(event.get("text"), bot_user_id=bot_user_id))
            retried = f" (retry {retry})" if retry else ""
            kind = event.get("type")
            log.info("Slack %s %s%s in %s: %s", kind, event_id, retried, channel_id, type(command).__name__)
            await handle(self.runtime, command, Where(channel, reply_to=event.get("thread_ts")), post)
        except BaseException:
            if not post.posted and claims.held:
                await claims.release()
                log.info("Slack %s ended before any reply; its claims are released for Slack's retry", event_id)
            raise

    async def _all_quotes(self, body: dict[str, Any]) -> None:
        container = body.get("container") or {}
        channel_id = (body.get("channel") or {}).get("id") or container.get("channel_id", "")
        team = (body.get("team") or {}).get("id", "")
        actions = [a for a in body.get("actions") or [] if a.get("action_id") == ALL_QUOTES_ACTION]
        message_id = (actions[0].get("value") if actions else None) or container.get("message_ts")
        reply = await recall(self.runtime, ChannelRef(PLATFORM, channel_id, team), message_id)
        response_url = body.get("response_url")
        if response_url is None:
            log.warning("A quotes button press without a response_url (%s)", _describe(body))
            return
        message = all_quotes(reply) if reply else render_error("That briefing is no longer stored.")
        await ResponseUrlPost(self, response_url).send(message)

    # Posting.

    async def post_to_channel(self, channel: ChannelRef, reply: Reply) -> str | None:
        """The runtime's poster for Slack (the scheduler's digests): a long digest continues in the first's thread."""
        messages = render(reply)
        first = await self.post_message(channel.channel_id, messages[0])
        for message in messages[1:]:
            await self.post_message(channel.channel_id, message, thread_ts=first)
        return first

    async def post_message(self, channel: str, message: SlackMessage, *, thread_ts: str | None = None) -> str:
        try:
            response = await self.client.chat_postMessage(
                channel=channel,
                text=message.text,
                blocks=list(message.blocks),
                thread_ts=thread_ts,
                unfurl_links=False,
                unfurl_media=False,
            )
        except SlackApiError as error:
            raise _refused("chat.postMessage", channel, error) from error
        log.info("Posted to %s (ts %s)", channel, response["ts"])
        return str(response["ts"])

    async def post_ephemeral(self, channel: str, user: str, message: SlackMessage, *, thread_ts: str | None) -> None:
        try:
            await self.client.chat_postEphemeral(
                channel=channel, user=user, text=message.text, blocks=list(message.blocks), thread_ts=thread_ts
            )
        except SlackApiError as error:
            raise _refused("chat.postEphemeral", channel, error) from error
        log.info("Posted to %s for %s only (ephemeral)", channel, user)

    def _spawn(self, work: Coroutine[Any, Any, None], what: str) -> None:
        task = asyncio.create_task(_logged(work, what, self._slots))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)


class ResponseUrlPost:
    """Replies to a slash command or button through its `response_url`: in the channel, errors only to the user.

    Slack gives no message id for these posts, so the briefing's is minted here and carried by its quotes button.
    """

    def __init__(self, front: SlackFrontEnd, url: str, *, message_id: str | None = None, prefix: str = COMMAND) -> None:
        self.webhook = AsyncWebhookClient(url, session=front.session, retry_handlers=rate_limited_retries())
        self.message_id = message_id
        self.prefix = prefix

    async def __call__(self, reply: Reply) -> str | None:
        for message in render(reply, message_id=self.message_id, prefix=self.prefix):
            await self.send(message)
        return self.message_id

    async def send(self, message: SlackMessage) -> None:
        response = await self.webhook.send(
            text=message.text,
            blocks=list(message.blocks),
            response_type="ephemeral" if message.ephemeral else "in_channel",
            replace_original=False,
            unfurl_links=False,
            unfurl_media=False,
        )
        if response.status_code != 200:
            log.error("response_url post refused: HTTP %s %r", response.status_code, response.body[:200])
            raise SlackRefused(f"Slack did not accept my reply (HTTP {response.status_code}). Please try again.")
        log.info("Posted a reply through response_url (%s)", "ephemeral" if message.ephemeral else "in channel")


class ThreadPost:
    """Replies to a mention or direct message in its thread; the thread's root ts is the briefing's message id."""

    def __init__(self, front: SlackFrontEnd, channel: str, thread_ts: str, *, user: str) -> None:
        self.front = front
        self.channel = channel
        self.thread_ts = thread_ts
        self.user = user
        self.posted = False
        """A message reached Slack, or may have: a post cut short by a shutdown counts, one Slack refused does not."""

    async def __call__(self, reply: Reply) -> str | None:
        for message in render(reply, message_id=self.thread_ts, prefix=MENTION_PREFIX):
            if message.ephemeral:
                await self._sent(self.front.post_ephemeral(self.channel, self.user, message, thread_ts=self.thread_ts))
            else:
                await self._sent(self.front.post_message(self.channel, message, thread_ts=self.thread_ts))
        return self.thread_ts

    async def _sent(self, posting: Awaitable[object]) -> None:
        try:
            await posting
        except asyncio.CancelledError:
            self.posted = True  # answering twice is worse than the rare post lost this way
            raise
        self.posted = True


def render_error(text: str) -> SlackMessage:
    return render(ErrorReply(text))[0]


def _refused(method: str, channel: str, error: SlackApiError) -> SlackRefused:
    code = error.response.get("error") if error.response is not None else None
    log.error("Slack %s to %s failed: %s (HTTP %s)", method, channel, code, error.response.status_code)
    if code in ("not_in_channel", "channel_not_found", "is_archived"):
        return SlackRefused("I can't post in this channel: invite me with `/invite @briefbot` and try again.")
    return SlackRefused(f"Slack did not accept my reply ({code or 'unknown error'}). Please try again in a moment.")


async def _logged(work: Coroutine[Any, Any, None], what: str, slots: asyncio.Semaphore) -> None:
    try:
        async with slots:
            await work
    except asyncio.CancelledError:
        work.close()  # cancelled while waiting for a slot: never started, so it claimed nothing
        raise
    except Exception:
        log.exception("Slack work failed: %s", what)


def _describe(body: dict[str, Any]) -> str:
    kind = body.get("type") or ("slash_command" if "command" in body else "?")
    channel = (
        body.get("channel_id") or (body.get("channel") or {}).get("id") or (body.get("event") or {}).get("channel")
    )
    return f"type={kind} team={body.get('team_id')} channel={channel} event_id={body.get('event_id')}"
