"""Time per article for a full brief (clean-up, briefing, quote digest, one answer), peak RSS and cold start.

One process, after a warm-up pass; medians and p95 because this machine is shared and noisy.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import time

from bench.common import DATA, ROOT, rows, table
from summaries.article import MAX_ARTICLE_CHARS, read_article
from summaries.engine import OfflineEngine
from summaries.errors import BriefbotError

FILES = ("cnndm-sample.jsonl", "cnndm.jsonl", "bbc.jsonl")
QUESTION = "Who said what about the decision?"
TYPED_QUESTIONS = (QUESTION, "How many people were there?", "Which store did Bob go to?", "When did it happen?")


def brief_all(engine: OfflineEngine, texts: list[tuple[str, str]]) -> list[float]:
    times = []
    for title, text in texts:
        start = time.perf_counter()
        try:
            article = read_article(text, title=title)
            engine.brief(article, sentences=3)  # refused when not English
        except BriefbotError:
            continue
        engine.quotes(article)
        engine.answer(article, QUESTION)
        times.append(1000 * (time.perf_counter() - start))
    return times


def worst_cases(texts: list[str]) -> list[list[object]]:
    """Seconds for the largest inputs: real news run together; one 200k-character sentence of capitalised words
    (names, focus nouns and numbers everywhere: the shape that exposes a quadratic scan); a name cut by a long run
    of odd whitespace (form feeds: the shape that makes a regular expression backtrack)."""
    joined = "\n".join(texts)[:MAX_ARTICLE_CHARS]
    words = "Store store Aldo the 1,200 people shop London called Paris Bob went to in 2014 and was".split()
    sentence = " ".join(words[i * 7 % len(words)] for i in range(MAX_ARTICLE_CHARS // 6))[:MAX_ARTICLE_CHARS]
    gap = "The store Aldo was A" + "\x0c" * 50_000 + "b and Bob went there to see it in the town of Paris. " * 2
    engine, out = OfflineEngine(), []
    cases = (("news run together", joined), ("one long sentence", sentence), ("odd whitespace run", gap))
    for name, text in cases:
        start = time.perf_counter()
        article = read_article(f"Worst case\n{text}")
        engine.brief(article, sentences=3)
        engine.quotes(article)
        for question in TYPED_QUESTIONS:
            engine.answer(article, question)
        out.append([name, len(text), time.perf_counter() - start])
    return out


def cold_start(runs: int = 5) -> float:
    """Median wall time of `python -m bot brief` on the sample, a new interpreter each time."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "bot"], cwd=ROOT, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    texts = [(r.get("title") or "", r["article"]) for name in FILES for r in rows(DATA / "news-summ" / name)]
    engine = OfflineEngine()
    brief_all(engine, texts[:100])  # warm-up
    times = sorted(brief_all(engine, texts))
    p95 = times[int(0.95 * (len(times) - 1))]
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        table(
            ["articles", "median ms", "p95 ms", "max ms", "peak RSS MB", "cold start s"],
            [[len(times), statistics.median(times), p95, times[-1], rss_mb, cold_start()]],
        )
    )
    print()
    print(
        table(
            ["worst case", "characters", f"brief + quotes + {len(TYPED_QUESTIONS)} answers, s"],
            worst_cases([text for _, text in texts]),
        )
    )


if __name__ == "__main__":
    main()
