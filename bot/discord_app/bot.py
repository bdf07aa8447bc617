"""The Discord client: mentions and DMs, the `/briefing` app command, and posting digests for the scheduler.

Every send passes `allowed_mentions=AllowedMentions.none()` (the client's default too), so nothing the bot posts
pings anyone, whatever an article or a question says. Each gateway event runs in its own task and the services
do their CPU work in threads, so a long briefing never blocks the gateway. A message is claimed in the store so two
processes on one shard answer it once; work stopped by a shutdown before it replied gives its claim back.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import logging
from collections.abc import AsyncIterator, Awaitable
from typing import Any

import discord
from discord import app_commands

from bot.channels import ChannelRef
from bot.commands import BriefText, Command, DigestNow, Help, ListFeeds, Usage, parse_command
from bot.discord_app.addressing import PLATFORM, addressed_text, interaction_where, message_where
from bot.discord_app.embeds import Outgoing, render
from bot.logs import start_request
from bot.replies import ErrorReply, Reply
from bot.services import Pacer, Runtime, handle
from bot.services.claims import EventClaims
from bot.settings import DISCORD_GATEWAY_URL, DiscordSettings
from bot.store.records import DEFAULT_DIGEST_TIME

log = logging.getLogger(__name__)

NO_PINGS = discord.AllowedMentions.none()
COMMAND_PREFIX = "/briefing"
WORK_TASKS = frozenset({"discord.py: on_message", "CommandTree-invoker"})
"""Names discord.py gives the tasks that run a message handler and an app command: the work a shutdown waits for."""


def intents() -> discord.Intents:
    """Guilds (channels and threads), guild and DM messages; not the privileged Message Content intent."""
    wanted = discord.Intents.none()
    wanted.guilds = True
    wanted.guild_messages = True
    wanted.dm_messages = True
    return wanted


class BriefbotClient(discord.AutoShardedClient):
    """One process runs every shard, or the shard ids its configuration names (a large install runs several)."""

    def __init__(self, runtime: Runtime, settings: DiscordSettings, **options: Any) -> None:
        if settings.shard_ids is not None:
            options["shard_ids"] = settings.shard_ids
        super().__init__(intents=intents(), allowed_mentions=NO_PINGS, shard_count=settings.shard_count, **options)
        self.runtime = runtime
        self.settings = settings
        self.pacer = Pacer()
        self.tree = app_commands.CommandTree(self)
        guilds = [discord.Object(guild_id) for guild_id in settings.guild_ids]
        self.tree.add_command(BriefingCommand(self), guilds=guilds or discord.utils.MISSING)
        runtime.register_poster(PLATFORM, self.post_to_channel)

    async def setup_hook(self) -> None:
        """Before the gateway: the shard count (when the gateway is configured), store, heavy imports, app command."""
        if self.settings.gateway_url != DISCORD_GATEWAY_URL and self.shard_count is None:
            # Left to itself the client would connect where Discord's GET /gateway/bot says, not where configured.
            self.shard_count, _, _ = await self.http.get_bot_gateway()
        await self.runtime.store()  # opened (and migrated) now, not inside a user's first 3 seconds
        # Fetching pulls in trafilatura and lxml (~0.5 s of imports): done here, not on the loop mid-request.
        await asyncio.to_thread(importlib.import_module, "bot.sources")
        await self.runtime.warm_up()  # the process pool's workers, loaded before the first mention
        if self.settings.shard_ids and 0 not in self.settings.shard_ids:
            return  # the process running shard 0 registers the command
        if self.settings.guild_ids:
            for guild_id in self.settings.guild_ids:
                await self.tree.sync(guild=discord.Object(guild_id))
        else:
            await self.tree.sync()

    async def on_message(self, message: discord.Message) -> None:
        assert self.user is not None
        text = addressed_text(message, self.user.id)
        if text is None:
            return
        await self.pacer.turn()  # a burst of mentions starts a few per loop iteration
        start_request("discord", f"discord-m{message.id}")
        claims = EventClaims(self.runtime, PLATFORM)  # two processes on one shard answer once
        reply = MessageReply(message, prefix=f"@{self.user.name}")
        try:
            if not await claims.claim(f"message:{message.id}"):
                return
            async with typing_indicator(message.channel):
                await handle(self.runtime, parse_command(text), message_where(message), reply)
        except BaseException:
            if not reply.posted and claims.held:
                await claims.release()
                log.info("Discord message %s ended before any reply; its claim is released", message.id)
            raise

    async def run_command(self, interaction: discord.Interaction, command: Command) -> None:
        """Acknowledge at once (deferred, so Discord shows 'thinking'), then do the work and follow up."""
        start_request("discord", f"discord-i{interaction.id}")
        if isinstance(command, Usage):
            await InteractionReply(interaction).error(ErrorReply(command.problem, usage=True))
            return
        try:
            await interaction.response.defer(thinking=True)
        except (discord.InteractionResponded, discord.HTTPException):
            log.info("Interaction %s was acknowledged elsewhere", interaction.id)
            return
        await self.pacer.turn()
        await handle(self.runtime, command, interaction_where(interaction), InteractionReply(interaction))

    async def post_to_channel(self, channel: ChannelRef, reply: Reply) -> str | None:
        """Posts `reply` (a digest, split over several messages) to a channel; the first message's id."""
        guild_id = int(channel.workspace) if channel.workspace else None
        target = self.get_partial_messageable(int(channel.channel_id), guild_id=guild_id)
        first = None
        for out in render(reply, prefix=COMMAND_PREFIX):
            sent = await target.send(**_message_fields(out), allowed_mentions=NO_PINGS)
            first = first or str(sent.id)
        return first

    async def drain(self, timeout: float) -> None:
        """Stop receiving events and let messages and commands being answered finish (up to `timeout` s).

        REST stays open, so digests can still be posted; `close()` after.
        """
        for shard in list(self.shards.values()):
            await shard.disconnect()
        working = _work_tasks()
        if working:
            await asyncio.wait(working, timeout=timeout)

    async def close(self) -> None:
        """Cancels the messages and commands still being answered (their claims go back), then closes."""
        working = _work_tasks()
        for task in working:
            task.cancel()
        await asyncio.gather(*working, return_exceptions=True)
        await super().close()


