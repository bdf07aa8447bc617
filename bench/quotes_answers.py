"""Quote digest and answers on the dev set: the 19 quote-bearing articles of rows 0-49 plus the seed.

Gold: ../shared/data/news-quotes (shared annotations) and bench/data/seed-*.jsonl (ours). Scored by
../shared/tools/quote_eval.py. Rows 50-99 of the CNN/DailyMail sample are held out: never scored here.
"""

from __future__ import annotations

import json

from bench.common import DATA, OUT, ROOT, rows, run_tool, table, write_jsonl
from bot.cli import SAMPLE_ARTICLE
from summaries.article import read_article
from summaries.engine import OfflineEngine

OURS = ROOT / "bench" / "data"


def articles() -> dict[str, str]:
    texts = {row["id"]: row["article"] for row in rows(DATA / "news-quotes" / "articles.jsonl")}
    texts["seed"] = SAMPLE_ARTICLE.read_text(encoding="utf-8")
    return texts


def gold(kind: str) -> list[dict]:
    return [*rows(DATA / "news-quotes" / f"dev-{kind}.jsonl"), *rows(OURS / f"seed-{kind}.jsonl")]


def main() -> None:
    engine = OfflineEngine()
    parsed = {key: read_article(text) for key, text in articles().items()}
    quotes = [
        {"article_id": key, "quote": q.text, "speaker": q.speaker}
        for key, article in parsed.items()
        for q in engine.quotes(article).quotes
    ]
    answers = []
    for item in gold("qa"):
        result = engine.answer(parsed[item["article_id"]], item["question"])
        answers.append(
            {
                "article_id": item["article_id"],
                "question": item["question"],
                "answer": result.text,
                "evidence": result.evidence,
            }
        )
    paths = {
        name: (write_jsonl(OUT / f"gold-{name}.jsonl", gold(name)), write_jsonl(OUT / f"pred-{name}.jsonl", pred))
        for name, pred in (("quotes", quotes), ("qa", answers))
    }
    q = json.loads(run_tool("quote_eval.py", "quotes", *map(str, paths["quotes"])))
    a = json.loads(run_tool("quote_eval.py", "qa", *map(str, paths["qa"])))
    print(
        table(
            ["articles", "gold quotes", "predicted", "precision", "recall", "F1", "attribution"],
            [[len(parsed), q["gold"], q["pred"], q["precision"], q["recall"], q["f1"], q["attribution"]]],
        )
    )
    print()
    print(
        table(
            ["questions", "exact match", "token F1", "evidence hit"],
            [[a["questions"], a["exact_match"], a["token_f1"], a["evidence_hit"]]],
        )
    )


if __name__ == "__main__":
    main()
