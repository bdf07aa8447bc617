"""Article extraction on ../shared/data/html-pages: expected snippets kept (recall) and boilerplate dropped
(precision proxy), for briefbot's extraction and for trafilatura called bare, in one run.
"""

from __future__ import annotations

import json
import re
import statistics
import time
from collections.abc import Callable

import trafilatura

from bench.common import DATA, table
from bot.web.extract import OPTIONS, extract_article
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


CANDIDATES: dict[str, dict[str, object]] = {
    "fast, no tables (before issue 16)": {"fast": True, "include_tables": False, "favor_precision": False},
    "fallback, no tables": {"fast": False, "include_tables": False, "favor_precision": False},
    "fallback, tables": {"fast": False, "include_tables": True, "favor_precision": False},
    "fallback, tables, favor_precision": {"fast": False, "include_tables": True, "favor_precision": True},
    "fast, tables, favor_precision": {"fast": True, "include_tables": True, "favor_precision": True},
}
"""trafilatura option sets compared on the same pages; OPTIONS in bot/web/extract.py is the best of them."""


def with_options(options: dict[str, object]) -> Callable[[str, str], str]:
    def extractor(html: str, url: str) -> str:
        try:
            article = extract_article(html, url=url, options=options)
        except BriefbotError:
            return ""
        return f"{article.title or ''}\n{article.text}"

    return extractor


def bare(html: str, url: str) -> str:
    return trafilatura.extract(html, url=url) or ""


def score(extractor: Callable[[str, str], str], expected: dict) -> list[object]:
    kept = kept_total = dropped = dropped_total = 0
    times = []
    for url, item in expected.items():
        html = (PAGES / item["file"]).read_text(encoding="utf-8", errors="replace")
        start = time.perf_counter()
        text = _norm(extractor(html, url))
        times.append(1000 * (time.perf_counter() - start))
        kept += sum(_norm(s) in text for s in item.get("with", []))
        kept_total += len(item.get("with", []))
        dropped += sum(_norm(s) not in text for s in item.get("without", []))
        dropped_total += len(item.get("without", []))
    recall, precision = kept / kept_total, dropped / dropped_total
    return [len(expected), precision, recall, 2 * precision * recall / (precision + recall), statistics.median(times)]


def main() -> None:
    expected = json.loads((PAGES / "expected.json").read_text(encoding="utf-8"))
    body = [[name, *score(fn, expected)] for name, fn in (("briefbot", ours), ("trafilatura bare", bare))]
    print(table(["extractor", "pages", "precision", "recall", "F1", "median ms"], body))
    print(f"\nbriefbot's extraction with each option set (in use: {OPTIONS}):")
    rows = [[name, *score(with_options(options), expected)] for name, options in CANDIDATES.items()]
    rows = [[f"{c:.4f}" if isinstance(c, float) and i in (2, 3, 4) else c for i, c in enumerate(r)] for r in rows]
    print(table(["options", "pages", "precision", "recall", "F1", "median ms"], rows))


if __name__ == "__main__":
    main()
