"""ROUGE of the 3-sentence briefing beside Lead-3 (raw and of our cleaned text) on every news-summ file.

Scored by ../shared/tools/summ_eval.py, the same scorer and sentence splitter for every method, in one run.
"""

from __future__ import annotations

import json

from bench.common import DATA, OUT, rows, run_tool, table, write_jsonl
from summaries.article import read_article
from summaries.engine import OfflineEngine
from summaries.errors import BriefbotError

FILES = ("cnndm-sample.jsonl", "cnndm.jsonl", "bbc.jsonl")


def predictions(name: str) -> tuple[list[dict], list[dict]]:
    engine = OfflineEngine()
    ours, lead = [], []
    for row in rows(DATA / "news-summ" / name):
        try:
            article = read_article(row["article"], title=row.get("title") or "")
            briefing = engine.brief(article, sentences=3)  # refused when not English
        except BriefbotError:
            continue  # scored as an empty summary, as the scorer does for a missing id
        ours.append({"id": row["id"], "summary": list(briefing.sentences)})
        lead.append({"id": row["id"], "summary": [s.text for s in article.sentences[:3]]})
    return ours, lead


def score(name: str) -> list[list[object]]:
    ours, lead = predictions(name)
    data = str(DATA / "news-summ" / name)
    results = {}
    for label, preds in (("briefbot", ours), ("lead3-clean", lead)):
        path = write_jsonl(OUT / f"summ-{label}-{name}", preds)
        results[label] = json.loads(run_tool("summ_eval.py", data, "--pred", str(path), "--no-oracle", "--json"))
    base = results["briefbot"]["methods"]
    body = [[name, m, base[m]["R1"], base[m]["R2"], base[m]["RLsum"]] for m in ("lead3", "textrank")]
    body += [[name, label, *(results[label]["methods"]["pred"][k] for k in ("R1", "R2", "RLsum"))] for label in results]
    return body


def main() -> None:
    body = [line for name in FILES for line in score(name)]
    print(table(["file", "method", "R1", "R2", "RLsum"], body))


if __name__ == "__main__":
    main()