class MessageReply:
    """Posts replies to a message: in its channel, referencing it, pinging nobody (the author included)."""

    def __init__(self, message: discord.Message, *, prefix: str) -> None:
        self.message = message
        self.prefix = prefix
        self.posted = False
        """A message reached Discord, or may have: a send cut short by a shutdown counts, a refused one does not."""

    async def __call__(self, reply: Reply) -> str | None:
        reference = self.message.to_reference(fail_if_not_exists=False)
        first = None
        for out in render(reply, prefix=self.prefix):
            sent = await self._sent(
                self.message.channel.send(
                    **_message_fields(out), reference=reference, mention_author=False, allowed_mentions=NO_PINGS
                )
            )
            first = first or str(sent.id)
        return first

    async def _sent(self, sending: Awaitable[discord.Message]) -> discord.Message:
        try:
            sent = await sending
        except asyncio.CancelledError:
            self.posted = True  # answering twice is worse than the rare reply lost this way
            raise
        self.posted = True
        return sent


class InteractionReply:
    """Follows up a deferred interaction: the first message replaces 'thinking'; errors go only to the user."""

    def __init__(self, interaction: discord.Interaction) -> None:
        self.interaction = interaction
        self.answered = False

    async def __call__(self, reply: Reply) -> str | None:
        if isinstance(reply, ErrorReply):
            await self.error(reply)
            return None
        first = None
        for out in render(reply, prefix=COMMAND_PREFIX):
            if not self.answered:
                sent: discord.Message = await self.interaction.edit_original_response(
                    content=out.content, embeds=list(out.embeds), allowed_mentions=NO_PINGS
                )
                self.answered = True
            else:
                sent = await self.interaction.followup.send(
                    **_message_fields(out), allowed_mentions=NO_PINGS, wait=True
                )
            first = first or str(sent.id)
        return first

    async def error(self, reply: ErrorReply) -> None:
        """Ephemeral: before any work, as the response itself; after a deferral, instead of the 'thinking' message."""
        messages = render(reply, prefix=COMMAND_PREFIX)
        response = self.interaction.response
        if not response.is_done():
            first, *rest = messages
            await response.send_message(**_message_fields(first), ephemeral=True, allowed_mentions=NO_PINGS)
            messages = rest
        elif not self.answered:
            with contextlib.suppress(discord.HTTPException):
                await self.interaction.delete_original_response()
        for out in messages:
            await self.interaction.followup.send(**_message_fields(out), ephemeral=True, allowed_mentions=NO_PINGS)


