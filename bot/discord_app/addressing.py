"""Which gateway messages are meant for the bot, what they say once the mention is gone, and where they were sent.

Without the privileged Message Content intent Discord gives the bot the content of messages that mention it (a
reply that pings it counts: the bot is in `mentions` though the text never names it), of DMs and of
interactions; every other message arrives with empty content and is ignored here.
"""

from __future__ import annotations

import re

import discord

from bot.channels import ChannelRef
from bot.services import Where

PLATFORM = "discord"
CONVERSATION_TYPES = (discord.MessageType.default, discord.MessageType.reply)
"""Pins, joins, boosts and other system messages have another type (and no text meant for the bot)."""


def addressed_text(message: discord.Message, bot_id: int) -> str | None:
    """The command text of a message meant for the bot, without its mentions; None for any other message.

    Meant for the bot: a DM, or a message whose `mentions` hold the bot, by `<@ID>`, `<@!ID>` or a reply that
    pings it. Never the bot's own messages (by id) or another bot's (`author.bot`, absent for humans), never
    system messages, never `@everyone`/`@here` alone.
    """
    if message.author.id == bot_id or message.author.bot:
        return None
    if message.type not in CONVERSATION_TYPES:
        return None
    in_dm = isinstance(message.channel, discord.DMChannel)
    if not in_dm and bot_id not in {user.id for user in message.mentions}:
        return None
    return strip_mentions(message.content, bot_id)


def strip_mentions(content: str, bot_id: int) -> str:
    """The text without the bot's mentions, in the current `<@ID>` and the legacy nickname `<@!ID>` forms."""
    return re.sub(rf"[ \t]*<@!?{bot_id}>[ \t]*", " ", content).strip()


def message_where(message: discord.Message) -> Where:
    """The channel for the services, and the message replied to: a reply's reference, else a thread's starter.

    A thread started from a message has that message's id, so a question in a thread under a briefing is about
    it; the channel is then the thread's parent, where the briefing was posted. A reference whose message was
    deleted (`referenced_message: null`) or not fetched (absent) still names the briefing it replied to.
    """
    channel = message.channel
    reference = message.reference
    reply_to = None
    if reference is not None and reference.type is discord.MessageReferenceType.reply and reference.message_id:
        reply_to = str(reference.message_id)
    guild_id = message.guild.id if message.guild else getattr(channel, "guild_id", None)
    return _where(channel, channel.id, guild_id, reply_to)


def interaction_where(interaction: discord.Interaction) -> Where:
    """Where an app command was used; in a thread under a briefing, questions are about that briefing."""
    channel_id = interaction.channel_id or 0
    return _where(interaction.channel, channel_id, interaction.guild_id, None)


def _where(channel: object, channel_id: int, guild_id: int | None, reply_to: str | None) -> Where:
    workspace = str(guild_id) if guild_id else ""
    if isinstance(channel, discord.Thread) and channel.parent_id:
        return Where(ChannelRef(PLATFORM, str(channel.parent_id), workspace), reply_to or str(channel.id))
    return Where(ChannelRef(PLATFORM, str(channel_id), workspace), reply_to)
