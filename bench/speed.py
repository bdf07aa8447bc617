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
from summaries.article import read_article
from summaries.engine import OfflineEngine
from summaries.errors import BriefbotError

FILES = ("cnndm-sample.jsonl", "cnndm.jsonl", "bbc.jsonl")
QUESTION = "Who said what about the decision?"


def brief_all(engine: OfflineEngine, texts: list[tuple[str, str]]) -> list[float]:
    times = []
    for title, text in texts:
        start = time.perf_counter()
        try:
            article = read_article(text, title=title)
        except BriefbotError:
            continue
        engine.brief(article, sentences=3)
        engine.quotes(article)
        engine.answer(article, QUESTION)
        times.append(1000 * (time.perf_counter() - start))
    return times


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


if __name__ == "__main__":
    main()
