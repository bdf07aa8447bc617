"""Quote digest and answers on the dev set: rows 0-49 of the CNN/DailyMail sample plus the seed.

Gold: ../shared/data/news-quotes (shared annotations of the 19 quote-bearing articles), bench/data/seed-*.jsonl
(ours, the seed) and bench/data/extra-qa.jsonl (ours: 3 questions for each of the other 31 articles of rows 0-49):
the dev set the answerer was tuned on. bench/data/check-qa.jsonl (2 more questions for each of rows 0-49, written
after the tuning) is a check: read its score, never tune on it, or it stops telling anything.
Scored by ../shared/tools/quote_eval.py. Rows 50-99 of the CNN/DailyMail sample are held out: never scored here.
"Wrong article" asks every question of another article: each answer given there is a guess that should not be.
"""

from __future__ import annotations

import json

from bench.common import DATA, OUT, ROOT, rows, run_tool, table, write_jsonl
from bot.cli import SAMPLE_ARTICLE
from summaries.article import read_article
from summaries.engine import OfflineEngine
from summaries.model import Article

OURS = ROOT / "bench" / "data"


DEV_ROWS = 50
WRONG_ARTICLE_STRIDE = 7
"""Ask each question of the article this many places on: far enough to be about something else."""


def articles() -> dict[str, str]:
    texts = {row["id"]: row["article"] for row in rows(DATA / "news-quotes" / "articles.jsonl")}
    texts["seed"] = SAMPLE_ARTICLE.read_text(encoding="utf-8")
    return texts


def dev_articles(quoted: dict[str, str]) -> dict[str, str]:
    """The quote-bearing articles and the seed, then the rest of rows 0-49 of the CNN/DailyMail sample."""
    sample = rows(DATA / "news-summ" / "cnndm-sample.jsonl")
    return {**quoted, **{row["id"]: row["article"] for row in sample if row["row"] < DEV_ROWS}}


def gold(kind: str) -> list[dict]:
    return [*rows(DATA / "news-quotes" / f"dev-{kind}.jsonl"), *rows(OURS / f"seed-{kind}.jsonl")]


def ask(engine: OfflineEngine, parsed: dict[str, Article], items: list[dict]) -> list[dict]:
    answers = []
    for item in items:
        result = engine.answer(parsed[item["article_id"]], item["question"])
        answers.append({**item, "answer": result.text, "evidence": result.evidence})
    return answers


def score_answers(name: str, items: list[dict], answers: list[dict]) -> dict:
    paths = write_jsonl(OUT / f"gold-{name}.jsonl", items), write_jsonl(OUT / f"pred-{name}.jsonl", answers)
    return json.loads(run_tool("quote_eval.py", "qa", *map(str, paths)))


def wrong_article_answers(engine: OfflineEngine, parsed: dict[str, Article], items: list[dict]) -> int:
    ids = list(dict.fromkeys(item["article_id"] for item in items))
    elsewhere = [
        {**item, "article_id": ids[(ids.index(item["article_id"]) + WRONG_ARTICLE_STRIDE) % len(ids)]} for item in items
    ]
    return sum(answer["answer"] is not None for answer in ask(engine, parsed, elsewhere))


def main() -> None:
    engine = OfflineEngine()
    quoted = articles()
    parsed = {key: read_article(text) for key, text in dev_articles(quoted).items()}
    quotes = [
        {"article_id": key, "quote": q.text, "speaker": q.speaker}
        for key in quoted
        for q in engine.quotes(parsed[key]).quotes
    ]
    paths = write_jsonl(OUT / "gold-quotes.jsonl", gold("quotes")), write_jsonl(OUT / "pred-quotes.jsonl", quotes)
    q = json.loads(run_tool("quote_eval.py", "quotes", *map(str, paths)))
    print(
        table(
            ["articles", "gold quotes", "predicted", "precision", "recall", "F1", "attribution"],
            [[len(quoted), q["gold"], q["pred"], q["precision"], q["recall"], q["f1"], q["attribution"]]],
        )
    )
    print()
    sets = {"quote articles + seed": gold("qa"), "other 31 of rows 0-49": list(rows(OURS / "extra-qa.jsonl"))}
    sets["dev (both)"] = [item for items in sets.values() for item in items]
    sets["check (never tuned on)"] = list(rows(OURS / "check-qa.jsonl"))
    body = []
    for name, items in sets.items():
        a = score_answers(name.split()[0], items, ask(engine, parsed, items))
        wrong = wrong_article_answers(engine, parsed, items)
        body.append([name, a["questions"], a["exact_match"], a["token_f1"], a["evidence_hit"], wrong / len(items)])
    print(table(["questions", "n", "exact match", "token F1", "evidence hit", "wrong article answered"], body))


if __name__ == "__main__":
    main()
