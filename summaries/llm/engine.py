"""The LLM engine: abstractive briefings and free-form answers from an OpenAI-compatible model, checked so that it
can never invent a quote, and the offline engine whenever the model cannot answer in time.

It meets `summaries.async_engine.AsyncEngine` (coroutines, the same arguments and values as `Engine`). One model
call serves both `brief` and `quotes` of an article (a small in-process memo keyed by the text and the sentence
count); the store's briefing cache should key on `name`, `version` and `settings_key`, and keep only briefings
`made_by_model`, so a fallback is not served later as the model's work.

It is `multilingual`: an article that is not English is briefed by the model in the article's language, checked
the same way, but has no offline fallback (the offline engine reads English only), so when the model fails the
caller gets ModelNeeded, a message saying so, rather than a briefing of text the offline engine cannot read.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from collections import OrderedDict
from dataclasses import dataclass, field

from openai import AsyncOpenAI

from summaries.engine import DEFAULT_SENTENCES, OfflineEngine
from summaries.errors import ModelNeeded
from summaries.llm.budget import DailyTokenBudget
from summaries.llm.client import CHARS_PER_TOKEN, ChatModel, ModelUnavailable
from summaries.llm.config import LLMConfig
from summaries.llm.prompt import PROMPT_VERSION, answer_messages, brief_messages, fit_article
from summaries.llm.schema import ANSWER_SCHEMA, BRIEF_SCHEMA, MalformedOutput, parse_answer, parse_brief
from summaries.llm.verify import ArticleIndex, Checks, verify_answer, verify_briefing, verify_quotes
from summaries.model import ENGLISH, Answer, Article, Briefing, QuoteDigest
from summaries.questions import read_question
from summaries.quotes import find_quotes

logger = logging.getLogger(__name__)

ENGINE_VERSION = "2026.11.27"
MEMO_SIZE = 64
FALLBACK_MEMO_SECONDS = 60.0
"""An offline fallback is reused this long for the same article, so `quotes` after `brief` waits no second time."""


def made_by_model(briefing: Briefing) -> bool:
    """Whether the model wrote `briefing` (else it is the offline fallback, marked so in `engine`)."""
    return briefing.engine.startswith("llm:")


@dataclass(frozen=True, slots=True)
class ModelBriefing:
    """One model call's verified result for an article; `fallback` is why the offline engine answered instead."""

    briefing: Briefing
    quotes: QuoteDigest
    checks: Checks = field(default_factory=Checks)
    fallback: str | None = None
    made_at: float = field(default_factory=time.monotonic)