class BriefingCommand(app_commands.Group):
    """`/briefing <subcommand>`: the shared grammar with typed, described options; each becomes one `Command`."""

    digest = app_commands.Group(name="digest", description="This channel's digest of its feeds")

    def __init__(self, client: BriefbotClient) -> None:
        super().__init__(name="briefing", description="News briefings, key quotes and answers from articles")
        self.bot = client

    @app_commands.command(description="Brief a web page: the briefing and its key quotes")
    @app_commands.describe(url="The page's address (http or https)")
    async def url(self, interaction: discord.Interaction, url: str) -> None:
        await self.bot.run_command(interaction, parse_command(url))

    @app_commands.command(description="Brief an article's text pasted here")
    @app_commands.describe(text="The article's text")
    async def text(self, interaction: discord.Interaction, text: str) -> None:
        await self.bot.run_command(interaction, BriefText(text) if text.strip() else Help())

    @app_commands.command(description="Ask about the article briefed last here, or about the page at a URL")
    @app_commands.describe(question="Your question, such as: Who said what?", url="Ask about this page instead")
    async def ask(self, interaction: discord.Interaction, question: str, url: str | None = None) -> None:
        await self.bot.run_command(interaction, parse_command(" ".join(("ask", url or "", question))))

    @app_commands.command(description="Add a feed to this channel's daily digest")
    @app_commands.describe(
        feed="The feed's address (RSS or Atom)",
        at=f"Digest time, 24-hour HH:MM (default {DEFAULT_DIGEST_TIME})",
        timezone="Time zone, such as Europe/London",
        only="Keep only articles with these words",
        excluding="Leave out articles with these words",
    )
    @app_commands.rename(excluding="except")
    async def subscribe(
        self,
        interaction: discord.Interaction,
        feed: str,
        at: str | None = None,
        timezone: str | None = None,
        only: str | None = None,
        excluding: str | None = None,
    ) -> None:
        parts = ["subscribe", feed]
        for word, value in (("at", at), ("tz", timezone), ("only", only), ("except", excluding)):
            if value and value.strip():
                parts += [word, value.strip()]
        await self.bot.run_command(interaction, parse_command(" ".join(parts)))

    @app_commands.command(description="Remove a feed from this channel's digest")
    @app_commands.describe(feed="The feed's address")
    async def unsubscribe(self, interaction: discord.Interaction, feed: str) -> None:
        await self.bot.run_command(interaction, parse_command(f"unsubscribe {feed}"))

    @app_commands.command(description="This channel's feeds and digest time")
    async def feeds(self, interaction: discord.Interaction) -> None:
        await self.bot.run_command(interaction, ListFeeds())

    @digest.command(name="now", description="Send this channel's digest now")
    async def digest_now(self, interaction: discord.Interaction) -> None:
        await self.bot.run_command(interaction, DigestNow())

    @app_commands.command(name="help", description="What briefbot can do")
    async def help_(self, interaction: discord.Interaction) -> None:
        await self.bot.run_command(interaction, Help())


@contextlib.asynccontextmanager
async def typing_indicator(channel: discord.abc.Messageable) -> AsyncIterator[None]:
    """Shows 'briefbot is typing…' while the body runs; a channel that refuses it (no permission) does not fail.

    The indicator is sent beside the work, not before it: the work does not wait a REST round trip to start.
    """
    typing = channel.typing()
    shown = asyncio.create_task(typing.__aenter__())
    try:
        yield
    finally:
        if not shown.done():
            shown.cancel()  # the work was done first: no indicator needed
        with contextlib.suppress(asyncio.CancelledError, discord.HTTPException):
            await shown
        if shown.done() and not shown.cancelled() and shown.exception() is None:
            await typing.__aexit__(None, None, None)


def _work_tasks() -> list[asyncio.Task[object]]:
    current = asyncio.current_task()
    return [t for t in asyncio.all_tasks() if t.get_name() in WORK_TASKS and t is not current]


def _message_fields(out: Outgoing) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    if out.content:
        fields["content"] = out.content
    if out.embeds:
        fields["embeds"] = list(out.embeds)
    return fields
