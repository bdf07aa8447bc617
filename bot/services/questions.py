"""Answering a question from an article: one given by URL, or the one last briefed where the question is asked."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from bot.channels import ChannelRef
from bot.replies import AnswerReply, answer_reply
from bot.services.runtime import Runtime
from bot.services.sources import Source, load
from summaries.cleanup import strip_controls
from summaries.errors import BriefbotError
from summaries.model import Article
from summaries.questions import read_question

if TYPE_CHECKING:
    from bot.store import Store


class NothingToAsk(BriefbotError):
    """A question with no article: none given, and none briefed in this channel yet."""


async def ask(
    runtime: Runtime,
    question: str,
    *,
    source: Source | None = None,
    channel: ChannelRef | None = None,
    message_id: str | None = None,
) -> AnswerReply:
    """Answer from `source`, else from the article briefed as `message_id`, else the channel's last article.

    A bad question is refused before anything is fetched.
    """
    question = strip_controls(question)
    read_question(question)
    article = await _article(runtime, source, channel, message_id)
    answer = await runtime.answerer.answer(article, question)
    return answer_reply(answer, article_url=article.url, article_title=article.headline)


async def _article(
    runtime: Runtime, source: Source | None, channel: ChannelRef | None, message_id: str | None
) -> Article:
    if source is not None:
        return (await load(runtime, source, keep=channel is not None)).article
    if channel is not None:
        store = await runtime.store()
        article = await asyncio.to_thread(_last_article, store, channel, message_id)
        if article is not None:
            return article
    raise NothingToAsk("There is no article to ask about yet: send me a link or an article's text first.")


def _last_article(store: Store, channel: ChannelRef, message_id: str | None) -> Article | None:
    """The article briefed as `message_id`, else the channel's last, split into sentences in this thread, not on
    the event loop."""
    record = store.last_article(channel, message_id=message_id)
    if record is None and message_id is not None:  # a thread we never learned the id of: the channel's last
        record = store.last_article(channel)
    return record.article if record is not None else None
