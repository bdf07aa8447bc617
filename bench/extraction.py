"""Article extraction on ../shared/data/html-pages: expected snippets kept (recall) and boilerplate dropped
(precision proxy), for briefbot's extraction and for trafilatura called bare, in one run, with the CPU each takes
(thread CPU time, so other processes on the machine do not count).
"""

from __future__ import annotations

import json
import re
import statistics
import time
from collections.abc import Callable

import trafilatura

from bench.common import DATA, table
from bot.web.extract import FALLBACK_BELOW_WORDS, OPTIONS, extract_article
from summaries.errors import BriefbotError

PAGES = DATA / "html-pages"
_SPACE = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text.replace("\u00a0", " ")).strip()


def ours(html: str, url: str) -> str:
    try:
        article = extract_article(html, url=url)
    except BriefbotError:
        return ""
    return f"{article.title or ''}\n{article.text}"


CANDIDATES: dict[str, dict[str, object] | None] = {
    "fast, no tables (before issue 16)": {"fast": True, "include_tables": False, "favor_precision": False},
    "fallback, no tables (issue 16 to 18)": {"fast": False, "include_tables": False, "favor_precision": False},
    f"fast, fallback under {FALLBACK_BELOW_WORDS} words, no tables": None,
    "fallback, tables": {"fast": False, "include_tables": True, "favor_precision": False},
    "fallback, tables, favor_precision": {"fast": False, "include_tables": True, "favor_precision": True},
    "fast, tables, favor_precision": {"fast": True, "include_tables": True, "favor_precision": True},
}
"""trafilatura option sets compared on the same pages; None is briefbot's policy (OPTIONS, and the fallback
extractors only for a short fast result: FALLBACK_BELOW_WORDS in bot/web/extract.py), the best of them."""


def with_options(options: dict[str, object] | None) -> Callable[[str, str], str]:
    def extractor(html: str, url: str) -> str:
        try:
            article = extract_article(html, url=url, options=options)
        except BriefbotError:
            return ""
        return f"{article.title or ''}\n{article.text}"

    return extractor


def bare(html: str, url: str) -> str:
    return trafilatura.extract(html, url=url) or ""


ROUNDS = 3
"""Each page is extracted this many times by every extractor in turn, and its least CPU time kept: on a shared
machine the least is the page's own cost, the rest is other processes evicting caches."""


def score(extractor: Callable[[str, str], str], expected: dict) -> list[object]:
    kept = kept_total = dropped = dropped_total = 0
    for url, item in expected.items():
        text = _norm(extractor(_html(item), url))
        kept += sum(_norm(s) in text for s in item.get("with", []))
        kept_total += len(item.get("with", []))
        dropped += sum(_norm(s) not in text for s in item.get("without", []))
        dropped_total += len(item.get("without", []))
    recall, precision = kept / kept_total, dropped / dropped_total
    return [len(expected), precision, recall, 2 * precision * recall / (precision + recall)]


def cpu_ms(extractors: list[Callable[[str, str], str]], expected: dict) -> list[list[float]]:
    """Per extractor, each page's least CPU time (ms) over ROUNDS, the extractors interleaved page by page."""
    least = [[float("inf")] * len(expected) for _ in extractors]
    for _ in range(ROUNDS):
        for page, (url, item) in enumerate(expected.items()):
            html = _html(item)
            for times, extractor in zip(least, extractors, strict=True):
                start = time.thread_time()
                extractor(html, url)
                times[page] = min(times[page], 1000 * (time.thread_time() - start))
    return least


def _html(item: dict) -> str:
    return (PAGES / item["file"]).read_text(encoding="utf-8", errors="replace")


def scored(named: dict[str, Callable[[str, str], str]], expected: dict) -> list[list[object]]:
    times = cpu_ms(list(named.values()), expected)
    return [
        [name, *score(fn, expected), statistics.median(ms), sum(ms) / 1000]
        for (name, fn), ms in zip(named.items(), times, strict=True)
    ]


def main() -> None:
    expected = json.loads((PAGES / "expected.json").read_text(encoding="utf-8"))
    ours("<html><body><p>warm-up</p></body></html>", "https://example.com/")  # imports and caches: not a page's cost
    header = ["pages", "precision", "recall", "F1", "median CPU ms", "total CPU s"]
    print(table(["extractor", *header], scored({"briefbot": ours, "trafilatura bare": bare}, expected)))
    in_use = f"{OPTIONS}, fallback under {FALLBACK_BELOW_WORDS} words"
    print(f"\nbriefbot's extraction with each option set (in use: {in_use}):")
    rows = scored({name: with_options(options) for name, options in CANDIDATES.items()}, expected)
    rows = [[f"{c:.4f}" if isinstance(c, float) and i in (2, 3, 4) else c for i, c in enumerate(r)] for r in rows]
    print(table(["options", *header], rows))


if __name__ == "__main__":
    main()
