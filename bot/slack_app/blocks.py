"""The Slack renderer of `bot.replies`: Block Kit messages within Slack's limits, article text escaped for mrkdwn.

Limits are met by splitting or trimming, never by failing. Everything that came from an article or a user goes
through `escape`, so `<!channel>` or `<@U123>` in a page is shown, not acted on; the `text` fallback is always set.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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
    QuoteLine,
    Reply,
    usage_lines,
)

SLACK_SECTION_MAX = 3000
"""Characters in a section block's text."""
SLACK_HEADER_MAX = 150
"""Characters in a header block's plain text."""
SLACK_BLOCKS_MAX = 50
"""Blocks in one message."""
SLACK_CONTEXT_MAX = 3000
"""Characters in a context element's text."""
SLACK_FALLBACK_MAX = 3000
"""The `text` fallback: Slack truncates at 40,000, notifications show far less; keep it short."""
SLACK_BUTTON_VALUE_MAX = 2000
SLACK_ALT_TEXT_MAX = 2000
SLACK_URL_MAX = 3000

ALL_QUOTES_ACTION = "briefbot_all_quotes"
"""The action id of the "show all quotes" button; its value is the briefing's message id."""
PREFIX = "/briefing"

Block = dict[str, Any]


@dataclass(frozen=True, slots=True)
class SlackMessage:
    text: str
    """The plain-text fallback (notifications, screen readers); mrkdwn, already escaped."""
    blocks: tuple[Block, ...] = field(default=())
    ephemeral: bool = False
    """Shown only to the person who asked (errors)."""


def render(reply: Reply, *, message_id: str | None = None, prefix: str = PREFIX) -> list[SlackMessage]:
    """The message(s) for `reply`; more than one only for a digest too long for one message.

    `message_id` is what the "show all quotes" button carries back; without it there is no button.
    """
    match reply:
        case BriefingReply():
            return [briefing(reply, message_id)]
        case AnswerReply():
            return [answer(reply)]
        case DigestReply():
            return digest(reply)
        case FeedsReply():
            return [_message(reply.summary, [reply.summary, *_feed_lines(reply)])]
        case Notice(text, lines):
            return [_message(text, [text, "\n".join(lines)])]
        case HelpReply():  # for the asker only: a channel need not see it
            return [_message("briefbot usage", ["\n".join(usage_lines(prefix))], ephemeral=True)]
        case ErrorReply(message, usage):
            lines = usage_lines(prefix) if usage else ()
            return [_message(message, [message, "\n".join(lines)], ephemeral=True)]
    raise TypeError(f"no Slack rendering for {type(reply).__name__}")


def escape(text: str) -> str:
    """Text safe in mrkdwn: `&`, `<`, `>` escaped, so no mention, channel ping or link can be smuggled in."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def link(url: str, label: str) -> str:
    """A mrkdwn link; `label` is raw text (escaped here)."""
    safe_url = url[:SLACK_URL_MAX].replace("|", "%7C").replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")
    return f"<{safe_url}|{escape(label).replace('|', '¦')}>"


def clip(text: str, limit: int) -> str:
    """`text` cut to `limit` characters with an ellipsis, never inside a `<...>` link or an `&...;` entity."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if cut.rfind("<") > cut.rfind(">"):
        cut = cut[: cut.rfind("<")]
    amp = cut.rfind("&")
    if amp != -1 and ";" not in cut[amp:]:
        cut = cut[:amp]
    return cut.rstrip() + "…"


def briefing(reply: BriefingReply, message_id: str | None = None) -> SlackMessage:
    title = _clip_raw(reply.title, SLACK_HEADER_MAX)
    blocks: list[Block] = [_section(f"*{link(reply.url, title)}*") if reply.url else _header(title)]
    body = _sections([f"• {escape(s)}" for s in reply.bullets], separator="\n")
    if body and reply.image and reply.image.startswith(("https://", "http://")) and len(reply.image) <= SLACK_URL_MAX:
        alt = _clip_raw(reply.title or "lead image", SLACK_ALT_TEXT_MAX)
        body[0] = {**body[0], "accessory": {"type": "image", "image_url": reply.image, "alt_text": alt}}
    blocks += body
    if reply.key_quotes:
        blocks += _sections(["*Key quotes*", *(_quote(q) for q in reply.key_quotes)])
    if reply.context:
        blocks.append(_context(escape(reply.context)))
    more = len(reply.quotes) - len(reply.key_quotes)
    tail = []
    if more > 0 and message_id and len(message_id) <= SLACK_BUTTON_VALUE_MAX:
        label = f"Show all {len(reply.quotes)} quotes"
        button = {"type": "button", "text": _plain(label), "action_id": ALL_QUOTES_ACTION, "value": message_id}
        tail.append({"type": "actions", "elements": [button]})
    fallback = "\n".join([escape(title), *(f"• {escape(s)}" for s in reply.bullets)])
    if reply.url:
        fallback = f"{fallback}\n{escape(reply.url)}"
    return SlackMessage(clip(fallback, SLACK_FALLBACK_MAX), _fit(blocks, tail))


