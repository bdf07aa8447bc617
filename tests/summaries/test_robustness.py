"""Any text, however odd, gets either a briefing with verbatim quotes or a BriefbotError: never a crash."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summaries.article import read_article
from summaries.engine import OfflineEngine
from summaries.errors import BriefbotError

PIECES = st.sampled_from(
    [
        "The",
        "minister",
        "said",
        "he",
        "added",
        "Mr.",
        "U.S.",
        "Zelenskiy",
        "Richard Grenell,",
        "a spokesman",
        '"',
        "'",
        "\u201c",
        "\u201d",
        "\u2018",
        "\u2019",
        ",",
        ".",
        "?",
        "!",
        " . ",
        ":",
        "--",
        "(CNN)",
        "By .",
        "\n",
        "\n\n",
        "\u00a0",
        "would",
        "war",
        "could",
        "lead",
        "to",
        "World War Three",
        "2024",
        "$5m",
        "told",
    ]
)
TEXTS = st.lists(PIECES, min_size=30, max_size=150).map(" ".join) | st.text(max_size=300)
ENGINE = OfflineEngine()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_any_text_is_briefed_or_refused_cleanly(text):
    try:
        article = read_article(text)
    except BriefbotError:
        return
    briefing = ENGINE.brief(article, sentences=3)
    assert len(briefing.sentences) <= 3
    for quote in ENGINE.quotes(article).quotes:
        assert article.text[quote.start : quote.end] == quote.text
    answer = ENGINE.answer(article, "Who said what about the war?")
    assert answer.evidence is None or answer.evidence in article.text


QUESTION_PIECES = st.sampled_from(
    [
        "Who",
        "What's",
        "Which",
        "How many",
        "how far",
        "When",
        "Where",
        "is",
        "the",
        "name of",
        "store",
        "did",
        "Zelenskiy",
        "Richard Grenell",
        "war",
        "'",
        "\u2019s",
        "?",
        "!",
        "-",
        "2024",
        "\u0130zmir",
        "\x0c",
        "  ",
    ]
)
QUESTIONS = st.lists(QUESTION_PIECES, min_size=1, max_size=12).map(" ".join) | st.text(max_size=80)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(QUESTIONS)
def test_any_question_is_answered_from_the_article_or_refused(seed, question):
    try:
        answer = ENGINE.answer(seed, question)
    except BriefbotError:
        return
    assert answer.evidence is None or answer.evidence in seed.text
    assert answer.text is None or answer.text in answer.evidence