class LLMEngine:
    """Briefs, quotes and answers through a chat model; `client` should have `max_retries=0` (retries are ours)."""

    name = "llm"
    version = f"{ENGINE_VERSION}+prompt.{PROMPT_VERSION}"
    multilingual = True

    def __init__(
        self,
        client: AsyncOpenAI,
        config: LLMConfig,
        *,
        offline: OfflineEngine | None = None,
        budget: DailyTokenBudget | None = None,
    ) -> None:
        self.config = config
        self.offline = offline or OfflineEngine(key_quotes=config.key_quotes)
        self.budget = budget or DailyTokenBudget(config.daily_token_budget)
        self.model = ChatModel(
            client,
            config.model,
            max_tokens=config.max_tokens,
            temperature=config.temperature,
            request_timeout=config.request_timeout,
            max_attempts=config.max_attempts,
            stream=config.stream,
            on_usage=self._spend,
        )
        self._memo: OrderedDict[tuple[str, int], ModelBriefing] = OrderedDict()
        self._in_flight: dict[tuple[str, int], asyncio.Task[ModelBriefing]] = {}

    async def aclose(self) -> None:
        """Close the HTTP client's connections; call once at shutdown, in the loop that used the engine."""
        await self.model.client.close()

    @property
    def settings_key(self) -> str:
        return f"{self.config.key};prompt={PROMPT_VERSION}"

    @property
    def label(self) -> str:
        return f"llm:{self.config.model}"

    async def brief(self, article: Article, *, sentences: int = DEFAULT_SENTENCES) -> Briefing:
        return (await self.run(article, sentences=sentences)).briefing

    async def quotes(self, article: Article) -> QuoteDigest:
        """The key quotes of the last `brief` of this article (no second call), else of a new one."""
        digest = _fingerprint(article)
        known = next((r for (d, _), r in reversed(self._memo.items()) if d == digest), None)
        return known.quotes if known else (await self.run(article, sentences=DEFAULT_SENTENCES)).quotes

    async def run(self, article: Article, *, sentences: int = DEFAULT_SENTENCES) -> ModelBriefing:
        """Briefing, quote digest and what verification did, from one model call (or the memo, or offline)."""
        key = (_fingerprint(article), sentences)
        known = self._memo.get(key)
        if known and (known.fallback is None or time.monotonic() - known.made_at < FALLBACK_MEMO_SECONDS):
            self._memo.move_to_end(key)
            return known
        task = self._in_flight.get(key)
        if task is None:
            task = asyncio.ensure_future(self._brief(article, sentences))
            self._in_flight[key] = task
            task.add_done_callback(lambda _: self._in_flight.pop(key, None))
        result = await asyncio.shield(task)
        self._memo[key] = result
        while len(self._memo) > MEMO_SIZE:
            self._memo.popitem(last=False)
        return result

    async def answer(self, article: Article, question: str) -> Answer:
        """The model's answer when its evidence sentence is in the article, else the offline answer (for an article
        that is not English: not found when ungrounded, ModelNeeded when the model failed)."""
        asked = read_question(question).text
        messages = answer_messages(fit_article(article, self.config.context_chars), asked, schema=ANSWER_SCHEMA)
        english = article.language == ENGLISH
        try:
            parsed = parse_answer(await self._ask(messages, ANSWER_SCHEMA))
        except (ModelUnavailable, MalformedOutput) as error:
            logger.warning("llm answer fell back to offline: %s", error)
            if not english:
                raise _model_needed(article, "answer about", _reason(error)) from None
            return await asyncio.to_thread(self.offline.answer, article, question)
        index = await asyncio.to_thread(lambda: ArticleIndex(article, self._quotes_seen(article)))
        verified = verify_answer(index, asked, parsed.answer, parsed.evidence)
        if verified is None:
            logger.info("llm answer not grounded in the article, replaced by the offline answer: %r", parsed)
            if not english:
                return Answer(question, None, None)
            return await asyncio.to_thread(self.offline.answer, article, question)
        return verified

    async def _brief(self, article: Article, sentences: int) -> ModelBriefing:
        if article.language == ENGLISH:
            offline_briefing, offline_quotes = await asyncio.to_thread(self._offline, article, sentences)
        else:  # the offline engine cannot brief it; its quote scanner still finds quotations to check against
            offline_briefing, offline_quotes = None, await asyncio.to_thread(self._quotes_seen, article)
        data = fit_article(article, self.config.context_chars)
        messages = brief_messages(data, sentences=sentences, quotes=self.config.key_quotes, schema=BRIEF_SCHEMA)
        try:
            parsed = parse_brief(await self._ask(messages, BRIEF_SCHEMA))
        except (ModelUnavailable, MalformedOutput) as error:
            return self._fallback(article, offline_briefing, offline_quotes, _reason(error))
        index = await asyncio.to_thread(ArticleIndex, article, offline_quotes)
        checks = Checks()
        briefing = verify_briefing(
            index, parsed.headline, parsed.sentences, count=sentences, engine=self.label, checks=checks
        )
        if briefing is None:
            reason = "no sentence of the reply passed the checks"
            return self._fallback(article, offline_briefing, offline_quotes, reason)
        offered = [(q.text, q.speaker, q.role) for q in parsed.quotes]
        digest = verify_quotes(index, offered, key_count=self.config.key_quotes, checks=checks)
        if checks.quotes_dropped or checks.speakers_dropped or checks.sentences_dropped:
            logger.warning(
                "llm output dropped: quotes=%d/%d speakers=%d sentences=%d: %r",
                checks.quotes_dropped, checks.quotes_offered, checks.speakers_dropped, checks.sentences_dropped,
                checks.dropped,
            )  # fmt: skip
        return ModelBriefing(briefing, digest, checks)

    def _fallback(self, article: Article, briefing: Briefing | None, quotes: QuoteDigest, reason: str) -> ModelBriefing:
        """The offline briefing, marked as a fallback; raises ModelNeeded when there is none (not English)."""
        if briefing is None:
            logger.warning("llm briefing failed with no offline fallback (%s): %s", article.language, reason)
            raise _model_needed(article, "brief", reason)
        logger.warning("llm briefing fell back to offline: %s", reason)
        note = f"offline (fallback from {self.label}: {reason})"
        return ModelBriefing(Briefing(briefing.headline, briefing.sentences, note), quotes, fallback=reason)

    def _offline(self, article: Article, sentences: int) -> tuple[Briefing, QuoteDigest]:
        return self.offline.brief(article, sentences=sentences), self.offline.quotes(article)

    def _quotes_seen(self, article: Article) -> QuoteDigest:
        """The offline quote scan, which verification checks against; run for any language (quote marks are)."""
        return find_quotes(article, key_count=self.config.key_quotes)

    async def _ask(self, messages: list[dict[str, str]], schema: dict[str, object]) -> str:
        """The model's reply within the budget and `total_timeout`; raises ModelUnavailable."""
        estimate = sum(len(m["content"]) for m in messages) // CHARS_PER_TOKEN + self.config.max_tokens
        if not self.budget.allows(estimate):
            raise ModelUnavailable("the daily token budget is spent")
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.config.total_timeout
        try:
            async with asyncio.timeout_at(deadline):
                return (await self.model.reply(messages, schema, deadline=deadline)).content
        except TimeoutError:
            raise ModelUnavailable("the model server did not answer in time") from None

    def _spend(self, prompt: int, completion: int) -> None:
        self.budget.spend(prompt + completion, model=self.config.model, prompt=prompt, completion=completion)


def _reason(error: ModelUnavailable | MalformedOutput) -> str:
    return error.reason if isinstance(error, ModelUnavailable) else f"malformed reply: {error}"


def _model_needed(article: Article, what: str, reason: str) -> ModelNeeded:
    seen = f"looks like {article.language}" if article.language else "is not in English"
    return ModelNeeded(
        f"The model could not {what} this article ({reason}), and the offline engine briefs English text only "
        f"(this article {seen}). Try again later."
    )


def _fingerprint(article: Article) -> str:
    return hashlib.sha256(f"{article.title}\x00{article.text}".encode()).hexdigest()
