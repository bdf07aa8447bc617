"""The LLM engine against a fake OpenAI-compatible server on loopback (tests/fakes/openai_server.py).

1. Overhead: the server answers after a fixed delay; what the engine adds (offline work, HTTP, JSON, checks) beyond
   it, per article of the shared quote set, median and p95, for a whole reply and a streamed one (server-sent
   events of about a token each; the fake server shares the engine's event loop, so its writing of the chunks is
   counted too); and the checks alone.
2. Fallback: how long until the offline briefing when the server hangs, fails with 500 forever, asks to wait
   longer than the bound, or its stream stalls, is cut off or turns malformed.
3. Quotes: the server offers each gold quote verbatim, paraphrased and invented, plus narrative passed off as a
   quote; how many non-verbatim ones reach the output (must be 0) and how many verbatim ones are kept.

Run: `python -m bench.llm` (needs ../shared/data).
"""

from __future__ import annotations

import asyncio
import json
import logging
import statistics
import time
from collections import defaultdict
from typing import Any

from openai import AsyncOpenAI

from bench.common import table
from bench.quotes_answers import articles
from bench.quotes_answers import gold as gold_rows
from summaries.article import read_article
from summaries.engine import OfflineEngine
from summaries.llm import LLMConfig, LLMEngine, made_by_model
from summaries.llm.verify import ArticleIndex, Checks, verify_briefing, verify_quotes
from summaries.model import Article
from tests.fakes.openai_server import (
    PIECE_CHARS,
    FakeOpenAI,
    Step,
    hang,
    reply,
    running_fake_openai,
    status,
    streamed,
)

SERVER_DELAY = 0.100
ROUNDS = 5
SENTENCES = 4
GOOD = {"headline": "h", "sentences": ["The US has let Ukraine strike inside Russia."], "quotes": []}


def engine_on(server: FakeOpenAI, **overrides: Any) -> LLMEngine:
    config = LLMConfig(**{"model": "fake", "total_timeout": 20.0, **overrides})
    return LLMEngine(AsyncOpenAI(api_key="bench", base_url=server.base_url, max_retries=0), config)


def play(server: FakeOpenAI, *steps: Step) -> None:
    server.script[:] = steps
    server._served = 0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def paraphrase(quote: str, article: Article) -> str | None:
    """The quote with one word changed or dropped, checked not to be in the article; None when none is found."""
    words = quote.split()
    swaps = {"the": "a", "a": "the", "is": "was", "was": "is", "we": "they", "I": "we", "will": "would"}
    for i, word in enumerate(words):
        if word in swaps:
            candidate = " ".join([*words[:i], swaps[word], *words[i + 1 :]])
            break
    else:
        candidate = " ".join(words[:-2] + words[-1:]) if len(words) > 3 else None
    return candidate if candidate and candidate not in article.text else None


def model_reply(article: Article, offered: list[dict]) -> dict:
    return {
        "headline": article.headline,
        "sentences": [s.text for s in article.sentences[:SENTENCES]],
        "quotes": offered,
    }


