"""ROUGE of the 3-sentence briefing on the tuning rows only (the rows SOURCE.md lets us read and tune on).

Rows 50-99 of cnndm-sample.jsonl, lines 40+ of bbc.jsonl and 200+ of cnndm.jsonl are held out: weights are chosen
here and only checked on whole files by bench/summaries.py. Scored in-process with rouge-score as
../shared/tools/summ_eval.py scores (stemmed F1, sentences joined by newlines), so a grid is seconds a point.

    python -m bench.briefing_tuning                      # current weights beside Lead-3 (cleaned)
    python -m bench.briefing_tuning position=1.2 title=0  # any BriefingWeights field overridden
"""

from __future__ import annotations

import sys
from dataclasses import fields, replace
from itertools import islice

from rouge_score import rouge_scorer

from bench.common import DATA, rows, table
from summaries.article import read_article
from summaries.errors import BriefbotError
from summaries.extractive import DEFAULT_WEIGHTS, BriefingWeights, ExtractiveSummarizer
from summaries.model import Article

TUNING_ROWS = {"cnndm-sample.jsonl": 50, "cnndm.jsonl": 200, "bbc.jsonl": 40}
"""The first rows of each file that may be read and tuned on."""
METRICS = ("rouge1", "rouge2", "rougeLsum")

Case = tuple[Article | None, str]
"""An article (None when it cannot be read: scored as an empty summary) and its reference."""


def tuning_cases() -> dict[str, list[Case]]:
    cases: dict[str, list[Case]] = {}
    for name, count in TUNING_ROWS.items():
        cases[name] = []
        for row in islice(rows(DATA / "news-summ" / name), count):
            try:
                article: Article | None = read_article(row["article"], title=row.get("title") or "")
            except BriefbotError:
                article = None
            cases[name].append((article, row["reference"]))
    return cases


def rouge(cases: list[Case], summaries: list[list[str]]) -> list[float]:
    """Mean R1/R2/RLsum F1 x100."""
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    totals = [0.0, 0.0, 0.0]
    for (_, reference), summary in zip(cases, summaries, strict=True):
        result = scorer.score(reference, "\n".join(summary))
        for k, metric in enumerate(METRICS):
            totals[k] += result[metric].fmeasure
    return [100 * t / max(len(cases), 1) for t in totals]


def briefings(cases: list[Case], weights: BriefingWeights) -> list[list[str]]:
    engine = ExtractiveSummarizer(weights)
    return [list(engine.brief(a, sentences=3).sentences) if a else [] for a, _ in cases]


def lead3(cases: list[Case]) -> list[list[str]]:
    return [[s.text for s in a.sentences[:3]] if a else [] for a, _ in cases]


def weights_from(args: list[str]) -> BriefingWeights:
    """`name=value` pairs over the default weights, each cast to its field's type."""
    types = {f.name: type(getattr(DEFAULT_WEIGHTS, f.name)) for f in fields(BriefingWeights)}
    changes = {}
    for arg in args:
        name, _, value = arg.partition("=")
        if name not in types:
            raise SystemExit(f"no weight named {name!r}; known: {', '.join(types)}")
        changes[name] = types[name](value)
    return replace(DEFAULT_WEIGHTS, **changes)


def main() -> None:
    weights = weights_from(sys.argv[1:])
    body = []
    for name, cases in tuning_cases().items():
        rows_label = f"{name} 0-{TUNING_ROWS[name] - 1}"
        body.append([rows_label, "briefbot", *rouge(cases, briefings(cases, weights))])
        body.append([rows_label, "lead3-clean", *rouge(cases, lead3(cases))])
    print(table(["rows", "method", "R1", "R2", "RLsum"], body))


if __name__ == "__main__":
    main()
