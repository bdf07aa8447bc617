"""Cleaning clean text changes nothing: the store keeps cleaned text, and its content hash must stay the article's."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summaries.cleanup import clean_body
from tests.conftest import SHARED

CORPUS = SHARED / "data" / "news-summ"

CREDITS = [
    "CNN's Moni Basu reported from Selma.",
    "CNN's Slma Shelbayah wrote and reported from Atlanta.",
    "CNN's Brian Todd and Pamela Brown reported from Washington.",
    "CNN's Catherine E. Shoichet reported from Atlanta and CNN's Richard Roth reported from the United Nations.",
    "CNN's Jim Acosta contributed to this report.",
]
SENTENCES = [
    "Rebels seized an international airport in Yemen Sunday as a U.N. envoy warned of civil war.",
    '"Peaceful dialogue is the only way forward," said Jamal Benomar, the U.N.\'s special adviser on Yemen.',
    "The rebels have also seized security and intelligence buildings in Taiz, the officials said.",
    "Kasparov tweeted from Moscow.",
    "WASHINGTON (CNN) -- The Senate voted on Tuesday to confirm the nominee, aides said.",
    "By . Jill Reilly . PUBLISHED: . 08:06 EST, 5 November 2012 . | . The storm reached the coast overnight.",
]


def corpus_articles() -> list[str]:
    if not CORPUS.exists():
        return []
    return [
        json.loads(line)["article"]
        for path in sorted(CORPUS.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def test_cleaning_twice_equals_cleaning_once_on_every_corpus_article() -> None:
    articles = corpus_articles()
    if not articles:
        pytest.skip("../shared/data is not beside the repository")
    changed = [index for index, raw in enumerate(articles) if clean_body(once := clean_body(raw)) != once]
    assert changed == [], f"{len(changed)} of {len(articles)} articles change when cleaned again"


def test_every_closing_credit_goes() -> None:
    body = f"{SENTENCES[0]} {SENTENCES[2]}\n{CREDITS[0]} {CREDITS[1]}"
    assert clean_body(body) == f"{SENTENCES[0]} {SENTENCES[2]}\n{CREDITS[0]}"
    assert clean_body(f"{SENTENCES[2]} {CREDITS[2]} {CREDITS[4]}") == SENTENCES[2]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(SENTENCES + CREDITS), min_size=1, max_size=4).map(" ".join),
        min_size=1,
        max_size=4,
    ).map("\n".join)
)
def test_cleaning_is_idempotent(raw: str) -> None:
    once = clean_body(raw)
    assert clean_body(once) == once
