"""Rendering briefings, quote digests and answers for the terminal: plain text, Markdown or JSON Lines.

The JSON field names are a contract other tools read: keep them stable.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass

from summaries.model import Answer, Article, Briefing, Quote, QuoteDigest

TEXT_WIDTH = 88


@dataclass(frozen=True, slots=True)
class BriefResult:
    """Everything `brief` shows for one article."""

    source: str
    article: Article
    briefing: Briefing
    quotes: QuoteDigest


def attribution(quote: Quote) -> str:
    who = quote.speaker or "unattributed"
    return f"{who}, {quote.role}" if quote.role else who


def brief_json(result: BriefResult) -> str:
    return json.dumps(
        {
            "source": result.source,
            "title": result.briefing.headline,
            "briefing": list(result.briefing.sentences),
            "quotes": [
                {"text": q.text, "speaker": q.speaker, "role": q.role, "key": q.key} for q in result.quotes.quotes
            ],
            "engine": result.briefing.engine,
        },
        ensure_ascii=False,
    )


def brief_text(result: BriefResult) -> str:
    lines = [result.briefing.headline, "=" * min(len(result.briefing.headline), TEXT_WIDTH), ""]
    for sentence in result.briefing.sentences:
        lines += textwrap.wrap(sentence, TEXT_WIDTH, initial_indent="• ", subsequent_indent="  ")
    key = result.quotes.key_quotes
    if key:
        lines += ["", "Key quotes"]
        for quote in key:
            lines += textwrap.wrap(f"“{quote.text}”", TEXT_WIDTH, initial_indent="  ", subsequent_indent="   ")
            lines.append(f"    — {attribution(quote)}")
    others = len(result.quotes.quotes) - len(key)
    if others:
        lines += ["", f"(+{others} more quote{'s' if others > 1 else ''}: use --format json for all)"]
    return "\n".join(lines)


def brief_markdown(result: BriefResult) -> str:
    lines = [f"## {result.briefing.headline}", ""]
    lines += [f"- {sentence}" for sentence in result.briefing.sentences]
    if result.quotes.key_quotes:
        lines += ["", "### Key quotes", ""]
        for quote in result.quotes.key_quotes:
            lines += [f"> “{quote.text}”", f"> — *{attribution(quote)}*", ""]
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
