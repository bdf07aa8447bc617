"""Streamed replies (server-sent events read by the real openai client): the usage from the last chunk in the budget,
partial output counted, and the offline briefing within the bound when a stream stalls, is cut off or turns bad."""

from __future__ import annotations

import json
import time
from datetime import date

import pytest

from summaries.llm import DailyTokenBudget, made_by_model
from summaries.llm.client import CHARS_PER_TOKEN
from summaries.model import Article
from tests.fakes.openai_server import PIECE_CHARS, FakeOpenAI, reply, streamed
from tests.summaries.llm.test_failures import GOOD, SLACK, assert_offline
from tests.summaries.llm.test_verification import KLISHAS, brief


@pytest.fixture
def stream() -> bool:
    """Every engine here streams (the other tests of this package run both ways)."""
    return True


def budget() -> DailyTokenBudget:
    return DailyTokenBudget(100_000, today=lambda: date(2026, 11, 27))


def prompt_estimate(fake: FakeOpenAI) -> int:
    return sum(len(m["content"]) for m in fake.requests[0]["messages"]) // CHARS_PER_TOKEN


def sent_before_the_stop(content: str, at: float) -> str:
    pieces = [content[i : i + PIECE_CHARS] for i in range(0, len(content), PIECE_CHARS)]
    return "".join(pieces[: round(len(pieces) * at)])


async def test_a_good_stream_is_the_briefing_with_its_quote_verified_and_its_usage_in_the_budget(
    seed: Article, fake_openai: FakeOpenAI, make_engine
):
    fake_openai.then(streamed(brief([{"text": "\u201c" + KLISHAS + "\u201d", "speaker": "Klishas", "role": None}])))
    spent = budget()
    result = await make_engine(budget=spent, key_quotes=1).run(seed, sentences=2)
    assert made_by_model(result.briefing) and result.briefing.headline == "Biden lets Ukraine strike"
    (quote,) = result.quotes.key_quotes
    assert quote.text == KLISHAS and seed.text[quote.start : quote.end] == KLISHAS
    assert quote.speaker == "Andrei Klishas"  # the cast's full name, as for a whole reply
    sent = fake_openai.requests[0]
    assert sent["stream"] is True and sent["stream_options"] == {"include_usage": True}
    assert spent.used == 1200  # the server's usage, from the stream's last chunk


async def test_a_stream_without_usage_is_counted_by_estimate(seed: Article, fake_openai: FakeOpenAI, make_engine):
    fake_openai.then(streamed(GOOD, usage=False))
    spent = budget()
    result = await make_engine(budget=spent).run(seed, sentences=3)
    assert made_by_model(result.briefing)
    assert spent.used == prompt_estimate(fake_openai) + len(json.dumps(GOOD)) // CHARS_PER_TOKEN


async def test_a_stalled_stream_falls_back_within_the_bound_and_what_arrived_is_counted(
    seed: Article, fake_openai: FakeOpenAI, make_engine
):
    fake_openai.then(streamed(GOOD, end="stall", at=0.5))
    spent = budget()
    started = time.monotonic()
    result = await make_engine(budget=spent, total_timeout=1.0, request_timeout=30.0).run(seed, sentences=3)
    assert time.monotonic() - started < 1.0 + SLACK
    assert_offline(result, seed, "did not answer in time")
    arrived = sent_before_the_stop(json.dumps(GOOD), 0.5)
    assert spent.used == prompt_estimate(fake_openai) + len(arrived) // CHARS_PER_TOKEN


async def test_a_stream_stalled_past_the_request_timeout_is_retried(
    seed: Article, fake_openai: FakeOpenAI, make_engine
):
    fake_openai.then(streamed(GOOD, end="stall"), streamed(GOOD))
    started = time.monotonic()
    result = await make_engine(total_timeout=5.0, request_timeout=0.5).run(seed, sentences=3)
    assert made_by_model(result.briefing) and len(fake_openai.requests) == 2
    assert time.monotonic() - started < 0.5 + 0.5 + SLACK  # the request timeout, the first backoff


async def test_a_trickling_stream_is_bounded_as_a_whole_not_per_chunk(
    seed: Article, fake_openai: FakeOpenAI, make_engine
):
    fake_openai.then(streamed(GOOD, pause=0.1))  # every chunk in time, the whole reply not
    started = time.monotonic()
    result = await make_engine(total_timeout=5.0, request_timeout=0.3, max_attempts=1).run(seed, sentences=3)
    assert time.monotonic() - started < 0.3 + SLACK
    assert_offline(result, seed, "timed out")


async def test_a_stream_cut_off_is_retried_then_falls_back(seed: Article, fake_openai: FakeOpenAI, make_engine):
    fake_openai.then(streamed(GOOD, end="cut"))
    result = await make_engine(max_attempts=2).run(seed, sentences=3)
    assert_offline(result, seed, "stream was cut off")
    assert len(fake_openai.requests) == 2


async def test_a_stream_cut_off_once_then_whole_is_the_models(seed: Article, fake_openai: FakeOpenAI, make_engine):
    fake_openai.then(streamed(GOOD, end="cut"), streamed(GOOD))
    assert made_by_model((await make_engine().run(seed, sentences=3)).briefing)


async def test_a_stream_ending_in_malformed_json_falls_back_at_once(
    seed: Article, fake_openai: FakeOpenAI, make_engine
):
    fake_openai.then(streamed(GOOD, end="malformed"))
    spent = budget()
    result = await make_engine(budget=spent).run(seed, sentences=3)
    assert_offline(result, seed, "malformed stream")
    assert len(fake_openai.requests) == 1
    assert spent.used > prompt_estimate(fake_openai)  # the prompt and the half reply that arrived


async def test_a_server_refusing_stream_options_is_streamed_without_them(
    seed: Article, fake_openai: FakeOpenAI, make_engine
):
    fake_openai.stream_options_support = False
    fake_openai.then(reply(GOOD))
    engine = make_engine()
    assert made_by_model((await engine.run(seed, sentences=3)).briefing)
    assert [("stream_options" in r, r["stream"]) for r in fake_openai.requests] == [(True, True), (False, True)]
    assert engine.model.mode == "json_schema"  # the refusal was not taken for one of the output format