async def overhead(server: FakeOpenAI, parsed: dict[str, Article], gold: dict[str, list[dict]]) -> list[list[object]]:
    extra: dict[bool, list[float]] = {False: [], True: []}
    checks_ms: list[float] = []
    chunks: list[int] = []
    for _ in range(ROUNDS):
        for stream in (False, True):
            engine = engine_on(server, stream=stream)
            for key, article in parsed.items():
                offered = [{"text": g["quote"], "speaker": g["speaker"], "role": None} for g in gold.get(key, [])]
                content = model_reply(article, offered)
                play(server, reply(content, delay=SERVER_DELAY))
                chunks.append(-(-len(json.dumps(content)) // PIECE_CHARS))
                started = time.perf_counter()
                result = await engine.run(article, sentences=SENTENCES)
                extra[stream].append((time.perf_counter() - started - SERVER_DELAY) * 1000)
                assert made_by_model(result.briefing), result.briefing.engine
                if stream:
                    continue
                started = time.perf_counter()
                index = ArticleIndex(article, OfflineEngine().quotes(article))
                found = Checks()
                verify_briefing(index, article.headline, result.briefing.sentences, count=4, engine="x", checks=found)
                offers = [(q["text"], q["speaker"], q["role"]) for q in offered]
                verify_quotes(index, offers, key_count=4, checks=found)
                checks_ms.append((time.perf_counter() - started) * 1000)
            await engine.aclose()
    whole, streamed_ms = extra[False], extra[True]
    return [
        ["engine time beyond the server's, whole reply", len(whole), statistics.median(whole),
         percentile(whole, 0.95)],
        [f"engine time beyond the server's, streamed reply ({statistics.median(chunks):.0f} chunks)", len(streamed_ms),
         statistics.median(streamed_ms), percentile(streamed_ms, 0.95)],
        ["of which the checks (offline digest, cast, verification)", len(checks_ms), statistics.median(checks_ms),
         percentile(checks_ms, 0.95)],
    ]  # fmt: skip


async def fallback(server: FakeOpenAI, article: Article) -> list[list[object]]:
    cases: list[tuple[str, Step, dict[str, Any], int]] = [
        ("server hangs, bound 20 s (default)", hang(), {}, 1),
        ("server hangs, bound 2 s", hang(), {"total_timeout": 2.0, "request_timeout": 30.0}, 3),
        ("500 forever (retry-after-ms 200), bound 2 s", status(500, {"retry-after-ms": "200"}),
         {"total_timeout": 2.0, "max_attempts": 100}, 3),
        ("500 forever, default 3 attempts, bound 20 s", status(500), {}, 3),
        ("429 Retry-After 60 s > bound 20 s", status(429, {"Retry-After": "60"}), {}, 3),
        ("malformed JSON", reply('{"headline": '), {}, 3),
        ("stream stalls half-way, bound 2 s", streamed(GOOD, end="stall"), {"total_timeout": 2.0}, 3),
        ("stream stalls half-way, request timeout 0.5 s", streamed(GOOD, end="stall"), {"request_timeout": 0.5}, 3),
        ("stream cut off half-way (3 attempts)", streamed(GOOD, end="cut"), {}, 3),
        ("stream ends in malformed JSON", streamed(GOOD, end="malformed"), {}, 3),
    ]  # fmt: skip
    out: list[list[object]] = []
    server.requests.clear()
    for name, step, overrides, runs in cases:
        times = []
        for _ in range(runs):
            engine = engine_on(server, **overrides)
            play(server, step)
            started = time.perf_counter()
            result = await engine.run(article, sentences=SENTENCES)
            times.append(time.perf_counter() - started)
            assert not made_by_model(result.briefing)
            await engine.aclose()
        out.append([name, runs, statistics.median(times), max(times), len(server.requests)])
        server.requests.clear()
    return out


async def quote_safety(server: FakeOpenAI, parsed: dict[str, Article], gold: dict[str, list[dict]]) -> list[object]:
    engine = engine_on(server, key_quotes=100)
    counts: dict[str, int] = defaultdict(int)
    for key, article in parsed.items():
        offered: list[dict] = []
        kinds: dict[str, str] = {}
        index = ArticleIndex(article, OfflineEngine().quotes(article))
        for g in gold.get(key, []):
            place = index.place(g["quote"])
            if place is None:  # the corpus's " . " line wraps, which cleanup mends: the model never sees them
                counts["gold not in the cleaned text"] += 1
            else:
                verbatim = article.text[place[0] : place[1]]
                offered.append({"text": verbatim, "speaker": g["speaker"], "role": None})
                kinds[verbatim] = "verbatim"
            changed = paraphrase(g["quote"], article)
            if changed:
                offered.append({"text": changed, "speaker": g["speaker"], "role": None})
                kinds[changed] = "paraphrased"
        for i, sentence in enumerate(article.sentences[:2]):
            if not any(m in sentence.text for m in "\"\u201c\u201d'\u2018\u2019"):
                offered.append({"text": sentence.text, "speaker": None, "role": None})
                kinds[sentence.text] = "narrative"
            invented = f"We have never seen anything like this in {i + 12} years of work here"
            offered.append({"text": invented, "speaker": "A spokesman", "role": None})
            kinds[invented] = "invented"
        play(server, reply(model_reply(article, offered)))
        result = await engine.run(article, sentences=SENTENCES)
        shown = {q.text for q in result.quotes.quotes}
        for text, kind in kinds.items():
            counts[f"{kind} offered"] += 1
            counts[f"{kind} shown"] += text in shown if kind == "verbatim" else any(text in s for s in shown)
        counts["not verbatim in article"] += sum(article.text[q.start : q.end] != q.text for q in result.quotes.quotes)
        counts["dropped (counted)"] += result.checks.quotes_dropped
    await engine.aclose()
    return [
        len(parsed),
        f"{counts['verbatim shown']}/{counts['verbatim offered']}",
        f"{counts['paraphrased shown']}/{counts['paraphrased offered']}",
        f"{counts['invented shown']}/{counts['invented offered']}",
        f"{counts['narrative shown']}/{counts['narrative offered']}",
        counts["not verbatim in article"],
        counts["dropped (counted)"],
        counts["gold not in the cleaned text"],
    ]


async def main() -> None:
    logging.getLogger("summaries.llm").setLevel(logging.ERROR)
    texts = articles()
    parsed = {key: read_article(text) for key, text in texts.items()}
    gold: dict[str, list[dict]] = defaultdict(list)
    for row in gold_rows("quotes"):
        gold[row["article_id"]].append(row)
    async with running_fake_openai() as server:
        print(
            f"Overhead: {len(parsed)} quote-set articles x {ROUNDS} rounds, server delay {SERVER_DELAY * 1000:.0f} ms"
        )
        print(table(["what", "calls", "median ms", "p95 ms"], await overhead(server, parsed, gold)))
        print("\nFallback to the offline briefing")
        print(table(["server", "runs", "median s", "max s", "requests"], await fallback(server, parsed["seed"])))
        print("\nQuotes offered by the model and shown to readers (all quotations of the digest)")
        header = ["articles", "verbatim", "paraphrased", "invented", "narrative", "not verbatim", "dropped", "skipped"]
        print(table(header, [await quote_safety(server, parsed, gold)]))


if __name__ == "__main__":
    asyncio.run(main())
