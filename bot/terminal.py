"""The terminal's renderer of the reply model: plain text, Markdown, or JSON Lines.

The JSON field names of briefings and answers are a contract other tools read: keep them stable.
"""

from __future__ import annotations

import json
import textwrap

from bot.replies import (
    NOT_IN_ARTICLE,
    AnswerReply,
    BriefingReply,
    DigestReply,
    ErrorReply,
    FeedsReply,
    HelpReply,
    Notice,
    Reply,
    usage_lines,
)
from summaries.cleanup import strip_controls

TEXT_WIDTH = 88
FORMATS = ("text", "markdown", "json")
PREFIX = "briefbot"


def render(reply: Reply, fmt: str = "text") -> str:
    """`reply` as `fmt`; no control character or bidi override (from an article, feed, question) reaches the tty."""
    return strip_controls(_render(reply, fmt))


def _render(reply: Reply, fmt: str) -> str:
    match reply:
        case BriefingReply():
            return {"json": brief_json, "markdown": brief_markdown}.get(fmt, brief_text)(reply)
        case AnswerReply():
            return {"json": answer_json, "markdown": answer_markdown}.get(fmt, answer_text)(reply)
        case DigestReply():
            return digest_json(reply) if fmt == "json" else digest_text(reply)
        case FeedsReply():
            return feeds_text(reply)
        case Notice(text, lines):
            return "\n".join((text, *lines))
        case HelpReply():
            return "\n".join(usage_lines(PREFIX))
        case ErrorReply(message, usage):
            return "\n".join((message, *(usage_lines(PREFIX) if usage else ())))
    raise TypeError(f"no terminal rendering for {type(reply).__name__}")


def brief_json(reply: BriefingReply) -> str:
    quotes = [
        {"text": q.text, "speaker": q.speaker, "role": q.role, "key": q.key, "link": q.link} for q in reply.quotes
    ]
    return json.dumps(
        {
            "source": reply.source,
            "title": reply.title,
            "url": reply.url,
            "briefing": list(reply.sentences),
            "quotes": quotes,
            "engine": reply.engine,
            "cached": reply.cached,
        },
        ensure_ascii=False,
    )


def brief_text(reply: BriefingReply) -> str:
    lines = [reply.title, "=" * min(len(reply.title), TEXT_WIDTH), ""]
    for sentence in reply.bullets:
        lines += textwrap.wrap(sentence, TEXT_WIDTH, initial_indent="• ", subsequent_indent="  ")
    key = reply.key_quotes
    if key:
        lines += ["", "Key quotes"]
        for quote in key:
            lines += textwrap.wrap(f"“{quote.text}”", TEXT_WIDTH, initial_indent="  ", subsequent_indent="   ")
            lines.append(f"    — {quote.attribution}")
            if quote.link:
                lines.append(f"      {quote.link}")
    others = len(reply.quotes) - len(key)
    if others:
        lines += ["", f"(+{others} more quote{'s' if others > 1 else ''}: use --format json for all)"]
    return "\n".join(lines)


def brief_markdown(reply: BriefingReply) -> str:
    lines = [f"## {reply.title}", ""]
    lines += [f"- {sentence}" for sentence in reply.bullets]
    if reply.key_quotes:
        lines += ["", "### Key quotes", ""]
        for quote in reply.key_quotes:
            source = f" ([in the article]({quote.link}))" if quote.link else ""
            lines += [f"> “{quote.text}”", f"> — *{quote.attribution}*{source}", ""]
    return "\n".join(lines).rstrip()


def answer_json(reply: AnswerReply) -> str:
    return json.dumps(
        {"question": reply.question, "answer": reply.answer, "evidence": reply.evidence}, ensure_ascii=False
    )


def answer_text(reply: AnswerReply) -> str:
    if not reply.found:
        return f"Q: {reply.question}\n{NOT_IN_ARTICLE}"
    wrapped = textwrap.fill(f"“{reply.evidence}”", TEXT_WIDTH, initial_indent="  ", subsequent_indent="   ")
    return f"Q: {reply.question}\nA: {reply.answer}\n\nFrom the article:\n{wrapped}"


def answer_markdown(reply: AnswerReply) -> str:
    if not reply.found:
        return f"**Q:** {reply.question}\n\n*{NOT_IN_ARTICLE}*"
    return f"**Q:** {reply.question}\n\n**A:** {reply.answer}\n\n> {reply.evidence}"


def digest_text(digest: DigestReply) -> str:
    lines = [digest.header]
    for story in digest.stories:
        lines += ["", story.title]
        if story.url:
            lines.append(f"  {story.url}")
        for sentence in story.sentences:
            lines += textwrap.wrap(sentence, TEXT_WIDTH, initial_indent="  • ", subsequent_indent="    ")
        if story.quote:
            lines.append(f"  “{story.quote.text}” — {story.quote.attribution}")
    if digest.more:
        lines += ["", "Also new:"] + [f"  {s.title}" + (f"  {s.url}" if s.url else "") for s in digest.more]
    return "\n".join(lines)


def digest_json(digest: DigestReply) -> str:
    """One JSON object per story, one per line."""
    rows = []
    for story in (*digest.stories, *digest.more):
        quote = {"text": story.quote.text, "speaker": story.quote.speaker} if story.quote else None
        sources = [{"feed": s.feed, "guid": s.guid, "link": s.link} for s in story.sources]
        row = {"title": story.title, "url": story.url, "sources": sources, "briefing": list(story.sentences)}
        rows.append(json.dumps({**row, "quote": quote}, ensure_ascii=False))
    return "\n".join(rows)


def feeds_text(reply: FeedsReply) -> str:
    lines = [reply.summary]
    for feed in reply.feeds:
        extra = feed.filters
        lines.append(f"  {feed.url}" + (f"  {feed.title}" if feed.title else "") + (f"  ({extra})" if extra else ""))
    return "\n".join(lines)
