"""When the model cannot answer (rate limits, errors, hangs, bad JSON, refusals, no budget) the reader still gets a
briefing, from the offline engine, marked as such, within the time bound."""

from __future__ import annotations

import time
from datetime import date

from summaries.engine import OfflineEngine
from summaries.llm import DailyTokenBudget, made_by_model
from summaries.model import Article
from tests.fakes.openai_server import FakeOpenAI, hang, reply, status

GOOD = {"headline": "h", "sentences": ["The US has let Ukraine strike inside Russia."], "quotes": []}
SLACK = 0.5
"""Seconds allowed beyond a bound for the event loop and the offline engine."""


def assert_offline(result, seed: Article, reason: str) -> None:
    assert not made_by_model(result.briefing)
    assert result.briefing.engine.startswith("offline (fallback from llm:fake-model")
    assert reason in result.briefing.engine and reason in (result.fallback or "")
    assert result.briefing.sentences == OfflineEngine().brief(seed, sentences=3).sentences
    assert result.quotes == OfflineEngine().quotes(seed)


async def test_429_then_success_waits_the_retry_after_then_uses_the_reply(
    seed: Article, fake_openai: FakeOpenAI, make_engine
):
    fake_openai.then(status(429, {"Retry-After": "1"}), reply(GOOD))
    result = await make_engine().run(seed, sentences=3)
    assert made_by_model(result.briefing)
    assert len(fake_openai.requests) == 2
    assert fake_openai.arrivals[1] - fake_openai.arrivals[0] >= 1.0


async def test_a_retry_after_beyond_the_bound_falls_back_at_once(seed: Article, fake_openai: FakeOpenAI, make_engine):
    fake_openai.then(status(429, {"Retry-After": "60"}), reply(GOOD))
    started = time.monotonic()
    result = await make_engine(total_timeout=10.0).run(seed, sentences=3)
    assert time.monotonic() - started < SLACK
    assert len(fake_openai.requests) == 1
    assert_offline(result, seed, "rate limiting")


async def test_500_forever_falls_back_within_the_bound(seed: Article, fake_openai: FakeOpenAI, make_engine):
    fake_openai.then(status(500, {"retry-after-ms": "200"}))
    started = time.monotonic()
    result = await make_engine(total_timeout=2.0, max_attempts=100).run(seed, sentences=3)
    elapsed = time.monotonic() - started
    assert elapsed < 2.0 + SLACK
    assert len(fake_openai.requests) >= 5  # retried, 200 ms apart, until the bound
    assert_offline(result, seed, "failed (500)")


async def test_a_hanging_server_falls_back_within_the_bound(seed: Article, fake_openai: FakeOpenAI, make_engine):
    fake_openai.then(hang())
    started = time.monotonic()
    result = await make_engine(total_timeout=1.0, request_timeout=30.0).run(seed, sentences=3)
    assert time.monotonic() - started < 1.0 + SLACK
    assert_offline(result, seed, "did not answer in time")


async def test_a_slow_request_times_out_and_is_retried(seed: Article, fake_openai: FakeOpenAI, make_engine):
    fake_openai.then(hang(), reply(GOOD))
    result = await make_engine(total_timeout=5.0, request_timeout=0.5).run(seed, sentences=3)
    assert made_by_model(result.briefing) and len(fake_openai.requests) == 2


async def test_malformed_json_falls_back(seed: Article, fake_openai: FakeOpenAI, make_engine):
    fake_openai.then(reply('{"headline": "h", "sentences": ["cut off'))
    assert_offline(await make_engine().run(seed, sentences=3), seed, "malformed reply")


async def test_json_of_the_wrong_shape_falls_back(seed: Article, fake_openai: FakeOpenAI, make_engine):
    fake_openai.then(reply({"headline": "h", "sentences": "one string, not a list", "quotes": []}))
    assert_offline(await make_engine().run(seed, sentences=3), seed, "malformed reply")


async def test_a_refusal_falls_back(seed: Article, fake_openai: FakeOpenAI, make_engine):
    fake_openai.then(reply("", refusal="I can't help with that."))
    assert_offline(await make_engine().run(seed, sentences=3), seed, "declined")


async def test_a_reply_cut_at_the_token_limit_falls_back(seed: Article, fake_openai: FakeOpenAI, make_engine):
    fake_openai.then(reply(GOOD, finish_reason="length"))
    assert_offline(await make_engine().run(seed, sentences=3), seed, "token limit")


async def test_an_unknown_model_falls_back_without_retrying(seed: Article, fake_openai: FakeOpenAI, make_engine):
    fake_openai.then(status(404, message="model not found"))
    assert_offline(await make_engine().run(seed, sentences=3), seed, "refused the request")
    assert len(fake_openai.requests) == 1


async def test_the_daily_budget_reached_is_offline_without_a_call_and_said_so(
    seed: Article, fake_openai: FakeOpenAI, make_engine
):
    day = [date(2026, 11, 27)]
    budget = DailyTokenBudget(3000, today=lambda: day[0])
    fake_openai.then(reply(GOOD))
    engine = make_engine(budget=budget, max_tokens=800)
    assert made_by_model((await engine.run(seed, sentences=3)).briefing)
    assert budget.used == 1200  # the fake server's reported usage
    second = await engine.run(seed, sentences=2)
    assert not made_by_model(second.briefing) and "daily token budget" in second.briefing.engine
    assert len(fake_openai.requests) == 1
    day[0] = date(2026, 11, 28)
    assert made_by_model((await engine.run(seed, sentences=1)).briefing)
    assert len(fake_openai.requests) == 2


async def test_an_answer_falls_back_to_the_offline_answer_when_the_server_fails(
    seed: Article, fake_openai: FakeOpenAI, make_engine
):
    fake_openai.then(status(503, {"Retry-After": "60"}))
    question = "Who criticized the decision?"
    assert await make_engine().answer(seed, question) == OfflineEngine().answer(seed, question)
