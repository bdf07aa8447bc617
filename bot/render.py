"""Rendering briefings, quote digests and answers for the terminal: plain text, Markdown or JSON Lines.

The JSON field names are a contract other tools read: keep them stable.
"""

from __future__ import annotations

import json
import textwrap
from typing import TYPE_CHECKING

from bot.links import text_fragment_url
from summaries.model import Answer, Quote

if TYPE_CHECKING:
    from bot.briefing import BriefResult
    from bot.digest import Digest

TEXT_WIDTH = 88


def attribution(quote: Quote) -> str:
    who = quote.speaker or "unattributed"
    return f"{who}, {quote.role}" if quote.role else who


def quote_link(result: BriefResult, quote: Quote) -> str | None:
    """A link to the quote's place in its page, for articles that came from a URL."""
    return text_fragment_url(result.article.url, quote.text) if result.article.url else None


def bullets(result: BriefResult) -> list[str]:
    """The briefing's sentences, less the one already shown as the headline (an untitled article's first)."""
    return [s for s in result.briefing.sentences if s != result.briefing.headline]


def brief_json(result: BriefResult) -> str:
    quotes = [
        {"text": q.text, "speaker": q.speaker, "role": q.role, "key": q.key, "link": quote_link(result, q)}
        for q in result.quotes.quotes
    ]
    return json.dumps(
        {
            "source": result.source,
            "title": result.briefing.headline,
            "url": result.article.url,
            "briefing": list(result.briefing.sentences),
            "quotes": quotes,
            "engine": result.briefing.engine,
            "cached": result.cached,
        },
        ensure_ascii=False,
    )


def brief_text(result: BriefResult) -> str:
    lines = [result.briefing.headline, "=" * min(len(result.briefing.headline), TEXT_WIDTH), ""]
    for sentence in bullets(result):
        lines += textwrap.wrap(sentence, TEXT_WIDTH, initial_indent="• ", subsequent_indent="  ")
    key = result.quotes.key_quotes
    if key:
        lines += ["", "Key quotes"]
        for quote in key:
            lines += textwrap.wrap(f"“{quote.text}”", TEXT_WIDTH, initial_indent="  ", subsequent_indent="   ")
            lines.append(f"    — {attribution(quote)}")
            link = quote_link(result, quote)
            if link:
                lines.append(f"      {link}")
    others = len(result.quotes.quotes) - len(key)
    if others:
        lines += ["", f"(+{others} more quote{'s' if others > 1 else ''}: use --format json for all)"]
    return "\n".join(lines)


def brief_markdown(result: BriefResult) -> str:
    lines = [f"## {result.briefing.headline}", ""]
    lines += [f"- {sentence}" for sentence in bullets(result)]
    if result.quotes.key_quotes:
        lines += ["", "### Key quotes", ""]
        for quote in result.quotes.key_quotes:
            link = quote_link(result, quote)
            source = f" ([in the article]({link}))" if link else ""
            lines += [f"> “{quote.text}”", f"> — *{attribution(quote)}*{source}", ""]
    return "\n".join(lines).rstrip()


def digest_text(digest: Digest) -> str:
    if not digest.items:
        return "Nothing new since the last digest."
    lines = [f"Your digest: {len(digest.items)} new article{'s' if len(digest.items) > 1 else ''}", ""]
    for item in digest.items:
        lines.append(item.title)
        if item.url:
            lines.append(f"  {item.url}")
        for sentence in item.briefing.sentences:
            lines += textwrap.wrap(sentence, TEXT_WIDTH, initial_indent="  • ", subsequent_indent="    ")
        lines.append("")
    return "\n".join(lines).rstrip()


def answer_json(result: Answer) -> str:
    return json.dumps(
        {"question": result.question, "answer": result.text, "evidence": result.evidence}, ensure_ascii=False
    )


def answer_text(result: Answer) -> str:
    if not result.found:
        return f"Q: {result.question}\nThe article does not say."
    wrapped = textwrap.fill(f"“{result.evidence}”", TEXT_WIDTH, initial_indent="  ", subsequent_indent="   ")
    return f"Q: {result.question}\nA: {result.text}\n\nFrom the article:\n{wrapped}"


def answer_markdown(result: Answer) -> str:
    if not result.found:
        return f"**Q:** {result.question}\n\n*The article does not say.*"
    return f"**Q:** {result.question}\n\n**A:** {result.text}\n\n> {result.evidence}"


BRIEF_RENDERERS = {"text": brief_text, "markdown": brief_markdown, "json": brief_json}
ANSWER_RENDERERS = {"text": answer_text, "markdown": answer_markdown, "json": answer_json}
