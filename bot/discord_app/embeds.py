"""Discord's renderer of the reply model: each reply becomes one or more messages of text and embeds.

Discord refuses a message over its limits, so every limit is respected here by splitting (text, stories, embeds)
or trimming (a title, a sentence, a quote) — rendering never fails and never produces a message Discord rejects.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import discord

from bot.replies import (
    NOT_IN_ARTICLE,
    AnswerReply,
    BriefingReply,
    DigestReply,
    DigestStory,
    ErrorReply,
    FeedsReply,
    HelpReply,
    Notice,
    Reply,
    filter_words,
    usage_lines,
)
from summaries.cleanup import strip_controls

CONTENT_MAX = 2000
EMBED_TITLE_MAX = 256
EMBED_DESCRIPTION_MAX = 4096
EMBED_FIELDS_MAX = 25
EMBED_FIELD_NAME_MAX = 256
EMBED_FIELD_VALUE_MAX = 1024
EMBED_FOOTER_MAX = 2048
EMBED_URL_MAX = 2048
EMBEDS_TOTAL_MAX = 6000
"""All embeds of one message together: titles, descriptions, field names and values, footers, authors."""
EMBEDS_PER_MESSAGE = 10

BRIEFING_COLOUR = discord.Colour(0x2B6CB0)
ELLIPSIS = "…"


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One Discord message: text, embeds, or both; always within Discord's limits."""

    content: str | None = None
    embeds: tuple[discord.Embed, ...] = ()


def render(reply: Reply, *, prefix: str = "/briefing") -> list[Outgoing]:
    """The messages that show `reply`, in order; `prefix` spells the command in the usage ('@briefbot', '/briefing')."""
    match reply:
        case BriefingReply():
            return [Outgoing(embeds=(briefing_embed(reply),))]
        case AnswerReply():
            return [Outgoing(embeds=(answer_embed(reply),))]
        case DigestReply():
            return digest_messages(reply)
        case FeedsReply():
            return text_messages(
                [reply.summary, *(_feed_line(f.url, f.title, f.only, f.excluding) for f in reply.feeds)]
            )
        case Notice(text, lines):
            return text_messages([text, *lines])
        case HelpReply():
            return text_messages([f"`{line}`" for line in usage_lines(prefix)])
        case ErrorReply(message, usage):
            return text_messages([message, *(f"`{line}`" for line in usage_lines(prefix) if usage)])
    raise TypeError(f"no Discord rendering for {type(reply).__name__}")


def briefing_embed(reply: BriefingReply) -> discord.Embed:
    embed = discord.Embed(
        title=trim(reply.title, EMBED_TITLE_MAX),
        url=_url(reply.url),
        description=trim("\n".join(f"• {s}" for s in reply.bullets), EMBED_DESCRIPTION_MAX),
        colour=BRIEFING_COLOUR,
    )
    for quote in reply.key_quotes[:EMBED_FIELDS_MAX]:
        embed.add_field(name=trim(quote.attribution, EMBED_FIELD_NAME_MAX), value=_quote_value(quote.text, quote.link))
    footer = reply.context or reply.source
    if reply.truncated:
        footer = (
            f"{footer} · briefed from the start of a long text" if footer else "briefed from the start of a long text"
        )
    if footer:
        embed.set_footer(text=trim(footer, EMBED_FOOTER_MAX))
    image = _url(reply.image)
    if image:
        embed.set_thumbnail(url=image)
    return fit(embed)


def answer_embed(reply: AnswerReply) -> discord.Embed:
    if reply.found:
        evidence = f"> “{reply.evidence}”"
        if reply.evidence_link and len(reply.evidence_link) <= EMBED_URL_MAX:
            evidence += f"\n[In the article]({reply.evidence_link})"
        description = f"**{reply.answer}**\n\n{evidence}"
    else:
        description = NOT_IN_ARTICLE
    embed = discord.Embed(
        title=trim(reply.question, EMBED_TITLE_MAX),
        description=trim(description, EMBED_DESCRIPTION_MAX),
        colour=BRIEFING_COLOUR,
    )
    if reply.article_title:
        embed.set_footer(text=trim(reply.article_title, EMBED_FOOTER_MAX))
    return fit(embed)