def all_quotes(reply: BriefingReply) -> SlackMessage:
    """Every quote of a briefing, in article order: the answer to the "show all quotes" button (ephemeral)."""
    head = f"All {len(reply.quotes)} quotes in {link(reply.url, reply.title) if reply.url else escape(reply.title)}"
    if not reply.quotes:
        head = f"No quotes in {escape(reply.title)}."
    blocks = _sections([head, *(_quote(q) for q in reply.quotes)])
    return SlackMessage(clip(head, SLACK_FALLBACK_MAX), _fit(blocks), ephemeral=True)


def answer(reply: AnswerReply) -> SlackMessage:
    question = f"*Q:* {escape(reply.question)}"
    if not reply.found:
        chunks = [question, f"_{escape(NOT_IN_ARTICLE)}_"]
        fallback = NOT_IN_ARTICLE
    else:
        where = f" ({link(reply.evidence_link, 'in the article')})" if reply.evidence_link else ""
        evidence = f"> “{escape(reply.evidence or '')}”{where}"
        chunks = [f"{question}\n*A:* {escape(reply.answer or '')}", evidence]
        fallback = reply.answer or ""
    blocks = _sections(chunks)
    if reply.article_title:
        title = _clip_raw(reply.article_title, SLACK_HEADER_MAX)
        source = link(reply.article_url, title) if reply.article_url else escape(title)
        blocks.append(_context(f"From {source}"))
    return SlackMessage(clip(escape(fallback), SLACK_FALLBACK_MAX), _fit(blocks))


def digest(reply: DigestReply) -> list[SlackMessage]:
    """One message, or, past 50 blocks, a header message followed by the rest (posted in its thread)."""
    head = _header(_clip_raw(reply.header, SLACK_HEADER_MAX))
    stories = [_story(story) for story in reply.stories]
    if reply.more:
        also = [
            f"• {link(s.url, _clip_raw(s.title, SLACK_HEADER_MAX)) if s.url else escape(s.title)}" for s in reply.more
        ]
        stories += _sections(["*Also new*", *also], separator="\n")
    fallback = clip(escape(reply.header), SLACK_FALLBACK_MAX)
    if len(stories) < SLACK_BLOCKS_MAX:
        return [SlackMessage(fallback, (head, *stories))]
    room = SLACK_BLOCKS_MAX
    messages = [SlackMessage(fallback, (head,))]
    for start in range(0, len(stories), room):
        part = tuple(stories[start : start + room])
        messages.append(SlackMessage(f"{fallback} ({start + 1}–{start + len(part)})", part))
    return messages


def _story(story: DigestStory) -> Block:
    title = _clip_raw(story.title, SLACK_HEADER_MAX)
    lines = [f"*{link(story.url, title) if story.url else escape(title)}*"]
    lines += [f"• {escape(s)}" for s in story.sentences]
    if story.quote:
        lines.append(_quote(story.quote))
    return _section(clip("\n".join(lines), SLACK_SECTION_MAX))


def _quote(quote: QuoteLine) -> str:
    where = f" · {link(quote.link, 'in the article')}" if quote.link else ""
    return f"> “{escape(quote.text)}”\n> — _{escape(quote.attribution)}_{where}"


def _feed_lines(reply: FeedsReply) -> list[str]:
    lines = []
    for feed in reply.feeds:
        title = f" {feed.title}" if feed.title else ""
        lines.append(escape(f"• {feed.url}{title}" + (f" ({feed.filters})" if feed.filters else "")))
    return ["\n".join(lines)] if lines else []


def _message(fallback: str, chunks: list[str], *, ephemeral: bool = False) -> SlackMessage:
    blocks = _sections([escape(c) for c in chunks if c])
    return SlackMessage(clip(escape(fallback), SLACK_FALLBACK_MAX), _fit(blocks), ephemeral=ephemeral)


def _sections(chunks: list[str], *, separator: str = "\n\n") -> list[Block]:
    """mrkdwn chunks packed into as few sections as fit; a chunk too long for one section is trimmed."""
    sections: list[str] = []
    for chunk in (clip(c, SLACK_SECTION_MAX) for c in chunks if c):
        if sections and len(sections[-1]) + len(separator) + len(chunk) <= SLACK_SECTION_MAX:
            sections[-1] += separator + chunk
        else:
            sections.append(chunk)
    return [_section(text) for text in sections]


def _fit(blocks: list[Block], tail: list[Block] | None = None) -> tuple[Block, ...]:
    """At most 50 blocks: the ones that do not fit become a note, and `tail` (the buttons) is always kept."""
    tail = tail or []
    room = SLACK_BLOCKS_MAX - len(tail)
    if len(blocks) > room:
        dropped = len(blocks) - room + 1
        blocks = [*blocks[: room - 1], _context(f"({dropped} more not shown: Slack allows {SLACK_BLOCKS_MAX} blocks)")]
    return (*blocks, *tail)


def _section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": clip(text, SLACK_SECTION_MAX)}}


def _header(text: str) -> Block:
    return {"type": "header", "text": _plain(_clip_raw(text, SLACK_HEADER_MAX) or "…")}


def _context(text: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": clip(text, SLACK_CONTEXT_MAX)}]}


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text, "emoji": True}


def _clip_raw(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