def digest_messages(digest: DigestReply) -> list[Outgoing]:
    """The header as text, then one embed a story and the headlines of the rest, packed 10 embeds (6,000) a message."""
    embeds = [story_embed(story) for story in digest.stories]
    if digest.more:
        lines = [f"• [{_link_text(s.title)}]({s.url})" if _url(s.url) else f"• {s.title}" for s in digest.more]
        for chunk in split_lines(lines, EMBED_DESCRIPTION_MAX):
            embeds.append(discord.Embed(title="Also new", description=chunk))
    messages = [Outgoing(content=trim(digest.header, CONTENT_MAX))]
    for group in pack(embeds):
        messages.append(Outgoing(embeds=tuple(group)))
    return messages


def story_embed(story: DigestStory) -> discord.Embed:
    embed = discord.Embed(
        title=trim(story.title, EMBED_TITLE_MAX),
        url=_url(story.url),
        description=trim("\n".join(f"• {s}" for s in story.sentences), EMBED_DESCRIPTION_MAX),
    )
    if story.quote:
        embed.add_field(
            name=trim(story.quote.attribution, EMBED_FIELD_NAME_MAX), value=_quote_value(story.quote.text, None)
        )
    return fit(embed)


def text_messages(lines: Iterable[str]) -> list[Outgoing]:
    return [Outgoing(content=chunk) for chunk in split_lines(lines, CONTENT_MAX)]


def pack(embeds: Iterable[discord.Embed]) -> Iterator[list[discord.Embed]]:
    """Groups of at most 10 embeds and 6,000 characters, in order (each embed alone is already within 6,000)."""
    group: list[discord.Embed] = []
    size = 0
    for embed in embeds:
        length = len(embed)
        if group and (len(group) == EMBEDS_PER_MESSAGE or size + length > EMBEDS_TOTAL_MAX):
            yield group
            group, size = [], 0
        group.append(embed)
        size += length
    if group:
        yield group


def fit(embed: discord.Embed) -> discord.Embed:
    """Within 6,000 characters in all: drop fields from the end, then shorten the description."""
    while len(embed) > EMBEDS_TOTAL_MAX and embed.fields:
        embed.remove_field(len(embed.fields) - 1)
    excess = len(embed) - EMBEDS_TOTAL_MAX
    if excess > 0 and embed.description:
        embed.description = trim(embed.description, max(len(embed.description) - excess, 0))
    return embed


def split_lines(lines: Iterable[str], limit: int) -> list[str]:
    """Lines joined into chunks of at most `limit` characters; a longer line is cut where it must."""
    chunks: list[str] = []
    current = ""
    for line in map(strip_controls, lines):
        while len(line) > limit:
            if current:
                chunks.append(current)
                current = ""
            cut = line.rfind(" ", 0, limit)
            cut = cut if cut > limit // 2 else limit
            chunks.append(line[:cut])
            line = line[cut:].lstrip()
        joined = f"{current}\n{line}" if current else line
        if len(joined) > limit:
            chunks.append(current)
            joined = line
        current = joined
    if current:
        chunks.append(current)
    return chunks or [""]


def trim(text: str, limit: int) -> str:
    """`text` cut at a word boundary to fit `limit` characters, ending with '…' when cut; no control characters."""
    text = strip_controls(text)
    if len(text) <= limit:
        return text
    if limit <= len(ELLIPSIS):
        return text[:limit]
    cut = text.rfind(" ", 0, limit - len(ELLIPSIS))
    cut = cut if cut > limit // 2 else limit - len(ELLIPSIS)
    return text[:cut].rstrip() + ELLIPSIS


def _quote_value(text: str, link: str | None) -> str:
    suffix = f"\n[In the article]({link})" if link and len(link) <= EMBED_URL_MAX else ""
    if len(suffix) > EMBED_FIELD_VALUE_MAX // 2:  # a link that would crowd out the quote is left off
        suffix = ""
    return trim(f"“{text}”", EMBED_FIELD_VALUE_MAX - len(suffix)) + suffix


def _feed_line(url: str, title: str | None, only: tuple[str, ...], excluding: tuple[str, ...]) -> str:
    filters = filter_words(only, excluding)
    return f"• <{url}>" + (f" {title}" if title else "") + (f" ({filters})" if filters else "")


def _link_text(title: str) -> str:
    return trim(title.replace("[", "(").replace("]", ")"), EMBED_TITLE_MAX)


def _url(url: str | None) -> str | None:
    """An embed URL Discord accepts (http(s), at most 2,048 characters), else none."""
    if url and len(url) <= EMBED_URL_MAX and url.startswith(("http://", "https://")):
        return url
    return None
